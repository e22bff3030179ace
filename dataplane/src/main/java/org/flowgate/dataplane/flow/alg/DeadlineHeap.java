package org.flowgate.dataplane.flow.alg;

import java.util.Arrays;

/**
 * A binary min-heap of entry indices ordered by deadline tick, with each entry's place kept so that
 * an entry leaves in O(log n) when it is consumed before its deadline. Gates and groups use one
 * each: they expire in deadline order whatever their lifetimes (60 s for an FTP gate, 8 hours for
 * an RPC mapping), which a FIFO would not give.
 *
 * <pre>
 *  heap[0..size)  entry indices, heap[i] no later than heap[2i+1] and heap[2i+2]
 *  place[entry]   its position in heap, -1 when not scheduled
 *  deadline[entry] tick, compared by serial-number arithmetic (ticks wrap at 2^32)
 * </pre>
 *
 * <p>Thread: owned by its SPU's thread. Allocates nothing after construction.
 */
final class DeadlineHeap {
  private final int[] heap;
  private final int[] place;
  private final long[] deadline;
  private int size;

  DeadlineHeap(int capacity) {
    heap = new int[capacity];
    place = new int[capacity];
    deadline = new long[capacity];
    Arrays.fill(place, -1);
  }

  int size() {
    return size;
  }

  boolean scheduled(int entry) {
    return place[entry] >= 0;
  }

  long deadline(int entry) {
    return deadline[entry];
  }

  /** The entry due first, or -1 when none is scheduled. */
  int first() {
    return size == 0 ? -1 : heap[0];
  }

  /** True when the first entry is due at {@code nowTick}. */
  boolean due(long nowTick) {
    return size > 0 && (int) (nowTick - deadline[heap[0]]) >= 0;
  }

  /** Schedules {@code entry} for {@code tick}, or moves it there. */
  void schedule(int entry, long tick) {
    if (place[entry] >= 0) {
      remove(entry);
    }
    deadline[entry] = tick;
    int at = size++;
    heap[at] = entry;
    place[entry] = at;
    up(at);
  }

  void remove(int entry) {
    int at = place[entry];
    if (at < 0) {
      return;
    }
    place[entry] = -1;
    int last = heap[--size];
    if (at == size) {
      return;
    }
    heap[at] = last;
    place[last] = at;
    up(at);
    down(place[last]);
  }

  private boolean earlier(int a, int b) {
    return (int) (deadline[a] - deadline[b]) < 0;
  }

  private void up(int at) {
    int entry = heap[at];
    while (at > 0) {
      int parent = (at - 1) >>> 1;
      if (!earlier(entry, heap[parent])) {
        break;
      }
      heap[at] = heap[parent];
      place[heap[at]] = at;
      at = parent;
    }
    heap[at] = entry;
    place[entry] = at;
  }

  private void down(int at) {
    int entry = heap[at];
    while (true) {
      int child = 2 * at + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && earlier(heap[child + 1], heap[child])) {
        child++;
      }
      if (!earlier(heap[child], entry)) {
        break;
      }
      heap[at] = heap[child];
      place[heap[at]] = at;
      at = child;
    }
    heap[at] = entry;
    place[entry] = at;
  }
}
