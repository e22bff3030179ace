package org.flowgate.dataplane.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.flowgate.dataplane.control.SessionSnapshot;
import org.flowgate.dataplane.nat.NatStatistics;
import org.flowgate.dataplane.nat.PortRange;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.policy.PolicyAction;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.runtime.RuntimeConfigBuilder;
import org.flowgate.dataplane.session.CloseReason;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;

/**
 * Source, destination and static NAT on real packets: the wings a session shows (In as received,
 * Out the reverse of the translated packet, reference §1.2), the packets as they leave, byte for
 * byte, and the pool's ports coming and going.
 */
class NatTranslationTest {
  private static final int TRUST = 0;
  private static final int UNTRUST = 1;

  private static RuntimeConfigBuilder twoZones() {
    return new RuntimeConfigBuilder()
        .zone("trust")
        .zone("untrust")
        .interfaceIn("trust", "ge-0/0/1.0", "10.0.1.1/24", "fd00:1::1/64")
        .interfaceIn("untrust", "ge-0/0/0.0", "203.0.113.1/24", "2001:db8:100::1/48")
        .staticRoute("0.0.0.0/0", "203.0.113.254")
        .staticRoute("::/0", "2001:db8:100::fe")
        .policy("out", "trust", "untrust", List.of(), List.of(), List.of(), PolicyAction.PERMIT);
  }

  private static byte[] tcp(String from, int fromPort, String to, int toPort, int flags) {
    return PacketBuilder.ipv4(from, to)
        .tcp(fromPort, toPort, flags, 100, flags == PacketBuilder.SYN ? 0 : 501)
        .ethernet();
  }

  @Test
  void interfaceNatTranslatesTheSourceToTheEgressAddressAndBack() {
    FlowHarness flow =
        new FlowHarness(twoZones().nat(NatFixtures.interfaceNat(TRUST, UNTRUST)).build(), 64);
    assertThat(flow.send(0, tcp("10.0.1.10", 40_000, "198.51.100.7", 443, PacketBuilder.SYN)))
        .isNull();
    SessionSnapshot session = flow.only();
    assertThat(session.forward().sourceAddress()).isEqualTo(IpAddress.parse("10.0.1.10"));
    assertThat(session.reverse().sourceAddress()).isEqualTo(IpAddress.parse("198.51.100.7"));
    assertThat(session.reverse().sourcePort()).isEqualTo(443);
    assertThat(session.reverse().destinationAddress()).isEqualTo(IpAddress.parse("203.0.113.1"));
    int port = session.reverse().destinationPort();
    assertThat(port).isBetween(1024, 65535);
    assertThat(session.sourceNatPoolName()).isEqualTo("interface");
    assertThat(session.sessionFlags().getFirst()).isEqualTo(0x41L);
    assertThat(flow.lastForwarded())
        .isEqualTo(tcp("203.0.113.1", port, "198.51.100.7", 443, PacketBuilder.SYN));

    byte[] synAck =
        tcp("198.51.100.7", 443, "203.0.113.1", port, PacketBuilder.SYN | PacketBuilder.ACK);
    assertThat(flow.send(0.1, synAck)).isNull();
    assertThat(flow.lastForwarded())
        .isEqualTo(
            tcp("198.51.100.7", 443, "10.0.1.10", 40_000, PacketBuilder.SYN | PacketBuilder.ACK));
    assertThat(flow.only().reverse().packets()).isEqualTo(1);
    NatStatistics nat = flow.spu.nat().state().statistics();
    assertThat(nat.sourceRules().hits()).containsExactly(1);
    assertThat(nat.sourceRules().sessions()).containsExactly(1);
  }

