package org.flowgate.dataplane.dispatch;

import java.util.ArrayList;
import java.util.List;
import org.flowgate.dataplane.nat.DestinationNatPool;
import org.flowgate.dataplane.nat.DestinationNatRule;
import org.flowgate.dataplane.nat.NatAddressRange;
import org.flowgate.dataplane.nat.NatConfig;
import org.flowgate.dataplane.nat.NatContext;
import org.flowgate.dataplane.nat.PortRange;
import org.flowgate.dataplane.nat.SourceNatPool;
import org.flowgate.dataplane.nat.SourceNatRule;
import org.flowgate.dataplane.nat.StaticNatRule;
import org.flowgate.dataplane.net.AddressMatch;
import org.flowgate.dataplane.net.IpPrefix;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.zone.FirewallInterface;

/**
 * The addresses the dispatcher must treat apart once NAT is configured, so that a translated
 * session's two directions reach the same SPU.
 *
 * <pre>
 * D: destination and static NAT endpoints (rule destinations with their ports, pool addresses
 *    with their port, static-nat prefixes on both sides)
 * S: source-NAT addresses (pool addresses, and the firewall's interface addresses for interface NAT)
 * P: the internal hosts of persistent-NAT rules (each such rule's source prefixes, or, when it
 *    matches any source, the subnets of the interfaces its rule set comes from)
 * B: the internal hosts of rules whose pool allocates port blocks (found as P's are)
 * an endpoint of S in a block pool's blocks counts as its block's first port: every port of a
 *    block has the block's lane (ADR 0038)
 *
 * packet src ─► dst                       SPU
 * dst in D, src not in D                  owner(src, src port)
 * src in D, dst not in D                  owner(dst, dst port)
 * dst in S and src in S                   owner(the lower endpoint)
 * dst in S                                owner(dst, dst port)
 * src in S                                owner(src, src port)
 * src in B, dst not in B                  owner(src, port 0)      (the host's address alone)
 * dst in B, src not in B                  owner(dst, port 0)
 * src in P, dst not in P                  owner(src, src port)
 * dst in P, src not in P                  owner(dst, dst port)
 * otherwise                               symmetric flow hash
 * </pre>
 *
 * A destination- or static-translated session is placed by its client endpoint, which both
 * directions carry untranslated; a source-translated reply is addressed to the pair the owning SPU
 * allocated, and a reply from a destination-NAT server to such a pair lands on the same owner. D is
 * tested first and with ports, so port forwarding and interface NAT can share an address. P puts
 * every session of one internal transport address on one SPU, whatever its peer, so that the
 * persistent binding that SPU holds for it serves them all, and the reflexive pair it allocated
 * (owned by that SPU) brings outside hosts in to the same binding.
 *
 * <p>Thread: immutable; read by the dispatcher thread.
 */
public final class NatDispatch {
  public static final NatDispatch NONE =
      new NatDispatch(List.of(), new int[0][], List.of(), List.of(), List.of());

  /** Tells the dispatcher to use the symmetric flow hash. */
  public static final int SYMMETRIC = -1;

  private final NatAddressRange[] sourceSide;
  private final NatAddressRange[] destinationSide;
  private final PortRange[] destinationPorts; // null: any port
  private final NatAddressRange[] persistentHosts;

  /** B: hosts whose sessions take ports from blocks, placed by their address alone. */
  private final NatAddressRange[] blockHosts;

  /** Per range of {@link #sourceSide}: first block port, block size, end (exclusive); or null. */
  private final int[][] sourceBlocks;

  /** An address range, with the ports that make an endpoint of it a NAT endpoint (null: any). */
  private record Endpoints(NatAddressRange addresses, PortRange ports) {}

  private NatDispatch(
      List<NatAddressRange> sourceSide,
      int[][] sourceBlocks,
      List<Endpoints> destinationSide,
      List<NatAddressRange> persistentHosts,
      List<NatAddressRange> blockHosts) {
    this.sourceSide = sourceSide.toArray(NatAddressRange[]::new);
    this.sourceBlocks = sourceBlocks;
    this.persistentHosts = persistentHosts.toArray(NatAddressRange[]::new);
    this.blockHosts = blockHosts.toArray(NatAddressRange[]::new);
    this.destinationSide =
        destinationSide.stream().map(Endpoints::addresses).toArray(NatAddressRange[]::new);
    this.destinationPorts =
        destinationSide.stream().map(Endpoints::ports).toArray(PortRange[]::new);
  }

