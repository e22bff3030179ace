package org.flowgate.config.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.flowgate.config.text.Diagnostic;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appqos.AppQosRule;
import org.flowgate.dataplane.appqos.AppQosRuleSet;
import org.flowgate.dataplane.appqos.AppTrackSettings;
import org.flowgate.dataplane.appqos.RateLimiter;
import org.flowgate.dataplane.appqos.TrafficControl;
import org.flowgate.dataplane.policy.PolicyTable;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.junit.jupiter.api.Test;

/**
 * What {@code class-of-service application-traffic-control}, {@code security application-tracking}
 * and a policy's {@code application-services} become in the generation, and the errors Junos gives
 * for names that are not defined (docs/adr/0034).
 */
class AppServicesCompileTest {
  private static final String BASE =
      """
      set interfaces ge-0/0/0 unit 0 family inet address 198.51.100.1/24
      set interfaces ge-0/0/1 unit 0 family inet address 192.168.1.1/24
      set security zones security-zone untrust interfaces ge-0/0/0.0
      set security zones security-zone trust interfaces ge-0/0/1.0
      set security policies from-zone trust to-zone untrust policy p1 match source-address any
      set security policies from-zone trust to-zone untrust policy p1 match destination-address any
      set security policies from-zone trust to-zone untrust policy p1 match application any
      """;

  private static final String QOS =
      """
      set class-of-service application-traffic-control rate-limiters slow bandwidth-limit 200
      set class-of-service application-traffic-control rate-limiters slow burst-size-limit 130000
      set class-of-service application-traffic-control rate-limiters fast bandwidth-limit 1000
      set class-of-service application-traffic-control rule-sets rs rule web match application junos:HTTP
      set class-of-service application-traffic-control rule-sets rs rule web match application SSL
      set class-of-service application-traffic-control rule-sets rs rule web then dscp-code-point af21
      set class-of-service application-traffic-control rule-sets rs rule web then rate-limit client-to-server slow
      set class-of-service application-traffic-control rule-sets rs rule web then rate-limit server-to-client fast
      set class-of-service application-traffic-control rule-sets rs rule web then rate-limit loss-priority-high
      set class-of-service application-traffic-control rule-sets rs rule infra match application-group junos:infrastructure
      set class-of-service application-traffic-control rule-sets rs rule infra then dscp-code-point 101110
      set class-of-service application-traffic-control rule-sets rs rule unknown match application-unknown
      set class-of-service application-traffic-control rule-sets rs rule unknown then loss-priority high
      set class-of-service application-traffic-control rule-sets rs rule rest match application-any
      """;

  @Test
  void ruleSetsLimitersAndThePolicyThatAppliesThemAreCompiled() {
    RuntimeConfig config =
        Compile.ok(
            BASE
                + QOS
                + "set security policies from-zone trust to-zone untrust policy p1 then permit"
                + " application-services application-traffic-control rule-set rs\n");
    TrafficControl control = config.applicationServices().trafficControl();
    assertThat(control.rateLimiters())
        .containsExactly(
            new RateLimiter("slow", 200, 130_000), new RateLimiter("fast", 1000, 125_000));
    AppQosRuleSet rs = control.ruleSets().getFirst();
    assertThat(rs.rules().stream().map(AppQosRule::name))
        .containsExactly("web", "infra", "unknown", "rest");
    AppQosRule web = rs.rules().get(0);
    assertThat(web.dscp()).isEqualTo(18);
    assertThat(web.clientToServerLimiter()).isZero();
    assertThat(web.serverToClientLimiter()).isEqualTo(1);
    assertThat(web.lossPriorityHigh()).isTrue();
    assertThat(rs.rules().get(1).dscp()).isEqualTo(46);
    ApplicationCatalog catalog = config.applicationIdentification().catalog();
    assertThat(rs.match(catalog.id("junos:HTTP"))).isZero();
    assertThat(rs.match(catalog.id("junos:SSL"))).isZero();
    assertThat(rs.match(catalog.id("junos:ICMP"))).isEqualTo(1);
    assertThat(rs.match(ApplicationCatalog.UNKNOWN)).isEqualTo(2);
    assertThat(rs.match(ApplicationCatalog.INCONCLUSIVE)).isEqualTo(2);
    assertThat(rs.match(catalog.id("junos:SSH"))).isEqualTo(3);
    // the user's first policy sits after self-traffic, the default and the pre-id default policy
    assertThat(control.ruleSetOf(PolicyTable.FIRST_USER_POLICY)).isZero();
    assertThat(control.ruleSetOf(PolicyTable.DEFAULT_POLICY)).isEqualTo(-1);
    assertThat(control.ruleSetOf(PolicyTable.PRE_ID_DEFAULT_POLICY)).isEqualTo(-1);
  }

