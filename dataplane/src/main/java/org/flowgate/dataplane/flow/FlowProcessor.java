package org.flowgate.dataplane.flow;

import static org.flowgate.dataplane.session.SessionTable.FORWARD;
import static org.flowgate.dataplane.session.SessionTable.REVERSE;

import org.flowgate.dataplane.application.Application;
import org.flowgate.dataplane.capture.FrameSpool;
import org.flowgate.dataplane.dispatch.NatOwnership;
import org.flowgate.dataplane.nat.NatStatistics;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.packet.PacketParser;
import org.flowgate.dataplane.policy.PolicyAction;
import org.flowgate.dataplane.policy.PolicyTable;
import org.flowgate.dataplane.policy.SecurityPolicy;
import org.flowgate.dataplane.route.Route;
import org.flowgate.dataplane.route.RouteType;
import org.flowgate.dataplane.route.RoutingInstance;
import org.flowgate.dataplane.runtime.FlowSettings;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.session.CloseReason;
import org.flowgate.dataplane.session.SessionState;
import org.flowgate.dataplane.session.SessionTable;
import org.flowgate.dataplane.zone.FirewallInterface;
import org.flowgate.dataplane.zone.Zone;

/**
 * The flow engine of one SPU: every decoded packet goes through {@link #process}, which takes the
 * fast path when a session's wing matches and the first path otherwise, and every timer of the
 * session table comes back through {@link #onTimer}.
 *
 * <pre>
 * process(packet)
 *   ├─ non-first fragment ─► ports of its first fragment (or drop: fragment without first)
 *   ├─ ICMP error ────────► the session of the quoted packet, counted on the opposite wing
 *   │                       (translated back when the quote left translated)
 *   ├─ session hit ───────► fastPath: expiry check, TCP state, counters, timeout refresh,
 *   │                       NAT rewrite (NatStage)
 *   ├─ reply as forwarded ► fastPath on the Out wing, unchanged (a capture from one side)
 *   └─ miss ──────────────► firstPath: screens ─► static/destination NAT ─► route ─► zones
 *                            ─► policy ─► reverse static/source NAT ─► install two wings
 * </pre>
 *
 * <p>Time is virtual: {@link #advanceTo} moves the clock (never backwards) and fires the timers
 * that fall due, so the same packets always give the same table. Nothing on the per-packet path
 * allocates.
 *
 * <p>Thread: owned by its SPU shard's thread; constructed elsewhere and then handed over.
 */
public final class FlowProcessor implements SessionTable.TimerHandler {
  public static final int LOCAL_INTERFACE = 0xffff;
  private static final int UNRESOLVED = -2;

  /** A wing whose interface a new configuration no longer has. */
  public static final int UNKNOWN_INTERFACE = 0xfffe;

  static final long TICK_NS = 1L << SessionTable.TICK_SHIFT;

  // TCP tracking bits kept in the record (SessionTable.tcpBits)
  static final int TCP_SYN = 1;
  static final int TCP_SYN_ACK = 1 << 1;
  static final int TCP_ESTABLISHED = 1 << 2;
  static final int TCP_FIN_SENT = 1 << 3; // << wing
  static final int TCP_FIN_ACKED = 1 << 5; // << wing
  static final int TCP_RST = 1 << 7;
  static final int TCP_SEQUENCE_KNOWN = 1 << 8; // << wing

  /** The session's timeout was shortened because it is ending (FIN exchange, RST or response). */
  static final int CLOSING = 1 << 10;

  private static final CloseReason[] CLOSE_REASONS = CloseReason.values();
  private static final int FIN = 0x01;
  private static final int SYN = 0x02;
  private static final int RST = 0x04;
  private static final int ACK = 0x10;

  private final int spu;
  private final SessionTable table;
  private final FlowCounters counters = new FlowCounters();
  private final FragmentTracker fragments = new FragmentTracker(4096);
  private RuntimeConfig config;
  private FlowSettings settings;
  private SessionListener listener = SessionListener.NONE;
  private long[] policyHits = new long[0];
  private NatOwnership natOwnership = NatOwnership.SINGLE;
  private final NatStage nat;

  /** The zone named junos-host, or -1; see {@link #hostPolicies}. */
  private int hostZone = -1;

  /** By from-zone: true when junos-host policies decide that zone's traffic to the device. */
  private boolean[] hostPoliciesFrom = new boolean[0];

  // security flow aging: see ageEarlyWhileCrowded
  private static final int SWEEP_SLOTS_PER_PACKET = 64;
  private int crowdedAboveSessions;
  private int calmBelowSessions;
  private long earlyAgeoutTicks;
  private boolean ageingEarly;
  private int sweepSlot;

  private long epochNs;
  private boolean clockStarted;
  private long nowNs;
  private long nowTick;

  public FlowProcessor(int spu, SessionTable table, RuntimeConfig config) {
    this.spu = spu;
    this.table = table;
    this.nat = new NatStage(table, counters);
    installConfig(config);
  }

  /** Installs a new configuration generation; sessions keep the decisions of their first packet. */
  public int installConfig(RuntimeConfig newConfig) {
    RuntimeConfig previous = this.config;
    this.config = newConfig;
    this.settings = newConfig.settings();
    this.policyHits = new long[newConfig.policies().size()];
    nat.install(newConfig, natOwnership);
    watermarks(newConfig.settings());
    hostPolicies(newConfig);
    return previous == null || previous == newConfig ? 0 : reconcile(previous, newConfig);
  }

