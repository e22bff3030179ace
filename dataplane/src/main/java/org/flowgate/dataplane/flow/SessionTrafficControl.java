package org.flowgate.dataplane.flow;

import static org.flowgate.dataplane.session.SessionTable.FORWARD;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.flowgate.dataplane.appqos.AppQosRule;
import org.flowgate.dataplane.appqos.AppQosRuleSet;
import org.flowgate.dataplane.appqos.AppTrackSettings;
import org.flowgate.dataplane.appqos.RateLimiter;
import org.flowgate.dataplane.appqos.TrafficControl;
import org.flowgate.dataplane.control.SessionSnapshot;
import org.flowgate.dataplane.log.SessionLogEvent;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.session.CloseReason;
import org.flowgate.dataplane.session.SessionTable;

/**
 * One SPU's application traffic control (AppQoS) and application tracking (AppTrack) of its
 * sessions, docs/adr/0034. A word per session slot beside the table, like {@link
 * SessionApplications}:
 *
 * <pre>
 *  word (int per slot; 0 = neither feature)
 *    bit 31     PENDING   a rule-set applies and the application is not known yet
 *    bit 30     TRACKED   the session came from a zone with application-tracking
 *    bits 16-29 rule-set index + 1 (0: none)
 *    bits 0-15  rule index + 1 (0: no rule matched, or not decided yet)
 *
 *  sessionCreated   policy's rule-set? ─► PENDING; application already known ─► decide
 *                   from-zone tracked? ─► TRACKED, first update due; APPTRACK_SESSION_CREATE
 *  onPacket         (fast path, after NAT) PENDING and the application now known ─► decide
 *                   TRACKED and the update due ─► APPTRACK_SESSION_VOL_UPDATE, next one due
 *                   rule's limiter for this direction: token bucket ─► drop (APPQOS_RATE_LIMITED)
 *                   rule's DSCP ─► rewrite the IPv4 TOS (checksum updated, RFC 1624) or the IPv6
 *                   traffic class, keeping ECN
 *  sessionClosed    TRACKED ─► APPTRACK_SESSION_CLOSE
 * </pre>
 *
 * <p>Rate limiters are token buckets, one per limiter and SPU, shared by every session whose rule
 * names it (in either direction): the bucket holds at most {@code burst-size-limit} bytes, starts
 * full, and fills at {@code bandwidth-limit} on the SPU's virtual clock. A packet of L IP bytes
 * passes when the bucket holds L bytes (they are taken), else it is dropped, or with {@code
 * loss-priority-high} passes marked. Tokens are kept in nano-bytes (bytes × 10^9), so the refill
 * {@code bytesPerSecond × elapsedNs} is exact integer arithmetic.
 *
 * <p>Nothing here allocates per packet. Thread: owned by its SPU's thread.
 */
public final class SessionTrafficControl implements SessionEvents {
  private static final int PENDING = 0x8000_0000;
  private static final int TRACKED = 0x4000_0000;
  private static final int RULE_SET_SHIFT = 16;
  private static final int RULE_SET_MASK = 0x3fff;
  private static final int RULE_MASK = 0xffff;
  private static final long NANO = 1_000_000_000L;

  private final SessionTable table;
  private final SpuClock clock;
  private final SessionApplications applications;
  private final SessionView view;
  private final org.flowgate.dataplane.flow.nat.NatTranslator nat;
  private SessionEvents next = SessionEvents.NONE;

  private RuntimeConfig config;
  private TrafficControl trafficControl = TrafficControl.NONE;
  private AppTrackSettings tracking = AppTrackSettings.NONE;

  /** True when a rule-set or a tracked zone exists: the fast path calls {@link #onPacket}. */
  public boolean active;

  private int[] words;
  private long[] nextUpdateNs;

  // the rules flattened: rule r of rule-set s is at ruleBase[s] + r
  private int[] ruleBase = new int[0];
  private int[] ruleDscp = new int[0];
  private int[] ruleClientToServer = new int[0];
  private int[] ruleServerToClient = new int[0];
  private boolean[] ruleLossPriorityHigh = new boolean[0];

