package org.flowgate.config.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.flowgate.config.text.Diagnostic;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.policy.DynamicApplicationMatch;
import org.flowgate.dataplane.policy.PolicyTable;
import org.flowgate.dataplane.policy.PreIdDefaultPolicy;
import org.flowgate.dataplane.policy.SecurityPolicy;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code match dynamic-application} and {@code pre-id-default-policy} compile into the generation
 * (ADR 0033), and each broken statement is one error at its line and column, with no generation.
 */
class UnifiedPolicyConfigTest {
  private static final String BASE =
      """
      set interfaces ge-0/0/0 unit 0 family inet address 192.168.1.1/24
      set interfaces ge-0/0/1 unit 0 family inet address 10.0.0.1/24
      set security zones security-zone trust interfaces ge-0/0/1.0
      set security zones security-zone untrust interfaces ge-0/0/0.0
      """;

  private static final String POLICY =
      "set security policies from-zone trust to-zone untrust policy p ";

  private static SecurityPolicy policy(RuntimeConfig config, String name) {
    return config.policies().policies().stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void namesGroupsAnyAndNoneReachTheGeneration() {
    RuntimeConfig config =
        Compile.ok(
            BASE
                + """
                set security policies from-zone trust to-zone untrust policy web match source-address any destination-address any application any
                set security policies from-zone trust to-zone untrust policy web match dynamic-application [ junos:HTTP junos:infrastructure:dns ]
                set security policies from-zone trust to-zone untrust policy web then permit
                set security policies from-zone trust to-zone untrust policy all match source-address any destination-address any application any dynamic-application any
                set security policies from-zone trust to-zone untrust policy all then permit
                set security policies from-zone trust to-zone untrust policy old match source-address any destination-address any application any dynamic-application none
                set security policies from-zone trust to-zone untrust policy old then deny
                set security policies pre-id-default-policy then session-timeout tcp 30
                set security policies pre-id-default-policy then session-timeout others 12
                set security policies pre-id-default-policy then log session-close
                """);
    ApplicationCatalog catalog = config.applicationIdentification().catalog();
    DynamicApplicationMatch web = policy(config, "web").dynamicApplications();
    assertThat(web.kind()).isEqualTo(DynamicApplicationMatch.Kind.LISTED);
    assertThat(web.names()).containsExactly("junos:HTTP", "junos:infrastructure:dns");
    assertThat(web.matches(catalog.id("junos:HTTP"), ApplicationCatalog.UNKNOWN)).isTrue();
    assertThat(web.matches(catalog.id("junos:DNS"), ApplicationCatalog.UNKNOWN))
        .as("junos:infrastructure:dns is the group of junos:DNS")
        .isTrue();
    assertThat(web.matches(catalog.id("junos:SSH"), ApplicationCatalog.UNKNOWN)).isFalse();
    assertThat(web.matches(ApplicationCatalog.UNKNOWN, ApplicationCatalog.UNKNOWN)).isFalse();
    assertThat(policy(config, "all").dynamicApplications().kind())
        .isEqualTo(DynamicApplicationMatch.Kind.ANY);
    assertThat(policy(config, "old").dynamicApplications().kind())
        .isEqualTo(DynamicApplicationMatch.Kind.NONE);
    assertThat(config.policies().hasUnifiedPolicies()).isTrue();

    PreIdDefaultPolicy preId = config.policies().preIdDefaultPolicy();
    assertThat(preId.timeoutSecondsFor(6)).isEqualTo(30);
    assertThat(preId.timeoutSecondsFor(17)).as("not configured").isZero();
    assertThat(preId.timeoutSecondsFor(47)).isEqualTo(12);
    SecurityPolicy builtIn = config.policies().get(PolicyTable.PRE_ID_DEFAULT_POLICY);
    assertThat(builtIn.name()).isEqualTo("pre-id-default-policy-logical-system-00");
    assertThat(builtIn.id()).isEqualTo(3);
    assertThat(builtIn.logClose()).isTrue();
    assertThat(builtIn.logInit()).isFalse();
    assertThat(policy(config, "web").id()).as("user policies still count from 4").isEqualTo(4);
  }

  @Test
  void aCustomApplicationIsADynamicApplicationToo() {
    RuntimeConfig config =
        Compile.ok(
            BASE
                + """
                set services application-identification application billing address-mapping b filter ip 203.0.113.40/32
                set services application-identification application billing address-mapping b filter port-range tcp 9443
                set security policies from-zone trust to-zone untrust policy p match source-address any destination-address any application any dynamic-application billing
                set security policies from-zone trust to-zone untrust policy p then permit
                """);
    ApplicationCatalog catalog = config.applicationIdentification().catalog();
    assertThat(
            policy(config, "p")
                .dynamicApplications()
                .matches(catalog.id("billing"), ApplicationCatalog.UNKNOWN))
        .isTrue();
  }

  @Test
  void withoutUnifiedPoliciesNothingWaits() {
    RuntimeConfig config =
        Compile.ok(
            BASE
                + POLICY
                + "match source-address any destination-address any application any\n"
                + POLICY
                + "then permit\n");
    assertThat(config.policies().hasUnifiedPolicies()).isFalse();
    assertThat(config.policies().preIdDefaultPolicy()).isEqualTo(PreIdDefaultPolicy.DEFAULTS);
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      match dynamic-application junos:NO-SUCH-APP|5:1|dynamic-application junos:NO-SUCH-APP is not defined: not an application, predefined application group or application-group of application identification (policy p from-zone trust to-zone untrust)
      match dynamic-application junos:nosuchgroup|5:1|dynamic-application junos:nosuchgroup is not defined: not an application, predefined application group or application-group of application identification (policy p from-zone trust to-zone untrust)
      match dynamic-application [ none junos:HTTP ]|5:1|dynamic-application none cannot be combined with other dynamic applications (policy p from-zone trust to-zone untrust)
      """)
  void reportsTheErrorAtTheStatement(String broken, String lineColumn, String message) {
    CompileResult result =
        JunosCompiler.load(
            BASE
                + POLICY
                + broken
                + "\n"
                + POLICY
                + "match source-address any destination-address any application any\n"
                + POLICY
                + "then permit\n",
            "a.conf");
    assertThat(result.ok()).isFalse();
    assertThat(result.config()).as("no generation: the running one stays").isNull();
    assertThat(result.errors())
        .extracting(Diagnostic::toString)
        .containsExactly("a.conf:" + lineColumn + ": error: " + message);
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      set security policies pre-id-default-policy then session-timeout tcp 3|5:1|invalid pre-id-default-policy session-timeout '3': 4 to 86400 seconds
      set security policies pre-id-default-policy then session-timeout udp 86401|5:1|invalid pre-id-default-policy session-timeout '86401': 4 to 86400 seconds
      """)
  void refusesAPreIdTimeoutOutOfRange(String broken, String lineColumn, String message) {
    CompileResult result = JunosCompiler.load(BASE + broken + "\n", "a.conf");
    assertThat(result.config()).isNull();
    assertThat(result.errors())
        .extracting(Diagnostic::toString)
        .containsExactly("a.conf:" + lineColumn + ": error: " + message);
  }

  @Test
  void theNamesResolveAgainstTheCatalogOnce() {
    ApplicationCatalog catalog = ApplicationCatalog.builtIn();
    assertThat(DynamicApplicationMatch.unknownName(List.of("junos:http", "junos:web"), catalog))
        .as("names in any case, groups by category")
        .isNull();
    assertThat(DynamicApplicationMatch.unknownName(List.of("junos:web", "nope"), catalog))
        .isEqualTo("nope");
  }
}
