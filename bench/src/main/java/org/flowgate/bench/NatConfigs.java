package org.flowgate.bench;

import java.util.List;
import org.flowgate.dataplane.nat.NatAddressRange;
import org.flowgate.dataplane.nat.NatConfig;
import org.flowgate.dataplane.nat.NatContext;
import org.flowgate.dataplane.nat.NatRuleSet;
import org.flowgate.dataplane.nat.SourceNatPool;
import org.flowgate.dataplane.nat.SourceNatRule;
import org.flowgate.dataplane.net.AddressMatch;
import org.flowgate.dataplane.net.IpPrefix;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.flowgate.dataplane.runtime.RuntimeConfig;

/**
 * The factory default with source NAT for the benchmarks' clients: {@code none}, or {@code pool}
 * (port translation over a /24 pool, 256 x 64512 pairs, enough for 16 M sessions).
 */
final class NatConfigs {
  private NatConfigs() {}

  static RuntimeConfig factoryDefault(String nat, int maximumSessions) {
    RuntimeConfig config = FactoryDefault.config().withMaximumSessions(maximumSessions);
    return switch (nat) {
      case "none" -> config;
      case "pool" -> config.withNat(sourcePool());
      default -> throw new IllegalArgumentException("nat is none or pool, not " + nat);
    };
  }

  private static NatConfig sourcePool() {
    NatContext trust = new NatContext(NatContext.Kind.ZONE, new int[] {0});
    SourceNatPool pool =
        new SourceNatPool(
            1,
            "bench-pool",
            List.of(NatAddressRange.of(IpPrefix.parse("203.0.113.0/24"))),
            true,
            SourceNatPool.DEFAULT_PORTS,
            SourceNatPool.Overflow.NONE,
            -1,
            false,
            0);
    SourceNatRule rule =
        new SourceNatRule(
            1,
            "clients",
            0,
            1,
            AddressMatch.of(List.of("10.0.0.0/8")),
            AddressMatch.ANY,
            List.of(),
            new int[0],
            SourceNatRule.Action.POOL,
            0);
    return new NatConfig(
        List.of(pool),
        List.of(new NatRuleSet(1, "bench", trust, trust)),
        List.of(rule),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }
}
