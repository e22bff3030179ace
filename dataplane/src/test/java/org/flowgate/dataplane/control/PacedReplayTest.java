package org.flowgate.dataplane.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.dataplane.replay.ReplayReport;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replay paced on the wall clock: real or scaled time, and stopping when interrupted. */
class PacedReplayTest {
  private static final long START_NS = 1_700_000_000_000_000_000L;

  @TempDir Path dir;

  /** One UDP packet per new session, {@code gapNs} apart. */
  private Path capture(int packets, long gapNs) throws IOException {
    Path file = dir.resolve("paced.pcap");
    try (PcapWriter writer =
        PcapWriter.open(file, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      for (int i = 0; i < packets; i++) {
        writer.write(
            START_NS + i * gapNs,
            PacketBuilder.ipv4("192.168.1.10", "203.0.113.5").udp(5000 + i, 53).ethernet());
      }
    }
    return file;
  }

  @Test
  void scaledReplayTakesAtLeastTheCaptureTimeDividedBySpeed() throws IOException {
    Path file = capture(3, 200_000_000L); // 0.4 s of capture
    try (FlowEngine engine = new FlowEngine(FactoryDefault.config().withMaximumSessions(4096), 1)) {
      long startNs = System.nanoTime();
      ReplayReport report = engine.replay(List.of(file), -1, List.of(), 2.0);
      long tookNs = System.nanoTime() - startNs;
      assertThat(report.packets()).isEqualTo(3);
      assertThat(tookNs).isGreaterThanOrEqualTo(200_000_000L);
      assertThat(engine.summaries().getFirst().validSessions()).isEqualTo(3);
    }
  }

  @Test
  void interruptStopsAPacedReplayAfterThePacketsHandedOver() throws Exception {
    Path file = capture(2, 3_600_000_000_000L); // the second packet an hour later
    try (FlowEngine engine = new FlowEngine(FactoryDefault.config().withMaximumSessions(4096), 1)) {
      AtomicReference<ReplayReport> report = new AtomicReference<>();
      AtomicReference<Boolean> flagKept = new AtomicReference<>();
      Thread replay =
          Thread.ofPlatform()
              .start(
                  () -> {
                    report.set(engine.replay(List.of(file), -1, List.of(), 1.0));
                    flagKept.set(Thread.currentThread().isInterrupted());
                  });
      // the first packet opens a session; then the replay waits an hour for the second
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (engine.summaries().getFirst().validSessions() < 1 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      replay.interrupt();
      replay.join(10_000);
      assertThat(replay.isAlive()).isFalse();
      assertThat(report.get().packets()).isEqualTo(1);
      assertThat(report.get().stoppedEarly()).isTrue();
      assertThat(flagKept.get()).isTrue();
      // the SPU's clock stays at the last packet: the session did not age out
      assertThat(engine.summaries().getFirst().validSessions()).isEqualTo(1);
    }
  }

  @Test
  void refusesANegativeSpeed() {
    try (FlowEngine engine = new FlowEngine(FactoryDefault.config().withMaximumSessions(4096), 1)) {
      assertThatThrownBy(() -> engine.replay(List.of(), -1, List.of(), -1))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
