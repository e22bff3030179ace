package org.flowgate.dataplane.flow.nat;

import static org.flowgate.dataplane.session.SessionTable.REVERSE;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.dispatch.NatDispatch;
import org.flowgate.dataplane.dispatch.NatOwnership;
import org.flowgate.dataplane.flow.FirstPacket;
import org.flowgate.dataplane.flow.FlowCounters;
import org.flowgate.dataplane.flow.SessionLifecycle;
import org.flowgate.dataplane.flow.SpuClock;
import org.flowgate.dataplane.nat.DestinationNatPool;
import org.flowgate.dataplane.nat.DestinationNatRule;
import org.flowgate.dataplane.nat.NatAddresses;
import org.flowgate.dataplane.nat.NatBinding;
import org.flowgate.dataplane.nat.NatConfig;
import org.flowgate.dataplane.nat.NatRuleCounters;
import org.flowgate.dataplane.nat.NatRuleNames;
import org.flowgate.dataplane.nat.SourceNatPool;
import org.flowgate.dataplane.nat.SourceNatRule;
import org.flowgate.dataplane.nat.StaticNatRule;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.dataplane.net.IpPrefix;
import org.flowgate.dataplane.packet.Crc32cScratch;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.packet.PacketRewriter;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.session.SessionTable;

/**
 * The NAT of one SPU's flow (docs/adr/0012-nat.md): on a first packet, static or destination NAT
 * before the route lookup and reverse static or source NAT after the policy, building the
 * translated tuple the Out wing is made from; on later packets, the rewrite of a translated
 * session's packets and of ICMP errors about them; when a session ends, its pool port going back.
 *
 * <pre>
 * first packet:  destination(first) ─► route, zones, policy (on the translated destination)
 *                ─► source(first) ─► install (Out wing = reverse of first's tuple)
 *                ─► started(first): counted, the packet rewritten
 * fast path:     translateOnWing(slot, wing, packet)       ICMP error: translateIcmpError
 * end:           sessionEnding(slot): pool port back      commit: carry(previous, binding, slot)
 * </pre>
 *
 * The first path's stages call it with the {@link FirstPacket} whose tuple it translates; it keeps
 * no state about a packet between calls.
 *
 * <p>Thread: owned by its SPU's thread.
 */
public final class NatTranslator implements SessionLifecycle.Ending {
  private static final int FRAME_BYTES = 262_144 + 64;

  private final SessionTable table;
  private final FlowCounters counters;

  /** Translated frames are copied here and rewritten; the capture stays as it was. */
  private final MemorySegment frame = MemorySegment.ofArray(new byte[FRAME_BYTES]);

  /** SCTP checksums of rewritten frames, computed through one view of {@link #frame}. */
  private final Crc32cScratch crc = new Crc32cScratch(frame);

  private RuntimeConfig config;
  private NatState nat;

  /** How the dispatcher places packets under this generation: gives a first packet its lane. */
  private NatDispatch placement = NatDispatch.NONE;

  /** The SPU's clock: persistent NAT bindings time out on it. */
  private final SpuClock clock;

  /** Who hears port blocks allocated and released (the session log); null for nobody. */
  private NatState.BlockListener blockListener;

  /** Who hears port blocks allocated and released, from the next {@link #install} on. */
  public void setBlockListener(NatState.BlockListener listener) {
    this.blockListener = listener;
    if (nat != null) {
      nat.attach(clock, listener);
    }
  }

  public NatTranslator(SessionTable table, FlowCounters counters, SpuClock clock) {
    this.table = table;
    this.counters = counters;
    this.clock = clock;
  }

  /**
   * Takes a new generation and the SPU's fresh NAT state for it. Persistent NAT bindings no session
   * uses, waiting out their inactivity timeout, stay (as Junos keeps them) where the commit keeps
   * their rule (by rule-set and rule name, still with persistent-nat) and their pool (by name,
   * still holding the address) or egress interface; the bindings sessions use come over with their
   * sessions ({@link #carry}).
   */
  public void install(RuntimeConfig newConfig, NatOwnership ownership) {
    RuntimeConfig previousConfig = this.config;
    NatState previous = this.nat;
    this.config = newConfig;
    this.nat = new NatState(newConfig.nat(), ownership, newConfig.interfaces().size());
    this.nat.attach(clock, blockListener);
    this.placement = NatDispatch.of(newConfig);
    if (previous != null
        && previousConfig != null
        && previous.persistentNat()
        && nat.persistentNat()) {
      carryIdleBindings(previousConfig, previous.persistentTable());
    }
  }

