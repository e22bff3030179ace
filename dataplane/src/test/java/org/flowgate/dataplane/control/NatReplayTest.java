package org.flowgate.dataplane.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.flowgate.dataplane.capture.CaptureReader;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.dataplane.dispatch.NatDispatch;
import org.flowgate.dataplane.dispatch.NatOwnership;
import org.flowgate.dataplane.flow.NatFixtures;
import org.flowgate.dataplane.flow.nat.NatState;
import org.flowgate.dataplane.flow.nat.PortDraws;
import org.flowgate.dataplane.nat.NatConfig;
import org.flowgate.dataplane.nat.NatStatistics;
import org.flowgate.dataplane.nat.SourceNatPool;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.packet.PacketParser;
import org.flowgate.dataplane.policy.PolicyAction;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.runtime.RuntimeConfigBuilder;
import org.flowgate.testkit.DnsMessages;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A capture of an inside network (both directions as the inside hosts see them) replayed through
 * source NAT on one and on several SPUs: every session is translated, every reply finds its
 * session, and no two sessions ever hold the same pool address and port.
 */
class NatReplayTest {
  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final long MILLISECOND = 1_000_000L;
  private static final int CLIENTS = 240;

  @TempDir Path dir;

  private static RuntimeConfig config(NatConfig nat) {
    return new RuntimeConfigBuilder()
        .zone("trust")
        .zone("untrust")
        .interfaceIn("trust", "ge-0/0/1.0", "10.0.0.1/16")
        .interfaceIn("untrust", "ge-0/0/0.0", "203.0.113.1/24")
        .staticRoute("0.0.0.0/0", "203.0.113.254")
        .policy("out", "trust", "untrust", List.of(), List.of(), List.of(), PolicyAction.PERMIT)
        .nat(nat)
        .build();
  }

  /** Each client: a TCP exchange to one of five servers, a DNS query and a ping, with replies. */
  private Path insideCapture() throws IOException {
    Path file = dir.resolve("inside.pcap");
    try (PcapWriter writer =
        PcapWriter.open(file, LinkType.ETHERNET, true, ByteOrder.LITTLE_ENDIAN)) {
      long t = T0;
      for (int c = 0; c < CLIENTS; c++) {
        String client = "10.0." + (1 + c / 200) + "." + (1 + c % 200);
        String server = "198.51.100." + (1 + c % 5);
        int port = 30_000 + c;
        writer.write(
            t += MILLISECOND,
            PacketBuilder.ipv4(client, server).tcp(port, 443, PacketBuilder.SYN, 1, 0).ethernet());
        writer.write(
            t += MILLISECOND,
            PacketBuilder.ipv4(server, client)
                .tcp(443, port, PacketBuilder.SYN | PacketBuilder.ACK, 7, 2)
                .ethernet());
        writer.write(
            t += MILLISECOND,
            PacketBuilder.ipv4(client, server)
                .tcp(port, 443, PacketBuilder.ACK, 2, 8)
                .payloadLength(100)
                .ethernet());
        writer.write(
            t += MILLISECOND,
            PacketBuilder.ipv4(server, client)
                .tcp(443, port, PacketBuilder.ACK, 8, 102)
                .payloadLength(900)
                .ethernet());
        writer.write(
            t += MILLISECOND,
            PacketBuilder.ipv4(client, "192.0.2.53")
                .udp(port, 53)
                .payload(DnsMessages.query(30))
                .ethernet());
        writer.write(
            t += MILLISECOND,
            PacketBuilder.ipv4("192.0.2.53", client)
                .udp(53, port)
                .payload(DnsMessages.response(90))
                .ethernet());
        writer.write(
            t += MILLISECOND,
            PacketBuilder.ipv4(client, "192.0.2.1").icmpEcho(true, c, 1).ethernet());
        writer.write(
            t += MILLISECOND,
            PacketBuilder.ipv4("192.0.2.1", client).icmpEcho(false, c, 1).ethernet());
      }
    }
    return file;
  }

  private static List<SessionSnapshot> all(FlowEngine engine) {
    List<SessionSnapshot> all = new ArrayList<>();
    engine.sessions(SessionFilter.ALL).forEach(all::addAll);
    return all;
  }

