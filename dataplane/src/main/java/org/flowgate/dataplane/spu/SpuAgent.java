package org.flowgate.dataplane.spu;

import org.flowgate.dataplane.dispatch.NatOwnership;
import org.flowgate.dataplane.flow.FirstPacket;
import org.flowgate.dataplane.flow.FlowCounters;
import org.flowgate.dataplane.flow.FragmentTracker;
import org.flowgate.dataplane.flow.InterfaceCounters;
import org.flowgate.dataplane.flow.PacketSink;
import org.flowgate.dataplane.flow.PacketTrace;
import org.flowgate.dataplane.flow.SessionApplications;
import org.flowgate.dataplane.flow.SessionEvents;
import org.flowgate.dataplane.flow.SessionLifecycle;
import org.flowgate.dataplane.flow.SessionNumbering;
import org.flowgate.dataplane.flow.SessionTrafficControl;
import org.flowgate.dataplane.flow.SessionView;
import org.flowgate.dataplane.flow.SpuClock;
import org.flowgate.dataplane.flow.TracedPacket;
import org.flowgate.dataplane.flow.alg.AlgEngine;
import org.flowgate.dataplane.flow.fast.FastPath;
import org.flowgate.dataplane.flow.fast.TcpTracker;
import org.flowgate.dataplane.flow.first.FirstPath;
import org.flowgate.dataplane.flow.nat.NatTranslator;
import org.flowgate.dataplane.flow.screen.ScreenEngine;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.route.Route;
import org.flowgate.dataplane.route.RouteType;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.runtime.TraceOptions;
import org.flowgate.dataplane.session.SessionTable;

/**
 * One SPU: it owns the clock, the session table and everything that changes it, and drives the flow
 * for every packet its shard hands it.
 *
 * <pre>
 * process(packet)      clock ─► timers and ageing (SessionLifecycle)
 *   ├─ non-first fragment ─► ports of its first fragment (FragmentTracker), or drop
 *   ├─ ICMP error ─────────► FastPath.icmpError: the session of the quoted packet
 *   ├─ session hit ────────► screens of the wing's zone (ScreenEngine), then
 *   │                        FastPath.onSession: TCP state, counters, timeout, NAT rewrite
 *   ├─ reply as forwarded ─► FastPath.replyAsForwarded (a capture from one side of NAT)
 *   └─ miss ───────────────► FirstPath: stages ─► install two wings
 *                          ─► forwarded: counted and handed to the PacketSink; dropped: counted
 * installConfig(next)  every stage takes the generation ─► ConfigReconciler carries the sessions
 * </pre>
 *
 * Time is virtual: {@link #advanceTo} moves the clock (never backwards) and fires the timers that
 * fall due, so the same packets always give the same table. Nothing on the per-packet path
 * allocates. Other threads reach an SPU only through its {@link Shard}.
 *
 * <p>Thread: owned by its shard's thread; built on another thread and then handed over.
 */
public final class SpuAgent {
  /** The most packets {@link #processBatch} takes at once. */
  public static final int MAXIMUM_BATCH = 32;

  private static final int UNRESOLVED = -2;

  private final int spu;

  /**
   * {@code (thd N)} of this SPU's trace lines: its number where the platform shows SPUs, else 0.
   */
  private final int traceThread;

  private final SessionTable table;
  private final SpuClock clock = new SpuClock();
  private final FlowCounters counters = new FlowCounters();
  private final InterfaceCounters interfaceCounters = new InterfaceCounters();

  // where the packet in hand came in and leaves, set by decide (per-interface counters, traces)
  private int packetIngress;
  private int packetEgress;
  private boolean packetFirstPath;

  // security flow traceoptions: who hears traced packets, and the packet being traced
  private PacketTrace trace = PacketTrace.NONE;
  private TraceOptions traceOptions = TraceOptions.NONE;
  private final TracedPacket traced = new TracedPacket();
  private final FragmentTracker fragments = new FragmentTracker(4096);
  private final SessionView view;
  private final SessionLifecycle lifecycle;
  private final NatTranslator nat;
  private final AlgEngine alg;
  private final SessionApplications applications;
  private final SessionTrafficControl trafficControl;
  private final TcpTracker tcp;
  private final FastPath fastPath;
  private final FirstPath firstPath;
  private final ConfigReconciler reconciler;
  private final ScreenEngine screens;
  private NatOwnership natOwnership = NatOwnership.SINGLE;
  private PacketSink sink = PacketSink.DISCARD;
  private RuntimeConfig config;

