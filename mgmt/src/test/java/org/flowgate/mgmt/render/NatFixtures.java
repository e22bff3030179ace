package org.flowgate.mgmt.render;

import java.util.List;
import org.flowgate.dataplane.nat.DestinationNatPool;
import org.flowgate.dataplane.nat.DestinationNatRule;
import org.flowgate.dataplane.nat.NatAddressRange;
import org.flowgate.dataplane.nat.NatConfig;
import org.flowgate.dataplane.nat.NatContext;
import org.flowgate.dataplane.nat.NatRuleCounters;
import org.flowgate.dataplane.nat.NatRuleSet;
import org.flowgate.dataplane.nat.NatStatistics;
import org.flowgate.dataplane.nat.PortRange;
import org.flowgate.dataplane.nat.SourceNatPool;
import org.flowgate.dataplane.nat.SourceNatRule;
import org.flowgate.dataplane.nat.StaticNatRule;
import org.flowgate.dataplane.net.AddressMatch;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.dataplane.net.IpPrefix;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.runtime.RuntimeConfigBuilder;

/**
 * NAT configurations and counters built by hand, as the compiler and the data plane will build
 * them: the destination NAT of the real vSRX sample, and an office edge that uses every kind of
 * NAT, context and match the views show.
 */
public final class NatFixtures {
  private static final int TCP = 6;
  private static final int UDP = 17;

  private NatFixtures() {}

  /**
   * The destination NAT behind {@code samples/show-security-nat-destination-1.txt}: one pool, one
   * rule from zone untrust to 172.17.42.1. The sample's configuration file shows a later state (a
   * second pool and rule, a port); the views it prints have one of each and no port.
   */
  public static RuntimeConfig dnatSample() {
    RuntimeConfigBuilder builder =
        new RuntimeConfigBuilder()
            .zone("trust")
            .zone("untrust")
            .interfaceIn("trust", "ge-0/0/0.0", "10.0.0.1/24")
            .interfaceIn("untrust", "ge-0/0/1.0", "172.17.42.1/24");
    NatConfig nat =
        new NatConfig(
            List.of(),
            List.of(),
            List.of(),
            List.of(new DestinationNatPool(1, "DstPool1", range("10.0.0.2/32"), 0, 0)),
            List.of(new NatRuleSet(1, "DstNat-RS1", zones(builder.zoneIndex("untrust")), null)),
            List.of(
                new DestinationNatRule(
                    1,
                    "DstNatR1",
                    0,
                    1,
                    AddressMatch.ANY,
                    AddressMatch.of(List.of("172.17.42.1/32")),
                    List.of(),
                    new int[0],
                    DestinationNatRule.Action.POOL,
                    0)),
            List.of(),
            List.of(),
            List.of());
    return builder.nat(nat).build();
  }

  /** The sample's counters: three translations, all successful, none live any more. */
  public static NatStatistics dnatSampleCounters() {
    return new NatStatistics(
        NatRuleCounters.of(0),
        counters(new long[] {3}, new long[] {3}, new long[] {0}, new long[] {0}),
        NatRuleCounters.of(0),
        List.of(),
        new long[] {3},
        new long[0]);
  }

