package org.flowgate.mgmt.appqos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flowgate.config.compile.CompileResult;
import org.flowgate.config.compile.JunosCompiler;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.control.FlowStatistics;
import org.flowgate.dataplane.control.TrafficControlStatistics;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.mgmt.command.OperationalCommands;
import org.flowgate.testkit.PacketBuilder;
import org.flowgate.testkit.TlsMessages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session's whole way through unified policies and AppQoS (ADR 0033, 0034, 0044): it starts under
 * the pre-id default policy, is identified by its TLS ClientHello's server name after the
 * handshake, moves to its final policy, and from then on runs under that policy's rule-set: its
 * packets are counted and rate-limited by the final policy's rule, exactly as a token bucket at the
 * limiter's rate passes them, and the session view shows the rule-set and rule.
 *
 * <pre>
 *  trust 10.0.1.1:40001 ──► untrust 198.51.100.10:443
 *  policies trust → untrust:  4 stream  dynamic-application my-video (user group: junos:YOUTUBE)
 *                                       permit, rule-set video
 *                             5 rest    (traditional) permit
 *  rule-set video: rule yt, application-group my-video, server-to-client limiter yt-64k
 *  yt-64k: 64 kbps = 8 000 bytes/s, burst 3 000 bytes
 *
 *  t (ms)    what
 *  0-2       SYN, SYN-ACK, ACK                        pre-id-default-policy (3), no rule-set
 *  3         ClientHello, server_name www.youtube.com junos:SSL nested junos:YOUTUBE: final
 *                                                     policy stream, rule yt
 *  4         ServerHello                              server-to-client: through yt-64k
 *  50-1500   30 server packets of 1 000 IP bytes, 50 ms apart (20 000 bytes/s): the bucket
 *            passes the burst and its refills, drops the rest
 * </pre>
 */
class PreIdToFinalRuleSetTest {
  private static final long T0 = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z
  private static final long MS = 1_000_000L;
  private static final String CLIENT = "10.0.1.1";
  private static final String SERVER = "198.51.100.10";
  private static final int DATA_PACKETS = 30;

  private static final String CONFIG =
      """
      set system host-name edge
      set interfaces ge-0/0/0 unit 0 family inet address 203.0.113.1/24
      set interfaces ge-0/0/1 unit 0 family inet address 10.0.0.1/16
      set routing-options static route 0.0.0.0/0 next-hop 203.0.113.254
      set security zones security-zone trust interfaces ge-0/0/1.0
      set security zones security-zone untrust interfaces ge-0/0/0.0
      set services application-identification application-group my-video applications junos:YOUTUBE
      set class-of-service application-traffic-control rate-limiters yt-64k bandwidth-limit 64
      set class-of-service application-traffic-control rate-limiters yt-64k burst-size-limit 3000
      set class-of-service application-traffic-control rule-sets video rule yt match application-group my-video
      set class-of-service application-traffic-control rule-sets video rule yt then rate-limit server-to-client yt-64k
      set security policies from-zone trust to-zone untrust policy stream match source-address any destination-address any application any dynamic-application my-video
      set security policies from-zone trust to-zone untrust policy stream then permit application-services application-traffic-control rule-set video
      set security policies from-zone trust to-zone untrust policy rest match source-address any destination-address any application any
      set security policies from-zone trust to-zone untrust policy rest then permit
      """;

  @TempDir Path dir;

  private final List<Long> times = new ArrayList<>();
  private final List<byte[]> frames = new ArrayList<>();

  /** The server-to-client packets after the ClientHello: their times and IP lengths. */
  private final List<long[]> limited = new ArrayList<>();

  private long clientSequence = 1_000;
  private long serverSequence = 90_000;

  private void add(long atMs, byte[] frame) {
    times.add(T0 + atMs * MS);
    frames.add(frame);
  }

  private byte[] client(int flags, byte[] payload) {
    byte[] frame =
        PacketBuilder.ipv4(CLIENT, SERVER)
            .tcp(40001, 443, flags, clientSequence, serverSequence)
            .payload(payload)
            .ethernet();
    clientSequence += payload.length;
    return frame;
  }

  private byte[] server(int flags, byte[] payload) {
    byte[] frame =
        PacketBuilder.ipv4(SERVER, CLIENT)
            .tcp(443, 40001, flags, serverSequence, clientSequence)
            .payload(payload)
            .ethernet();
    serverSequence += payload.length;
    return frame;
  }

  private static int ipLength(byte[] ethernetFrame) {
    return (ethernetFrame[16] & 0xff) << 8 | ethernetFrame[17] & 0xff;
  }

