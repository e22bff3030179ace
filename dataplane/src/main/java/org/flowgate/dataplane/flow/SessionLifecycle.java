package org.flowgate.dataplane.flow;

import org.flowgate.dataplane.application.Application;
import org.flowgate.dataplane.runtime.FlowSettings;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.session.CloseReason;
import org.flowgate.dataplane.session.SessionTable;
import org.flowgate.dataplane.session.TcpState;

/**
 * How one SPU's sessions end: timeouts, the short timeouts of ending sessions, closing, the
 * Invalidated linger and reaping, and aggressive ageing when the table is crowded. Every other part
 * of the SPU that ends a session (fast path, TCP tracker, commits, {@code clear}) asks here.
 *
 * <pre>
 *                        first packet installs (timer = timeout)
 *   free ───────────────────────────────────────────────► VALID
 *    ▲                                                      │  │ FIN exchange / RST / response:
 *    │                                                      │  ▼ shorten(2 s / 4 s), closing bit,
 *    │                                                      │  VALID, closing     reason kept
 *    │                                                      │  │ (a new SYN on its tuple closes it
 *    │                                                      │  │  at once and starts a new one)
 *    │              timer fires idle ≥ timeout ────────────►│◄─┘
 *    │              clear, policy delete, rematch, RST/FIN invalidate
 *    │                                                      ▼
 *    └──── timer fires after the linger (2 s): reaped ── INVALIDATED: out of the index (its tuple
 *                                                         takes the first path), listed with
 *                                                         Timeout 0, its NAT port returned
 * </pre>
 *
 * <p>A timer that fires early (traffic came after it was armed) re-arms for the rest of the
 * timeout; the fast path closes a session that is due but whose timer has not fired yet. States
 * live in the record's state byte, the closing bit in its TCP bits ({@link TcpState#CLOSING}), the
 * pending reason in its close byte.
 *
 * <p>Thread: owned by its SPU's thread.
 */
public final class SessionLifecycle implements SessionTable.TimerHandler {
  /** Slots the early-ageing sweep visits per call of {@link #beforePacket}. */
  static final int SWEEP_SLOTS_PER_PACKET = 64;

  private static final CloseReason[] CLOSE_REASONS = CloseReason.values();

  /** What else must happen when a session ends (its NAT binding returned). */
  public interface Ending {
    void sessionEnding(int slot);
  }

  private final SessionTable table;
  private final SpuClock clock;
  private final FlowCounters counters;
  private final SessionView view;
  private SessionEvents events = SessionEvents.NONE;
  private Ending ending = slot -> {};
  private RuntimeConfig config;
  private FlowSettings settings;

  // security flow aging
  private int crowdedAboveSessions;
  private int calmBelowSessions;
  private long earlyAgeoutTicks;
  private boolean ageingEarly;
  private int sweepSlot;

  public SessionLifecycle(
      SessionTable table, SpuClock clock, FlowCounters counters, SessionView view) {
    this.table = table;
    this.clock = clock;
    this.counters = counters;
    this.view = view;
  }

  public void setEvents(SessionEvents sessionEvents) {
    this.events = sessionEvents;
  }

  public void setEnding(Ending whenEnding) {
    this.ending = whenEnding;
  }

  /** Takes the timeouts, watermarks and applications of a new generation. */
  public void install(RuntimeConfig generation) {
    this.config = generation;
    FlowSettings flow = generation.settings();
    this.settings = flow;
    long capacity = table.capacity();
    crowdedAboveSessions = (int) (capacity * flow.highWatermarkPercent() / 100);
    calmBelowSessions = (int) Math.ceilDiv(capacity * flow.lowWatermarkPercent(), 100);
    earlyAgeoutTicks = SpuClock.ticks(flow.earlyAgeoutSeconds());
  }

  /** Before each packet and each clock move: ageing checks, then every timer due by now. */
  public void beforePacket() {
    ageEarlyWhileCrowded();
    table.advanceTimers(clock.nowTick(), Integer.MAX_VALUE, this);
  }

  // ------------------------------------------------------------------ starting

  /** Arms a newly installed session's timer for its timeout. */
  public void started(int slot) {
    if (table.isValid(slot)) {
      table.schedule(slot, clock.nowTick() + timeoutTicks(slot));
    }
  }

