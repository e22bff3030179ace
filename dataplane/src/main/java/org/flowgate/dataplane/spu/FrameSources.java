package org.flowgate.dataplane.spu;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * The memory packets are read from (mapped captures; later receive rings), by the source number a
 * {@link PacketRing} entry carries. Append-only: the dispatcher adds a source before it offers any
 * entry that names it, and the ring's release/acquire makes the array visible to the SPU that reads
 * the entry.
 *
 * <p>Thread: written by the dispatcher thread, read by SPU threads.
 */
public final class FrameSources {
  private volatile MemorySegment[] segments = new MemorySegment[0];

  /** Adds a source and returns its number. */
  public synchronized int add(MemorySegment segment) {
    MemorySegment[] grown = Arrays.copyOf(segments, segments.length + 1);
    grown[grown.length - 1] = segment;
    segments = grown;
    return grown.length - 1;
  }

  public MemorySegment get(int source) {
    return segments[source];
  }
}
