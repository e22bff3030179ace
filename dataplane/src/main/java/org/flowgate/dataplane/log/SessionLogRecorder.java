package org.flowgate.dataplane.log;

import static org.flowgate.dataplane.session.SessionTable.FORWARD;
import static org.flowgate.dataplane.session.SessionTable.REVERSE;

import java.util.function.IntPredicate;
import org.flowgate.dataplane.flow.FlowProcessor;
import org.flowgate.dataplane.flow.SessionListener;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.policy.PolicyAction;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.session.CloseReason;
import org.flowgate.dataplane.session.SessionTable;

/**
 * Turns session starts, ends and policy denials into RT_FLOW events: on the SPU's own thread it
 * copies the record's primitive fields into that SPU's {@link SessionLogRing}, and the logger
 * (management) formats them later. Nothing here allocates, blocks or formats text; a full ring
 * drops the event and counts it.
 *
 * <pre>
 *  SPU k: FlowProcessor ─► sessionCreated/Closed/Denied ─► policy wants it? ─► ring[k].claim
 *         ─► write {@link SessionLogEvent#WORDS} longs ─► publish          (full: dropped++)
 *  logger thread: ring[0..n).poll ─► format ─► sinks
 * </pre>
 *
 * <p>Which sessions are logged follows the policy ({@code then permit ... log session-init /
 * session-close}, {@code then deny log session-init}): three predicates on the policy index. Until
 * the configuration compiler supplies them from the policies, they default to logging everything.
 *
 * <p>Thread: one instance per engine; SPU {@code k} only ever touches ring {@code k}, so each ring
 * has exactly one producer. The predicates must be safe to call from every SPU thread.
 */
public final class SessionLogRecorder implements SessionListener {
  /** Logs every session and every denial. */
  public static final IntPredicate EVERY_POLICY = policyIndex -> true;

  private static final long TICK_NS = 1L << SessionTable.TICK_SHIFT;

  private final SessionLogRing[] rings;
  private final IntPredicate logInit;
  private final IntPredicate logClose;
  private final IntPredicate logDeny;

  public SessionLogRecorder(int spus, int ringCapacityEvents) {
    this(spus, ringCapacityEvents, EVERY_POLICY, EVERY_POLICY, EVERY_POLICY);
  }

  /**
   * @param logInit policy index → log RT_FLOW_SESSION_CREATE ({@code log session-init})
   * @param logClose policy index → log RT_FLOW_SESSION_CLOSE ({@code log session-close})
   * @param logDeny policy index → log RT_FLOW_SESSION_DENY (a deny or reject policy with logging)
   */
  public SessionLogRecorder(
      int spus,
      int ringCapacityEvents,
      IntPredicate logInit,
      IntPredicate logClose,
      IntPredicate logDeny) {
    if (spus < 1) {
      throw new IllegalArgumentException("at least one SPU");
    }
    this.rings = new SessionLogRing[spus];
    for (int i = 0; i < spus; i++) {
      rings[i] = new SessionLogRing(ringCapacityEvents);
    }
    this.logInit = logInit;
    this.logClose = logClose;
    this.logDeny = logDeny;
  }

  public int spuCount() {
    return rings.length;
  }

  public SessionLogRing ring(int spu) {
    return rings[spu];
  }

  /** Events dropped on every SPU because its ring was full. */
  public long dropped() {
    long total = 0;
    for (SessionLogRing ring : rings) {
      total += ring.dropped();
    }
    return total;
  }

  /** Events written and not yet taken by the logger, over every SPU. */
  public long pending() {
    long total = 0;
    for (SessionLogRing ring : rings) {
      total += ring.size();
    }
    return total;
  }

  @Override
  public void sessionCreated(FlowProcessor spu, int slot) {
    SessionTable table = spu.table();
    if (!logInit.test(table.policy(slot))) {
      return;
    }
    SessionLogRing ring = rings[spu.spu()];
    int at = ring.claim();
    if (at < 0) {
      return;
    }
    long[] words = ring.words();
    writeSession(
        words,
        at,
        spu,
        table,
        slot,
        SessionLogEvent.CREATE,
        CloseReason.NONE.ordinal(),
        spu.nowNs());
    words[at + SessionLogEvent.CLIENT_PACKETS] = 0;
    words[at + SessionLogEvent.ELAPSED_SECONDS] = 0;
    words[at + SessionLogEvent.CLIENT_BYTES] = 0;
    words[at + SessionLogEvent.SERVER_PACKETS] = 0;
    words[at + SessionLogEvent.SERVER_BYTES] = 0;
    ring.publish();
  }

