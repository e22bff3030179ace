package org.flowgate.mgmt.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.log.SessionLogRecorder;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Captures replayed through the engine give exactly the expected RT_FLOW lines. The golden files
 * were checked by hand against {@link SessionLogCaptures}: IP byte counts, the 2 s left after a FIN
 * exchange or RST, the 4 s after a response, the 60 s UDP timeout. Close times and elapsed seconds
 * come from 67 ms ticks, so a close due at 23.000 s prints as 22.951 (see docs/adr/0007).
 */
class SessionLogReplayTest {
  @TempDir Path dir;

  static List<String> logLines(Path dir, SessionLogConfig.Format format, int spus)
      throws IOException {
    Path capture = SessionLogCaptures.everyEnding(dir);
    Path log = dir.resolve("flow-" + format + "-" + spus + ".log");
    SessionLogRecorder recorder = SessionLogCaptures.recorder(spus);
    try (FlowEngine engine =
            new FlowEngine(FactoryDefault.config().withMaximumSessions(4096), spus, recorder);
        SessionLogger logger =
            new SessionLogger(
                recorder,
                SessionLogConfig.defaults().withFormat(format).withFile(log),
                engine::config)) {
      SessionLogCaptures.replay(engine, capture);
      assertThat(logger.awaitIdle(10_000)).as("logger drained within 10 s").isTrue();
      assertThat(logger.eventsDropped()).isZero();
      assertThat(logger.linesDropped()).isZero();
      assertThat(logger.formatted()).isEqualTo(10);
    }
    return Files.readAllLines(log);
  }

  /**
   * {@code lines} against golden/{@code name}; {@code -Dflowgate.golden.update=true} rewrites the
   * file instead (review the diff).
   */
  static void assertGolden(List<String> lines, String name) throws IOException {
    if (Boolean.getBoolean("flowgate.golden.update")) {
      Files.write(Path.of("src/test/resources/golden").resolve(name), lines);
      return;
    }
    assertThat(lines).as("golden/%s", name).containsExactlyElementsOf(golden(name));
  }

  static List<String> golden(String name) throws IOException {
    try (InputStream in = SessionLogReplayTest.class.getResourceAsStream("/golden/" + name)) {
      assertThat(in).as("golden/%s", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  @Test
  void everyWayOfEndingGivesItsCreateAndCloseLineInStandardForm() throws IOException {
    List<String> lines = logLines(dir, SessionLogConfig.Format.STANDARD, 1);
    assertGolden(lines, "session-log-every-ending-standard.txt");
    assertThat(lines)
        .filteredOn(l -> l.contains("RT_FLOW_SESSION_CLOSE"))
        .extracting(SessionLogReplayTest::closeSummary)
        .containsExactly(
            "TCP FIN: 192.168.1.10/40000->198.51.100.20/80 5(300) 3(620) 5",
            "response received: 192.168.1.12/33333->198.51.100.53/53 1(58) 1(118) 5",
            "response received: 192.168.1.13/7->198.51.100.30/1 1(28) 1(28) 4",
            "TCP RST: 192.168.1.14/40001->198.51.100.20/443 1(40) 2(80) 3",
            "idle Timeout: 192.168.1.11/5000->198.51.100.21/9999 1(48) 0(0) 60");
    assertThat(lines)
        .allSatisfy(l -> assertThat(l).startsWith("Jan  1 00:0").contains(" flowgate RT_FLOW: "));
  }

  @Test
  void everyWayOfEndingInStructuredForm() throws IOException {
    assertGolden(
        logLines(dir, SessionLogConfig.Format.STRUCTURED, 1),
        "session-log-every-ending-structured.txt");
  }

  @Test
  void fourSpusLogTheSameSessions() throws IOException {
    List<String> one = logLines(dir, SessionLogConfig.Format.STANDARD, 1);
    List<String> four = logLines(dir, SessionLogConfig.Format.STANDARD, 4);
    // a vSRX numbers sessions across the device: the same ids whatever the number of SPUs; the
    // logger takes the SPUs' lines in turn, so only their order may differ
    assertThat(four.stream().sorted().toList()).isEqualTo(one.stream().sorted().toList());
  }

  /** {@code reason: tuple client(bytes) server(bytes) elapsed} of a standard CLOSE line. */
  private static String closeSummary(String line) {
    String body = line.substring(line.indexOf("session closed ") + "session closed ".length());
    String reason = body.substring(0, body.indexOf(": ") + 2);
    String[] f = body.substring(reason.length()).split(" ");
    return reason + f[0] + " " + f[14] + " " + f[15] + " " + f[16];
  }
}