  @Test
  void aSmallPoolRunsOutDropsAndCountsThenTakesItsPortsBack() {
    RuntimeConfig config =
        twoZones()
            .nat(
                NatFixtures.poolNat(
                    TRUST,
                    UNTRUST,
                    NatFixtures.pool(
                        "tiny",
                        NatFixtures.range("198.18.0.9", "198.18.0.9"),
                        new PortRange(2000, 2001))))
            .build();
    FlowHarness flow = new FlowHarness(config, 64);
    assertThat(flow.send(0, tcp("10.0.1.10", 1, "198.51.100.7", 80, PacketBuilder.SYN))).isNull();
    assertThat(flow.send(0, tcp("10.0.1.11", 2, "198.51.100.7", 80, PacketBuilder.SYN))).isNull();
    assertThat(flow.send(0, tcp("10.0.1.12", 3, "198.51.100.7", 80, PacketBuilder.SYN)))
        .isEqualTo(DropReason.NAT_POOL_EXHAUSTED);
    assertThat(flow.sessions())
        .extracting(s -> s.reverse().destinationPort())
        .containsExactlyInAnyOrder(2000, 2001);
    assertThat(flow.sessions()).extracting(SessionSnapshot::sourceNatPoolName).containsOnly("tiny");
    NatStatistics nat = flow.spu.nat().state().statistics();
    assertThat(nat.sourcePools().getFirst().portsInUse()).containsExactly(2);
    assertThat(nat.sourcePools().getFirst().failed()).isEqualTo(1);
    assertThat(nat.sourceRules().failed()).containsExactly(1);
    assertThat(flow.statistics().failedSessions()).isEqualTo(1);

    flow.advance(21); // tcp-initial-timeout: both half-open sessions end, their ports come back
    assertThat(flow.closed)
        .extracting(FlowHarness.Closed::reason)
        .containsOnly(CloseReason.IDLE_TIMEOUT);
    assertThat(flow.spu.nat().state().statistics().sourcePools().getFirst().portsInUse())
        .containsExactly(0);
    assertThat(flow.send(22, tcp("10.0.1.12", 3, "198.51.100.7", 80, PacketBuilder.SYN))).isNull();
  }

  @Test
  void destinationNatMatchesTheRealSampleWings() {
    // ../shared/junos/samples/show-flow-session-nat-dnat-1.txt:
    //   In: 172.17.42.2/41954 --> 172.17.42.1/80;tcp   Out: 10.0.0.2/80 --> 172.17.42.2/41954;tcp
    RuntimeConfig config =
        new RuntimeConfigBuilder()
            .zone("trust")
            .zone("untrust")
            .interfaceIn("trust", "ge-0/0/0.0", "10.0.0.1/24")
            .interfaceIn("untrust", "ge-0/0/1.0", "172.17.42.1/24")
            .policy(
                "SERVER1-ACCESS",
                "untrust",
                "trust",
                List.of(),
                List.of("10.0.0.2/32"),
                List.of("junos-http"),
                PolicyAction.PERMIT)
            .nat(NatFixtures.destinationNat(UNTRUST))
            .build();
    FlowHarness flow = new FlowHarness(config, 64);
    assertThat(flow.send(0, tcp("172.17.42.2", 41954, "172.17.42.1", 80, PacketBuilder.SYN)))
        .isNull();
    SessionSnapshot session = flow.only();
    assertThat(session.policyName()).isEqualTo("SERVER1-ACCESS");
    assertThat(session.forward().destinationAddress()).isEqualTo(IpAddress.parse("172.17.42.1"));
    assertThat(session.reverse().sourceAddress()).isEqualTo(IpAddress.parse("10.0.0.2"));
    assertThat(session.reverse().sourcePort()).isEqualTo(80);
    assertThat(session.reverse().destinationAddress()).isEqualTo(IpAddress.parse("172.17.42.2"));
    assertThat(session.reverse().destinationPort()).isEqualTo(41954);
    assertThat(session.reverse().interfaceName()).isEqualTo("ge-0/0/0.0");
    assertThat(session.sourceNatPoolName()).isNull();
    assertThat(session.sessionFlags().getFirst()).isEqualTo(0x42L);
    assertThat(flow.lastForwarded())
        .isEqualTo(tcp("172.17.42.2", 41954, "10.0.0.2", 80, PacketBuilder.SYN));
    flow.send(
        0.1, tcp("10.0.0.2", 80, "172.17.42.2", 41954, PacketBuilder.SYN | PacketBuilder.ACK));
    assertThat(flow.lastForwarded())
        .isEqualTo(
            tcp("172.17.42.1", 80, "172.17.42.2", 41954, PacketBuilder.SYN | PacketBuilder.ACK));
    NatStatistics nat = flow.spu.nat().state().statistics();
    assertThat(nat.destinationRules().hits()).containsExactly(1);
    assertThat(nat.destinationPoolHits()).containsExactly(1);
    // a policy that names the untranslated address does not match: policies see the translated one
    assertThat(flow.send(1, tcp("172.17.42.2", 41955, "172.17.42.1", 22, PacketBuilder.SYN)))
        .isEqualTo(DropReason.HOST_INBOUND_DENIED);
  }