  /**
   * An office edge: trust and dmz go out through a port-translating pool of three addresses (one
   * rule exempts VPN traffic, servers use an address-persistent pool without port translation), a
   * guest routing instance goes out through the interface; web and mail are published by
   * destination NAT; a camera and an SSH jump host by static NAT.
   *
   * <pre>
   * zones   trust ge-0/0/1.0   untrust ge-0/0/0.0   dmz ge-0/0/2.0   guest ge-0/0/3.0 (routing instance guest-vr)
   * </pre>
   */
  public static RuntimeConfig officeEdge() {
    RuntimeConfigBuilder builder =
        new RuntimeConfigBuilder()
            .hostName("edge-1")
            .zone("trust")
            .zone("untrust")
            .zone("dmz")
            .zone("guest")
            .routingInstance("guest-vr")
            .interfaceIn("untrust", "ge-0/0/0.0", "198.51.100.1/24")
            .interfaceIn("trust", "ge-0/0/1.0", "192.168.1.1/24")
            .interfaceIn("dmz", "ge-0/0/2.0", "10.0.2.1/24")
            .interfaceInInstance(
                "guest", "guest-vr", "ge-0/0/3.0", "172.16.0.1/24", "2001:db8:10::1/64")
            .maximumSessions(2_097_152);
    int trust = builder.zoneIndex("trust");
    int untrust = builder.zoneIndex("untrust");
    int dmz = builder.zoneIndex("dmz");
    int guestVr = builder.routingInstanceIndex("guest-vr");
    int uplink = 0; // ge-0/0/0.0, the first interface

    List<SourceNatPool> sourcePools =
        List.of(
            new SourceNatPool(
                4,
                "internet-pat",
                List.of(
                    range("203.0.113.10/32"),
                    new NatAddressRange(
                        IpAddress.parse("203.0.113.20"), IpAddress.parse("203.0.113.21"))),
                true,
                SourceNatPool.DEFAULT_PORTS,
                SourceNatPool.Overflow.NONE,
                -1,
                false,
                0,
                SourceNatPool.DEFAULT_TWIN_PORTS),
            new SourceNatPool(
                5,
                "servers-no-pat",
                List.of(range("198.51.100.64/30")),
                false,
                null,
                SourceNatPool.Overflow.NONE,
                -1,
                true,
                0));
    List<NatRuleSet> sourceSets =
        List.of(
            new NatRuleSet(1, "office-out", zones(trust, dmz), zones(untrust)),
            new NatRuleSet(
                2,
                "guest-out",
                new NatContext(NatContext.Kind.ROUTING_INSTANCE, new int[] {guestVr}),
                new NatContext(NatContext.Kind.INTERFACE, new int[] {uplink})));
    List<SourceNatRule> sourceRules =
        List.of(
            new SourceNatRule(
                1,
                "no-nat-vpn",
                0,
                1,
                AddressMatch.of(List.of("192.168.1.0/24")),
                AddressMatch.of(List.of("10.99.0.0/16")),
                List.of(),
                new int[0],
                SourceNatRule.Action.OFF,
                -1),
            new SourceNatRule(
                2,
                "office-pat",
                0,
                2,
                AddressMatch.of(List.of("192.168.1.0/24", "10.0.2.0/24")),
                AddressMatch.ANY,
                List.of(),
                new int[] {TCP, UDP},
                SourceNatRule.Action.POOL,
                0),
            new SourceNatRule(
                3,
                "servers-mail",
                0,
                3,
                AddressMatch.of(List.of("10.0.2.0/28")),
                AddressMatch.ANY,
                List.of(PortRange.of(25), new PortRange(8000, 8080)),
                new int[0],
                SourceNatRule.Action.POOL,
                1),
            new SourceNatRule(
                4,
                "guest-interface",
                1,
                1,
                AddressMatch.of(List.of("172.16.0.0/24", "2001:db8:10::/48")),
                AddressMatch.ANY,
                List.of(),
                new int[0],
                SourceNatRule.Action.INTERFACE,
                -1));

    List<DestinationNatPool> destinationPools =
        List.of(
            new DestinationNatPool(
                1,
                "web-servers",
                new NatAddressRange(IpAddress.parse("10.0.2.10"), IpAddress.parse("10.0.2.11")),
                8080,
                0),
            new DestinationNatPool(2, "mail", range("10.0.2.25/32"), 0, 0));
    List<NatRuleSet> destinationSets =
        List.of(new NatRuleSet(1, "from-internet", zones(untrust), null));
    List<DestinationNatRule> destinationRules =
        List.of(
            new DestinationNatRule(
                1,
                "web",
                0,
                1,
                AddressMatch.ANY,
                AddressMatch.of(List.of("198.51.100.10/32")),
                List.of(PortRange.of(80)),
                new int[] {TCP},
                DestinationNatRule.Action.POOL,
                0),
            new DestinationNatRule(
                2,
                "smtp",
                0,
                2,
                AddressMatch.of(List.of("203.0.113.0/24")),
                AddressMatch.of(List.of("198.51.100.25/32")),
                List.of(PortRange.of(25)),
                new int[0],
                DestinationNatRule.Action.POOL,
                1),
            new DestinationNatRule(
                3,
                "no-dnat",
                0,
                3,
                AddressMatch.ANY,
                AddressMatch.of(List.of("198.51.100.0/24")),
                List.of(),
                new int[0],
                DestinationNatRule.Action.OFF,
                -1));

    List<NatRuleSet> staticSets = List.of(new NatRuleSet(1, "published", zones(untrust), null));
    List<StaticNatRule> staticRules =
        List.of(
            new StaticNatRule(
                1,
                "camera",
                0,
                1,
                AddressMatch.ANY,
                IpPrefix.parse("198.51.100.40/32"),
                null,
                IpPrefix.parse("10.0.2.40/32"),
                null,
                0),
            new StaticNatRule(
                2,
                "ssh-jump",
                0,
                2,
                AddressMatch.of(List.of("203.0.113.0/24")),
                IpPrefix.parse("198.51.100.48/29"),
                PortRange.of(2222),
                IpPrefix.parse("10.0.2.48/29"),
                PortRange.of(22),
                guestVr));

    NatConfig nat =
        new NatConfig(
            sourcePools,
            sourceSets,
            sourceRules,
            destinationPools,
            destinationSets,
            destinationRules,
            staticSets,
            staticRules,
            List.of());
    return builder.nat(nat).build();
  }

  /** Counters of a busy afternoon on the office edge, with a few failed translations. */
  public static NatStatistics officeEdgeCounters() {
    return new NatStatistics(
        counters(
            new long[] {0, 120, 7, 3},
            new long[] {0, 118, 7, 3},
            new long[] {0, 2, 0, 0},
            new long[] {0, 41, 2, 1}),
        counters(
            new long[] {52, 9, 4},
            new long[] {50, 9, 4},
            new long[] {2, 0, 0},
            new long[] {6, 1, 0}),
        counters(new long[] {5, 12}, new long[] {5, 12}, new long[] {0, 0}, new long[] {1, 2}),
        List.of(
            new NatStatistics.SourcePoolUsage(118, 2, new long[] {30, 8, 3}),
            new NatStatistics.SourcePoolUsage(7, 0, new long[] {1, 1, 0, 0})),
        new long[] {50, 9},
        new long[] {3});
  }

  private static NatRuleCounters counters(
      long[] hits, long[] successful, long[] failed, long[] sessions) {
    return new NatRuleCounters(hits, successful, failed, sessions);
  }

  private static NatContext zones(int... indexes) {
    return new NatContext(NatContext.Kind.ZONE, indexes);
  }

  private static NatAddressRange range(String prefix) {
    return NatAddressRange.of(IpPrefix.parse(prefix));
  }
}
