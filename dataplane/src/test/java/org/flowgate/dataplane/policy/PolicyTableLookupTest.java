package org.flowgate.dataplane.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.flowgate.dataplane.application.ApplicationTerm;
import org.flowgate.dataplane.net.AddressMatch;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.runtime.RuntimeConfigBuilder;
import org.junit.jupiter.api.Test;

/**
 * Policy lookup on lists long enough to be indexed (more than {@link PolicyTable#LINEAR_SCAN_MAX}
 * policies): each test pads the zone pair with policies to other servers, then checks the SRX
 * first-match rules still hold.
 */
class PolicyTableLookupTest {
  private static final int TCP = 6;
  private static final int UDP = 17;
  private static final int ICMP = 1;
  private static final int TRUST = 0;
  private static final int UNTRUST = 1;
  private static final int DMZ = 2;

  private static RuntimeConfigBuilder threeZones() {
    return new RuntimeConfigBuilder().zone("trust").zone("untrust").zone("dmz");
  }

  /**
   * Policies that match nothing the tests send (destinations in 192.0.2.0/24), to force the index.
   */
  private static RuntimeConfigBuilder padded(RuntimeConfigBuilder builder, int count) {
    for (int i = 0; i < count; i++) {
      builder.policy(
          "filler-" + i,
          "trust",
          "untrust",
          List.of(),
          List.of("192.0.2." + (i % 256) + "/32"),
          List.of("junos-http"),
          PolicyAction.PERMIT);
    }
    return builder;
  }

  private static AddressMatch addresses(String... prefixes) {
    return AddressMatch.of(List.of(prefixes));
  }

  private static String lookup(
      RuntimeConfig config,
      int from,
      int to,
      String source,
      String destination,
      int protocol,
      int sourcePort,
      int destinationPort) {
    return lookup(
        config, from, to, source, destination, protocol, sourcePort, destinationPort, -1, -1);
  }

  /** The matched policy's name, and the application's after a slash when the policy names some. */
  private static String lookup(
      RuntimeConfig config,
      int from,
      int to,
      String source,
      String destination,
      int protocol,
      int sourcePort,
      int destinationPort,
      int icmpType,
      int icmpCode) {
    IpAddress src = IpAddress.parse(source);
    IpAddress dst = IpAddress.parse(destination);
    long match =
        config
            .policies()
            .lookup(
                new PolicyTable.Scratch(),
                from,
                to,
                src.hi(),
                src.lo(),
                dst.hi(),
                dst.lo(),
                protocol,
                sourcePort,
                destinationPort,
                icmpType,
                icmpCode);
    String policy = config.policies().get(PolicyTable.policyOf(match)).name();
    int application = PolicyTable.applicationOf(match);
    return application < 0 ? policy : policy + "/" + config.applications().get(application).name();
  }

  @Test
  void theLastOfTenThousandPoliciesIsFoundAndAMissFallsToTheDefaultPolicy() {
    RuntimeConfigBuilder builder = threeZones();
    for (int i = 0; i < 10_000; i++) {
      builder.policy(
          "p" + i,
          "trust",
          "untrust",
          List.of(),
          List.of("172.16." + (i >>> 8) + "." + (i & 0xff) + "/32"),
          List.of(i % 2 == 0 ? "junos-http" : "junos-ssh"),
          PolicyAction.PERMIT);
    }
    RuntimeConfig config = builder.build();
    assertThat(lookup(config, TRUST, UNTRUST, "10.0.0.1", "172.16.39.15", TCP, 40_000, 22))
        .isEqualTo("p9999/junos-ssh");
    assertThat(lookup(config, TRUST, UNTRUST, "10.0.0.1", "172.16.0.0", TCP, 40_000, 80))
        .isEqualTo("p0/junos-http");
    assertThat(lookup(config, TRUST, UNTRUST, "10.0.0.1", "172.16.39.15", TCP, 40_000, 80))
        .as("right server, wrong application")
        .isEqualTo(PolicyTable.DEFAULT_POLICY_NAME);
    assertThat(lookup(config, TRUST, UNTRUST, "10.0.0.1", "172.16.39.16", TCP, 40_000, 22))
        .as("one past the last server")
        .isEqualTo(PolicyTable.DEFAULT_POLICY_NAME);
    assertThat(config.policies().describeIndex(TRUST, UNTRUST))
        .contains("policies=10000", "destinationNodes=10000", "sourceNodes=0");
  }

