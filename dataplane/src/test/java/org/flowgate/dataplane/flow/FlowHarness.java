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
import org.flowgate.dataplane.spu.SpuAgent;

/**
 * Drives one SPU's flow processor directly on the test's thread with a manual clock: frames go in
 * at the seconds the test names, sessions and closes come out as snapshots.
 */
final class FlowHarness implements SessionEvents {
  static final long START_NS = 1_700_000_000_000_000_000L;

  record Closed(SessionSnapshot session, CloseReason reason) {}

  final SpuAgent spu;
  final List<Closed> closed = new ArrayList<>();

  /** Screen alarms heard: {@code ATTACK zone action}, in order. */
  final List<String> alarms = new ArrayList<>();

  /** Frames the SPU built and sent itself (a reject's answers), in order. */
  final List<byte[]> sent = new ArrayList<>();

  private final PacketDescriptor packet = new PacketDescriptor();

  FlowHarness(RuntimeConfig config, int maximumSessions) {
    spu = new SpuAgent(0, new SessionTable(maximumSessions), config);
    spu.setEvents(this);
    spu.setSink(
        new PacketSink() {
          @Override
          public void forward(PacketDescriptor forwarded) {}

          @Override
          public void send(MemorySegment frame, int lengthBytes, PacketDescriptor cause) {
            sent.add(
                frame.asSlice(0, lengthBytes).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
          }
        });
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
    packet.timestampNs = timestamp;
    if (undecodable != null) {
      long[] before = spu.counters().drops.clone();
      spu.countUndecodable(undecodable, packet);
      return droppedSince(before); // the decoder's reason, or the screen's that named the drop
    }
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
    SessionView view = spu.view();
    for (int slot = 0; slot < view.capacity(); slot++) {
      if (view.at(slot).live()) {
        all.add(SessionSnapshots.of(view));
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
    return FlowStatistics.of(0, spu.counters());
  }

  private DropReason droppedSince(long[] before) {
    for (DropReason reason : DropReason.values()) {
      if (spu.counters().drops[reason.ordinal()] > before[reason.ordinal()]) {
        return reason;
      }
    }
    throw new AssertionError("the undecodable frame was not counted");
  }

  @Override
  public void screenAttack(ScreenAlarm alarm) {
    alarms.add(
        alarm.attack()
            + " "
            + alarm.config().zones().get(alarm.zone()).name()
            + " "
            + (alarm.dropped() ? "drop" : "alarm-without-drop"));
  }

  @Override
  public void sessionClosed(SessionView session, CloseReason reason) {
    closed.add(new Closed(SessionSnapshots.of(session), reason));
  }
}
