package org.flowgate.dataplane.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.flowgate.dataplane.application.ApplicationTerm;
import org.flowgate.dataplane.control.SessionSnapshot;
import org.flowgate.dataplane.net.AddressMatch;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.policy.PolicyAction;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.runtime.RuntimeConfigBuilder;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;

/** Zones, zone-pair and global policies in SRX order, applications and their timeouts. */
class PolicyDecisionTest {
  private static final int TCP = 6;

  private static RuntimeConfigBuilder twoZones() {
    return new RuntimeConfigBuilder()
        .zone("trust")
        .zone("untrust")
        .interfaceIn("trust", "ge-0/0/1.0", "10.0.1.1/24")
        .interfaceIn("untrust", "ge-0/0/0.0", "203.0.113.1/24")
        .staticRoute("0.0.0.0/0", "203.0.113.254")
        .application("tcp-8443", null, ApplicationTerm.ports(TCP, 8443, 8443).withTimeout(600));
  }

  private static byte[] syn(String from, String to, int port) {
    return PacketBuilder.ipv4(from, to).tcp(40_000, port, PacketBuilder.SYN, 1, 0).ethernet();
  }

  @Test
  void theFirstMatchingZonePairPolicyWinsAndNamesTheApplication() {
    RuntimeConfig config =
        twoZones()
            .policy(
                "allow-web",
                "trust",
                "untrust",
                List.of(),
                List.of(),
                List.of("junos-http", "junos-https"),
                PolicyAction.PERMIT)
            .policy(
                "deny-rest", "trust", "untrust", List.of(), List.of(), List.of(), PolicyAction.DENY)
            .build();
    FlowHarness flow = new FlowHarness(config, 64);
    assertThat(flow.send(0, syn("10.0.1.10", "198.51.100.7", 443))).isNull();
    assertThat(flow.send(0, syn("10.0.1.10", "198.51.100.7", 22)))
        .isEqualTo(DropReason.POLICY_DENY);
    SessionSnapshot web = flow.only();
    assertThat(web.policyName()).isEqualTo("allow-web");
    assertThat(web.policyId()).isEqualTo(4);
    assertThat(web.applicationName()).isEqualTo("junos-https");
    assertThat(flow.spu.firstPath().policyHits())
        .containsExactly(0, 0, 0, 1, 1); // self, default, pre-id, then the user's
  }

  @Test
  void globalPoliciesComeAfterTheZonePairAndBeforeTheDefault() {
    RuntimeConfig config =
        twoZones()
            .policy(
                "global-ssh",
                null,
                null,
                List.of(),
                List.of(),
                List.of("junos-ssh"),
                PolicyAction.PERMIT)
            .policy(
                "pair-deny-ssh-to-one-host",
                "trust",
                "untrust",
                List.of(),
                List.of("198.51.100.99/32"),
                List.of("junos-ssh"),
                PolicyAction.REJECT)
            .build();
    FlowHarness flow = new FlowHarness(config, 64);
    assertThat(flow.send(0, syn("10.0.1.10", "198.51.100.99", 22)))
        .isEqualTo(DropReason.POLICY_REJECT);
    assertThat(flow.sent).as("a RST answers the rejected SYN").hasSize(1);
    assertThat(flow.sent.getFirst()[14 + 20 + 13])
        .as("its TCP flags")
        .isEqualTo((byte) (PacketBuilder.RST | PacketBuilder.ACK));
    assertThat(flow.statistics().rejectResponsesSent()).isEqualTo(1);
    assertThat(flow.send(0, syn("10.0.1.10", "198.51.100.98", 22))).isNull();
    assertThat(flow.only().policyName()).isEqualTo("global-ssh");
    assertThat(flow.send(0, syn("10.0.1.10", "198.51.100.98", 80)))
        .isEqualTo(DropReason.POLICY_DENY);
    assertThat(flow.statistics().drops(DropReason.POLICY_DENY)).isEqualTo(1);
  }

