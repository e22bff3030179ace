package org.flowgate.mgmt.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code | match} and {@code | except} with an expression that backtracks catastrophically on the
 * session lines: before the matching was bounded each line took longer than the age of the universe
 * (every 16 of the line's ~60 letters); now the output stops with an error.
 */
class PipeRegexBudgetTest {
  /** Never found (no line has a '!'), after trying every way of picking 16 letters of a line. */
  private static final String BACKTRACKS = "\"(.*[a-z]){16}!\"";

  /** Generous: the command ends in milliseconds; without the bound it never ends. */
  private static final Duration NO_HANG = Duration.ofSeconds(60);

  @TempDir Path dir;
  private FlowEngine engine;
  private OperationalCommands cli;

  @BeforeEach
  void replayTwoSessions() throws IOException {
    Path file = dir.resolve("two.pcap");
    long t0 = 1_700_000_000_000_000_000L;
    try (PcapWriter writer =
        PcapWriter.open(file, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      writer.write(
          t0,
          PacketBuilder.ipv4("192.168.1.10", "203.0.113.5")
              .tcp(40_000, 443, PacketBuilder.SYN, 1, 0)
              .ethernet());
      writer.write(
          t0 + 1, PacketBuilder.ipv4("192.168.1.11", "203.0.113.5").udp(5000, 53).ethernet());
    }
    engine = new FlowEngine(FactoryDefault.config().withMaximumSessions(4096), 1);
    engine.replay(List.of(file), -1);
    cli = new OperationalCommands(engine);
  }

  @AfterEach
  void close() {
    engine.close();
  }

  private String answer(String line, boolean expectedToRun) {
    StringBuilder out = new StringBuilder();
    boolean ran = assertTimeoutPreemptively(NO_HANG, () -> cli.execute(line, out));
    assertThat(ran).as(line).isEqualTo(expectedToRun);
    return out.toString();
  }

  @Test
  void matchStopsTheOutputWithAnErrorWhenItsExpressionBacktracksCatastrophically() {
    String out = answer("show security flow session | match " + BACKTRACKS, false);
    assertThat(out)
        .matches(
            "error: regular expression '\\(\\.\\*\\[a-z\\]\\)\\{16\\}!' is too complex: it"
                + " backtracked past [0-9]+ steps on one line; output stopped\n")
        .doesNotContain("Session ID");
  }

  @Test
  void exceptStopsTheOutputTooAndKeepsTheLinesItPassedBefore() {
    String out = answer("show security flow session | except " + BACKTRACKS, false);
    assertThat(out).contains("is too complex").contains("output stopped");
  }

  @Test
  void theBoundHoldsOnXmlAndJsonOutput() {
    for (String display : List.of("xml", "json")) {
      String out =
          answer(
              "show security flow session | display " + display + " | match " + BACKTRACKS, false);
      assertThat(out).as(display).contains("is too complex").endsWith("output stopped\n");
    }
  }

  @Test
  void ordinaryExpressionsStillFilter() {
    assertThat(answer("show security flow session | match In: | count", true))
        .isEqualTo("Count: 2 lines\n");
    assertThat(answer("show security flow session | except \"(.*[a-z]){3}\" | count", true))
        .isEqualTo("Count: 1 lines\n");
  }
}