  private Path capture() throws IOException {
    add(0, client(PacketBuilder.SYN, new byte[0]));
    clientSequence++;
    add(1, server(PacketBuilder.SYN | PacketBuilder.ACK, new byte[0]));
    serverSequence++;
    add(2, client(PacketBuilder.ACK, new byte[0]));
    add(
        3,
        client(PacketBuilder.ACK | PacketBuilder.PSH, TlsMessages.clientHello("www.youtube.com")));
    byte[] serverHello = server(PacketBuilder.ACK | PacketBuilder.PSH, TlsMessages.serverHello());
    add(4, serverHello);
    limited.add(new long[] {4, ipLength(serverHello)});
    for (int i = 1; i <= DATA_PACKETS; i++) {
      byte[] data = server(PacketBuilder.ACK, new byte[1000 - 40]);
      add(i * 50L, data);
      limited.add(new long[] {i * 50L, ipLength(data)});
    }
    Path file = dir.resolve("pre-id-to-final.pcap");
    try (PcapWriter writer =
        PcapWriter.open(file, LinkType.ETHERNET, true, ByteOrder.LITTLE_ENDIAN)) {
      for (int i = 0; i < frames.size(); i++) {
        writer.write(times.get(i), frames.get(i));
      }
    }
    return file;
  }

  /** How many of the limited packets a token bucket of 3 000 bytes at 8 000 bytes/s passes. */
  private int passedByTheBucket() {
    long capacity = 3000L * 1_000_000_000L;
    long tokens = capacity;
    long lastNs = -1;
    int passed = 0;
    for (long[] packet : limited) {
      long nowNs = packet[0] * MS;
      if (lastNs >= 0) {
        tokens = Math.min(capacity, tokens + 8000L * (nowNs - lastNs));
      }
      lastNs = nowNs;
      long need = packet[1] * 1_000_000_000L;
      if (tokens >= need) {
        tokens -= need;
        passed++;
      }
    }
    return passed;
  }

  private static FlowEngine engine() {
    CompileResult compiled = JunosCompiler.load(CONFIG, "pre-id.conf");
    assertThat(compiled.errors()).isEmpty();
    return new FlowEngine(compiled.config(), 1);
  }

  @Test
  void theSessionStartsUnderPreIdThenRunsUnderItsFinalPolicysRuleSet() throws IOException {
    Path capture = capture();
    assertThat(ipLength(frames.get(4))).as("ServerHello").isLessThan(200);

    // stopped after the handshake, before the ClientHello: pending, under the pre-id policy
    try (FlowEngine engine = engine()) {
      engine.replay(List.of(capture), 2 * MS + MS / 2);
      String view = new OperationalCommands(engine).execute("show security flow session extensive");
      assertThat(view)
          .contains("Policy name: pre-id-default-policy-logical-system-00/3")
          .contains("Dynamic application: Pending")
          .contains("Application traffic control rule-set: INVALID, Rule: INVALID");
    }

    // stopped after the ClientHello: still pending (TLS identification waits for the server)
    try (FlowEngine engine = engine()) {
      engine.replay(List.of(capture), 3 * MS + MS / 2);
      assertThat(new OperationalCommands(engine).execute("show security flow session extensive"))
          .contains("Policy name: pre-id-default-policy-logical-system-00/3")
          .contains("Dynamic application: Pending");
    }

    // stopped after the ServerHello: identified, moved, the final policy's rule applies
    try (FlowEngine engine = engine()) {
      engine.replay(List.of(capture), 4 * MS + MS / 2);
      String view = new OperationalCommands(engine).execute("show security flow session extensive");
      assertThat(view)
          .contains("Policy name: stream/4")
          .contains("Application traffic control rule-set: video, Rule: yt");
    }

    int passed = passedByTheBucket();
    int dropped = limited.size() - passed;
    assertThat(passed).as("the burst and its refills, not everything").isBetween(5, 25);
    assertThat(dropped).isPositive();
    try (FlowEngine engine = engine()) {
      engine.replay(List.of(capture), -1);
      OperationalCommands cli = new OperationalCommands(engine);
      assertThat(cli.execute("show security flow session extensive"))
          .contains("Policy name: stream/4")
          .contains("Application traffic control rule-set: video, Rule: yt")
          .contains("Dynamic application: junos:SSL")
          .contains("junos:YOUTUBE");
      TrafficControlStatistics stats = engine.trafficControlStatistics().getFirst();
      assertThat(stats.rules())
          .containsExactly(new TrafficControlStatistics.RuleHits("video", "yt", 1));
      assertThat(stats.limiters())
          .as("every server packet after the ClientHello went through the final policy's limiter")
          .containsExactly(
              new TrafficControlStatistics.LimiterPackets("yt-64k", passed, dropped, 0));
      assertThat(stats.sessionsProcessed()).isEqualTo(1);
      assertThat(FlowStatistics.total(engine.statistics()).drops(DropReason.APPQOS_RATE_LIMITED))
          .isEqualTo(dropped);
      assertThat(cli.execute("show class-of-service application-traffic-control statistics rule"))
          .contains("video                   yt                      1");
      assertThat(
              cli.execute(
                  "show class-of-service application-traffic-control statistics rate-limiter"))
          .contains("junos:YOUTUBE");
    }
  }
}
