package org.flowgate.mgmt.appqos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowgate.config.compile.CompileResult;
import org.flowgate.config.compile.JunosCompiler;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.log.SessionLogRecorder;
import org.flowgate.mgmt.log.SessionLogConfig;
import org.flowgate.mgmt.log.SessionLogger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An AppQoS rule's {@code then log} (docs/adr/0044): when a logging rule matches a session, the
 * session logger writes one APPQOS_LOG_EVENT per action of the rule, naming the session, its
 * application, the rule-set, the rule and the action's values; rules without log write nothing.
 */
class AppQosRuleLogTest {
  @TempDir Path dir;

  private List<String> replay(String config, SessionLogConfig.Format format) throws IOException {
    CompileResult compiled = JunosCompiler.load(config, "edge-qos.conf");
    assertThat(compiled.errors()).isEmpty();
    Path log = dir.resolve("flow-" + format + ".log");
    SessionLogRecorder recorder = new SessionLogRecorder(1, 1024);
    try (FlowEngine engine = new FlowEngine(compiled.config(), 1, recorder);
        SessionLogger logger =
            new SessionLogger(
                recorder,
                SessionLogConfig.defaults().withFormat(format).withFile(log),
                engine::config)) {
      engine.replay(List.of(AppQosCaptures.capture(dir)), -1);
      assertThat(logger.awaitIdle(10_000)).isTrue();
      assertThat(logger.eventsDropped()).isZero();
    }
    return Files.readAllLines(log).stream().filter(l -> l.contains("APPQOS_LOG_EVENT")).toList();
  }

  @Test
  void aLoggingRuleWritesOneStandardMessagePerActionWhenItMatches() throws IOException {
    List<String> lines =
        replay(AppQosCaptures.CONFIG_WITH_RULE_LOG, SessionLogConfig.Format.STANDARD);
    // the ping session (rate limit), two DNS sessions (dscp, forwarding class, loss priority)
    assertThat(lines).hasSize(1 + 2 * 3);
    assertThat(lines.getFirst())
        .isEqualTo(
            "Jan  1 00:00:00 edge-qos RT_FLOW: APPQOS_LOG_EVENT: 1767225600 RULE_MATCH"
                + " 192.168.1.10/7->198.51.100.20/1 icmp ICMP edge-qos ping-cap rate-limit ping-80k"
                + " N/A");
    List<String> dns = lines.subList(1, 4);
    assertThat(dns)
        .allSatisfy(
            l ->
                assertThat(l)
                    .startsWith("Jan  1 00:00:03 edge-qos RT_FLOW: APPQOS_LOG_EVENT: 1767225603")
                    .contains(" udp DNS edge-qos dns-ef "));
    assertThat(dns.stream().map(l -> l.substring(l.indexOf(" dns-ef ") + 8)))
        .containsExactly(
            "dscp-code-point 101110 N/A",
            "forwarding-class expedited-forwarding N/A",
            "loss-priority low N/A");
  }

  @Test
  void withoutLogTheRulesWriteNothing() throws IOException {
    assertThat(replay(AppQosCaptures.CONFIG, SessionLogConfig.Format.STANDARD)).isEmpty();
  }

  @Test
  void theStructuredMessageCarriesTheFieldsInJunosOrder() throws IOException {
    List<String> lines =
        replay(AppQosCaptures.CONFIG_WITH_RULE_LOG, SessionLogConfig.Format.STRUCTURED);
    assertThat(lines).hasSize(7);
    assertThat(lines.getFirst())
        .endsWith(
            "edge-qos RT_FLOW - APPQOS_LOG_EVENT [junos@2636.1.1.1.2.28 timestamp=\"1767225600\""
                + " message-type=\"RULE_MATCH\" source-address=\"192.168.1.10\" source-port=\"7\""
                + " destination-address=\"198.51.100.20\" destination-port=\"1\""
                + " protocol-name=\"icmp\" application-name=\"ICMP\" rule-set-name=\"edge-qos\""
                + " rule-name=\"ping-cap\" action=\"rate-limit\" argument=\"ping-80k\""
                + " argument1=\"N/A\"]");
  }
}
