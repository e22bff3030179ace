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
import org.flowgate.dataplane.flow.FlowStatistics;
import org.flowgate.dataplane.packet.DropReason;
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
}
