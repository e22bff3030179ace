package org.flowgate.dataplane.flow.alg;

import java.util.Arrays;

/**
 * What an ALG keeps of each control session it reads, in a fixed pool per SPU (struct of arrays):
 * its group, each direction's reassembly state and sequence adjustments, and a few words of the
 * ALG's own. A control session takes an entry when it is installed and gives it back when it ends;
 * with the pool empty the session passes uninspected (counted).
 *
 * <pre>
 * per entry                       per direction d (0 = from the initiator, 1 = towards it)
 *   slot, alg, group                expected   next sequence number the ALG reads (TCP)
 *   scratch[4] (the ALG's own)      buffer     reassembly buffer holding an unfinished message,
 *                                              -1 when none; buffered bytes in it; held: those
 *                                              bytes were held back (not forwarded) from heldSeq
 *                                              since heldTick (HELD, AHEAD after a gap)
 *                                   flags      SEQUENCE_KNOWN, SKIPPING (resynchronise at the
 *                                              next message boundary after a gap or an overlong
 *                                              message)
 *                                   records    up to RECORDS sequence adjustments (below)
 * </pre>
 *
 * <h2>Sequence adjustment (RFC 2663 §7.1: a rewrite that changes a TCP payload's length shifts
 * every later sequence number of that direction and every acknowledgement of the other)</h2>
 *
 * <pre>
 *  original stream of direction d:   ...─────[start_i ── rewritten ── end_i)─────...
 *  offset added to a sequence s:     before_i           (s &lt; end_i)   after_i (s &ge; end_i)
 *  forwarded stream:                 ...─────[start_i+before_i ── new ── end_i+after_i)───...
 *
 *  segment of d starting at s:   s + offset(s), s at start_i or outside every region; a segment
 *                                that starts inside a region, or cuts one, is dropped (counted)
 *  ack A of the other direction: A - after_i  when A &ge; end_i + after_i,
 *                                start_i      when A falls inside the rewritten bytes,
 *                                A - before_i when below them
 *  the oldest record goes when a fourth comes: its offset becomes the base (segments that old
 *  are long acknowledged). A record keeps the rewritten bytes (up to REPLACEMENT_BYTES) so that a
 *  retransmission of the rewritten segment is rewritten the same way.
 * </pre>
 *
 * <p>Thread: owned by its SPU's thread. Allocates nothing after construction.
 */
final class ControlStates {
  static final int RECORDS = 3;
  static final int REPLACEMENT_BYTES = 96;
  static final int SCRATCH = 4;

  static final int SEQUENCE_KNOWN = 1;
  static final int SKIPPING = 2;

  /** The buffer's bytes were held back (not forwarded): the start of a message NAT rewrites. */
  static final int HELD = 4;

  /**
   * With {@link #HELD}: the held bytes came after a gap (an out-of-order segment), starting at
   * heldSeq; the segment that fills the gap exactly carries them on.
   */
  static final int AHEAD = 8;

  private final int capacity;
  final int[] slot;
  final byte[] alg;
  final int[] group;
  final long[] scratch;

  // per direction: index = entry * 2 + d
  final int[] expected;
  final int[] buffer;
  final int[] buffered;
  final int[] heldSeq;
  final long[] heldTick;
  final byte[] flags;
  final int[] base;
  final byte[] records;
  // per record: index = (entry * 2 + d) * RECORDS + r
  final int[] start;
  final int[] end;
  final int[] before;
  final int[] after;
  final short[] replacementLength;
  final byte[] replacement;

  private final int[] free;
  private int freeCount;

  ControlStates(int capacity) {
    this.capacity = capacity;
    slot = new int[capacity];
    alg = new byte[capacity];
    group = new int[capacity];
    scratch = new long[capacity * SCRATCH];
    expected = new int[capacity * 2];
    buffer = new int[capacity * 2];
    buffered = new int[capacity * 2];
    heldSeq = new int[capacity * 2];
    heldTick = new long[capacity * 2];
    flags = new byte[capacity * 2];
    base = new int[capacity * 2];
    records = new byte[capacity * 2];
    start = new int[capacity * 2 * RECORDS];
    end = new int[capacity * 2 * RECORDS];
    before = new int[capacity * 2 * RECORDS];
    after = new int[capacity * 2 * RECORDS];
    replacementLength = new short[capacity * 2 * RECORDS];
    replacement = new byte[capacity * 2 * RECORDS * REPLACEMENT_BYTES];
    free = new int[capacity];
    for (int i = 0; i < capacity; i++) {
      free[i] = capacity - 1 - i;
    }
    freeCount = capacity;
  }

