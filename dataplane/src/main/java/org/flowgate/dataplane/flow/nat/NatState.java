package org.flowgate.dataplane.flow.nat;

import java.util.ArrayList;
import java.util.List;
import org.flowgate.dataplane.dispatch.NatOwnership;
import org.flowgate.dataplane.nat.NatAddressRange;
import org.flowgate.dataplane.nat.NatConfig;
import org.flowgate.dataplane.nat.NatLookup;
import org.flowgate.dataplane.nat.NatRuleCounters;
import org.flowgate.dataplane.nat.NatStatistics;
import org.flowgate.dataplane.nat.SourceNatPool;

/**
 * One SPU's NAT: the rule lookups of the running generation, the pool addresses and ports it has
 * handed out, and the counters behind the NAT views.
 *
 * <p>Thread: owned by its SPU's thread.
 */
public final class NatState {
  private final NatLookup lookup;
  private final SourceNatPorts[] pools;
  private final NatRuleCounters sourceRules;
  private final NatRuleCounters destinationRules;
  private final NatRuleCounters staticRules;
  private final long[] destinationPoolHits;
  private final NatOwnership ownership;
  private final SourceNatPorts[] interfacePorts;
  private final boolean empty;
  private final boolean randomized;

  /**
   * @param interfaces how many interfaces the generation has (interface NAT allocates per
   *     interface)
   */
  public NatState(NatConfig config, NatOwnership ownership, int interfaces) {
    this.ownership = ownership;
    this.interfacePorts = new SourceNatPorts[interfaces * 2];
    this.lookup = new NatLookup(config);
    this.empty = config.isEmpty();
    this.pools = new SourceNatPorts[config.sourcePools().size()];
    this.randomized = config.portRandomization();
    for (int i = 0; i < pools.length; i++) {
      pools[i] = new SourceNatPorts(config.sourcePools().get(i), ownership, randomized);
    }
    this.sourceRules = NatRuleCounters.of(config.sourceRules().size());
    this.destinationRules = NatRuleCounters.of(config.destinationRules().size());
    this.staticRules = NatRuleCounters.of(config.staticRules().size());
    this.destinationPoolHits = new long[config.destinationPools().size()];
  }

  public NatLookup lookup() {
    return lookup;
  }

  public NatConfig config() {
    return lookup.config();
  }

  public boolean isEmpty() {
    return empty;
  }

  /**
   * Takes an address and port of a source pool for an inside endpoint: {@code addressIndex << 16 |
   * port}, or -1 when the pool is exhausted for this SPU (counted as the pool's failure).
   */
  public long allocate(
      int pool, long insideHi, long insideLo, int insidePort, boolean hasPorts, int lane) {
    long allocation = pools[pool].allocate(insideHi, insideLo, insidePort, hasPorts, lane);
    if (allocation < 0) {
      pools[pool].failed++;
    } else {
      pools[pool].hits++;
    }
    return allocation;
  }

  /**
   * Takes a port on an interface's own address for interface NAT: the port, or -1 when every port
   * this SPU may use on that address is taken.
   */
  public int allocateInterface(
      int interfaceIndex,
      org.flowgate.dataplane.net.IpAddress address,
      long insideHi,
      long insideLo,
      int insidePort,
      boolean hasPorts,
      int lane) {
    int at = interfaceIndex * 2 + (address.isIpv4() ? 0 : 1);
    if (at >= interfacePorts.length) {
      return -1;
    }
    long allocation =
        interfacePorts(at, address).allocate(insideHi, insideLo, insidePort, hasPorts, lane);
    return allocation < 0 ? -1 : (int) (allocation & 0xffff);
  }

  /** Gives back a port that {@link #allocateInterface} handed out. */
  public void releaseInterface(int interfaceIndex, boolean ipv6, int port, boolean hasPorts) {
    int at = interfaceIndex * 2 + (ipv6 ? 1 : 0);
    if (at < interfacePorts.length && interfacePorts[at] != null) {
      interfacePorts[at].release(port, hasPorts);
    }
  }

  /** The pool address an allocation names: its high word. */
  public long poolAddressHi(int pool, long allocation) {
    return pools[pool].addressHi((int) (allocation >>> 16));
  }

