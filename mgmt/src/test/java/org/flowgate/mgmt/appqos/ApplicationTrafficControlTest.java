package org.flowgate.mgmt.appqos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flowgate.config.compile.CompileResult;
import org.flowgate.config.compile.JunosCompiler;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.control.FlowStatistics;
import org.flowgate.dataplane.control.TrafficControlStatistics;
import org.flowgate.dataplane.log.SessionLogRecorder;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.mgmt.command.OperationalCommands;
import org.flowgate.mgmt.log.SessionLogConfig;
import org.flowgate.mgmt.log.SessionLogger;
import org.flowgate.mgmt.render.GoldenFiles;
import org.flowgate.mgmt.render.JunosXmlJsonTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AppQosCaptures} through an engine running its configuration (docs/adr/0034): the rate
 * limiter forwards and drops exactly what a token bucket at its rate does, the DNS sessions leave
 * marked EF (tshark reads it back from the written capture), the sessions show their rule-set and
 * rule, the counters agree, and AppTrack writes its create, update and close messages.
 */
class ApplicationTrafficControlTest {
  @TempDir Path dir;

  private record Run(
      OperationalCommands cli, FlowEngine engine, List<String> standard, Path forwarded) {}

  private Run replay(SessionLogConfig.Format format, int spus) throws IOException {
    CompileResult compiled = JunosCompiler.load(AppQosCaptures.CONFIG, "edge-qos.conf");
    assertThat(compiled.errors()).isEmpty();
    Path capture = AppQosCaptures.capture(dir);
    Path log = dir.resolve("flow-" + format + "-" + spus + ".log");
    Path forwarded = dir.resolve("forwarded-" + format + "-" + spus + ".pcap");
    SessionLogRecorder recorder = new SessionLogRecorder(spus, 1024);
    FlowEngine engine = new FlowEngine(compiled.config(), spus, recorder);
    try (SessionLogger logger =
        new SessionLogger(
            recorder,
            SessionLogConfig.defaults().withFormat(format).withFile(log),
            engine::config)) {
      engine.replay(List.of(capture), -1, List.of(), forwarded);
      assertThat(logger.awaitIdle(10_000)).isTrue();
      assertThat(logger.eventsDropped()).isZero();
    }
    return new Run(new OperationalCommands(engine), engine, Files.readAllLines(log), forwarded);
  }

  private static TrafficControlStatistics only(FlowEngine engine) {
    List<TrafficControlStatistics> spus = engine.trafficControlStatistics();
    assertThat(spus).hasSize(1);
    return spus.getFirst();
  }

  @Test
  void theRateLimiterForwardsExactlyWhatATokenBucketAtItsRatePasses() throws IOException {
    Run run = replay(SessionLogConfig.Format.STANDARD, 1);
    try (FlowEngine engine = run.engine()) {
      // 1000-byte packets every 50 ms into a 3000-byte bucket filling at 10 000 bytes/s: five
      // pass on the burst and the refills (t = 0 .. 0.2 s), then every other one
      int passed = 0;
      long tokens = 3000L * 1_000_000_000L;
      long lastNs = 0;
      for (int i = 0; i < AppQosCaptures.PINGS; i++) {
        long nowNs = i * 50 * AppQosCaptures.MS;
        tokens = Math.min(3000L * 1_000_000_000L, tokens + 10_000L * (nowNs - lastNs));
        lastNs = nowNs;
        if (tokens >= 1000L * 1_000_000_000L) {
          tokens -= 1000L * 1_000_000_000L;
          passed++;
        }
      }
      assertThat(passed).isEqualTo(23);
      FlowStatistics total = FlowStatistics.total(engine.statistics());
      assertThat(total.drops(DropReason.APPQOS_RATE_LIMITED)).isEqualTo(18);
      TrafficControlStatistics stats = only(engine);
      assertThat(stats.limiters())
          .containsExactly(new TrafficControlStatistics.LimiterPackets("ping-80k", 23, 18, 0));
      if (Files.isExecutable(Path.of("/usr/bin/tshark"))) {
        // what left the firewall: the 23 that passed
        assertThat(tshark(run.forwarded(), "icmp", "ip.len")).hasSize(23).containsOnly("1000");
      }
    }
  }

