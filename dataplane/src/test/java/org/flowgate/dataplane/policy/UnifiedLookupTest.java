package org.flowgate.dataplane.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.net.AddressMatch;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.runtime.RuntimeConfigBuilder;
import org.junit.jupiter.api.Test;

/**
 * {@link PolicyTable#lookup} with unified policies (ADR 0033): pending, the walk passes potential
 * matches and the first policy that does not depend on the application ends it; decided, the first
 * policy that matches with the application wins.
 *
 * <pre>
 *   4 web    dst 198.51.100.0/24  junos:HTTP          permit
 *   5 docs   dst 192.0.2.0/24     (traditional)       permit
 *   6 ssh    any                  junos:SSH           deny
 *   7 gmail  any                  junos:GMAIL         permit
 *   8 rest   any                  (traditional)       permit
 * </pre>
 */
class UnifiedLookupTest {
  private static final int TRUST = 0;
  private static final int UNTRUST = 1;

  private final RuntimeConfig config =
      new RuntimeConfigBuilder()
          .zone("trust")
          .zone("untrust")
          .interfaceIn("trust", "ge-0/0/1.0", "10.0.0.1/16")
          .interfaceIn("untrust", "ge-0/0/0.0", "203.0.113.1/24")
          .policy(
              "web",
              "trust",
              "untrust",
              any(),
              of("198.51.100.0/24"),
              List.of(),
              PolicyAction.PERMIT,
              false,
              false)
          .dynamicApplications(List.of("junos:HTTP"))
          .policy(
              "docs",
              "trust",
              "untrust",
              any(),
              of("192.0.2.0/24"),
              List.of(),
              PolicyAction.PERMIT,
              false,
              false)
          .policy(
              "ssh", "trust", "untrust", any(), any(), List.of(), PolicyAction.DENY, false, false)
          .dynamicApplications(List.of("junos:SSH"))
          .policy(
              "gmail",
              "trust",
              "untrust",
              any(),
              any(),
              List.of(),
              PolicyAction.PERMIT,
              false,
              false)
          .dynamicApplications(List.of("junos:GMAIL"))
          .policy(
              "rest",
              "trust",
              "untrust",
              any(),
              any(),
              List.of(),
              PolicyAction.PERMIT,
              false,
              false)
          .build();

  private final ApplicationCatalog catalog = config.applicationIdentification().catalog();
  private final PolicyTable.Scratch scratch = new PolicyTable.Scratch();

  private static AddressMatch any() {
    return AddressMatch.ANY;
  }

  private static AddressMatch of(String prefix) {
    return AddressMatch.of(List.of(prefix));
  }

  private long lookup(String destination, int application, int nested) {
    IpAddress source = IpAddress.parse("10.0.0.10");
    IpAddress to = IpAddress.parse(destination);
    return config
        .policies()
        .lookup(
            scratch,
            TRUST,
            UNTRUST,
            source.hi(),
            source.lo(),
            to.hi(),
            to.lo(),
            6,
            40000,
            80,
            -1,
            -1,
            application,
            nested);
  }

  private String name(long match) {
    return config.policies().get(PolicyTable.policyOf(match)).name()
        + (PolicyTable.pendingOf(match) ? " (pending)" : "");
  }

  private int id(String name) {
    return catalog.id(name);
  }

  @Test
  void pendingWalksPastPotentialMatchesToTheFirstTraditionalPolicy() {
    int pending = ApplicationCatalog.PENDING;
    int none = ApplicationCatalog.UNKNOWN;
    assertThat(name(lookup("192.0.2.7", pending, none)))
        .as("web does not match the address: docs is the first match, final at once")
        .isEqualTo("docs");
    assertThat(name(lookup("198.51.100.7", pending, none)))
        .as("web, ssh and gmail are potential matches before rest")
        .isEqualTo(PreIdDefaultPolicy.NAME + " (pending)");
    assertThat(name(lookup("203.0.113.99", pending, none)))
        .as("ssh and gmail still wait")
        .isEqualTo(PreIdDefaultPolicy.NAME + " (pending)");
  }

  @Test
  void decidedTheFirstPolicyThatMatchesWithTheApplicationWins() {
    int none = ApplicationCatalog.UNKNOWN;
    assertThat(name(lookup("198.51.100.7", id("junos:HTTP"), none))).isEqualTo("web");
    assertThat(name(lookup("203.0.113.99", id("junos:HTTP"), none)))
        .as("web's address does not match")
        .isEqualTo("rest");
    assertThat(name(lookup("198.51.100.7", id("junos:SSH"), none))).isEqualTo("ssh");
    assertThat(name(lookup("198.51.100.7", id("junos:SSL"), id("junos:GMAIL"))))
        .as("a nested application matches as the application does")
        .isEqualTo("gmail");
    assertThat(name(lookup("198.51.100.7", ApplicationCatalog.UNKNOWN, none))).isEqualTo("rest");
    assertThat(name(lookup("192.0.2.7", id("junos:SSH"), none)))
        .as("a traditional policy before the unified ones decides whatever the application")
        .isEqualTo("docs");
  }

  @Test
  void withoutUnifiedPoliciesALookupIsNeverPending() {
    RuntimeConfig legacy =
        new RuntimeConfigBuilder()
            .zone("trust")
            .zone("untrust")
            .interfaceIn("trust", "ge-0/0/1.0", "10.0.0.1/16")
            .interfaceIn("untrust", "ge-0/0/0.0", "203.0.113.1/24")
            .policy(
                "any",
                "trust",
                "untrust",
                any(),
                any(),
                List.of(),
                PolicyAction.PERMIT,
                false,
                false)
            .dynamicApplications(List.of("any"))
            .build();
    assertThat(legacy.policies().hasUnifiedPolicies()).isFalse();
    IpAddress a = IpAddress.parse("10.0.0.10");
    long match =
        legacy
            .policies()
            .lookup(scratch, TRUST, UNTRUST, a.hi(), a.lo(), a.hi(), a.lo(), 6, 1, 2, -1, -1);
    assertThat(PolicyTable.pendingOf(match)).isFalse();
    assertThat(legacy.policies().get(PolicyTable.policyOf(match)).name()).isEqualTo("any");
  }
}
