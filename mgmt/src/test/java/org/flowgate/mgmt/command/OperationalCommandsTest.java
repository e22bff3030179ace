package org.flowgate.mgmt.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** The command line as an operator types it: abbreviations, help, filters, clear and pipes. */
class OperationalCommandsTest {
  private static final long T0 = 1_700_000_000_000_000_000L;

  @TempDir Path dir;
  private FlowEngine engine;
  private OperationalCommands cli;

  @BeforeEach
  void replayFourSessions() throws IOException {
    Path file = dir.resolve("four.pcap");
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
    engine = new FlowEngine(FactoryDefault.config().withMaximumSessions(4096), 1);
    engine.replay(List.of(file), -1);
    cli = new OperationalCommands(engine);
  }

  @AfterEach
  void close() {
    engine.close();
  }

  private long sessionsListed(String command) {
    return cli.execute(command).lines().filter(l -> l.startsWith("Session ID: ")).count();
  }

  @Test
  void wordsMayBeAbbreviatedToAUniquePrefix() {
    assertThat(cli.execute("sh sec fl sess")).isEqualTo(cli.execute("show security flow session"));
    assertThat(sessionsListed("sh sec fl sess")).isEqualTo(4);
  }

  @Test
  void anAmbiguousAbbreviationListsWhatItCouldMean() {
    assertThat(cli.execute("show security flow s"))
        .isEqualTo(
            """
        show security flow s
                           ^
        's' is ambiguous.
        Possible completions:
          session              Show session information
          statistics           Show flow statistics
          status               Show flow status
        """);
  }

  @Test
  void aQuestionMarkListsWhatMayComeNext() {
    String help = cli.execute("show security flow session ?");
    assertThat(help)
        .startsWith("Possible completions:\n  <[Enter]>            Execute this command\n")
        .contains("  destination-port     Destination port\n")
        .contains("  summary              Show summary of sessions\n")
        .endsWith("  |                    Pipe through a command\n");
    assertThat(cli.execute("show ?"))
        .isEqualTo(
            """
        Possible completions:
          arp                  Show system Address Resolution Protocol table entries
          chassis              Show chassis information
          class-of-service     Show class-of-service information
          configuration        Show current configuration
          interfaces           Show interface information
          ipv6                 Show IP version 6 information
          log                  Show contents of log file
          route                Show routing table information
          security             Show security information
          services             Show services information
          system               Show system information
          version              Show software process revision levels
        """);
  }

  @Test
  void filtersAreAndedTogether() {
    assertThat(sessionsListed("show security flow session protocol tcp")).isEqualTo(2);
    assertThat(sessionsListed("show security flow session protocol 6 family inet")).isEqualTo(1);
    assertThat(sessionsListed("show security flow session destination-prefix 203.0.113.5"))
        .isEqualTo(2);
    assertThat(
            sessionsListed(
                "show security flow session destination-prefix 203.0.113.0/24 destination-port 53"))
        .isEqualTo(1);
    assertThat(sessionsListed("show security flow session source-prefix 2001:db8:1::/48"))
        .isEqualTo(1);
    assertThat(sessionsListed("show security flow session interface ge-0/0/0.0")).isEqualTo(4);
    assertThat(sessionsListed("show security flow session policy-id 2")).isEqualTo(4);
    assertThat(sessionsListed("show security flow session policy-id 4")).isZero();
    assertThat(sessionsListed("show security flow session nat")).isZero();
    assertThat(cli.execute("show security flow session protocol udp summary"))
        .contains("Valid sessions: 1\n");
  }

  @Test
  void aBadValueGetsACaretUnderIt() {
    assertThat(cli.execute("show security flow session destination-port http"))
        .isEqualTo(
            """
        show security flow session destination-port http
                                                    ^
        invalid port: 'http' (1 to 65535)
        """);
    assertThat(cli.execute("show security flow session protocol"))
        .contains("syntax error, expecting <protocol>.");
    assertThat(cli.execute("show security")).contains("syntax error, command is incomplete.");
  }