  /**
   * Carries the sessions over to a new generation: their policy, interfaces and application are
   * found again by name. A session whose policy is gone closes with reason {@code policy delete};
   * with {@code policy-rematch}, every session is looked up again and closes unless the new
   * policies still permit it. Returns how many sessions closed. Runs on the SPU's thread, between
   * packets; it visits every record once.
   */
  private int reconcile(RuntimeConfig previous, RuntimeConfig next) {
    int[] policies = new int[previous.policies().size()];
    for (int i = 0; i < policies.length; i++) {
      policies[i] =
          i <= PolicyTable.DEFAULT_POLICY
              ? i
              : policyIndex(next, previous, previous.policies().get(i));
    }
    int[] interfaces = new int[previous.interfaces().size()];
    for (int i = 0; i < interfaces.length; i++) {
      FirewallInterface found = next.interfaceNamed(previous.interfaceAt(i).name());
      interfaces[i] = found == null ? UNKNOWN_INTERFACE : found.index();
    }
    int closed = 0;
    for (int slot = 0; slot < table.capacity(); slot++) {
      if (table.state(slot) == 0) {
        continue;
      }
      for (int wing = FORWARD; wing <= REVERSE; wing++) {
        int index = table.interfaceIndex(slot, wing);
        if (index < interfaces.length) {
          table.setInterfaceIndex(slot, wing, interfaces[index]);
        }
      }
      int application = table.application(slot) - 1;
      if (application >= 0) {
        table.setApplication(
            slot, next.applicationIndex(previous.applications().get(application).name()) + 1);
      }
      boolean natCarried = true;
      if (table.nat(slot) != 0 && previous.nat() != next.nat()) {
        int carried = nat.carry(previous, table.nat(slot), slot);
        natCarried = carried != NatStage.FAILED;
        table.setNat(slot, natCarried ? carried : 0);
      }
      int policy =
          !natCarried
              ? -1
              : table.policy(slot) < policies.length ? policies[table.policy(slot)] : -1;
      if (table.state(slot) == SessionState.VALID.ordinal() + 1
          && settings.policyRematch()
          && policy != PolicyTable.SELF_TRAFFIC) {
        policy = rematch(slot);
      }
      if (policy < 0) {
        if (table.state(slot) == SessionState.VALID.ordinal() + 1) {
          table.setPolicy(slot, PolicyTable.DEFAULT_POLICY);
          close(slot, CloseReason.POLICY_DELETE);
          closed++;
        } else {
          table.setPolicy(slot, PolicyTable.DEFAULT_POLICY);
        }
      } else {
        table.setPolicy(slot, policy);
      }
    }
    return closed;
  }

  /** The index of the same policy (by name, scope and zones) in another generation, or -1. */
  private static int policyIndex(
      RuntimeConfig next, RuntimeConfig previous, SecurityPolicy policy) {
    for (int i = PolicyTable.DEFAULT_POLICY + 1; i < next.policies().size(); i++) {
      SecurityPolicy candidate = next.policies().get(i);
      if (candidate.name().equals(policy.name())
          && candidate.global() == policy.global()
          && zoneNames(next, candidate.fromZones()).equals(zoneNames(previous, policy.fromZones()))
          && zoneNames(next, candidate.toZones()).equals(zoneNames(previous, policy.toZones()))) {
        return i;
      }
    }
    return -1;
  }

  private static java.util.List<String> zoneNames(RuntimeConfig config, int[] zones) {
    java.util.List<String> names = new java.util.ArrayList<>();
    for (int zone : zones) {
      names.add(config.zones().get(zone).name());
    }
    return names;
  }

  /**
   * The policy the new generation gives the session's first packet, or -1 if it would not permit
   * it.
   */
  private int rematch(int slot) {
    int fromZone = zoneOf(table.interfaceIndex(slot, FORWARD));
    boolean toSelf = table.interfaceIndex(slot, REVERSE) == LOCAL_INTERFACE;
    int toZone = toSelf ? hostZone : zoneOf(table.interfaceIndex(slot, REVERSE));
    long match =
        toSelf && !hostPoliciesDecide(fromZone)
            ? (long) PolicyTable.SELF_TRAFFIC << 32
            : config
                .policies()
                .lookup(
                    config,
                    fromZone,
                    toZone,
                    table.sourceHi(slot, FORWARD),
                    table.sourceLo(slot, FORWARD),
                    table.destinationHi(slot, FORWARD),
                    table.destinationLo(slot, FORWARD),
                    table.protocol(slot),
                    table.sourcePort(slot, FORWARD),
                    table.destinationPort(slot, FORWARD),
                    -1,
                    -1);
    int policy = (int) (match >>> 32);
    if (config.policies().get(policy).action() != PolicyAction.PERMIT) {
      return -1;
    }
    table.setApplication(slot, (int) match);
    return policy;
  }

  /**
   * Tells the processor it is one of {@code spus} SPUs, so that its NAT allocator hands out only
   * the pool addresses and ports whose replies are dispatched to it. Call before the first packet.
   */
  public void setSpuCount(int spus) {
    this.natOwnership = new NatOwnership(spu, spus);
    nat.install(config, natOwnership);
  }

  /** NAT rule and pool counters since the configuration was installed. */
  public NatStatistics natStatistics() {
    return nat.state().statistics();
  }

  /** First packets that matched each policy (by index) since the configuration was installed. */
  public long[] policyHits() {
    return policyHits.clone();
  }

  /** The NAT counters this SPU keeps, for the clear commands. */
  public org.flowgate.dataplane.flow.nat.NatState natState() {
    return nat.state();
  }

  /** {@code clear security policies hit-count}: every policy's count back to zero. */
  public void clearPolicyHits() {
    java.util.Arrays.fill(policyHits, 0);
  }

  public void setListener(SessionListener sessionListener) {
    this.listener = sessionListener;
  }

  public int spu() {
    return spu;
  }

  public SessionTable table() {
    return table;
  }

  public RuntimeConfig config() {
    return config;
  }

  public FlowCounters counters() {
    return counters;
  }

  // ------------------------------------------------------------------ time

  /** Sets the moment the engine started; {@code Start time} counts from here. */
  public void startClock(long startNs) {
    if (!clockStarted) {
      epochNs = startNs;
      nowNs = startNs;
      nowTick = 0;
      clockStarted = true;
    }
  }

  public boolean clockStarted() {
    return clockStarted;
  }

  public long epochNs() {
    return epochNs;
  }

  public long nowNs() {
    return nowNs;
  }