  // one bucket per rate limiter
  private long[] bucketBytesPerSecond = new long[0];
  private long[] bucketCapacityNanoBytes = new long[0];
  private long[] bucketNanoBytes = new long[0];
  private long[] bucketLastNs = new long[0];

  // ---- counters (show class-of-service application-traffic-control ...)
  private long sessionsProcessed;
  private long sessionsMarked;
  private long sessionsHonored;
  private long sessionsRateLimited;
  private long clientToServerFlowsRateLimited;
  private long serverToClientFlowsRateLimited;
  private long[] ruleHits = new long[0];
  private long[] limiterPacketsPassed = new long[0];
  private long[] limiterPacketsDropped = new long[0];
  private long[] limiterPacketsMarked = new long[0];

  /** Rule-set × application pairs whose sessions got a rate limiter: bit (set × catalog + id). */
  private long[] limitedPairs = new long[0];

  private int catalogSize;

  /** The slot of the session the packet in hand created, -1 when it created none. */
  private int createdSlot = -1;

  // ---- AppQoS rule log messages written and lost (a full ring)
  private long appQosLogMessages;
  private long appQosLogFailures;

  // ---- AppTrack counters (show security application-tracking counters)
  private long createMessages;
  private long closeMessages;
  private long volumeUpdates;
  private long failedMessages;

  public SessionTrafficControl(
      SessionTable table,
      SpuClock clock,
      SessionApplications applications,
      SessionView view,
      org.flowgate.dataplane.flow.nat.NatTranslator nat) {
    this.nat = nat;
    this.table = table;
    this.clock = clock;
    this.applications = applications;
    this.view = view;
  }

  /** The listener that hears sessions after this one (the session log); returns this. */
  public SessionEvents around(SessionEvents listener) {
    this.next = listener;
    return this;
  }

  // ================================================================== generations

  /**
   * Takes the generation's application services. A change resets the buckets and counters of rules
   * and limiters (their indexes change); live sessions are matched again by {@link #rematch} once
   * the reconciler has moved them to their new policies.
   */
  public void install(RuntimeConfig generation) {
    this.config = generation;
    TrafficControl nextControl = generation.applicationServices().trafficControl();
    AppTrackSettings nextTracking = generation.applicationServices().tracking();
    int nextCatalogSize = generation.applicationIdentification().catalog().size();
    boolean changed =
        !nextControl.equals(trafficControl)
            || !nextTracking.equals(tracking)
            || nextCatalogSize != catalogSize;
    this.trafficControl = nextControl;
    this.tracking = nextTracking;
    this.catalogSize = nextCatalogSize;
    this.active = nextControl.active() || nextTracking.active();
    if (active && words == null) {
      words = new int[table.capacity()];
    }
    if (nextTracking.active() && nextUpdateNs == null) {
      nextUpdateNs = new long[table.capacity()];
    }
    if (changed) {
      flatten(nextControl);
    }
  }

  private void flatten(TrafficControl control) {
    List<AppQosRuleSet> sets = control.ruleSets();
    ruleBase = new int[sets.size()];
    int rules = 0;
    for (int s = 0; s < sets.size(); s++) {
      ruleBase[s] = rules;
      rules += sets.get(s).rules().size();
    }
    ruleDscp = new int[rules];
    ruleClientToServer = new int[rules];
    ruleServerToClient = new int[rules];
    ruleLossPriorityHigh = new boolean[rules];
    for (int s = 0; s < sets.size(); s++) {
      List<AppQosRule> list = sets.get(s).rules();
      for (int r = 0; r < list.size(); r++) {
        AppQosRule rule = list.get(r);
        ruleDscp[ruleBase[s] + r] = rule.dscp();
        ruleClientToServer[ruleBase[s] + r] = rule.clientToServerLimiter();
        ruleServerToClient[ruleBase[s] + r] = rule.serverToClientLimiter();
        ruleLossPriorityHigh[ruleBase[s] + r] = rule.lossPriorityHigh();
      }
    }
    ruleHits = new long[rules];
    List<RateLimiter> limiters = control.rateLimiters();
    bucketBytesPerSecond = new long[limiters.size()];
    bucketCapacityNanoBytes = new long[limiters.size()];
    bucketNanoBytes = new long[limiters.size()];
    bucketLastNs = new long[limiters.size()];
    for (int i = 0; i < limiters.size(); i++) {
      bucketBytesPerSecond[i] = limiters.get(i).bytesPerSecond();
      bucketCapacityNanoBytes[i] = Math.multiplyExact(limiters.get(i).burstBytes(), NANO);
      bucketNanoBytes[i] = bucketCapacityNanoBytes[i];
      bucketLastNs[i] = Long.MIN_VALUE;
    }
    limiterPacketsPassed = new long[limiters.size()];
    limiterPacketsDropped = new long[limiters.size()];
    limiterPacketsMarked = new long[limiters.size()];
    limitedPairs = new long[(sets.size() * catalogSize + 63) >>> 6];
  }