  @Override
  public void sessionClosed(FlowProcessor spu, int slot, CloseReason reason) {
    SessionTable table = spu.table();
    if (!logClose.test(table.policy(slot))) {
      return;
    }
    SessionLogRing ring = rings[spu.spu()];
    int at = ring.claim();
    if (at < 0) {
      return;
    }
    // A timer fires when the clock next moves, which may be well after the session fell due: the
    // close is dated at its deadline (last packet + timeout) when that lies before now.
    long nowTick = (spu.nowNs() - spu.epochNs()) >>> SessionTable.TICK_SHIFT;
    long timeoutTicks =
        (table.timeoutSeconds(slot) * 1_000_000_000L + TICK_NS - 1) >>> SessionTable.TICK_SHIFT;
    long idleTicks = SessionTable.elapsed(nowTick, table.lastTick(slot));
    long closeTick = idleTicks > timeoutTicks ? nowTick - idleTicks + timeoutTicks : nowTick;
    long closeNs =
        closeTick == nowTick ? spu.nowNs() : spu.epochNs() + (closeTick << SessionTable.TICK_SHIFT);
    long lifeTicks = SessionTable.elapsed(closeTick, table.createdTick(slot));
    long[] words = ring.words();
    writeSession(words, at, spu, table, slot, SessionLogEvent.CLOSE, reason.ordinal(), closeNs);
    words[at + SessionLogEvent.CLIENT_PACKETS] = table.packets(slot, FORWARD);
    words[at + SessionLogEvent.ELAPSED_SECONDS] =
        ((lifeTicks << SessionTable.TICK_SHIFT) + 500_000_000L) / 1_000_000_000L;
    words[at + SessionLogEvent.CLIENT_BYTES] = table.bytes(slot, FORWARD);
    words[at + SessionLogEvent.SERVER_PACKETS] = table.packets(slot, REVERSE);
    words[at + SessionLogEvent.SERVER_BYTES] = table.bytes(slot, REVERSE);
    ring.publish();
  }

  private static void writeSession(
      long[] words,
      int at,
      FlowProcessor spu,
      SessionTable table,
      int slot,
      int type,
      int reason,
      long timeNs) {
    RuntimeConfig config = spu.config();
    int ingress = table.interfaceIndex(slot, FORWARD);
    int egress = table.interfaceIndex(slot, REVERSE);
    int flags = table.isIpv6(slot) ? SessionLogEvent.FLAG_IPV6 : 0;
    words[at + SessionLogEvent.HEADER] =
        SessionLogEvent.header(type, table.protocol(slot), reason, 0, flags, config.generation());
    words[at + SessionLogEvent.TIME] = timeNs;
    words[at + SessionLogEvent.SESSION] = spu.sessionId(slot);
    words[at + SessionLogEvent.SOURCE_HI] = table.sourceHi(slot, FORWARD);
    words[at + SessionLogEvent.SOURCE_LO] = table.sourceLo(slot, FORWARD);
    words[at + SessionLogEvent.DESTINATION_HI] = table.destinationHi(slot, FORWARD);
    words[at + SessionLogEvent.DESTINATION_LO] = table.destinationLo(slot, FORWARD);
    // The Out wing is the reply to the translated packet: its destination is the translated source.
    words[at + SessionLogEvent.PORTS] =
        SessionLogEvent.ports(
            table.sourcePort(slot, FORWARD), table.destinationPort(slot, FORWARD),
            table.destinationPort(slot, REVERSE), table.sourcePort(slot, REVERSE));
    words[at + SessionLogEvent.NAT_SOURCE_HI] = table.destinationHi(slot, REVERSE);
    words[at + SessionLogEvent.NAT_SOURCE_LO] = table.destinationLo(slot, REVERSE);
    words[at + SessionLogEvent.NAT_DESTINATION_HI] = table.sourceHi(slot, REVERSE);
    words[at + SessionLogEvent.NAT_DESTINATION_LO] = table.sourceLo(slot, REVERSE);
    words[at + SessionLogEvent.POLICY] =
        SessionLogEvent.policy(table.policy(slot), ingress, table.application(slot));
    words[at + SessionLogEvent.ZONES] =
        SessionLogEvent.zones(zoneOf(config, ingress), zoneOf(config, egress), table.nat(slot));
    words[at + SessionLogEvent.RESERVED] = 0;
  }

