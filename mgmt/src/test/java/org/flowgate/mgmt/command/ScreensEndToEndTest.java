package org.flowgate.mgmt.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowgate.config.compile.CompileResult;
import org.flowgate.config.compile.JunosCompiler;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.control.FlowStatistics;
import org.flowgate.dataplane.log.SessionLogRecorder;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.mgmt.log.SessionLogConfig;
import org.flowgate.mgmt.log.SessionLogger;
import org.flowgate.mgmt.render.GoldenFiles;
import org.flowgate.mgmt.render.JunosXmlJsonTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacks of {@link ScreenCaptures} replayed through an engine running its configuration: each
 * dropped and counted as {@code show security screen statistics} says, with the RT_IDS lines Junos
 * writes, once per attack within a minute. One SPU: with several, a per-destination or per-source
 * threshold holds per SPU (docs/adr/0024).
 */
class ScreensEndToEndTest {
  @TempDir Path dir;

  private record Run(OperationalCommands cli, FlowEngine engine, List<String> standard) {}

  private Run replay(SessionLogConfig.Format format) throws IOException {
    CompileResult compiled = JunosCompiler.load(ScreenCaptures.CONFIG, "edge-1.conf");
    assertThat(compiled.errors()).isEmpty();
    Path capture = ScreenCaptures.attacks(dir);
    Path log = dir.resolve("ids-" + format + ".log");
    SessionLogRecorder recorder = new SessionLogRecorder(1, 1024);
    FlowEngine engine = new FlowEngine(compiled.config(), 1, recorder);
    try (SessionLogger logger =
        new SessionLogger(
            recorder,
            SessionLogConfig.defaults().withFormat(format).withFile(log),
            engine::config)) {
      engine.replay(List.of(capture), 40 * ScreenCaptures.SECOND);
      assertThat(logger.awaitIdle(10_000)).isTrue();
      assertThat(logger.eventsDropped()).isZero();
    }
    return new Run(new OperationalCommands(engine), engine, Files.readAllLines(log));
  }

