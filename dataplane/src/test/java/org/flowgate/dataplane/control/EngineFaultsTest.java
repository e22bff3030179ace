package org.flowgate.dataplane.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.dataplane.flow.SessionEvents;
import org.flowgate.dataplane.flow.SessionView;
import org.flowgate.dataplane.replay.ReplayReport;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.flowgate.dataplane.session.CloseReason;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the engine does when something of Flowgate's own fails outside a packet's decision: a defect
 * in a timer (no packet to drop), a query to an engine that was closed. Each case hung before its
 * fix, so each test has a timeout that fails it rather than the build.
 */
class EngineFaultsTest {
  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final long SECOND = 1_000_000_000L;

  @TempDir Path dir;

  /** One UDP datagram from trust to untrust at the capture's start. */
  private Path oneDatagram(String name, int sourcePort) throws IOException {
    Path file = dir.resolve(name);
    try (PcapWriter writer =
        PcapWriter.open(file, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      writer.write(
          T0,
          PacketBuilder.ipv4("192.168.1.5", "198.51.100.5")
              .udp(sourcePort, 2000)
              .payloadLength(12)
              .ethernet());
    }
    return file;
  }

  /**
   * The session's timeout fires from the replay's last time entry (moved to {@code --at}, no packet
   * carries it) and the session log's listener throws: before, the exception ended the SPU's thread
   * and the replay waited for it forever. Now the fault is counted, the session ends whole (closed
   * and reaped), and the SPU answers and takes the next replay.
   */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aListenerThatThrowsInATimerFromATimeEntryIsCountedAndTheSpuGoesOn() throws IOException {
    SessionEvents throwsOnClose =
        new SessionEvents() {
          @Override
          public void sessionClosed(SessionView session, CloseReason reason) {
            throw new IllegalStateException("a session logger's defect");
          }
        };
    try (FlowEngine engine = new FlowEngine(FactoryDefault.config(), 1, throwsOnClose)) {
      ReplayReport report = engine.replay(List.of(oneDatagram("a.pcap", 1000)), 600 * SECOND);

      assertThat(report.packets()).isEqualTo(1);
      FlowStatistics total = FlowStatistics.total(engine.statistics());
      assertThat(total.timerFaults()).as("the close listener's fault, counted").isEqualTo(1);
      assertThat(total.sessionsCreated()).isEqualTo(1);
      assertThat(total.sessionsClosed()).isEqualTo(1);
      assertThat(engine.summaries().getFirst().validSessions()).isZero();
      assertThat(engine.sessions(SessionFilter.ALL).getFirst())
          .as("reaped after its Invalidated linger, not left without a timer")
          .isEmpty();

      engine.replay(List.of(oneDatagram("b.pcap", 1001)), -1);
      assertThat(FlowStatistics.total(engine.statistics()).sessionsCreated()).isEqualTo(2);
    }
  }

  /** Before, every one of these waited forever for an SPU thread that had ended. */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aClosedEngineRefusesEveryQueryAtOnce() throws IOException {
    Path capture = oneDatagram("a.pcap", 1000);
    FlowEngine engine = new FlowEngine(FactoryDefault.config(), 2);
    engine.close();

    assertThatThrownBy(() -> engine.sessions(SessionFilter.ALL))
        .isInstanceOf(EngineStoppedException.class)
        .hasMessage("the flow subsystem is not running");
    assertThatThrownBy(engine::summaries).isInstanceOf(EngineStoppedException.class);
    assertThatThrownBy(engine::statistics).isInstanceOf(EngineStoppedException.class);
    assertThatThrownBy(() -> engine.clear(SessionFilter.ALL))
        .isInstanceOf(EngineStoppedException.class);
    assertThatThrownBy(() -> engine.commit(FactoryDefault.config()))
        .isInstanceOf(EngineStoppedException.class);
    assertThatThrownBy(() -> engine.replay(List.of(capture), -1))
        .isInstanceOf(EngineStoppedException.class);
  }
}