  /** A well-formed DNS query for {@code a.example A} (the DNS ALG drops malformed ones). */
  private static final byte[] DNS_QUERY = {
    0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 1, 'a', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0,
    0, 1, 0, 1
  };

  @Test
  void staticNatForIpv6TranslatesBothWays() {
    RuntimeConfig config =
        twoZones()
            .policy("in", "untrust", "trust", List.of(), List.of(), List.of(), PolicyAction.PERMIT)
            .nat(NatFixtures.staticNat(UNTRUST, "2001:db8:100:5::/64", "fd00:1::/64"))
            .build();
    FlowHarness flow = new FlowHarness(config, 64);
    byte[] inbound =
        PacketBuilder.ipv6("2001:db8:ff::9", "2001:db8:100:5::77")
            .udp(5000, 53)
            .payload(DNS_QUERY)
            .ethernet();
    assertThat(flow.send(0, inbound)).isNull();
    assertThat(flow.lastForwarded())
        .isEqualTo(
            PacketBuilder.ipv6("2001:db8:ff::9", "fd00:1::77")
                .udp(5000, 53)
                .payload(DNS_QUERY)
                .ethernet());
    assertThat(flow.only().reverse().sourceAddress()).isEqualTo(IpAddress.parse("fd00:1::77"));
    assertThat(flow.only().sessionFlags().getFirst()).isEqualTo(0x44L);

    byte[] outbound =
        PacketBuilder.ipv6("fd00:1::42", "2001:db8:ff::9")
            .tcp(33_000, 443, PacketBuilder.SYN, 1, 0)
            .ethernet();
    assertThat(flow.send(1, outbound)).isNull();
    assertThat(flow.lastForwarded())
        .isEqualTo(
            PacketBuilder.ipv6("2001:db8:100:5::42", "2001:db8:ff::9")
                .tcp(33_000, 443, PacketBuilder.SYN, 1, 0)
                .ethernet());
    assertThat(flow.spu.nat().state().statistics().staticRules().hits()).containsExactly(2);
  }

  @Test
  void pingThroughAPoolTranslatesTheIdentifier() {
    RuntimeConfig config =
        twoZones()
            .nat(
                NatFixtures.poolNat(
                    TRUST,
                    UNTRUST,
                    NatFixtures.pool("p", NatFixtures.range("198.18.0.1", "198.18.0.4"), null)))
            .build();
    FlowHarness flow = new FlowHarness(config, 64);
    assertThat(
            flow.send(
                0, PacketBuilder.ipv4("10.0.1.10", "8.8.8.8").icmpEcho(true, 7, 1).ethernet()))
        .isNull();
    SessionSnapshot session = flow.only();
    int identifier = session.reverse().destinationPort();
    assertThat(identifier).isBetween(1024, 65535);
    IpAddress pool = session.reverse().destinationAddress();
    assertThat(flow.lastForwarded())
        .isEqualTo(
            PacketBuilder.ipv4(pool.toString(), "8.8.8.8")
                .icmpEcho(true, identifier, 1)
                .ethernet());
    assertThat(
            flow.send(
                0.01,
                PacketBuilder.ipv4("8.8.8.8", pool.toString())
                    .icmpEcho(false, identifier, 1)
                    .ethernet()))
        .isNull();
    assertThat(flow.lastForwarded())
        .isEqualTo(PacketBuilder.ipv4("8.8.8.8", "10.0.1.10").icmpEcho(false, 7, 1).ethernet());
  }

  @Test
  void withoutPortTranslationTheSourcePortStaysAndAReusedPortFails() {
    RuntimeConfig config =
        twoZones()
            .nat(
                NatFixtures.poolNat(
                    TRUST,
                    UNTRUST,
                    new org.flowgate.dataplane.nat.SourceNatPool(
                        1,
                        "np",
                        List.of(NatFixtures.range("198.18.0.1", "198.18.0.1")),
                        false,
                        org.flowgate.dataplane.nat.SourceNatPool.DEFAULT_PORTS,
                        org.flowgate.dataplane.nat.SourceNatPool.Overflow.INTERFACE,
                        -1,
                        false,
                        0)))
            .build();
    FlowHarness flow = new FlowHarness(config, 64);
    assertThat(flow.send(0, tcp("10.0.1.10", 5555, "198.51.100.7", 80, PacketBuilder.SYN)))
        .isNull();
    assertThat(flow.only().reverse().destinationPort()).isEqualTo(5555);
    assertThat(flow.only().reverse().destinationAddress()).isEqualTo(IpAddress.parse("198.18.0.1"));
    // the same source port from another host cannot have 198.18.0.1/5555: it overflows to the
    // interface
    assertThat(flow.send(0, tcp("10.0.1.11", 5555, "198.51.100.7", 80, PacketBuilder.SYN)))
        .isNull();
    assertThat(flow.sessions())
        .extracting(SessionSnapshot::sourceNatPoolName)
        .containsExactlyInAnyOrder("np", "interface");
  }

