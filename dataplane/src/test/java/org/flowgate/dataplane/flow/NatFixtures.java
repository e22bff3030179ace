package org.flowgate.dataplane.flow;

import java.util.List;
import org.flowgate.dataplane.nat.DestinationNatPool;
import org.flowgate.dataplane.nat.DestinationNatRule;
import org.flowgate.dataplane.nat.NatAddressRange;
import org.flowgate.dataplane.nat.NatConfig;
import org.flowgate.dataplane.nat.NatContext;
import org.flowgate.dataplane.nat.NatRuleSet;
import org.flowgate.dataplane.nat.PortRange;
import org.flowgate.dataplane.nat.SourceNatPool;
import org.flowgate.dataplane.nat.SourceNatRule;
import org.flowgate.dataplane.nat.StaticNatRule;
import org.flowgate.dataplane.net.AddressMatch;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.dataplane.net.IpPrefix;

/** NAT configurations for tests, built as the compiler would from a few lines of Junos. */
public final class NatFixtures {
  private NatFixtures() {}

  public static NatContext zone(int index) {
    return new NatContext(NatContext.Kind.ZONE, new int[] {index});
  }

  public static NatAddressRange range(String low, String high) {
    return new NatAddressRange(IpAddress.parse(low), IpAddress.parse(high));
  }

  /**
   * {@code source rule-set RS from zone F to zone T rule R match any then source-nat interface}.
   */
  public static NatConfig interfaceNat(int fromZone, int toZone) {
    return new NatConfig(
        List.of(),
        List.of(new NatRuleSet(1, "RS", zone(fromZone), zone(toZone))),
        List.of(
            new SourceNatRule(
                1,
                "R",
                0,
                1,
                AddressMatch.ANY,
                AddressMatch.ANY,
                List.of(),
                new int[0],
                SourceNatRule.Action.INTERFACE,
                -1)),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }

  /**
   * {@code source pool P ...; rule-set RS from zone F to zone T rule R match any then source-nat
   * pool P}.
   */
  public static NatConfig poolNat(int fromZone, int toZone, SourceNatPool pool) {
    return new NatConfig(
        List.of(pool),
        List.of(new NatRuleSet(1, "RS", zone(fromZone), zone(toZone))),
        List.of(
            new SourceNatRule(
                1,
                "R",
                0,
                1,
                AddressMatch.ANY,
                AddressMatch.ANY,
                List.of(),
                new int[0],
                SourceNatRule.Action.POOL,
                0)),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }

  /** A translating pool; {@code ports} null for the default range 1024 .. 65535. */
  public static SourceNatPool pool(String name, NatAddressRange addresses, PortRange ports) {
    return new SourceNatPool(
        1,
        name,
        List.of(addresses),
        true,
        ports == null ? SourceNatPool.DEFAULT_PORTS : ports,
        SourceNatPool.Overflow.NONE,
        -1,
        false,
        0);
  }

  /** The sample's destination NAT: untrust 172.17.42.1 port 80 to 10.0.0.2 (DstPool1). */
  public static NatConfig destinationNat(int fromZone) {
    return new NatConfig(
        List.of(),
        List.of(),
        List.of(),
        List.of(new DestinationNatPool(1, "DstPool1", range("10.0.0.2", "10.0.0.2"), 0, 0)),
        List.of(new NatRuleSet(1, "DstNat-RS1", zone(fromZone), null)),
        List.of(
            new DestinationNatRule(
                1,
                "DstNatR1",
                0,
                1,
                AddressMatch.ANY,
                AddressMatch.of(List.of("172.17.42.1/32")),
                List.of(PortRange.of(80)),
                new int[0],
                DestinationNatRule.Action.POOL,
                0)),
        List.of(),
        List.of(),
        List.of());
  }

  /**
   * {@code static rule-set RS from zone F rule R match destination-address D then static-nat prefix
   * T}.
   */
  public static NatConfig staticNat(int fromZone, String destination, String translated) {
    return new NatConfig(
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(new NatRuleSet(1, "ST", zone(fromZone), null)),
        List.of(
            new StaticNatRule(
                1,
                "S1",
                0,
                1,
                AddressMatch.ANY,
                IpPrefix.parse(destination),
                null,
                IpPrefix.parse(translated),
                null,
                0)),
        List.of());
  }
}