  // batch read-ahead, see processBatch
  private final int[] batchHashes = new int[MAXIMUM_BATCH];
  private final boolean[] batchHashed = new boolean[MAXIMUM_BATCH];
  private final int[] batchSlots = new int[MAXIMUM_BATCH];
  private long readAheadSink;

  /** An SPU numbering its sessions across the device (a vSRX's, or a test's). */
  public SpuAgent(int spu, SessionTable table, RuntimeConfig config) {
    this(spu, table, config, SessionNumbering.device(spu));
  }

  public SpuAgent(int spu, SessionTable table, RuntimeConfig config, SessionNumbering numbering) {
    this.spu = spu;
    this.traceThread = numbering.perSpu() ? spu : 0;
    this.table = table;
    this.view = new SessionView(spu, table, clock, numbering);
    this.lifecycle = new SessionLifecycle(table, clock, counters, view);
    this.view.bind(lifecycle);
    this.nat = new NatTranslator(table, counters, clock);
    this.alg = new AlgEngine(spu, table, clock, nat);
    this.alg.setLifecycle(lifecycle);
    this.view.bindAlg(alg);
    this.applications = new SessionApplications(table, clock);
    this.view.bindApplications(applications);
    this.tcp = new TcpTracker(table, lifecycle);
    this.fastPath = new FastPath(table, clock, lifecycle, tcp, nat, counters, applications, alg);
    this.firstPath =
        new FirstPath(
            spu, table, clock, lifecycle, tcp, nat, counters, view, numbering, applications, alg);
    this.screens = firstPath.screens();
    this.fastPath.setDecisions(firstPath::applicationDecided);
    this.trafficControl = new SessionTrafficControl(table, clock, applications, view, nat);
    this.view.bindTrafficControl(trafficControl);
    this.fastPath.setTrafficControl(trafficControl);
    SessionEvents withTrafficControl = trafficControl.around(SessionEvents.NONE);
    lifecycle.setEvents(withTrafficControl);
    firstPath.setEvents(withTrafficControl);
    this.lifecycle.setEnding(
        slot -> {
          alg.sessionEnding(slot);
          nat.sessionEnding(slot);
          screens.sessionEnding(slot);
          applications.sessionEnding(slot);
        });
    this.reconciler = new ConfigReconciler(table, lifecycle, nat, firstPath);
    this.reconciler.bindApplications(applications);
    installConfig(config);
  }

  /**
   * Tells the agent it is one of {@code spus} SPUs, so that its NAT allocator hands out only the
   * pool addresses and ports whose replies are dispatched to it. Call before the first packet.
   */
  public void setSpuCount(int spus) {
    this.natOwnership = new NatOwnership(spu, spus);
    nat.install(config, natOwnership);
  }

  /** Who hears sessions start and end (session logs, tests). */
  public void setEvents(SessionEvents events) {
    SessionEvents withTrafficControl = trafficControl.around(events); // AppQoS, AppTrack first
    lifecycle.setEvents(withTrafficControl);
    firstPath.setEvents(withTrafficControl);
    nat.setBlockListener(
        (allocated, pool, hostHi, hostLo, addressHi, addressLo, lowPort, used, nowNs) -> {
          org.flowgate.dataplane.nat.PortBlockAllocation blocks =
              config.nat().sourcePools().get(pool).blockAllocation();
          events.portBlock(
              spu,
              config,
              allocated,
              pool,
              hostHi,
              hostLo,
              addressHi,
              addressLo,
              lowPort,
              lowPort + blocks.blockSize() - 1,
              used,
              blocks.maximumBlocksPerHost(),
              nowNs);
        });
  }

  /** Who hears the packets {@code security flow traceoptions} selects. */
  public void setTrace(PacketTrace packetTrace) {
    this.trace = packetTrace;
  }

  /** Where forwarded and self-built packets go. */
  public void setSink(PacketSink packetSink) {
    this.sink = packetSink;
    firstPath.setSink(packetSink);
  }

