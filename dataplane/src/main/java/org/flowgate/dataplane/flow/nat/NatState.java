package org.flowgate.dataplane.flow.nat;

import java.util.ArrayList;
import java.util.List;
import org.flowgate.dataplane.dispatch.NatOwnership;
import org.flowgate.dataplane.nat.NatAddressRange;
import org.flowgate.dataplane.nat.NatConfig;
import org.flowgate.dataplane.nat.NatLookup;
import org.flowgate.dataplane.nat.NatRuleCounters;
import org.flowgate.dataplane.nat.NatStatistics;
import org.flowgate.dataplane.nat.PersistentBindings;
import org.flowgate.dataplane.nat.PersistentNat;
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

  /** Persistent NAT bindings; null when no rule of the generation has persistent-nat. */
  private final PersistentNatTable persistent;

  /** Table slots looked at for expired bindings per first packet that uses persistent NAT. */
  private static final int SWEEP_BUDGET = 4;

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
    boolean anyPersistent = false;
    for (org.flowgate.dataplane.nat.SourceNatRule rule : config.sourceRules()) {
      anyPersistent |= rule.persistentNat() != null;
    }
    this.persistent =
        anyPersistent
            ? new PersistentNatTable(
                (PersistentBindings.DEVICE_BINDINGS + ownership.spus() - 1) / ownership.spus())
            : null;
    this.sourceRules = NatRuleCounters.of(config.sourceRules().size());
    this.destinationRules = NatRuleCounters.of(config.destinationRules().size());
    this.staticRules = NatRuleCounters.of(config.staticRules().size());
    this.destinationPoolHits = new long[config.destinationPools().size()];
  }

  /** The SPU's clock: port blocks age and are logged on it (null in tests without one). */
  private org.flowgate.dataplane.flow.SpuClock clock;

  /**
   * Gives the state its SPU's clock and who hears port blocks allocated and released ({@code pool}
   * is the pool's index).
   */
  void attach(org.flowgate.dataplane.flow.SpuClock spuClock, BlockListener listener) {
    this.clock = spuClock;
    for (int i = 0; i < pools.length; i++) {
      PortBlocks blocks = pools[i].blocks();
      if (blocks != null && listener != null) {
        int pool = i;
        SourceNatPorts ports = pools[i];
        blocks.setEvents(
            (allocated, hostHi, hostLo, addressIndex, lowPort, used, nowNs) ->
                listener.block(
                    allocated,
                    pool,
                    hostHi,
                    hostLo,
                    ports.addressHi(addressIndex),
                    ports.addressLo(addressIndex),
                    lowPort,
                    used,
                    nowNs));
      }
    }
  }

  /** Hears a pool's port blocks allocated and released ({@code used}: the host's blocks after). */
  public interface BlockListener {
    void block(
        boolean allocated,
        int pool,
        long hostHi,
        long hostLo,
        long addressHi,
        long addressLo,
        int lowPort,
        int used,
        long nowNs);
  }

  private long nowNs() {
    return clock == null ? 0 : clock.nowNs();
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
    long allocation = pools[pool].allocate(insideHi, insideLo, insidePort, hasPorts, lane, nowNs());
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

  /**
   * Takes a port on a given pool address for an ALG (the address a control session left with):
   * {@code addressIndex << 16 | port}, or -1. With {@code pair}, an even port and the next one.
   * {@code lane}: the control session's ({@link SourceNatPorts#allocateOn}).
   */
  public long allocateOn(int pool, int addressIndex, int insidePort, boolean pair, int lane) {
    int port = pools[pool].allocateOn(addressIndex, insidePort, pair, lane);
    return port < 0 ? -1 : (long) addressIndex << 16 | port;
  }

  /** As {@link #allocateOn}, on an interface's own address for interface NAT: the port, or -1. */
  public int allocateInterfaceOn(
      int interfaceIndex,
      org.flowgate.dataplane.net.IpAddress address,
      int insidePort,
      boolean pair,
      int lane) {
    int at = interfaceIndex * 2 + (address.isIpv4() ? 0 : 1);
    if (at >= interfacePorts.length) {
      return -1;
    }
    return interfacePorts(at, address).allocateOn(0, insidePort, pair, lane);
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
      pools[pool].release(allocation, hasPorts, nowNs());
    }
  }

  /**
   * Marks the address and port a carried-over session of inside host {@code (hi, lo)} holds; in a
   * block pool its block becomes the host's again.
   */
  public void reserve(int pool, long allocation, boolean hasPorts, long insideHi, long insideLo) {
    if (allocation < 0) {
      return;
    }
    pools[pool].reserve(allocation, hasPorts);
    PortBlocks blocks = pools[pool].blocks();
    if (blocks != null && hasPorts) {
      int addressIndex = (int) (allocation >>> 16);
      int bit = (int) (allocation & 0xffff) - pools[pool].portLow();
      if (addressIndex < pools[pool].addressCount() && bit >= 0) {
        blocks.reserved(addressIndex, bit, insideHi, insideLo, nowNs());
      }
    }
  }

  /** The pool's blocks held on this SPU at {@code nowNs}; empty unless it allocates blocks. */
  public List<HeldBlock> heldBlocks(int pool, long nowNs) {
    PortBlocks blocks = pools[pool].blocks();
    List<HeldBlock> out = new ArrayList<>();
    if (blocks == null) {
      return out;
    }
    for (PortBlocks.Held h : blocks.held(nowNs)) {
      out.add(
          new HeldBlock(
              new org.flowgate.dataplane.net.IpAddress(h.hostHi(), h.hostLo()),
              new org.flowgate.dataplane.net.IpAddress(
                  pools[pool].addressHi(h.addressIndex()), pools[pool].addressLo(h.addressIndex())),
              h.lowPort(),
              h.lowPort() + blocks.blockSize() - 1,
              h.portsUsed(),
              h.active(),
              h.leftSeconds()));
    }
    return out;
  }

  /**
   * One port block as the view shows it.
   *
   * @param leftSeconds seconds the active block stays active, -1 without a timeout
   */
  public record HeldBlock(
      org.flowgate.dataplane.net.IpAddress host,
      org.flowgate.dataplane.net.IpAddress address,
      int lowPort,
      int highPort,
      int portsUsed,
      boolean active,
      long leftSeconds) {}

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
   * {@code clear security nat statistics source|destination|static rule all}: the rules'
   * translation hits, successes and failures back to zero; their live session counts stay.
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

  /**
   * {@code clear security nat statistics (source | destination | static) rule NAME}: the counters
   * of the rules of the rule set called {@code name} (Juniper's YANG: "the name of the NAT
   * rule-set"), or of the rule called so when no rule set is, back to zero; live session counts
   * stay.
   *
   * @param kind 0 source, 1 destination, 2 static
   */
  public void clearRuleCounters(int kind, String name) {
    NatConfig config = config();
    List<? extends org.flowgate.dataplane.nat.NatRule> rules =
        switch (kind) {
          case 0 -> config.sourceRules();
          case 1 -> config.destinationRules();
          default -> config.staticRules();
        };
    List<org.flowgate.dataplane.nat.NatRuleSet> sets =
        switch (kind) {
          case 0 -> config.sourceRuleSets();
          case 1 -> config.destinationRuleSets();
          default -> config.staticRuleSets();
        };
    NatRuleCounters counters =
        switch (kind) {
          case 0 -> sourceRules;
          case 1 -> destinationRules;
          default -> staticRules;
        };
    boolean bySet = false;
    for (org.flowgate.dataplane.nat.NatRuleSet set : sets) {
      bySet |= set.name().equals(name);
    }
    for (int i = 0; i < rules.size(); i++) {
      org.flowgate.dataplane.nat.NatRule rule = rules.get(i);
      if (bySet ? sets.get(rule.ruleSet()).name().equals(name) : rule.name().equals(name)) {
        counters.hits()[i] = 0;
        counters.successful()[i] = 0;
        counters.failed()[i] = 0;
      }
    }
  }

  /**
   * {@code clear security nat statistics (source | destination) pool NAME}: that pool's translation
   * hits (and a source pool's failures) back to zero; ports in use stay.
   */
  public void clearPool(boolean source, String name) {
    NatConfig config = config();
    if (source) {
      for (int i = 0; i < pools.length; i++) {
        if (config.sourcePools().get(i).name().equals(name)) {
          pools[i].hits = 0;
          pools[i].failed = 0;
        }
      }
    } else {
      for (int i = 0; i < destinationPoolHits.length; i++) {
        if (config.destinationPools().get(i).name().equals(name)) {
          destinationPoolHits[i] = 0;
        }
      }
    }
  }

  /**
   * {@code clear security nat statistics source pool all} and {@code destination pool all}: the
   * pools' translation hits (and a source pool's failures) back to zero; ports in use stay.
   */
  public void clearPools(boolean source, boolean destination) {
    if (source) {
      for (SourceNatPorts pool : pools) {
        pool.hits = 0;
        pool.failed = 0;
      }
    }
    if (destination) {
      java.util.Arrays.fill(destinationPoolHits, 0);
    }
  }

  // ------------------------------------------------------------------ persistent NAT

  /** The bindings themselves, for a commit that carries them over (null without persistent NAT). */
  PersistentNatTable persistentTable() {
    return persistent;
  }

  /** True when some rule of the generation keeps persistent NAT bindings. */
  public boolean persistentNat() {
    return persistent != null;
  }

  /**
   * The binding of an internal transport address that a new session may use, or -1: none, or it
   * serves its rule's maximum of sessions already. An expired binding found here goes first.
   */
  public int persistentBinding(long hi, long lo, int port, int protocol, long nowNs) {
    int b = persistent.findInternal(hi, lo, port, protocol);
    if (b < 0) {
      return -1;
    }
    if (persistent.expired(b, nowNs)) {
      dropBinding(b);
      return -1;
    }
    PersistentNat settings = lookup.config().sourceRules().get(persistent.rule(b)).persistentNat();
    return persistent.sessions(b) < settings.maximumSessions() ? b : -1;
  }

  public long reflexiveHi(int binding) {
    return persistent.reflexiveHi(binding);
  }

  public long reflexiveLo(int binding) {
    return persistent.reflexiveLo(binding);
  }

  public int reflexivePort(int binding) {
    return persistent.reflexivePort(binding);
  }

  public long internalHi(int binding) {
    return persistent.internalHi(binding);
  }

  public long internalLo(int binding) {
    return persistent.internalLo(binding);
  }

  public int internalPort(int binding) {
    return persistent.internalPort(binding);
  }

  /** The source rule that made a binding. */
  public int bindingRule(int binding) {
    return persistent.rule(binding);
  }

  /**
   * Keeps what source NAT just gave an internal transport address as a binding; -1 when the table
   * is full (the session is then translated without one).
   *
   * @param pool the pool it came from, -1 for the egress interface's address
   * @param kind the source kind of the translation ({@code NatBinding.SOURCE_*})
   */
  public int bind(
      long inHi,
      long inLo,
      int inPort,
      int protocol,
      long refHi,
      long refLo,
      int refPort,
      int rule,
      int pool,
      int egress,
      long allocation,
      boolean portHeld,
      int kind) {
    return persistent.add(
        inHi,
        inLo,
        inPort,
        protocol,
        refHi,
        refLo,
        refPort,
        rule,
        pool,
        egress,
        allocation,
        portHeld,
        kind);
  }

  /**
   * The source kind ({@code NatBinding.SOURCE_*}) a binding was made with, which every session that
   * joins it keeps; the pool it came from counts one more translation.
   */
  public int joined(int binding) {
    int pool = persistent.pool(binding);
    if (pool >= 0) {
      pools[pool].hits++;
    }
    return persistent.kind(binding);
  }

  /** A session starts to use a binding; it sends to {@code remote*}. */
  public void join(int binding, long remoteHi, long remoteLo, int remotePort) {
    persistent.join(binding, remoteHi, remoteLo, remotePort);
  }

  /**
   * A session whose translated (reflexive) transport address is given has ended: true when a
   * binding holds that address (it now has one session less and keeps the port), false when the
   * session had no binding and gives its port back itself.
   */
  public boolean leave(long refHi, long refLo, int refPort, int protocol, long nowNs) {
    if (persistent == null) {
      return false;
    }
    int b = persistent.findReflexive(refHi, refLo, refPort, protocol);
    if (b < 0) {
      return false;
    }
    PersistentNat settings = lookup.config().sourceRules().get(persistent.rule(b)).persistentNat();
    persistent.leave(b, nowNs, settings.inactivityTimeoutSeconds() * 1_000_000_000L);
    return true;
  }

  /**
   * A first packet from outside to a reflexive transport address: the binding whose permit lets
   * {@code remote*} in, or -1 (no binding, an expired one, or a remote host the internal one has
   * not sent to under {@code target-host}, or not to that port under {@code target-host-port}).
   */
  public int inbound(
      long refHi,
      long refLo,
      int refPort,
      int protocol,
      long remoteHi,
      long remoteLo,
      int remotePort,
      long nowNs) {
    int b = persistent.findReflexive(refHi, refLo, refPort, protocol);
    if (b < 0) {
      return -1;
    }
    if (persistent.expired(b, nowNs)) {
      dropBinding(b);
      return -1;
    }
    PersistentNat settings = lookup.config().sourceRules().get(persistent.rule(b)).persistentNat();
    if (persistent.sessions(b) >= settings.maximumSessions()) {
      return -1;
    }
    return switch (settings.type()) {
      case ANY_REMOTE_HOST -> b;
      case TARGET_HOST -> persistent.sentTo(b, remoteHi, remoteLo, remotePort, false) ? b : -1;
      case TARGET_HOST_PORT -> persistent.sentTo(b, remoteHi, remoteLo, remotePort, true) ? b : -1;
    };
  }

  /** Gives back a few expired bindings' ports: called per first packet that uses persistent NAT. */
  public void sweep(long nowNs) {
    if (persistent == null) {
      return;
    }
    for (int n = 0; n < SWEEP_BUDGET; n++) {
      int b = persistent.nextExpired(nowNs, 1);
      if (b >= 0) {
        dropBinding(b);
      }
    }
  }

  /** Removes a binding and gives its address and port back to where they came from. */
  private void dropBinding(int b) {
    long allocation = persistent.allocation(b);
    boolean held = persistent.portHeld(b);
    if (persistent.pool(b) >= 0) {
      release(persistent.pool(b), allocation, held);
    } else {
      releaseInterface(
          persistent.egress(b),
          !org.flowgate.dataplane.net.IpAddress.isIpv4(
              persistent.reflexiveHi(b), persistent.reflexiveLo(b)),
          persistent.reflexivePort(b),
          held);
    }
    persistent.remove(b);
  }

  /**
   * {@code clear security nat source persistent-nat-table}: removes the bindings no session uses
   * (Junos clears query bindings); answers how many went.
   */
  public int clearPersistent(long nowNs) {
    if (persistent == null) {
      return 0;
    }
    int cleared = 0;
    for (int b = 0; b < persistent.capacity(); b++) {
      if (persistent.used(b) && persistent.sessions(b) == 0) {
        dropBinding(b);
        cleared++;
      }
    }
    return cleared;
  }

  /** A copy of the SPU's persistent NAT table, expired bindings gone first. */
  public PersistentBindings persistentBindings(int spu, long nowNs) {
    if (persistent == null) {
      return new PersistentBindings(spu, 0, 0, 0, 0, List.of());
    }
    for (int b = 0; b < persistent.capacity(); b++) {
      if (persistent.expired(b, nowNs)) {
        dropBinding(b);
      }
    }
    return new PersistentBindings(
        spu,
        persistent.capacity(),
        persistent.inUse(),
        persistent.capacity() * PersistentNatTable.ENODES,
        persistent.enodesInUse(),
        persistent.snapshot(spu, nowNs));
  }

  /** A copy of the counters, for management. */
  public NatStatistics statistics() {
    List<NatStatistics.SourcePoolUsage> usage = new ArrayList<>();
    for (SourceNatPorts pool : pools) {
      usage.add(
          new NatStatistics.SourcePoolUsage(
              pool.hits, pool.failed, pool.portsInUse(), pool.twinPortsInUse()));
    }
    long[] interfaces = new long[interfacePorts.length / 2];
    long[] interfaceTwins = new long[interfaces.length];
    for (int i = 0; i < interfaces.length; i++) {
      SourceNatPorts v4 = interfacePorts[2 * i];
      interfaces[i] = v4 == null ? 0 : v4.portsInUse()[0];
      interfaceTwins[i] = v4 == null ? 0 : v4.twinPortsInUse()[0];
    }
    return new NatStatistics(
        sourceRules.copy(),
        destinationRules.copy(),
        staticRules.copy(),
        List.copyOf(usage),
        destinationPoolHits.clone(),
        interfaces,
        interfaceTwins);
  }
}