  /** The pool address an allocation names: its low word. */
  public long poolAddressLo(int pool, long allocation) {
    return pools[pool].addressLo((int) (allocation >>> 16));
  }

  /** The allocation holding a pool address and port, for giving it back when the session ends. */
  public long allocationOf(int pool, long hi, long lo, int port) {
    int index = pools[pool].indexOf(hi, lo);
    return index < 0 ? -1 : (long) index << 16 | port;
  }

  /** Marks a pool address and port a carried-over session holds. */
  public void reserve(int pool, long allocation, boolean hasPorts) {
    if (allocation >= 0) {
      pools[pool].reserve(allocation, hasPorts);
    }
  }

  /** Marks an interface port a carried-over session holds. */
  public void reserveInterface(
      int interfaceIndex,
      org.flowgate.dataplane.net.IpAddress address,
      int port,
      boolean hasPorts) {
    int at = interfaceIndex * 2 + (address.isIpv4() ? 0 : 1);
    if (at >= interfacePorts.length) {
      return;
    }
    interfacePorts(at, address).reserve(port, hasPorts);
  }

  /** The ports of one interface address, as a one-address translating pool made on first use. */
  private SourceNatPorts interfacePorts(int at, org.flowgate.dataplane.net.IpAddress address) {
    SourceNatPorts ports = interfacePorts[at];
    if (ports == null || !ports.pool().addresses().getFirst().low().equals(address)) {
      ports = new SourceNatPorts(interfacePool(address), ownership, randomized);
      interfacePorts[at] = ports;
    }
    return ports;
  }

  /**
   * The pool interface NAT takes an interface address's ports from: the address alone, with the
   * single and twin ports of a pool without its own range.
   */
  public static SourceNatPool interfacePool(org.flowgate.dataplane.net.IpAddress address) {
    return new SourceNatPool(
        0,
        "interface",
        java.util.List.of(new NatAddressRange(address, address)),
        true,
        SourceNatPool.DEFAULT_PORTS,
        SourceNatPool.Overflow.NONE,
        -1,
        false,
        0,
        SourceNatPool.DEFAULT_TWIN_PORTS);
  }

  public void release(int pool, long allocation, boolean hasPorts) {
    if (pool >= 0 && pool < pools.length && allocation >= 0) {
      pools[pool].release(allocation, hasPorts);
    }
  }

  public NatRuleCounters sourceRules() {
    return sourceRules;
  }

  public NatRuleCounters destinationRules() {
    return destinationRules;
  }

  public NatRuleCounters staticRules() {
    return staticRules;
  }

  public void countDestinationPool(int pool) {
    destinationPoolHits[pool]++;
  }

  /**
   * {@code clear security nat source|destination|static rule all}: the rules' translation hits,
   * successes and failures back to zero; their live session counts stay.
   */
  public void clearRuleCounters(boolean source, boolean destination, boolean statics) {
    for (NatRuleCounters counters :
        List.of(
            source ? sourceRules : NatRuleCounters.of(0),
            destination ? destinationRules : NatRuleCounters.of(0),
            statics ? staticRules : NatRuleCounters.of(0))) {
      java.util.Arrays.fill(counters.hits(), 0);
      java.util.Arrays.fill(counters.successful(), 0);
      java.util.Arrays.fill(counters.failed(), 0);
    }
  }

  /** {@code clear security nat statistics}: rule and pool hit counters back to zero. */
  public void clearStatistics() {
    clearRuleCounters(true, true, true);
    for (SourceNatPorts pool : pools) {
      pool.hits = 0;
      pool.failed = 0;
    }
    java.util.Arrays.fill(destinationPoolHits, 0);
  }

  /** A copy of the counters, for management. */
  public NatStatistics statistics() {
    List<NatStatistics.SourcePoolUsage> usage = new ArrayList<>();
    for (SourceNatPorts pool : pools) {
      usage.add(new NatStatistics.SourcePoolUsage(pool.hits, pool.failed, pool.portsInUse()));
    }
    return new NatStatistics(
        sourceRules.copy(),
        destinationRules.copy(),
        staticRules.copy(),
        List.copyOf(usage),
        destinationPoolHits.clone());
  }
}