  public static NatDispatch of(RuntimeConfig config) {
    NatConfig nat = config.nat();
    if (nat.isEmpty()) {
      return NONE;
    }
    List<NatAddressRange> s = new ArrayList<>();
    List<int[]> blocks = new ArrayList<>();
    for (SourceNatPool pool : nat.sourcePools()) {
      for (NatAddressRange range : pool.addresses()) {
        s.add(range);
        if (pool.allocatesBlocks()) {
          int size = pool.blockAllocation().blockSize();
          int low = pool.ports().low();
          blocks.add(
              new int[] {low, size, low + pool.blockAllocation().blocksIn(pool.ports()) * size});
        } else {
          blocks.add(null);
        }
      }
    }
    for (FirewallInterface candidate : config.interfaces()) {
      for (IpPrefix address : candidate.addresses()) {
        s.add(new NatAddressRange(address.address(), address.address()));
        blocks.add(null);
      }
    }
    List<Endpoints> d = new ArrayList<>();
    for (DestinationNatPool pool : nat.destinationPools()) {
      d.add(new Endpoints(pool.addresses(), pool.port() == 0 ? null : PortRange.of(pool.port())));
    }
    for (DestinationNatRule rule : nat.destinationRules()) {
      if (!rule.destination().negate()) {
        for (IpPrefix prefix : rule.destination().prefixes()) {
          if (rule.destinationPorts().isEmpty()) {
            d.add(new Endpoints(NatAddressRange.of(prefix), null));
          }
          for (PortRange ports : rule.destinationPorts()) {
            d.add(new Endpoints(NatAddressRange.of(prefix), ports));
          }
        }
      }
    }
    for (StaticNatRule rule : nat.staticRules()) {
      d.add(new Endpoints(NatAddressRange.of(rule.destination()), rule.destinationPort()));
      d.add(new Endpoints(NatAddressRange.of(rule.translated()), rule.mappedPort()));
    }
    return new NatDispatch(
        s, blocks.toArray(int[][]::new), d, hostsOf(config, false), hostsOf(config, true));
  }

  /**
   * P ({@code blocks} false): the hosts whose sessions a persistent-NAT rule may bind; B ({@code
   * blocks} true): the hosts of rules whose pool allocates port blocks.
   */
  private static List<NatAddressRange> hostsOf(RuntimeConfig config, boolean blocks) {
    NatConfig nat = config.nat();
    List<NatAddressRange> p = new ArrayList<>();
    for (SourceNatRule rule : nat.sourceRules()) {
      boolean wanted =
          blocks
              ? rule.action() == SourceNatRule.Action.POOL
                  && rule.pool() >= 0
                  && nat.sourcePools().get(rule.pool()).allocatesBlocks()
              : rule.persistentNat() != null && rule.action() != SourceNatRule.Action.OFF;
      if (!wanted) {
        continue;
      }
      AddressMatch source = rule.source();
      if (!source.negate() && !source.prefixes().isEmpty() && !anyPrefix(source.prefixes())) {
        source.prefixes().forEach(prefix -> p.add(NatAddressRange.of(prefix)));
        continue;
      }
      NatContext from = nat.sourceRuleSets().get(rule.ruleSet()).from();
      for (FirewallInterface candidate : config.interfaces()) {
        if (from.matches(candidate.index(), candidate.zone(), candidate.routingInstance())) {
          candidate.addresses().forEach(subnet -> p.add(NatAddressRange.of(subnet)));
        }
      }
    }
    return p;
  }

  private static boolean anyPrefix(List<IpPrefix> prefixes) {
    return prefixes.stream().anyMatch(prefix -> prefix.length() == 0);
  }

  public boolean isEmpty() {
    return sourceSide.length == 0
        && destinationSide.length == 0
        && persistentHosts.length == 0
        && blockHosts.length == 0;
  }

