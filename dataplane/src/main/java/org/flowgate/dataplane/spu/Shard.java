package org.flowgate.dataplane.spu;

import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.flowgate.dataplane.dispatch.Dispatcher;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.packet.PacketParser;
import org.flowgate.dataplane.runtime.RuntimeConfig;

/**
 * One SPU's thread: it owns an {@link SpuAgent} and its session table. Its duty cycle runs the
 * tasks other threads sent ({@link #submit}), then takes packet references from its ring in
 * batches, and parks when there is nothing to do until the ring's producer or a task wakes it.
 * Nothing else touches the agent.
 *
 * <pre>
 * duty cycle:  tasks ─► ring.drain (≤ 256 entries): PACKET ─► pending batch (16)
 *                                                   TIME / COMMIT ─► flush batch, then act
 *              ─► flush: touch frames, decode, SpuAgent.processBatch ─► publish "completed"
 * </pre>
 *
 * <p>Thread: the shard's own thread runs everything below except {@link #start}, {@link #submit},
 * {@link #ring()} (producer side), {@link #idle()}, {@link #completed()} and {@link #stop}.
 */
public final class Shard implements PacketRing.Consumer {
  private static final int RING_BATCH = 256;
  private static final int BATCH_PACKETS = 16;

  /** Empty duty cycles spun before the thread parks until the ring or a task wakes it. */
  private static final int IDLE_SPINS = 64;

  private static final VarHandle COMPLETED;

