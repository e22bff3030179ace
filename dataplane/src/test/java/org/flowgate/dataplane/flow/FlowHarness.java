package org.flowgate.dataplane.flow;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.control.FlowStatistics;
import org.flowgate.dataplane.control.SessionSnapshot;
import org.flowgate.dataplane.control.SessionSnapshots;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.packet.PacketParser;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.flowgate.dataplane.runtime.FlowSettings;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.session.CloseReason;
import org.flowgate.dataplane.session.SessionTable;

/**
 * Drives one SPU's flow processor directly on the test's thread with a manual clock: frames go in
 * at the seconds the test names, sessions and closes come out as snapshots.
 */
final class FlowHarness implements SessionListener {
  static final long START_NS = 1_700_000_000_000_000_000L;

  record Closed(SessionSnapshot session, CloseReason reason) {}

  final FlowProcessor spu;
  final List<Closed> closed = new ArrayList<>();
  private final PacketDescriptor packet = new PacketDescriptor();

  FlowHarness(RuntimeConfig config, int maximumSessions) {
    spu = new FlowProcessor(0, new SessionTable(maximumSessions), config);
    spu.setListener(this);
    spu.startClock(START_NS);
  }

  static FlowHarness factoryDefault() {
    return new FlowHarness(FactoryDefault.config(), 1024);
  }

  static FlowHarness withSettings(FlowSettings settings) {
    return new FlowHarness(FactoryDefault.config().withSettings(settings), 1024);
  }

  /** Sends an Ethernet frame at {@code seconds} after the start; null when forwarded. */
  DropReason send(double seconds, byte[] frame) {
    return send(seconds, frame, LinkType.ETHERNET);
  }

  DropReason send(double seconds, byte[] frame, int linkType) {
    MemorySegment segment = MemorySegment.ofArray(frame);
    DropReason undecodable =
        PacketParser.parse(segment, 0, frame.length, frame.length, linkType, packet);
    long timestamp = START_NS + Math.round(seconds * 1e9);
    if (undecodable != null) {
      spu.countUndecodable(undecodable, timestamp);
      return undecodable;
    }
    packet.timestampNs = timestamp;
    return spu.process(packet);
  }

  /** The last packet as it left: rewritten when NAT translated it. */
  byte[] lastForwarded() {
    return packet
        .segment
        .asSlice(packet.frameOffset, packet.capturedLengthBytes)
        .toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
  }

  void advance(double seconds) {
    spu.advanceTo(START_NS + Math.round(seconds * 1e9));
  }

  /** Every session in the table (valid and invalidated), in slot order. */
  List<SessionSnapshot> sessions() {
    List<SessionSnapshot> all = new ArrayList<>();
    SessionTable table = spu.table();
    for (int slot = 0; slot < table.capacity(); slot++) {
      if (table.state(slot) != 0) {
        all.add(SessionSnapshots.of(spu, slot));
      }
    }
    return all;
  }

  SessionSnapshot only() {
    List<SessionSnapshot> all = sessions();
    if (all.size() != 1) {
      throw new AssertionError("expected one session, found " + all.size() + ": " + all);
    }
    return all.get(0);
  }

  FlowStatistics statistics() {
    return spu.counters().snapshot(0);
  }

  @Override
  public void sessionClosed(FlowProcessor processor, int slot, CloseReason reason) {
    closed.add(new Closed(SessionSnapshots.of(processor, slot), reason));
  }
}