  @Test
  void aConfiguredApplicationsInactivityTimeoutIsTheSessionsMaximumTimeout() {
    RuntimeConfig config =
        twoZones()
            .policy(
                "p",
                "trust",
                "untrust",
                List.of(),
                List.of(),
                List.of("tcp-8443"),
                PolicyAction.PERMIT)
            .build();
    FlowHarness flow = new FlowHarness(config, 64);
    flow.send(0.0, syn("10.0.1.10", "198.51.100.7", 8443));
    assertThat(flow.only().maximumTimeoutSeconds()).isEqualTo(20);
    flow.send(
        0.1,
        PacketBuilder.ipv4("198.51.100.7", "10.0.1.10")
            .tcp(8443, 40_000, PacketBuilder.SYN | PacketBuilder.ACK, 9, 2)
            .ethernet());
    flow.send(
        0.2,
        PacketBuilder.ipv4("10.0.1.10", "198.51.100.7")
            .tcp(40_000, 8443, PacketBuilder.ACK, 2, 10)
            .ethernet());
    assertThat(flow.only().maximumTimeoutSeconds()).isEqualTo(600);
    assertThat(flow.only().applicationName()).isEqualTo("tcp-8443");
    assertThat(flow.only().applicationId()).isEqualTo(1024);
  }

  @Test
  void negatedAndFamilyAddressMatches() {
    RuntimeConfig config =
        twoZones()
            .policy(
                "not-to-this-net",
                "trust",
                "untrust",
                AddressMatch.ANY,
                new AddressMatch(
                    List.of(org.flowgate.dataplane.net.IpPrefix.parse("198.51.100.0/24")), true),
                List.of(),
                PolicyAction.PERMIT,
                false,
                false)
            .build();
    FlowHarness flow = new FlowHarness(config, 64);
    assertThat(flow.send(0, syn("10.0.1.10", "198.51.100.7", 80)))
        .isEqualTo(DropReason.POLICY_DENY);
    assertThat(flow.send(0, syn("10.0.1.10", "192.0.2.7", 80))).isNull();
  }

  @Test
  void predefinedApplicationsCarryTheInternalIdsRealSessionsShow() {
    RuntimeConfig config = twoZones().build();
    assertThat(config.applications().get(config.applicationIndex("junos-ssh")).id()).isEqualTo(22);
    assertThat(config.applications().get(config.applicationIndex("junos-http")).id()).isEqualTo(6);
    assertThat(
            config
                .applications()
                .get(config.applicationIndex("junos-dns-udp"))
                .applicationProtocol())
        .isEqualTo("dns");
  }

  @Test
  void trafficToTheFirewallNeedsItsZonesHostInboundTraffic() {
    RuntimeConfig config =
        new RuntimeConfigBuilder()
            .zone("trust", java.util.Set.of("ping", "ssh"), java.util.Set.of())
            .zone("untrust")
            .interfaceIn("trust", "ge-0/0/1.0", "10.0.1.1/24")
            .interfaceIn("untrust", "ge-0/0/0.0", "203.0.113.1/24")
            .build();
    FlowHarness flow = new FlowHarness(config, 64);
    assertThat(
            flow.send(
                0, PacketBuilder.ipv4("10.0.1.10", "10.0.1.1").icmpEcho(true, 1, 1).ethernet()))
        .isNull();
    assertThat(flow.send(0, syn("10.0.1.10", "10.0.1.1", 22))).isNull();
    assertThat(flow.send(0, syn("10.0.1.10", "10.0.1.1", 23)))
        .isEqualTo(DropReason.HOST_INBOUND_DENIED);
    assertThat(flow.send(0, syn("203.0.113.9", "203.0.113.1", 22)))
        .isEqualTo(DropReason.HOST_INBOUND_DENIED);
    assertThat(flow.sessions())
        .extracting(s -> s.reverse().interfaceName() + " " + s.policyName())
        .containsOnly(".local..0 self-traffic-policy");
  }