  /** The idle bindings of {@code old} that the new generation keeps; see {@link #install}. */
  private void carryIdleBindings(RuntimeConfig before, PersistentNatTable old) {
    NatConfig was = before.nat();
    NatConfig now = config.nat();
    PersistentNatTable table = nat.persistentTable();
    long nowNs = clock.nowNs();
    for (int b = 0; b < old.capacity(); b++) {
      if (!old.idle(b, nowNs)) {
        continue;
      }
      int rule =
          NatRuleNames.find(
              now.sourceRules(),
              now.sourceRuleSets(),
              was.sourceRules().get(old.rule(b)),
              was.sourceRuleSets());
      if (rule < 0 || now.sourceRules().get(rule).persistentNat() == null) {
        continue; // its rule is gone, or keeps no bindings any more
      }
      long refHi = old.reflexiveHi(b);
      long refLo = old.reflexiveLo(b);
      int refPort = old.reflexivePort(b);
      boolean ports = old.portHeld(b);
      int pool = -1;
      long allocation = refPort;
      int egress = -1;
      if (old.pool(b) >= 0) {
        pool = poolNamed(now, was.sourcePools().get(old.pool(b)).name());
        if (pool < 0 || !now.sourcePools().get(pool).contains(refHi, refLo)) {
          continue; // its pool is gone or no longer holds the address
        }
        allocation = nat.allocationOf(pool, refHi, refLo, ports ? refPort : 0);
        if (allocation < 0) {
          continue;
        }
      } else {
        egress = interfaceNamed(before.interfaceAt(old.egress(b)).name());
        if (egress < 0) {
          continue; // its interface is gone
        }
      }
      if (table.carryIdle(old, b, rule, pool, egress, allocation) < 0) {
        continue; // the table is full
      }
      if (pool >= 0) {
        nat.reserve(pool, allocation, ports);
      } else {
        nat.reserveInterface(egress, new IpAddress(refHi, refLo), ports ? refPort : 0, ports);
      }
    }
  }

