package org.flowgate.dataplane.log;

import java.util.concurrent.atomic.AtomicLongArray;
import org.flowgate.dataplane.flow.PacketTrace;
import org.flowgate.dataplane.flow.TracedPacket;
import org.flowgate.dataplane.ring.SpscWordRing;

/**
 * The packets {@code security flow traceoptions} selects, from every SPU to the trace writer: one
 * bounded ring of {@link TraceEvent}s per SPU, as the session log has. An SPU never waits: when its
 * ring is full the packet's trace is dropped and counted.
 *
 * <pre>
 *  SPU 0 ─ traced(packet) ─► ring 0 ─┐
 *  SPU n ─ traced(packet) ─► ring n ─┴─► trace writer (management): poll ─► Junos trace lines
 * </pre>
 *
 * <p>Thread: {@link #traced} on each SPU's thread (one producer per ring); {@link #poll} on the
 * writer's thread; the counters from any thread.
 */
public final class PacketTraceRecorder implements PacketTrace {
  private final SpscWordRing[] rings;
  private final AtomicLongArray dropped;
  private volatile Progress progress = (spu, ordinal) -> true;

  /** How far each SPU has got through the device's input (its packets' ordinals). */
  @FunctionalInterface
  public interface Progress {
    /**
     * True when SPU {@code spu} has wholly processed every packet it was given with an ordinal up
     * to {@code ordinal}, so it will trace none of them from now on.
     */
    boolean processedThrough(int spu, long ordinal);
  }

  public PacketTraceRecorder(int spus, int ringCapacityPackets) {
    if (spus < 1) {
      throw new IllegalArgumentException("at least one SPU");
    }
    rings = new SpscWordRing[spus];
    for (int i = 0; i < spus; i++) {
      rings[i] = new SpscWordRing(ringCapacityPackets, TraceEvent.WORDS);
    }
    dropped = new AtomicLongArray(spus);
  }

  public int spuCount() {
    return rings.length;
  }

  /** Where the writer learns how far each SPU has got (the engine's shards); any thread. */
  public void useProgress(Progress spuProgress) {
    this.progress = spuProgress;
  }

  /**
   * Writer: true when SPU {@code spu} will trace no packet with an ordinal up to {@code ordinal}
   * that it has not already handed over (read its ring again after this says so).
   */
  public boolean processedThrough(int spu, long ordinal) {
    return progress.processedThrough(spu, ordinal);
  }

  @Override
  public void traced(TracedPacket packet) {
    if (packet.spu < 0 || packet.spu >= rings.length) {
      return;
    }
    SpscWordRing ring = rings[packet.spu];
    int at = ring.claim();
    if (at < 0) {
      dropped.incrementAndGet(packet.spu);
      return;
    }
    TraceEvent.write(packet, ring.words(), at);
    ring.publish();
  }

  /**
   * Writer: copies SPU {@code spu}'s oldest traced packet into {@code into} ({@link
   * TraceEvent#WORDS} long); false when there is none.
   */
  public boolean poll(int spu, long[] into) {
    SpscWordRing ring = rings[spu];
    int at = ring.peek();
    if (at < 0) {
      return false;
    }
    System.arraycopy(ring.words(), at, into, 0, TraceEvent.WORDS);
    ring.release();
    return true;
  }

  /** Traces dropped because an SPU's ring was full. */
  public long dropped() {
    long total = 0;
    for (int i = 0; i < dropped.length(); i++) {
      total += dropped.get(i);
    }
    return total;
  }

  /** Traced packets not yet taken by the writer. */
  public long pending() {
    long total = 0;
    for (SpscWordRing ring : rings) {
      total += ring.size();
    }
    return total;
  }
}