  @ParameterizedTest(name = "{0} SPUs")
  @ValueSource(ints = {1, 4})
  void everySessionIsTranslatedAndEveryReplyFindsIt(int spus) throws IOException {
    NatConfig nat =
        NatFixtures.poolNat(
            0, 1, NatFixtures.pool("inet", NatFixtures.range("198.18.0.1", "198.18.0.3"), null));
    Path capture = insideCapture();
    try (FlowEngine engine = new FlowEngine(config(nat), spus)) {
      engine.replay(List.of(capture), -1);
      List<SessionSnapshot> sessions = all(engine);
      assertThat(sessions)
          .as(
              "%s",
              engine.statistics().stream()
                  .map(
                      f ->
                          java.util.Arrays.stream(org.flowgate.dataplane.packet.DropReason.values())
                              .filter(r -> f.drops(r) > 0)
                              .map(r -> r + "=" + f.drops(r))
                              .toList())
                  .toList())
          .hasSize(CLIENTS * 3);
      assertThat(engine.statistics().stream().mapToLong(FlowStatistics::packetsDropped).sum())
          .isZero();
      Set<String> pairs = new HashSet<>();
      for (SessionSnapshot s : sessions) {
        assertThat(s.sourceNatPoolName()).isEqualTo("inet");
        assertThat(s.reverse().packets())
            .as("reply of %s", s.forward())
            .isEqualTo(s.forward().protocol() == 6 ? 2 : 1);
        long hi = s.reverse().destinationAddress().hi();
        long lo = s.reverse().destinationAddress().lo();
        int port = s.reverse().destinationPort();
        assertThat(
                pairs.add(
                    s.reverse().destinationAddress() + "/" + port + "/" + s.forward().protocol()))
            .as("pool address and port held once")
            .isTrue();
        assertThat(NatOwnership.ownerOf(hi, lo, port, spus))
            .as("owner of %s/%d", s.reverse().destinationAddress(), port)
            .isEqualTo(s.spu());
      }
      NatStatistics statistics = engine.natStatistics();
      assertThat(statistics.sourceRules().hits()).containsExactly(CLIENTS * 3L);
      assertThat(statistics.sourceRules().sessions()).containsExactly(CLIENTS * 3L);
      assertThat(statistics.sourcePools().getFirst().totalPortsInUse()).isEqualTo(CLIENTS * 3L);
    }
  }

  /**
   * The interface ports each session takes, session by session in capture order, by the rule of
   * {@code SourceNatPorts}: on the lane the dispatcher gives the session's first packet, with port
   * randomization the first free port of the lane at or after the lane's next draw, without it the
   * next free port of the lane in order.
   */
  private static int[] expectedPorts(RuntimeConfig config, Path capture, boolean randomized)
      throws IOException {
    IpAddress address = IpAddress.parse("203.0.113.1");
    SourceNatPool pool = NatState.interfacePool(address);
    PortDraws draws = PortDraws.of(PortDraws.poolSeed(pool), address.hi(), address.lo());
    NatDispatch placement = NatDispatch.of(config);
    int size = pool.ports().size();
    boolean[] taken = new boolean[size];
    int[] next = new int[NatOwnership.LANES];
    List<Integer> ports = new ArrayList<>();
    try (CaptureReader reader = CaptureReader.open(capture)) {
      for (int frame = 0; reader.next(); frame++) {
        if (frame % 8 != 0 && frame % 8 != 4 && frame % 8 != 6) {
          continue; // not the first packet of a session
        }
        PacketDescriptor p = new PacketDescriptor();
        PacketParser.parse(
            reader.segment(),
            reader.frameOffset(),
            reader.capturedLengthBytes(),
            reader.originalLengthBytes(),
            reader.linkType(),
            p);
        int lane =
            placement.lane(
                p.sourceHi,
                p.sourceLo,
                p.destinationHi,
                p.destinationLo,
                p.sourcePort,
                p.destinationPort,
                p.protocol);
        int bit = randomized ? draws.nextStart(lane, size) : next[lane];
        while (taken[bit]
            || NatOwnership.laneOf(address.hi(), address.lo(), pool.ports().low() + bit) != lane) {
          bit = (bit + 1) % size;
        }
        taken[bit] = true;
        next[lane] = (bit + 1) % size;
        ports.add(pool.ports().low() + bit);
      }
    }
    return ports.stream().mapToInt(Integer::intValue).toArray();
  }