  @Test
  void wingsCarryTheirZonesIdInTheTokenAsARealDeviceNumbersThem() {
    // real replies: user zones' wings 0x6 to 0x9, the .local..0 wing 0x2 (junos-host), even
    // when no policy names junos-host; a transit session's two wings, each its own zone
    RuntimeConfig config =
        new RuntimeConfigBuilder()
            .zone("trust", java.util.Set.of("ssh"), java.util.Set.of())
            .zone("untrust")
            .interfaceIn("trust", "ge-0/0/1.0", "10.0.1.1/24")
            .interfaceIn("untrust", "ge-0/0/0.0", "203.0.113.1/24")
            .defaultPolicy(PolicyAction.PERMIT)
            .build();
    assertThat(config.zones())
        .extracting(z -> z.name() + " " + z.id())
        .containsExactly("trust 6", "untrust 7");
    FlowHarness flow = new FlowHarness(config, 64);
    assertThat(flow.send(0, syn("10.0.1.10", "10.0.1.1", 22))).isNull();
    assertThat(flow.send(0, syn("10.0.1.10", "203.0.113.9", 80))).isNull();
    assertThat(flow.sessions())
        .extracting(
            s ->
                s.forward().interfaceName()
                    + " 0x"
                    + Integer.toHexString(s.forward().sessionToken())
                    + " "
                    + s.reverse().interfaceName()
                    + " 0x"
                    + Integer.toHexString(s.reverse().sessionToken()))
        .containsExactly("ge-0/0/1.0 0x6 .local..0 0x2", "ge-0/0/1.0 0x6 ge-0/0/0.0 0x7");
  }

  /**
   * trust allows ping and ssh to the firewall, untrust only ssh; the junos-host zone for policies.
   */
  private static RuntimeConfigBuilder managedFirewall() {
    return new RuntimeConfigBuilder()
        .zone("trust", java.util.Set.of("ping", "ssh"), java.util.Set.of())
        .zone("untrust", java.util.Set.of("ssh"), java.util.Set.of())
        .zone("junos-host")
        .interfaceIn("trust", "ge-0/0/1.0", "10.0.1.1/24")
        .interfaceIn("untrust", "ge-0/0/0.0", "203.0.113.1/24")
        .staticRoute("0.0.0.0/0", "203.0.113.254");
  }

  /** Hears denials as the session log does: the zones and the policy. */
  private static final class Denials implements SessionEvents {
    final List<String> heard = new java.util.ArrayList<>();

    @Override
    public void sessionRefused(Refused refused) {
      heard.add(
          refused.config().zones().get(refused.fromZone()).name()
              + " -> "
              + (refused.toZone() < 0 ? "the device" : "zone " + refused.toZone())
              + " "
              + refused.config().policies().get(refused.policyIndex()).name()
              + " in "
              + (refused.ingressInterface() == SessionView.LOCAL_INTERFACE
                  ? ".local..0"
                  : refused.config().interfaceAt(refused.ingressInterface()).name()));
    }
  }