  /** The hash that places the packet, or {@link #SYMMETRIC}. */
  public long placement(long srcHi, long srcLo, long dstHi, long dstLo, int srcPort, int dstPort) {
    boolean dstD = destinationSide(dstHi, dstLo, dstPort);
    boolean srcD = destinationSide(srcHi, srcLo, srcPort);
    if (dstD && !srcD) {
      return hash(srcHi, srcLo, srcPort);
    }
    if (srcD && !dstD) {
      return hash(dstHi, dstLo, dstPort);
    }
    int dstS = indexIn(sourceSide, dstHi, dstLo);
    int srcS = indexIn(sourceSide, srcHi, srcLo);
    if (dstS >= 0 && srcS >= 0) {
      boolean srcLower =
          srcHi != dstHi
              ? Long.compareUnsigned(srcHi, dstHi) < 0
              : srcLo != dstLo ? Long.compareUnsigned(srcLo, dstLo) < 0 : srcPort <= dstPort;
      return srcLower
          ? hash(srcHi, srcLo, blockPort(srcS, srcPort))
          : hash(dstHi, dstLo, blockPort(dstS, dstPort));
    }
    if (dstS >= 0) {
      return hash(dstHi, dstLo, blockPort(dstS, dstPort));
    }
    if (srcS >= 0) {
      return hash(srcHi, srcLo, blockPort(srcS, srcPort));
    }
    if (blockHosts.length != 0) {
      boolean srcB = contains(blockHosts, srcHi, srcLo);
      boolean dstB = contains(blockHosts, dstHi, dstLo);
      if (srcB && !dstB) {
        return hash(srcHi, srcLo, 0);
      }
      if (dstB && !srcB) {
        return hash(dstHi, dstLo, 0);
      }
    }
    if (persistentHosts.length != 0) {
      boolean srcP = contains(persistentHosts, srcHi, srcLo);
      boolean dstP = contains(persistentHosts, dstHi, dstLo);
      if (srcP && !dstP) {
        return hash(srcHi, srcLo, srcPort);
      }
      if (dstP && !srcP) {
        return hash(dstHi, dstLo, dstPort);
      }
    }
    return SYMMETRIC;
  }

  /**
   * The lane of a packet as the dispatcher places it: by the NAT endpoint that decides (a
   * persistent rule's internal host included, so its sessions take their ports on that host's
   * lane), else by the symmetric flow hash.
   */
  public int lane(
      long srcHi, long srcLo, long dstHi, long dstLo, int srcPort, int dstPort, int protocol) {
    if (!isEmpty()) {
      long placement = placement(srcHi, srcLo, dstHi, dstLo, srcPort, dstPort);
      if (placement != SYMMETRIC) {
        return NatOwnership.laneOf((int) placement);
      }
    }
    return NatOwnership.laneOf(
        Dispatcher.flowHash(srcHi, srcLo, dstHi, dstLo, srcPort, dstPort, protocol));
  }

  private boolean destinationSide(long hi, long lo, int port) {
    for (int i = 0; i < destinationSide.length; i++) {
      if (destinationSide[i].contains(hi, lo)
          && (destinationPorts[i] == null || destinationPorts[i].contains(port))) {
        return true;
      }
    }
    return false;
  }

  /** The port that places an endpoint of S: the first port of its block in a block pool. */
  private int blockPort(int range, int port) {
    int[] blocks = sourceBlocks[range];
    if (blocks == null || port < blocks[0] || port >= blocks[2]) {
      return port;
    }
    return blocks[0] + (port - blocks[0]) / blocks[1] * blocks[1];
  }

  private static int indexIn(NatAddressRange[] ranges, long hi, long lo) {
    for (int i = 0; i < ranges.length; i++) {
      if (ranges[i].contains(hi, lo)) {
        return i;
      }
    }
    return -1;
  }

  private static long hash(long hi, long lo, int port) {
    return NatOwnership.endpointHash(hi, lo, port) & 0xffff_ffffL;
  }

  private static boolean contains(NatAddressRange[] ranges, long hi, long lo) {
    for (NatAddressRange range : ranges) {
      if (range.contains(hi, lo)) {
        return true;
      }
    }
    return false;
  }
}