  @Test
  void theTableKeepsEveryPolicysValuesInConfigurationOrder() {
    List<SecurityPolicy> given =
        List.of(
            new SecurityPolicy(
                4,
                "web",
                new int[] {0},
                new int[] {1},
                false,
                addresses("10.0.0.0/8", "2001:db8::/32"),
                new AddressMatch(addresses("198.51.100.7").prefixes(), true),
                new int[] {3, 1},
                PolicyAction.PERMIT,
                true,
                false,
                true),
            new SecurityPolicy(
                5,
                "global",
                new int[0],
                new int[] {2},
                true,
                AddressMatch.ANY,
                AddressMatch.ANY,
                new int[0],
                PolicyAction.REJECT,
                false,
                true,
                false));
    PolicyTable table = PolicyTable.of(PolicyAction.DENY, given, 3, List.of());
    assertThat(table.size()).as("three built-ins, two user policies").isEqualTo(5);
    for (int i = 0; i < given.size(); i++) {
      SecurityPolicy expected = given.get(i);
      SecurityPolicy kept = table.get(PolicyTable.FIRST_USER_POLICY + i);
      assertThat(kept).usingRecursiveComparison().isEqualTo(expected);
    }
  }

  @Test
  void anEarlierBroaderPolicyWinsOverALaterExactOne() {
    RuntimeConfig config =
        padded(threeZones(), 40)
            .policy(
                "net",
                "trust",
                "untrust",
                List.of(),
                List.of("198.51.100.0/24"),
                List.of("junos-http"),
                PolicyAction.DENY)
            .policy(
                "host",
                "trust",
                "untrust",
                List.of(),
                List.of("198.51.100.7/32"),
                List.of("junos-http"),
                PolicyAction.PERMIT)
            .policy(
                "host-any-port",
                "trust",
                "untrust",
                List.of(),
                List.of("198.51.100.7/32"),
                List.of(),
                PolicyAction.PERMIT)
            .build();
    assertThat(lookup(config, TRUST, UNTRUST, "10.0.0.1", "198.51.100.7", TCP, 40_000, 80))
        .isEqualTo("net/junos-http");
    assertThat(lookup(config, TRUST, UNTRUST, "10.0.0.1", "198.51.100.7", TCP, 40_000, 443))
        .isEqualTo("host-any-port");
    assertThat(lookup(config, TRUST, UNTRUST, "10.0.0.1", "198.51.100.8", TCP, 40_000, 443))
        .isEqualTo(PolicyTable.DEFAULT_POLICY_NAME);
  }

  @Test
  void anExcludedDestinationMatchesEverythingOutsideItsPrefixes() {
    RuntimeConfig config =
        padded(threeZones(), 40)
            .policy(
                "not-internal",
                "trust",
                "untrust",
                AddressMatch.ANY,
                new AddressMatch(addresses("10.0.0.0/8", "2001:db8::/32").prefixes(), true),
                List.of(),
                PolicyAction.PERMIT,
                false,
                false)
            .build();
    assertThat(lookup(config, TRUST, UNTRUST, "10.0.0.1", "10.200.0.1", UDP, 5000, 53))
        .isEqualTo(PolicyTable.DEFAULT_POLICY_NAME);
    assertThat(lookup(config, TRUST, UNTRUST, "10.0.0.1", "11.0.0.1", UDP, 5000, 53))
        .isEqualTo("not-internal");
    assertThat(lookup(config, TRUST, UNTRUST, "2001:db8::1", "2001:db8:ffff::1", UDP, 5000, 53))
        .isEqualTo(PolicyTable.DEFAULT_POLICY_NAME);
    assertThat(lookup(config, TRUST, UNTRUST, "2001:db8::1", "2001:db9::1", UDP, 5000, 53))
        .isEqualTo("not-internal");
  }

