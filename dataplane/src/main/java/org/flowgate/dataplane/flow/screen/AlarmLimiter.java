package org.flowgate.dataplane.flow.screen;

/**
 * How often an attack is logged: once an interval (a minute; a second for the SYN flood, whose
 * messages Junos compresses per second) for the same attack, in the same zone, on the same key (the
 * source and destination of a stateless screen, the source of a scan, the destination of a flood).
 * The one real RT_IDS record sequence found (an SRX's {@code IP spoofing!} from one source to one
 * destination, Azure-Sentinel's JuniperSRX sample) holds one line every 60 s for hours, the second
 * of the minute fixed; docs/adr/0024 has the reading.
 *
 * <pre>
 *  line = hash(attack, zone, key): same key and less than the interval since it logged ─► not logged
 *                                  else ─► logged, the line remembers the key and the time
 * </pre>
 *
 * Direct-mapped: a key that takes another's line makes the other log again on its next attack (more
 * lines, never fewer). Counting is not limited: every attack packet is counted.
 *
 * <p>Thread: owned by its SPU's thread.
 */
final class AlarmLimiter {
  static final long MINUTE_NS = 60L * ScreenEngine.SECOND_NS;

  private final int mask;
  private final long[] keyHi;
  private final long[] keyLo;
  private final long[] keyExtra;
  private final long[] loggedNs;
  private final boolean[] used;

  AlarmLimiter(int lines) {
    mask = lines - 1;
    keyHi = new long[lines];
    keyLo = new long[lines];
    keyExtra = new long[lines];
    loggedNs = new long[lines];
    used = new boolean[lines];
  }

  /**
   * True when an attack on this key may be logged at {@code nowNs}, {@code intervalNs} after it
   * last was (it is then remembered).
   */
  boolean allow(long hi, long lo, long extra, long nowNs, long intervalNs) {
    int at = (int) Keys.hash(hi, lo, extra) & mask;
    if (used[at]
        && keyHi[at] == hi
        && keyLo[at] == lo
        && keyExtra[at] == extra
        && nowNs - loggedNs[at] < intervalNs) {
      return false;
    }
    used[at] = true;
    keyHi[at] = hi;
    keyLo[at] = lo;
    keyExtra[at] = extra;
    loggedNs[at] = nowNs;
    return true;
  }
}