  @Test
  void dnsLeavesMarkedEfWithAValidChecksumAsTsharkReadsIt() throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/tshark")),
        "tshark is not installed (apt-get install tshark; .ci/run does): skipping the DSCP check");
    Run run = replay(SessionLogConfig.Format.STANDARD, 1);
    run.engine().close();
    assertThat(tshark(run.forwarded(), "dns && ip", "ip.dsfield.dscp", "ip.checksum.status"))
        .containsExactly("46|1", "46|1");
    assertThat(tshark(run.forwarded(), "dns && ipv6", "ipv6.tclass.dscp"))
        .containsExactly("46", "46");
    // the pings and the UDP flow keep their code point
    assertThat(tshark(run.forwarded(), "icmp || udp.port == 5000", "ip.dsfield.dscp"))
        .hasSize(23 + 11)
        .containsOnly("0");
  }

  @Test
  void sessionsShowTheirRuleSetAndRuleOnceTheApplicationIsKnown() throws IOException {
    CompileResult compiled = JunosCompiler.load(AppQosCaptures.CONFIG, "edge-qos.conf");
    Path capture = AppQosCaptures.capture(dir);
    try (FlowEngine engine = new FlowEngine(compiled.config(), 1)) {
      // stop before the sessions age out: 5 s in, the pings and the DNS sessions are there
      engine.replay(List.of(capture), 3 * AppQosCaptures.SECOND + 25 * AppQosCaptures.MS);
      OperationalCommands cli = new OperationalCommands(engine);
      String pings = cli.execute("show security flow session protocol icmp extensive");
      assertThat(pings)
          .contains("Dynamic application: junos:ICMP,")
          .contains("Application traffic control rule-set: edge-qos, Rule: ping-cap\n");
      String dns = cli.execute("show security flow session destination-port 53 extensive");
      assertThat(dns).contains("Application traffic control rule-set: edge-qos, Rule: dns-ef\n");
      assertThat(cli.execute("show security flow session protocol icmp extensive | display xml"))
          .contains(
              "<application-traffic-control-rule-set-name>edge-qos"
                  + "</application-traffic-control-rule-set-name>")
          .contains(
              "<application-traffic-control-rule-name>ping-cap"
                  + "</application-traffic-control-rule-name>");
    }
  }

  /**
   * A unified policy (one that matches a dynamic application) placed before the rule-set's policy:
   * the session that ends under that policy still takes its rule-set and rule (rule-sets follow
   * policies by index after the built-in ones, the pre-id default policy among them; ADR 0033,
   * 0034).
   */
  @Test
  void aRuleSetFollowsItsPolicyPastAUnifiedOne() throws IOException {
    String unified =
        AppQosCaptures.CONFIG.replace(
            "                  policy lan-out {",
            """
                              policy unknown-out {
                                  match {
                                      source-address any;
                                      destination-address any;
                                      application any;
                                      dynamic-application junos:UNKNOWN;
                                  }
                                  then {
                                      permit {
                                          application-services {
                                              application-traffic-control {
                                                  rule-set edge-qos;
                                              }
                                          }
                                      }
                                  }
                              }
                              policy lan-out {""");
    CompileResult compiled = JunosCompiler.load(unified, "edge-qos-unified.conf");
    assertThat(compiled.errors()).isEmpty();
    Path capture = AppQosCaptures.capture(dir);
    try (FlowEngine engine = new FlowEngine(compiled.config(), 1)) {
      // the UDP flow to port 5000 (a packet every 20 s from 10 s) is named junos:UNKNOWN on the way
      engine.replay(List.of(capture), 205 * AppQosCaptures.SECOND);
      String flow =
          new OperationalCommands(engine)
              .execute("show security flow session destination-port 5000 extensive");
      // a one-sided flow ends INCONCLUSIVE, which unknown-out does not match: lan-out is final
      assertThat(flow)
          .contains("Dynamic application: INCONCLUSIVE,")
          .contains("Policy name: lan-out/")
          .contains("Application traffic control rule-set: edge-qos, Rule: others\n");
    }
  }

  /**
   * {@code show security flow session application-traffic-control} lists the sessions a rule-set
   * applies to: all of them under the policy that applies edge-qos, none once the policy applies no
   * rule-set.
   */
  @Test
  void theApplicationTrafficControlFilterListsTheSessionsARuleSetAppliesTo() throws IOException {
    String without =
        AppQosCaptures.CONFIG.replaceAll(
            "(?s)application-services \\{\\s*application-traffic-control \\{\\s*rule-set edge-qos;"
                + "\\s*}\\s*}",
            "");
    assertThat(without).isNotEqualTo(AppQosCaptures.CONFIG);
    Path capture = AppQosCaptures.capture(dir);
    for (String config : List.of(AppQosCaptures.CONFIG, without)) {
      CompileResult compiled = JunosCompiler.load(config, "edge-qos.conf");
      assertThat(compiled.errors()).isEmpty();
      try (FlowEngine engine = new FlowEngine(compiled.config(), 1)) {
        engine.replay(List.of(capture), 3 * AppQosCaptures.SECOND + 25 * AppQosCaptures.MS);
        OperationalCommands cli = new OperationalCommands(engine);
        long all = sessionIds(cli.execute("show security flow session"));
        long controlled =
            sessionIds(cli.execute("show security flow session application-traffic-control"));
        assertThat(all).isPositive();
        assertThat(controlled).isEqualTo(config == without ? 0 : all);
      }
    }
  }

  private static long sessionIds(String view) {
    return view.lines().filter(l -> l.startsWith("Session ID: ")).count();
  }

  @Test
  void theCountersAreShownAsTextXmlAndJson() throws IOException {
    Run run = replay(SessionLogConfig.Format.STANDARD, 1);
    try (FlowEngine engine = run.engine()) {
      TrafficControlStatistics stats = only(engine);
      // four sessions applied the rule-set: pings, two DNS, the UDP flow
      assertThat(stats.sessionsProcessed()).isEqualTo(4);
      assertThat(stats.sessionsMarked()).isEqualTo(2);
      assertThat(stats.sessionsHonored()).isEqualTo(2);
      assertThat(stats.sessionsRateLimited()).isEqualTo(1);
      assertThat(stats.clientToServerFlowsRateLimited()).isEqualTo(1);
      assertThat(stats.serverToClientFlowsRateLimited()).isZero();
      assertThat(stats.rules())
          .containsExactly(
              new TrafficControlStatistics.RuleHits("edge-qos", "dns-ef", 2),
              new TrafficControlStatistics.RuleHits("edge-qos", "ping-cap", 1),
              new TrafficControlStatistics.RuleHits("edge-qos", "others", 1));
      assertGolden(
          run.cli(), "appqos-counter", "show class-of-service application-traffic-control counter");
      assertGolden(
          run.cli(),
          "appqos-statistics-rule",
          "show class-of-service application-traffic-control statistics rule");
      assertGolden(
          run.cli(),
          "appqos-statistics-rate-limiter",
          "show class-of-service application-traffic-control statistics rate-limiter");
      assertGolden(run.cli(), "apptrack-counters", "show security application-tracking counters");
      assertThat(
              run.cli()
                  .execute(
                      "show class-of-service application-traffic-control counter | display xml"
                          + " rpc"))
          .contains("<get-appqos-counter>");
    }
  }

  @Test
  void appTrackWritesCreateUpdatesAndCloseInStandardForm() throws IOException {
    Run run = replay(SessionLogConfig.Format.STANDARD, 1);
    try (FlowEngine engine = run.engine()) {
      appTrackLines(run);
    }
  }

  private static void appTrackLines(Run run) {
    List<String> appTrack = run.standard().stream().filter(l -> l.contains("APPTRACK_")).toList();
    assertThat(appTrack.stream().filter(l -> l.contains("APPTRACK_SESSION_CREATE"))).hasSize(4);
    assertThat(appTrack.stream().filter(l -> l.contains("APPTRACK_SESSION_CLOSE"))).hasSize(4);
    List<String> updates =
        appTrack.stream().filter(l -> l.contains("APPTRACK_SESSION_VOL_UPDATE")).toList();
    assertThat(updates).hasSize(2);
    assertThat(updates.get(0))
        .startsWith(
            "Jan  1 00:01:10 edge-qos RT_FLOW: APPTRACK_SESSION_VOL_UPDATE: AppTrack volume"
                + " update: 192.168.1.20/45000->198.51.100.80/5000 None ")
        .contains(" lan-out trust untrust ")
        .contains(" 4(400) 0(0) 60 N/A N/A ");
    assertThat(updates.get(1))
        .startsWith("Jan  1 00:03:10 ")
        .contains(" 10(1000) 0(0) 180 N/A N/A ");
    String pingCreate =
        appTrack.stream()
            .filter(l -> l.contains("APPTRACK_SESSION_CREATE") && l.contains("198.51.100.20"))
            .findFirst()
            .orElseThrow();
    assertThat(pingCreate)
        .isEqualTo(
            "Jan  1 00:00:00 edge-qos RT_FLOW: APPTRACK_SESSION_CREATE: AppTrack session created"
                + " 192.168.1.10/7->198.51.100.20/1 None ICMP UNKNOWN"
                + " 192.168.1.10/7->198.51.100.20/1 N/A N/A 1 lan-out trust untrust "
                + sessionId(run.standard(), "198.51.100.20")
                + " N/A N/A No");
    String pingClose =
        appTrack.stream()
            .filter(l -> l.contains("APPTRACK_SESSION_CLOSE") && l.contains("198.51.100.20"))
            .findFirst()
            .orElseThrow();
    // the session counts the packets it received, the 18 the limiter dropped too
    assertThat(pingClose)
        .contains("AppTrack session closed idle Timeout: 192.168.1.10/7->198.51.100.20/1")
        .contains(" 41(41000) 0(0) ");
    assertThat(run.cli().execute("show security application-tracking counters"))
        .isEqualTo(
            "AVT counters:                           Value\n"
                + "  Session create messages               4\n"
                + "  Session close messages                4\n"
                + "  Session volume updates                2\n"
                + "  Failed messages                       0\n");
  }

  @Test
  void appTrackWritesTheStructuredFieldsJunosWrites() throws IOException {
    Run run = replay(SessionLogConfig.Format.STRUCTURED, 1);
    run.engine().close();
    String update =
        run.standard().stream()
            .filter(l -> l.contains("APPTRACK_SESSION_VOL_UPDATE"))
            .findFirst()
            .orElseThrow();
    assertThat(fieldNames(update))
        .containsExactly(
            "source-address",
            "source-port",
            "destination-address",
            "destination-port",
            "service-name",
            "application",
            "nested-application",
            "nat-source-address",
            "nat-source-port",
            "nat-destination-address",
            "nat-destination-port",
            "src-nat-rule-name",
            "dst-nat-rule-name",
            "protocol-id",
            "policy-name",
            "source-zone-name",
            "destination-zone-name",
            "session-id-32",
            "packets-from-client",
            "bytes-from-client",
            "packets-from-server",
            "bytes-from-server",
            "elapsed-time",
            "username",
            "roles",
            "encrypted",
            "destination-interface-name",
            "src-vrf-grp",
            "dst-vrf-grp");
    assertThat(update).contains(" destination-interface-name=\"ge-0/0/0.0\" ");
    String close =
        run.standard().stream()
            .filter(l -> l.contains("APPTRACK_SESSION_CLOSE"))
            .findFirst()
            .orElseThrow();
    assertThat(fieldNames(close).subList(0, 2)).containsExactly("reason", "source-address");
    assertThat(fieldNames(close))
        .endsWith(
            "username",
            "roles",
            "encrypted",
            "profile-name",
            "rule-name",
            "routing-instance",
            "destination-interface-name",
            "uplink-incoming-interface-name",
            "uplink-tx-bytes",
            "uplink-rx-bytes",
            "multipath-rule-name",
            "src-vrf-grp",
            "dst-vrf-grp");
  }

  @Test
  void theSameCaptureGivesTheSameCountsOnFourSpus() throws IOException {
    Run run = replay(SessionLogConfig.Format.STANDARD, 4);
    try (FlowEngine engine = run.engine()) {
      long dropped = 0;
      long processed = 0;
      for (TrafficControlStatistics spu : engine.trafficControlStatistics()) {
        processed += spu.sessionsProcessed();
        for (TrafficControlStatistics.LimiterPackets l : spu.limiters()) {
          dropped += l.dropped();
        }
      }
      // one session, one SPU, one bucket: the same 18 drops whichever SPU owns it
      assertThat(dropped).isEqualTo(18);
      assertThat(processed).isEqualTo(4);
    }
  }

  private static List<String> fieldNames(String structured) {
    List<String> names = new ArrayList<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(" ([a-z0-9-]+)=\"").matcher(structured);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static String sessionId(List<String> lines, String destination) {
    String create =
        lines.stream()
            .filter(l -> l.contains("RT_FLOW_SESSION_CREATE") && l.contains(destination))
            .findFirst()
            .orElseThrow();
    String[] words = create.split(" ");
    // ... policy from-zone to-zone session-id N/A(N/A) interface ...
    for (int i = 0; i < words.length; i++) {
      if (words[i].equals("N/A(N/A)")) {
        return words[i - 1];
      }
    }
    throw new AssertionError("no session id in " + create);
  }

  private static void assertGolden(OperationalCommands cli, String name, String command)
      throws IOException {
    GoldenFiles.assertMatches(name + ".txt", cli.execute(command));
    String xml = cli.execute(command + " | display xml");
    String json = cli.execute(command + " | display json");
    GoldenFiles.assertMatches(name + ".xml", xml);
    GoldenFiles.assertMatches(name + ".json", json);
    JunosXmlJsonTest.assertSameValues(xml, json);
  }

  /** tshark's fields of the frames {@code filter} selects, one line each, '|' between fields. */
  private static List<String> tshark(Path file, String filter, String... fields)
      throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                "tshark",
                "-n",
                "-r",
                file.toString(),
                "-o",
                "ip.check_checksum:TRUE",
                "-Y",
                filter,
                "-T",
                "fields",
                "-E",
                "separator=|"));
    for (String field : fields) {
      command.add("-e");
      command.add(field);
    }
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    assertThat(process.exitValue()).as("tshark exit status").isZero();
    return out.lines().toList();
  }
}