  static {
    try {
      COMPLETED = MethodHandles.lookup().findVarHandle(Shard.class, "completed", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final SpuAgent agent;
  private final PacketRing ring;
  private final FrameSources sources;
  private final IntFunction<RuntimeConfig> commits;
  private final ConcurrentLinkedQueue<Task<?>> tasks = new ConcurrentLinkedQueue<>();

  /** A task and the answer it owes; failed at once when the thread no longer runs. */
  private record Task<T>(SpuTask<T> task, CompletableFuture<T> result) {
    void run(SpuAgent agent) {
      try {
        result.complete(task.run(agent));
      } catch (RuntimeException | Error e) {
        result.completeExceptionally(e);
      }
    }

    void refuse() {
      result.completeExceptionally(new SpuStoppedException());
    }
  }

  /**
   * Set for good once the thread has ended (stopped, or ended by a fault no guard caught): tasks
   * are refused from then on instead of queued for nobody.
   */
  private volatile boolean stopped;

  private final PacketDescriptor[] batch = new PacketDescriptor[BATCH_PACKETS];
  private final int[] pendingSource = new int[BATCH_PACKETS];
  private final int[] pendingLinkType = new int[BATCH_PACKETS];
  private final int[] pendingInterface = new int[BATCH_PACKETS];
  private final long[] pendingOffset = new long[BATCH_PACKETS];
  private final long[] pendingTimestamp = new long[BATCH_PACKETS];
  private final int[] pendingCaptured = new int[BATCH_PACKETS];
  private final int[] pendingOriginal = new int[BATCH_PACKETS];
  private final long[] pendingOrdinal = new long[BATCH_PACKETS];
  private final long[] pendingDispatched = new long[BATCH_PACKETS];
  private int pending;
  private long touched;

  /** Ring entries taken and wholly processed (packets decided, time moved, commits installed). */
  @SuppressWarnings("unused") // through COMPLETED
  private volatile long completed;

  private volatile boolean running;
  private Thread thread;

  /** The largest ordinal among the entries taken so far (SPU thread). */
  private long takenThroughOrdinal;

  /**
   * Every packet this SPU was given with an ordinal up to this one is wholly processed: published
   * with {@link #completed}. A packet's entry carries its ordinal; a time or commit entry the
   * number of packets offered before it, all of which came before it in this ring.
   */
  private volatile long processedThroughOrdinal;

  /**
   * @param commits the generation a COMMIT entry names, by its number
   */
  public Shard(
      SpuAgent agent, int ringCapacity, FrameSources sources, IntFunction<RuntimeConfig> commits) {
    this.agent = agent;
    this.commits = commits;
    this.ring = new PacketRing(ringCapacity);
    this.sources = sources;
    for (int i = 0; i < batch.length; i++) {
      batch[i] = new PacketDescriptor();
    }
  }

  public int spu() {
    return agent.spu();
  }

  public PacketRing ring() {
    return ring;
  }

  public synchronized void start() {
    if (thread == null) {
      running = true;
      thread = Thread.ofPlatform().name("spu-" + agent.spu()).daemon(true).start(this::run);
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
    stopped = true;
    refuseWaitingTasks();
  }

  /**
   * Runs {@code task} on the shard's thread between packets and hands back its answer.
   *
   * @throws SpuStoppedException at once when the shard has stopped (its engine closed): no thread
   *     would ever run the task
   */
  public <T> CompletableFuture<T> submit(SpuTask<T> task) {
    if (stopped) {
      throw new SpuStoppedException();
    }
    Task<T> queued = new Task<>(task, new CompletableFuture<>());
    tasks.add(queued);
    if (stopped) {
      refuseWaitingTasks(); // stopped while this was queued: nobody else will take it
    }
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
    }
    return queued.result();
  }

  private void refuseWaitingTasks() {
    Task<?> waiting;
    while ((waiting = tasks.poll()) != null) {
      waiting.refuse();
    }
  }

  /** True once the shard's thread has ended for good: it takes neither tasks nor entries. */
  public boolean stopped() {
    return stopped;
  }

  /** True while the shard's thread runs. */
  public boolean running() {
    return running;
  }

  /** Ring entries taken and wholly processed so far (compare with {@code ring().offered()}). */
  public long completed() {
    return (long) COMPLETED.getAcquire(this);
  }

  /**
   * True when this SPU has wholly processed every packet it was given whose ordinal is at most
   * {@code ordinal}: nothing it does from now on concerns an earlier packet of the input.
   */
  public boolean processedThrough(long ordinal) {
    return processedThroughOrdinal >= ordinal || idle();
  }

  /** True when every entry offered to the ring so far has been processed. */
  public boolean idle() {
    return (long) COMPLETED.getAcquire(this) == ring.offered();
  }

  private void run() {
    try {
      duty();
    } finally {
      // normally after stop(); else a fault no guard caught ended the thread: either way nothing
      // will answer from now on, so tasks and feeders are told at once rather than left waiting
      running = false;
      stopped = true;
      refuseWaitingTasks();
    }
  }

  private void duty() {
    int idleCycles = 0;
    while (running) {
      int work = 0;
      Task<?> task;
      while ((task = tasks.poll()) != null) {
        task.run(agent);
        work++;
      }
      try {
        int drained = ring.drain(this, RING_BATCH);
        if (drained > 0) {
          work += drained;
          ring.wakeProducer();
        }
        flush();
      } catch (InternalError e) {
        // the fault of a shrunken capture raised after flush returned (ADR 0018): the frames it
        // came from were handled; the SPU must live on so that the replay ends
        pending = 0;
      }
      long taken = ring.taken();
      if (taken != (long) COMPLETED.getOpaque(this)) {
        if (takenThroughOrdinal != processedThroughOrdinal) {
          processedThroughOrdinal = takenThroughOrdinal;
        }
        COMPLETED.setRelease(this, taken); // every entry taken so far is processed now
        work++;
      }
      if (work > 0) {
        idleCycles = 0;
      } else if (++idleCycles < IDLE_SPINS) {
        Thread.onSpinWait();
      } else {
        // woken by the next entry (PacketRing) or task (submit); the bound only covers a wake-up
        // lost to a race
        ring.awaitEntries(PacketRing.WAIT_NS);
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
      int originalLengthBytes,
      long ordinal,
      long dispatched) {
    if (ordinal > takenThroughOrdinal) {
      takenThroughOrdinal = ordinal;
    }
    if (kind == PacketRing.CACHE) {
      flush();
      agent
          .applications()
          .storeCacheEntry(
              timestampNs,
              source,
              frameOffset,
              dispatched,
              linkType,
              captureInterface,
              capturedLengthBytes,
              originalLengthBytes);
      return;
    }
    if (kind == PacketRing.TIME || kind == PacketRing.COMMIT) {
      flush();
      // no packet to drop here: a defect is counted and the SPU goes on (SpuAgent.advanceTo
      // guards each timer already; this keeps anything else from ending the thread, which would
      // leave the replay waiting for it)
      try {
        agent.advanceTo(timestampNs);
        if (kind == PacketRing.COMMIT) {
          agent.installConfig(commits.apply(source));
        }
      } catch (RuntimeException fault) {
        agent.lifecycle().countTimerFault();
      }
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
    pendingOrdinal[i] = ordinal;
    pendingDispatched[i] = dispatched;
    if (pending == BATCH_PACKETS) {
      flush();
    }
  }

  /**
   * Processes the frames gathered so far as one batch, in three passes whose memory reads overlap:
   * touch every frame, decode every frame, then {@link SpuAgent#processBatch} (which does the same
   * for index entries and session records). An undecodable frame is counted in its place.
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
        agent.countUndecodable(DropReason.CAPTURE_TRUNCATED, pendingTimestamp[i]);
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
      packet.ordinal = pendingOrdinal[i];
      // the dispatcher's parse of this very frame hashed its key already (0: it did not)
      packet.keyHashKnown = (pendingDispatched[i] & Dispatcher.KEY_HASH_KNOWN) != 0;
      packet.keyHash = (int) pendingDispatched[i];
      if (undecodable == null) {
        decoded++;
        continue;
      }
      if (decoded > 0) { // keep packet order: the drop advances the clock
        agent.processBatch(batch, decoded);
        decoded = 0;
      }
      agent.countUndecodable(undecodable, packet);
    }
    if (decoded > 0) {
      agent.processBatch(batch, decoded);
    }
    if (pending > 0) {
      agent.flushSink();
    }
    pending = 0;
  }
}
