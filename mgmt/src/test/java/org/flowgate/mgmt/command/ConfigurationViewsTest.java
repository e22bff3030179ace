package org.flowgate.mgmt.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.flowgate.config.compile.CompileResult;
import org.flowgate.config.compile.JunosCompiler;
import org.flowgate.config.text.ConfigParser;
import org.flowgate.config.text.ConfigStatement;
import org.flowgate.config.text.Diagnostics;
import org.flowgate.config.text.ParsedConfig;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.flowgate.mgmt.render.GoldenFiles;
import org.flowgate.mgmt.render.JunosXmlJsonTest;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration views of a small three-zone office edge, exactly as an operator sees them. */
class ConfigurationViewsTest {
  static final String THREE_ZONES =
      """
      system {
          host-name edge-1;
      }
      interfaces {
          ge-0/0/0 {
              unit 0 {
                  family inet {
                      address 198.51.100.1/24;
                  }
                  family inet6 {
                      address 2001:db8::1/64;
                  }
              }
          }
          ge-0/0/1 {
              unit 0 {
                  family inet {
                      address 192.168.1.1/24;
                  }
              }
          }
          ge-0/0/2 {
              unit 0 {
                  family inet {
                      address 10.0.2.1/24;
                  }
              }
          }
      }
      routing-options {
          static {
              route 0.0.0.0/0 next-hop 198.51.100.254;
              route 192.0.2.0/24 discard;
          }
      }
      applications {
          application tcp-8080 {
              protocol tcp;
              destination-port 8080;
              inactivity-timeout 600;
          }
          application-set web-apps {
              application junos-http;
              application tcp-8080;
          }
      }
      security {
          address-book {
              global {
                  address web-server 10.0.2.10/32;
                  address bad-host 192.168.1.66/32;
                  address-set servers {
                      address web-server;
                  }
              }
          }
          policies {
              from-zone trust to-zone untrust {
                  policy block-bad-host {
                      match {
                          source-address bad-host;
                          destination-address any;
                          application any;
                      }
                      then {
                          deny;
                      }
                  }
                  policy allow-web {
                      match {
                          source-address any;
                          destination-address any;
                          application [ junos-http junos-https ];
                      }
                      then {
                          permit;
                          log {
                              session-init;
                          }
                      }
                  }
              }
              from-zone untrust to-zone dmz {
                  policy to-web {
                      match {
                          source-address any;
                          destination-address servers;
                          application web-apps;
                      }
                      then {
                          permit;
                          count;
                      }
                  }
              }
              global {
                  policy reject-rest {
                      match {
                          source-address any;
                          destination-address any;
                          application any;
                      }
                      then {
                          reject;
                      }
                  }
              }
              default-policy {
                  deny-all;
              }
          }
          zones {
              security-zone trust {
                  interfaces {
                      ge-0/0/1.0;
                  }
              }
              security-zone untrust {
                  interfaces {
                      ge-0/0/0.0;
                  }
              }
              security-zone dmz {
                  interfaces {
                      ge-0/0/2.0;
                  }
              }
          }
      }
      """;

  @TempDir Path dir;
  private FlowEngine engine;
  private OperationalCommands cli;
  private ParsedConfig parsed;

  @BeforeEach
  void loadThreeZones() {
    Diagnostics diagnostics = new Diagnostics();
    parsed = ConfigParser.parseConfig(THREE_ZONES, "edge-1.conf", diagnostics);
    CompileResult compiled = JunosCompiler.compile(parsed, diagnostics);
    assertThat(compiled.errors()).isEmpty();
    engine = new FlowEngine(compiled.config(), 2);
    cli = new OperationalCommands(engine, new LoadedConfiguration("edge-1.conf", parsed));
  }

  @AfterEach
  void close() {
    engine.close();
  }

  /**
   * The view in text, XML and JSON against its golden files, XML and JSON carrying the same values.
   */
  private void assertGolden(String name, String command) throws IOException {
    GoldenFiles.assertMatches(name + ".txt", cli.execute(command));
    String xml = cli.execute(command + " | display xml");
    String json = cli.execute(command + " | display json");
    GoldenFiles.assertMatches(name + ".xml", xml);
    GoldenFiles.assertMatches(name + ".json", json);
    JunosXmlJsonTest.assertSameValues(xml, json);
  }

  @Test
  void zonesAreSortedByNameWithJunosHostLast() throws IOException {
    assertGolden("config-zones", "show security zones");
  }

  @Test
  void policiesAreGroupedByContextWithTheNamesTheUserWrote() throws IOException {
    assertGolden("config-policies", "show security policies");
  }

  @Test
  void policyDetailResolvesAddressesAndApplications() throws IOException {
    assertGolden("config-policies-detail", "show security policies detail");
  }