  /** Moves the virtual clock to {@code timeNs} (never back) and fires every timer due by then. */
  public void advanceTo(long timeNs) {
    startClock(timeNs);
    if (timeNs > nowNs) {
      nowNs = timeNs;
      nowTick = (timeNs - epochNs) >>> SessionTable.TICK_SHIFT;
    }
    ageEarlyWhileCrowded();
    table.advanceTimers(nowTick, Integer.MAX_VALUE, this);
  }

  // ------------------------------------------------------------------ early ageing

  /**
   * {@code security flow aging}: the session counts at which aggressive ageing starts and stops on
   * this SPU. Each SPU compares the sessions in use in its own table with that table's capacity (an
   * SRX counts the whole device; with even dispatch the two agree).
   */
  private void watermarks(FlowSettings flow) {
    long capacity = table.capacity();
    crowdedAboveSessions = (int) (capacity * flow.highWatermarkPercent() / 100);
    calmBelowSessions = (int) Math.ceilDiv(capacity * flow.lowWatermarkPercent(), 100);
    earlyAgeoutTicks = ticks(flow.earlyAgeoutSeconds());
  }

  /**
   * Aggressive ageing (Junos {@code aging early-ageout / high-watermark / low-watermark}): once the
   * sessions in use exceed the high watermark, every session times out after at most {@code
   * early-ageout} seconds without traffic, until they fall below the low watermark.
   *
   * <pre>
   *             in use &gt; high-watermark % of capacity
   *   normal ──────────────────────────────────────────► ageing early
   *      ▲      (sweep restarts at slot 0)                    │ timeout = min(own, early-ageout)
   *      └────────────────────────────────────────────────────┘
   *             in use &lt; low-watermark % of capacity
   * </pre>
   *
   * Checked before every packet's timers fire (and the low watermark again as each session is
   * reaped). New sessions and fired timers take the shorter timeout at once ({@link
   * #timeoutTicks}); sessions already waiting on a later timer are pulled forward by a sweep over
   * the table, {@value #SWEEP_SLOTS_PER_PACKET} slots per packet, so that no packet pays for the
   * whole table. Leaving costs nothing: a timer that fires early finds the session idle for less
   * than its own timeout and re-arms. No allocation.
   */
  private void ageEarlyWhileCrowded() {
    int inUse = table.sessionsInUse();
    if (!ageingEarly) {
      if (inUse <= crowdedAboveSessions) {
        return;
      }
      ageingEarly = true;
      sweepSlot = 0;
    } else if (inUse < calmBelowSessions) {
      ageingEarly = false;
      return;
    }
    int end = (int) Math.min(table.capacity(), (long) sweepSlot + SWEEP_SLOTS_PER_PACKET);
    for (int slot = sweepSlot; slot < end; slot++) {
      if (table.state(slot) == SessionState.VALID.ordinal() + 1) {
        long deadline =
            nowTick - SessionTable.elapsed(nowTick, table.lastTick(slot)) + earlyAgeoutTicks;
        if ((int) (deadline - table.timerDeadline(slot)) < 0) {
          table.schedule(slot, deadline);
        }
      }
    }
    sweepSlot = end;
  }

  /** True while the session table is crowded past its high watermark and sessions age early. */
  public boolean ageingEarly() {
    return ageingEarly;
  }

  /** The session's timeout in ticks: its own, or at most early-ageout while ageing early. */
  private long timeoutTicks(int slot) {
    long own = ticks(table.timeoutSeconds(slot));
    return ageingEarly ? Math.min(own, earlyAgeoutTicks) : own;
  }

  /** The longest timeout a session keeps (about 1.9 years; 32-bit ticks compare within 4.5). */
  static final int LONGEST_TIMEOUT_SECONDS = 60_000_000;

  static long ticks(int seconds) {
    long capped = Math.min(seconds, LONGEST_TIMEOUT_SECONDS);
    return (capped * 1_000_000_000L + TICK_NS - 1) >>> SessionTable.TICK_SHIFT;
  }

  /**
   * The session's inactivity timeout: its application's, when the matched term sets one, else the
   * protocol default (reference §4: application timeout, then the protocol table).
   */
  private int inactivityTimeout(int slot) {
    int protocol = table.protocol(slot);
    int application = table.application(slot) - 1;
    if (application >= 0 && application < config.applications().size()) {
      Application matched = config.applications().get(application);
      int term =
          matched.matchingTerm(
              protocol,
              table.sourcePort(slot, FORWARD),
              table.destinationPort(slot, FORWARD),
              -1,
              -1);
      if (term >= 0 && matched.terms().get(term).inactivityTimeoutSeconds() > 0) {
        return matched.terms().get(term).inactivityTimeoutSeconds();
      }
    }
    return settings.timeoutFor(protocol);
  }

  // ------------------------------------------------------------------ packets

  /**
   * Takes one decoded packet through the flow at its own timestamp.
   *
   * @return null when the packet was forwarded, else why it was dropped
   */
  public DropReason process(PacketDescriptor packet) {
    return process(packet, false, 0);
  }

  /**
   * {@link #process}, with the hash of the packet's key for routing instance 0 when {@code hashed}.
   */
  private DropReason process(PacketDescriptor packet, boolean hashed, int keyHash) {
    DropReason verdict = decide(packet, hashed, keyHash);
    if (verdict == null && forwardedFrames != null) {
      forwardedFrames.append(
          packet.captureFrameKey,
          packet.timestampNs,
          packet.linkType,
          packet.captureInterfaceId,
          packet.originalLengthBytes,
          packet.segment,
          packet.frameOffset,
          packet.capturedLengthBytes);
    }
    return verdict;
  }

  private FrameSpool forwardedFrames;

  /**
   * Spools every forwarded frame, as it leaves (translated), for {@code replay --write}; null
   * stops.
   */
  public void spoolForwardedFrames(FrameSpool spool) {
    this.forwardedFrames = spool;
  }