  @Test
  void policiesToJunosHostDecideTrafficToTheFirewallAfterHostInboundTraffic() {
    RuntimeConfig config =
        managedFirewall()
            .policy(
                "noc-ssh",
                "untrust",
                "junos-host",
                List.of("203.0.113.9/32"),
                List.of(),
                List.of("junos-ssh"),
                PolicyAction.PERMIT)
            .policy(
                "untrust-to-host-cleanup",
                "untrust",
                "junos-host",
                List.of(),
                List.of(),
                List.of(),
                PolicyAction.REJECT)
            .build();
    FlowHarness flow = new FlowHarness(config, 64);
    Denials denials = new Denials();
    flow.spu.setEvents(denials);

    assertThat(flow.send(0, syn("203.0.113.9", "203.0.113.1", 22))).as("the NOC's ssh").isNull();
    assertThat(flow.send(0, syn("203.0.113.66", "203.0.113.1", 22)))
        .as("anyone else's ssh")
        .isEqualTo(DropReason.POLICY_REJECT);
    assertThat(flow.send(0, syn("203.0.113.9", "203.0.113.1", 23)))
        .as("telnet: host-inbound-traffic comes first")
        .isEqualTo(DropReason.HOST_INBOUND_DENIED);
    assertThat(flow.send(0, syn("10.0.1.10", "10.0.1.1", 22)))
        .as("trust has no junos-host policy")
        .isNull();

    assertThat(flow.sessions())
        .extracting(
            s ->
                s.forward().sourceAddress()
                    + " "
                    + s.policyName()
                    + "/"
                    + s.policyId()
                    + " "
                    + s.applicationName()
                    + " "
                    + s.reverse().interfaceName())
        .containsExactly(
            "203.0.113.9 noc-ssh/4 junos-ssh .local..0",
            "10.0.1.10 self-traffic-policy/1 null .local..0");
    assertThat(flow.statistics().drops(DropReason.POLICY_REJECT)).isEqualTo(1);
    assertThat(flow.statistics().rejectResponsesSent()).isEqualTo(1);
    assertThat(flow.spu.firstPath().policyHits())
        .as("self, default, pre-id, noc-ssh, cleanup")
        .containsExactly(1, 0, 0, 1, 1);
    assertThat(denials.heard)
        .as("as the real junos-host DENY line, incoming .local..0")
        .containsExactly("untrust -> the device untrust-to-host-cleanup in .local..0");
  }

  @Test
  void aGlobalPolicyToJunosHostMakesTheDefaultPolicyDecideWhatItDoesNotMatch() {
    RuntimeConfig config =
        managedFirewall()
            .policy(
                "ping-me",
                List.of(),
                List.of("junos-host"),
                true,
                AddressMatch.ANY,
                AddressMatch.ANY,
                List.of("junos-icmp-ping"),
                PolicyAction.PERMIT,
                false,
                false,
                false)
            .build(); // default-policy deny-all
    FlowHarness flow = new FlowHarness(config, 64);
    assertThat(
            flow.send(
                0, PacketBuilder.ipv4("10.0.1.10", "10.0.1.1").icmpEcho(true, 1, 1).ethernet()))
        .isNull();
    assertThat(flow.only().policyName()).isEqualTo("ping-me");
    assertThat(flow.send(0, syn("10.0.1.10", "10.0.1.1", 22)))
        .as("ssh is host-inbound but no policy permits it")
        .isEqualTo(DropReason.POLICY_DENY);
    assertThat(flow.send(0, syn("10.0.1.10", "198.51.100.7", 22)))
        .as("transit is not junos-host traffic")
        .isEqualTo(DropReason.POLICY_DENY);
    assertThat(flow.spu.firstPath().policyHits()).containsExactly(0, 2, 0, 1);
  }

  @Test
  void withoutJunosHostPoliciesTheSelfTrafficPolicyStillDecides() {
    RuntimeConfig config =
        managedFirewall()
            .policy("out", "trust", "untrust", List.of(), List.of(), List.of(), PolicyAction.PERMIT)
            .build();
    FlowHarness flow = new FlowHarness(config, 64);
    assertThat(flow.send(0, syn("203.0.113.9", "203.0.113.1", 22))).isNull();
    assertThat(flow.only().policyName()).isEqualTo("self-traffic-policy");
  }

