package org.flowgate.dataplane.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapNgWriter;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.replay.ReplayReport;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Captures written by the project's own writers, replayed through the SPU shards. */
class FlowEngineReplayTest {
  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final long SECOND = 1_000_000_000L;

  @TempDir Path dir;

  private static List<SessionSnapshot> all(FlowEngine engine) {
    List<SessionSnapshot> all = new ArrayList<>();
    engine.sessions(SessionFilter.ALL).forEach(all::addAll);
    all.sort(
        Comparator.comparing((SessionSnapshot s) -> s.forward().sourceAddress())
            .thenComparing(s -> s.forward().sourcePort()));
    return all;
  }

  private static String describe(SessionSnapshot s) {
    return s.forward().sourceAddress()
        + "/"
        + s.forward().sourcePort()
        + "->"
        + s.forward().destinationAddress()
        + "/"
        + s.forward().destinationPort()
        + " p"
        + s.forward().protocol()
        + " "
        + s.forward().packets()
        + "/"
        + s.forward().bytes()
        + " "
        + s.reverse().packets()
        + "/"
        + s.reverse().bytes()
        + " "
        + s.state();
  }

  @ParameterizedTest
  @ValueSource(
      ints = {
        LinkType.ETHERNET,
        LinkType.LINUX_SLL,
        LinkType.LINUX_SLL2,
        LinkType.RAW,
        LinkType.IPV4,
        LinkType.NULL,
        LinkType.PPP,
        LinkType.NFLOG
      })
  void everyLinkTypeGivesTheSameSession(int linkType) throws IOException {
    Path file = dir.resolve("link-" + linkType + ".pcap");
    try (PcapWriter writer = PcapWriter.open(file, linkType, false, ByteOrder.LITTLE_ENDIAN)) {
      writer.write(
          T0,
          PacketBuilder.frame(
              linkType,
              PacketBuilder.ipv4("192.168.1.5", "198.51.100.5")
                  .udp(1000, 2000)
                  .payloadLength(12)
                  .ip()));
      writer.write(
          T0 + SECOND,
          PacketBuilder.frame(
              linkType,
              PacketBuilder.ipv4("198.51.100.5", "192.168.1.5")
                  .udp(2000, 1000)
                  .payloadLength(40)
                  .ip()));
    }
    try (FlowEngine engine = new FlowEngine(FactoryDefault.config().withMaximumSessions(4096), 1)) {
      ReplayReport report = engine.replay(List.of(file), -1);
      assertThat(report.ok()).isTrue();
      assertThat(all(engine))
          .extracting(FlowEngineReplayTest::describe)
          .containsExactly("192.168.1.5/1000->198.51.100.5/2000 p17 1/40 1/68 VALID");
    }
  }

  @Test
  void ipv6LinkTypeAndPcapngWithTwoInterfaces() throws IOException {
    Path file = dir.resolve("two.pcapng");
    try (PcapNgWriter writer = PcapNgWriter.open(file)) {
      int ethernet = writer.addInterface(LinkType.ETHERNET, false);
      int raw6 = writer.addInterface(LinkType.IPV6, true);
      writer.write(
          ethernet,
          T0,
          PacketBuilder.ipv4("192.168.1.5", "198.51.100.5").icmpEcho(true, 9, 1).ethernet());
      writer.write(
          raw6, T0 + 1, PacketBuilder.ipv6("2001:db8:1::5", "2001:db8:ffff::5").udp(5, 6).ip());
      writer.write(
          ethernet,
          T0 + 2,
          PacketBuilder.ipv4("198.51.100.5", "192.168.1.5").icmpEcho(false, 9, 1).ethernet());
    }
    try (FlowEngine engine = new FlowEngine(FactoryDefault.config().withMaximumSessions(4096), 1)) {
      engine.replay(List.of(file), -1);
      assertThat(all(engine))
          .extracting(FlowEngineReplayTest::describe)
          .containsExactly(
              "192.168.1.5/9->198.51.100.5/1 p1 1/28 1/28 VALID",
              "2001:db8:1::5/5->2001:db8:ffff::5/6 p17 1/48 0/0 VALID");
    }
  }

