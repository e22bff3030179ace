package org.flowgate.mgmt.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.control.FlowSummary;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.flowgate.testkit.PacketBuilder;

/**
 * The operational command parser and the pipe chain, coverage-guided (Jazzer): saved inputs in
 * {@code OperationalCommandsFuzzTestInputs/} run as regression tests; {@code JAZZER_FUZZ=1} fuzzes
 * (docs/reliability.md). Every input is one line of UTF-8 as an operator could type it; the answer
 * is output, or the line with a caret inside it and the reason, never an exception.
 */
class OperationalCommandsFuzzTest {
  private static final long T0 = 1_700_000_000_000_000_000L;

  /** {@code | save FILE} writes where the line says: the fuzzer must not write files. */
  private static final Pattern SAVE_PIPE =
      Pattern.compile("\\|\\s*\"?s", Pattern.CASE_INSENSITIVE); // a pipe's name may be quoted

  private static final Path CAPTURE = fourSessions();
  private static final FlowEngine ENGINE = new FlowEngine(FactoryDefault.config(), 2);
  private static final OperationalCommands COMMANDS = new OperationalCommands(ENGINE);

  private static Path fourSessions() {
    try {
      Path file = Files.createTempFile("flowgate-fuzz-", ".pcap");
      file.toFile().deleteOnExit();
      try (PcapWriter writer =
          PcapWriter.open(file, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
        writer.write(
            T0,
            PacketBuilder.ipv4("192.168.1.10", "203.0.113.5")
                .tcp(40_000, 443, PacketBuilder.SYN, 1, 0)
                .ethernet());
        writer.write(
            T0 + 1, PacketBuilder.ipv4("192.168.1.11", "203.0.113.5").udp(5000, 53).ethernet());
        writer.write(
            T0 + 2,
            PacketBuilder.ipv4("192.168.1.12", "198.51.100.9").icmpEcho(true, 7, 1).ethernet());
        writer.write(
            T0 + 3,
            PacketBuilder.ipv6("2001:db8:1::10", "2001:db8:ffff::80")
                .tcp(50_000, 22, PacketBuilder.SYN, 1, 0)
                .ethernet());
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replays the four sessions again when a {@code clear} took them all. */
  private static void keepSessions() {
    if (ENGINE.summaries().stream().mapToLong(FlowSummary::validSessions).sum() == 0) {
      ENGINE.replay(List.of(CAPTURE), -1);
    }
  }

  private static String line(byte[] input) {
    return new String(input, StandardCharsets.UTF_8);
  }

  /**
   * The furthest a caret may point: the end of the line, or (as Junos marks a command that is
   * incomplete) one column after its last word.
   */
  private static int lastCaretColumn(String line) {
    return Math.max(line.length(), line.stripTrailing().length() + 1);
  }

  private static boolean oneLine(String line) {
    return line.indexOf('\n') < 0 && line.indexOf('\r') < 0;
  }

  @FuzzTest(maxDuration = "10m")
  void parsesAnyLineIntoACommandOrASyntaxErrorInsideIt(byte[] input) {
    String line = line(input);
    CommandParser.Result result = CommandParser.parse(line);
    assertThat(result).isNotNull();
    if (result instanceof CommandParser.SyntaxError error) {
      assertThat(error.column()).as(line).isBetween(0, lastCaretColumn(line));
      assertThat(error.message()).as(line).isNotBlank();
    }
    assertThat(CommandParser.completions(line)).isNotNull();
  }

  @FuzzTest(maxDuration = "10m")
  void answersAnyLineWithOutputOrACaretInsideIt(byte[] input) {
    String line = line(input);
    if (!oneLine(line) || SAVE_PIPE.matcher(line).find()) {
      return;
    }
    StringBuilder out = new StringBuilder();
    boolean ran = COMMANDS.execute(line, out);
    String output = out.toString();
    if (!ran && output.startsWith("error: ")) {
      // a command whose argument names nothing there (a zone, a group): one error, no caret
      assertThat(output).as(line).doesNotContain("Exception");
    } else if (!ran) {
      List<String> lines = output.lines().toList();
      assertThat(lines).as(line).hasSizeGreaterThanOrEqualTo(3);
      assertThat(lines.get(0)).as(line).isEqualTo(line);
      int caret = lines.get(1).indexOf('^');
      assertThat(caret).as(line).isBetween(0, lastCaretColumn(line));
      assertThat(lines.get(1).substring(0, caret)).as(line).isBlank();
    } else {
      assertThat(output).as(line).doesNotContain("Exception");
    }
    keepSessions();
  }
}
