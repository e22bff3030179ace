package org.flowgate.mgmt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.flowgate.mgmt.command.OperationalCommands;
import org.flowgate.testkit.PacketBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive CLI with its terminal's streams injected: what an operator types, what comes
 * back.
 */
class InteractiveCliTest {
  @TempDir Path dir;

  private String session(String typed) throws IOException {
    Path file = dir.resolve("one.pcap");
    try (PcapWriter writer =
        PcapWriter.open(file, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      writer.write(
          1_700_000_000_000_000_000L,
          PacketBuilder.ipv4("192.168.1.10", "203.0.113.5").udp(5000, 53).ethernet());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (FlowEngine engine = new FlowEngine(FactoryDefault.config().withMaximumSessions(4096), 1);
        Terminal terminal =
            TerminalBuilder.builder()
                .system(false)
                .dumb(true)
                .streams(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)), out)
                .build()) {
      engine.replay(List.of(file), -1);
      new InteractiveCli(new OperationalCommands(engine), "operator", "flowgate").run(terminal);
    }
    // what a person would read: no carriage returns, no terminal control sequences
    return out.toString(StandardCharsets.UTF_8)
        .replace("\r", "")
        .replaceAll("\u001B(\\[[?0-9;]*[A-Za-z]|[=>])", "");
  }

  @Test
  void answersEachCommandAtTheJunosPromptUntilExit() throws IOException {
    String screen =
        session(
            "sh sec fl sess summary\nshow security flow session | count\nexit\nshow never reached\n");
    assertThat(screen)
        .contains("operator@flowgate> ")
        .contains("Unicast-sessions: 1\n")
        .contains("Count: 4 lines\n")
        .doesNotContain("syntax error"); // the line after exit is never run
  }

  @Test
  void aBadCommandGetsItsSyntaxErrorAndTheCliCarriesOn() throws IOException {
    String screen = session("show security flow sesion\nshow security flow session | match In:\n");
    assertThat(screen)
        .contains("syntax error, expecting <command>.")
        .contains("In: 192.168.1.10/5000 --> 203.0.113.5/53;udp");
  }

  @Test
  void tabCompletionComesFromTheCommandTree() {
    try (FlowEngine engine = new FlowEngine(FactoryDefault.config().withMaximumSessions(16), 1)) {
      assertCompletions(new OperationalCommands(engine));
    }
  }

  private static void assertCompletions(OperationalCommands commands) {
    assertThat(commands.completions("show security flow s"))
        .containsExactly("session", "statistics", "status");
    assertThat(commands.completions("show security flow session destination-p"))
        .containsExactly("destination-port", "destination-prefix");
    assertThat(commands.completions("show security flow session protocol tcp s"))
        .containsExactly(
            "services-offload", "session-identifier", "source-port", "source-prefix", "summary");
    assertThat(commands.completions("show security flow session protocol ")).isEmpty();
  }

  @Test
  void aPastedHugeLineIsCutAtTheLimitAndTheCliCarriesOn() throws IOException {
    String huge = "show security flow session " + "x".repeat(20_000);
    long cpuBeforeNs = threadCpuNs();
    String screen = session(huge + "\nshow security flow session summary\n");
    long cpuNs = threadCpuNs() - cpuBeforeNs;
    assertThat(screen).contains("Unicast-sessions: 1\n");
    // the line was cut at the limit: never more than the limit of x's echoed on one line
    assertThat(screen.lines().mapToInt(String::length).max().orElse(0))
        .isLessThan(InteractiveCli.MAXIMUM_LINE_CHARACTERS + 200);
    System.out.println("20,000-character line: " + cpuNs / 1_000_000 + " ms of CPU");
  }

  private static long threadCpuNs() {
    return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }
}
