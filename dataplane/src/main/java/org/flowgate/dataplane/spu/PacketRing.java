package org.flowgate.dataplane.spu;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A single-producer single-consumer ring of packet references from the dispatcher to one SPU. An
 * entry names a frame inside a mapped capture (or, later, a receive ring) instead of copying it.
 *
 * <pre>
 * entry = 4 longs
 *   [0] kind u8 &lt;&lt; 56 | source u24 &lt;&lt; 32 | link type u16 &lt;&lt; 16 | capture interface u16
 *   [1] frame offset in the source's segment
 *   [2] timestamp ns
 *   [3] captured length u32 &lt;&lt; 32 | original length u32
 * head: next entry the consumer reads; tail: next entry the producer writes (release/acquire)
 * </pre>
 *
 * <p>Thread: exactly one producer thread and one consumer thread.
 */
public final class PacketRing {
  public static final int PACKET = 1;

  /** Advances the SPU's clock to the entry's timestamp without a packet. */
  public static final int TIME = 2;

  /** Installs a configuration generation (the entry's source names it) at the entry's timestamp. */
  public static final int COMMIT = 3;

  private static final VarHandle HEAD;
  private static final VarHandle TAIL;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      HEAD = lookup.findVarHandle(PacketRing.class, "head", long.class);
      TAIL = lookup.findVarHandle(PacketRing.class, "tail", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

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
        int originalLengthBytes);
  }

  private final long[] entries;
  private final int mask;
  @SuppressWarnings("unused")
  private long p1, p2, p3, p4, p5, p6, p7;
  private volatile long head;
  @SuppressWarnings("unused")
  private long q1, q2, q3, q4, q5, q6, q7;
  private volatile long tail;
  private long cachedHead;

  public PacketRing(int capacity) {
    int size = Integer.highestOneBit(Math.max(2, capacity - 1) << 1);
    this.entries = new long[size * 4];
    this.mask = size - 1;
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
      int originalLengthBytes) {
    long t = (long) TAIL.getOpaque(this);
    if (t - cachedHead > mask) {
      cachedHead = (long) HEAD.getAcquire(this);
      if (t - cachedHead > mask) {
        return false;
      }
    }
    int base = (int) (t & mask) * 4;
    entries[base] =
        ((long) kind << 56)
            | ((long) (source & 0xff_ffff) << 32)
            | ((long) (linkType & 0xffff) << 16)
            | (captureInterface & 0xffff);
    entries[base + 1] = frameOffset;
    entries[base + 2] = timestampNs;
    entries[base + 3] = ((long) capturedLengthBytes << 32) | (originalLengthBytes & 0xffff_ffffL);
    TAIL.setRelease(this, t + 1);
    return true;
  }

  /** Consumer side: hands up to {@code limit} entries to the consumer; returns how many. */
  public int drain(Consumer consumer, int limit) {
    long h = (long) HEAD.getOpaque(this);
    long available = (long) TAIL.getAcquire(this) - h;
    int count = (int) Math.min(available, limit);
    for (int i = 0; i < count; i++) {
      int base = (int) ((h + i) & mask) * 4;
      long meta = entries[base];
      long lengths = entries[base + 3];
      consumer.onEntry(
          (int) (meta >>> 56),
          (int) (meta >>> 32) & 0xff_ffff,
          (int) (meta >>> 16) & 0xffff,
          (int) meta & 0xffff,
          entries[base + 1],
          entries[base + 2],
          (int) (lengths >>> 32),
          (int) lengths);
      HEAD.setRelease(this, h + i + 1);
    }
    return count;
  }

  /** True when the consumer has taken (and finished with) every entry offered so far. */
  public boolean isEmpty() {
    return (long) HEAD.getAcquire(this) == (long) TAIL.getAcquire(this);
  }
}