  /**
   * After a commit moved the live sessions to their policies in the new generation: each is matched
   * again (its rule-set may be another one, or none), keeping whether it is tracked.
   */
  public void rematch() {
    if (words == null) {
      return;
    }
    for (int slot = 0; slot < words.length; slot++) {
      if (table.isFree(slot) || words[slot] == 0 && !trafficControl.active()) {
        continue;
      }
      int tracked = words[slot] & TRACKED;
      int ruleSet = trafficControl.ruleSetOf(view.at(slot).policyIndex());
      words[slot] = tracked;
      if (ruleSet >= 0) {
        words[slot] |= PENDING | (ruleSet + 1) << RULE_SET_SHIFT;
        if (!applications.pending(slot)) {
          decide(slot, words[slot]);
        }
      }
    }
  }

  // ================================================================== session events

  @Override
  public void sessionCreated(SessionView session) {
    next.sessionCreated(session);
    if (!active) {
      return;
    }
    int slot = session.slot();
    createdSlot = slot;
    int word = 0;
    int ruleSet = trafficControl.ruleSetOf(session.policyIndex());
    if (ruleSet >= 0) {
      sessionsProcessed++;
      word = PENDING | (ruleSet + 1) << RULE_SET_SHIFT;
    }
    if (tracking.tracks(config.zoneOf(session.interfaceIndex(FORWARD)))) {
      word |= TRACKED;
      nextUpdateNs[slot] = clock.nowNs() + tracking.firstUpdateSeconds() * NANO;
    }
    words[slot] = word;
    if (ruleSet >= 0 && !applications.pending(slot)) {
      decide(slot, word);
    }
    if ((word & TRACKED) != 0 && tracking.logsCreate()) {
      appTrack(session, APPTRACK_CREATE, null);
    }
  }

  @Override
  public void sessionClosed(SessionView session, CloseReason reason) {
    next.sessionClosed(session, reason);
    if (!active) {
      return;
    }
    int slot = session.slot();
    if ((words[slot] & TRACKED) != 0) {
      appTrack(session, APPTRACK_CLOSE, reason);
    }
  }

  /**
   * Unified policies moved the session from the pre-id default policy to its final policy when its
   * application was named (ADR 0033): the rule-set is the final policy's, and the rule is decided
   * now, the application being known.
   */
  @Override
  public void sessionPolicyMatched(SessionView session) {
    next.sessionPolicyMatched(session);
    if (!active) {
      return;
    }
    int slot = session.slot();
    int before = words[slot];
    int ruleSet = trafficControl.ruleSetOf(session.policyIndex());
    int word = before & TRACKED;
    if (ruleSet >= 0) {
      if ((before >>> RULE_SET_SHIFT & RULE_SET_MASK) == 0) {
        sessionsProcessed++; // the pre-id default policy applies no rule-set
      }
      word |= PENDING | (ruleSet + 1) << RULE_SET_SHIFT;
    }
    words[slot] = word;
    if (ruleSet >= 0 && !applications.pending(slot)) {
      decide(slot, word);
    }
  }

  @Override
  public void sessionRefused(Refused refused) {
    next.sessionRefused(refused);
  }

