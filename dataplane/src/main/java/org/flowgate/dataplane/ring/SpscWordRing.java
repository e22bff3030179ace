package org.flowgate.dataplane.ring;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A single-producer single-consumer ring of fixed-size entries of {@code long} words, between two
 * threads: the dispatcher and an SPU (packet references), an SPU and the session logger (events).
 * Nothing is allocated after construction and nobody waits: a full ring says so to the producer.
 *
 * <pre>
 * entries: long[capacity * wordsPerEntry], entry i at (i &amp; mask) * wordsPerEntry
 *
 * counters, in a long[] of their own so that their cache lines are laid out as drawn (the JVM
 * does not promise field order, so padding fields in an object could not; an array's elements are
 * contiguous), 128 bytes apart and 128 bytes from the array's header:
 *   [16]  tail        next entry the producer writes; stored with release after its words
 *   [17]  cachedHead  the producer's last reading of head (producer only)
 *   [32]  head        next entry the consumer reads; stored with release once it is done
 *   [33]  cachedTail  the consumer's last reading of tail (consumer only)
 *   full: tail - head == capacity        empty: head == tail
 * </pre>
 *
 * (An array element through a VarHandle costs one bounds check; the off-heap segment the counters
 * lived in before cost a bounds, liveness and alignment check per access, about a tenth of an SPU's
 * replay time by JFR samples: docs/performance.md, "Issue 16".)
 *
 * <p>A consumer may take entries one at a time ({@link #peek}, {@link #release}) or in runs ({@link
 * #available}, {@link #entryAt}, {@link #release(int)}): a run reads the producer's tail once and
 * stores head once, so the cache line the producer watches moves once per run, not per entry.
 *
 * <p>Thread: exactly one producer thread ({@link #claim}, {@link #publish}) and one consumer thread
 * ({@link #peek}, {@link #available}, {@link #release}); {@link #published()}, {@link #released()}
 * and {@link #size()} may be read from any thread.
 */
public final class SpscWordRing {
  private static final VarHandle WORD = MethodHandles.arrayElementVarHandle(long[].class);
  private static final int TAIL = 16;
  private static final int CACHED_HEAD = 17;
  private static final int HEAD = 32;
  private static final int CACHED_TAIL = 33;
  private static final int COUNTER_WORDS = 48;

  private final long[] words;
  private final int wordsPerEntry;
  private final int capacity;
  private final int mask;
  private final long[] counters = new long[COUNTER_WORDS];

  /**
   * @param capacityEntries rounded up to a power of two, at most 2^24
   */
  public SpscWordRing(int capacityEntries, int wordsPerEntry) {
    if (capacityEntries < 1 || capacityEntries > 1 << 24 || wordsPerEntry < 1) {
      throw new IllegalArgumentException("ring capacity must be 1 to 2^24 entries");
    }
    this.capacity = capacityEntries == 1 ? 1 : Integer.highestOneBit(capacityEntries - 1) << 1;
    this.mask = capacity - 1;
    this.wordsPerEntry = wordsPerEntry;
    this.words = new long[capacity * wordsPerEntry];
  }

  public int capacity() {
    return capacity;
  }

  /** The entry storage: the producer writes a claimed entry, the consumer reads a peeked one. */
  public long[] words() {
    return words;
  }

  // ------------------------------------------------------------------ producer

  /**
   * Where the next entry goes in {@link #words()}, or -1 when the ring is full. Write its words,
   * then {@link #publish()}.
   */
  public int claim() {
    long tail = (long) WORD.get(counters, TAIL);
    if (tail - (long) WORD.get(counters, CACHED_HEAD) >= capacity) {
      long head = (long) WORD.getAcquire(counters, HEAD);
      WORD.set(counters, CACHED_HEAD, head);
      if (tail - head >= capacity) {
        return -1;
      }
    }
    return (int) (tail & mask) * wordsPerEntry;
  }

  /** Makes the claimed entry visible to the consumer. */
  public void publish() {
    WORD.setRelease(counters, TAIL, (long) WORD.get(counters, TAIL) + 1);
  }

  // ------------------------------------------------------------------ consumer

  /** Where the oldest entry lies in {@link #words()}, or -1 when the ring is empty. */
  public int peek() {
    long head = (long) WORD.get(counters, HEAD);
    if (head >= (long) WORD.get(counters, CACHED_TAIL)) {
      long tail = (long) WORD.getAcquire(counters, TAIL);
      WORD.set(counters, CACHED_TAIL, tail);
      if (head >= tail) {
        return -1;
      }
    }
    return (int) (head & mask) * wordsPerEntry;
  }

  /** Frees the oldest entry once the consumer is done with it. */
  public void release() {
    WORD.setRelease(counters, HEAD, (long) WORD.get(counters, HEAD) + 1);
  }

  /**
   * How many entries the consumer may read now, at most {@code limit}: entry i of them (0 first)
   * lies at {@link #entryAt}{@code (i)}; {@link #release(int)} frees them once read.
   */
  public int available(int limit) {
    long head = (long) WORD.get(counters, HEAD);
    long tail = (long) WORD.get(counters, CACHED_TAIL);
    if (tail - head < limit) {
      tail = (long) WORD.getAcquire(counters, TAIL);
      WORD.set(counters, CACHED_TAIL, tail);
    }
    return (int) Math.min(limit, tail - head);
  }

  /** Where the consumer's {@code i}th entry from the oldest lies in {@link #words()}. */
  public int entryAt(int i) {
    return (int) (((long) WORD.get(counters, HEAD) + i) & mask) * wordsPerEntry;
  }

  /** Frees the {@code count} oldest entries (at most what {@link #available} said) at once. */
  public void release(int count) {
    WORD.setRelease(counters, HEAD, (long) WORD.get(counters, HEAD) + count);
  }

  // ------------------------------------------------------------------ any thread

  /** Entries published since the ring was made. */
  public long published() {
    return (long) WORD.getAcquire(counters, TAIL);
  }

  /** Entries released since the ring was made. */
  public long released() {
    return (long) WORD.getAcquire(counters, HEAD);
  }

  /** Entries waiting for the consumer. */
  public long size() {
    return published() - released();
  }
}