  @Test
  void policySelectorsNarrowTheViewAndDropTheDefaultLines() throws IOException {
    assertGolden(
        "config-policies-from-to", "show security policies from-zone trust to-zone untrust");
    assertGolden("config-policies-global", "show security policies global");
    assertThat(cli.execute("show security policies policy-name to-web"))
        .isEqualTo(
            """
        From zone: untrust, To zone: dmz
          Policy: to-web, State: enabled, Index: 6, Scope Policy: 0, Sequence number: 1, Log Profile ID: 0
            Source vrf group: any
            Destination vrf group: any
            Source addresses: any
            Destination addresses: servers
            Applications: web-apps
            Source identity feeds: any
            Destination identity feeds: any
            Action: permit, count
        """);
    assertThat(cli.execute("show security policies detail policy-name allow-web"))
        .startsWith("Policy: allow-web, action-type: permit, services-offload:not-configured ,")
        .contains("  Sequence number: 2\n");
    assertThat(cli.execute("show security policies from-zone dmz to-zone trust")).isEmpty();
  }

  @Test
  void routeListsEachTableSortedByDestinationWithLinkLocalRoutes() throws IOException {
    assertGolden("config-route", "show route");
  }

  @Test
  void routeOfAPrefixShowsTheLongestRouteThatCoversIt() throws IOException {
    assertGolden("config-route-prefix", "show route 10.0.2.77");
    assertThat(cli.execute("show route 10.0.2.0/24")).contains("10.0.2.0/24        *[Direct/0]");
    assertThat(cli.execute("show route 8.8.8.8")).contains("0.0.0.0/0          *[Static/5]");
    assertThat(cli.execute("show route 2001:db8::99"))
        .startsWith("\ninet6.0: 4 destinations, 4 routes")
        .contains("2001:db8::/64      *[Direct/0]")
        .doesNotContain("inet.0");
    assertThat(cli.execute("show route 10.0.0.0/zz"))
        .isEqualTo(
            """
        show route 10.0.0.0/zz
                   ^
        invalid prefix: '10.0.0.0/zz'
        """);
  }

  @Test
  void interfacesTerseListsPhysicalThenLogicalWithAddresses() throws IOException {
    assertGolden("config-interfaces-terse", "show interfaces terse");
  }

  private static final String MATCH =
      "show security match-policies from-zone trust to-zone untrust source-ip %s"
          + " destination-ip 203.0.113.5 source-port 40000 destination-port %d protocol tcp";

  @Test
  void matchPoliciesRunsTheRunningGenerationsPolicyLookup() throws IOException {
    assertGolden("config-match-policies", MATCH.formatted("192.168.1.10", 80));
    assertThat(cli.execute(MATCH.formatted("192.168.1.66", 80)))
        .startsWith("Policy: block-bad-host, action-type: deny, ");
    assertThat(cli.execute(MATCH.formatted("192.168.1.10", 22)))
        .startsWith("Policy: reject-rest, action-type: reject, ")
        .contains("  From zones: any, To zones: any\n");
  }

  @Test
  void resultCountListsThePoliciesAfterTheDecidingOneThatMatchToo() {
    String three = cli.execute(MATCH.formatted("192.168.1.66", 80) + " result-count 3");
    assertThat(three.lines().filter(l -> l.startsWith("Policy: ")).toList())
        .containsExactly(
            "Policy: block-bad-host, action-type: deny, services-offload:not-configured , State:"
                + " enabled, Index: 4, Scope Policy: 0",
            "Policy: allow-web, action-type: permit, services-offload:not-configured , State:"
                + " enabled, Index: 5, Scope Policy: 0",
            "Policy: reject-rest, action-type: reject, services-offload:not-configured , State:"
                + " enabled, Index: 7, Scope Policy: 0");
  }

  @Test
  void matchPoliciesWithoutAUserPolicyShowsTheDefaultPolicy() {
    try (FlowEngine factory = new FlowEngine(FactoryDefault.config(), 1)) {
      assertThat(
              new OperationalCommands(factory)
                  .execute(
                      "show security match-policies from-zone trust to-zone trust source-ip"
                          + " 192.168.1.10 destination-ip 198.51.100.9 source-port 1024"
                          + " destination-port 53 protocol udp"))
          .startsWith(
              "Policy: default-policy-logical-system-00, action-type: permit, services-offload:"
                  + "not-configured , State: enabled, Index: 2, Scope Policy: 0\n");
    }
  }