  @Override
  public void screenAttack(ScreenAlarm alarm) {
    next.screenAttack(alarm);
  }

  @Override
  public boolean appTrack(SessionView session, int message, CloseReason reason) {
    switch (message) {
      case APPTRACK_CREATE -> createMessages++;
      case APPTRACK_VOLUME_UPDATE -> volumeUpdates++;
      default -> closeMessages++;
    }
    boolean taken = next.appTrack(session, message, reason);
    if (!taken) {
      failedMessages++;
    }
    return taken;
  }

  /** The application is known: the first rule of the rule-set matching it applies. */
  private void decide(int slot, int word) {
    int ruleSet = (word >>> RULE_SET_SHIFT & RULE_SET_MASK) - 1;
    int application = applications.application(slot);
    AppQosRuleSet set = trafficControl.ruleSets().get(ruleSet);
    int rule = set.match(application, applications.nestedApplication(slot));
    words[slot] = (word & ~PENDING & ~RULE_MASK) | (rule + 1);
    if (rule < 0) {
      return;
    }
    AppQosRule matched = set.rules().get(rule);
    ruleHits[ruleBase[ruleSet] + rule]++;
    if (matched.dscp() >= 0 || matched.forwardingClass() != null) {
      sessionsMarked++;
    }
    if (matched.lossPriority() != null) {
      sessionsHonored++;
    }
    if (matched.limits()) {
      sessionsRateLimited++;
      int nested = applications.nestedApplication(slot);
      int named =
          nested > org.flowgate.dataplane.appid.ApplicationCatalog.INCONCLUSIVE
              ? nested
              : application;
      int pair = ruleSet * catalogSize + named;
      if (named >= 0 && named < catalogSize) {
        limitedPairs[pair >>> 6] |= 1L << pair;
      }
    }
    if (matched.clientToServerLimiter() >= 0) {
      clientToServerFlowsRateLimited++;
    }
    if (matched.serverToClientLimiter() >= 0) {
      serverToClientFlowsRateLimited++;
    }
    if (matched.log()) {
      log(slot, ruleSet, rule, matched);
    }
  }

  /**
   * The rule's {@code then log}: an APPQOS_LOG_EVENT for each action it takes, or one saying it
   * takes none (docs/adr/0044). Once per session and rule, when the rule is decided.
   */
  private void log(int slot, int ruleSet, int rule, AppQosRule matched) {
    SessionView session = view.at(slot);
    boolean any = false;
    if (matched.dscp() >= 0) {
      logged(next.appQosLog(session, ruleSet, rule, SessionLogEvent.APPQOS_ACTION_DSCP));
      any = true;
    }
    if (matched.forwardingClass() != null) {
      logged(
          next.appQosLog(session, ruleSet, rule, SessionLogEvent.APPQOS_ACTION_FORWARDING_CLASS));
      any = true;
    }
    if (matched.lossPriority() != null) {
      logged(next.appQosLog(session, ruleSet, rule, SessionLogEvent.APPQOS_ACTION_LOSS_PRIORITY));
      any = true;
    }
    if (matched.limits()) {
      logged(next.appQosLog(session, ruleSet, rule, SessionLogEvent.APPQOS_ACTION_RATE_LIMIT));
      any = true;
    }
    if (!any) {
      logged(next.appQosLog(session, ruleSet, rule, SessionLogEvent.APPQOS_ACTION_NONE));
    }
  }

  private void logged(boolean taken) {
    if (taken) {
      appQosLogMessages++;
    } else {
      appQosLogFailures++;
    }
  }

  // ================================================================== fast path