  private static int poolNamed(NatConfig nat, String name) {
    for (int i = 0; i < nat.sourcePools().size(); i++) {
      if (nat.sourcePools().get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private int interfaceNamed(String name) {
    for (org.flowgate.dataplane.zone.FirewallInterface each : config.interfaces()) {
      if (each.name().equals(name)) {
        return each.index();
      }
    }
    return -1;
  }

  /** The lane the dispatcher put the first packet on: its source-NAT port is taken on it. */
  private int laneOf(PacketDescriptor packet) {
    return placement.lane(
        packet.sourceHi,
        packet.sourceLo,
        packet.destinationHi,
        packet.destinationLo,
        packet.sourcePort,
        packet.destinationPort,
        packet.protocol);
  }

  public NatState state() {
    return nat;
  }

  /** True when the packet might be a translated session's reply as it leaves (see NatLookup). */
  public boolean mayBeForwardedReply(PacketDescriptor packet) {
    return nat.lookup()
        .mayBeForwardedReply(
            packet.sourceHi,
            packet.sourceLo,
            packet.destinationHi,
            packet.destinationLo,
            packet.protocol,
            packet.sourcePort);
  }

  /** True when the generation has any NAT rule. */
  public boolean active() {
    return !nat.isEmpty();
  }

  /**
   * Static NAT, else destination NAT, for a first packet as received: translates the destination of
   * {@code first}'s tuple (left as received when no rule applies) and sets its binding's
   * destination side.
   */
  public void destination(FirstPacket first) {
    if (nat.isEmpty()) {
      return;
    }
    PacketDescriptor packet = first.packet;
    int rule =
        nat.lookup()
            .staticInbound(
                first.ingress,
                first.fromZone,
                first.routingInstance,
                packet.sourceHi,
                packet.sourceLo,
                packet.destinationHi,
                packet.destinationLo,
                packet.protocol,
                packet.destinationPort);
    if (rule >= 0) {
      translateStaticInbound(nat.config().staticRules().get(rule), first);
      nat.staticRules().hits()[rule]++;
      first.natBinding =
          NatBinding.of(NatBinding.SOURCE_NONE, -1, NatBinding.DESTINATION_STATIC, rule, false);
      return;
    }
    rule =
        nat.lookup()
            .destination(
                first.ingress,
                first.fromZone,
                first.routingInstance,
                packet.sourceHi,
                packet.sourceLo,
                packet.destinationHi,
                packet.destinationLo,
                packet.protocol,
                packet.destinationPort);
    if (rule < 0) {
      if (nat.persistentNat()) {
        inboundPersistent(first);
      }
      return;
    }
    nat.destinationRules().hits()[rule]++;
    DestinationNatRule matched = nat.config().destinationRules().get(rule);
    if (matched.action() != DestinationNatRule.Action.POOL) {
      return; // destination-nat off: counted, not translated
    }
    translateDestinationPool(matched.pool(), first);
    first.natBinding =
        NatBinding.of(NatBinding.SOURCE_NONE, -1, NatBinding.DESTINATION_POOL, rule, false);
  }

  /**
   * Reverse static NAT, else source NAT, after the policy permitted the packet: translates the
   * source of {@code first}'s tuple and completes its binding. Returns false (counted on the rules)
   * when the rule's pool and its overflow had nothing left.
   */
  public boolean source(FirstPacket first) {
    if (nat.isEmpty() || first.natBinding == NatBinding.ALG_GATE) {
      return true; // an ALG gate's child keeps the translation its gate gave it
    }
    int destinationBinding = first.natBinding;
    int binding =
        translateSourceSide(
            first,
            NatBinding.destinationKind(destinationBinding),
            NatBinding.destinationRule(destinationBinding));
    if (binding == NatBinding.FAILED) {
      failed(destinationBinding);
      return false;
    }
    first.natBinding = binding;
    return true;
  }

  /** A session the first path translated did not start (its pool or the session table was full). */
  private void failed(int binding) {
    int destinationRule = NatBinding.destinationRule(binding);
    if (NatBinding.destinationKind(binding) == NatBinding.DESTINATION_STATIC) {
      nat.staticRules().failed()[destinationRule]++;
    } else if (NatBinding.destinationKind(binding) == NatBinding.DESTINATION_POOL) {
      nat.destinationRules().failed()[destinationRule]++;
    }
  }

  /** Gives back what {@link #source} took for a session that could not be installed. */
  public void abandon(FirstPacket first) {
    release(
        first.natBinding,
        first.egress,
        first.packet.ipVersion == 6,
        first.sourceHi,
        first.sourceLo,
        first.sourcePort,
        first.packet.protocol);
    failed(first.natBinding);
  }

  /** A translated session was installed: counts it and rewrites its first packet. */
  public void started(FirstPacket first) {
    if (NatBinding.destinationKind(first.natBinding) == NatBinding.DESTINATION_PERSISTENT) {
      // an outside host opened a session through a binding: it joins it (the remote endpoint is
      // already one the binding permits, so nothing new is kept)
      int b =
          nat.inbound(
              first.packet.destinationHi,
              first.packet.destinationLo,
              first.packet.destinationPort,
              first.packet.protocol,
              first.sourceHi,
              first.sourceLo,
              first.sourcePort,
              clock.nowNs());
      if (b >= 0) {
        nat.join(b, first.sourceHi, first.sourceLo, first.sourcePort);
      }
    }
    count(first.natBinding, 1);
    rewrite(
        first.packet,
        first.sourceHi,
        first.sourceLo,
        first.destinationHi,
        first.destinationLo,
        first.sourcePort,
        first.destinationPort,
        first.transportHeader);
  }

  /**
   * A session is ending: if translated, its pool port goes back and its rules count one session
   * less.
   */
  @Override
  public void sessionEnding(int slot) {
    int binding = table.nat(slot);
    if (binding == 0) {
      return;
    }
    if (NatBinding.destinationKind(binding) == NatBinding.DESTINATION_PERSISTENT) {
      // an inbound session of a binding: the binding's reflexive address is what it arrived for
      nat.leave(
          table.destinationHi(slot, SessionTable.FORWARD),
          table.destinationLo(slot, SessionTable.FORWARD),
          table.destinationPort(slot, SessionTable.FORWARD),
          table.protocol(slot),
          clock.nowNs());
    }
    release(
        binding,
        table.interfaceIndex(slot, REVERSE),
        table.isIpv6(slot),
        table.destinationHi(slot, REVERSE),
        table.destinationLo(slot, REVERSE),
        table.destinationPort(slot, REVERSE),
        table.protocol(slot));
    count(binding, -1);
  }

  /**
   * A first packet to the reflexive transport address of a persistent NAT binding whose permit lets
   * its sender in: its destination becomes the binding's internal address and port, as destination
   * NAT would (route and policy see the internal host). The session joins the binding when it is
   * installed.
   */
  private void inboundPersistent(FirstPacket first) {
    PacketDescriptor packet = first.packet;
    int b =
        nat.inbound(
            packet.destinationHi,
            packet.destinationLo,
            packet.destinationPort,
            packet.protocol,
            packet.sourceHi,
            packet.sourceLo,
            packet.sourcePort,
            clock.nowNs());
    if (b < 0) {
      return;
    }
    first.destinationHi = nat.internalHi(b);
    first.destinationLo = nat.internalLo(b);
    if (NatConfig.hasPorts(packet.protocol)) {
      first.destinationPort = nat.internalPort(b);
    }
    first.natBinding =
        NatBinding.of(
            NatBinding.SOURCE_NONE,
            -1,
            NatBinding.DESTINATION_PERSISTENT,
            nat.bindingRule(b),
            false);
  }

  /** Static NAT inbound: the destination moves into the static-nat prefix, host bits kept. */
  private static void translateStaticInbound(StaticNatRule rule, FirstPacket first) {
    PacketDescriptor packet = first.packet;
    first.destinationHi =
        NatAddresses.mapHi(rule.destination(), rule.translated(), packet.destinationHi);
    first.destinationLo =
        NatAddresses.mapLo(rule.destination(), rule.translated(), packet.destinationLo);
    if (rule.mappedPort() != null && rule.destinationPort() != null) {
      first.destinationPort =
          rule.mappedPort().low() + (packet.destinationPort - rule.destinationPort().low());
    }
  }

  /**
   * Reverse static NAT: a source inside the static-nat prefix leaves as the matching outside
   * address.
   */
  private static void translateStaticOutbound(StaticNatRule rule, FirstPacket first) {
    PacketDescriptor packet = first.packet;
    first.sourceHi = NatAddresses.mapHi(rule.translated(), rule.destination(), packet.sourceHi);
    first.sourceLo = NatAddresses.mapLo(rule.translated(), rule.destination(), packet.sourceLo);
    if (rule.mappedPort() != null && rule.destinationPort() != null) {
      first.sourcePort =
          rule.destinationPort().low() + (packet.sourcePort - rule.mappedPort().low());
    }
  }

  /**
   * Destination NAT to a pool: an address of its range chosen by the client, and its port if it has
   * one.
   */
  private void translateDestinationPool(int poolIndex, FirstPacket first) {
    PacketDescriptor packet = first.packet;
    DestinationNatPool pool = nat.config().destinationPools().get(poolIndex);
    long offset =
        Long.remainderUnsigned(
            NatOwnership.endpointHash(packet.sourceHi, packet.sourceLo, 0) & 0xffff_ffffL,
            pool.addresses().size());
    first.destinationHi = pool.addresses().low().hi();
    first.destinationLo = pool.addresses().low().lo() + offset;
    if (pool.port() != 0 && NatConfig.hasPorts(packet.protocol)) {
      first.destinationPort = pool.port();
    }
    nat.countDestinationPool(poolIndex);
  }

  /**
   * Reverse static NAT, else source NAT by the rule that matches the (destination-translated)
   * packet between its zones. Returns the session's NAT binding, or {@link NatBinding#FAILED} when
   * the rule's pool (and its overflow) had nothing left.
   */
  private int translateSourceSide(FirstPacket first, int destinationKind, int destinationRule) {
    PacketDescriptor packet = first.packet;
    int egress = first.egress;
    int routingInstance = first.routingInstance;
    int rule =
        nat.lookup()
            .staticOutbound(
                egress,
                first.toZone,
                routingInstance,
                packet.sourceHi,
                packet.sourceLo,
                packet.protocol,
                packet.sourcePort);
    if (rule >= 0 && destinationKind != NatBinding.DESTINATION_STATIC) {
      translateStaticOutbound(nat.config().staticRules().get(rule), first);
      nat.staticRules().hits()[rule]++;
      return NatBinding.of(NatBinding.SOURCE_STATIC, rule, destinationKind, destinationRule, false);
    }
    rule =
        nat.lookup()
            .source(
                first.ingress,
                first.fromZone,
                routingInstance,
                egress,
                first.toZone,
                routingInstance,
                packet.sourceHi,
                packet.sourceLo,
                first.destinationHi,
                first.destinationLo,
                packet.protocol,
                first.destinationPort);
    if (rule < 0) {
      return NatBinding.of(NatBinding.SOURCE_NONE, -1, destinationKind, destinationRule, false);
    }
    nat.sourceRules().hits()[rule]++;
    SourceNatRule matched = nat.config().sourceRules().get(rule);
    boolean ports = NatConfig.hasPorts(packet.protocol) || packet.icmpEcho;
    boolean persistent =
        matched.persistentNat() != null && matched.action() != SourceNatRule.Action.OFF;
    if (persistent) {
      int bound = joinBinding(first, rule, ports);
      if (bound >= 0) {
        return NatBinding.of(bound, rule, destinationKind, destinationRule, ports);
      }
    }
    int kind =
        switch (matched.action()) {
          case OFF -> NatBinding.SOURCE_NONE;
          case INTERFACE -> takeInterface(first, ports) ? NatBinding.SOURCE_INTERFACE : -1;
          case POOL -> {
            if (takePool(matched.pool(), first, ports)) {
              yield NatBinding.SOURCE_POOL;
            }
            SourceNatPool pool = nat.config().sourcePools().get(matched.pool());
            if (pool.overflow() == SourceNatPool.Overflow.POOL
                && takePool(pool.overflowPool(), first, ports)) {
              yield NatBinding.SOURCE_OVERFLOW_POOL;
            }
            if (pool.overflow() == SourceNatPool.Overflow.INTERFACE
                && takeInterface(first, ports)) {
              yield NatBinding.SOURCE_OVERFLOW_INTERFACE;
            }
            yield -1;
          }
        };
    if (kind < 0) {
      nat.sourceRules().failed()[rule]++;
      return NatBinding.FAILED;
    }
    if (persistent) {
      keepBinding(first, rule, kind, ports);
    }
    return NatBinding.of(
        kind,
        kind == NatBinding.SOURCE_NONE ? -1 : rule,
        destinationKind,
        destinationRule,
        ports && kind != NatBinding.SOURCE_NONE);
  }

  /**
   * Persistent NAT: a first packet from an internal transport address that has a binding takes the
   * binding's reflexive address and port and joins it. Returns the source kind the binding was made
   * with, or -1 when there is no binding it may use.
   */
  private int joinBinding(FirstPacket first, int rule, boolean ports) {
    PacketDescriptor packet = first.packet;
    long now = clock.nowNs();
    nat.sweep(now);
    int b =
        nat.persistentBinding(
            packet.sourceHi, packet.sourceLo, packet.sourcePort, packet.protocol, now);
    if (b < 0) {
      return -1;
    }
    first.sourceHi = nat.reflexiveHi(b);
    first.sourceLo = nat.reflexiveLo(b);
    if (ports) {
      first.sourcePort = nat.reflexivePort(b);
    }
    nat.join(b, first.destinationHi, first.destinationLo, first.destinationPort);
    return nat.joined(b);
  }

  /**
   * Persistent NAT: what source NAT just gave a first packet becomes a binding of its internal
   * transport address, which the session joins (when the table is full the session goes without).
   */
  private void keepBinding(FirstPacket first, int rule, int kind, boolean ports) {
    PacketDescriptor packet = first.packet;
    int pool = -1;
    long allocation = first.sourcePort;
    if (NatBinding.sourcePool(NatBinding.of(kind, rule, 0, -1, ports))) {
      SourceNatRule matched = nat.config().sourceRules().get(rule);
      pool =
          kind == NatBinding.SOURCE_OVERFLOW_POOL
              ? nat.config().sourcePools().get(matched.pool()).overflowPool()
              : matched.pool();
      allocation =
          nat.allocationOf(pool, first.sourceHi, first.sourceLo, ports ? first.sourcePort : 0);
    }
    int b =
        nat.bind(
            packet.sourceHi,
            packet.sourceLo,
            packet.sourcePort,
            packet.protocol,
            first.sourceHi,
            first.sourceLo,
            first.sourcePort,
            rule,
            pool,
            first.egress,
            allocation,
            ports,
            kind);
    if (b >= 0) {
      nat.join(b, first.destinationHi, first.destinationLo, first.destinationPort);
    }
  }

  private boolean takePool(int poolIndex, FirstPacket first, boolean ports) {
    PacketDescriptor packet = first.packet;
    SourceNatPool pool = nat.config().sourcePools().get(poolIndex);
    if (pool.addresses().isEmpty()
        || pool.addresses().getFirst().isIpv4() != (packet.ipVersion == 4)) {
      return false; // a pool of the other family (NAT64 is not translated)
    }
    long allocation =
        nat.allocate(
            poolIndex, packet.sourceHi, packet.sourceLo, packet.sourcePort, ports, laneOf(packet));
    if (allocation < 0) {
      return false;
    }
    first.sourceHi = nat.poolAddressHi(poolIndex, allocation);
    first.sourceLo = nat.poolAddressLo(poolIndex, allocation);
    first.sourcePort = ports ? (int) (allocation & 0xffff) : packet.sourcePort;
    return true;
  }

  private boolean takeInterface(FirstPacket first, boolean ports) {
    PacketDescriptor packet = first.packet;
    int egress = first.egress;
    if (egress >= config.interfaces().size()) {
      return false;
    }
    for (IpPrefix own : config.interfaceAt(egress).addresses()) {
      if (own.isIpv4() == (packet.ipVersion == 4)) {
        int port =
            nat.allocateInterface(
                egress,
                own.address(),
                packet.sourceHi,
                packet.sourceLo,
                packet.sourcePort,
                ports,
                laneOf(packet));
        if (port < 0) {
          return false;
        }
        first.sourceHi = own.address().hi();
        first.sourceLo = own.address().lo();
        first.sourcePort = ports ? port : packet.sourcePort;
        return true;
      }
    }
    return false;
  }

  /** The source pool a binding took its address from. */
  private int poolOf(int binding) {
    int pool = nat.config().sourceRules().get(NatBinding.sourceRule(binding)).pool();
    return NatBinding.sourceKind(binding) == NatBinding.SOURCE_OVERFLOW_POOL
        ? nat.config().sourcePools().get(pool).overflowPool()
        : pool;
  }

  /**
   * Gives a session's pool address and port back; {@code hi, lo, port} is its translated source. A
   * session of a persistent NAT binding leaves it instead: the binding keeps the port.
   */
  private void release(
      int binding, int egress, boolean ipv6, long hi, long lo, int port, int protocol) {
    if (binding == NatBinding.FAILED || NatBinding.sourceRule(binding) < 0) {
      return;
    }
    if (NatBinding.sourceKind(binding) != NatBinding.SOURCE_STATIC
        && nat.leave(hi, lo, port, protocol, clock.nowNs())) {
      return;
    }
    if (NatBinding.sourcePool(binding)) {
      int pool = poolOf(binding);
      nat.release(
          pool,
          nat.allocationOf(pool, hi, lo, NatBinding.portHeld(binding) ? port : 0),
          NatBinding.portHeld(binding));
    } else if (NatBinding.sourceInterface(binding)) {
      nat.releaseInterface(
          egress, ipv6, NatBinding.portHeld(binding) ? port : 0, NatBinding.portHeld(binding));
    }
  }

  /** Counts a translated session starting ({@code +1}) or ending ({@code -1}) on its rules. */
  private void count(int binding, int change) {
    int source = NatBinding.sourceRule(binding);
    if (source >= 0) {
      NatRuleCounters counters =
          NatBinding.sourceKind(binding) == NatBinding.SOURCE_STATIC
              ? nat.staticRules()
              : nat.sourceRules();
      countOn(counters, source, change);
    }
    int destination = NatBinding.destinationRule(binding);
    if (destination >= 0
        && NatBinding.destinationKind(binding) != NatBinding.DESTINATION_PERSISTENT) {
      NatRuleCounters counters =
          NatBinding.destinationKind(binding) == NatBinding.DESTINATION_STATIC
              ? nat.staticRules()
              : nat.destinationRules();
      countOn(counters, destination, change);
    }
  }

  private static void countOn(NatRuleCounters counters, int rule, int change) {
    if (rule < counters.sessions().length) {
      if (change > 0) {
        counters.successful()[rule]++;
      }
      counters.sessions()[rule] += change;
    }
  }

  /**
   * Rewrites a translated packet into this SPU's frame buffer (the capture stays as it was) and
   * points the descriptor at the copy, so what follows sees the packet as forwarded.
   */
  private void rewrite(
      PacketDescriptor packet,
      long sourceHi,
      long sourceLo,
      long destinationHi,
      long destinationLo,
      int sourcePort,
      int destinationPort,
      boolean transportHeader) {
    if (moveToFrameBuffer(packet, transportHeader)) {
      PacketRewriter.rewrite(
          packet,
          sourceHi,
          sourceLo,
          destinationHi,
          destinationLo,
          sourcePort,
          destinationPort,
          crc);
      counters.packetsTranslated++;
    }
  }

  /** Copies the frame into this SPU's frame buffer and points the descriptor at the copy. */
  private boolean moveToFrameBuffer(PacketDescriptor packet, boolean transportHeader) {
    int length = packet.capturedLengthBytes;
    if (length > frame.byteSize()) {
      return false; // larger than any frame a link carries; forwarded untranslated
    }
    if (packet.arrivedSegment == null) {
      packet.arrivedSegment = packet.segment; // the packet as its sender sent it, for ICMP errors
      packet.arrivedFrameOffset = packet.frameOffset;
      packet.arrivedLengthBytes = length;
    }
    MemorySegment.copy(packet.segment, packet.frameOffset, frame, 0, length);
    long shift = packet.frameOffset;
    packet.segment = frame;
    packet.frameOffset = 0;
    packet.l3Offset -= shift;
    packet.l4Offset = transportHeader && packet.l4Offset > 0 ? packet.l4Offset - shift : 0;
    packet.payloadOffset = packet.payloadOffset > 0 ? packet.payloadOffset - shift : 0;
    packet.quotedL3Offset = packet.quotedL3Offset > 0 ? packet.quotedL3Offset - shift : 0;
    packet.quotedL4Offset = packet.quotedL4Offset > 0 ? packet.quotedL4Offset - shift : 0;
    return true;
  }

  /**
   * An ICMP error about a packet that left translated, travelling on {@code wing}: its destination
   * becomes the untranslated endpoint, its source too when the session's own peer sent it, and the
   * quoted packet becomes the one its sender knows, the other wing's key.
   */
  public void translateIcmpError(int slot, int wing, PacketDescriptor packet) {
    int other = 1 - wing;
    long sourceHi = packet.sourceHi;
    long sourceLo = packet.sourceLo;
    if (sourceHi == table.sourceHi(slot, wing) && sourceLo == table.sourceLo(slot, wing)) {
      sourceHi = table.destinationHi(slot, other);
      sourceLo = table.destinationLo(slot, other);
    }
    if (moveToFrameBuffer(packet, true)) {
      PacketRewriter.rewriteIcmpError(
          packet,
          sourceHi,
          sourceLo,
          table.sourceHi(slot, other),
          table.sourceLo(slot, other),
          table.sourceHi(slot, other),
          table.sourceLo(slot, other),
          table.destinationHi(slot, other),
          table.destinationLo(slot, other),
          table.sourcePort(slot, other),
          table.destinationPort(slot, other),
          crc);
      counters.packetsTranslated++;
    }
  }

  /**
   * A packet of a translated session, on the fast path: it leaves as the reverse of the other wing.
   */
  public void translateOnWing(
      int slot, int wing, PacketDescriptor packet, boolean transportHeader) {
    int other = 1 - wing;
    rewrite(
        packet,
        table.destinationHi(slot, other),
        table.destinationLo(slot, other),
        table.sourceHi(slot, other),
        table.sourceLo(slot, other),
        table.destinationPort(slot, other),
        table.sourcePort(slot, other),
        transportHeader);
  }

  // ------------------------------------------------------------------ for the ALGs

  /** True when the packet lies in this SPU's frame buffer: translated, and free to change. */
  public boolean owns(PacketDescriptor packet) {
    return packet.segment == frame;
  }

  /**
   * Copies the packet into the frame buffer unless it is there already, so that an ALG may change
   * it; false when it cannot (larger than any frame).
   */
  public boolean makeWritable(PacketDescriptor packet, boolean transportHeader) {
    return owns(packet) || moveToFrameBuffer(packet, transportHeader);
  }

  /** True when the generation has static NAT rules (DNS doctoring translates by them). */
  public boolean hasStaticRules() {
    return config != null && !config.nat().staticRules().isEmpty();
  }

  /**
   * DNS doctoring: the IPv4 address an A record of a DNS reply carries to a client whose query came
   * in on {@code clientInterface}, by the first static NAT rule (address only, no port) that names
   * it: a client in the rule set's {@code from} context (where the rule's destination address is
   * used) gets the rule's destination address for the host's own address; any other client gets the
   * host's own address for the destination address. -1 when no rule names it.
   *
   * <pre>
   *  rule: from zone untrust, destination 203.0.113.80 ─► static-nat prefix 192.168.1.80
   *  client in untrust:  A 192.168.1.80 ─► 203.0.113.80   (private to public)
   *  client elsewhere:   A 203.0.113.80 ─► 192.168.1.80   (public to private)
   * </pre>
   */
  public long doctoredAddress(int clientInterface, int routingInstance, int address) {
    if (config == null) {
      return -1;
    }
    NatConfig rules = config.nat();
    int zone = config.zoneOf(clientInterface);
    long lo = IpAddress.mappedIpv4(address);
    java.util.List<StaticNatRule> statics = rules.staticRules();
    for (int r = 0; r < statics.size(); r++) {
      StaticNatRule rule = statics.get(r);
      if (rule.destinationPort() != null
          || rule.mappedPort() != null
          || !rule.destination().isIpv4()
          || !rule.translated().isIpv4()) {
        continue;
      }
      boolean publicSide =
          rules
              .staticRuleSets()
              .get(rule.ruleSet())
              .from()
              .matches(clientInterface, zone, routingInstance);
      IpPrefix from = publicSide ? rule.translated() : rule.destination();
      IpPrefix to = publicSide ? rule.destination() : rule.translated();
      if (from.contains(0, lo)) {
        return NatAddresses.mapLo(from, to, lo) & 0xffff_ffffL;
      }
    }
    return -1;
  }

  /** The end of the frame buffer: how far a packet in it may grow. */
  public long frameLimit() {
    return frame.byteSize();
  }

  private long algHold;

  /**
   * A port for an endpoint an ALG read in a control session's payload (an FTP PORT, a SIP media
   * port), on the address the session's source was translated to: the port, or -1 when this SPU has
   * none left there. With {@code pair}, an even port whose neighbour is taken too (RTP and RTCP).
   * The port is taken on the control session's lane, so that 1 SPU or N choose the same one and the
   * dispatcher sends the child, addressed to it, to this SPU. {@link #algHold()} then tells what to
   * give back with {@link #releaseAlgPort}: 0 when nothing is held (reverse static NAT keeps the
   * port).
   *
   * <pre>
   * hold: 63..62 kind (1 pool, 2 interface) | 61 pair | 60 IPv6 | 59..44 pool or interface
   *       | 43..0 address index &lt;&lt; 16 | port
   * </pre>
   */
  public int allocateAlgPort(int slot, int insidePort, boolean pair) {
    algHold = 0;
    int lane =
        placement.lane(
            table.sourceHi(slot, SessionTable.FORWARD),
            table.sourceLo(slot, SessionTable.FORWARD),
            table.destinationHi(slot, SessionTable.FORWARD),
            table.destinationLo(slot, SessionTable.FORWARD),
            table.sourcePort(slot, SessionTable.FORWARD),
            table.destinationPort(slot, SessionTable.FORWARD),
            table.protocol(slot));
    int binding = table.nat(slot);
    long hi = table.destinationHi(slot, REVERSE);
    long lo = table.destinationLo(slot, REVERSE);
    if (NatBinding.sourceKind(binding) == NatBinding.SOURCE_STATIC) {
      return insidePort;
    }
    if (NatBinding.sourcePool(binding)) {
      int pool = poolOf(binding);
      long at = nat.allocationOf(pool, hi, lo, 0);
      if (at < 0) {
        return -1;
      }
      long allocation = nat.allocateOn(pool, (int) (at >>> 16), insidePort, pair, lane);
      if (allocation < 0) {
        return -1;
      }
      algHold = 1L << 62 | (pair ? 1L << 61 : 0) | (long) pool << 44 | allocation;
      return (int) (allocation & 0xffff);
    }
    if (NatBinding.sourceInterface(binding)) {
      int egress = table.interfaceIndex(slot, REVERSE);
      IpAddress address = interfaceAddress(egress, hi, lo);
      if (address == null) {
        return -1;
      }
      int port = nat.allocateInterfaceOn(egress, address, insidePort, pair, lane);
      if (port < 0) {
        return -1;
      }
      algHold =
          2L << 62
              | (pair ? 1L << 61 : 0)
              | (address.isIpv4() ? 0 : 1L << 60)
              | (long) egress << 44
              | port;
      return port;
    }
    return insidePort;
  }

  /** The interface's own address that is {@code hi, lo} (no allocation), or null. */
  private IpAddress interfaceAddress(int interfaceIndex, long hi, long lo) {
    if (interfaceIndex >= config.interfaces().size()) {
      return null;
    }
    for (IpPrefix own : config.interfaceAt(interfaceIndex).addresses()) {
      if (own.address().hi() == hi && own.address().lo() == lo) {
        return own.address();
      }
    }
    return null;
  }

  /** What the last {@link #allocateAlgPort} holds; 0 for nothing. */
  public long algHold() {
    return algHold;
  }

  /** Gives back a port {@link #allocateAlgPort} took. */
  public void releaseAlgPort(long hold) {
    int kind = (int) (hold >>> 62);
    boolean pair = (hold & 1L << 61) != 0;
    int index = (int) ((hold >>> 44) & 0xffff);
    long allocation = hold & ((1L << 44) - 1);
    if (kind == 1) {
      nat.release(index, allocation, true);
      if (pair) {
        nat.release(index, allocation + 1, true);
      }
    } else if (kind == 2) {
      boolean ipv6 = (hold & 1L << 60) != 0;
      int port = (int) (allocation & 0xffff);
      nat.releaseInterface(index, ipv6, port, true);
      if (pair) {
        nat.releaseInterface(index, ipv6, port + 1, true);
      }
    }
  }

  /**
   * A session's NAT binding in the new generation: its rules found again by rule-set and rule name,
   * and its pool address and port marked in use again. {@link #NatBinding.FAILED} when a rule or
   * the pool is gone, or no longer holds the address; the session then closes as its policy would.
   */
  public int carry(RuntimeConfig previous, int binding, int slot) {
    NatConfig before = previous.nat();
    NatConfig after = config.nat();
    int sourceKind = NatBinding.sourceKind(binding);
    int destinationKind = NatBinding.destinationKind(binding);
    int source = NatBinding.sourceRule(binding);
    int destination = NatBinding.destinationRule(binding);
    if (source >= 0) {
      source =
          sourceKind == NatBinding.SOURCE_STATIC
              ? NatRuleNames.find(
                  after.staticRules(),
                  after.staticRuleSets(),
                  before.staticRules().get(source),
                  before.staticRuleSets())
              : NatRuleNames.find(
                  after.sourceRules(),
                  after.sourceRuleSets(),
                  before.sourceRules().get(source),
                  before.sourceRuleSets());
      if (source < 0) {
        return NatBinding.FAILED;
      }
    }
    if (destination >= 0 && destinationKind == NatBinding.DESTINATION_PERSISTENT) {
      destination =
          NatRuleNames.find(
              after.sourceRules(),
              after.sourceRuleSets(),
              before.sourceRules().get(destination),
              before.sourceRuleSets());
      if (destination < 0 || after.sourceRules().get(destination).persistentNat() == null) {
        return NatBinding.FAILED; // the binding it came in through is gone
      }
    } else if (destination >= 0) {
      destination =
          destinationKind == NatBinding.DESTINATION_STATIC
              ? NatRuleNames.find(
                  after.staticRules(),
                  after.staticRuleSets(),
                  before.staticRules().get(destination),
                  before.staticRuleSets())
              : NatRuleNames.find(
                  after.destinationRules(),
                  after.destinationRuleSets(),
                  before.destinationRules().get(destination),
                  before.destinationRuleSets());
      if (destination < 0) {
        return NatBinding.FAILED;
      }
    }
    int carried =
        NatBinding.of(
            sourceKind, source, destinationKind, destination, NatBinding.portHeld(binding));
    if (!table.isValid(slot)) {
      return carried; // ended already: its address and port went back to the pool
    }
    long hi = table.destinationHi(slot, REVERSE);
    long lo = table.destinationLo(slot, REVERSE);
    int port = NatBinding.portHeld(binding) ? table.destinationPort(slot, REVERSE) : 0;
    if (destinationKind == NatBinding.DESTINATION_PERSISTENT) {
      // an inbound session: its binding is its Out wing's source and what it arrived for
      if (!carryBinding(
          destination,
          table.sourceHi(slot, REVERSE),
          table.sourceLo(slot, REVERSE),
          table.sourcePort(slot, REVERSE),
          table.destinationHi(slot, SessionTable.FORWARD),
          table.destinationLo(slot, SessionTable.FORWARD),
          table.destinationPort(slot, SessionTable.FORWARD),
          table.sourceHi(slot, SessionTable.FORWARD),
          table.sourceLo(slot, SessionTable.FORWARD),
          table.sourcePort(slot, SessionTable.FORWARD),
          table.interfaceIndex(slot, SessionTable.FORWARD),
          table.protocol(slot),
          NatConfig.hasPorts(table.protocol(slot)))) {
        return NatBinding.FAILED;
      }
      count(carried, 1);
      return carried;
    }
    if (sourceKind != NatBinding.SOURCE_STATIC
        && source >= 0
        && after.sourceRules().get(source).persistentNat() != null) {
      // an outbound session of a persistent rule: it joins its internal address's binding
      if (!carryBinding(
          source,
          table.sourceHi(slot, SessionTable.FORWARD),
          table.sourceLo(slot, SessionTable.FORWARD),
          table.sourcePort(slot, SessionTable.FORWARD),
          hi,
          lo,
          table.destinationPort(slot, REVERSE),
          table.destinationHi(slot, SessionTable.FORWARD),
          table.destinationLo(slot, SessionTable.FORWARD),
          table.destinationPort(slot, SessionTable.FORWARD),
          table.interfaceIndex(slot, REVERSE),
          table.protocol(slot),
          NatBinding.portHeld(binding))) {
        return NatBinding.FAILED;
      }
      count(carried, 1);
      return carried;
    }
    if (NatBinding.sourcePool(carried)) {
      int pool = poolOf(carried);
      long allocation = nat.allocationOf(pool, hi, lo, port);
      if (allocation < 0) {
        return NatBinding.FAILED;
      }
      nat.reserve(
          pool,
          allocation,
          NatBinding.portHeld(binding),
          table.sourceHi(slot, SessionTable.FORWARD),
          table.sourceLo(slot, SessionTable.FORWARD));
    } else if (NatBinding.sourceInterface(carried)) {
      nat.reserveInterface(
          table.interfaceIndex(slot, REVERSE),
          new IpAddress(hi, lo),
          port,
          NatBinding.portHeld(binding));
    }
    count(carried, 1);
    return carried;
  }

  /**
   * A carried-over session of a persistent NAT binding: it joins the new generation's binding of
   * its internal transport address, which is made (its reflexive address and port marked in use
   * again, in the rule's pool, its overflow pool, or on the interface) when no earlier session made
   * it. False when the reflexive address is in none of them any more, or the table is full.
   */
  private boolean carryBinding(
      int rule,
      long inHi,
      long inLo,
      int inPort,
      long refHi,
      long refLo,
      int refPort,
      long remoteHi,
      long remoteLo,
      int remotePort,
      int egress,
      int protocol,
      boolean ports) {
    if (!nat.persistentNat()) {
      return false;
    }
    int b = nat.persistentBinding(inHi, inLo, inPort, protocol, clock.nowNs());
    if (b < 0) {
      SourceNatRule matched = nat.config().sourceRules().get(rule);
      int pool = -1;
      int kind = NatBinding.SOURCE_INTERFACE;
      if (matched.action() == SourceNatRule.Action.POOL) {
        SourceNatPool own = nat.config().sourcePools().get(matched.pool());
        if (own.contains(refHi, refLo)) {
          pool = matched.pool();
          kind = NatBinding.SOURCE_POOL;
        } else if (own.overflow() == SourceNatPool.Overflow.POOL
            && nat.config().sourcePools().get(own.overflowPool()).contains(refHi, refLo)) {
          pool = own.overflowPool();
          kind = NatBinding.SOURCE_OVERFLOW_POOL;
        } else {
          kind = NatBinding.SOURCE_OVERFLOW_INTERFACE;
        }
      }
      long allocation = refPort;
      if (pool >= 0) {
        allocation = nat.allocationOf(pool, refHi, refLo, ports ? refPort : 0);
        if (allocation < 0) {
          return false;
        }
        nat.reserve(pool, allocation, ports);
      } else {
        nat.reserveInterface(egress, new IpAddress(refHi, refLo), ports ? refPort : 0, ports);
      }
      b =
          nat.bind(
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
              ports,
              kind);
      if (b < 0) {
        return false;
      }
    }
    nat.join(b, remoteHi, remoteLo, remotePort);
    return true;
  }
}
