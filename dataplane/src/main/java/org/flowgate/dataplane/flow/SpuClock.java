package org.flowgate.dataplane.flow;

import org.flowgate.dataplane.session.SessionTable;

/**
 * One SPU's clock (docs/adr/0005-time.md): virtual time, moved forward by the packets' own
 * timestamps or by the engine's time source between packets, never backwards. Session times are
 * kept in ticks of 2^26 ns (about 67 ms) counted from the moment the clock started.
 *
 * <p>Thread: owned by its SPU's thread.
 */
public final class SpuClock {
  /** Nanoseconds in a tick. */
  public static final long TICK_NS = 1L << SessionTable.TICK_SHIFT;

  /** The longest timeout a session keeps (about 1.9 years; 32-bit ticks compare within 4.5). */
  public static final int LONGEST_TIMEOUT_SECONDS = 60_000_000;

  private long epochNs;
  private boolean started;
  private long nowNs;
  private long nowTick;

  /** Sets the moment the engine started ({@code Start time} counts from here); once. */
  public void start(long startNs) {
    if (!started) {
      epochNs = startNs;
      nowNs = startNs;
      nowTick = 0;
      started = true;
    }
  }

  /** Moves the clock to {@code timeNs}, starting it there if it has not started; never back. */
  public void advanceTo(long timeNs) {
    start(timeNs);
    if (timeNs > nowNs) {
      nowNs = timeNs;
      nowTick = (timeNs - epochNs) >>> SessionTable.TICK_SHIFT;
    }
  }

  public boolean started() {
    return started;
  }

  public long epochNs() {
    return epochNs;
  }

  public long nowNs() {
    return nowNs;
  }

  public long nowTick() {
    return nowTick;
  }

  /** The wall-clock nanoseconds of a stored tick no older than now (for logs and views). */
  public long timeOfTickNs(long tick) {
    long elapsedTicks = SessionTable.elapsed(nowTick, tick);
    return elapsedTicks == 0
        ? nowNs
        : epochNs + ((nowTick - elapsedTicks) << SessionTable.TICK_SHIFT);
  }

  /** Whole ticks covering {@code seconds} (rounded up), capped at the longest timeout. */
  public static long ticks(int seconds) {
    long capped = Math.min(seconds, LONGEST_TIMEOUT_SECONDS);
    return (capped * 1_000_000_000L + TICK_NS - 1) >>> SessionTable.TICK_SHIFT;
  }

  /** Ticks to whole seconds, rounded to the nearest. */
  public static long ticksToSeconds(long ticks) {
    return ((ticks << SessionTable.TICK_SHIFT) + 500_000_000L) / 1_000_000_000L;
  }

  /** Seconds from the clock's start to a stored tick no later than now. */
  public long secondsSinceStart(long tick) {
    return ticksToSeconds(nowTick - SessionTable.elapsed(nowTick, tick));
  }

  /** Seconds from a stored tick to now. */
  public long secondsSince(long tick) {
    return ticksToSeconds(SessionTable.elapsed(nowTick, tick));
  }
}