  /**
   * Installs a new configuration generation; sessions keep the decisions of their first packet and
   * follow their policy, interfaces and NAT rules by name (ConfigReconciler). Returns how many
   * sessions closed because of it.
   */
  public int installConfig(RuntimeConfig next) {
    RuntimeConfig previous = this.config;
    this.config = next;
    view.install(next);
    interfaceCounters.install(next.interfaces());
    traceOptions = next.settings().trace();
    lifecycle.install(next);
    tcp.install(next.settings());
    fastPath.install(next.settings());
    nat.install(next, natOwnership);
    alg.install(next);
    applications.install(next);
    trafficControl.install(next);
    firstPath.install(next);
    int closed = previous == null || previous == next ? 0 : reconciler.reconcile(previous, next);
    if (previous != null && previous != next) {
      trafficControl.rematch(); // the sessions' policies in the new generation
    }
    return closed;
  }

  // ------------------------------------------------------------------ time

  /** Sets the moment the engine started; {@code Start time} counts from here. */
  public void startClock(long startNs) {
    clock.start(startNs);
  }

  /**
   * Moves the virtual clock to {@code timeNs} (never back) and fires every timer due by then. A
   * defect thrown by a timer is counted ({@link FlowCounters#timerFaults}) and never ends the SPU's
   * thread: a session's timer is guarded by {@link SessionLifecycle#onTimer}, gates' expiry here.
   */
  public void advanceTo(long timeNs) {
    clock.advanceTo(timeNs);
    lifecycle.beforePacket();
    try {
      alg.expire();
    } catch (RuntimeException fault) {
      lifecycle.countTimerFault();
    }
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

  private DropReason process(PacketDescriptor packet, boolean hashed, int keyHash) {
    boolean tracing = trace != PacketTrace.NONE && traceOptions.active();
    if (tracing) {
      arrived(packet);
    }
    DropReason verdict;
    try {
      verdict = decide(packet, hashed, keyHash);
    } catch (RuntimeException fault) {
      // A defect of Flowgate's own in a stage, the fast path or a listener must not end the SPU's
      // thread (the replay would wait for it forever, a live port would stop): the packet is
      // dropped and counted as a flow fault, the SPU goes on with the next one.
      verdict = DropReason.FLOW_FAULT;
    }
    if (verdict == null) {
      counters.packetsForwarded++;
      sink.forward(packet);
    } else {
      counters.drop(verdict);
    }
    interfaceCounters.count(
        packetIngress, packetEgress, packetFirstPath && verdict == null, packet, verdict);
    if (tracing) {
      traceOutcome(verdict);
    }
    return verdict;
  }

  // ------------------------------------------------------------------ traceoptions

  /** A packet to perhaps trace: how it arrived, before NAT rewrites it. */
  private void arrived(PacketDescriptor packet) {
    TracedPacket t = traced;
    t.timeNs = packet.timestampNs;
    t.ordinal = packet.ordinal;
    t.ipVersion = packet.ipVersion;
    t.protocol = packet.protocol;
    t.ipLengthBytes = packet.ipLengthBytes;
    t.ipId = packet.fragmentId;
    t.tcpFlags = packet.tcpFlags;
    t.icmpType = packet.icmpType;
    t.icmpCode = packet.icmpCode;
    t.frameOffset = packet.frameOffset;
    t.sourceHi = packet.sourceHi;
    t.sourceLo = packet.sourceLo;
    t.destinationHi = packet.destinationHi;
    t.destinationLo = packet.destinationLo;
    t.sourcePort = packet.sourcePort;
    t.destinationPort = packet.destinationPort;
  }

  /**
   * The decisions about a packet that {@link #arrived}: handed to the trace when a packet filter
   * selects it (as it arrived, on the interface it came in on).
   */
  private void traceOutcome(DropReason verdict) {
    TracedPacket t = traced;
    int filter =
        traceOptions.match(
            t.sourceHi,
            t.sourceLo,
            t.destinationHi,
            t.destinationLo,
            t.sourcePort,
            t.destinationPort,
            t.protocol,
            packetIngress);
    if (filter < 0) {
      return;
    }
    t.spu = spu;
    t.thread = traceThread;
    t.generation = config.generation();
    t.filter = filter;
    t.verdict = verdict;
    t.firstPath = packetFirstPath;
    t.ingress = packetIngress;
    t.egress = packetEgress;
    t.toSelf = packetEgress == SessionView.LOCAL_INTERFACE;
    t.sessionId = -1;
    t.policy = -1;
    t.natBinding = 0;
    t.fromZone = config.zoneOf(packetIngress);
    t.toZone = -1;
    t.routingInstance = 0;
    t.leavingSourceHi = t.sourceHi;
    t.leavingSourceLo = t.sourceLo;
    t.leavingDestinationHi = t.destinationHi;
    t.leavingDestinationLo = t.destinationLo;
    t.leavingSourcePort = t.sourcePort;
    t.leavingDestinationPort = t.destinationPort;
    int slot = -1;
    if (packetFirstPath) {
      FirstPacket walked = firstPath.current();
      t.fromZone = walked.fromZone;
      t.toZone = walked.toZone;
      t.routingInstance = walked.routingInstance;
      t.policy = walked.policy;
      t.natBinding = walked.natBinding;
      t.leavingSourceHi = walked.sourceHi;
      t.leavingSourceLo = walked.sourceLo;
      t.leavingDestinationHi = walked.destinationHi;
      t.leavingDestinationLo = walked.destinationLo;
      t.leavingSourcePort = walked.sourcePort;
      t.leavingDestinationPort = walked.destinationPort;
      if (verdict == null) {
        int reference =
            table.lookup(
                t.sourceHi,
                t.sourceLo,
                t.destinationHi,
                t.destinationLo,
                t.sourcePort,
                t.destinationPort,
                t.protocol,
                walked.routingInstance);
        slot = reference < 0 ? -1 : SessionTable.slotOf(reference);
      }
    } else if (fastPath.lastSlot >= 0) {
      slot = fastPath.lastSlot;
      int other = 1 - fastPath.lastWing;
      t.leavingSourceHi = table.destinationHi(slot, other);
      t.leavingSourceLo = table.destinationLo(slot, other);
      t.leavingDestinationHi = table.sourceHi(slot, other);
      t.leavingDestinationLo = table.sourceLo(slot, other);
      t.leavingSourcePort = table.destinationPort(slot, other);
      t.leavingDestinationPort = table.sourcePort(slot, other);
      t.natBinding = table.nat(slot);
      t.policy = table.policy(slot);
    }
    if (slot >= 0) {
      t.sessionId = table.sessionId(slot);
    }
    t.keyHash =
        SessionTable.keyHash(
            t.sourceHi,
            t.sourceLo,
            t.destinationHi,
            t.destinationLo,
            t.sourcePort,
            t.destinationPort,
            t.protocol,
            t.routingInstance);
    trace.traced(t);
  }

  /** The end of a batch: the sink may send what it was handed together. */
  public void flushSink() {
    sink.flush();
  }

  /** Counts a frame the decoder refused; it was received and dropped for {@code reason}. */
  public void countUndecodable(DropReason reason, long timestampNs) {
    advanceTo(timestampNs);
    counters.packetsReceived++;
    counters.drop(reason);
  }

  /**
   * Counts a frame the decoder refused, whose fields it filled as far as it read: an ICMP fragment
   * past 65535 bytes or a bad IPv4 option list meets the ingress zone's ping-death and bad-option
   * screens, which may name the drop.
   */
  public void countUndecodable(DropReason reason, PacketDescriptor packet) {
    advanceTo(packet.timestampNs);
    counters.packetsReceived++;
    DropReason verdict = reason;
    if (screens.active()
        && packet.ipVersion != 0
        && (reason == DropReason.BAD_FRAGMENT || reason == DropReason.BAD_IP_OPTIONS)) {
      int ingress = ingressInterface(packet);
      verdict = screens.onUndecodable(reason, packet, ingress, clock.nowNs());
    }
    counters.drop(verdict);
  }

  private DropReason decide(PacketDescriptor packet, boolean hashed, int keyHash) {
    packetIngress = -1;
    packetEgress = -1;
    packetFirstPath = false;
    fastPath.lastSlot = -1;
    advanceTo(packet.timestampNs);
    counters.packetsReceived++;
    counters.bytesReceived += packet.ipLengthBytes;
    boolean transportHeader = !packet.fragment || packet.firstFragment;
    if (packet.fragment) {
      counters.fragments++;
      if (packet.firstFragment) {
        fragments.remember(packet, clock.nowNs());
      } else if (!fragments.resolve(packet, clock.nowNs())) {
        return DropReason.FRAGMENT_WITHOUT_FIRST;
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
        return DropReason.NO_ROUTE;
      }
      routingInstance =
          ingress == SessionView.LOCAL_INTERFACE
              ? 0
              : config.interfaceAt(ingress).routingInstance();
    }
    if (packet.icmpError) {
      DropReason verdict = fastPath.icmpError(packet, routingInstance);
      fastPathInterfaces();
      return verdict;
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
    boolean screened = false;
    if (reference >= 0) {
      int slot = SessionTable.slotOf(reference);
      int wing = SessionTable.wingOf(reference);
      if (screens.active()) {
        DropReason screen =
            screens.onSessionPacket(slot, wing, packet, transportHeader, clock.nowNs());
        if (screen != null) {
          packetIngress = table.interfaceIndex(slot, wing); // counted on the interface it came in
          return screen;
        }
        screened = true;
      }
      DropReason verdict = fastPath.onSession(slot, wing, packet, transportHeader);
      if (verdict != DropReason.SESSION_INVALIDATED) {
        fastPathInterfaces();
        return verdict;
      }
    } else if (nat.active() && nat.mayBeForwardedReply(packet)) {
      DropReason verdict = fastPath.replyAsForwarded(packet, routingInstance, transportHeader);
      if (verdict != DropReason.SESSION_INVALIDATED) {
        fastPathInterfaces();
        return verdict;
      }
    }
    if (ingress == UNRESOLVED) {
      ingress = ingressInterface(packet);
      if (ingress < 0) {
        return DropReason.NO_ROUTE;
      }
    }
    screens.screenedOnFastPath(screened);
    DropReason verdict =
        firstPath.process(packet, config, clock.nowNs(), ingress, routingInstance, transportHeader);
    if (trafficControl.active) {
      // the packet that created a session is its first: rate-limited and marked like the rest
      DropReason limited = trafficControl.firstPacket(packet, transportHeader, verdict == null);
      verdict = verdict == null ? limited : verdict;
    }
    FirstPacket walked = firstPath.current();
    packetIngress = walked.ingress;
    packetEgress = walked.toSelf ? SessionView.LOCAL_INTERFACE : walked.egress;
    packetFirstPath = true;
    return verdict;
  }

  /** The interfaces of the wing the fast path counted the packet on, and of the other wing. */
  private void fastPathInterfaces() {
    int slot = fastPath.lastSlot;
    if (slot >= 0) {
      packetIngress = table.interfaceIndex(slot, fastPath.lastWing);
      packetEgress = table.interfaceIndex(slot, 1 - fastPath.lastWing);
    }
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
    return back.type() == RouteType.LOCAL ? SessionView.LOCAL_INTERFACE : back.interfaceIndex();
  }

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
          !hashed
              ? 0
              : p.keyHashKnown
                  ? p.keyHash // the dispatcher's, from the same frame (Shard)
                  : SessionTable.keyHash(
                      p.sourceHi,
                      p.sourceLo,
                      p.destinationHi,
                      p.destinationLo,
                      p.sourcePort,
                      p.destinationPort,
                      p.protocol,
                      0);
    }
    long readAhead = 0;
    for (int i = 0; i < count; i++) {
      readAhead += batchHashed[i] ? table.readHome(batchHashes[i]) : 0;
    }
    for (int i = 0; i < count; i++) {
      batchSlots[i] = batchHashed[i] ? table.candidateSlot(batchHashes[i]) : -1;
    }
    for (int i = 0; i < count; i++) {
      readAhead += table.readRecord(batchSlots[i]);
    }
    readAheadSink += readAhead;
    int forwarded = 0;
    for (int i = 0; i < count; i++) {
      if (process(packets[i], batchHashed[i], batchHashes[i]) == null) {
        forwarded++;
      }
    }
    return forwarded;
  }

  // ------------------------------------------------------------------ for queries and tests

  public int spu() {
    return spu;
  }

  public SessionTable table() {
    return table;
  }

  public FlowCounters counters() {
    return counters;
  }

  public RuntimeConfig config() {
    return config;
  }

  public SpuClock clock() {
    return clock;
  }

  /** The read view of this SPU's sessions (position it with {@code at(slot)}). */
  public SessionView view() {
    return view;
  }

  public SessionLifecycle lifecycle() {
    return lifecycle;
  }

  public NatTranslator nat() {
    return nat;
  }

  /** This SPU's application identification: the inspector and what each session is. */
  /** Application traffic control and tracking of this SPU (ADR 0034). */
  public SessionTrafficControl trafficControl() {
    return trafficControl;
  }

  public SessionApplications applications() {
    return applications;
  }

  public FirstPath firstPath() {
    return firstPath;
  }

  /** This SPU's application layer gateways (gates, resource manager, counters). */
  public AlgEngine alg() {
    return alg;
  }

  public ScreenEngine screens() {
    return screens;
  }

  /** The SPU's per-interface counters. */
  public InterfaceCounters interfaceCounters() {
    return interfaceCounters;
  }
}