  @Test
  void matchPoliciesNeedsTheWholePacketAndKnownZones() {
    String incomplete =
        "show security match-policies from-zone trust to-zone untrust source-ip 1.1.1.1";
    assertThat(cli.execute(incomplete))
        .startsWith(
            incomplete
                + "\n"
                + " ".repeat(incomplete.length() + 1)
                + "^\nsyntax error, command is incomplete.\nPossible completions:\n")
        .contains("  destination-ip       Destination IP address\n");
    assertThat(
            cli.execute(
                "show security match-policies from-zone trust to-zone untrust source-ip 1.1.1"))
        .endsWith("invalid address: '1.1.1'\n");
    assertThat(cli.execute(MATCH.formatted("192.168.1.10", 80).replace("untrust", "nowhere")))
        .isEqualTo("error: security zone 'nowhere' is not configured\n");
  }

  @Test
  void theNewViewsNameTheirRpcs() {
    assertThat(cli.execute(MATCH.formatted("192.168.1.10", 80) + " | display xml rpc"))
        .contains("        <match-firewall-policies>\n")
        .contains("                <source-ip>192.168.1.10</source-ip>\n")
        .contains("                <protocol>tcp</protocol>\n");
    assertThat(cli.execute("show route 10.0.0.0/8 | display xml rpc"))
        .contains("        <get-route-information>\n")
        .contains("                <destination>10.0.0.0/8</destination>\n");
    assertThat(
            cli.execute("show security policies from-zone trust to-zone untrust | display xml rpc"))
        .contains("        <get-firewall-policies>\n")
        .contains("                <from-zone>trust</from-zone>\n");
    assertThat(cli.execute("show security zones | display xml rpc"))
        .contains("        <get-zones-information>\n");
  }

  @Test
  void aVsrxListsItsPortsWithoutGapsAndDisabledOnesDown() {
    Diagnostics diagnostics = new Diagnostics();
    ParsedConfig gaps =
        ConfigParser.parseConfig(
            """
            set interfaces ge-0/0/0 unit 0 family inet address 10.0.0.1/24
            set interfaces ge-0/0/3 unit 0 family inet address 10.0.3.1/24
            set interfaces ge-0/0/3 unit 0 disable
            set security zones security-zone a interfaces ge-0/0/0.0
            set security zones security-zone b interfaces ge-0/0/3.0
            """,
            "gaps.conf",
            diagnostics);
    CompileResult compiled = JunosCompiler.compile(gaps, diagnostics);
    assertThat(compiled.errors()).isEmpty();
    try (FlowEngine four = new FlowEngine(compiled.config(), 1)) {
      assertThat(
              new OperationalCommands(four, new LoadedConfiguration("gaps.conf", gaps))
                  .execute("show interfaces terse"))
          .isEqualTo(
              """
          Interface               Admin Link Proto    Local                 Remote
          ge-0/0/0                up    up
          ge-0/0/0.0              up    up   inet     10.0.0.1/24
          ge-0/0/1                up    up
          ge-0/0/2                up    up
          ge-0/0/3                up    up
          ge-0/0/3.0              down  down inet     10.0.3.1/24
          """);
    }
  }

  @Test
  void interfaceNamesSortAsJunosSortsThem() {
    List<String> names =
        new java.util.ArrayList<>(
            List.of("ge-0/0/10", "ge-0/0/2", "fe-0/0/1", "ge-0/0/2.10", "ge-0/0/2.9"));
    names.sort(ConfigurationViews.NATURAL);
    assertThat(names)
        .containsExactly("fe-0/0/1", "ge-0/0/2", "ge-0/0/2.9", "ge-0/0/2.10", "ge-0/0/10");
  }