  private DropReason decide(PacketDescriptor packet, boolean hashed, int keyHash) {
    advanceTo(packet.timestampNs);
    counters.packetsReceived++;
    counters.bytesReceived += packet.ipLengthBytes;
    boolean transportHeader = !packet.fragment || packet.firstFragment;
    if (packet.fragment) {
      counters.fragments++;
      if (packet.firstFragment) {
        fragments.remember(packet, nowNs);
      } else if (!fragments.resolve(packet, nowNs)) {
        return drop(DropReason.FRAGMENT_WITHOUT_FIRST);
      }
    }
    // The routing instance is part of the session key. With one instance (or no ingress mapping
    // that could say otherwise) it is the master, and the ingress interface, a route lookup, is
    // needed only on the first path.
    int ingress = UNRESOLVED;
    int routingInstance = 0;
    if (config.routingInstances().size() > 1) {
      ingress = ingressInterface(packet);
      if (ingress < 0) {
        return drop(DropReason.NO_ROUTE);
      }
      routingInstance =
          ingress == LOCAL_INTERFACE ? 0 : config.interfaceAt(ingress).routingInstance();
    }
    if (packet.icmpError) {
      return icmpError(packet, routingInstance);
    }
    int reference =
        hashed && routingInstance == 0
            ? table.lookup(
                keyHash,
                packet.sourceHi,
                packet.sourceLo,
                packet.destinationHi,
                packet.destinationLo,
                packet.sourcePort,
                packet.destinationPort,
                packet.protocol,
                0)
            : table.lookup(
                packet.sourceHi,
                packet.sourceLo,
                packet.destinationHi,
                packet.destinationLo,
                packet.sourcePort,
                packet.destinationPort,
                packet.protocol,
                routingInstance);
    if (reference >= 0) {
      DropReason verdict = fastPath(reference >>> 1, reference & 1, packet, transportHeader);
      if (verdict != DropReason.SESSION_INVALIDATED) {
        return verdict;
      }
    } else if (nat.active() && nat.mayBeForwardedReply(packet)) {
      DropReason verdict = replyAsForwarded(packet, routingInstance, transportHeader);
      if (verdict != DropReason.SESSION_INVALIDATED) {
        return verdict;
      }
    }
    if (ingress == UNRESOLVED) {
      ingress = ingressInterface(packet);
      if (ingress < 0) {
        return drop(DropReason.NO_ROUTE);
      }
    }
    return firstPath(packet, ingress, routingInstance, transportHeader);
  }

  /** The most packets {@link #processBatch} takes at once. */
  public static final int MAXIMUM_BATCH = 32;

  private final int[] batchHashes = new int[MAXIMUM_BATCH];
  private final boolean[] batchHashed = new boolean[MAXIMUM_BATCH];
  private final int[] batchSlots = new int[MAXIMUM_BATCH];
  private long readAheadSink;

  /**
   * Takes up to {@link #MAXIMUM_BATCH} decoded packets through the flow, in order, with the same
   * result as calling {@link #process} for each. First it hashes every packet's key, then reads
   * every packet's index line, then the record whose fingerprint matches in it (see {@code
   * SessionTable}, "reading ahead"): those reads do not depend on each other, so the processor
   * overlaps their cache misses instead of waiting for each in turn (VPP's dual and quad loops do
   * the same with prefetch instructions). Each pass is a short loop so that all of a batch's reads
   * fit in the processor's reorder window together. The lookups then reuse the hashes. A software
   * pipeline across the batch (reading a few packets ahead while processing) measured slower here:
   * 2.5 against 4.0 Mpps.
   *
   * <p>The hashes assume routing instance 0 (with several instances the ingress interface, a route
   * lookup, decides, and the lookup hashes again); fragments and ICMP errors are looked up by
   * {@link #process} as usual.
   *
   * @return how many packets were forwarded
   */
  public int processBatch(PacketDescriptor[] packets, int count) {
    for (int i = 0; i < count; i++) {
      PacketDescriptor p = packets[i];
      boolean hashed = p.hasPorts && !p.fragment && !p.icmpError;
      batchHashed[i] = hashed;
      batchHashes[i] =
          hashed
              ? SessionTable.keyHash(
                  p.sourceHi,
                  p.sourceLo,
                  p.destinationHi,
                  p.destinationLo,
                  p.sourcePort,
                  p.destinationPort,
                  p.protocol,
                  0)
              : 0;
    }
    long sink = 0;
    for (int i = 0; i < count; i++) {
      sink += batchHashed[i] ? table.readHome(batchHashes[i]) : 0;
    }
    for (int i = 0; i < count; i++) {
      batchSlots[i] = batchHashed[i] ? table.candidateSlot(batchHashes[i]) : -1;
    }
    for (int i = 0; i < count; i++) {
      sink += table.readRecord(batchSlots[i]);
    }
    readAheadSink += sink;
    int forwarded = 0;
    for (int i = 0; i < count; i++) {
      if (process(packets[i], batchHashed[i], batchHashes[i]) == null) {
        forwarded++;
      }
    }
    return forwarded;
  }

  /** Counts a frame the decoder refused; it was received and dropped for {@code reason}. */
  public void countUndecodable(DropReason reason, long timestampNs) {
    advanceTo(timestampNs);
    counters.packetsReceived++;
    drop(reason);
  }

  private DropReason drop(DropReason reason) {
    counters.drop(reason);
    return reason;
  }

  private DropReason forward() {
    counters.packetsForwarded++;
    return null;
  }

  /** The interface the packet came in on: a mapping, else the route back to its source. */
  private int ingressInterface(PacketDescriptor packet) {
    int mapped =
        config.ingress().lookup(packet.captureInterfaceId, packet.vlanId, packet.sourceMac);
    if (mapped >= 0) {
      return mapped;
    }
    Route back = config.routingInstances().get(0).lookup(packet.sourceHi, packet.sourceLo);
    if (back == null || back.interfaceIndex() < 0) {
      return -1;
    }
    return back.type() == RouteType.LOCAL ? LOCAL_INTERFACE : back.interfaceIndex();
  }

