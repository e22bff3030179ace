package org.flowgate.dataplane.appid;

import java.lang.foreign.MemorySegment;

/**
 * A fixed pool of equal reassembly buffers carved from one slab: {@code count} buffers of {@code
 * bytesPerBuffer} bytes, handed out by index from a free stack. Allocated once per SPU; taking and
 * returning a buffer allocates nothing.
 *
 * <pre>
 *  slab: | buffer 0 (bytesPerBuffer) | buffer 1 | ... | buffer count-1 |
 *  free: stack of indices, top = freeCount - 1
 * </pre>
 *
 * <p>Public because the ALGs' control-stream reassembly (flow.alg) draws from a pool of the same
 * kind.
 *
 * <p>Thread: owned by one SPU.
 */
public final class StreamBuffers {
  private final MemorySegment slab;
  private final int bytesPerBuffer;
  private final int[] free;
  private int freeCount;

  public StreamBuffers(int count, int bytesPerBuffer) {
    this.bytesPerBuffer = bytesPerBuffer;
    this.slab = MemorySegment.ofArray(new byte[Math.multiplyExact(count, bytesPerBuffer)]);
    this.free = new int[count];
    for (int i = 0; i < count; i++) {
      free[i] = count - 1 - i;
    }
    this.freeCount = count;
  }

  /** A free buffer's index, or -1 when every buffer is in use. */
  public int take() {
    return freeCount == 0 ? -1 : free[--freeCount];
  }

  public void give(int index) {
    free[freeCount++] = index;
  }

  public MemorySegment slab() {
    return slab;
  }

  public long offset(int index) {
    return (long) index * bytesPerBuffer;
  }

  public int bytesPerBuffer() {
    return bytesPerBuffer;
  }

  public int available() {
    return freeCount;
  }

  public int capacity() {
    return free.length;
  }
}