  @Test
  void anyIpv4AndAnyIpv6EachHoldOnlyTheirFamilyWhileAnyHoldsBoth() {
    RuntimeConfig config =
        padded(threeZones(), 40)
            .policy(
                "v6-only",
                "trust",
                "untrust",
                List.of(),
                List.of("::/0"),
                List.of("junos-https"),
                PolicyAction.PERMIT)
            .policy(
                "v4-only",
                "trust",
                "untrust",
                List.of(),
                List.of("0.0.0.0/0"),
                List.of("junos-ssh"),
                PolicyAction.PERMIT)
            .policy(
                "both",
                "trust",
                "untrust",
                List.of(),
                List.of(),
                List.of("junos-https", "junos-ssh"),
                PolicyAction.PERMIT)
            .build();
    assertThat(lookup(config, TRUST, UNTRUST, "10.0.0.1", "198.51.100.7", TCP, 40_000, 443))
        .isEqualTo("both/junos-https");
    assertThat(lookup(config, TRUST, UNTRUST, "10.0.0.1", "198.51.100.7", TCP, 40_000, 22))
        .isEqualTo("v4-only/junos-ssh");
    assertThat(lookup(config, TRUST, UNTRUST, "2001:db8::1", "2001:db8::7", TCP, 40_000, 443))
        .isEqualTo("v6-only/junos-https");
    assertThat(lookup(config, TRUST, UNTRUST, "2001:db8::1", "2001:db8::7", TCP, 40_000, 22))
        .isEqualTo("both/junos-ssh");
    assertThat(lookup(config, TRUST, UNTRUST, "2001:db8::1", "::10.0.0.7", TCP, 40_000, 22))
        .as("an IPv4-compatible IPv6 address is IPv6")
        .isEqualTo("both/junos-ssh");
  }

  @Test
  void overlappingPortRangesMatchAtBothEndsOfEach() {
    RuntimeConfig config =
        padded(threeZones(), 40)
            .application("low", null, ApplicationTerm.ports(TCP, 1000, 2000))
            .application("high", null, ApplicationTerm.ports(TCP, 1500, 3000))
            .policy(
                "p-low",
                "trust",
                "untrust",
                List.of(),
                List.of(),
                List.of("low"),
                PolicyAction.PERMIT)
            .policy(
                "p-high",
                "trust",
                "untrust",
                List.of(),
                List.of(),
                List.of("high"),
                PolicyAction.PERMIT)
            .build();
    int[] ports = {999, 1000, 1499, 1500, 2000, 2001, 3000, 3001};
    String[] expected = {
      PolicyTable.DEFAULT_POLICY_NAME,
      "p-low/low",
      "p-low/low",
      "p-low/low",
      "p-low/low",
      "p-high/high",
      "p-high/high",
      PolicyTable.DEFAULT_POLICY_NAME
    };
    for (int i = 0; i < ports.length; i++) {
      assertThat(lookup(config, TRUST, UNTRUST, "10.0.0.1", "198.51.100.7", TCP, 40_000, ports[i]))
          .as("port %d", ports[i])
          .isEqualTo(expected[i]);
    }
    assertThat(lookup(config, TRUST, UNTRUST, "10.0.0.1", "198.51.100.7", UDP, 40_000, 1500))
        .as("a TCP range holds no UDP")
        .isEqualTo(PolicyTable.DEFAULT_POLICY_NAME);
  }