  private DropReason icmpError(PacketDescriptor packet, int routingInstance) {
    int reference =
        table.lookup(
            packet.quotedSourceHi,
            packet.quotedSourceLo,
            packet.quotedDestinationHi,
            packet.quotedDestinationLo,
            packet.quotedSourcePort,
            packet.quotedDestinationPort,
            packet.quotedProtocol,
            routingInstance);
    int wing;
    if (reference >= 0) {
      wing = 1 - (reference & 1); // the error travels against the packet it quotes
    } else {
      // the quoted packet left translated: it is the reverse of a wing, and the error travels on it
      reference =
          table.lookup(
              packet.quotedDestinationHi,
              packet.quotedDestinationLo,
              packet.quotedSourceHi,
              packet.quotedSourceLo,
              packet.quotedDestinationPort,
              packet.quotedSourcePort,
              packet.quotedProtocol,
              routingInstance);
      if (reference < 0) {
        return drop(DropReason.ICMP_ERROR_WITHOUT_SESSION);
      }
      wing = reference & 1;
      if (table.nat(reference >>> 1) != 0) {
        nat.translateIcmpError(reference >>> 1, wing, packet);
      }
    }
    int slot = reference >>> 1;
    table.count(slot, wing, packet.ipLengthBytes);
    table.setLastTick(slot, nowTick);
    counters.icmpErrorsMatched++;
    return forward();
  }

  // ------------------------------------------------------------------ fast path

  /** True while the fast path handles a reply that is already in the form the firewall sends. */
  private boolean alreadyTranslated;

  /**
   * A capture taken on one side of the firewall holds a translated session's replies as they leave
   * it (the reverse of the In wing: {@code server -> inside host} behind source NAT, {@code VIP ->
   * client} in front of destination NAT), not as they arrive. Such a packet is the session's reply:
   * it counts on the Out wing and goes out unchanged. Returns {@code SESSION_INVALIDATED} when it
   * is not one.
   */
  private DropReason replyAsForwarded(
      PacketDescriptor packet, int routingInstance, boolean transportHeader) {
    int mirrored =
        table.lookup(
            packet.destinationHi,
            packet.destinationLo,
            packet.sourceHi,
            packet.sourceLo,
            packet.destinationPort,
            packet.sourcePort,
            packet.protocol,
            routingInstance);
    if (mirrored < 0 || (mirrored & 1) != FORWARD || table.nat(mirrored >>> 1) == 0) {
      return DropReason.SESSION_INVALIDATED;
    }
    alreadyTranslated = true;
    try {
      return fastPath(mirrored >>> 1, REVERSE, packet, transportHeader);
    } finally {
      alreadyTranslated = false;
    }
  }

  private DropReason fastPath(
      int slot, int wing, PacketDescriptor packet, boolean transportHeader) {
    if (SessionTable.elapsed(nowTick, table.lastTick(slot)) >= ticks(table.timeoutSeconds(slot))) {
      close(slot, pendingReason(slot)); // due, but its timer has not fired yet
      return DropReason.SESSION_INVALIDATED;
    }
    if (packet.protocol == 6 && transportHeader) {
      int flags = packet.tcpFlags;
      int bits = table.tcpBits(slot);
      if ((flags & (SYN | ACK)) == SYN && (bits & CLOSING) != 0) {
        close(slot, pendingReason(slot)); // a new connection reuses the tuple of an ending one
        return DropReason.SESSION_INVALIDATED;
      }
      if (!tcpSequenceInWindow(slot, wing, packet, bits)) {
        return drop(DropReason.TCP_OUT_OF_WINDOW);
      }
      table.count(slot, wing, packet.ipLengthBytes);
      table.setLastTick(slot, nowTick);
      trackTcp(slot, wing, packet, bits);
      if (table.nat(slot) != 0 && !alreadyTranslated) {
        nat.translateOnWing(slot, wing, packet, transportHeader);
      }
      return forward();
    }
    table.count(slot, wing, packet.ipLengthBytes);
    table.setLastTick(slot, nowTick);
    if (table.nat(slot) != 0 && !alreadyTranslated) {
      nat.translateOnWing(slot, wing, packet, transportHeader);
    }
    if (wing == REVERSE && isResponseThatCloses(slot, packet)) {
      shorten(slot, settings.responseTimeoutSeconds(), CloseReason.RESPONSE_RECEIVED);
    }
    return forward();
  }

  /** An ICMP echo reply, or a DNS response (the DNS ALG closes the session on its response). */
  private boolean isResponseThatCloses(int slot, PacketDescriptor packet) {
    if (packet.icmpEcho) {
      return packet.icmpType == 0 || packet.icmpType == 129;
    }
    return packet.protocol == 17 && table.destinationPort(slot, FORWARD) == 53;
  }

  private boolean tcpSequenceInWindow(int slot, int wing, PacketDescriptor packet, int bits) {
    if (!settings.sequenceCheck()
        || (bits & (TCP_SEQUENCE_KNOWN << wing)) == 0
        || (packet.tcpFlags & (SYN | RST)) != 0) {
      return true;
    }
    long distance = (int) (packet.tcpSequence - table.nextSequence(slot, wing));
    return distance <= settings.maximumWindowBytes() && distance >= -settings.maximumWindowBytes();
  }

