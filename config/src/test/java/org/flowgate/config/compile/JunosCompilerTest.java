package org.flowgate.config.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.flowgate.config.text.Diagnostic;
import org.flowgate.dataplane.application.Application;
import org.flowgate.dataplane.application.ApplicationTerm;
import org.flowgate.dataplane.net.IpPrefix;
import org.flowgate.dataplane.policy.PolicyAction;
import org.flowgate.dataplane.policy.PolicyTable;
import org.flowgate.dataplane.policy.SecurityPolicy;
import org.flowgate.dataplane.route.Route;
import org.flowgate.dataplane.route.RouteType;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.zone.FirewallInterface;
import org.flowgate.dataplane.zone.Zone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What each implemented statement becomes in the RuntimeConfig. */
class JunosCompilerTest {

  /** A policy as a line: name/id zones source destination applications action flags. */
  private static String describe(RuntimeConfig config, SecurityPolicy p) {
    return p.name()
        + "/"
        + p.id()
        + (p.global() ? " global" : "")
        + " "
        + Arrays.toString(p.fromZones())
        + "->"
        + Arrays.toString(p.toZones())
        + " src="
        + (p.source().negate() ? "!" : "")
        + p.source().prefixes()
        + " dst="
        + (p.destination().negate() ? "!" : "")
        + p.destination().prefixes()
        + " apps="
        + Arrays.stream(p.applications())
            .mapToObj(i -> config.applications().get(i).name())
            .toList()
        + " "
        + p.action()
        + (p.logInit() ? " log-init" : "")
        + (p.logClose() ? " log-close" : "")
        + (p.count() ? " count" : "");
  }

  private static List<String> userPolicies(RuntimeConfig config) {
    return config.policies().policies().stream()
        .skip(PolicyTable.FIRST_USER_POLICY)
        .map(p -> describe(config, p))
        .toList();
  }