  int capacity() {
    return capacity;
  }

  int inUse() {
    return capacity - freeCount;
  }

  /** A fresh entry for the session in {@code sessionSlot}, or -1 when the pool is empty. */
  int take(int sessionSlot, int algOrdinal, int groupIndex) {
    if (freeCount == 0) {
      return -1;
    }
    int e = free[--freeCount];
    slot[e] = sessionSlot;
    alg[e] = (byte) algOrdinal;
    group[e] = groupIndex;
    Arrays.fill(scratch, e * SCRATCH, e * SCRATCH + SCRATCH, 0L);
    for (int d = 0; d < 2; d++) {
      int s = e * 2 + d;
      expected[s] = 0;
      buffer[s] = -1;
      buffered[s] = 0;
      heldSeq[s] = 0;
      heldTick[s] = 0;
      flags[s] = 0;
      base[s] = 0;
      records[s] = 0;
    }
    return e;
  }

  void give(int entry) {
    free[freeCount++] = entry;
  }

  static int stream(int entry, int direction) {
    return entry * 2 + direction;
  }

  // ------------------------------------------------------------------ sequence adjustment

  /** True when the direction's stream was ever shifted. */
  boolean adjusted(int stream) {
    return records[stream] != 0 || base[stream] != 0;
  }

  /**
   * Records a rewrite of the original bytes {@code [startSeq, endSeq)} of a direction that changed
   * their length by {@code delta}; {@code bytes}, when it fits, is what they became.
   */
  void record(int stream, int startSeq, int endSeq, int delta, byte[] bytes, int from, int length) {
    int n = records[stream];
    int first = stream * RECORDS;
    int previous = n == 0 ? base[stream] : after[first + n - 1];
    if (n == RECORDS) {
      base[stream] = after[first];
      System.arraycopy(start, first + 1, start, first, RECORDS - 1);
      System.arraycopy(end, first + 1, end, first, RECORDS - 1);
      System.arraycopy(before, first + 1, before, first, RECORDS - 1);
      System.arraycopy(after, first + 1, after, first, RECORDS - 1);
      System.arraycopy(replacementLength, first + 1, replacementLength, first, RECORDS - 1);
      System.arraycopy(
          replacement,
          (first + 1) * REPLACEMENT_BYTES,
          replacement,
          first * REPLACEMENT_BYTES,
          (RECORDS - 1) * REPLACEMENT_BYTES);
      n--;
    }
    int r = first + n;
    start[r] = startSeq;
    end[r] = endSeq;
    before[r] = previous;
    after[r] = previous + delta;
    if (bytes != null && length <= REPLACEMENT_BYTES) {
      System.arraycopy(bytes, from, replacement, r * REPLACEMENT_BYTES, length);
      replacementLength[r] = (short) length;
    } else {
      replacementLength[r] = -1;
    }
    records[stream] = (byte) (n + 1);
  }

  /** The offset to add to a segment of the direction that starts at original sequence {@code s}. */
  int offsetAt(int stream, int s) {
    int first = stream * RECORDS;
    for (int r = first + records[stream] - 1; r >= first; r--) {
      if (serialAtLeast(s, start[r])) {
        return serialAtLeast(s, end[r]) ? after[r] : before[r];
      }
    }
    return records[stream] == 0 ? base[stream] : before[first];
  }

  /** An acknowledgement of the other direction, in forwarded numbers, back in the original ones. */
  int originalAck(int stream, int ack) {
    int first = stream * RECORDS;
    for (int r = first + records[stream] - 1; r >= first; r--) {
      if (serialAtLeast(ack, start[r] + before[r])) {
        if (serialAtLeast(ack, end[r] + after[r])) {
          return ack - after[r];
        }
        return start[r];
      }
    }
    return ack - (records[stream] == 0 ? base[stream] : before[first]);
  }

  static boolean serialAtLeast(int a, int b) {
    return a - b >= 0;
  }
}
