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

  @Test
  void zonesListEachZoneWithItsInterfaces() {
    assertThat(cli.execute("show security zones"))
        .isEqualTo(
            """
        Security zone: trust
          Zone ID: 1
          Send reset for non-SYN session TCP packets: Off
          Policy configurable: Yes
          Interfaces bound: 1
          Interfaces:
            ge-0/0/1.0

        Security zone: untrust
          Zone ID: 2
          Send reset for non-SYN session TCP packets: Off
          Policy configurable: Yes
          Interfaces bound: 1
          Interfaces:
            ge-0/0/0.0

        Security zone: dmz
          Zone ID: 3
          Send reset for non-SYN session TCP packets: Off
          Policy configurable: Yes
          Interfaces bound: 1
          Interfaces:
            ge-0/0/2.0
        """);
  }

  @Test
  void policiesAreGroupedByContextWithTheNamesTheUserWrote() {
    assertThat(cli.execute("show security policies"))
        .isEqualTo(
            """
        Default policy: deny-all
        From zone: trust, To zone: untrust
          Policy: block-bad-host, State: enabled, Index: 4, Scope Policy: 0, Sequence number: 1
            Source addresses: bad-host
            Destination addresses: any
            Applications: any
            Action: deny
          Policy: allow-web, State: enabled, Index: 5, Scope Policy: 0, Sequence number: 2
            Source addresses: any
            Destination addresses: any
            Applications: junos-http, junos-https
            Action: permit, log
        From zone: untrust, To zone: dmz
          Policy: to-web, State: enabled, Index: 6, Scope Policy: 0, Sequence number: 1
            Source addresses: any
            Destination addresses: servers
            Applications: web-apps
            Action: permit, count
        Global policies:
          Policy: reject-rest, State: enabled, Index: 7, Scope Policy: 0, Sequence number: 1
            Source addresses: any
            Destination addresses: any
            Applications: any
            Action: reject
        """);
  }

  @Test
  void policyDetailResolvesAddressesAndApplications() {
    assertThat(cli.execute("show security policies detail"))
        .isEqualTo(
            """
        Policy: block-bad-host, action-type: deny, State: enabled, Index: 4, Scope Policy: 0
          Policy Type: Configured
          Sequence number: 1
          From zone: trust, To zone: untrust
          Source addresses:
            bad-host(global): 192.168.1.66/32
          Destination addresses:
            any-ipv4(global): 0.0.0.0/0
            any-ipv6(global): ::/0
          Application: any
            IP protocol: 0, ALG: 0, Inactivity timeout: 0
              Source port range: [0-0]
              Destination ports: [0-0]
          Per policy TCP Options: SYN check: No, SEQ check: No, Window scale: No

        Policy: allow-web, action-type: permit, State: enabled, Index: 5, Scope Policy: 0
          Policy Type: Configured
          Sequence number: 2
          From zone: trust, To zone: untrust
          Source addresses:
            any-ipv4(global): 0.0.0.0/0
            any-ipv6(global): ::/0
          Destination addresses:
            any-ipv4(global): 0.0.0.0/0
            any-ipv6(global): ::/0
          Application: junos-http
            IP protocol: tcp, ALG: 0, Inactivity timeout: 1800
              Source port range: [0-0]
              Destination ports: [80-80]
          Application: junos-https
            IP protocol: tcp, ALG: 0, Inactivity timeout: 1800
              Source port range: [0-0]
              Destination ports: [443-443]
          Per policy TCP Options: SYN check: No, SEQ check: No, Window scale: No
          Session log: at-create

        Policy: to-web, action-type: permit, State: enabled, Index: 6, Scope Policy: 0
          Policy Type: Configured
          Sequence number: 1
          From zone: untrust, To zone: dmz
          Source addresses:
            any-ipv4(global): 0.0.0.0/0
            any-ipv6(global): ::/0
          Destination addresses:
            web-server(global): 10.0.2.10/32
          Application: junos-http
            IP protocol: tcp, ALG: 0, Inactivity timeout: 1800
              Source port range: [0-0]
              Destination ports: [80-80]
          Application: tcp-8080
            IP protocol: tcp, ALG: 0, Inactivity timeout: 600
              Source port range: [0-0]
              Destination ports: [8080-8080]
          Per policy TCP Options: SYN check: No, SEQ check: No, Window scale: No

        Policy: reject-rest, action-type: reject, State: enabled, Index: 7, Scope Policy: 0
          Policy Type: Configured
          Sequence number: 1
          From zones: any, To zones: any
          Source addresses:
            any-ipv4(global): 0.0.0.0/0
            any-ipv6(global): ::/0
          Destination addresses:
            any-ipv4(global): 0.0.0.0/0
            any-ipv6(global): ::/0
          Application: any
            IP protocol: 0, ALG: 0, Inactivity timeout: 0
              Source port range: [0-0]
              Destination ports: [0-0]
          Per policy TCP Options: SYN check: No, SEQ check: No, Window scale: No

        Default policy: deny-all
        """);
  }

  @Test
  void routeListsEachTableSortedByDestination() {
    assertThat(cli.execute("show route"))
        .isEqualTo(
            """

        inet.0: 8 destinations, 8 routes (8 active, 0 holddown, 0 hidden)
        + = Active Route, - = Last Active, * = Both

        0.0.0.0/0          *[Static/5]
                            >  to 198.51.100.254 via ge-0/0/0.0
        10.0.2.0/24        *[Direct/0]
                            >  via ge-0/0/2.0
        10.0.2.1/32        *[Local/0]
                               Local via ge-0/0/2.0
        192.0.2.0/24       *[Static/5]
                               Discard
        192.168.1.0/24     *[Direct/0]
                            >  via ge-0/0/1.0
        192.168.1.1/32     *[Local/0]
                               Local via ge-0/0/1.0
        198.51.100.0/24    *[Direct/0]
                            >  via ge-0/0/0.0
        198.51.100.1/32    *[Local/0]
                               Local via ge-0/0/0.0

        inet6.0: 2 destinations, 2 routes (2 active, 0 holddown, 0 hidden)
        + = Active Route, - = Last Active, * = Both

        2001:db8::/64      *[Direct/0]
                            >  via ge-0/0/0.0
        2001:db8::1/128    *[Local/0]
                               Local via ge-0/0/0.0
        """);
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
  void interfacesTerseListsPhysicalThenLogicalWithAddresses() {
    assertThat(cli.execute("show interfaces terse"))
        .isEqualTo(
            """
        Interface               Admin Link Proto    Local                 Remote
        ge-0/0/0                up    up
        ge-0/0/0.0              up    up   inet     198.51.100.1/24
                                           inet6    2001:db8::1/64
        ge-0/0/1                up    up
        ge-0/0/1.0              up    up   inet     192.168.1.1/24
        ge-0/0/2                up    up
        ge-0/0/2.0              up    up   inet     10.0.2.1/24
        """);
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
    assertThat(cli.execute("show security policies hit-count"))
        .isEqualTo(
            """
        Logical system: root-logical-system
        Index   From zone        To zone           Name           Policy count
        1       all-zone         all-zone          default-policy 0
        2       trust            untrust           block-bad-host 0
        3       trust            untrust           allow-web      1
        4       untrust          dmz               to-web         0
        5       junos-global     junos-global      reject-rest    0
        Number of policy: 5
        """);
  }

  @Test
  void configurationIsTheTextAsLoadedWithAPathSelectingASubtree() {
    assertThat(cli.execute("show configuration"))
        .startsWith("## Loaded from edge-1.conf\nsystem {\n    host-name edge-1;\n}\n");
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
  void displaySetParsesBackToTheSameStatements() {
    String set = cli.execute("show configuration | display set");
    List<ConfigStatement> back =
        ConfigParser.parseConfig(set, "set", new Diagnostics()).configured();
    assertThat(back.stream().map(ConfigStatement::words).toList())
        .isEqualTo(parsed.configured().stream().map(ConfigStatement::words).toList());
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
          .startsWith(
              "## No configuration loaded: factory default\nsystem {\n    host-name flowgate;\n}\n")
          .contains("        route 0.0.0.0/0 {\n            next-hop 198.51.100.254;\n")
          .contains("        default-policy {\n            permit-all;\n        }\n");
      String set = commands.execute("show configuration | display set");
      List<ConfigStatement> back =
          ConfigParser.parseConfig(set, "set", new Diagnostics()).configured();
      assertThat(back.stream().map(ConfigStatement::words).toList())
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