  /**
   * Follows the TCP exchange of a session (RFC 9293 §3.5, with Junos timeouts).
   *
   * <pre>
   *   SYN ─► SYN/ACK ─► ACK : established, timeout tcp-initial (20 s) → application timeout
   *   FIN(wing) ─► ACK of FIN+1 from the other wing : that wing's FIN state 1 → 2
   *   both FINs acknowledged : closing, 2 s left (ends at once with fin-invalidate-session)
   *   RST : closing, 2 s left (ends at once with rst-invalidate-session)
   * </pre>
   */
  private void trackTcp(int slot, int wing, PacketDescriptor packet, int bits) {
    int flags = packet.tcpFlags;
    long end =
        packet.tcpSequence
            + packet.tcpPayloadBytes
            + ((flags & SYN) != 0 ? 1 : 0)
            + ((flags & FIN) != 0 ? 1 : 0);
    if ((bits & (TCP_SEQUENCE_KNOWN << wing)) == 0
        || (int) (end - table.nextSequence(slot, wing)) > 0) {
      table.setNextSequence(slot, wing, end & 0xffff_ffffL);
      bits |= TCP_SEQUENCE_KNOWN << wing;
    }
    if (wing == REVERSE && (flags & (SYN | ACK)) == (SYN | ACK)) {
      bits |= TCP_SYN_ACK;
    }
    if ((bits & TCP_ESTABLISHED) == 0
        && wing == FORWARD
        && (flags & (SYN | ACK)) == ACK
        && (bits & TCP_SYN_ACK) != 0) {
      bits |= TCP_ESTABLISHED;
      table.setTimeoutSeconds(slot, inactivityTimeout(slot));
    }
    if ((flags & FIN) != 0 && (bits & (TCP_FIN_SENT << wing)) == 0) {
      table.setFinSequence(
          slot, wing, (packet.tcpSequence + packet.tcpPayloadBytes) & 0xffff_ffffL);
      bits |= TCP_FIN_SENT << wing;
    }
    int other = 1 - wing;
    if ((flags & ACK) != 0
        && (bits & (TCP_FIN_SENT << other)) != 0
        && (int) (packet.tcpAcknowledgement - (table.finSequence(slot, other) + 1)) >= 0) {
      bits |= TCP_FIN_ACKED << other;
    }
    if ((flags & RST) != 0) {
      bits |= TCP_RST;
    }
    table.setTcpBits(slot, bits);
    if ((bits & CLOSING) != 0) {
      return;
    }
    boolean finished =
        (bits & (TCP_FIN_ACKED | TCP_FIN_ACKED << 1)) == (TCP_FIN_ACKED | TCP_FIN_ACKED << 1);
    if (finished) {
      if (settings.finInvalidateSession()) {
        close(slot, CloseReason.TCP_FIN);
      } else {
        shorten(slot, settings.closingTimeoutSeconds(), CloseReason.TCP_FIN);
      }
    } else if ((flags & RST) != 0) {
      if (settings.rstInvalidateSession()) {
        close(slot, CloseReason.TCP_RST);
      } else {
        shorten(slot, settings.closingTimeoutSeconds(), CloseReason.TCP_RST);
      }
    }
  }

  /** Gives an ending session a short timeout; it will close with {@code reason}. */
  private void shorten(int slot, int seconds, CloseReason reason) {
    if (table.state(slot) != SessionState.VALID.ordinal() + 1) {
      return;
    }
    table.setTimeoutSeconds(slot, seconds);
    table.setCloseReason(slot, reason);
    table.setTcpBits(slot, table.tcpBits(slot) | CLOSING);
    long deadline = nowTick - SessionTable.elapsed(nowTick, table.lastTick(slot)) + ticks(seconds);
    if ((int) (deadline - table.timerDeadline(slot)) < 0) {
      table.schedule(slot, deadline);
    }
  }

  private CloseReason pendingReason(int slot) {
    int pending = table.closeReason(slot);
    return pending == CloseReason.NONE.ordinal()
        ? CloseReason.IDLE_TIMEOUT
        : CLOSE_REASONS[pending];
  }

  // ------------------------------------------------------------------ first path

  private DropReason firstPath(
      PacketDescriptor packet, int ingress, int routingInstance, boolean transportHeader) {
    // 1. screens: none configured yet.
    // 2. TCP SYN check: a session starts only with a SYN (Junos tcp-session syn-check).
    if (packet.protocol == 6
        && settings.synCheck()
        && (!transportHeader || (packet.tcpFlags & (SYN | ACK | RST | FIN)) != SYN)) {
      return drop(DropReason.TCP_NO_SYN);
    }
    if (isDnsReplyWithoutRequest(packet)) {
      return drop(DropReason.DNS_REPLY_WITHOUT_REQUEST);
    }
    // 3. static NAT, else destination NAT, on the packet as received.
    int fromZone = zoneOf(ingress);
    int binding = nat.destination(packet, ingress, fromZone, routingInstance);
    // 4. route lookup in the ingress routing instance, for the translated destination.
    RoutingInstance instance = config.routingInstances().get(routingInstance);
    Route route = instance.lookup(nat.destinationHi, nat.destinationLo);
    if (route == null) {
      return drop(DropReason.NO_ROUTE);
    }
    if (route.type() == RouteType.DISCARD || route.type() == RouteType.REJECT) {
      return drop(DropReason.ROUTE_DISCARD);
    }
    boolean toSelf = route.type() == RouteType.LOCAL;
    int egress = toSelf ? LOCAL_INTERFACE : route.interfaceIndex();
    // 5. zones from the ingress and egress interfaces.
    int toZone = zoneOf(egress);
    // 6. traffic to the firewall itself needs its ingress zone's host-inbound-traffic;
    // then policy: zone pair, then global, then the default policy; self traffic has its own.
    if (toSelf && !hostInboundAllowed(fromZone, packet)) {
      return drop(DropReason.HOST_INBOUND_DENIED);
    }
    long match =
        toSelf
            ? hostPolicy(fromZone, packet)
            : config
                .policies()
                .lookup(
                    config,
                    fromZone,
                    toZone,
                    packet.sourceHi,
                    packet.sourceLo,
                    nat.destinationHi,
                    nat.destinationLo,
                    packet.protocol,
                    packet.sourcePort,
                    nat.destinationPort,
                    packet.icmpType,
                    packet.icmpCode);
    int policy = (int) (match >>> 32);
    int application = (int) match - 1;
    if (policy < policyHits.length) {
      policyHits[policy]++;
    }
    PolicyAction action = config.policies().get(policy).action();
    if (action != PolicyAction.PERMIT) {
      // a denial to the device itself names .local..0 as its incoming interface (reference §3.2)
      listener.sessionDenied(
          this, packet, toSelf ? LOCAL_INTERFACE : ingress, fromZone, toZone, policy);
      if (action == PolicyAction.DENY) {
        return drop(DropReason.POLICY_DENY);
      }
      // reject answers TCP with a RST and UDP with ICMP port unreachable (type 3, code 3); other
      // protocols are dropped silently, as deny does (reference §6.2)
      if (packet.protocol == 6 || packet.protocol == 17) {
        counters.rejectResponsesSent++;
      }
      return drop(DropReason.POLICY_REJECT);
    }
    // 7. reverse static NAT, else source NAT, on the source.
    if (!toSelf) {
      binding = nat.source(packet, ingress, fromZone, egress, toZone, routingInstance, binding);
      if (binding == NatStage.FAILED) {
        counters.failedSessions++;
        listener.sessionNatFailed(this, packet, ingress, fromZone, toZone, policy);
        return drop(DropReason.NAT_POOL_EXHAUSTED);
      }
    }
    // 8. application identification: the policy's application for now.
    // 9. install the session with both wings.
    int slot = table.allocate();
    if (slot < 0) {
      nat.abandon(binding, egress, packet.ipVersion == 6);
      counters.failedSessions++;
      return drop(DropReason.SESSION_TABLE_FULL);
    }
    install(slot, packet, ingress, egress, routingInstance, policy, application, transportHeader);
    table.count(slot, FORWARD, packet.ipLengthBytes);
    if (binding != 0) {
      table.setNat(slot, binding);
      nat.started(binding, packet, transportHeader);
    }
    counters.sessionsCreated++;
    listener.sessionCreated(this, slot);
    return forward();
  }

