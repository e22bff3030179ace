package org.flowgate.mgmt.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.log.SessionLogRecorder;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real receiver: Debian's rsyslogd, started unprivileged in the foreground with imudp and imtcp
 * on 127.0.0.1 high ports, mmpstrucdata parsing the RFC 5424 structured data, and a template that
 * writes the fields it parsed. Skipped where {@code /usr/sbin/rsyslogd} is absent.
 */
class RsyslogReceivesSessionLogsTest {
  private static final Path RSYSLOGD = Path.of("/usr/sbin/rsyslogd");
  private static final String SD = "$!rfc5424-sd!junos@2636.1.1.1.2.28!";
  private static final List<String> FIELDS =
      List.of(
          "reason",
          "source-address",
          "source-port",
          "destination-address",
          "destination-port",
          "protocol-id",
          "policy-name",
          "session-id-32",
          "packets-from-client",
          "bytes-from-client",
          "elapsed-time",
          "application-name",
          "rule-set-name",
          "rule-name",
          "action",
          "argument");
  private static final long WAIT_MS = 15_000;
  private static final String PROBE_APP = "flowgate-probe";

  @TempDir Path dir;
  private Process rsyslog;

  @AfterEach
  void stopRsyslog() throws InterruptedException {
    if (rsyslog != null) {
      rsyslog.destroy();
      if (!rsyslog.waitFor(5, TimeUnit.SECONDS)) {
        rsyslog.destroyForcibly();
      }
    }
  }

  @Test
  void rsyslogReceivesEveryStructuredMessageOverUdpAndTcpAndParsesItsFields() throws Exception {
    assumeTrue(
        Files.isExecutable(RSYSLOGD),
        "skipped: " + RSYSLOGD + " not installed (apt-get install rsyslog)");
    int udpPort = freeUdpPort();
    int tcpPort = freeTcpPort();
    Path out = dir.resolve("received.log");
    startRsyslog(udpPort, tcpPort, out);

    SessionLogConfig config =
        SessionLogConfig.defaults()
            .withFormat(SessionLogConfig.Format.STRUCTURED)
            .withHost("127.0.0.1", udpPort, SessionLogConfig.Transport.UDP)
            .withHost("127.0.0.1", tcpPort, SessionLogConfig.Transport.TCP);
    SessionLogRecorder recorder = SessionLogCaptures.recorder(1);
    try (FlowEngine engine =
            new FlowEngine(FactoryDefault.config().withMaximumSessions(4096), 1, recorder);
        SessionLogger logger = new SessionLogger(recorder, config, engine::config)) {
      SessionLogCaptures.replay(engine, SessionLogCaptures.everyEnding(dir));
      assertThat(logger.awaitIdle(WAIT_MS)).isTrue();
      assertThat(logger.linesDropped()).isZero();
      assertThat(logger.linesSent()).isEqualTo(20);
    }

    List<String> sent = SessionLogReplayTest.golden("session-log-every-ending-structured.txt");
    List<String> received = waitForLines(out, 2 * sent.size());
    assertThat(received).hasSize(2 * sent.size());
    for (String input : List.of("imudp", "imtcp")) {
      List<String> fromInput = received.stream().filter(l -> l.startsWith(input + "|")).toList();
      List<String> expected =
          sent.stream().map(line -> input + "|" + expectedFields(line)).toList();
      assertThat(fromInput)
          .as("what rsyslog parsed from %s", input)
          .containsExactlyElementsOf(expected);
    }
  }