  @Test
  void clearClosesWhatMatchesAndSaysHowMany() {
    assertThat(cli.execute("clear security flow session protocol udp"))
        .isEqualTo("1 active sessions cleared\n");
    assertThat(cli.execute("show security flow session summary"))
        .contains("Valid sessions: 3\n")
        .contains("Invalidated sessions: 1\n");
    assertThat(cli.execute("clear security flow session all"))
        .isEqualTo("3 active sessions cleared\n");
    assertThat(cli.execute("clear security flow session all"))
        .isEqualTo("0 active sessions cleared\n");
  }

  @Test
  void pipesMatchExceptCountLastAndSave() throws IOException {
    assertThat(cli.execute("show security flow session | match In: | count"))
        .isEqualTo("Count: 4 lines\n");
    assertThat(cli.execute("show security flow session | match tcp | except 2001 | count"))
        .isEqualTo("Count: 2 lines\n");
    assertThat(cli.execute("show security flow session | last 1")).isEqualTo("Total sessions: 4\n");
    Path saved = dir.resolve("sessions.txt");
    assertThat(cli.execute("show security flow session | save " + saved))
        .isEqualTo("Wrote 16 lines of output to '" + saved + "'\n");
    assertThat(Files.readString(saved)).isEqualTo(cli.execute("show security flow session"));
    assertThat(cli.execute("show security flow session | frobnicate"))
        .contains("syntax error, expecting <pipe command>.");
  }

  @Test
  void aCommandWhoseArgumentNamesNothingAnswersAnErrorAndReportsFailure() {
    StringBuilder out = new StringBuilder();
    assertThat(cli.execute("show security screen ids-option no-such-screen", out))
        .as("a script (flowgate -c) exits non-zero")
        .isFalse();
    assertThat(out.toString()).startsWith("error: ");
    assertThat(cli.execute("show security flow session", new StringBuilder())).isTrue();
  }

  @Test
  void aSaveToAFileNameTheHostRefusesIsASyntaxErrorNotAFault() {
    // found by the command fuzz target: a NUL in the name made Path.of throw out of the command
    assertThat(cli.execute("show security flow session | save a\0b"))
        .contains("syntax error")
        .doesNotContain("Exception");
  }

  @Test
  void statisticsCountPacketsAndSessions() {
    assertThat(cli.execute("show security flow statistics"))
        .startsWith(
            """
            Current sessions: 4
            Packets received: 4
            Packets transmitted: 4
            Packets forwarded/queued: 0
            Packets copied: 0
            Packets dropped: 0
            Services-offload packets processed: 0
            Fragment packets: 0
            Pre fragments generated: 0
            Post fragments generated: 0
        """)
        .contains("    Packets dropped due to:\n      capture truncated while replayed: 0\n")
        .contains("      no route: 0\n");
  }

  @Test
  void clearingCountersZeroesThemAndLeavesTheSessions() {
    assertThat(cli.execute("clear security flow statistics")).isEmpty();
    assertThat(cli.execute("show security flow statistics"))
        .startsWith("    Current sessions: 4\n    Packets received: 0\n");
    String hits = cli.execute("show security policies hit-count");
    assertThat(hits).containsPattern("default-policy +4 +Permit\n");
    assertThat(cli.execute("clear security policies hit-count | display xml"))
        .startsWith("<rpc-reply")
        .doesNotContain("error");
    assertThat(cli.execute("show security policies hit-count"))
        .containsPattern("default-policy +0 +Permit\n");
    assertThat(cli.execute("clear security nat statistics source pool all")).isEmpty();
    assertThat(cli.execute("clear security nat statistics destination pool all")).isEmpty();
    assertThat(cli.execute("clear security nat statistics static rule all")).isEmpty();
    // the commands and RPCs of Juniper's YANG (22.4 to 24.4), with their <all/>: the statistics
    // clears sit under "statistics", and there is no bare "clear security nat statistics"
    assertThat(cli.execute("clear security nat statistics source rule all | display xml rpc"))
        .contains("<clear-source-nat-rule-sets-information>\n                <all/>");
    assertThat(cli.execute("clear security nat statistics destination rule all | display xml rpc"))
        .contains("<clear-destination-nat-rule-sets-information>");
    assertThat(cli.execute("clear security nat statistics"))
        .contains("syntax error, command is incomplete.");
    assertThat(cli.execute("clear security nat source rule all")).contains("syntax error");
    assertThat(cli.execute("show security flow session summary")).contains("Valid sessions: 4\n");
  }

