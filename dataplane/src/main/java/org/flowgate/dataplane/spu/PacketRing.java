package org.flowgate.dataplane.spu;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import org.flowgate.dataplane.ring.SpscWordRing;

/**
 * Packet references from the dispatcher to one SPU. An entry names a frame inside a source's memory
 * (a mapped capture, later a receive ring) instead of copying it, or tells the SPU to move its
 * clock or install a configuration generation at a point of the packet stream.
 *
 * <pre>
 * entry = 6 words
 *   [0] kind u8 &lt;&lt; 56 | source u24 &lt;&lt; 32 | link type u16 &lt;&lt; 16 | capture interface u16
 *   [1] frame offset in the source's segment
 *   [2] timestamp ns
 *   [3] captured length u32 &lt;&lt; 32 | original length u32
 *   [4] PACKET: the packet's ordinal in the device's input; TIME and COMMIT: the number of
 *       packets offered before it (how far the input had got)
 *   [5] what the dispatcher computed: 1 &lt;&lt; 32 | session key hash u32, or 0 (PACKET only;
 *       {@link org.flowgate.dataplane.dispatch.Dispatcher#KEY_HASH_KNOWN})
 * </pre>
 *
 * <p>Neither side spins for long (issue 14: a replay thread on a full ring, an SPU with nothing to
 * do, must not hold a core): each parks, and the other side wakes it.
 *
 * <pre>
 *  producer, ring full:  producerWaiting = me ─► still full? ─► park (at most WAIT_NS)
 *  consumer, after a drain: producerWaiting set and at least half the ring free ─► unpark it
 *  consumer, ring empty: consumerWaiting = me ─► still empty? ─► park (at most WAIT_NS)
 *  producer, after an offer: consumerWaiting set ─► unpark it
 * </pre>
 *
 * The waker reads the other side's flag without a fence (a fence per packet would cost more than it
 * saves), so in a rare race it misses the flag just set and the sleeper wakes after {@link
 * #WAIT_NS} instead: a delay, never a lost entry. The producer is woken only once half the ring is
 * free, so that one wake-up carries thousands of entries.
 *
 * <p>Thread: exactly one producer thread and one consumer thread (the SPU's).
 */
public final class PacketRing {
  public static final int PACKET = 1;

  /** Advances the SPU's clock to the entry's timestamp without a packet. */
  public static final int TIME = 2;

  /** Installs a configuration generation (the entry's source names it) at the entry's timestamp. */
  public static final int COMMIT = 3;

  /**
   * Stores an entry in the SPU's replica of the application system cache (docs/adr/0041): source =
   * routing instance, link type = server port, capture interface = IP protocol, [1] = server
   * address high word, [5] = low word, [2] = the identification's time, captured length =
   * application, original length = nested application.
   */
  public static final int CACHE = 4;

  private static final int WORDS = 6;

  /** The longest a side sleeps without being woken (a wake-up lost to the race above). */
  static final long WAIT_NS = 1_000_000;

