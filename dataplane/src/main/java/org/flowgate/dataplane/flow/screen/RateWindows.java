package org.flowgate.dataplane.flow.screen;

/**
 * Packets per second per key: the floods (ICMP and UDP per destination address) and the SYN flood
 * (per destination address and port, per source, per destination). A direct-mapped table of {@code
 * lines} entries; each entry counts the packets of its key in the current second of the SPU's
 * clock.
 *
 * <pre>
 *  line = hash(key) &amp; mask      key ≠ line's key ─► the line is taken over (count from 0)
 *  second ≠ line's second ─► count = 0, second = now's
 *  count++ ─► returned; the caller compares it with the threshold
 *  {@link #block}: the line answers {@link #BLOCKED} until the end of the given second
 * </pre>
 *
 * A key whose line another key takes over loses its count: two keys that hash alike and alternate
 * are each counted from 0 again, so such a pair may pass above its threshold (docs/adr/0024). The
 * table never grows and allocates nothing after construction.
 *
 * <p>Thread: owned by its SPU's thread.
 */
final class RateWindows {
  /** What {@link #count} answers for a key blocked by {@link #block}. */
  static final int BLOCKED = Integer.MAX_VALUE;

  private final int mask;
  private final long[] keyHi;
  private final long[] keyLo;
  private final long[] keyExtra;
  private final long[] second;
  private final long[] blockedThroughSecond;
  private final int[] count;
  private final boolean[] used;
  private int line;

  RateWindows(int lines) {
    if (Integer.bitCount(lines) != 1) {
      throw new IllegalArgumentException("lines must be a power of two");
    }
    this.mask = lines - 1;
    keyHi = new long[lines];
    keyLo = new long[lines];
    keyExtra = new long[lines];
    second = new long[lines];
    blockedThroughSecond = new long[lines];
    count = new int[lines];
    used = new boolean[lines];
  }

  /**
   * Counts one packet of the key in {@code nowSecond}; answers how many the key has had in that
   * second (this one included), or {@link #BLOCKED}. The line stays selected for {@link #block}.
   */
  int count(long hi, long lo, long extra, long nowSecond) {
    int at = (int) Keys.hash(hi, lo, extra) & mask;
    line = at;
    if (!used[at] || keyHi[at] != hi || keyLo[at] != lo || keyExtra[at] != extra) {
      used[at] = true;
      keyHi[at] = hi;
      keyLo[at] = lo;
      keyExtra[at] = extra;
      second[at] = nowSecond;
      blockedThroughSecond[at] = Long.MIN_VALUE;
      count[at] = 1;
      return 1;
    }
    if (nowSecond <= blockedThroughSecond[at]) {
      return BLOCKED;
    }
    if (second[at] != nowSecond) {
      second[at] = nowSecond;
      count[at] = 0;
    }
    return ++count[at];
  }

  /** Blocks the key last counted through the end of {@code throughSecond}. */
  void block(long throughSecond) {
    blockedThroughSecond[line] = throughSecond;
  }

  /** Forgets every key (a new generation changes what the keys mean). */
  void clear() {
    java.util.Arrays.fill(used, false);
  }
}
