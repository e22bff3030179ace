package org.flowgate.dataplane.ring;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * A single-producer single-consumer ring of fixed-size entries of {@code long} words, between two
 * threads: the dispatcher and an SPU (packet references), an SPU and the session logger (events).
 * Nothing is allocated after construction and nobody waits: a full ring says so to the producer.
 *
 * <pre>
 * entries: long[capacity * wordsPerEntry], entry i at (i &amp; mask) * wordsPerEntry
 *
 * counters, off-heap so that their cache lines are laid out as drawn (the JVM does not promise
 * field order, so padding fields in an object could not):
 *   byte 0    tail        next entry the producer writes; stored with release after its words
 *   byte 8    cachedHead  the producer's last reading of head (producer only)
 *   byte 128  head        next entry the consumer reads; stored with release once it is done
 *   byte 136  cachedTail  the consumer's last reading of tail (consumer only)
 *   full: tail - head == capacity        empty: head == tail
 * </pre>
 *
 * <p>Thread: exactly one producer thread ({@link #claim}, {@link #publish}) and one consumer thread
 * ({@link #peek}, {@link #release}); {@link #published()}, {@link #released()} and {@link #size()}
 * may be read from any thread.
 */
public final class SpscWordRing {
  private static final VarHandle WORD = ValueLayout.JAVA_LONG.varHandle();
  private static final long TAIL = 0;
  private static final long CACHED_HEAD = 8;
  private static final long HEAD = 128;
  private static final long CACHED_TAIL = 136;

  private final long[] words;
  private final int wordsPerEntry;
  private final int capacity;
  private final int mask;
  private final MemorySegment counters;

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
    this.counters = Arena.ofAuto().allocate(256, 128);
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