  private static List<String> screenLines(List<String> lines) {
    return lines.stream().filter(l -> l.contains("RT_IDS")).toList();
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

  @Test
  void theAttacksAreDroppedAndCountedAsTheStatisticsSay() throws IOException {
    Run run = replay(SessionLogConfig.Format.STANDARD);
    try (FlowEngine engine = run.engine()) {
      assertGolden(
          run.cli(), "screen-statistics-untrust", "show security screen statistics zone untrust");
      String untrust = run.cli().execute("show security screen statistics zone untrust");
      assertThat(untrust)
          .contains("    ICMP flood                                 20\n")
          .contains("    TCP port scan                              5\n")
          .contains("    IP tear drop                               1\n")
          .contains("    TCP SYN flood                              20\n")
          .contains("    ICMP ping of death                         1\n")
          .contains("    TCP land attack                            3\n")
          .contains("    Source session limit                       2\n");
      // the zone is its one interface; the lan's zone has no screen and counted nothing
      assertThat(run.cli().execute("show security screen statistics interface ge-0/0/0.0"))
          .isEqualTo(untrust);
      assertThat(run.cli().execute("show security screen statistics zone trust"))
          .doesNotContainPattern(" [1-9][0-9]*\n");
      FlowStatistics total = FlowStatistics.total(engine.statistics());
      assertThat(total.drops(DropReason.SCREEN_TCP_SYN_FLOOD)).isEqualTo(20);
      assertThat(total.drops(DropReason.SCREEN_ICMP_PING_OF_DEATH)).isEqualTo(1);
      assertThat(total.drops(DropReason.BAD_FRAGMENT)).isZero();
      // the land from the lan was forwarded: a session, 192.168.1.66 to itself
      assertThat(run.cli().execute("show security flow session source-prefix 192.168.1.66"))
          .contains("192.168.1.66/5000 --> 192.168.1.66/80;tcp");
    }
  }

  @Test
  void theIdsOptionShowsEveryScreenWithItsNumber() throws IOException {
    Run run = replay(SessionLogConfig.Format.STANDARD);
    try (FlowEngine engine = run.engine()) {
      assertGolden(
          run.cli(), "screen-ids-option", "show security screen ids-option untrust-screen");
      assertThat(run.cli().execute("show security screen ids-option nope"))
          .isEqualTo("error: security screen ids-option 'nope' is not configured\n");
      assertThat(
              run.cli().execute("show security screen ids-option untrust-screen | display xml rpc"))
          .contains("<get-security-screen-ids-status>")
          .contains("<screen-name>untrust-screen</screen-name>");
      assertThat(
              run.cli().execute("show security screen statistics zone untrust | display xml rpc"))
          .contains("<get-ids-statistics>")
          .contains("<zone>untrust</zone>");
    }
  }

  @Test
  void clearingAZoneZeroesItsCounters() throws IOException {
    Run run = replay(SessionLogConfig.Format.STANDARD);
    try (FlowEngine engine = run.engine()) {
      assertThat(run.cli().execute("clear security screen statistics zone untrust"))
          .isEqualTo("IDS statistics has been cleared.\n");
      assertThat(run.cli().execute("show security screen statistics zone untrust"))
          .doesNotContainPattern(" [1-9][0-9]*\n");
      assertThat(run.cli().execute("show security screen statistics zone dmz"))
          .isEqualTo("error: security zone 'dmz' is not configured\n");
      assertThat(run.cli().execute("show security screen statistics"))
          .isEqualTo("syntax error, command is incomplete.\n");
    }
  }

  @Test
  void eachAttackIsLoggedOnceInStandardForm() throws IOException {
    Run run = replay(SessionLogConfig.Format.STANDARD);
    run.engine().close();
    assertThat(screenLines(run.standard()))
        .containsExactly(
            "Jan  1 00:00:01 edge-1 RT_IDS: RT_SCREEN_TCP: SYN flood! source: 203.0.113.31:1024,"
                + " destination: 192.168.1.10:80, zone name: untrust, interface name: ge-0/0/0.0,"
                + " action: drop",
            "Jan  1 00:00:05 edge-1 RT_IDS: RT_SCREEN_TCP: TCP port scan! source:"
                + " 203.0.113.99:40000, destination: 192.168.1.20:11, zone name: untrust, interface"
                + " name: ge-0/0/0.0, action: drop",
            "Jan  1 00:00:10 edge-1 RT_IDS: RT_SCREEN_ICMP: Ping of Death! source: 203.0.113.77,"
                + " destination: 192.168.1.10, zone name: untrust, interface name: ge-0/0/0.0,"
                + " action: drop",
            "Jan  1 00:00:15 edge-1 RT_IDS: RT_SCREEN_TCP: Land attack! source: 198.51.100.77:4000,"
                + " destination: 198.51.100.77:139, zone name: untrust, interface name: ge-0/0/0.0,"
                + " action: drop",
            "Jan  1 00:00:20 edge-1 RT_IDS: RT_SCREEN_IP: Tear-drop attack! source: 203.0.113.88,"
                + " destination: 192.168.1.53, protocol-id: 17, zone name: untrust, interface name:"
                + " ge-0/0/0.0, action: drop",
            "Jan  1 00:00:25 edge-1 RT_IDS: RT_SCREEN_ICMP: ICMP flood! source: 203.0.113.111,"
                + " destination: 192.168.1.30, zone name: untrust, interface name: ge-0/0/0.0,"
                + " action: drop",
            "Jan  1 00:00:30 edge-1 RT_IDS: RT_SCREEN_SESSION_LIMIT: Src IP session limit! source:"
                + " 203.0.113.150, destination: 192.168.1.53, protocol-id: 17, zone name: untrust,"
                + " interface name: ge-0/0/0.0, action: drop");
  }

  @Test
  void eachAttackIsLoggedOnceInStructuredForm() throws IOException {
    Run run = replay(SessionLogConfig.Format.STRUCTURED);
    run.engine().close();
    List<String> lines = screenLines(run.standard());
    assertThat(lines).hasSize(7);
    assertThat(lines.getFirst())
        .isEqualTo(
            "<11>1 2026-01-01T00:00:01.300Z edge-1 RT_IDS - RT_SCREEN_TCP [junos@2636.1.1.1.2.28"
                + " attack-name=\"SYN flood!\" source-address=\"203.0.113.31\""
                + " source-port=\"1024\" destination-address=\"192.168.1.10\""
                + " destination-port=\"80\" source-zone-name=\"untrust\""
                + " interface-name=\"ge-0/0/0.0\" action=\"drop\"]");
    assertThat(lines.get(4))
        .contains(" RT_IDS - RT_SCREEN_IP [")
        .contains(" protocol-id=\"17\" source-zone-name=\"untrust\"");
  }
}