  @Test
  void aCorruptCaptureStopsAtTheBadRecordAndKeepsWhatCameBefore() throws IOException {
    Path file = dir.resolve("corrupt.pcap");
    try (PcapWriter writer =
        PcapWriter.open(file, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      writer.write(T0, PacketBuilder.ipv4("192.168.1.5", "198.51.100.5").udp(1, 2).ethernet());
      writer.write(
          T0 + SECOND, PacketBuilder.ipv4("192.168.1.6", "198.51.100.5").udp(1, 2).ethernet());
    }
    byte[] bytes = Files.readAllBytes(file);
    long secondRecord = 24 + 16 + 42;
    bytes[(int) secondRecord + 8] = (byte) 0xff; // captured length of record 2 far past the end
    bytes[(int) secondRecord + 9] = (byte) 0xff;
    Files.write(file, bytes);
    try (FlowEngine engine = new FlowEngine(FactoryDefault.config().withMaximumSessions(4096), 1)) {
      ReplayReport report = engine.replay(List.of(file), -1);
      assertThat(report.ok()).isFalse();
      assertThat(report.captures().get(0).error().offsetBytes()).isEqualTo(secondRecord);
      assertThat(report.captures().get(0).error().toString())
          .contains("corrupt.pcap")
          .contains(String.valueOf(secondRecord));
      assertThat(all(engine))
          .extracting(s -> s.forward().sourceAddress().toString())
          .containsExactly("192.168.1.5");
    }
  }

  @Test
  void anUnknownFormatIsReportedAndTheNextCaptureStillReplays() throws IOException {
    Path junk = Files.writeString(dir.resolve("notes.pcap"), "this is not a capture");
    Path good = dir.resolve("good.pcap");
    try (PcapWriter writer = PcapWriter.open(good, LinkType.ETHERNET, true, ByteOrder.BIG_ENDIAN)) {
      writer.write(T0, PacketBuilder.ipv4("192.168.1.5", "198.51.100.5").udp(1, 2).ethernet());
    }
    try (FlowEngine engine = new FlowEngine(FactoryDefault.config().withMaximumSessions(4096), 1)) {
      ReplayReport report = engine.replay(List.of(junk, good), -1);
      assertThat(report.captures().get(0).openError()).contains("notes.pcap");
      assertThat(report.captures().get(1).ok()).isTrue();
      assertThat(all(engine)).hasSize(1);
    }
  }

  @Test
  void atStopsTheReplayAndAgesSessionsToThatMoment() throws IOException {
    Path file = dir.resolve("at.pcap");
    try (PcapWriter writer =
        PcapWriter.open(file, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      writer.write(T0, PacketBuilder.ipv4("192.168.1.5", "198.51.100.5").udp(1, 2).ethernet());
      writer.write(
          T0 + 30 * SECOND, PacketBuilder.ipv4("192.168.1.6", "198.51.100.5").udp(1, 2).ethernet());
      writer.write(
          T0 + 100 * SECOND,
          PacketBuilder.ipv4("192.168.1.7", "198.51.100.5").udp(1, 2).ethernet());
    }
    try (FlowEngine engine = new FlowEngine(FactoryDefault.config().withMaximumSessions(4096), 1)) {
      ReplayReport report = engine.replay(List.of(file), 50 * SECOND);
      assertThat(report.stoppedEarly()).isTrue();
      assertThat(report.packets()).isEqualTo(2);
      assertThat(all(engine))
          .extracting(SessionSnapshot::currentTimeoutSeconds)
          .containsExactly(10, 40);
    }
  }

  /**
   * Builds a mixed capture: many flows of every kind, with replies, FINs, RSTs, errors and
   * fragments.
   */
  private Path mixedCapture() throws IOException {
    Path file = dir.resolve("mixed.pcap");
    try (PcapWriter writer =
        PcapWriter.open(file, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      long t = T0;
      for (int i = 0; i < 300; i++) {
        String client = "192.168.1." + (10 + i % 200); // .1 is the firewall's own address
        String server = "198.51.100." + (10 + i % 97);
        int port = 10_000 + i;
        writer.write(
            t += 1_000_000,
            PacketBuilder.ipv4(client, server).tcp(port, 443, PacketBuilder.SYN, i, 0).ethernet());
        writer.write(
            t += 1_000_000,
            PacketBuilder.ipv4(server, client)
                .tcp(443, port, PacketBuilder.SYN | PacketBuilder.ACK, 7 * i, i + 1)
                .ethernet());
        writer.write(
            t += 1_000_000,
            PacketBuilder.ipv4(client, server).udp(port, 53).payloadLength(i % 50).ethernet());
        writer.write(
            t += 1_000_000, PacketBuilder.ipv4(client, server).icmpEcho(true, i, 1).ethernet());
        if (i % 3 == 0) {
          writer.write(
              t += 1_000_000,
              PacketBuilder.ipv4(server, client).udp(53, port).payloadLength(80).ethernet());
          byte[] quoted = PacketBuilder.ipv4(client, server).udp(port, 53).ip();
          writer.write(
              t += 1_000_000,
              PacketBuilder.ipv4(server, client).icmpError(3, 3, quoted).ethernet());
        }
        if (i % 5 == 0) {
          for (byte[] fragment :
              PacketBuilder.ipv4(client, server)
                  .udp(port, 4789)
                  .identification(i)
                  .payloadLength(2000)
                  .ipv4Fragments(1000)) {
            writer.write(t += 1_000_000, PacketBuilder.frame(LinkType.ETHERNET, fragment));
          }
        }
        if (i % 7 == 0) {
          writer.write(
              t += 1_000_000,
              PacketBuilder.ipv4(server, client)
                  .tcp(443, port, PacketBuilder.RST, 7 * i + 1, 0)
                  .ethernet());
        }
      }
    }
    return file;
  }

  @Test
  void fourSpusHoldExactlyTheSessionsOneSpuHolds() throws IOException {
    Path file = mixedCapture();
    RuntimeConfig config = FactoryDefault.config();
    List<String> one;
    FlowStatistics oneStats;
    try (FlowEngine engine = new FlowEngine(config, 1)) {
      engine.replay(List.of(file), -1);
      one = all(engine).stream().map(s -> describe(s) + " id " + s.sessionId()).sorted().toList();
      oneStats = FlowStatistics.total(engine.statistics());
    }
    try (FlowEngine engine = new FlowEngine(config, 4)) {
      engine.replay(List.of(file), -1);
      List<List<SessionSnapshot>> perSpu = engine.sessions(SessionFilter.ALL);
      assertThat(perSpu).hasSize(4).allSatisfy(spu -> assertThat(spu).isNotEmpty());
      assertThat(all(engine).stream().map(s -> describe(s) + " id " + s.sessionId()).sorted())
          .as("the same sessions with the same ids: a vSRX numbers them across the device")
          .isEqualTo(one);
      FlowStatistics four = FlowStatistics.total(engine.statistics());
      assertThat(four.packetsForwarded()).isEqualTo(oneStats.packetsForwarded());
      assertThat(four.icmpErrorsMatched()).isEqualTo(100);
      assertThat(four.drops(DropReason.FRAGMENT_WITHOUT_FIRST)).isZero();
    }
    assertThat(one).hasSize(300 + 300 + 300 + 60); // TCP, UDP, echo, fragmented UDP
  }

  @Test
  void sessionIdentifierFindsOneSessionAndClearClosesThem() throws IOException {
    Path file = mixedCapture();
    try (FlowEngine engine = new FlowEngine(FactoryDefault.config().withMaximumSessions(4096), 2)) {
      engine.replay(List.of(file), -1);
      SessionSnapshot any = all(engine).get(0);
      assertThat(engine.session(any.sessionId())).isEqualTo(any);
      assertThat(engine.session(any.sessionId() + (1L << 40))).isNull();
      FlowSummary before = FlowSummary.total(engine.summaries());
      long valid = before.validSessions();
      List<SessionSnapshot> listed = all(engine);
      assertThat(before.sessionsInUse()).isEqualTo(listed.size());
      assertThat(valid)
          .isEqualTo(
              listed.stream()
                  .filter(s -> s.state() == org.flowgate.dataplane.session.SessionState.VALID)
                  .count());
      assertThat(before.sessionsInOtherStates()).isZero();
      assertThat(engine.clear(SessionFilter.ALL)).isEqualTo(valid);
      assertThat(FlowSummary.total(engine.summaries()).validSessions()).isZero();
      assertThat(FlowSummary.total(engine.summaries()).invalidatedSessions())
          .isGreaterThanOrEqualTo(valid);
    }
  }

  @Test
  void aReplaySpanningDecadesKeepsSessionsWhole() throws IOException {
    Path file = dir.resolve("decades.pcap");
    long y2024 = 1_717_000_000L * SECOND;
    try (PcapWriter writer =
        PcapWriter.open(file, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      writer.write(SECOND, PacketBuilder.ipv4("192.168.1.5", "198.51.100.5").udp(1, 2).ethernet());
      writer.write(
          2 * SECOND, PacketBuilder.ipv4("198.51.100.5", "192.168.1.5").udp(2, 1).ethernet());
      for (int i = 0; i < 3; i++) {
        writer.write(
            y2024 + i * SECOND,
            PacketBuilder.ipv4("192.168.1.6", "198.51.100.6").udp(3, 4).ethernet());
      }
    }
    try (FlowEngine engine = new FlowEngine(FactoryDefault.config().withMaximumSessions(4096), 1)) {
      engine.replay(List.of(file), -1);
      assertThat(all(engine))
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.forward().packets()).isEqualTo(3);
                assertThat(s.durationSeconds()).isEqualTo(2);
                assertThat(s.startTimeSeconds()).isEqualTo(1_717_000_000L);
                assertThat(s.currentTimeoutSeconds()).isEqualTo(60);
              });
      assertThat(FlowStatistics.total(engine.statistics()).sessionsClosed()).isEqualTo(1);
    }
  }
}