  @Test
  void aCommitKeepsTranslatedSessionsWhoseRuleRemainsAndClosesTheOthers() {
    RuntimeConfig before =
        twoZones()
            .nat(
                NatFixtures.poolNat(
                    TRUST,
                    UNTRUST,
                    NatFixtures.pool(
                        "tiny",
                        NatFixtures.range("198.18.0.9", "198.18.0.9"),
                        new PortRange(2000, 2001))))
            .build();
    FlowHarness flow = new FlowHarness(before, 64);
    flow.send(0, tcp("10.0.1.10", 1, "198.51.100.7", 80, PacketBuilder.SYN));
    int held = flow.only().reverse().destinationPort();

    RuntimeConfig same =
        twoZones()
            .nat(
                NatFixtures.poolNat(
                    TRUST,
                    UNTRUST,
                    NatFixtures.pool(
                        "tiny",
                        NatFixtures.range("198.18.0.9", "198.18.0.9"),
                        new PortRange(2000, 2001))))
            .build();
    assertThat(flow.spu.installConfig(same)).as("the rule is still there").isZero();
    assertThat(flow.spu.nat().state().statistics().sourceRules().sessions()).containsExactly(1);
    assertThat(flow.spu.nat().state().statistics().sourcePools().getFirst().portsInUse())
        .as("its port stays taken")
        .containsExactly(1);
    flow.send(1, tcp("10.0.1.11", 2, "198.51.100.7", 80, PacketBuilder.SYN));
    assertThat(flow.sessions())
        .extracting(s -> s.reverse().destinationPort())
        .containsExactlyInAnyOrder(held, 4001 - held);
    byte[] reply =
        tcp("198.51.100.7", 80, "198.18.0.9", held, PacketBuilder.SYN | PacketBuilder.ACK);
    assertThat(flow.send(1.1, reply)).as("the carried session still translates its reply").isNull();
    assertThat(flow.lastForwarded())
        .isEqualTo(tcp("198.51.100.7", 80, "10.0.1.10", 1, PacketBuilder.SYN | PacketBuilder.ACK));

    assertThat(flow.spu.installConfig(twoZones().build()))
        .as("NAT removed: both sessions close")
        .isEqualTo(2);
    assertThat(flow.closed)
        .extracting(FlowHarness.Closed::reason)
        .containsOnly(CloseReason.POLICY_DELETE);
  }

  @Test
  void anIcmpErrorAboutATranslatedPacketIsTranslatedBackQuoteAndAll() {
    FlowHarness flow =
        new FlowHarness(twoZones().nat(NatFixtures.interfaceNat(TRUST, UNTRUST)).build(), 64);
    flow.send(0, tcp("10.0.1.10", 40_000, "198.51.100.7", 443, PacketBuilder.SYN));
    int port = flow.only().reverse().destinationPort();
    byte[] quotedAsSent =
        PacketBuilder.ipv4("203.0.113.1", "198.51.100.7")
            .tcp(port, 443, PacketBuilder.SYN, 100, 0)
            .ip();
    byte[] quotedAsKnown =
        PacketBuilder.ipv4("10.0.1.10", "198.51.100.7")
            .tcp(40_000, 443, PacketBuilder.SYN, 100, 0)
            .ip();
    byte[] unreachable =
        PacketBuilder.ipv4("203.0.113.254", "203.0.113.1").icmpError(3, 1, quotedAsSent).ethernet();
    assertThat(flow.send(0.5, unreachable)).isNull();
    assertThat(flow.lastForwarded())
        .isEqualTo(
            PacketBuilder.ipv4("203.0.113.254", "10.0.1.10")
                .icmpError(3, 1, quotedAsKnown)
                .ethernet());
    assertThat(flow.only().reverse().packets()).as("counted on the wing it travels").isEqualTo(1);
  }
}
