package org.flowgate.dataplane.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.net.AddressMatch;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.packet.PacketParser;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.runtime.RuntimeConfigBuilder;
import org.flowgate.dataplane.session.SessionTable;
import org.flowgate.dataplane.spu.SpuAgent;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;

/**
 * The decision point of unified policies allocates nothing (ADR 0033): HTTP sessions that wait
 * under the pre-id default policy and move to their final policy when the server answers cost the
 * SPU's thread no more heap than the same sessions under a traditional rule base. Measured with the
 * JVM's per-thread allocation counter over sessions after a warm-up, not timed.
 */
class UnifiedPoliciesAllocationTest {
  private static final int WARM_UP_SESSIONS = 3_000;
  private static final int MEASURED_SESSIONS = 2_000;

  /** Heap bytes the measured sessions may cost more than the traditional ones (counter noise). */
  private static final long SLACK_BYTES = 16 * 1024;

  private static RuntimeConfig config(boolean unified) {
    RuntimeConfigBuilder builder =
        new RuntimeConfigBuilder()
            .zone("trust")
            .zone("untrust")
            .interfaceIn("trust", "ge-0/0/1.0", "10.0.0.1/16")
            .interfaceIn("untrust", "ge-0/0/0.0", "203.0.113.1/24")
            .staticRoute("0.0.0.0/0", "203.0.113.254")
            .maximumSessions(1 << 14);
    builder.policy(
        "web",
        "trust",
        "untrust",
        AddressMatch.ANY,
        AddressMatch.ANY,
        List.of(),
        PolicyAction.PERMIT,
        false,
        false);
    if (unified) {
      builder.dynamicApplications(List.of("junos:web"));
    }
    builder.policy(
        "rest",
        "trust",
        "untrust",
        AddressMatch.ANY,
        AddressMatch.ANY,
        List.of(),
        PolicyAction.PERMIT,
        false,
        false);
    return builder.build();
  }

  /** Five frames a session: handshake, a GET, the answer that names HTTP. */
  private static List<MemorySegment> frames(int sessions) {
    byte[] get = "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    byte[] ok =
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII);
    List<MemorySegment> frames = new ArrayList<>();
    for (int i = 0; i < sessions; i++) {
      int host = i + 256; // clear of the interface address 10.0.0.1
      String client = "10.0." + (host >>> 8 & 0xff) + "." + (host & 0xff);
      // a server of its own: the application system cache would name a second session at once
      String server = "172.16." + (host >>> 8 & 0xff) + "." + (host & 0xff);
      int port = 20_000 + i;
      long c = 1000;
      long s = 5000;
      frames.add(seg(PacketBuilder.ipv4(client, server).tcp(port, 80, PacketBuilder.SYN, c++, 0)));
      frames.add(
          seg(
              PacketBuilder.ipv4(server, client)
                  .tcp(80, port, PacketBuilder.SYN | PacketBuilder.ACK, s++, c)));
      frames.add(seg(PacketBuilder.ipv4(client, server).tcp(port, 80, PacketBuilder.ACK, c, s)));
      frames.add(
          seg(
              PacketBuilder.ipv4(client, server)
                  .tcp(port, 80, PacketBuilder.ACK | PacketBuilder.PSH, c, s)
                  .payload(get)));
      c += get.length;
      frames.add(
          seg(
              PacketBuilder.ipv4(server, client)
                  .tcp(80, port, PacketBuilder.ACK | PacketBuilder.PSH, s, c)
                  .payload(ok)));
    }
    return frames;
  }

  private static MemorySegment seg(PacketBuilder packet) {
    return MemorySegment.ofArray(packet.ethernet());
  }

  /** Heap bytes the SPU's thread allocates for the measured sessions. */
  private static long allocatedBytes(boolean unified, List<MemorySegment> frames) {
    SpuAgent spu = new SpuAgent(0, new SessionTable(1 << 14), config(unified));
    spu.startClock(1_000_000_000L);
    int[] moved = new int[1];
    spu.setEvents(
        new org.flowgate.dataplane.flow.SessionEvents() {
          @Override
          public void sessionPolicyMatched(org.flowgate.dataplane.flow.SessionView session) {
            moved[0]++;
          }
        });
    PacketDescriptor packet = new PacketDescriptor();
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    int warmUpFrames = WARM_UP_SESSIONS * 5;
    long before = 0;
    long nowNs = 1_000_000_000L;
    for (int i = 0; i < frames.size(); i++) {
      if (i == warmUpFrames) {
        before = threads.getCurrentThreadAllocatedBytes();
      }
      MemorySegment frame = frames.get(i);
      int length = (int) frame.byteSize();
      PacketParser.parse(frame, 0, length, length, LinkType.ETHERNET, packet);
      nowNs += 1_000;
      packet.timestampNs = nowNs;
      spu.process(packet);
    }
    long after = threads.getCurrentThreadAllocatedBytes();
    if (unified) {
      assertThat(moved[0])
          .as("every session moved from the pre-id default policy to web")
          .isEqualTo(frames.size() / 5);
    }
    return after - before;
  }

  @Test
  void movingSessionsToTheirFinalPolicyAllocatesNothing() {
    List<MemorySegment> frames = frames(WARM_UP_SESSIONS + MEASURED_SESSIONS);
    long traditional = allocatedBytes(false, frames);
    long unified = allocatedBytes(true, frames);
    traditional = Math.min(traditional, allocatedBytes(false, frames));
    unified = Math.min(unified, allocatedBytes(true, frames));
    assertThat(unified)
        .as("heap bytes for %d sessions, unified (traditional: %d)", MEASURED_SESSIONS, traditional)
        .isLessThanOrEqualTo(traditional + SLACK_BYTES);
  }
}