  @Test
  void applicationTrackingAndTheZonesThatAskForItAreCompiled() {
    RuntimeConfig config =
        Compile.ok(
            BASE
                + """
                set security application-tracking first-update-interval 2
                set security application-tracking session-update-interval 10
                set security application-tracking log-session-create
                set security zones security-zone trust application-tracking
                """);
    AppTrackSettings tracking = config.applicationServices().tracking();
    assertThat(tracking.tracks(config.zoneIndex("trust"))).isTrue();
    assertThat(tracking.tracks(config.zoneIndex("untrust"))).isFalse();
    assertThat(tracking.firstUpdateSeconds()).isEqualTo(120);
    assertThat(tracking.sessionUpdateSeconds()).isEqualTo(600);
    assertThat(tracking.logsCreate()).isTrue();
    RuntimeConfig disabled =
        Compile.ok(
            BASE
                + "set security application-tracking disable\n"
                + "set security zones security-zone trust application-tracking\n");
    assertThat(disabled.applicationServices().tracking().active()).isFalse();
  }

  @Test
  void refusesARuleSetThatIsNotDefinedAtThePolicyThatNamesIt() {
    List<Diagnostic> errors =
        JunosCompiler.load(
                BASE
                    + "set security policies from-zone trust to-zone untrust policy p1 then permit"
                    + " application-services application-traffic-control rule-set nope\n",
                "t.conf")
            .errors();
    assertThat(errors).hasSize(1);
    assertThat(errors.getFirst().location().line()).isEqualTo(8);
    assertThat(errors.getFirst().message())
        .isEqualTo(
            "rule-set nope is not defined (policy p1 from-zone trust to-zone untrust): no"
                + " class-of-service application-traffic-control rule-sets has that name");
  }

  @Test
  void refusesARateLimiterThatIsNotDefinedAtTheRuleThatNamesIt() {
    CompileResult result =
        JunosCompiler.load(
            BASE
                + "set class-of-service application-traffic-control rule-sets rs rule r match"
                + " application-any\n"
                + "set class-of-service application-traffic-control rule-sets rs rule r then"
                + " rate-limit client-to-server missing\n",
            "t.conf");
    assertThat(result.config()).isNull();
    assertThat(result.errors()).hasSize(1);
    assertThat(result.errors().getFirst().location().line()).isEqualTo(9);
    assertThat(result.errors().getFirst().message())
        .startsWith("rate-limiter missing is not defined (rule r of rule-set rs)");
  }

  @Test
  void refusesUnknownApplicationsGroupsAndBadValuesEachAtItsStatement() {
    CompileResult result =
        JunosCompiler.load(
            BASE
                + """
                set class-of-service application-traffic-control rate-limiters a bandwidth-limit 10
                set class-of-service application-traffic-control rate-limiters b bandwidth-limit 64
                set class-of-service application-traffic-control rate-limiters b burst-size-limit 409601
                set class-of-service application-traffic-control rule-sets rs rule r match application junos:NO-SUCH-APP
                set class-of-service application-traffic-control rule-sets rs rule r match application-group junos:nowhere
                set class-of-service application-traffic-control rule-sets rs rule r then dscp-code-point af55
                set class-of-service application-traffic-control rule-sets rs rule r then rate-limit client-to-server b
                set class-of-service application-traffic-control rule-sets other rule r then rate-limit client-to-server b
                set security application-tracking first-update-interval 5
                """,
            "t.conf");
    assertThat(result.config()).isNull();
    assertThat(result.errors().stream().map(d -> d.location().line() + ": " + d.message()))
        .containsExactlyInAnyOrder(
            "8: invalid bandwidth-limit '10': 64 to 10485760 kbps",
            "8: rate-limiter a has no bandwidth-limit",
            "10: burst-size-limit of rate-limiter b is above 6400 times its bandwidth-limit"
                + " (409600 bytes)",
            "11: application junos:NO-SUCH-APP is not defined (rule r of rule-set rs): no"
                + " predefined or custom application has that name",
            "12: application-group junos:nowhere is not defined (rule r of rule-set rs): no"
                + " predefined or user-defined application group has that name",
            "13: invalid dscp-code-point 'af55': six bits (101110) or an alias (ef, af11 ..."
                + " af43, cs0 ... cs7, be)",
            "15: rate-limiter b is used by rule-set rs already: a rate limiter serves one"
                + " rule-set",
            "16: first-update-interval (5) must be smaller than session-update-interval (5)");
  }

  @Test
  void aLossPriorityJunosDoesNotKnowIsASyntaxErrorAtItsStatement() {
    CompileResult result =
        JunosCompiler.load(
            BASE
                + "set class-of-service application-traffic-control rule-sets rs rule r then"
                + " loss-priority severe\n",
            "t.conf");
    assertThat(result.config()).isNull();
    assertThat(result.errors()).hasSize(1);
    assertThat(result.errors().getFirst().location().line()).isEqualTo(8);
    assertThat(result.errors().getFirst().message()).startsWith("syntax error: severe");
  }
}
