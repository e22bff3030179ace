package org.flowgate.config.compile;

import static org.assertj.core.api.Assertions.assertThat;

import org.flowgate.config.text.Diagnostic;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appqos.AppQosRuleSet;
import org.flowgate.dataplane.policy.ApplicationGroups;
import org.flowgate.dataplane.policy.DynamicApplicationMatch;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * User-defined {@code services application-identification application-group} (ADR 0044): nested
 * groups reach unified policies' {@code dynamic-application} and AppQoS rules' {@code
 * application-group}; an unknown member or a cycle is one error at its statement, with no
 * generation.
 */
class ApplicationGroupConfigTest {
  private static final String BASE =
      """
      set interfaces ge-0/0/0 unit 0 family inet address 192.168.1.1/24
      set interfaces ge-0/0/1 unit 0 family inet address 10.0.0.1/24
      set security zones security-zone trust interfaces ge-0/0/1.0
      set security zones security-zone untrust interfaces ge-0/0/0.0
      """;

  private static final String GROUPS =
      """
      set services application-identification application-group my-web applications junos:HTTP
      set services application-identification application-group my-web application-groups my-mail
      set services application-identification application-group my-mail applications junos:SMTP
      set services application-identification application-group my-mail application-groups junos:infrastructure:dns
      """;

  @Test
  void nestedGroupsReachPoliciesAndAppQosRules() {
    RuntimeConfig config =
        Compile.ok(
            BASE
                + GROUPS
                + """
                set class-of-service application-traffic-control rule-sets rs rule mine match application-group my-web
                set class-of-service application-traffic-control rule-sets rs rule mine then dscp-code-point ef
                set security policies from-zone trust to-zone untrust policy web match source-address any destination-address any application any dynamic-application my-web
                set security policies from-zone trust to-zone untrust policy web then permit application-services application-traffic-control rule-set rs
                """);
    ApplicationCatalog catalog = config.applicationIdentification().catalog();
    DynamicApplicationMatch web =
        config.policies().policies().stream()
            .filter(p -> p.name().equals("web"))
            .findFirst()
            .orElseThrow()
            .dynamicApplications();
    assertThat(web.names()).as("the view names the group").containsExactly("my-web");
    int http = catalog.id("junos:HTTP");
    int smtp = catalog.id("junos:SMTP");
    int dns = catalog.id("junos:DNS");
    int ssh = catalog.id("junos:SSH");
    assertThat(web.matches(http, ApplicationCatalog.UNKNOWN)).as("its own application").isTrue();
    assertThat(web.matches(smtp, ApplicationCatalog.UNKNOWN)).as("its child group's").isTrue();
    assertThat(web.matches(dns, ApplicationCatalog.UNKNOWN))
        .as("the predefined group its child names")
        .isTrue();
    assertThat(web.matches(ssh, ApplicationCatalog.UNKNOWN)).isFalse();

    AppQosRuleSet rs = config.applicationServices().trafficControl().ruleSets().getFirst();
    assertThat(rs.match(smtp)).isZero();
    assertThat(rs.match(dns)).isZero();
    assertThat(rs.match(ssh)).isNegative();

    ApplicationGroups groups = config.applicationServices().applicationGroups();
    assertThat(groups.groups().keySet()).containsExactly("my-web", "my-mail");
    assertThat(groups.group("my-web").childGroups()).containsExactly("my-mail");
    assertThat(groups.parents("my-mail")).containsExactly("my-web");
    assertThat(groups.depth("my-web")).isEqualTo(2);
  }

  @Test
  void readsTheCurlyFormWithBracketLists() {
    RuntimeConfig config =
        Compile.ok(
            BASE
                + """
                services {
                    application-identification {
                        application-group remote {
                            applications [ junos:SSH junos:TELNET ];
                        }
                    }
                }
                """);
    assertThat(config.applicationServices().applicationGroups().group("remote").applications())
        .containsExactly("junos:SSH", "junos:TELNET");
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      set services application-identification application-group g applications junos:NO-SUCH-APP|5:1|application junos:NO-SUCH-APP is not defined (application-group g): no predefined or custom application has that name
      set services application-identification application-group g application-groups nosuch|5:1|application-group nosuch is not defined (application-groups of application-group g): no predefined or user-defined application group has that name
      set services application-identification application-group junos:mine applications junos:HTTP|5:1|application-group junos:mine: the junos prefix belongs to predefined application groups
      set services application-identification application-group g application-groups g|5:1|application-groups g of application-group g closes a cycle: g -> g (a group cannot contain itself)
      """)
  void reportsABrokenGroupAtItsStatement(String broken, String lineColumn, String message) {
    CompileResult result = JunosCompiler.load(BASE + broken + "\n", "a.conf");
    assertThat(result.config()).as("no generation: the running one stays").isNull();
    assertThat(result.errors())
        .extracting(Diagnostic::toString)
        .containsExactly("a.conf:" + lineColumn + ": error: " + message);
  }

  @Test
  void reportsACycleThroughTwoGroupsOnceAtTheMemberThatClosesIt() {
    CompileResult result =
        JunosCompiler.load(
            BASE
                + """
                set services application-identification application-group a applications junos:HTTP
                set services application-identification application-group a application-groups b
                set services application-identification application-group b application-groups a
                """,
            "a.conf");
    assertThat(result.config()).isNull();
    assertThat(result.errors())
        .extracting(Diagnostic::toString)
        .containsExactly(
            "a.conf:7:1: error: application-groups a of application-group b closes a cycle: a ->"
                + " b -> a (a group cannot contain itself)");
  }

  @Test
  void aPolicyOrRuleNamingAnUndefinedGroupIsAnError() {
    CompileResult result =
        JunosCompiler.load(
            BASE
                + """
                set class-of-service application-traffic-control rule-sets rs rule r match application-group my-missing
                set class-of-service application-traffic-control rule-sets rs rule r then dscp-code-point ef
                """,
            "a.conf");
    assertThat(result.config()).isNull();
    assertThat(result.errors())
        .extracting(Diagnostic::toString)
        .containsExactly(
            "a.conf:5:1: error: application-group my-missing is not defined (rule r of rule-set"
                + " rs): no predefined or user-defined application group has that name");
  }
}