  private static final VarHandle PRODUCER_WAITING;
  private static final VarHandle CONSUMER_WAITING;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      PRODUCER_WAITING = lookup.findVarHandle(PacketRing.class, "producerWaiting", Thread.class);
      CONSUMER_WAITING = lookup.findVarHandle(PacketRing.class, "consumerWaiting", Thread.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final SpscWordRing ring;

  @SuppressWarnings("unused") // through PRODUCER_WAITING
  private volatile Thread producerWaiting;

  @SuppressWarnings("unused") // through CONSUMER_WAITING
  private volatile Thread consumerWaiting;

  /** Receives entries on the consumer thread. */
  public interface Consumer {
    void onEntry(
        int kind,
        int source,
        int linkType,
        int captureInterface,
        long frameOffset,
        long timestampNs,
        int capturedLengthBytes,
        int originalLengthBytes,
        long ordinal,
        long dispatched);
  }

  public PacketRing(int capacity) {
    this.ring = new SpscWordRing(capacity, WORDS);
  }

  /** Producer side: false when the ring is full. */
  public boolean offer(
      int kind,
      int source,
      int linkType,
      int captureInterface,
      long frameOffset,
      long timestampNs,
      int capturedLengthBytes,
      int originalLengthBytes,
      long ordinal,
      long dispatched) {
    int at = ring.claim();
    if (at < 0) {
      return false;
    }
    long[] words = ring.words();
    words[at] =
        ((long) kind << 56)
            | ((long) (source & 0xff_ffff) << 32)
            | ((long) (linkType & 0xffff) << 16)
            | (captureInterface & 0xffff);
    words[at + 1] = frameOffset;
    words[at + 2] = timestampNs;
    words[at + 3] = ((long) capturedLengthBytes << 32) | (originalLengthBytes & 0xffff_ffffL);
    words[at + 4] = ordinal;
    words[at + 5] = dispatched;
    ring.publish();
    Thread sleeper = (Thread) CONSUMER_WAITING.getOpaque(this);
    if (sleeper != null) {
      LockSupport.unpark(sleeper);
    }
    return true;
  }

  /**
   * Producer side, after {@link #offer} said the ring is full: parks until the consumer has freed
   * half of it (or {@link #WAIT_NS} has passed). The caller offers again.
   */
  public void awaitSpace() {
    Thread me = Thread.currentThread();
    PRODUCER_WAITING.setVolatile(this, me);
    if (ring.size() > ring.capacity() / 2) {
      LockSupport.parkNanos(this, WAIT_NS);
    }
    PRODUCER_WAITING.setOpaque(this, null);
  }

  /**
   * Consumer side, when there was nothing to do: parks until the producer offers an entry, another
   * thread unparks the consumer (a task for the SPU), or {@code maximumNs} has passed.
   */
  public void awaitEntries(long maximumNs) {
    Thread me = Thread.currentThread();
    CONSUMER_WAITING.setVolatile(this, me);
    if (ring.size() == 0) {
      LockSupport.parkNanos(this, maximumNs);
    }
    CONSUMER_WAITING.setOpaque(this, null);
  }

  /** Consumer side, after a drain: wakes a producer waiting for room once half the ring is free. */
  public void wakeProducer() {
    Thread sleeper = (Thread) PRODUCER_WAITING.getOpaque(this);
    if (sleeper != null && ring.size() <= ring.capacity() / 2) {
      LockSupport.unpark(sleeper);
    }
  }

  /**
   * Consumer side: hands up to {@code limit} entries to the consumer; returns how many. The run is
   * released at its end, all at once (the consumer copies each entry's words out first).
   */
  public int drain(Consumer consumer, int limit) {
    long[] words = ring.words();
    int count = ring.available(limit);
    int taken = 0;
    try {
      while (taken < count) {
        int at = ring.entryAt(taken);
        long meta = words[at];
        long lengths = words[at + 3];
        long frameOffset = words[at + 1];
        long timestampNs = words[at + 2];
        long ordinal = words[at + 4];
        long dispatched = words[at + 5];
        taken++; // copied out: taken even when the consumer throws (a fault, ADR 0018)
        consumer.onEntry(
            (int) (meta >>> 56),
            (int) (meta >>> 32) & 0xff_ffff,
            (int) (meta >>> 16) & 0xffff,
            (int) meta & 0xffff,
            frameOffset,
            timestampNs,
            (int) (lengths >>> 32),
            (int) lengths,
            ordinal,
            dispatched);
      }
    } finally {
      if (taken > 0) {
        ring.release(taken);
      }
    }
    return count;
  }

  /** Entries offered so far. */
  public long offered() {
    return ring.published();
  }

  /** Entries the consumer has taken so far (not necessarily finished with). */
  public long taken() {
    return ring.released();
  }
}