  /**
   * AppTrack's messages and the RT_FLOW lines of the same sessions (docs/adr/0034), sent over UDP
   * and TCP to rsyslogd: it parses each one's structured data to the fields Flowgate wrote.
   */
  @Test
  void rsyslogParsesAppTrackAndRtFlowLinesOfTheSameSessions() throws Exception {
    assumeTrue(
        Files.isExecutable(RSYSLOGD),
        "skipped: " + RSYSLOGD + " not installed (apt-get install rsyslog)");
    int udpPort = freeUdpPort();
    int tcpPort = freeTcpPort();
    Path out = dir.resolve("received.log");
    startRsyslog(udpPort, tcpPort, out);
    Path sentFile = dir.resolve("sent.log");
    org.flowgate.config.compile.CompileResult compiled =
        org.flowgate.config.compile.JunosCompiler.load(
            org.flowgate.mgmt.appqos.AppQosCaptures.CONFIG, "edge-qos.conf");
    SessionLogConfig config =
        SessionLogConfig.defaults()
            .withFormat(SessionLogConfig.Format.STRUCTURED)
            .withHost("127.0.0.1", udpPort, SessionLogConfig.Transport.UDP)
            .withHost("127.0.0.1", tcpPort, SessionLogConfig.Transport.TCP)
            .withFile(sentFile);
    SessionLogRecorder recorder = new SessionLogRecorder(1, 1024);
    try (FlowEngine engine = new FlowEngine(compiled.config(), 1, recorder);
        SessionLogger logger = new SessionLogger(recorder, config, engine::config)) {
      engine.replay(List.of(org.flowgate.mgmt.appqos.AppQosCaptures.capture(dir)), -1);
      assertThat(logger.awaitIdle(WAIT_MS)).isTrue();
      assertThat(logger.linesDropped()).isZero();
    }
    List<String> sent = Files.readAllLines(sentFile);
    // 4 sessions: RT_FLOW create and close, AppTrack create and close; 2 AppTrack updates
    assertThat(sent).hasSize(4 * 4 + 2);
    assertThat(sent.stream().filter(l -> l.contains(" APPTRACK_SESSION_VOL_UPDATE "))).hasSize(2);
    List<String> received = waitForLines(out, 2 * sent.size());
    for (String input : List.of("imudp", "imtcp")) {
      List<String> fromInput = received.stream().filter(l -> l.startsWith(input + "|")).toList();
      List<String> expected =
          sent.stream().map(line -> input + "|" + expectedFields(line)).toList();
      assertThat(fromInput)
          .as("what rsyslog parsed from %s", input)
          .containsExactlyInAnyOrderElementsOf(expected);
      assertThat(fromInput.stream().filter(l -> l.contains("|APPTRACK_SESSION_CLOSE|")))
          .hasSize(4)
          .allSatisfy(l -> assertThat(l).contains("|lan-out|"))
          .anySatisfy(l -> assertThat(l).contains("|idle Timeout|192.168.1.10|7|198.51.100.20|"));
    }
  }

  /**
   * AppQoS rule log messages (APPQOS_LOG_EVENT, docs/adr/0044) beside the RT_FLOW and AppTrack
   * lines of the same sessions, over UDP and TCP: rsyslogd parses each one's rule-set, rule, action
   * and argument as Flowgate wrote them.
   */
  @Test
  void rsyslogParsesAppQosRuleLogMessages() throws Exception {
    assumeTrue(
        Files.isExecutable(RSYSLOGD),
        "skipped: " + RSYSLOGD + " not installed (apt-get install rsyslog)");
    int udpPort = freeUdpPort();
    int tcpPort = freeTcpPort();
    Path out = dir.resolve("received.log");
    startRsyslog(udpPort, tcpPort, out);
    Path sentFile = dir.resolve("sent.log");
    org.flowgate.config.compile.CompileResult compiled =
        org.flowgate.config.compile.JunosCompiler.load(
            org.flowgate.mgmt.appqos.AppQosCaptures.CONFIG_WITH_RULE_LOG, "edge-qos.conf");
    assertThat(compiled.errors()).isEmpty();
    SessionLogConfig config =
        SessionLogConfig.defaults()
            .withFormat(SessionLogConfig.Format.STRUCTURED)
            .withHost("127.0.0.1", udpPort, SessionLogConfig.Transport.UDP)
            .withHost("127.0.0.1", tcpPort, SessionLogConfig.Transport.TCP)
            .withFile(sentFile);
    SessionLogRecorder recorder = new SessionLogRecorder(1, 1024);
    try (FlowEngine engine = new FlowEngine(compiled.config(), 1, recorder);
        SessionLogger logger = new SessionLogger(recorder, config, engine::config)) {
      engine.replay(List.of(org.flowgate.mgmt.appqos.AppQosCaptures.capture(dir)), -1);
      assertThat(logger.awaitIdle(WAIT_MS)).isTrue();
      assertThat(logger.linesDropped()).isZero();
    }
    List<String> sent = Files.readAllLines(sentFile);
    // as without log, and 7 AppQoS messages: the ping's rate limit, each DNS session's 3 actions
    assertThat(sent).hasSize(4 * 4 + 2 + 7);
    List<String> received = waitForLines(out, 2 * sent.size());
    for (String input : List.of("imudp", "imtcp")) {
      List<String> fromInput = received.stream().filter(l -> l.startsWith(input + "|")).toList();
      List<String> expected =
          sent.stream().map(line -> input + "|" + expectedFields(line)).toList();
      assertThat(fromInput)
          .as("what rsyslog parsed from %s", input)
          .containsExactlyInAnyOrderElementsOf(expected);
      assertThat(fromInput.stream().filter(l -> l.contains("|APPQOS_LOG_EVENT|")))
          .hasSize(7)
          .anySatisfy(
              l ->
                  assertThat(l)
                      .contains("|192.168.1.10|7|198.51.100.20|1|")
                      .endsWith("|ICMP|edge-qos|ping-cap|rate-limit|ping-80k"))
          .anySatisfy(l -> assertThat(l).endsWith("|DNS|edge-qos|dns-ef|dscp-code-point|101110"));
    }
  }

