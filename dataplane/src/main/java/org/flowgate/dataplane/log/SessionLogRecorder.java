package org.flowgate.dataplane.log;

import static org.flowgate.dataplane.session.SessionTable.FORWARD;
import static org.flowgate.dataplane.session.SessionTable.REVERSE;

import java.util.function.IntPredicate;
import org.flowgate.dataplane.flow.SessionEvents;
import org.flowgate.dataplane.flow.SessionView;
import org.flowgate.dataplane.flow.SpuClock;
import org.flowgate.dataplane.net.IpProtocol;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.policy.PolicyAction;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.session.CloseReason;
import org.flowgate.dataplane.session.SessionTable;

/**
 * Turns session starts, ends and policy denials into RT_FLOW events, and screen alarms into RT_IDS
 * events: on the SPU's own thread it copies the record's primitive fields into that SPU's {@link
 * SessionLogRing}, and the logger (management) formats them later. Nothing here allocates, blocks
 * or formats text; a full ring drops the event and counts it.
 *
 * <pre>
 *  SPU k: SessionEvents ─► created/closed/refused ─► policy wants it? ─► ring[k].claim
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
public final class SessionLogRecorder implements SessionEvents {
  /** Logs every session and every denial. */
  public static final IntPredicate EVERY_POLICY = policyIndex -> true;

  /**
   * Whether a policy of a generation logs: judged against the generation the SPU ran when the
   * session started or ended (a commit may have renumbered or changed the policies since).
   */
  @FunctionalInterface
  public interface PolicyLogs {
    boolean test(RuntimeConfig generation, int policyIndex);
  }

  private final SessionLogRing[] rings;
  private final PolicyLogs logInit;
  private final PolicyLogs logClose;
  private final PolicyLogs logDeny;

  public SessionLogRecorder(int spus, int ringCapacityEvents) {
    this(spus, ringCapacityEvents, EVERY_POLICY, EVERY_POLICY, EVERY_POLICY);
  }

  /** Predicates on the policy index alone (whatever the generation). */
  public SessionLogRecorder(
      int spus,
      int ringCapacityEvents,
      IntPredicate logInit,
      IntPredicate logClose,
      IntPredicate logDeny) {
    this(
        spus,
        ringCapacityEvents,
        (PolicyLogs) (generation, policy) -> logInit.test(policy),
        (generation, policy) -> logClose.test(policy),
        (generation, policy) -> logDeny.test(policy));
  }

  /**
   * @param logInit policy index → log RT_FLOW_SESSION_CREATE ({@code log session-init})
   * @param logClose policy index → log RT_FLOW_SESSION_CLOSE ({@code log session-close})
   * @param logDeny policy index → log RT_FLOW_SESSION_DENY (a deny or reject policy with logging)
   */
  public SessionLogRecorder(
      int spus,
      int ringCapacityEvents,
      PolicyLogs logInit,
      PolicyLogs logClose,
      PolicyLogs logDeny) {
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
  public void sessionCreated(SessionView session) {
    if (!logInit.test(session.config(), session.policyIndex())) {
      return;
    }
    SessionLogRing ring = rings[session.spu()];
    int at = ring.claim();
    if (at < 0) {
      return;
    }
    long[] words = ring.words();
    writeSession(
        words, at, session, SessionLogEvent.CREATE, CloseReason.NONE.ordinal(), session.nowNs());
    words[at + SessionLogEvent.CLIENT_PACKETS] = 0;
    words[at + SessionLogEvent.ELAPSED_SECONDS] = 0;
    words[at + SessionLogEvent.CLIENT_BYTES] = 0;
    words[at + SessionLogEvent.SERVER_PACKETS] = 0;
    words[at + SessionLogEvent.SERVER_BYTES] = 0;
    ring.publish(at, session.config());
  }

  /**
   * The final policy of a unified-policy session: its CREATE, when that policy logs session-init.
   */
  @Override
  public void sessionPolicyMatched(SessionView session) {
    sessionCreated(session);
  }

  @Override
  public void sessionClosed(SessionView session, CloseReason reason) {
    if (!logClose.test(session.config(), session.policyIndex())) {
      return;
    }
    SessionLogRing ring = rings[session.spu()];
    int at = ring.claim();
    if (at < 0) {
      return;
    }
    // A timer fires when the clock next moves, which may be well after the session fell due: the
    // close is dated at its deadline (last packet + timeout) when that lies before now.
    long nowTick = session.nowTick();
    long timeoutTicks = SpuClock.ticks(session.timeoutSeconds());
    long idleTicks = SessionTable.elapsed(nowTick, session.lastTick());
    long closeTick = idleTicks > timeoutTicks ? nowTick - idleTicks + timeoutTicks : nowTick;
    long closeNs =
        closeTick == nowTick
            ? session.nowNs()
            : session.epochNs() + (closeTick << SessionTable.TICK_SHIFT);
    long lifeTicks = SessionTable.elapsed(closeTick, session.createdTick());
    long[] words = ring.words();
    writeSession(words, at, session, SessionLogEvent.CLOSE, reason.ordinal(), closeNs);
    words[at + SessionLogEvent.CLIENT_PACKETS] = session.packets(FORWARD);
    words[at + SessionLogEvent.ELAPSED_SECONDS] = SpuClock.ticksToSeconds(lifeTicks);
    words[at + SessionLogEvent.CLIENT_BYTES] = session.bytes(FORWARD);
    words[at + SessionLogEvent.SERVER_PACKETS] = session.packets(REVERSE);
    words[at + SessionLogEvent.SERVER_BYTES] = session.bytes(REVERSE);
    ring.publish(at, session.config());
  }

  /**
   * An AppTrack message (ADR 0034): always recorded (AppTrack's own settings chose it), with the
   * session's counts at this moment for an update or a close. False when the ring was full.
   */
  @Override
  public boolean appTrack(SessionView session, int message, CloseReason reason) {
    SessionLogRing ring = rings[session.spu()];
    int at = ring.claim();
    if (at < 0) {
      return false;
    }
    int type =
        switch (message) {
          case SessionEvents.APPTRACK_CREATE -> SessionLogEvent.APPTRACK_CREATE;
          case SessionEvents.APPTRACK_VOLUME_UPDATE -> SessionLogEvent.APPTRACK_VOLUME_UPDATE;
          default -> SessionLogEvent.APPTRACK_CLOSE;
        };
    long[] words = ring.words();
    int closeReason = reason == null ? CloseReason.NONE.ordinal() : reason.ordinal();
    writeSession(words, at, session, type, closeReason, session.nowNs());
    int egress = session.interfaceIndex(REVERSE);
    RuntimeConfig config = session.config();
    int instance =
        egress >= 0 && egress < config.interfaces().size()
            ? config.interfaceAt(egress).routingInstance()
            : 0;
    words[at + SessionLogEvent.APPLICATIONS] |= SessionLogEvent.egress(egress, instance);
    boolean counts = type != SessionLogEvent.APPTRACK_CREATE;
    long lifeTicks = SessionTable.elapsed(session.nowTick(), session.createdTick());
    words[at + SessionLogEvent.CLIENT_PACKETS] = counts ? session.packets(FORWARD) : 0;
    words[at + SessionLogEvent.ELAPSED_SECONDS] = counts ? SpuClock.ticksToSeconds(lifeTicks) : 0;
    words[at + SessionLogEvent.CLIENT_BYTES] = counts ? session.bytes(FORWARD) : 0;
    words[at + SessionLogEvent.SERVER_PACKETS] = counts ? session.packets(REVERSE) : 0;
    words[at + SessionLogEvent.SERVER_BYTES] = counts ? session.bytes(REVERSE) : 0;
    ring.publish(at, session.config());
    return true;
  }

  @Override
  public boolean appQosLog(SessionView session, int ruleSet, int rule, int action) {
    SessionLogRing ring = rings[session.spu()];
    int at = ring.claim();
    if (at < 0) {
      return false;
    }
    long[] words = ring.words();
    writeSession(
        words,
        at,
        session,
        SessionLogEvent.APPQOS_LOG,
        CloseReason.NONE.ordinal(),
        session.nowNs());
    words[at + SessionLogEvent.APPQOS_RULE_SET] = ruleSet;
    words[at + SessionLogEvent.APPQOS_RULE] = rule;
    words[at + SessionLogEvent.APPQOS_ACTION] = action;
    words[at + SessionLogEvent.ELAPSED_SECONDS] = 0;
    words[at + SessionLogEvent.SERVER_BYTES] = 0;
    ring.publish();
    return true;
  }

  private static void writeSession(
      long[] words, int at, SessionView session, int type, int reason, long timeNs) {
    RuntimeConfig config = session.config();
    int ingress = session.interfaceIndex(FORWARD);
    int egress = session.interfaceIndex(REVERSE);
    int flags = session.ipv6() ? SessionLogEvent.FLAG_IPV6 : 0;
    words[at + SessionLogEvent.HEADER] =
        SessionLogEvent.header(type, session.protocol(), reason, 0, flags, config.generation());
    words[at + SessionLogEvent.TIME] = timeNs;
    words[at + SessionLogEvent.SESSION] = session.sessionId();
    words[at + SessionLogEvent.SOURCE_HI] = session.sourceHi(FORWARD);
    words[at + SessionLogEvent.SOURCE_LO] = session.sourceLo(FORWARD);
    words[at + SessionLogEvent.DESTINATION_HI] = session.destinationHi(FORWARD);
    words[at + SessionLogEvent.DESTINATION_LO] = session.destinationLo(FORWARD);
    // The Out wing is the reply to the translated packet: its destination is the translated source.
    words[at + SessionLogEvent.PORTS] =
        SessionLogEvent.ports(
            session.sourcePort(FORWARD), session.destinationPort(FORWARD),
            session.destinationPort(REVERSE), session.sourcePort(REVERSE));
    words[at + SessionLogEvent.NAT_SOURCE_HI] = session.destinationHi(REVERSE);
    words[at + SessionLogEvent.NAT_SOURCE_LO] = session.destinationLo(REVERSE);
    words[at + SessionLogEvent.NAT_DESTINATION_HI] = session.sourceHi(REVERSE);
    words[at + SessionLogEvent.NAT_DESTINATION_LO] = session.sourceLo(REVERSE);
    words[at + SessionLogEvent.POLICY] =
        SessionLogEvent.policy(session.policyIndex(), ingress, session.applicationIndex() + 1);
    words[at + SessionLogEvent.ZONES] =
        SessionLogEvent.zones(config.zoneOf(ingress), config.zoneOf(egress), session.natBinding());
    words[at + SessionLogEvent.APPLICATIONS] =
        SessionLogEvent.applications(session.dynamicApplication(), session.nestedApplication());
  }

  /**
   * A first packet that started no session: logged as a DENY when its deny or reject policy logs,
   * or, when source NAT failed, when the permitting policy logs its sessions at all.
   */
  @Override
  public void sessionRefused(Refused refused) {
    int policy = refused.policyIndex();
    RuntimeConfig generation = refused.config();
    if (refused.natFailed()
        ? logInit.test(generation, policy) || logClose.test(generation, policy)
        : logDeny.test(generation, policy)) {
      recordDeny(refused, refused.natFailed() ? SessionLogEvent.FLAG_NAT_FAILED : 0);
    }
  }

  /** An attack a screen found: always recorded (the screens limit how often). */
  @Override
  public void screenAttack(ScreenAlarm alarm) {
    SessionLogRing ring = rings[alarm.spu()];
    int at = ring.claim();
    if (at < 0) {
      return;
    }
    PacketDescriptor packet = alarm.packet();
    int flags =
        (packet.ipVersion == 6 ? SessionLogEvent.FLAG_IPV6 : 0)
            | (alarm.dropped() ? 0 : SessionLogEvent.FLAG_ALARM_ONLY);
    long[] words = ring.words();
    words[at + SessionLogEvent.HEADER] =
        SessionLogEvent.header(
            SessionLogEvent.SCREEN,
            packet.protocol,
            CloseReason.NONE.ordinal(),
            IpProtocol.isIcmp(packet.protocol) ? packet.icmpType : 0,
            flags,
            alarm.config().generation());
    words[at + SessionLogEvent.TIME] = alarm.nowNs();
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
    words[at + SessionLogEvent.POLICY] =
        SessionLogEvent.policy(alarm.attack().ordinal(), alarm.ingressInterface(), 0);
    words[at + SessionLogEvent.ZONES] = SessionLogEvent.zones(alarm.zone(), -1, 0);
    for (int i = SessionLogEvent.CLIENT_PACKETS; i < SessionLogEvent.WORDS; i++) {
      words[at + i] = 0;
    }
    ring.publish(at, alarm.config());
  }

  /** A port block allocated or released: recorded unless its pool says {@code log disable}. */
  @Override
  public void portBlock(
      int spu,
      RuntimeConfig config,
      boolean allocated,
      int pool,
      long hostHi,
      long hostLo,
      long addressHi,
      long addressLo,
      int lowPort,
      int highPort,
      int used,
      int maximum,
      long nowNs) {
    org.flowgate.dataplane.nat.SourceNatPool source = config.nat().sourcePools().get(pool);
    if (source.blockAllocation() == null || !source.blockAllocation().log()) {
      return;
    }
    SessionLogRing ring = rings[spu];
    int at = ring.claim();
    if (at < 0) {
      return;
    }
    boolean ipv4 = org.flowgate.dataplane.net.IpAddress.isIpv4(hostHi, hostLo);
    long[] words = ring.words();
    words[at + SessionLogEvent.HEADER] =
        SessionLogEvent.header(
            SessionLogEvent.PORT_BLOCK,
            0,
            CloseReason.NONE.ordinal(),
            0,
            (ipv4 ? 0 : SessionLogEvent.FLAG_IPV6)
                | (allocated ? 0 : SessionLogEvent.FLAG_RELEASED),
            config.generation());
    words[at + SessionLogEvent.TIME] = nowNs;
    words[at + SessionLogEvent.SESSION] = 0;
    words[at + SessionLogEvent.SOURCE_HI] = hostHi;
    words[at + SessionLogEvent.SOURCE_LO] = hostLo;
    words[at + SessionLogEvent.DESTINATION_HI] = 0;
    words[at + SessionLogEvent.DESTINATION_LO] = 0;
    words[at + SessionLogEvent.PORTS] = SessionLogEvent.ports(lowPort, highPort, 0, 0);
    words[at + SessionLogEvent.NAT_SOURCE_HI] = addressHi;
    words[at + SessionLogEvent.NAT_SOURCE_LO] = addressLo;
    words[at + SessionLogEvent.NAT_DESTINATION_HI] = 0;
    words[at + SessionLogEvent.NAT_DESTINATION_LO] = 0;
    words[at + SessionLogEvent.POLICY] = pool;
    words[at + SessionLogEvent.ZONES] = 0;
    for (int i = SessionLogEvent.CLIENT_PACKETS; i < SessionLogEvent.WORDS; i++) {
      words[at + i] = 0;
    }
    words[at + SessionLogEvent.CLIENT_PACKETS] = used;
    words[at + SessionLogEvent.SERVER_PACKETS] = maximum;
    ring.publish();
  }

  private void recordDeny(Refused refused, int extraFlags) {
    SessionLogRing ring = rings[refused.spu()];
    int at = ring.claim();
    if (at < 0) {
      return;
    }
    PacketDescriptor packet = refused.packet();
    RuntimeConfig config = refused.config();
    int policyIndex = refused.policyIndex();
    boolean icmp = IpProtocol.isIcmp(packet.protocol);
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
    words[at + SessionLogEvent.TIME] = refused.nowNs();
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
    words[at + SessionLogEvent.POLICY] =
        SessionLogEvent.policy(policyIndex, refused.ingressInterface(), 0);
    words[at + SessionLogEvent.ZONES] =
        SessionLogEvent.zones(refused.fromZone(), refused.toZone(), 0);
    for (int i = SessionLogEvent.CLIENT_PACKETS; i < SessionLogEvent.WORDS; i++) {
      words[at + i] = 0;
    }
    ring.publish(at, config);
  }
}
