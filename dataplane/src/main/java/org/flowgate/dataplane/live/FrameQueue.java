package org.flowgate.dataplane.live;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Frames handed from one thread to another by copy, in fixed slots of off-heap memory: an SPU's
 * packets for the host (to the device itself, or waiting for a neighbour), the neighbour protocol
 * frames the live source passes to the host, the host's own packets for the flow. Bounded: a full
 * queue refuses the frame and the producer counts the drop.
 *
 * <pre>
 *  slot = HEADER_BYTES + frame                        counters (each only grows)
 *   0 frame length u32 | 4 kind u16 | 6 port u16      published  ─ producer's, release store
 *   8 aux hi u64 | 16 aux lo u64 (a next hop)         read       ─ consumer has looked at
 *  24 the frame                                       released   ─ consumer is done with
 *
 *  free slots = capacity - (published - released); a consumer that lends frames to others (the
 *  live source offers them to SPUs) releases them later than it reads them.
 * </pre>
 *
 * <p>Thread: exactly one producer thread and one consumer thread.
 */
final class FrameQueue {
  static final int HEADER_BYTES = 24;

  private static final VarHandle PUBLISHED;
  private static final VarHandle RELEASED;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      PUBLISHED = lookup.findVarHandle(FrameQueue.class, "published", long.class);
      RELEASED = lookup.findVarHandle(FrameQueue.class, "released", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final MemorySegment memory;
  private final int slotBytes;
  private final int capacity;

  // producer side
  @SuppressWarnings("unused") // through PUBLISHED
  private volatile long published;

  private long producerReleasedCache;

  // consumer side
  private long read;

  @SuppressWarnings("unused") // through RELEASED
  private volatile long released;

  FrameQueue(int capacity, int largestFrameBytes) {
    this.capacity = capacity;
    this.slotBytes = (HEADER_BYTES + largestFrameBytes + 63) & ~63;
    this.memory = Arena.ofAuto().allocate((long) capacity * slotBytes, 64);
  }

  /** The queue's memory: frames are at {@link #frame} offsets in it. */
  MemorySegment memory() {
    return memory;
  }

  int largestFrameBytes() {
    return slotBytes - HEADER_BYTES;
  }

  // ---------------------------------------------------------------- producer

  /** Where to write the next frame, or -1 when the queue is full. */
  long claim() {
    long at = (long) PUBLISHED.getOpaque(this);
    if (at - producerReleasedCache >= capacity) {
      producerReleasedCache = (long) RELEASED.getAcquire(this);
      if (at - producerReleasedCache >= capacity) {
        return -1;
      }
    }
    return slot(at) + HEADER_BYTES;
  }

  /** Publishes the claimed frame. */
  void publish(int lengthBytes, int kind, int port, long auxHi, long auxLo) {
    long at = (long) PUBLISHED.getOpaque(this);
    long slot = slot(at);
    memory.set(ValueLayout.JAVA_INT, slot, lengthBytes);
    memory.set(ValueLayout.JAVA_SHORT, slot + 4, (short) kind);
    memory.set(ValueLayout.JAVA_SHORT, slot + 6, (short) port);
    memory.set(ValueLayout.JAVA_LONG, slot + 8, auxHi);
    memory.set(ValueLayout.JAVA_LONG, slot + 16, auxLo);
    PUBLISHED.setRelease(this, at + 1);
  }

  /** Copies {@code lengthBytes} of {@code from} in and publishes them; false when full. */
  boolean offer(
      MemorySegment from, long offset, int lengthBytes, int kind, int port, long hi, long lo) {
    if (lengthBytes > largestFrameBytes()) {
      return false;
    }
    long at = claim();
    if (at < 0) {
      return false;
    }
    MemorySegment.copy(from, offset, memory, at, lengthBytes);
    publish(lengthBytes, kind, port, hi, lo);
    return true;
  }

  // ---------------------------------------------------------------- consumer

  /** The slot of the next unread frame, or -1 when none is published. */
  long peek() {
    return read < (long) PUBLISHED.getAcquire(this) ? slot(read) : -1;
  }

  /** Marks the peeked frame read; it stays out of the producer's reach until released. */
  void advance() {
    read++;
  }

  /** Frames read so far (a mark for {@link #releaseTo}). */
  long readCount() {
    return read;
  }

  /** Gives back to the producer every frame read before {@code mark}. */
  void releaseTo(long mark) {
    RELEASED.setRelease(this, mark);
  }

  /** Reads and releases the peeked frame at once. */
  void consume() {
    read++;
    RELEASED.setRelease(this, read);
  }

  long frame(long slot) {
    return slot + HEADER_BYTES;
  }

  int length(long slot) {
    return memory.get(ValueLayout.JAVA_INT, slot);
  }

  int kind(long slot) {
    return memory.get(ValueLayout.JAVA_SHORT, slot + 4);
  }

  int port(long slot) {
    return memory.get(ValueLayout.JAVA_SHORT, slot + 6);
  }

  long auxHi(long slot) {
    return memory.get(ValueLayout.JAVA_LONG, slot + 8);
  }

  long auxLo(long slot) {
    return memory.get(ValueLayout.JAVA_LONG, slot + 16);
  }

  private long slot(long counter) {
    return (counter % capacity) * slotBytes;
  }
}