  /** What the template should print for a line Flowgate sent: rsyslog's view of the same fields. */
  private static String expectedFields(String line) {
    Map<String, String> params = SessionLogSampleFidelityTest.params(line);
    String header =
        SessionLogSampleFidelityTest.headerOf(line); // <14>1 TIME HOST APP-NAME PROCID MSGID
    String[] h = header.split(" ");
    StringBuilder out = new StringBuilder();
    out.append(h[1]).append('|').append(h[2]).append('|').append(h[3]).append('|').append(h[5]);
    for (String field : FIELDS) {
      out.append('|').append(params.getOrDefault(field, ""));
    }
    return out.toString();
  }

  private void startRsyslog(int udpPort, int tcpPort, Path out)
      throws IOException, InterruptedException {
    StringBuilder template =
        new StringBuilder("%inputname%|%timestamp:::date-rfc3339%|%hostname%|%app-name%|%msgid%");
    for (String field : FIELDS) {
      template.append('|').append('%').append(SD).append(field).append('%');
    }
    template.append("\\n");
    String conf =
        String.join(
            "\n",
            "global(workDirectory=\"" + dir + "\")",
            "module(load=\"imudp\")",
            "module(load=\"imtcp\")",
            "module(load=\"mmpstrucdata\")",
            "template(name=\"fields\" type=\"string\" string=\"" + template + "\")",
            "ruleset(name=\"flow\") {",
            "  action(type=\"mmpstrucdata\")",
            "  action(type=\"omfile\" file=\"" + out + "\" template=\"fields\")",
            "}",
            "input(type=\"imudp\" address=\"127.0.0.1\" port=\"" + udpPort + "\" ruleset=\"flow\")",
            "input(type=\"imtcp\" address=\"127.0.0.1\" port=\"" + tcpPort + "\" ruleset=\"flow\")",
            "");
    Path confFile = Files.writeString(dir.resolve("rsyslog.conf"), conf);
    rsyslog =
        new ProcessBuilder(
                RSYSLOGD.toString(),
                "-n",
                "-f",
                confFile.toString(),
                "-i",
                dir.resolve("rsyslogd.pid").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("rsyslogd.out").toFile())
            .start();
    Awaitility.await("rsyslogd listening on tcp " + tcpPort)
        .atMost(Duration.ofMillis(WAIT_MS))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              assertThat(rsyslog.isAlive())
                  .as("rsyslogd running; its output: %s", readQuietly(dir.resolve("rsyslogd.out")))
                  .isTrue();
              try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", tcpPort), 200);
                return true;
              } catch (IOException notYet) {
                return false;
              }
            });
    // imudp has no connection to try: a probe datagram, sent until rsyslogd writes it, says the
    // UDP input is there too. Probe lines are left out of what the test compares.
    try (DatagramSocket socket = new DatagramSocket()) {
      byte[] probe =
          ("<14>1 2026-01-01T00:00:00Z localhost " + PROBE_APP + " - probe - ready")
              .getBytes(StandardCharsets.US_ASCII);
      Awaitility.await("rsyslogd receiving on udp " + udpPort)
          .atMost(Duration.ofMillis(WAIT_MS))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                socket.send(
                    new DatagramPacket(
                        probe, probe.length, new InetSocketAddress("127.0.0.1", udpPort)));
                return Files.exists(out) && Files.readString(out).contains("|" + PROBE_APP + "|");
              });
    }
  }

  /** The lines rsyslogd wrote, once it has written {@code count} besides the readiness probes. */
  private static List<String> waitForLines(Path file, int count) {
    List<String> lines = new ArrayList<>();
    Awaitility.await("rsyslogd writing " + count + " lines to " + file)
        .atMost(Duration.ofMillis(WAIT_MS))
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptions()
        .until(
            () -> {
              lines.clear();
              for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.contains("|" + PROBE_APP + "|")) {
                  lines.add(line);
                }
              }
              return lines.size() >= count;
            });
    return lines;
  }

  private static String readQuietly(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static int freeTcpPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
