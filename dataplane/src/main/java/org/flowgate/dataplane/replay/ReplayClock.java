package org.flowgate.dataplane.replay;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The replay's clock: turns each record's timestamp into the time the SPUs process it at, so that a
 * capture whose time jumps still replays as the traffic ran (docs/adr/0019-time-that-jumps.md).
 *
 * <pre>
 *  record timestamps (+ shift)       what the clock does                         counted, listed
 *  ───────────────────────────       ──────────────────────────────────────────   ───────────────
 *  at or after the clock             moves to the record                          no
 *    and more than a day ahead,      moves; sessions age across the gap            GAP
 *    and the next record stays
 *  up to 60 s behind the clock       stays: the record is processed at the clock   out of order
 *  more than 60 s ahead of the       stays: the record is processed at the clock   OUTLIER_AHEAD
 *    clock, the next record back
 *  more than 60 s behind the clock,  stays                                         OUTLIER_BEHIND
 *    the next record back near it
 *  more than 60 s behind the clock,  stays; later records are shifted by the jump  REWIND
 *    and the next record stays       so their intervals are kept
 * </pre>
 *
 * <p>The clock looks one record ahead (the caller passes the next record's timestamp), which is
 * what tells one bad timestamp from time that really moved. It never goes back, as ADR 0005 asks of
 * every SPU's clock.
 *
 * <p>Thread: owned by the replay thread. Allocates only a {@link TimeJump} for each of the first
 * {@value #MAXIMUM_LISTED} jumps.
 */
public final class ReplayClock {
  /** No next record: the record is the last of its capture. */
  public static final long NO_NEXT = Long.MIN_VALUE;

  /** How far one record may lie from the clock before it is an outlier or a rewind: 60 s. */
  public static final long OUTLIER_BOUND_NS = 60_000_000_000L;

  /** A forward jump longer than this (a day) is listed, though replayed as it is. */
  public static final long GAP_LISTED_NS = 86_400_000_000_000L;

  /** Jumps listed one by one; those after are only counted. */
  public static final int MAXIMUM_LISTED = 100;

  private static final long NONE = Long.MIN_VALUE;

  private long clockNs = NONE;
  private long shiftNs;
  private long outOfOrderRecords;
  private long jumpCount;
  private final List<TimeJump> jumps = new ArrayList<>();

  /**
   * The time to process a record at.
   *
   * @param timestampNs the record's timestamp
   * @param nextTimestampNs the next record's timestamp in the same capture, or {@link #NO_NEXT}
   * @param file, record, offsetBytes where the record is, for the list of jumps
   */
  public long timeOf(
      long timestampNs, long nextTimestampNs, Path file, long record, long offsetBytes) {
    long t = plus(timestampNs, shiftNs);
    if (clockNs == NONE) {
      clockNs = t;
      return t;
    }
    long next = nextTimestampNs == NO_NEXT ? NONE : plus(nextTimestampNs, shiftNs);
    long ahead = minus(t, clockNs);
    if (ahead > OUTLIER_BOUND_NS) {
      if (next != NONE && minus(t, next) > OUTLIER_BOUND_NS) {
        note(TimeJump.Kind.OUTLIER_AHEAD, file, record, offsetBytes, ahead);
        return clockNs;
      }
      if (ahead > GAP_LISTED_NS) {
        note(TimeJump.Kind.GAP, file, record, offsetBytes, ahead);
      }
      clockNs = t;
      return t;
    }
    if (ahead < -OUTLIER_BOUND_NS) {
      if (next != NONE && minus(next, clockNs) >= -OUTLIER_BOUND_NS) {
        note(TimeJump.Kind.OUTLIER_BEHIND, file, record, offsetBytes, ahead);
        return clockNs;
      }
      note(TimeJump.Kind.REWIND, file, record, offsetBytes, ahead);
      shiftNs = plus(shiftNs, -ahead);
      return clockNs;
    }
    if (ahead < 0) {
      outOfOrderRecords++;
      return clockNs;
    }
    clockNs = t;
    return t;
  }

  private void note(TimeJump.Kind kind, Path file, long record, long offsetBytes, long jumpNs) {
    jumpCount++;
    if (jumps.size() < MAXIMUM_LISTED) {
      jumps.add(new TimeJump(kind, file, record, offsetBytes, jumpNs));
    }
  }

  /** The clock: the latest time a record was processed at, or {@link Long#MIN_VALUE} before any. */
  public long clockNs() {
    return clockNs;
  }

  /** The first {@value #MAXIMUM_LISTED} jumps, in replay order. */
  public List<TimeJump> jumps() {
    return List.copyOf(jumps);
  }

  /** Every jump, listed or not. */
  public long jumpCount() {
    return jumpCount;
  }

  /** Records up to {@link #OUTLIER_BOUND_NS} older than the clock, processed at the clock. */
  public long outOfOrderRecords() {
    return outOfOrderRecords;
  }

  /** {@code a + b}, held at the ends of the range instead of wrapping. */
  public static long plus(long a, long b) {
    long r = a + b;
    if (((a ^ r) & (b ^ r)) < 0) {
      return a < 0 ? Long.MIN_VALUE + 1 : Long.MAX_VALUE;
    }
    return r;
  }

  /** {@code a - b}, held at the ends of the range instead of wrapping. */
  static long minus(long a, long b) {
    long r = a - b;
    if (((a ^ b) & (a ^ r)) < 0) {
      return a < 0 ? Long.MIN_VALUE + 1 : Long.MAX_VALUE;
    }
    return r;
  }

  /** A duration in words for messages: {@code 3.2 years}, {@code 5 days}, {@code 61.5 s}. */
  public static String describe(long ns) {
    double seconds = ns / 1e9;
    if (seconds >= 365 * 86_400) {
      return String.format(java.util.Locale.ROOT, "%.1f years", seconds / (365 * 86_400));
    }
    if (seconds >= 86_400) {
      return String.format(java.util.Locale.ROOT, "%.1f days", seconds / 86_400);
    }
    if (seconds >= 3_600) {
      return String.format(java.util.Locale.ROOT, "%.1f hours", seconds / 3_600);
    }
    return String.format(java.util.Locale.ROOT, "%.3f s", seconds);
  }
}