  /**
   * A DNS response as a first packet (Junos, {@code allow-dns-reply}): a UDP first packet to port
   * 53 whose DNS header has QR = 1 makes no session unless {@code security flow allow-dns-reply} is
   * set. Junos checks the destination port only; a response from port 53 to a client's port is not
   * checked, and neither is a fragment after the first (it has no DNS header).
   */
  private boolean isDnsReplyWithoutRequest(PacketDescriptor packet) {
    return packet.dnsResponse
        && packet.protocol == 17
        && packet.destinationPort == PacketParser.DNS_PORT
        && !settings.allowDnsReply();
  }

  /**
   * The policy for traffic to the device itself that its ingress zone's host-inbound-traffic let
   * through: {@code self-traffic-policy}, unless junos-host policies decide that zone's traffic;
   * then the usual lookup with to-zone junos-host (zone pair, global, default policy).
   */
  private long hostPolicy(int fromZone, PacketDescriptor packet) {
    if (!hostPoliciesDecide(fromZone)) {
      return (long) PolicyTable.SELF_TRAFFIC << 32;
    }
    return config
        .policies()
        .lookup(
            config,
            fromZone,
            hostZone,
            packet.sourceHi,
            packet.sourceLo,
            packet.destinationHi,
            packet.destinationLo,
            packet.protocol,
            packet.sourcePort,
            packet.destinationPort,
            packet.icmpType,
            packet.icmpCode);
  }

  private boolean hostPoliciesDecide(int fromZone) {
    return fromZone >= 0 && fromZone < hostPoliciesFrom.length && hostPoliciesFrom[fromZone];
  }

  /**
   * Which zones' traffic to the device junos-host policies decide: those with a zone-pair policy
   * {@code from-zone Z to-zone junos-host}, and every zone a global policy naming {@code to-zone
   * junos-host} may come from. Other zones keep {@code self-traffic-policy}, as without any such
   * policy. Computed once per configuration.
   */
  private void hostPolicies(RuntimeConfig next) {
    hostZone = -1;
    for (int i = 0; i < next.zones().size(); i++) {
      if (next.zones().get(i).name().equals(Zone.JUNOS_HOST)) {
        hostZone = i;
      }
    }
    hostPoliciesFrom = new boolean[next.zones().size()];
    if (hostZone < 0) {
      return;
    }
    PolicyTable policies = next.policies();
    for (int from = 0; from < hostPoliciesFrom.length; from++) {
      hostPoliciesFrom[from] = policies.hasContext(from, hostZone);
    }
    for (int i = PolicyTable.DEFAULT_POLICY + 1; i < policies.size(); i++) {
      SecurityPolicy policy = policies.get(i);
      if (!policy.global() || !contains(policy.toZones(), hostZone)) {
        continue;
      }
      for (int from = 0; from < hostPoliciesFrom.length; from++) {
        hostPoliciesFrom[from] |=
            policy.fromZones().length == 0 || contains(policy.fromZones(), from);
      }
    }
  }

  private static boolean contains(int[] zones, int zone) {
    for (int candidate : zones) {
      if (candidate == zone) {
        return true;
      }
    }
    return false;
  }

  private boolean hostInboundAllowed(int zone, PacketDescriptor packet) {
    if (zone < 0) {
      return true; // from the firewall itself
    }
    int port = packet.protocol == 1 || packet.protocol == 58 ? 0 : packet.destinationPort;
    return config.zones().get(zone).allowsHostInbound(packet.protocol, port, packet.icmpType);
  }

  private int zoneOf(int interfaceIndex) {
    return interfaceIndex >= config.interfaces().size()
        ? -1
        : config.interfaceAt(interfaceIndex).zone();
  }

  private int tokenOf(int interfaceIndex, int routingInstance) {
    int zone = zoneOf(interfaceIndex);
    int zoneId = zone < 0 ? 0 : config.zones().get(zone).id();
    return (routingInstance << 8) | (zoneId & 0xff);
  }