  @Test
  void displayXmlAndJsonRenderTheSameReply() throws Exception {
    String xml = cli.execute("show security flow session protocol udp | display xml");
    assertThat(xml)
        .startsWith("<rpc-reply xmlns:junos=\"http://xml.juniper.net/junos/")
        .contains("<source-address>192.168.1.11</source-address>")
        .contains("<displayed-session-count>1</displayed-session-count>");
    javax.xml.parsers.DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(
            new java.io.ByteArrayInputStream(
                xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    String json = cli.execute("show security flow session protocol udp | display json");
    assertThat(json)
        .contains("\"flow-session-information\"")
        .contains("\"data\" : \"192.168.1.11\"");
    assertThat(cli.execute("show security flow session summary | display xml"))
        .contains("<active-unicast-sessions>4</active-unicast-sessions>");
    assertThat(cli.execute("show security flow session | display xml | count"))
        .matches("Count: \\d+ lines\n");
  }

  @Test
  void displayXmlRpcShowsTheRpcWithoutRunningIt() {
    assertThat(cli.execute("show security flow session protocol tcp summary | display xml rpc"))
        .contains("<get-flow-session-information>")
        .contains("<protocol>tcp</protocol>")
        .contains("<summary/>");
    assertThat(cli.execute("clear security flow session all | display xml rpc"))
        .contains("<clear-flow-session-all");
    assertThat(cli.execute("show security flow session summary")).contains("Valid sessions: 4\n");
    assertThat(cli.execute("clear security flow session all | display xml"))
        .contains("4 active sessions cleared");
  }

  @Test
  void monitoringShowsEachSpuAndStatusHowTheEngineForwards() {
    assertThat(cli.execute("show security monitoring"))
        .matches(
            "(?s)               \n"
                + "                  Flow session   Flow session     CP session     CP session \n"
                + "FPC PIC CPU Mem        current        maximum        current        maximum\n"
                + "  0   0 +\\d+ +0 +4 +4096 +0 +0\n");
    assertThat(cli.execute("show security flow status"))
        .contains("Inet6 forwarding mode: flow based\n")
        .contains("Distribution mode: Hash-based\n");
  }

  @Test
  void filtersOfApplicationFirewallAndOfTrafficControlWithoutARuleSetSelectNothing() {
    assertThat(sessionsListed("show security flow session")).isEqualTo(4);
    assertThat(cli.execute("show security flow session application-firewall-rule-set rs1"))
        .isEqualTo("Total sessions: 0\n");
    assertThat(cli.execute("show security flow session application-traffic-control protocol tcp"))
        .isEqualTo("Total sessions: 0\n");
    assertThat(cli.execute("show security flow session application-traffic-control summary"))
        .contains("Unicast-sessions: 0\n");
    assertThat(cli.execute("show security flow session application-firewall-rule-set"))
        .endsWith("syntax error, expecting <name>.\n");
  }

  @Test
  void aVsrxWithSeveralShardsShowsOneTableWithoutSpuBlocksOrCpIds() {
    try (FlowEngine four =
        new FlowEngine(
            FactoryDefault.config(), 4, org.flowgate.dataplane.flow.SessionEvents.NONE)) {
      four.replay(List.of(dir.resolve("four.pcap")), -1);
      OperationalCommands vsrx = new OperationalCommands(four);
      String list = vsrx.execute("show security flow session");
      assertThat(list).doesNotContain("Flow Sessions on").doesNotContain("CP Session ID");
      assertThat(list.lines().filter(l -> l.startsWith("Total sessions: ")).toList())
          .containsExactly("Total sessions: 4");
      assertThat(vsrx.execute("show security flow session extensive")).startsWith("\n");
      assertThat(vsrx.execute("show security flow session summary"))
          .doesNotContain("Flow Sessions on")
          .contains("Unicast-sessions: 4\n");
      assertThat(vsrx.execute("show security flow statistics"))
          .startsWith("    Current sessions: 4\n");
      assertThat(vsrx.execute("show security flow session | display xml"))
          .doesNotContain("flow-fpc-pic-id")
          .doesNotContain("dcp-session-id")
          .contains("<displayed-session-count>4</displayed-session-count>");
      assertThat(vsrx.execute("show version")).contains("Model: vSRX\n");
      assertThat(vsrx.execute("show version | display xml"))
          .contains("<product-model>vSRX</product-model>")
          .contains("<product-name>vsrx</product-name>");
      assertThat(vsrx.execute("show chassis hardware"))
          .contains("FPC 0                                                    Virtual FPC\n")
          .doesNotContain("PIC 1");
    }
  }

  @Test
  void anSrx5800ShowsEachShardAsAnSpuWithItsBlockAndCpIds() {
    try (FlowEngine three =
        new FlowEngine(
            FactoryDefault.config(),
            3,
            org.flowgate.dataplane.flow.SessionEvents.NONE,
            org.flowgate.dataplane.control.Platform.SRX5800)) {
      three.replay(List.of(dir.resolve("four.pcap")), -1);
      OperationalCommands srx = new OperationalCommands(three);
      assertThat(srx.execute("show security flow session"))
          .contains("Flow Sessions on FPC0 PIC1:\n")
          .contains("Flow Sessions on FPC0 PIC3:\n")
          .contains("CP Session ID: ");
      assertThat(srx.execute("show version")).contains("Model: srx5800\n");
      assertThat(srx.execute("show chassis hardware"))
          .contains("SRX 5800\n")
          .contains("  PIC 0                                                  SPU Cp\n")
          .contains("  PIC 3                                                  SPU Flow\n");
    }
  }

  @Test
  void aStreamedListIsLineForLineTheRenderedReply() {
    try (FlowEngine three =
        new FlowEngine(
            FactoryDefault.config().withMaximumSessions(4096),
            3,
            org.flowgate.dataplane.flow.SessionEvents.NONE,
            org.flowgate.dataplane.control.Platform.SRX5800)) {
      three.replay(List.of(dir.resolve("four.pcap")), -1);
      OperationalCommands streamed = new OperationalCommands(three);
      for (var view : org.flowgate.mgmt.reply.FlowSessionReply.View.values()) {
        List<org.flowgate.mgmt.reply.SpuSessions> sections = new java.util.ArrayList<>();
        List<List<org.flowgate.dataplane.control.SessionSnapshot>> perSpu =
            three.sessions(org.flowgate.dataplane.control.SessionFilter.ALL);
        for (int spu = 0; spu < perSpu.size(); spu++) {
          sections.add(new org.flowgate.mgmt.reply.SpuSessions(spu, perSpu.get(spu)));
        }
        String rendered =
            org.flowgate.mgmt.render.FlowSessionTextRenderer.render(
                new org.flowgate.mgmt.reply.FlowSessionReply(view, true, sections));
        String command =
            "show security flow session"
                + (view == org.flowgate.mgmt.reply.FlowSessionReply.View.EXTENSIVE
                    ? " extensive"
                    : "");
        assertThat(streamed.execute(command)).isEqualTo(rendered);
      }
    }
  }

  @Test
  void statisticsStatusAndMonitoringHaveXmlAndJsonForms() throws Exception {
    for (String command :
        List.of(
            "show security flow statistics",
            "show security flow status",
            "show security monitoring")) {
      String xml = cli.execute(command + " | display xml");
      javax.xml.parsers.DocumentBuilderFactory.newInstance()
          .newDocumentBuilder()
          .parse(
              new java.io.ByteArrayInputStream(
                  xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      assertThat(xml).as(command).startsWith("<rpc-reply");
      assertThat(cli.execute(command + " | display json")).as(command).startsWith("{");
    }
    assertThat(cli.execute("show security flow statistics | display xml"))
        .contains("<flow-pkt-count-rx>4</flow-pkt-count-rx>");
    assertThat(cli.execute("show security monitoring | display json"))
        .contains("\"spu-current-flow-session\"");
  }
}