  /**
   * Policy ids count up from 4 in the order of the effective configuration, where the contexts of
   * one from-zone stay together (trust to dmz comes before untrust to dmz although written after).
   */
  @ParameterizedTest
  @ValueSource(strings = {"three-zones.conf", "three-zones.set"})
  void compilesTheThreeZoneConfigurationIntoExactTables(String file) {
    RuntimeConfig config = Compile.ok(Compile.resource(file));
    assertThat(config.hostName()).isEqualTo("edge-1");
    assertThat(config.zones())
        .containsExactly(
            new Zone(6, "trust", java.util.Set.of("ping"), java.util.Set.of()),
            new Zone(7, "untrust"),
            new Zone(8, "dmz"));
    assertThat(config.interfaces())
        .extracting(
            FirewallInterface::name, FirewallInterface::zone, FirewallInterface::routingInstance)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("ge-0/0/0.0", 1, 0),
            org.assertj.core.groups.Tuple.tuple("ge-0/0/1.0", 0, 0),
            org.assertj.core.groups.Tuple.tuple("ge-0/0/2.0", 2, 0));
    assertThat(config.routingInstances()).hasSize(1);
    assertThat(config.routingInstances().getFirst().routes())
        .extracting(r -> r.prefix() + " " + r.type() + " " + r.interfaceIndex())
        .containsExactly(
            "198.51.100.0/24 DIRECT 0", "198.51.100.1/32 LOCAL 0",
            "192.168.1.0/24 DIRECT 1", "192.168.1.1/32 LOCAL 1",
            "10.0.2.0/24 DIRECT 2", "10.0.2.1/32 LOCAL 2",
            "0.0.0.0/0 STATIC 0", "192.0.2.0/24 DISCARD -1");
    Application web = config.applications().get(config.applicationIndex("tcp-8080"));
    assertThat(web.id()).isEqualTo(1024);
    assertThat(web.terms())
        .containsExactly(new ApplicationTerm(6, 0, 65535, 8080, 8080, -1, -1, 600));
    assertThat(userPolicies(config))
        .containsExactly(
            "block-bad-host/4 [0]->[1] src=[192.168.1.66/32] dst=[] apps=[] DENY",
            "allow-web/5 [0]->[1] src=[] dst=[] apps=[junos-http, junos-https] PERMIT log-init",
            "ssh-to-dmz/6 [0]->[2] src=[] dst=[] apps=[junos-ssh] PERMIT",
            "to-web/7 [1]->[2] src=[] dst=[10.0.2.10/32] apps=[junos-http, tcp-8080] PERMIT count",
            "reject-rest/8 [1]->[2] src=[] dst=[] apps=[] REJECT");
    assertThat(config.policies().defaultAction()).isEqualTo(PolicyAction.DENY);
  }

  @Test
  void globalPoliciesTakeZoneListsAndCountInConfigurationOrder() {
    RuntimeConfig config =
        Compile.ok(
            """
        set interfaces ge-0/0/0 unit 0 family inet address 10.0.0.1/24
        set interfaces ge-0/0/1 unit 0 family inet address 10.0.1.1/24
        set security zones security-zone a interfaces ge-0/0/0.0
        set security zones security-zone b interfaces ge-0/0/1.0
        set security policies global policy g1 match source-address any-ipv4
        set security policies global policy g1 match destination-address any-ipv6
        set security policies global policy g1 match application junos-routing-inbound
        set security policies global policy g1 match from-zone a
        set security policies global policy g1 match to-zone b
        set security policies global policy g1 match to-zone a
        set security policies global policy g1 then permit
        set security policies global policy g1 then log session-close
        set security policies from-zone a to-zone b policy p1 match source-address any
        set security policies from-zone a to-zone b policy p1 match source-address-excluded
        set security policies from-zone a to-zone b policy p1 match destination-address any
        set security policies from-zone a to-zone b policy p1 match application any
        set security policies from-zone a to-zone b policy p1 then deny
        set security policies default-policy permit-all
        """);
    assertThat(userPolicies(config))
        .containsExactly(
            "g1/4 global [0]->[1, 0] src=[0.0.0.0/0] dst=[::/0] apps=[junos-bgp, junos-rip, junos-ldp-tcp, junos-ldp-udp] PERMIT log-close",
            "p1/5 [0]->[1] src=![] dst=[] apps=[] DENY");
    assertThat(config.policies().defaultAction()).isEqualTo(PolicyAction.PERMIT);
  }

  @Test
  void addressBooksResolveZoneBooksBeforeTheGlobalOneAndExpandRangesAndSets() {
    RuntimeConfig config =
        Compile.ok(
            """
        set interfaces ge-0/0/0 unit 0 family inet address 10.0.0.1/24
        set interfaces ge-0/0/1 unit 0 family inet address 10.0.1.1/24
        set security zones security-zone a interfaces ge-0/0/0.0
        set security zones security-zone b interfaces ge-0/0/1.0
        set security address-book global address H 3.3.3.3/32
        set security address-book global address R range-address 10.9.0.1 to 10.9.0.6
        set security address-book global address-set S address H
        set security address-book global address-set S address R
        set security address-book ab address H 2.2.2.2/32
        set security address-book ab attach zone a
        set security policies from-zone a to-zone b policy p match source-address H
        set security policies from-zone a to-zone b policy p match destination-address S
        set security policies from-zone a to-zone b policy p match application junos-ssh
        set security policies from-zone a to-zone b policy p then permit
        """);
    assertThat(userPolicies(config))
        .containsExactly(
            "p/4 [0]->[1] src=[2.2.2.2/32] dst=[3.3.3.3/32, 10.9.0.1/32, 10.9.0.2/31, 10.9.0.4/31, 10.9.0.6/32]"
                + " apps=[junos-ssh] PERMIT");
  }

  @Test
  void applicationsWithTermsPortsNamesIcmpAndTimeouts() {
    RuntimeConfig config =
        Compile.ok(
            """
        applications {
            application two-terms {
                inactivity-timeout never;
                term t1 protocol tcp destination-port 1000-1010 source-port 1024-65535;
                term t2 protocol udp destination-port domain inactivity-timeout 30;
            }
            application ping-only {
                protocol icmp;
                icmp-type 8;
                icmp-code 0;
            }
        }
        """);
    assertThat(config.applications().get(config.applicationIndex("two-terms")).terms())
        .containsExactly(
            new ApplicationTerm(6, 1024, 65535, 1000, 1010, -1, -1, ApplicationTerm.NEVER),
            new ApplicationTerm(17, 0, 65535, 53, 53, -1, -1, 30));
    assertThat(config.applications().get(config.applicationIndex("ping-only")).terms())
        .containsExactly(new ApplicationTerm(1, 0, 65535, 0, 65535, 8, 0, 0));
  }

  @Test
  void flowSettingsComeFromSecurityFlowAndPolicyRematch() {
    RuntimeConfig config =
        Compile.ok(
            """
        set security flow tcp-session no-syn-check
        set security flow tcp-session no-sequence-check
        set security flow tcp-session tcp-initial-timeout 40
        set security flow tcp-session fin-invalidate-session
        set security flow tcp-session rst-invalidate-session
        set security flow tcp-session time-wait-state session-timeout 150
        set security policies policy-rematch
        """);
    var s = config.settings();
    assertThat(
            List.of(
                s.synCheck(),
                s.sequenceCheck(),
                s.finInvalidateSession(),
                s.rstInvalidateSession(),
                s.policyRematch()))
        .containsExactly(false, false, true, true, true);
    assertThat(s.tcpInitialTimeoutSeconds()).isEqualTo(40);
    assertThat(s.closingTimeoutSeconds()).isEqualTo(150);
  }

  @Test
  void agingAndAllowDnsReplyComeFromSecurityFlowWithoutWarnings() {
    CompileResult result =
        JunosCompiler.load(
            """
        set security flow aging early-ageout 8
        set security flow aging high-watermark 90
        set security flow aging low-watermark 60
        set security flow allow-dns-reply
        """,
            "t.conf");
    assertThat(result.diagnostics()).isEmpty();
    var s = result.config().settings();
    assertThat(List.of(s.earlyAgeoutSeconds(), s.highWatermarkPercent(), s.lowWatermarkPercent()))
        .containsExactly(8, 90, 60);
    assertThat(s.allowDnsReply()).isTrue();
  }

  @Test
  void withoutAgingOrAllowDnsReplyTheJunosDefaultsHold() {
    var s = Compile.ok("set system host-name a").settings();
    assertThat(List.of(s.earlyAgeoutSeconds(), s.highWatermarkPercent(), s.lowWatermarkPercent()))
        .containsExactly(20, 100, 100);
    assertThat(s.allowDnsReply()).isFalse();
  }

  @Test
  void aLowWatermarkAboveTheHighOneIsWarnedAbout() {
    CompileResult result =
        JunosCompiler.load(
            """
        set security flow aging high-watermark 50
        set security flow aging low-watermark 70
        """,
            "t.conf");
    assertThat(result.diagnostics())
        .extracting(Diagnostic::toString)
        .containsExactly(
            "t.conf:1:1: warning: aging low-watermark 70 is above high-watermark 50: aggressive ageing would stop as soon as it starts");
  }

  @Test
  void systemSyslogHostsAndFilesTakeSessionLogsByFacilityAndLevelInEventMode() {
    CompileResult result =
        JunosCompiler.load(
            """
        system {
            syslog {
                user * { any emergency; }
                host 192.0.2.9 { any any; port 5514; source-address 192.0.2.1; structured-data; }
                host 192.0.2.10 { any notice; }
                file messages { any notice; authorization info; }
                file traffic-log { any any; match "RT_FLOW_SESSION_(CREATE|CLOSE)"; }
                file flows { user info; match-strings [ "TCP FIN" "TCP RST" ]; }
                file quiet { any any; user none; }
            }
        }
        security { log { mode event; } }
        """,
            "t.conf");
    assertThat(result.diagnostics())
        .extracting(Diagnostic::toString)
        .containsExactly(
            "t.conf:3:18: warning: statement not implemented: system syslog user * any emergency");
    SessionLogSettings log = result.sessionLog();
    assertThat(log.eventMode()).isTrue();
    assertThat(log.syslog())
        .extracting(d -> d.kind() + " " + d.name() + " " + d.takesSessionLogs())
        .containsExactly(
            "HOST 192.0.2.9 true",
            "HOST 192.0.2.10 false",
            "FILE messages false",
            "FILE traffic-log true",
            "FILE flows true",
            "FILE quiet false");
    assertThat(log.sessionLogDestinations())
        .containsExactly(
            new SessionLogSettings.SyslogDestination(
                SessionLogSettings.SyslogDestination.Kind.HOST,
                "192.0.2.9",
                5514,
                "192.0.2.1",
                true,
                null,
                List.of(),
                true),
            new SessionLogSettings.SyslogDestination(
                SessionLogSettings.SyslogDestination.Kind.FILE,
                "traffic-log",
                0,
                null,
                false,
                "RT_FLOW_SESSION_(CREATE|CLOSE)",
                List.of(),
                true),
            new SessionLogSettings.SyslogDestination(
                SessionLogSettings.SyslogDestination.Kind.FILE,
                "flows",
                0,
                null,
                false,
                null,
                List.of("TCP FIN", "TCP RST"),
                true));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "no mode, no stream: event|set system syslog host 192.0.2.9 any any|192.0.2.9|",
        "no mode, a stream: stream|set system syslog host 192.0.2.9 any any\nset security log stream s host 192.0.2.7||s",
        "mode event: the streams wait|set security log mode event\nset system syslog host 192.0.2.9 any any\nset security log stream s host 192.0.2.7|192.0.2.9|",
        "mode stream: system syslog gets none|set security log mode stream\nset system syslog host 192.0.2.9 any any\nset security log stream s host 192.0.2.7||s"
      })
  void securityLogModeChoosesBetweenStreamsAndSystemSyslog(String example) {
    String[] parts = example.split("\\|", -1);
    SessionLogSettings log = Compile.result(parts[1].replace("\\n", "\n")).sessionLog();
    assertThat(
            String.join(
                ",",
                log.sessionLogDestinations().stream()
                    .map(SessionLogSettings.SyslogDestination::name)
                    .toList()))
        .isEqualTo(parts[2]);
    assertThat(
            String.join(
                ",", log.activeStreams().stream().map(SessionLogSettings.Stream::name).toList()))
        .isEqualTo(parts[3]);
  }

  @Test
  void routingInstancesHaveTheirOwnTablesAndIndexes() {
    RuntimeConfig config =
        Compile.ok(
            """
        set interfaces ge-0/0/0 unit 0 family inet address 10.0.0.1/24
        set interfaces ge-0/0/0 unit 10 vlan-id 10
        set interfaces ge-0/0/0 unit 10 family inet address 10.0.0.1/24
        set interfaces st0 unit 0 family inet
        set interfaces lo0 unit 0 family inet address 192.0.2.1/32
        set routing-instances red instance-type virtual-router
        set routing-instances red interface ge-0/0/0.10
        set routing-instances red routing-options static route 0.0.0.0/0 next-hop 10.0.0.254
        set routing-options static route 172.16.0.0/12 next-hop st0.0
        set routing-options static route 198.18.0.0/15 reject
        """);
    assertThat(config.routingInstances())
        .extracting(r -> r.index() + " " + r.name())
        .containsExactly("0 master", "1 red");
    assertThat(config.interfaceNamed("ge-0/0/0.10").routingInstance()).isEqualTo(1);
    assertThat(config.routingInstances().get(1).routes())
        .extracting(Route::type)
        .containsExactly(RouteType.DIRECT, RouteType.LOCAL, RouteType.STATIC);
    Route tunnel = config.routingInstances().get(0).lookup(0, 0xffff_0000_0000L | 0xac10_0001L);
    assertThat(tunnel.interfaceIndex()).isEqualTo(config.interfaceNamed("st0.0").index());
    assertThat(tunnel.prefix()).isEqualTo(IpPrefix.parse("172.16.0.0/12"));
    assertThat(config.ingress().lookup(-1, 10, -1))
        .isEqualTo(config.interfaceNamed("ge-0/0/0.10").index());
  }

  @Test
  void inactiveStatementsAreIgnoredAndUnimplementedOnesWarnWithTheirLocation() {
    CompileResult result =
        JunosCompiler.load(
            """
        system { host-name a; inactive: domain-name example.net; }
        snmp { community public; }
        security { nat { source { pool-utilization-alarm raise-threshold 90; } } }
        """,
            "t.conf");
    assertThat(result.config().hostName()).isEqualTo("a");
    assertThat(result.diagnostics())
        .extracting(Diagnostic::toString)
        .containsExactly(
            "t.conf:2:8: warning: statement not implemented: snmp community public",
            "t.conf:3:27: warning: statement not implemented: security nat source pool-utilization-alarm raise-threshold 90");
  }
}