  private static int zoneOf(RuntimeConfig config, int interfaceIndex) {
    if (interfaceIndex == FlowProcessor.LOCAL_INTERFACE
        || interfaceIndex >= config.interfaces().size()) {
      return -1;
    }
    return config.interfaceAt(interfaceIndex).zone();
  }

  @Override
  public void sessionDenied(
      FlowProcessor spu,
      PacketDescriptor packet,
      int ingressInterface,
      int fromZone,
      int toZone,
      int policyIndex) {
    if (logDeny.test(policyIndex)) {
      recordDeny(spu, packet, ingressInterface, fromZone, toZone, policyIndex, 0);
    }
  }

  /** Logged as a DENY when the permitting policy logs its sessions at all. */
  @Override
  public void sessionNatFailed(
      FlowProcessor spu,
      PacketDescriptor packet,
      int ingressInterface,
      int fromZone,
      int toZone,
      int policyIndex) {
    if (logInit.test(policyIndex) || logClose.test(policyIndex)) {
      recordDeny(
          spu,
          packet,
          ingressInterface,
          fromZone,
          toZone,
          policyIndex,
          SessionLogEvent.FLAG_NAT_FAILED);
    }
  }

  private void recordDeny(
      FlowProcessor spu,
      PacketDescriptor packet,
      int ingressInterface,
      int fromZone,
      int toZone,
      int policyIndex,
      int extraFlags) {
    SessionLogRing ring = rings[spu.spu()];
    int at = ring.claim();
    if (at < 0) {
      return;
    }
    RuntimeConfig config = spu.config();
    boolean icmp = packet.protocol == 1 || packet.protocol == 58;
    int flags =
        (packet.ipVersion == 6 ? SessionLogEvent.FLAG_IPV6 : 0)
            | (config.policies().get(policyIndex).action() == PolicyAction.REJECT
                ? SessionLogEvent.FLAG_REJECT
                : 0)
            | extraFlags;
    long[] words = ring.words();
    words[at + SessionLogEvent.HEADER] =
        SessionLogEvent.header(
            SessionLogEvent.DENY,
            packet.protocol,
            CloseReason.NONE.ordinal(),
            icmp ? packet.icmpType : 0,
            flags,
            config.generation());
    words[at + SessionLogEvent.TIME] = spu.nowNs();
    words[at + SessionLogEvent.SESSION] = 0;
    words[at + SessionLogEvent.SOURCE_HI] = packet.sourceHi;
    words[at + SessionLogEvent.SOURCE_LO] = packet.sourceLo;
    words[at + SessionLogEvent.DESTINATION_HI] = packet.destinationHi;
    words[at + SessionLogEvent.DESTINATION_LO] = packet.destinationLo;
    words[at + SessionLogEvent.PORTS] =
        SessionLogEvent.ports(
            packet.sourcePort, packet.destinationPort, packet.sourcePort, packet.destinationPort);
    words[at + SessionLogEvent.NAT_SOURCE_HI] = packet.sourceHi;
    words[at + SessionLogEvent.NAT_SOURCE_LO] = packet.sourceLo;
    words[at + SessionLogEvent.NAT_DESTINATION_HI] = packet.destinationHi;
    words[at + SessionLogEvent.NAT_DESTINATION_LO] = packet.destinationLo;
    words[at + SessionLogEvent.POLICY] = SessionLogEvent.policy(policyIndex, ingressInterface, 0);
    words[at + SessionLogEvent.ZONES] = SessionLogEvent.zones(fromZone, toZone, 0);
    for (int i = SessionLogEvent.CLIENT_PACKETS; i < SessionLogEvent.WORDS; i++) {
      words[at + i] = 0;
    }
    ring.publish();
  }
}