  @Test
  void sourcePortsAndIcmpCodesAreStillChecked() {
    RuntimeConfig config =
        padded(threeZones(), 40)
            .application(
                "from-high-ports",
                null,
                new ApplicationTerm(TCP, 1024, 65535, 8080, 8080, -1, -1, 0))
            .application(
                "unreachable-port", null, new ApplicationTerm(ICMP, 0, 65535, 0, 65535, 3, 3, 0))
            .policy(
                "high-ports",
                "trust",
                "untrust",
                List.of(),
                List.of(),
                List.of("from-high-ports"),
                PolicyAction.PERMIT)
            .policy(
                "port-unreachable",
                "trust",
                "untrust",
                List.of(),
                List.of(),
                List.of("unreachable-port"),
                PolicyAction.PERMIT)
            .policy(
                "ping",
                "trust",
                "untrust",
                List.of(),
                List.of(),
                List.of("junos-icmp-ping"),
                PolicyAction.PERMIT)
            .policy(
                "icmp",
                "trust",
                "untrust",
                List.of(),
                List.of(),
                List.of("junos-icmp-all"),
                PolicyAction.DENY)
            .build();
    assertThat(lookup(config, TRUST, UNTRUST, "10.0.0.1", "198.51.100.7", TCP, 40_000, 8080))
        .isEqualTo("high-ports/from-high-ports");
    assertThat(lookup(config, TRUST, UNTRUST, "10.0.0.1", "198.51.100.7", TCP, 80, 8080))
        .isEqualTo(PolicyTable.DEFAULT_POLICY_NAME);
    assertThat(lookup(config, TRUST, UNTRUST, "10.0.0.1", "198.51.100.7", ICMP, 0, 0, 3, 3))
        .isEqualTo("port-unreachable/unreachable-port");
    assertThat(lookup(config, TRUST, UNTRUST, "10.0.0.1", "198.51.100.7", ICMP, 0, 0, 3, 1))
        .isEqualTo("icmp/junos-icmp-all");
    assertThat(lookup(config, TRUST, UNTRUST, "10.0.0.1", "198.51.100.7", ICMP, 0, 0, 8, 0))
        .isEqualTo("ping/junos-icmp-ping");
  }

  @Test
  void globalPoliciesComeAfterTheZonePairAndKeepTheirZoneRestrictions() {
    RuntimeConfigBuilder builder = padded(threeZones(), 20);
    for (int i = 0; i < 30; i++) { // enough global policies to index the global list too
      builder.policy(
          "global-filler-" + i,
          List.of(),
          List.of(),
          true,
          AddressMatch.ANY,
          addresses("192.0.2." + i + "/32"),
          List.of(),
          PolicyAction.PERMIT,
          false,
          false,
          false);
    }
    RuntimeConfig config =
        builder
            .policy(
                "global-from-dmz",
                List.of("dmz"),
                List.of(),
                true,
                AddressMatch.ANY,
                AddressMatch.ANY,
                List.of("junos-ssh"),
                PolicyAction.REJECT,
                false,
                false,
                false)
            .policy(
                "global-ssh",
                List.of(),
                List.of(),
                true,
                AddressMatch.ANY,
                AddressMatch.ANY,
                List.of("junos-ssh"),
                PolicyAction.PERMIT,
                false,
                false,
                false)
            .policy(
                "pair-ssh-to-one-host",
                "trust",
                "untrust",
                List.of(),
                List.of("198.51.100.99/32"),
                List.of("junos-ssh"),
                PolicyAction.DENY)
            .build();
    assertThat(lookup(config, TRUST, UNTRUST, "10.0.0.1", "198.51.100.99", TCP, 40_000, 22))
        .isEqualTo("pair-ssh-to-one-host/junos-ssh");
    assertThat(lookup(config, TRUST, UNTRUST, "10.0.0.1", "198.51.100.98", TCP, 40_000, 22))
        .isEqualTo("global-ssh/junos-ssh");
    assertThat(lookup(config, DMZ, UNTRUST, "10.0.0.1", "198.51.100.98", TCP, 40_000, 22))
        .isEqualTo("global-from-dmz/junos-ssh");
    assertThat(lookup(config, -1, UNTRUST, "10.0.0.1", "198.51.100.98", TCP, 40_000, 22))
        .as("no from-zone: only unrestricted global policies")
        .isEqualTo("global-ssh/junos-ssh");
    assertThat(config.policies().describeIndex(-1, -1)).contains("policies=32");
  }
}
