package org.flowgate.mgmt.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowgate.config.compile.CompileResult;
import org.flowgate.config.compile.JunosCompiler;
import org.flowgate.dataplane.alg.Alg;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.control.FlowStatistics;
import org.flowgate.dataplane.flow.alg.AlgCounters;
import org.flowgate.dataplane.log.SessionLogRecorder;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.mgmt.log.SessionLogConfig;
import org.flowgate.mgmt.log.SessionLogger;
import org.flowgate.mgmt.render.GoldenFiles;
import org.flowgate.mgmt.render.JunosXmlJsonTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FTP control connection of {@link FtpCaptures} replayed through an engine that permits only
 * {@code junos-ftp}: gates open for whole and split PORT lines, expire on the capture's clock (the
 * late data connection is then denied), a PORT to a third host and a malformed one are counted, and
 * the gate and resource-manager views say so in text, XML and JSON. The children are logged as
 * RT_FLOW sessions of the control session's policy and application.
 */
class FtpGatesEndToEndTest {
  @TempDir Path dir;

  private record Run(OperationalCommands cli, FlowEngine engine, List<String> log) {}

  private Run replay(SessionLogConfig.Format format, int spus) throws IOException {
    return replay(format, spus, 100);
  }

  private Run replay(SessionLogConfig.Format format, int spus, int atSeconds) throws IOException {
    CompileResult compiled = JunosCompiler.load(FtpCaptures.CONFIG, "edge-1.conf");
    assertThat(compiled.errors()).isEmpty();
    Path capture = FtpCaptures.activeSession(dir);
    Path log = dir.resolve("flow-" + format + ".log");
    SessionLogRecorder recorder = new SessionLogRecorder(spus, 1024);
    FlowEngine engine = new FlowEngine(compiled.config(), spus, recorder);
    try (SessionLogger logger =
        new SessionLogger(
            recorder,
            SessionLogConfig.defaults().withFormat(format).withFile(log),
            engine::config)) {
      engine.replay(List.of(capture), atSeconds * FtpCaptures.SECOND);
      assertThat(logger.awaitIdle(10_000)).isTrue();
      assertThat(logger.eventsDropped()).isZero();
    }
    return new Run(new OperationalCommands(engine), engine, Files.readAllLines(log));
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
  void gatesOpenForWholeAndSplitLinesAndMalformedOrThirdHostPortsAreCounted() throws IOException {
    Run run = replay(SessionLogConfig.Format.STANDARD, 1);
    try (FlowEngine engine = run.engine()) {
      AlgCounters ftp = engine.algCounters(Alg.FTP);
      assertThat(ftp.controlSessions).isEqualTo(1);
      assertThat(ftp.gatesOpened).as("40001, 40002 (split), 40005, 40006").isEqualTo(4);
      assertThat(ftp.childSessions).as("40001 and 40002").isEqualTo(2);
      assertThat(ftp.gatesExpired).as("40005, unused for 60 s").isEqualTo(1);
      assertThat(ftp.mismatchDropped).as("PORT 10,9,9,9").isEqualTo(1);
      assertThat(ftp.malformed).as("PORT ...,999,1").isEqualTo(1);
      assertThat(ftp.inspectionFaults).isZero();

      FlowStatistics total = FlowStatistics.total(engine.statistics());
      assertThat(total.drops(DropReason.ALG_DROPPED)).as("the third host's PORT").isEqualTo(1);
      assertThat(total.drops(DropReason.POLICY_DENY))
          .as("the data connection after its gate expired")
          .isEqualTo(1);

      // the split line's gate let its data connection through as a child of the control session
      String child = run.cli().execute("show security flow session destination-port 40002");
      assertThat(child)
          .contains("198.51.100.7/20 --> 192.168.1.10/40002;tcp")
          .contains("Policy name: ftp-out/");
      assertThat(run.cli().execute("show security flow session resource-manager"))
          .contains("Resource information : FTP ALG, ");
      assertThat(run.cli().execute("show security flow session destination-port 40005"))
          .contains("Total sessions: 0");
    }
  }

  @Test
  void anUnusedGateExpiresOnTheCapturesClockWithoutAPacketAskingForIt() throws IOException {
    // the gate of 40006 opened at 75 s; the replay's clock reaches 140 s with no packet after 76 s
    Run run = replay(SessionLogConfig.Format.STANDARD, 1, 140);
    try (FlowEngine engine = run.engine()) {
      // read before any view (a view closes due gates itself): the clock alone closed it
      assertThat(engine.algCounters(Alg.FTP).gatesExpired).isEqualTo(2);
      assertThat(engine.resourceSummary().gatesInUse()).isZero();
      assertThat(run.cli().execute("show security flow gate summary")).contains("Total gates: 0");
      // the group keeps the control session and the open child
      assertThat(run.cli().execute("show security resource-manager summary"))
          .contains("Active resource-manager resources   : 2\n");
    }
  }

  @Test
  void theGateViewsListTheOpenGateInJunosLayouts() throws IOException {
    Run run = replay(SessionLogConfig.Format.STANDARD, 1);
    try (FlowEngine engine = run.engine()) {
      assertGolden(run.cli(), "flow-gate", "show security flow gate");
      // brief is the default level (24.4R1 YANG): the same reply
      assertThat(run.cli().execute("show security flow gate brief"))
          .isEqualTo(run.cli().execute("show security flow gate"));
      assertGolden(run.cli(), "flow-gate-summary", "show security flow gate summary");
      assertThat(run.cli().execute("show security flow gate"))
          .contains("Hole: 198.51.100.7-198.51.100.7/0-0->192.168.1.10-192.168.1.10/40006-40006")
          .contains("  Zone: untrust\n")
          .contains("Valid gates: 1\n");
      // filters: the gate's destination matches, another port or family does not
      assertThat(run.cli().execute("show security flow gate destination-port 40006 summary"))
          .contains("Total gates: 1");
      assertThat(run.cli().execute("show security flow gate destination-port 40005 summary"))
          .contains("Total gates: 0");
      assertThat(run.cli().execute("show security flow gate family inet6 summary"))
          .contains("Total gates: 0");
      assertThat(
              run.cli()
                  .execute(
                      "show security flow gate destination-prefix 192.168.1.0/24 protocol tcp"))
          .contains("Total gates: 1");
      assertThat(run.cli().execute("show security flow gate source-prefix 10.0.0.0/8 summary"))
          .contains("Total gates: 0");
      assertThat(run.cli().execute("show security flow gate summary | display xml rpc"))
          .contains("<get-flow-gate-information>")
          .contains("<summary/>");
    }
  }

  @Test
  void theResourceManagerViewsListTheControlGroupAndItsResources() throws IOException {
    Run run = replay(SessionLogConfig.Format.STANDARD, 1);
    try (FlowEngine engine = run.engine()) {
      assertGolden(run.cli(), "resmgr-group-active", "show security resource-manager group active");
      assertGolden(
          run.cli(), "resmgr-resource-active", "show security resource-manager resource active");
      assertGolden(run.cli(), "resmgr-summary", "show security resource-manager summary");
      String groups = run.cli().execute("show security resource-manager group active");
      String id = groups.lines().filter(l -> l.startsWith("Group ID ")).findFirst().orElseThrow();
      String number = id.substring("Group ID ".length(), id.indexOf(':'));
      assertThat(run.cli().execute("show security resource-manager group active " + number))
          .isEqualTo(groups);
      // the control session, child 2 (open) and the open gate; child 1 ended, its resource went
      String resources = run.cli().execute("show security resource-manager resource active");
      assertThat(resources.lines().filter(l -> l.contains(": Group ID - " + number + ",")))
          .hasSize(3);
      assertThat(run.cli().execute("show security resource-manager summary"))
          .contains("Active resource-manager groups      : 1\n")
          .contains("Active resource-manager resources   : 3\n")
          .contains("Active resource-manager sessions    : 2\n");
      assertThat(run.cli().execute("show security resource-manager group active 99999"))
          .doesNotContain("Group ID ");
      assertThat(run.cli().execute("show security resource-manager group active nope"))
          .isEqualTo("error: invalid group number: 'nope'\n");
      assertThat(run.cli().execute("show security resource-manager group active 1 2"))
          .contains("syntax error, expecting <command>.");
      assertThat(
              run.cli()
                  .execute(
                      "show security resource-manager group active "
                          + number
                          + " | display xml rpc"))
          .contains("<get-resmgr-group-active>")
          .contains("<group-number>" + number + "</group-number>");
    }
  }

  @Test
  void severalSpusShowTheSameGatesAndGroups() throws IOException {
    Run one = replay(SessionLogConfig.Format.STANDARD, 1);
    Run four = replay(SessionLogConfig.Format.STANDARD, 4);
    try (FlowEngine a = one.engine();
        FlowEngine b = four.engine()) {
      // the same ids and the same gate whatever the SPU count; the pools grow with the SPUs
      for (String command :
          List.of(
              "show security resource-manager group active",
              "show security resource-manager resource active",
              "show security flow gate")) {
        assertThat(withoutTotals(four.cli().execute(command)))
            .as(command)
            .isEqualTo(withoutTotals(one.cli().execute(command)));
      }
      assertThat(b.algCounters(Alg.FTP).gatesExpired).isEqualTo(1);
    }
  }

  @Test
  void aHighEndDeviceListsEachSpusGatesInItsOwnBlock() throws IOException {
    CompileResult compiled = JunosCompiler.load(FtpCaptures.CONFIG, "edge-1.conf");
    Path capture = FtpCaptures.activeSession(dir);
    try (FlowEngine engine =
        new FlowEngine(
            compiled.config(),
            2,
            new SessionLogRecorder(2, 64),
            org.flowgate.dataplane.control.Platform.named("srx5800"))) {
      engine.replay(List.of(capture), 100 * FtpCaptures.SECOND);
      OperationalCommands cli = new OperationalCommands(engine);
      String text = cli.execute("show security flow gate summary");
      assertThat(text)
          .contains("Flow Gates on FPC0 PIC1:\n")
          .contains("Flow Gates on FPC0 PIC2:\n");
      assertThat(text.split("Total gates: 1", -1)).hasSize(2); // one SPU holds the gate
      assertThat(cli.execute("show security flow gate summary | display xml"))
          .contains("<flow-gate-fpc-pic-id> on FPC0 PIC1:</flow-gate-fpc-pic-id>");
    }
  }

  private static String withoutTotals(String text) {
    return text.replaceAll("Total (groups|resources) \\d+", "Total $1 N");
  }

  @Test
  void childSessionsAreLoggedUnderTheControlSessionsPolicyAndApplication() throws IOException {
    Run run = replay(SessionLogConfig.Format.STANDARD, 1);
    run.engine().close();
    List<String> creates =
        run.log().stream().filter(l -> l.contains("RT_FLOW_SESSION_CREATE")).toList();
    assertThat(creates).hasSize(3); // the control session and the two children
    assertThat(creates.get(1))
        .contains(
            "session created 198.51.100.7/20->192.168.1.10/40001 0x0 junos-ftp"
                + " 198.51.100.7/20->192.168.1.10/40001 0x0 N/A N/A N/A N/A 6 ftp-out untrust"
                + " trust ");
    List<String> closes =
        run.log().stream().filter(l -> l.contains("RT_FLOW_SESSION_CLOSE")).toList();
    assertThat(closes).hasSize(1);
    assertThat(closes.getFirst())
        .contains("session closed TCP FIN: 198.51.100.7/20->192.168.1.10/40001 0x0 junos-ftp")
        .contains(" 6 ftp-out untrust trust ");
    assertThat(run.log()).noneMatch(l -> l.contains("/40005") && l.contains("CREATE"));
  }

  @Test
  void childSessionsAreLoggedInStructuredForm() throws IOException {
    Run run = replay(SessionLogConfig.Format.STRUCTURED, 1);
    run.engine().close();
    List<String> creates =
        run.log().stream().filter(l -> l.contains("RT_FLOW_SESSION_CREATE")).toList();
    assertThat(creates).hasSize(3);
    assertThat(creates.get(1))
        .contains("source-address=\"198.51.100.7\" source-port=\"20\"")
        .contains("destination-port=\"40001\"")
        .contains("service-name=\"junos-ftp\"")
        .contains("policy-name=\"ftp-out\"")
        .contains("source-zone-name=\"untrust\" destination-zone-name=\"trust\"");
  }
}
