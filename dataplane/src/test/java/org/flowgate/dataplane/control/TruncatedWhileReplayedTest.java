package org.flowgate.dataplane.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.dataplane.flow.SessionEvents;
import org.flowgate.dataplane.flow.SessionView;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.replay.ReplayReport;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture truncated by someone else while it is replayed (docs/adr/0018-captures-that-shrink.md):
 * the replay ends, keeps every whole record before the new end, and reports the truncation as a
 * corrupt capture. The truncation happens at an exact record through the engine's record hook.
 */
class TruncatedWhileReplayedTest {
  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final Duration BOUND = Duration.ofSeconds(20);
  private static final int FRAME_BYTES = 100;

  @TempDir Path dir;

  /** {@code count} UDP frames of {@value #FRAME_BYTES} bytes, each its own session. */
  private Path capture(int count) throws IOException {
    Path file = dir.resolve("big.pcap");
    try (PcapWriter writer =
        PcapWriter.open(file, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      for (int i = 0; i < count; i++) {
        writer.write(
            T0 + i * 1_000L,
            PacketBuilder.ipv4("192.168.1." + (1 + i % 200), "198.51.100.5")
                .udp(1024 + i / 200, 53)
                .payloadLength(FRAME_BYTES - 42)
                .ethernet());
      }
    }
    return file;
  }

  private static long recordOffset(int record) {
    return 24 + (long) record * (16 + FRAME_BYTES);
  }

  private static void truncate(Path file, long sizeBytes) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(sizeBytes);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static long sessions(FlowEngine engine) {
    return engine.summaries().stream().mapToLong(FlowSummary::validSessions).sum();
  }

  @Test
  void aTruncationAheadOfTheReaderStopsAtTheLastWholeRecord() throws IOException {
    Path file = capture(30_000); // 3.5 MB: the reader looks at the size every MiB
    int wholeRecords = 20_000;
    long newEnd = recordOffset(wholeRecords) + 50; // inside record 20 000
    try (FlowEngine engine = new FlowEngine(FactoryDefault.config(), 2)) {
      engine.recordHook(
          records -> {
            if (records == 100) {
              truncate(file, newEnd);
            }
          });
      ReplayReport report =
          assertTimeoutPreemptively(BOUND, () -> engine.replay(List.of(file), -1));
      ReplayReport.CaptureReport capture = report.captures().getFirst();
      assertThat(capture.records()).isEqualTo(wholeRecords);
      assertThat(capture.error().offsetBytes()).isEqualTo(recordOffset(wholeRecords));
      assertThat(capture.error().message())
          .startsWith("the file was truncated to " + newEnd + " bytes (from ");
      assertThat(report.ok()).isFalse();
      assertThat(sessions(engine)).isEqualTo(wholeRecords);
    }
  }

  @Test
  void aTruncationBehindTheReaderEndsTheReplayWithTheRecordsBeforeIt() throws IOException {
    Path file = capture(6_000);
    long newEnd = recordOffset(1_000) & -4096; // a page boundary: every later page faults
    try (FlowEngine engine = new FlowEngine(FactoryDefault.config(), 2)) {
      engine.recordHook(
          records -> {
            if (records == 2_000) {
              truncate(file, newEnd);
            }
          });
      ReplayReport report =
          assertTimeoutPreemptively(BOUND, () -> engine.replay(List.of(file), -1));
      ReplayReport.CaptureReport capture = report.captures().getFirst();
      assertThat(report.ok()).isFalse();
      assertThat(capture.error().message()).contains("truncated to " + newEnd + " bytes");
      assertThat(capture.records()).isLessThan(6_000);
      assertThat(sessions(engine)).isGreaterThanOrEqualTo(newEnd / (16 + FRAME_BYTES) - 2 * 16);
    }
  }

  @Test
  void framesTheSpusReachAfterTheTruncationAreDroppedAndCounted() throws Exception {
    Path file = capture(4_000); // fewer than a ring holds: the reader never waits for the SPU
    long newEnd = recordOffset(1_000) & -4096;
    CountDownLatch release = new CountDownLatch(1);
    // the SPU stops at its first session until the file shrank: it has read only that batch
    SessionEvents holdAtFirstSession =
        new SessionEvents() {
          private boolean held;

          @Override
          public void sessionCreated(SessionView session) {
            if (!held) {
              held = true;
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          }
        };
    try (FlowEngine engine = new FlowEngine(FactoryDefault.config(), 1, holdAtFirstSession)) {
      engine.recordHook(
          records -> {
            if (records == 3_000) {
              truncate(file, newEnd);
              release.countDown();
            }
          });
      ReplayReport report =
          assertTimeoutPreemptively(BOUND, () -> engine.replay(List.of(file), -1));
      assertThat(report.ok()).isFalse();
      assertThat(report.captures().getFirst().error().message())
          .contains("truncated to " + newEnd + " bytes");
      FlowStatistics total = FlowStatistics.total(engine.statistics());
      assertThat(total.drops(DropReason.CAPTURE_TRUNCATED)).isPositive();
      assertThat(sessions(engine)).isGreaterThanOrEqualTo(newEnd / (16 + FRAME_BYTES) - 16);
    }
  }
}
