package org.flowgate.dataplane.flow.screen;

/**
 * The sessions each source (or destination) address has in a zone, for {@code limit-session}: an
 * open-addressed table with linear probing whose entries leave when their count reaches 0
 * (backward-shift deletion, so lookups never meet tombstones). It holds at least twice as many
 * entries as the SPU has session slots: every counted session adds one key at most, so the table is
 * never more than half full and a key can always be added.
 *
 * <pre>
 *  entry = address hi, address lo, zone (stable number) | count
 *  count(key)      probe from hash(key) to the key or an empty entry
 *  increment(key)  the key's entry +1, or a new entry of 1
 *  decrement(key)  -1; at 0 the entry leaves and later entries of its run shift back
 * </pre>
 *
 * <p>Thread: owned by its SPU's thread.
 */
final class SessionCounts {
  private final int mask;
  private final long[] hi;
  private final long[] lo;
  private final int[] zone;
  private final int[] count; // 0: empty

  SessionCounts(int sessionSlots) {
    int entries = Integer.highestOneBit(Math.max(2, sessionSlots) * 2 - 1) << 1;
    mask = entries - 1;
    hi = new long[entries];
    lo = new long[entries];
    zone = new int[entries];
    count = new int[entries];
  }

  int count(long addressHi, long addressLo, int zoneNumber) {
    int at = find(addressHi, addressLo, zoneNumber);
    return count[at];
  }

  void increment(long addressHi, long addressLo, int zoneNumber) {
    int at = find(addressHi, addressLo, zoneNumber);
    if (count[at] == 0) {
      hi[at] = addressHi;
      lo[at] = addressLo;
      zone[at] = zoneNumber;
    }
    count[at]++;
  }

  void decrement(long addressHi, long addressLo, int zoneNumber) {
    int at = find(addressHi, addressLo, zoneNumber);
    if (count[at] == 0) {
      return; // not counted (cannot happen while increments and decrements pair up)
    }
    if (--count[at] > 0) {
      return;
    }
    // backward-shift deletion: move later entries of the run into the hole when their home allows
    int hole = at;
    int next = (hole + 1) & mask;
    while (count[next] != 0) {
      int home = home(hi[next], lo[next], zone[next]);
      boolean movable = ((next - home) & mask) >= ((next - hole) & mask);
      if (movable) {
        hi[hole] = hi[next];
        lo[hole] = lo[next];
        zone[hole] = zone[next];
        count[hole] = count[next];
        count[next] = 0;
        hole = next;
      }
      next = (next + 1) & mask;
    }
  }

  private int home(long addressHi, long addressLo, int zoneNumber) {
    return (int) Keys.hash(addressHi, addressLo, zoneNumber) & mask;
  }

  private int find(long addressHi, long addressLo, int zoneNumber) {
    int at = home(addressHi, addressLo, zoneNumber);
    while (count[at] != 0
        && (lo[at] != addressLo || hi[at] != addressHi || zone[at] != zoneNumber)) {
      at = (at + 1) & mask;
    }
    return at;
  }
}