  @Test
  void hitCountSumsEachPolicysFirstPathMatchesOverTheSpus() throws IOException {
    Path file = dir.resolve("web.pcap");
    try (PcapWriter writer =
        PcapWriter.open(file, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      writer.write(
          1_700_000_000_000_000_000L,
          PacketBuilder.ipv4("192.168.1.10", "203.0.113.5")
              .tcp(40_000, 80, PacketBuilder.SYN, 1, 0)
              .ethernet());
    }
    engine.replay(List.of(file), -1);
    assertGolden("config-hit-count", "show security policies hit-count");
    assertThat(cli.execute("show security policies hit-count from-zone trust to-zone untrust"))
        .isEqualTo(
            """
        Logical system: root-logical-system
        Index   From zone        To zone           Name           Policy count  Action
        1       trust            untrust           block-bad-host 0             Deny
        2       trust            untrust           allow-web      1             Permit
        Number of policy: 2
        """);
  }

  @Test
  void configurationIsTheTextAsLoadedWithAPathSelectingASubtree() {
    assertThat(cli.execute("show configuration"))
        .matches(
            "(?s)## Last commit: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC by root\n"
                + "version 24\\.4R1-S2\\.9;\nsystem \\{\n    host-name edge-1;\n\\}\n.*");
    assertThat(cli.execute("show configuration security zones security-zone dmz"))
        .isEqualTo(
            """
        interfaces {
            ge-0/0/2.0;
        }
        """);
    assertThat(cli.execute("sh conf security zones security-zone dmz | display set"))
        .isEqualTo("set security zones security-zone dmz interfaces ge-0/0/2.0\n");
  }

  @Test
  void configurationInEveryDisplayIsJunosConfigurationData() throws Exception {
    OperationalCommands committed =
        new OperationalCommands(
            engine,
            new LoadedConfiguration(
                "edge-1.conf", parsed, java.time.Instant.parse("2026-03-04T05:06:07Z"), "alice"));
    GoldenFiles.assertMatches("config-configuration.txt", committed.execute("show configuration"));
    GoldenFiles.assertMatches(
        "config-configuration-set.txt", committed.execute("show configuration | display set"));
    String xml = committed.execute("show configuration | display xml");
    String json = committed.execute("show configuration | display json");
    GoldenFiles.assertMatches("config-configuration.xml", xml);
    GoldenFiles.assertMatches("config-configuration.json", json);
    javax.xml.parsers.DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(
            new java.io.ByteArrayInputStream(
                xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    try (tools.jackson.core.JsonParser parser =
        new tools.jackson.core.json.JsonFactory()
            .createParser(tools.jackson.core.ObjectReadContext.empty(), json)) {
      int tokens = 0;
      while (parser.nextToken() != null) {
        tokens++;
      }
      assertThat(tokens).isGreaterThan(10); // well-formed to its end
    }
    // a path keeps its way down from <configuration>, and no version
    assertThat(
            committed.execute("show configuration security zones security-zone dmz | display xml"))
        .isEqualTo(
            """
        <rpc-reply xmlns:junos="http://xml.juniper.net/junos/24.4R1-S2.9/junos">
            <configuration junos:commit-seconds="1772600767" junos:commit-localtime="2026-03-04 05:06:07 UTC" junos:commit-user="alice">
                    <security>
                        <zones>
                            <security-zone>
                                <name>dmz</name>
                                <interfaces>
                                    <name>ge-0/0/2.0</name>
                                </interfaces>
                            </security-zone>
                        </zones>
                    </security>
            </configuration>
            <cli>
                <banner></banner>
            </cli>
        </rpc-reply>
        """);
  }

  @Test
  void displaySetParsesBackToTheSameStatements() {
    String set = cli.execute("show configuration | display set");
    assertThat(set).startsWith("set version 24.4R1-S2.9\nset system host-name edge-1\n");
    List<ConfigStatement> back =
        ConfigParser.parseConfig(set, "set", new Diagnostics()).configured();
    assertThat(back.stream().map(ConfigStatement::words).skip(1).toList())
        .isEqualTo(parsed.configured().stream().map(ConfigStatement::words).toList());
  }

  @Test
  void theLastCommitLineNamesTheCommitWhenTheConfigurationKnowsIt() {
    LoadedConfiguration committed =
        new LoadedConfiguration(
            "edge-1.conf", parsed, java.time.Instant.parse("2026-03-04T05:06:07Z"), "alice");
    assertThat(new OperationalCommands(engine, committed).execute("show configuration"))
        .startsWith(
            "## Last commit: 2026-03-04 05:06:07 UTC by alice\nversion 24.4R1-S2.9;\nsystem {\n");
  }

  @Test
  void displaySetIsOnlyForShowConfiguration() {
    assertThat(cli.execute("show route | display set"))
        .isEqualTo(
            """
        show route | display set
                             ^
        syntax error, display set is only for show configuration.
        """);
  }

  @Test
  void withoutAConfigurationTheFactoryDefaultIsWrittenFromTheGeneration() {
    try (FlowEngine factory =
        new FlowEngine(FactoryDefault.config().withMaximumSessions(4096), 1)) {
      OperationalCommands commands = new OperationalCommands(factory);
      String text = commands.execute("show configuration");
      assertThat(text)
          .containsPattern("^## Last commit: [-0-9: ]+ UTC by root\n")
          .contains("\nversion 24.4R1-S2.9;\nsystem {\n    host-name flowgate;\n}\n")
          .contains("        route 0.0.0.0/0 {\n            next-hop 198.51.100.254;\n")
          .contains("        default-policy {\n            permit-all;\n        }\n");
      String set = commands.execute("show configuration | display set");
      List<ConfigStatement> back =
          ConfigParser.parseConfig(set, "set", new Diagnostics()).configured();
      assertThat(back.stream().map(ConfigStatement::words).skip(1).toList())
          .isEqualTo(
              ConfigurationViews.factoryStatements(factory.config()).stream()
                  .map(ConfigStatement::words)
                  .toList());
      CompileResult recompiled = JunosCompiler.load(set, "set");
      assertThat(recompiled.errors()).isEmpty();
      assertThat(new OperationalCommands(factory).execute("show route"))
          .isEqualTo(commands.execute("show route"));
    }
  }
}
