package org.flowgate.dataplane.spu;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * The memory packets are read from (mapped captures; later receive rings), by the source number a
 * {@link PacketRing} entry carries. Append-only: the dispatcher adds a source before it offers any
 * entry that names it, and the ring's release/acquire makes the array visible to the SPU that reads
 * the entry.
 *
 * <p>A source whose file shrank under its mapping while it was replayed is marked by the SPU that
 * took the fault (see docs/adr/0018-captures-that-shrink.md): frames past the file's new end are
 * counted as dropped without being read.
 *
 * <p>Thread: written by the dispatcher thread, read by SPU threads; {@link #fault} from any.
 */
public final class FrameSources {
  private volatile MemorySegment[] segments = new MemorySegment[0];
  private volatile LongSupplier[] sizes = new LongSupplier[0];
  private volatile long[] wholeBytes = new long[0];
  private volatile boolean anyFault;

  /** Adds a source and returns its number. */
  public int add(MemorySegment segment) {
    return add(segment, segment::byteSize);
  }

  /**
   * Adds a source whose file may shrink, with a way to ask its size now, and returns its number.
   */
  public synchronized int add(MemorySegment segment, LongSupplier sizeNowBytes) {
    MemorySegment[] grown = Arrays.copyOf(segments, segments.length + 1);
    grown[grown.length - 1] = segment;
    LongSupplier[] grownSizes = Arrays.copyOf(sizes, grown.length);
    grownSizes[grown.length - 1] = sizeNowBytes;
    long[] grownWhole = Arrays.copyOf(wholeBytes, grown.length);
    grownWhole[grown.length - 1] = Long.MAX_VALUE;
    sizes = grownSizes;
    wholeBytes = grownWhole;
    segments = grown;
    return grown.length - 1;
  }

  public MemorySegment get(int source) {
    return segments[source];
  }

  /**
   * A read of the source's mapping faulted: its file was truncated. Frames that end past its size
   * now are read no more.
   */
  public synchronized void fault(int source) {
    long now = sizes[source].getAsLong();
    long[] whole = wholeBytes.clone();
    whole[source] = Math.min(whole[source], Math.max(0, now));
    wholeBytes = whole;
    anyFault = true;
  }

  /**
   * True when a frame ending at {@code frameEndBytes} lies past where the source was found
   * truncated; one volatile read while no source faulted.
   */
  public boolean gone(int source, long frameEndBytes) {
    return anyFault && frameEndBytes > wholeBytes[source];
  }
}