  /**
   * One packet of the session in {@code slot} on {@code wing}, after NAT: returns null to forward
   * it (perhaps with its DSCP rewritten), or why it is dropped. Call only when {@link #active}.
   */
  public DropReason onPacket(int slot, int wing, PacketDescriptor packet, boolean transportHeader) {
    int word = words[slot];
    if (word == 0) {
      return null;
    }
    if ((word & TRACKED) != 0) {
      long nowNs = clock.nowNs();
      if (nowNs >= nextUpdateNs[slot]) {
        nextUpdateNs[slot] = nowNs + tracking.sessionUpdateSeconds() * NANO;
        if (!tracking.noVolumeUpdates()) {
          appTrack(view.at(slot), APPTRACK_VOLUME_UPDATE, null);
        }
      }
    }
    if ((word & PENDING) != 0) {
      if (applications.pending(slot)) {
        return null;
      }
      decide(slot, word);
      word = words[slot];
    }
    int rule = (word & RULE_MASK) - 1;
    if (rule < 0) {
      return null;
    }
    int at = ruleBase[(word >>> RULE_SET_SHIFT & RULE_SET_MASK) - 1] + rule;
    int limiter = wing == FORWARD ? ruleClientToServer[at] : ruleServerToClient[at];
    if (limiter >= 0 && !take(limiter, packet.ipLengthBytes, clock.nowNs())) {
      if (!ruleLossPriorityHigh[at]) {
        limiterPacketsDropped[limiter]++;
        return DropReason.APPQOS_RATE_LIMITED;
      }
      limiterPacketsMarked[limiter]++;
    } else if (limiter >= 0) {
      limiterPacketsPassed[limiter]++;
    }
    int dscp = ruleDscp[at];
    if (dscp >= 0 && nat.makeWritable(packet, transportHeader)) {
      rewriteDscp(packet, dscp); // in the SPU's frame buffer: the capture itself is read-only
    }
    return null;
  }

  /**
   * After the first path: when the packet created a session, it is that session's first packet on
   * its In wing and goes through {@link #onPacket} like the rest (null: forwarded).
   */
  public DropReason firstPacket(
      PacketDescriptor packet, boolean transportHeader, boolean forwarded) {
    int slot = createdSlot;
    createdSlot = -1;
    if (slot < 0 || !forwarded) {
      return null;
    }
    return onPacket(slot, FORWARD, packet, transportHeader);
  }

  /** Refills the bucket to {@code nowNs} and takes {@code bytes} from it when it holds them. */
  private boolean take(int limiter, int bytes, long nowNs) {
    long capacity = bucketCapacityNanoBytes[limiter];
    long tokens = bucketNanoBytes[limiter];
    long last = bucketLastNs[limiter];
    if (last != Long.MIN_VALUE && nowNs > last) {
      long elapsedNs = nowNs - last;
      long rate = bucketBytesPerSecond[limiter];
      // full after (capacity - tokens) / rate ns: no overflow in rate × elapsed up to that
      long room = capacity - tokens;
      tokens = elapsedNs > room / rate ? capacity : Math.min(capacity, tokens + rate * elapsedNs);
    }
    if (last == Long.MIN_VALUE || nowNs > last) {
      bucketLastNs[limiter] = nowNs;
    }
    long need = bytes * NANO;
    if (tokens >= need) {
      bucketNanoBytes[limiter] = tokens - need;
      return true;
    }
    bucketNanoBytes[limiter] = tokens;
    return false;
  }

  /**
   * Writes DSCP {@code dscp} into the packet, keeping ECN.
   *
   * <pre>
   * IPv4  byte 1 = DSCP(6) ECN(2); header checksum (bytes 10-11) updated incrementally,
   *       RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m')
   * IPv6  bytes 0-1 = version(4) traffic class(8) flow label high(4); no header checksum
   * </pre>
   */
  static void rewriteDscp(PacketDescriptor packet, int dscp) {
    MemorySegment segment = packet.segment;
    long at = packet.l3Offset;
    if (packet.ipVersion == 4) {
      int oldWord = Short.toUnsignedInt(segment.get(BIG_SHORT, at));
      int tos = oldWord & 0xff;
      int newTos = dscp << 2 | tos & 0x03;
      if (newTos == tos) {
        return;
      }
      int newWord = oldWord & 0xff00 | newTos;
      segment.set(BIG_SHORT, at, (short) newWord);
      int checksum = Short.toUnsignedInt(segment.get(BIG_SHORT, at + 10));
      int sum = (~checksum & 0xffff) + (~oldWord & 0xffff) + newWord;
      sum = (sum & 0xffff) + (sum >>> 16);
      sum = (sum & 0xffff) + (sum >>> 16);
      segment.set(BIG_SHORT, at + 10, (short) ~sum);
    } else {
      int first = Short.toUnsignedInt(segment.get(BIG_SHORT, at));
      int trafficClass = first >>> 4 & 0xff;
      int newClass = dscp << 2 | trafficClass & 0x03;
      segment.set(BIG_SHORT, at, (short) (first & 0xf00f | newClass << 4));
    }
  }

