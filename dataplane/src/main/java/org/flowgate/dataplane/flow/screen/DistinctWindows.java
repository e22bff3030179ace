package org.flowgate.dataplane.flow.screen;

import org.flowgate.dataplane.screen.IdsOption;

/**
 * The scans and sweeps: how many distinct values (destination ports for a port scan, destination
 * addresses for a sweep) one source reaches within a threshold in microseconds. Junos flags the
 * source when it reaches more than {@link IdsOption#SCAN_DISTINCT} (10) within the threshold and
 * rejects what follows from it for the rest of the period.
 *
 * <pre>
 *  per source (direct-mapped line):  start   distinct values (≤ 10)   blocked until
 *  packet at t with value v:
 *    t &lt; blocked until                ─► attack
 *    t - start &gt; threshold            ─► new period: start = t, no values
 *    v among the values               ─► passes
 *    fewer than 10 values             ─► v added, passes
 *    else (the 11th distinct value)   ─► attack; blocked until the end of the period (or of the
 *                                         second, for the ICMP address sweep)
 * </pre>
 *
 * As in {@link RateWindows}, a source whose line another source takes over starts again from
 * nothing. Fixed size, nothing allocated per packet.
 *
 * <p>Thread: owned by its SPU's thread.
 */
final class DistinctWindows {
  private static final int DISTINCT = IdsOption.SCAN_DISTINCT;

  private final int mask;
  private final long[] keyHi;
  private final long[] keyLo;
  private final long[] keyExtra;
  private final long[] startNs;
  private final long[] blockedUntilNs;
  private final int[] count;
  private final boolean[] used;
  private final long[] values;

  DistinctWindows(int lines) {
    if (Integer.bitCount(lines) != 1) {
      throw new IllegalArgumentException("lines must be a power of two");
    }
    this.mask = lines - 1;
    keyHi = new long[lines];
    keyLo = new long[lines];
    keyExtra = new long[lines];
    startNs = new long[lines];
    blockedUntilNs = new long[lines];
    count = new int[lines];
    used = new boolean[lines];
    values = new long[lines * DISTINCT];
  }

  /**
   * True when this packet of the source, reaching {@code value} at {@code nowNs}, is an attack.
   *
   * @param blockToSecondEnd block to the end of the current second instead of the period's end
   */
  boolean attack(
      long hi,
      long lo,
      long extra,
      long value,
      long nowNs,
      long thresholdNs,
      boolean blockToSecondEnd) {
    int at = (int) Keys.hash(hi, lo, extra) & mask;
    if (!used[at] || keyHi[at] != hi || keyLo[at] != lo || keyExtra[at] != extra) {
      used[at] = true;
      keyHi[at] = hi;
      keyLo[at] = lo;
      keyExtra[at] = extra;
      blockedUntilNs[at] = Long.MIN_VALUE;
      return newPeriod(at, value, nowNs);
    }
    if (nowNs < blockedUntilNs[at]) {
      return true;
    }
    if (nowNs - startNs[at] > thresholdNs) {
      return newPeriod(at, value, nowNs);
    }
    int base = at * DISTINCT;
    int seen = count[at];
    for (int i = 0; i < seen; i++) {
      if (values[base + i] == value) {
        return false;
      }
    }
    if (seen < DISTINCT) {
      values[base + seen] = value;
      count[at] = seen + 1;
      return false;
    }
    blockedUntilNs[at] =
        blockToSecondEnd
            ? (Math.floorDiv(nowNs, ScreenEngine.SECOND_NS) + 1) * ScreenEngine.SECOND_NS
            : startNs[at] + thresholdNs + 1;
    return true;
  }

  private boolean newPeriod(int at, long value, long nowNs) {
    startNs[at] = nowNs;
    values[at * DISTINCT] = value;
    count[at] = 1;
    return false;
  }

  void clear() {
    java.util.Arrays.fill(used, false);
  }
}