  // ------------------------------------------------------------------ ending

  /** True when the session is due (idle for its timeout) although its timer has not fired yet. */
  public boolean due(int slot) {
    return SessionTable.elapsed(clock.nowTick(), table.lastTick(slot))
        >= SpuClock.ticks(table.timeoutSeconds(slot));
  }

  /**
   * Ends a session now: its wings leave the index (a new packet of the tuple takes the first path),
   * it shows as Invalidated for a short while, then its record is reaped.
   */
  public void close(int slot, CloseReason reason) {
    closeAt(slot, reason, clock.nowTick());
  }

  /**
   * Closes now as {@link #close} does, for work no packet carries (a commit reconciling the table):
   * a defect in what hears the end is counted as a {@link FlowCounters#timerFaults timer fault}
   * instead of thrown, and the session ends whole all the same.
   */
  public void closeOutsidePacket(int slot, CloseReason reason) {
    try {
      close(slot, reason);
    } catch (RuntimeException fault) {
      counters.timerFaults++;
    }
  }

  /** Counts a defect caught in work no packet carries (a gate's expiry, a time entry). */
  public void countTimerFault() {
    counters.timerFaults++;
  }

  /**
   * Ends a session that ended at {@code endTick} (no later than now): a session that timed out
   * while its SPU's clock stood still ended at its deadline, not when the clock next moved, and its
   * Invalidated linger counts from there; when that is over already, it is reaped at once.
   */
  private void closeAt(int slot, CloseReason reason, long endTick) {
    if (!table.isValid(slot)) {
      return;
    }
    table.cancelTimer(slot);
    table.unindexWing(slot, SessionTable.FORWARD);
    table.unindexWing(slot, SessionTable.REVERSE);
    // A defect in what hears the end (NAT, an ALG, a session log) is thrown on to the caller, who
    // counts it (a packet's flow fault, a timer's fault); the session ends whole all the same, so
    // that nothing is left Invalidated without a timer to reap it.
    try {
      ending.sessionEnding(slot);
    } finally {
      table.setInvalidated(slot);
      table.setCloseReason(slot, reason);
      counters.sessionsClosed++;
      try {
        events.sessionClosed(view.at(slot), reason);
      } finally {
        long reapTick = endTick + SpuClock.ticks(settings.invalidatedLingerSeconds());
        if (SessionTable.elapsed(clock.nowTick(), reapTick) < (1L << 31)) {
          reap(slot); // its linger is over already: reapTick is now or in the past
        } else {
          table.schedule(slot, reapTick);
        }
      }
    }
  }

  /**
   * Closes a due session for the reason it was ending with (idle timeout if none), at its deadline.
   */
  public void closeAsDue(int slot) {
    long nowTick = clock.nowTick();
    long deadline =
        nowTick - SessionTable.elapsed(nowTick, table.lastTick(slot)) + timeoutTicks(slot);
    closeAt(slot, pendingReason(slot), (int) (deadline - nowTick) < 0 ? deadline : nowTick);
  }

  private void reap(int slot) {
    table.free(slot);
    counters.sessionsReaped++;
    if (ageingEarly && table.sessionsInUse() < calmBelowSessions) {
      ageingEarly = false; // below the low watermark
    }
  }