  private static final ValueLayout.OfShort BIG_SHORT =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN);

  // ================================================================== reading

  /** The name of the rule-set applied to the session in {@code slot}, or INVALID. */
  public String ruleSetName(int slot) {
    if (words == null) {
      return SessionSnapshot.TRAFFIC_CONTROL_NONE;
    }
    int word = words[slot];
    int ruleSet = (word >>> RULE_SET_SHIFT & RULE_SET_MASK) - 1;
    if (ruleSet < 0 || (word & PENDING) != 0 || ruleSet >= trafficControl.ruleSets().size()) {
      return SessionSnapshot.TRAFFIC_CONTROL_NONE;
    }
    return trafficControl.ruleSets().get(ruleSet).name();
  }

  /** The name of the rule that matched the session's application, or INVALID. */
  public String ruleName(int slot) {
    if (words == null) {
      return SessionSnapshot.TRAFFIC_CONTROL_NONE;
    }
    int word = words[slot];
    int ruleSet = (word >>> RULE_SET_SHIFT & RULE_SET_MASK) - 1;
    int rule = (word & RULE_MASK) - 1;
    if (ruleSet < 0 || rule < 0 || (word & PENDING) != 0) {
      return SessionSnapshot.TRAFFIC_CONTROL_NONE;
    }
    return trafficControl.ruleSets().get(ruleSet).rules().get(rule).name();
  }

  /**
   * The counters of {@code show class-of-service application-traffic-control counter} in Junos's
   * order: sessions processed, marked, honored, rate limited, client-to-server flows rate limited,
   * server-to-client flows rate limited.
   */
  public long[] counters() {
    return new long[] {
      sessionsProcessed,
      sessionsMarked,
      sessionsHonored,
      sessionsRateLimited,
      clientToServerFlowsRateLimited,
      serverToClientFlowsRateLimited
    };
  }

  /** Hits of rule r of rule-set s at {@code [s][r]}. */
  public long[][] ruleHits() {
    long[][] hits = new long[ruleBase.length][];
    for (int s = 0; s < ruleBase.length; s++) {
      int rules = trafficControl.ruleSets().get(s).rules().size();
      hits[s] = java.util.Arrays.copyOfRange(ruleHits, ruleBase[s], ruleBase[s] + rules);
    }
    return hits;
  }

  /** Per rate limiter: {@code [0]} packets passed, {@code [1]} dropped, {@code [2]} marked. */
  public long[][] limiterPackets() {
    return new long[][] {
      limiterPacketsPassed.clone(), limiterPacketsDropped.clone(), limiterPacketsMarked.clone()
    };
  }

  /** The (rule-set, application id) pairs whose sessions were given a rate limiter. */
  public List<int[]> limitedPairs() {
    List<int[]> pairs = new java.util.ArrayList<>();
    for (int s = 0; s < ruleBase.length; s++) {
      for (int id = 0; id < catalogSize; id++) {
        int pair = s * catalogSize + id;
        if ((limitedPairs[pair >>> 6] & 1L << pair) != 0) {
          pairs.add(new int[] {s, id});
        }
      }
    }
    return pairs;
  }

  /** AppTrack: create messages, close messages, volume updates, failed messages. */
  /** AppQoS rule log messages: written, and lost to a full log ring. */
  public long[] appQosLogCounters() {
    return new long[] {appQosLogMessages, appQosLogFailures};
  }

  public long[] appTrackCounters() {
    return new long[] {createMessages, closeMessages, volumeUpdates, failedMessages};
  }

  /** The generation's application traffic control, for naming what the counters count. */
  public TrafficControl trafficControl() {
    return trafficControl;
  }
}