  @Test
  void withPolicyRematchACommitDecidesSessionsToTheFirewallByTheNewJunosHostPolicies() {
    var rematch =
        org.flowgate.dataplane.runtime.FlowSettings.junosDefaults().toBuilder()
            .policyRematch(true)
            .build();
    RuntimeConfig before =
        managedFirewall()
            .settings(rematch)
            .policy(
                "any-ssh",
                "untrust",
                "junos-host",
                List.of(),
                List.of(),
                List.of("junos-ssh"),
                PolicyAction.PERMIT)
            .build();
    FlowHarness flow = new FlowHarness(before, 64);
    flow.send(0, syn("203.0.113.9", "203.0.113.1", 22));
    flow.send(0, syn("203.0.113.66", "203.0.113.1", 22));
    RuntimeConfig after =
        managedFirewall()
            .settings(rematch)
            .policy(
                "any-ssh",
                "untrust",
                "junos-host",
                List.of("203.0.113.9/32"),
                List.of(),
                List.of("junos-ssh"),
                PolicyAction.PERMIT)
            .build();
    assertThat(flow.spu.installConfig(after)).isEqualTo(1);
    assertThat(flow.closed)
        .singleElement()
        .extracting(c -> c.session().forward().sourceAddress().toString())
        .isEqualTo("203.0.113.66");
  }

  @Test
  void aCommitClosesTheSessionsWhosePolicyIsGoneWithPolicyDelete() {
    RuntimeConfig before =
        twoZones()
            .policy(
                "web",
                "trust",
                "untrust",
                List.of(),
                List.of(),
                List.of("junos-https"),
                PolicyAction.PERMIT)
            .policy(
                "ssh",
                "trust",
                "untrust",
                List.of(),
                List.of(),
                List.of("junos-ssh"),
                PolicyAction.PERMIT)
            .build();
    FlowHarness flow = new FlowHarness(before, 64);
    flow.send(0, syn("10.0.1.10", "198.51.100.7", 443));
    flow.send(0, syn("10.0.1.10", "198.51.100.7", 22));
    RuntimeConfig after =
        twoZones()
            .policy(
                "new-first",
                "trust",
                "untrust",
                List.of(),
                List.of(),
                List.of("junos-http"),
                PolicyAction.PERMIT)
            .policy(
                "web",
                "trust",
                "untrust",
                List.of(),
                List.of(),
                List.of("junos-https"),
                PolicyAction.PERMIT)
            .build();
    assertThat(flow.spu.installConfig(after)).isEqualTo(1);
    assertThat(flow.closed)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.reason())
                  .isEqualTo(org.flowgate.dataplane.session.CloseReason.POLICY_DELETE);
              assertThat(c.session().forward().destinationPort()).isEqualTo(22);
            });
    SessionSnapshot web =
        flow.sessions().stream()
            .filter(s -> s.forward().destinationPort() == 443)
            .findFirst()
            .orElseThrow();
    assertThat(web.policyName()).isEqualTo("web");
    assertThat(web.policyId()).isEqualTo(5); // the same policy, at its new id
    assertThat(web.applicationName()).isEqualTo("junos-https");
  }

  @Test
  void withPolicyRematchACommitAlsoClosesSessionsTheNewPoliciesWouldNotPermit() {
    var rematch =
        org.flowgate.dataplane.runtime.FlowSettings.junosDefaults().toBuilder()
            .policyRematch(true)
            .build();
    RuntimeConfig before =
        twoZones()
            .settings(rematch)
            .policy(
                "all-out", "trust", "untrust", List.of(), List.of(), List.of(), PolicyAction.PERMIT)
            .build();
    FlowHarness flow = new FlowHarness(before, 64);
    flow.send(0, syn("10.0.1.10", "198.51.100.7", 443));
    flow.send(0, syn("10.0.1.10", "198.51.100.7", 22));
    RuntimeConfig after =
        twoZones()
            .settings(rematch)
            .policy(
                "all-out",
                "trust",
                "untrust",
                List.of(),
                List.of(),
                List.of("junos-https"),
                PolicyAction.PERMIT)
            .build();
    assertThat(flow.spu.installConfig(after)).isEqualTo(1);
    assertThat(flow.closed)
        .singleElement()
        .extracting(c -> c.session().forward().destinationPort())
        .isEqualTo(22);
  }
}
