package org.flowgate.dataplane.spu;

import java.lang.foreign.ValueLayout;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.flowgate.dataplane.flow.FlowProcessor;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.packet.PacketParser;
import org.flowgate.dataplane.replay.CaptureSources;

/**
 * One SPU: a thread that owns a {@link FlowProcessor} and its session table. Its duty cycle drains
 * management commands, then packets from its ring, and sleeps briefly when there is nothing to do.
 * Nothing else touches its state; other threads reach it only by {@link #submit}.
 *
 * <p>Thread: the shard's own thread runs everything below except {@link #start}, {@link #submit},
 * {@link #ring()} (producer side) and {@link #stop}.
 */
public final class Shard implements PacketRing.Consumer {
  private static final int RING_BATCH = 256;

  private final FlowProcessor processor;
  private final PacketRing ring;
  private final CaptureSources sources;
  private final java.util.function.IntFunction<org.flowgate.dataplane.runtime.RuntimeConfig>
      commits;
  private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
  private static final int BATCH_PACKETS = 16;
  private final PacketDescriptor[] batch = new PacketDescriptor[BATCH_PACKETS];
  private final int[] pendingSource = new int[BATCH_PACKETS];
  private final int[] pendingLinkType = new int[BATCH_PACKETS];
  private final int[] pendingInterface = new int[BATCH_PACKETS];
  private final long[] pendingOffset = new long[BATCH_PACKETS];
  private final long[] pendingTimestamp = new long[BATCH_PACKETS];
  private final int[] pendingCaptured = new int[BATCH_PACKETS];
  private final int[] pendingOriginal = new int[BATCH_PACKETS];
  private int pending;
  private long touched;
  private volatile boolean running;
  private Thread thread;

  public Shard(
      FlowProcessor processor,
      int ringCapacity,
      CaptureSources sources,
      java.util.function.IntFunction<org.flowgate.dataplane.runtime.RuntimeConfig> commits) {
    this.processor = processor;
    this.commits = commits;
    this.ring = new PacketRing(ringCapacity);
    this.sources = sources;
    for (int i = 0; i < batch.length; i++) {
      batch[i] = new PacketDescriptor();
    }
  }

  public int spu() {
    return processor.spu();
  }

  public PacketRing ring() {
    return ring;
  }

  public synchronized void start() {
    if (thread == null) {
      running = true;
      thread = Thread.ofPlatform().name("spu-" + processor.spu()).daemon(true).start(this::run);
    }
  }

  public synchronized void stop() {
    running = false;
    if (thread != null) {
      LockSupport.unpark(thread);
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
  }

  /** Runs {@code query} on the shard's thread between packets and hands back its result. */
  public <T> CompletableFuture<T> submit(Function<FlowProcessor, T> query) {
    CompletableFuture<T> result = new CompletableFuture<>();
    commands.add(
        () -> {
          try {
            result.complete(query.apply(processor));
          } catch (RuntimeException | Error e) {
            result.completeExceptionally(e);
          }
        });
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
    }
    return result;
  }

  /** True when every packet offered so far has been processed. */
  public boolean idle() {
    return ring.isEmpty();
  }

  private void run() {
    int idleCycles = 0;
    while (running) {
      int work = 0;
      Runnable command;
      while ((command = commands.poll()) != null) {
        command.run();
        work++;
      }
      try {
        work += ring.drain(this, RING_BATCH);
        flush();
      } catch (InternalError e) {
        // the fault of a shrunken capture raised after flush returned (ADR 0018): the frames it
        // came from were handled; the SPU must live on so that the replay ends
        pending = 0;
      }
      if (work > 0) {
        idleCycles = 0;
      } else if (++idleCycles < 64) {
        Thread.onSpinWait();
      } else {
        LockSupport.parkNanos(idleCycles < 128 ? 10_000 : 200_000);
      }
    }
  }

  @Override
  public void onEntry(
      int kind,
      int source,
      int linkType,
      int captureInterface,
      long frameOffset,
      long timestampNs,
      int capturedLengthBytes,
      int originalLengthBytes) {
    if (kind == PacketRing.TIME) {
      flush();
      processor.advanceTo(timestampNs);
      return;
    }
    if (kind == PacketRing.COMMIT) {
      flush();
      processor.advanceTo(timestampNs);
      processor.installConfig(commits.apply(source));
      return;
    }
    int i = pending++;
    pendingSource[i] = source;
    pendingLinkType[i] = linkType;
    pendingInterface[i] = captureInterface;
    pendingOffset[i] = frameOffset;
    pendingTimestamp[i] = timestampNs;
    pendingCaptured[i] = capturedLengthBytes;
    pendingOriginal[i] = originalLengthBytes;
    if (pending == BATCH_PACKETS) {
      flush();
    }
  }

  /**
   * Processes the frames gathered so far as one batch, in three passes whose memory reads overlap:
   * touch every frame, decode every frame, then {@link FlowProcessor#processBatch} (which does the
   * same for index entries and session records). An undecodable frame is counted in its place.
   */
  private void flush() {
    try {
      flushBatch();
    } catch (InternalError e) {
      // A read of a mapped capture faulted: its file was truncated while it was replayed
      // (docs/adr/0018-captures-that-shrink.md). The JVM raises the fault after the read, so the
      // batch is dropped whole; frames past the file's new end are read no more.
      for (int i = 0; i < pending; i++) {
        sources.fault(pendingSource[i]);
        processor.countUndecodable(DropReason.CAPTURE_TRUNCATED, pendingTimestamp[i]);
      }
      pending = 0;
    }
  }

  private void flushBatch() {
    long sink = 0;
    for (int i = 0; i < pending; i++) {
      if (pendingCaptured[i] > 0
          && !sources.gone(pendingSource[i], pendingOffset[i] + pendingCaptured[i])) {
        // an empty record's offset may be the end of the file
        sink += sources.get(pendingSource[i]).get(ValueLayout.JAVA_BYTE, pendingOffset[i]);
      }
    }
    touched += sink;
    int decoded = 0;
    for (int i = 0; i < pending; i++) {
      PacketDescriptor packet = batch[decoded];
      DropReason undecodable =
          sources.gone(pendingSource[i], pendingOffset[i] + pendingCaptured[i])
              ? DropReason.CAPTURE_TRUNCATED
              : PacketParser.parse(
                  sources.get(pendingSource[i]),
                  pendingOffset[i],
                  pendingCaptured[i],
                  pendingOriginal[i],
                  pendingLinkType[i],
                  packet);
      packet.timestampNs = pendingTimestamp[i];
      packet.captureInterfaceId = pendingInterface[i];
      packet.captureFrameKey = (long) pendingSource[i] << 48 | pendingOffset[i];
      if (undecodable == null) {
        decoded++;
        continue;
      }
      if (decoded > 0) { // keep packet order: the drop advances the clock
        processor.processBatch(batch, decoded);
        decoded = 0;
      }
      processor.countUndecodable(undecodable, pendingTimestamp[i]);
    }
    if (decoded > 0) {
      processor.processBatch(batch, decoded);
    }
    pending = 0;
  }
}
