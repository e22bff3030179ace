package org.flowgate.mgmt.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowgate.config.compile.CompileResult;
import org.flowgate.config.compile.JunosCompiler;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.log.SessionLogRecorder;
import org.flowgate.dataplane.replay.TimedCommit;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay commits a configuration that renames the logging policy in the middle of the capture (as
 * {@code replay --commit-at 10=FILE} does), and the logger formats every event after the replay,
 * late: each RT_FLOW line names the policy of the generation its session ran under. Before, the
 * logger named every event against the engine's current generation, so the session of the first
 * generation was logged under the renamed policy; and every compiled generation was number 1.
 */
class SessionLogGenerationsTest {
  private static final long T0 = 1_767_225_600_000_000_000L;
  private static final long SECOND = 1_000_000_000L;

  private static final String BASE =
      """
      set interfaces ge-0/0/0 unit 0 family inet address 203.0.113.1/24
      set interfaces ge-0/0/1 unit 0 family inet address 192.168.1.1/24
      set routing-options static route 0.0.0.0/0 next-hop 203.0.113.254
      set security zones security-zone trust interfaces ge-0/0/1.0
      set security zones security-zone untrust interfaces ge-0/0/0.0
      """;

  @TempDir Path dir;

  private static RuntimeConfig withPolicy(String name) {
    String p = "set security policies from-zone trust to-zone untrust policy " + name;
    CompileResult result =
        JunosCompiler.load(
            BASE
                + p
                + " match source-address any destination-address any application any\n"
                + p
                + " then permit\n"
                + p
                + " then log session-init\n",
            name + ".conf");
    assertThat(result.errors()).isEmpty();
    return result.config();
  }

  private Path twoSessions() throws IOException {
    Path file = dir.resolve("two.pcap");
    try (PcapWriter w = PcapWriter.open(file, LinkType.ETHERNET, true, ByteOrder.LITTLE_ENDIAN)) {
      w.write(
          T0,
          PacketBuilder.ipv4("192.168.1.10", "198.51.100.5")
              .udp(1000, 2000)
              .payloadLength(20)
              .ethernet());
      w.write(
          T0 + 20 * SECOND,
          PacketBuilder.ipv4("192.168.1.10", "198.51.100.5")
              .udp(1001, 2000)
              .payloadLength(20)
              .ethernet());
    }
    return file;
  }

  @Test
  void eventsFormattedAfterACommitNameThePolicyTheirSessionRanUnder() throws IOException {
    Path log = dir.resolve("flow.log");
    SessionLogRecorder recorder =
        new SessionLogRecorder(
            1,
            1024,
            (generation, policy) ->
                policy >= 0
                    && policy < generation.policies().size()
                    && generation.policies().get(policy).logInit(),
            (generation, policy) -> false,
            (generation, policy) -> false);
    try (FlowEngine engine = new FlowEngine(withPolicy("web-old"), 1, recorder)) {
      engine.replay(
          List.of(twoSessions()), -1, List.of(new TimedCommit(10 * SECOND, withPolicy("web-new"))));
      assertThat(engine.config().generation()).as("the commit's number").isEqualTo(2);

      // started only now: it formats every event after the commit, under generation 2
      try (SessionLogger logger =
          new SessionLogger(
              recorder,
              SessionLogConfig.defaults()
                  .withFormat(SessionLogConfig.Format.STANDARD)
                  .withFile(log),
              engine::config)) {
        assertThat(logger.awaitIdle(10_000)).isTrue();
        assertThat(logger.formatted()).isEqualTo(2);
      }
    }

    List<String> creates =
        Files.readAllLines(log).stream().filter(l -> l.contains("RT_FLOW_SESSION_CREATE")).toList();
    assertThat(creates).hasSize(2);
    assertThat(creates.get(0)).contains("192.168.1.10/1000->").contains(" web-old trust untrust ");
    assertThat(creates.get(1)).contains("192.168.1.10/1001->").contains(" web-new trust untrust ");
  }
}
