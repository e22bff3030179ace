package org.flowgate.dataplane.log;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A single-producer single-consumer ring of fixed-size session-log events ({@link SessionLogEvent})
 * from one SPU to the logger. The SPU never waits: when the ring is full the event is dropped and
 * counted.
 *
 * <pre>
 * events: long[capacity * WORDS], event i at (i &amp; mask) * WORDS
 * tail: next event the producer writes, published with release after its words
 * head: next event the consumer reads, published with release after it has copied the words
 *   full  : tail - head == capacity  → drop, dropped++
 *   empty : head == tail
 * </pre>
 *
 * <p>Thread: exactly one producer (the SPU thread) and one consumer (the logger thread). {@link
 * #dropped()} and {@link #size()} may be read from any thread.
 */
public final class SessionLogRing {
  private static final VarHandle HEAD;
  private static final VarHandle TAIL;
  private static final VarHandle DROPPED;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      HEAD = lookup.findVarHandle(SessionLogRing.class, "head", long.class);
      TAIL = lookup.findVarHandle(SessionLogRing.class, "tail", long.class);
      DROPPED = lookup.findVarHandle(SessionLogRing.class, "dropped", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final long[] events;
  private final int capacity;
  private final int mask;
  @SuppressWarnings("unused")
  private long p1, p2, p3, p4, p5, p6, p7;
  private volatile long head;
  @SuppressWarnings("unused")
  private long q1, q2, q3, q4, q5, q6, q7;
  private volatile long tail;
  private volatile long dropped;
  private long cachedHead; // producer's view of head
  @SuppressWarnings("unused")
  private long r1, r2, r3, r4, r5, r6, r7;
  private long cachedTail; // consumer's view of tail

  /**
   * @param capacityEvents rounded up to a power of two
   */
  public SessionLogRing(int capacityEvents) {
    if (capacityEvents < 1 || capacityEvents > 1 << 24) {
      throw new IllegalArgumentException("ring capacity must be 1 to 2^24 events");
    }
    this.capacity = capacityEvents == 1 ? 1 : Integer.highestOneBit(capacityEvents - 1) << 1;
    this.mask = capacity - 1;
    this.events = new long[capacity * SessionLogEvent.WORDS];
  }

  public int capacity() {
    return capacity;
  }

  /**
   * Producer: the offset in {@link #words()} where the next event goes, or -1 when the ring is full
   * (the drop is counted). Fill every word of the event, then {@link #publish()}.
   */
  public int claim() {
    long t = tail;
    if (t - cachedHead >= capacity) {
      cachedHead = (long) HEAD.getAcquire(this);
      if (t - cachedHead >= capacity) {
        DROPPED.setRelease(this, dropped + 1);
        return -1;
      }
    }
    return (int) (t & mask) * SessionLogEvent.WORDS;
  }

  /**
   * The event storage; only the producer writes, only between {@link #claim} and {@link #publish}.
   */
  public long[] words() {
    return events;
  }

  /** Producer: makes the claimed event visible to the consumer. */
  public void publish() {
    TAIL.setRelease(this, tail + 1);
  }

  /**
   * Consumer: copies the oldest event into {@code into} (at least {@link SessionLogEvent#WORDS}
   * long) and frees its place. Returns false when the ring is empty.
   */
  public boolean poll(long[] into) {
    long h = head;
    if (h >= cachedTail) {
      cachedTail = (long) TAIL.getAcquire(this);
      if (h >= cachedTail) {
        return false;
      }
    }
    System.arraycopy(
        events, (int) (h & mask) * SessionLogEvent.WORDS, into, 0, SessionLogEvent.WORDS);
    HEAD.setRelease(this, h + 1);
    return true;
  }

  /** Events dropped because the ring was full. */
  public long dropped() {
    return dropped;
  }

  /** Events waiting for the consumer. */
  public long size() {
    return tail - head;
  }
}
