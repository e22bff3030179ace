package org.flowgate.dataplane.nat;

import java.util.ArrayList;
import java.util.List;

/**
 * What the NAT views show about translation, summed over the SPUs: rule counters of each kind, and
 * per pool its hits and the ports in use on each address.
 *
 * @param sourcePools indexed like {@link NatConfig#sourcePools()}
 * @param destinationPoolHits indexed like {@link NatConfig#destinationPools()}
 * @param interfacePortsInUse per interface (by index in the generation), the ports of its IPv4
 *     address interface NAT holds
 * @param interfaceTwinPortsInUse per interface, the twin ports of its IPv4 address ALGs' port pairs
 *     hold
 */
public record NatStatistics(
    NatRuleCounters sourceRules,
    NatRuleCounters destinationRules,
    NatRuleCounters staticRules,
    List<SourcePoolUsage> sourcePools,
    long[] destinationPoolHits,
    long[] interfacePortsInUse,
    long[] interfaceTwinPortsInUse) {

  /** Statistics where no interface's twin ports are held. */
  public NatStatistics(
      NatRuleCounters sourceRules,
      NatRuleCounters destinationRules,
      NatRuleCounters staticRules,
      List<SourcePoolUsage> sourcePools,
      long[] destinationPoolHits,
      long[] interfacePortsInUse) {
    this(
        sourceRules,
        destinationRules,
        staticRules,
        sourcePools,
        destinationPoolHits,
        interfacePortsInUse,
        new long[interfacePortsInUse.length]);
  }

  /**
   * One source pool's use.
   *
   * @param hits sessions translated with this pool
   * @param failed sessions refused because the pool had no address or port left
   * @param portsInUse per address of the pool (in pool order), the ports (or, without port
   *     translation, the sessions) holding it now; an IPv6 pool lists only its first 65536
   *     addresses
   * @param twinPortsInUse per address, the twin ports ALGs' port pairs hold now
   */
  public record SourcePoolUsage(long hits, long failed, long[] portsInUse, long[] twinPortsInUse) {
    /** A pool whose twin ports nobody holds. */
    public SourcePoolUsage(long hits, long failed, long[] portsInUse) {
      this(hits, failed, portsInUse, new long[portsInUse.length]);
    }

    SourcePoolUsage plus(SourcePoolUsage other) {
      return new SourcePoolUsage(
          hits + other.hits,
          failed + other.failed,
          NatRuleCounters.add(portsInUse, other.portsInUse),
          NatRuleCounters.add(twinPortsInUse, other.twinPortsInUse));
    }

    /** Ports in use over every address. */
    public long totalPortsInUse() {
      long total = 0;
      for (long ports : portsInUse) {
        total += ports;
      }
      return total;
    }
  }

  public static NatStatistics empty(NatConfig config) {
    List<SourcePoolUsage> pools = new ArrayList<>();
    for (SourceNatPool pool : config.sourcePools()) {
      pools.add(new SourcePoolUsage(0, 0, new long[(int) Math.min(pool.addressCount(), 65536)]));
    }
    return new NatStatistics(
        NatRuleCounters.of(config.sourceRules().size()),
        NatRuleCounters.of(config.destinationRules().size()),
        NatRuleCounters.of(config.staticRules().size()),
        List.copyOf(pools),
        new long[config.destinationPools().size()],
        new long[0]);
  }

  /** The sum of two SPUs' statistics of the same configuration. */
  public NatStatistics plus(NatStatistics other) {
    List<SourcePoolUsage> pools = new ArrayList<>();
    for (int i = 0; i < sourcePools.size(); i++) {
      pools.add(
          i < other.sourcePools.size()
              ? sourcePools.get(i).plus(other.sourcePools.get(i))
              : sourcePools.get(i));
    }
    return new NatStatistics(
        sourceRules.plus(other.sourceRules),
        destinationRules.plus(other.destinationRules),
        staticRules.plus(other.staticRules),
        List.copyOf(pools),
        NatRuleCounters.add(destinationPoolHits, other.destinationPoolHits),
        NatRuleCounters.add(interfacePortsInUse, other.interfacePortsInUse),
        NatRuleCounters.add(interfaceTwinPortsInUse, other.interfaceTwinPortsInUse));
  }
}