  @ParameterizedTest(name = "{0} SPUs, port randomization {1}")
  @CsvSource({"1, true", "1, false", "3, true", "3, false"})
  void theWrittenCaptureHoldsEveryForwardedPacketTranslatedInCaptureOrder(
      int spus, boolean randomized) throws Exception {
    NatConfig nat = NatFixtures.interfaceNat(0, 1).withPortRandomization(randomized);
    Path capture = insideCapture();
    int[] expectedPorts = expectedPorts(config(nat), capture, randomized);
    Path written = dir.resolve("forwarded-" + spus + "-" + randomized + ".pcap");
    try (FlowEngine engine = new FlowEngine(config(nat), spus)) {
      engine.replay(List.of(capture), -1, List.of(), written);
    }
    List<long[]> in = new ArrayList<>();
    List<PacketDescriptor> out = new ArrayList<>();
    try (CaptureReader original = CaptureReader.open(capture);
        CaptureReader forwarded = CaptureReader.open(written)) {
      while (original.next()) {
        in.add(new long[] {original.timestampNs()});
      }
      while (forwarded.next()) {
        PacketDescriptor p = new PacketDescriptor();
        assertThat(
                PacketParser.parse(
                    forwarded.segment(),
                    forwarded.frameOffset(),
                    forwarded.capturedLengthBytes(),
                    forwarded.originalLengthBytes(),
                    forwarded.linkType(),
                    p))
            .isNull();
        p.timestampNs = forwarded.timestampNs();
        p.segment = null;
        out.add(p);
      }
    }
    assertThat(out).hasSize(in.size());
    Set<Integer> translated = new HashSet<>();
    for (int i = 0; i < out.size(); i++) {
      assertThat(out.get(i).timestampNs)
          .as("frame %d keeps its time and place", i)
          .isEqualTo(in.get(i)[0]);
      boolean request = i % 2 == 0;
      IpAddress leaving =
          new IpAddress(
              request ? out.get(i).sourceHi : out.get(i).destinationHi,
              request ? out.get(i).sourceLo : out.get(i).destinationLo);
      assertThat(leaving.toString())
          .as("frame %d", i)
          .isEqualTo(request ? "203.0.113.1" : inside(i / 8));
      int client = i / 8;
      int kind = i % 8; // 0 SYN, 2 ACK, 4 DNS query, 6 echo request; odd: their replies
      if (request) {
        // sessions start in capture order (TCP, DNS, then the ping of each client); each takes
        // its lane's port, the same for 1 SPU or 3
        int session = 3 * client + (kind == 4 ? 1 : kind == 6 ? 2 : 0);
        assertThat(out.get(i).sourcePort)
            .as("translated port of frame %d", i)
            .isEqualTo(expectedPorts[session]);
        if (kind == 2) {
          assertThat(out.get(i).sourcePort)
              .as("frame %d, the ACK, leaves from its SYN's port", i)
              .isEqualTo(out.get(i - 2).sourcePort);
        } else {
          assertThat(translated.add(out.get(i).sourcePort))
              .as("frame %d's port is its session's alone", i)
              .isTrue();
        }
      }
      if (!request) {
        assertThat(out.get(i).destinationPort)
            .as("frame %d goes back to the client's own port", i)
            .isEqualTo(kind == 7 ? client : 30_000 + client);
      }
    }
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/tshark")),
        "tshark is not installed (apt-get install tshark; .ci/run does): skipping its checksum check");
    Process tshark =
        new ProcessBuilder(
                "tshark",
                "-n",
                "-r",
                written.toString(),
                "-o",
                "ip.check_checksum:TRUE",
                "-o",
                "tcp.check_checksum:TRUE",
                "-o",
                "udp.check_checksum:TRUE",
                "-T",
                "fields",
                "-E",
                "separator=|",
                "-e",
                "ip.checksum.status",
                "-e",
                "tcp.checksum.status",
                "-e",
                "udp.checksum.status",
                "-e",
                "icmp.checksum.status")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    List<String> lines =
        new String(tshark.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    assertThat(tshark.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(lines).hasSize(in.size());
    for (String line : lines) {
      List<String> statuses =
          java.util.Arrays.stream(line.split("\\|", -1)).filter(c -> !c.isEmpty()).toList();
      assertThat(statuses)
          .as("checksum status (1 good, 2 bad) of IP and transport in %s", line)
          .hasSize(2)
          .containsOnly("1");
    }
  }

  private static String inside(int client) {
    return "10.0." + (1 + client / 200) + "." + (1 + client % 200);
  }
}