  private void install(
      int slot,
      PacketDescriptor packet,
      int ingress,
      int egress,
      int routingInstance,
      int policy,
      int application,
      boolean transportHeader) {
    table.setSerial(slot, table.nextSerial(slot));
    boolean ipv6 = packet.ipVersion == 6;
    table.setFlags(slot, ipv6 ? SessionTable.FLAG_IPV6 : 0);
    table.setProtocol(slot, packet.protocol);
    table.setState(slot, SessionState.VALID);
    table.setWingKey(
        slot,
        FORWARD,
        packet.sourceHi,
        packet.sourceLo,
        packet.destinationHi,
        packet.destinationLo,
        packet.sourcePort,
        packet.destinationPort);
    // the Out wing: the reply to the packet as translated (reference §1.2)
    table.setWingKey(
        slot,
        REVERSE,
        nat.destinationHi,
        nat.destinationLo,
        nat.sourceHi,
        nat.sourceLo,
        nat.destinationPort,
        nat.sourcePort);
    table.setToken(slot, FORWARD, tokenOf(ingress, routingInstance));
    table.setToken(slot, REVERSE, tokenOf(egress, routingInstance));
    table.setInterfaceIndex(slot, FORWARD, ingress);
    table.setInterfaceIndex(slot, REVERSE, egress);
    RoutingInstance instance = config.routingInstances().get(routingInstance);
    table.setRoute(slot, FORWARD, instance.table().lookup(packet.sourceHi, packet.sourceLo) + 1);
    table.setRoute(
        slot, REVERSE, instance.table().lookup(nat.destinationHi, nat.destinationLo) + 1);
    table.setPolicy(slot, policy);
    table.setApplication(slot, application + 1);
    table.setCreatedTick(slot, nowTick);
    table.setLastTick(slot, nowTick);
    table.setTimeoutSeconds(slot, inactivityTimeout(slot));
    if (packet.protocol == 6) {
      boolean syn = transportHeader && (packet.tcpFlags & (SYN | ACK)) == SYN;
      int bits =
          syn ? TCP_SYN : TCP_SYN | TCP_SYN_ACK | TCP_ESTABLISHED; // no-syn-check: mid-stream
      if (syn) {
        table.setTimeoutSeconds(slot, settings.tcpInitialTimeoutSeconds());
      }
      table.setTcpBits(slot, bits);
      if (transportHeader) {
        trackTcp(slot, FORWARD, packet, bits);
      }
    }
    table.indexWing(slot, FORWARD);
    table.indexWing(slot, REVERSE);
    if (table.state(slot) == SessionState.VALID.ordinal() + 1) {
      table.schedule(slot, nowTick + timeoutTicks(slot));
    }
  }

  // ------------------------------------------------------------------ ending sessions

  /**
   * Ends a session now: its wings leave the index (a new packet of the tuple takes the first path),
   * it shows as Invalidated for a short while, then its record is reaped.
   */
  public void close(int slot, CloseReason reason) {
    if (table.state(slot) != SessionState.VALID.ordinal() + 1) {
      return;
    }
    table.cancelTimer(slot);
    table.unindexWing(slot, FORWARD);
    table.unindexWing(slot, REVERSE);
    if (table.nat(slot) != 0) {
      nat.ended(slot);
    }
    table.setState(slot, SessionState.INVALIDATED);
    table.setCloseReason(slot, reason);
    counters.sessionsClosed++;
    listener.sessionClosed(this, slot, reason);
    table.schedule(slot, nowTick + ticks(settings.invalidatedLingerSeconds()));
  }

  @Override
  public void onTimer(int slot, long tick) {
    if (table.state(slot) == SessionState.INVALIDATED.ordinal() + 1) {
      table.free(slot);
      counters.sessionsReaped++;
      if (ageingEarly && table.sessionsInUse() < calmBelowSessions) {
        ageingEarly = false; // below the low watermark
      }
      return;
    }
    long idle = SessionTable.elapsed(tick, table.lastTick(slot));
    long timeout = timeoutTicks(slot);
    if (idle < timeout) {
      table.schedule(slot, tick + timeout - idle); // traffic came after the timer was armed
      return;
    }
    close(slot, pendingReason(slot));
  }

  // ------------------------------------------------------------------ reading sessions

  /** Seconds before the session times out, as {@code Timeout} / {@code Current timeout} show. */
  public int remainingSeconds(int slot) {
    int timeout =
        ageingEarly
            ? Math.min(table.timeoutSeconds(slot), settings.earlyAgeoutSeconds())
            : table.timeoutSeconds(slot);
    long remaining = timeout - ticksToSeconds(SessionTable.elapsed(nowTick, table.lastTick(slot)));
    if (table.state(slot) == SessionState.INVALIDATED.ordinal() + 1) {
      return 0;
    }
    return (int) Math.max(0, remaining);
  }

  /** Ticks to whole seconds, rounded to the nearest (a tick is about 67 ms). */
  static long ticksToSeconds(long ticks) {
    return ((ticks << SessionTable.TICK_SHIFT) + 500_000_000L) / 1_000_000_000L;
  }

  /** Seconds from the engine's start to the session's creation. */
  public long startTimeSeconds(int slot) {
    return ticksToSeconds(nowTick - SessionTable.elapsed(nowTick, table.createdTick(slot)));
  }

  /** Seconds since the session was created. */
  public long durationSeconds(int slot) {
    return ticksToSeconds(SessionTable.elapsed(nowTick, table.createdTick(slot)));
  }

  /** The session identifier: the SPU in bits 32 and up, the slot's serial below. */
  public long sessionId(int slot) {
    return ((long) spu << 32) | (table.serial(slot) & 0xffff_ffffL);
  }

  /** The slot of a session identifier owned by this SPU, or -1. */
  public int slotOfSessionId(long sessionId) {
    if ((sessionId >>> 32) != spu) {
      return -1;
    }
    return table.slotOfSerial(sessionId & 0xffff_ffffL);
  }

  /** TCP FIN state of a wing: 0 none, 1 FIN sent, 2 FIN acknowledged. */
  public int finState(int slot, int wing) {
    if (table.protocol(slot) != 6) {
      return 0;
    }
    int bits = table.tcpBits(slot);
    if ((bits & (TCP_FIN_ACKED << wing)) != 0) {
      return 2;
    }
    return (bits & (TCP_FIN_SENT << wing)) != 0 ? 1 : 0;
  }

  public boolean tcpEstablished(int slot) {
    return (table.tcpBits(slot) & TCP_ESTABLISHED) != 0;
  }

  public boolean closing(int slot) {
    return (table.tcpBits(slot) & CLOSING) != 0;
  }

  /** Name of the wing's interface. */
  public String interfaceName(int slot, int wing) {
    int index = table.interfaceIndex(slot, wing);
    if (index == LOCAL_INTERFACE) {
      return RuntimeConfig.LOCAL_INTERFACE;
    }
    FirewallInterface found = index < config.interfaces().size() ? config.interfaceAt(index) : null;
    return found == null ? "unknown" : found.name();
  }
}
