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
 *
 * packet src ─► dst                       SPU
 * dst in D, src not in D                  owner(src, src port)
 * src in D, dst not in D                  owner(dst, dst port)
 * dst in S and src in S                   owner(the lower endpoint)
 * dst in S                                owner(dst, dst port)
 * src in S                                owner(src, src port)
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
  public static final NatDispatch NONE = new NatDispatch(List.of(), List.of(), List.of());

  /** Tells the dispatcher to use the symmetric flow hash. */
  public static final int SYMMETRIC = -1;

  private final NatAddressRange[] sourceSide;
  private final NatAddressRange[] destinationSide;
  private final PortRange[] destinationPorts; // null: any port
  private final NatAddressRange[] persistentHosts;

  /** An address range, with the ports that make an endpoint of it a NAT endpoint (null: any). */
  private record Endpoints(NatAddressRange addresses, PortRange ports) {}

  private NatDispatch(
      List<NatAddressRange> sourceSide,
      List<Endpoints> destinationSide,
      List<NatAddressRange> persistentHosts) {
    this.sourceSide = sourceSide.toArray(NatAddressRange[]::new);
    this.persistentHosts = persistentHosts.toArray(NatAddressRange[]::new);
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
    for (SourceNatPool pool : nat.sourcePools()) {
      s.addAll(pool.addresses());
    }
    for (FirewallInterface candidate : config.interfaces()) {
      for (IpPrefix address : candidate.addresses()) {
        s.add(new NatAddressRange(address.address(), address.address()));
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
    return new NatDispatch(s, d, persistentHosts(config));
  }

  /** P: the hosts whose sessions a persistent-NAT rule may bind. */
  private static List<NatAddressRange> persistentHosts(RuntimeConfig config) {
    NatConfig nat = config.nat();
    List<NatAddressRange> p = new ArrayList<>();
    for (SourceNatRule rule : nat.sourceRules()) {
      if (rule.persistentNat() == null || rule.action() == SourceNatRule.Action.OFF) {
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
    return sourceSide.length == 0 && destinationSide.length == 0 && persistentHosts.length == 0;
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
    boolean dstS = contains(sourceSide, dstHi, dstLo);
    boolean srcS = contains(sourceSide, srcHi, srcLo);
    if (dstS && srcS) {
      boolean srcLower =
          srcHi != dstHi
              ? Long.compareUnsigned(srcHi, dstHi) < 0
              : srcLo != dstLo ? Long.compareUnsigned(srcLo, dstLo) < 0 : srcPort <= dstPort;
      return srcLower ? hash(srcHi, srcLo, srcPort) : hash(dstHi, dstLo, dstPort);
    }
    if (dstS) {
      return hash(dstHi, dstLo, dstPort);
    }
    if (srcS) {
      return hash(srcHi, srcLo, srcPort);
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