  /** Gives an ending session a short timeout; it will close with {@code reason}. */
  public void shorten(int slot, int seconds, CloseReason reason) {
    if (!table.isValid(slot)) {
      return;
    }
    table.setTimeoutSeconds(slot, seconds);
    table.setCloseReason(slot, reason);
    table.setTcpBits(slot, table.tcpBits(slot) | TcpState.CLOSING);
    long nowTick = clock.nowTick();
    long deadline =
        nowTick - SessionTable.elapsed(nowTick, table.lastTick(slot)) + SpuClock.ticks(seconds);
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

  /**
   * A timer fired. Timers fire when the clock moves, with or without a packet (a replay's time
   * entries, a live port's idle ticks), so a defect thrown here is caught like a packet's flow
   * fault: counted ({@link FlowCounters#timerFaults}) and the wheel goes on with the next timer. A
   * session the fault left with no timer armed is given one for the next tick, so that it still
   * ends (or is reaped).
   */
  @Override
  public void onTimer(int slot, long tick) {
    try {
      fire(slot, tick);
    } catch (RuntimeException fault) {
      counters.timerFaults++;
      if (!table.isFree(slot) && !table.timerArmed(slot)) {
        table.schedule(slot, tick + 1);
      }
    }
  }

  private void fire(int slot, long tick) {
    if (table.isInvalidated(slot)) {
      reap(slot);
      return;
    }
    long idle = SessionTable.elapsed(tick, table.lastTick(slot));
    long timeout = timeoutTicks(slot);
    if (idle < timeout) {
      table.schedule(slot, tick + timeout - idle); // traffic came after the timer was armed
      return;
    }
    closeAt(slot, pendingReason(slot), tick); // the timer's tick is the session's deadline
  }

  // ------------------------------------------------------------------ timeouts

  /**
   * The session's inactivity timeout: its application's, when the matched term sets one, else the
   * protocol default (reference §4: application timeout, then the protocol table). A session under
   * the pre-id default policy takes that policy's {@code session-timeout} for its protocol first.
   */
  public int inactivityTimeoutSeconds(int slot) {
    int protocol = table.protocol(slot);
    if (table.policy(slot) == org.flowgate.dataplane.policy.PolicyTable.PRE_ID_DEFAULT_POLICY) {
      int preId = config.policies().preIdDefaultPolicy().timeoutSecondsFor(protocol);
      if (preId > 0) {
        return preId; // pre-id-default-policy then session-timeout (ADR 0033)
      }
    }
    int application = table.application(slot);
    if (application >= 0 && application < config.applications().size()) {
      Application matched = config.applications().get(application);
      int term =
          matched.matchingTerm(
              protocol,
              table.sourcePort(slot, SessionTable.FORWARD),
              table.destinationPort(slot, SessionTable.FORWARD),
              -1,
              -1);
      if (term >= 0 && matched.terms().get(term).inactivityTimeoutSeconds() > 0) {
        return matched.terms().get(term).inactivityTimeoutSeconds();
      }
    }
    return settings.timeoutFor(protocol);
  }

  /** The session's timeout in ticks: its own, or at most early-ageout while ageing early. */
  private long timeoutTicks(int slot) {
    long own = SpuClock.ticks(table.timeoutSeconds(slot));
    return ageingEarly ? Math.min(own, earlyAgeoutTicks) : own;
  }

  /** Seconds before the session times out, as {@code Timeout} / {@code Current timeout} show. */
  public int remainingSeconds(int slot) {
    if (table.isInvalidated(slot)) {
      return 0;
    }
    int timeout =
        ageingEarly
            ? Math.min(table.timeoutSeconds(slot), settings.earlyAgeoutSeconds())
            : table.timeoutSeconds(slot);
    long remaining = timeout - clock.secondsSince(table.lastTick(slot));
    return (int) Math.max(0, remaining);
  }

  // ------------------------------------------------------------------ early ageing

  /**
   * Aggressive ageing (Junos {@code aging early-ageout / high-watermark / low-watermark}): once the
   * sessions in use exceed the high watermark, every session times out after at most {@code
   * early-ageout} seconds without traffic, until they fall below the low watermark. Each SPU
   * compares its own table with that table's capacity (an SRX counts the whole device; with even
   * dispatch the two agree).
   *
   * <pre>
   *             in use &gt; high-watermark % of capacity
   *   normal ──────────────────────────────────────────► ageing early
   *      ▲      (sweep restarts at slot 0)                    │ timeout = min(own, early-ageout)
   *      └────────────────────────────────────────────────────┘
   *             in use &lt; low-watermark % of capacity
   * </pre>
   *
   * New sessions and fired timers take the shorter timeout at once ({@link #timeoutTicks});
   * sessions already waiting on a later timer are pulled forward by a sweep over the table, {@value
   * #SWEEP_SLOTS_PER_PACKET} slots per packet, so that no packet pays for the whole table. Leaving
   * costs nothing: a timer that fires early finds the session idle for less than its own timeout
   * and re-arms. No allocation.
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
    long nowTick = clock.nowTick();
    int end = (int) Math.min(table.capacity(), (long) sweepSlot + SWEEP_SLOTS_PER_PACKET);
    for (int slot = sweepSlot; slot < end; slot++) {
      if (table.isValid(slot)) {
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
}
