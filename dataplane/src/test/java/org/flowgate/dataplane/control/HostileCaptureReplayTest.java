package org.flowgate.dataplane.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.replay.ReplayReport;
import org.flowgate.dataplane.replay.TimeJump;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Captures that are legal but unusual, or hostile, replayed through the SPUs: each ends, keeps what
 * it could replay, and counts what it could not.
 */
class HostileCaptureReplayTest {
  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final long SECOND = 1_000_000_000L;

  /** A replay that hangs fails the test instead of the build. */
  private static final Duration BOUND = Duration.ofSeconds(10);

  @TempDir Path dir;

  private static FlowStatistics statistics(FlowEngine engine) {
    return FlowStatistics.total(engine.statistics());
  }

  @Test
  void anEmptyLastRecordIsDroppedAsAnEmptyFrameAndTheReplayEnds() throws IOException {
    Path file = dir.resolve("empty-last.pcap");
    try (PcapWriter writer =
        PcapWriter.open(file, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      writer.write(T0, PacketBuilder.ipv4("192.168.1.5", "198.51.100.5").udp(1, 2).ethernet());
      writer.write(T0 + SECOND, new byte[0]); // 16-byte record header, caplen 0, end of file
    }
    for (int spus : new int[] {1, 3}) {
      try (FlowEngine engine = new FlowEngine(FactoryDefault.config(), spus)) {
        ReplayReport report =
            assertTimeoutPreemptively(BOUND, () -> engine.replay(List.of(file), -1));
        assertThat(report.ok()).isTrue();
        assertThat(report.packets()).isEqualTo(2);
        FlowStatistics total = statistics(engine);
        assertThat(total.drops(DropReason.EMPTY_FRAME)).as("spus %d", spus).isOne();
        assertThat(total.packetsReceived()).isEqualTo(2);
        assertThat(engine.summaries().stream().mapToLong(FlowSummary::validSessions).sum()).isOne();
      }
    }
  }

  @Test
  void aCaptureHoldingOnlyAnEmptyRecordEnds() throws IOException {
    Path file = dir.resolve("only-empty.pcap");
    try (PcapWriter writer = PcapWriter.open(file, LinkType.RAW, true, ByteOrder.BIG_ENDIAN)) {
      writer.write(T0, new byte[0]);
    }
    try (FlowEngine engine = new FlowEngine(FactoryDefault.config(), 2)) {
      ReplayReport report =
          assertTimeoutPreemptively(BOUND, () -> engine.replay(List.of(file), -1));
      assertThat(report.ok()).isTrue();
      assertThat(statistics(engine).drops(DropReason.EMPTY_FRAME)).isOne();
    }
  }

  private static final long YEAR = 365L * 86_400 * SECOND;

  private static long sessionsFrom(FlowEngine engine, String source) {
    return engine.sessions(SessionFilter.ALL).stream()
        .flatMap(List::stream)
        .filter(s -> s.forward().sourceAddress().toString().equals(source))
        .count();
  }

  @Test
  void aTimestampFarInTheFutureMidCaptureNeitherAgesTheSessionsAfterItNorGoesUnsaid()
      throws IOException {
    Path file = dir.resolve("future.pcap");
    byte[] dns = PacketBuilder.ipv4("192.168.1.5", "198.51.100.5").udp(1000, 2000).ethernet();
    try (PcapWriter writer =
        PcapWriter.open(file, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      writer.write(T0, dns);
      writer.write(
          T0 + 80 * YEAR, PacketBuilder.ipv4("192.168.1.6", "198.51.100.6").udp(1, 2).ethernet());
      writer.write(T0 + 2 * SECOND, dns);
    }
    try (FlowEngine engine = new FlowEngine(FactoryDefault.config(), 2)) {
      ReplayReport report = engine.replay(List.of(file), -1);
      assertThat(sessionsFrom(engine, "192.168.1.5")).isOne();
      assertThat(
              engine.sessions(SessionFilter.ALL).stream()
                  .flatMap(List::stream)
                  .filter(s -> s.forward().sourceAddress().toString().equals("192.168.1.5"))
                  .findFirst()
                  .orElseThrow()
                  .forward()
                  .packets())
          .isEqualTo(2);
      assertThat(report.timeJumps())
          .singleElement()
          .satisfies(
              jump -> {
                assertThat(jump.kind()).isEqualTo(TimeJump.Kind.OUTLIER_AHEAD);
                assertThat(jump.record()).isEqualTo(2);
                assertThat(jump.file()).isEqualTo(file);
              });
      assertThat(report.endTimestampNs()).isEqualTo(T0 + 2 * SECOND);
    }
  }

  @Test
  void atBeyondTheEndReplaysEveryPacketAndSaysTheTableIsLaterThanTheLastOne() throws IOException {
    Path file = dir.resolve("short.pcap");
    try (PcapWriter writer =
        PcapWriter.open(file, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      writer.write(
          T0,
          PacketBuilder.ipv4("192.168.1.5", "198.51.100.5")
              .tcp(1000, 80, PacketBuilder.SYN, 1, 0)
              .ethernet());
      writer.write(
          T0 + SECOND, PacketBuilder.ipv4("192.168.1.6", "198.51.100.5").udp(1, 2).ethernet());
    }
    for (long atNs : new long[] {10 * SECOND, Math.round(1e12 * 1e9), Long.MAX_VALUE}) {
      try (FlowEngine engine = new FlowEngine(FactoryDefault.config(), 1)) {
        ReplayReport report = engine.replay(List.of(file), atNs);
        assertThat(report.packets()).as("--at %d ns", atNs).isEqualTo(2);
        assertThat(report.stoppedEarly()).isFalse();
        assertThat(report.endsAfterLastPacket()).isTrue();
        assertThat(report.lastPacketNs()).isEqualTo(T0 + SECOND);
      }
    }
  }

  @Test
  void aCaptureOfALinkTypeFlowgateDoesNotDecodeSaysSoAndIsNotOk() throws IOException {
    Path file = dir.resolve("usb.pcap");
    try (PcapWriter writer = PcapWriter.open(file, 189, false, ByteOrder.LITTLE_ENDIAN)) {
      writer.write(T0, new byte[64]);
      writer.write(T0 + SECOND, new byte[64]);
    }
    try (FlowEngine engine = new FlowEngine(FactoryDefault.config(), 1)) {
      ReplayReport report = engine.replay(List.of(file), -1);
      ReplayReport.CaptureReport capture = report.captures().getFirst();
      assertThat(capture.undecodedRecords()).isEqualTo(2);
      assertThat(capture.undecodedLinkType()).isEqualTo(189);
      assertThat(capture.nothingDecoded()).isTrue();
      assertThat(report.ok()).isFalse();
      assertThat(statistics(engine).drops(DropReason.UNSUPPORTED_LINK_TYPE)).isEqualTo(2);
    }
  }
}
