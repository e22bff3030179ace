package org.flowgate.dataplane.control;

import java.util.Arrays;

/**
 * One SPU's matching sessions sorted by session id, as (id, slot) pairs: the order every view lists
 * sessions in, whatever slots they happen to hold. Built on the SPU's thread, then read by the SPU
 * again (a later query) or merged by the engine; immutable once built.
 */
final class SessionOrder {
  private final long[] ids;
  private final int[] slots;

  private SessionOrder(long[] ids, int[] slots) {
    this.ids = ids;
    this.slots = slots;
  }

  int size() {
    return ids.length;
  }

  long id(int position) {
    return ids[position];
  }

  int slot(int position) {
    return slots[position];
  }

  /** Collects pairs on an SPU's thread. */
  static final class Builder {
    private long[] ids = new long[1024];
    private int[] slots = new int[1024];
    private int size;
    private long largestId;

    void add(long id, int slot) {
      if (size == ids.length) {
        ids = Arrays.copyOf(ids, size * 2);
        slots = Arrays.copyOf(slots, size * 2);
      }
      ids[size] = id;
      slots[size] = slot;
      largestId = Math.max(largestId, id);
      size++;
    }

    /**
     * The pairs in id order. When ids fit in 33 bits (the usual case: ordinals of packets, or the
     * high-end platform's numbers), each pair packs into one long and a primitive sort does it;
     * otherwise an index sort.
     */
    SessionOrder sorted() {
      long[] sortedIds = new long[size];
      int[] sortedSlots = new int[size];
      if (largestId < (1L << 33)) {
        long[] packed = new long[size];
        for (int i = 0; i < size; i++) {
          packed[i] = ids[i] << 30 | slots[i];
        }
        Arrays.sort(packed);
        for (int i = 0; i < size; i++) {
          sortedIds[i] = packed[i] >>> 30;
          sortedSlots[i] = (int) (packed[i] & ((1 << 30) - 1));
        }
      } else {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
          order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compareUnsigned(ids[a], ids[b]));
        for (int i = 0; i < size; i++) {
          sortedIds[i] = ids[order[i]];
          sortedSlots[i] = slots[order[i]];
        }
      }
      return new SessionOrder(sortedIds, sortedSlots);
    }
  }
}
