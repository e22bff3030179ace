package org.flowgate.dataplane.control;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.flowgate.dataplane.capture.CaptureReader;
import org.flowgate.dataplane.capture.FrameSpool;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.dispatch.Dispatcher;
import org.flowgate.dataplane.dispatch.NatDispatch;
import org.flowgate.dataplane.flow.FlowProcessor;
import org.flowgate.dataplane.flow.FlowStatistics;
import org.flowgate.dataplane.flow.SessionListener;
import org.flowgate.dataplane.nat.NatStatistics;
import org.flowgate.dataplane.replay.CaptureSources;
import org.flowgate.dataplane.replay.ForwardedCapture;
import org.flowgate.dataplane.replay.ReplayClock;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.session.CloseReason;
import org.flowgate.dataplane.session.SessionMemory;
import org.flowgate.dataplane.session.SessionTable;
import org.flowgate.dataplane.spu.PacketRing;
import org.flowgate.dataplane.spu.Shard;

/**
 * The data plane as the rest of Flowgate sees it: N SPU shards, the dispatcher that feeds them from
 * captures, and queries that run on the shards' own threads.
 *
 * <pre>
 *  captures ─► replay thread: read (mmap) ─► Dispatcher.spuFor ─► PacketRing ─► Shard (SPU k)
 *                                                                               FlowProcessor
 *  management ─► FlowEngine.sessions/summary/clear ─► Shard.submit ─► snapshot on SPU thread
 * </pre>
 *
 * <p>Thread: {@link #replay} runs on the caller's thread and must not run twice at once; queries
 * may come from any thread.
 */
public final class FlowEngine implements AutoCloseable {
  private static final int RING_CAPACITY = 8192;

  private final Shard[] shards;
  private final CaptureSources sources = new CaptureSources();
  private final Dispatcher dispatcher;
  private final long maximumSessions;
  private volatile RuntimeConfig config;
  private volatile List<TimedCommit> commits = List.of();
  private final long startedNs = System.nanoTime();

  public FlowEngine(RuntimeConfig config, int spus) {
    this(config, spus, SessionListener.NONE);
  }

  public FlowEngine(RuntimeConfig config, int spus, SessionListener listener) {
    if (spus < 1 || spus > 64) {
      throw new IllegalArgumentException("--spus must be 1 to 64");
    }
    SessionMemory.check(config.maximumSessions(), spus); // before anything is allocated
    this.config = config;
    this.maximumSessions = config.maximumSessions();
    this.dispatcher = new Dispatcher(spus);
    this.dispatcher.setNat(NatDispatch.of(config));
    this.shards = new Shard[spus];
    int perSpu = SessionMemory.perSpu(config.maximumSessions(), spus);
    for (int spu = 0; spu < spus; spu++) {
      FlowProcessor processor = new FlowProcessor(spu, new SessionTable(perSpu), config);
      processor.setListener(listener);
      processor.setSpuCount(spus);
      shards[spu] = new Shard(processor, RING_CAPACITY, sources, this::commitConfig);
      shards[spu].start();
    }
  }

  /**
   * Installs a new configuration generation on every SPU, between packets. Sessions keep their
   * decisions but follow their policy by name; those whose policy is gone (or, with policy-rematch,
   * no longer permitted) close with reason {@code policy delete}. Returns how many closed.
   */
  public long commit(RuntimeConfig next) {
    long closed = 0;
    for (int n : onEachSpu(spu -> spu.installConfig(next))) {
      closed += n;
    }
    dispatcher.setNat(NatDispatch.of(next));
    this.config = next;
    return closed;
  }

  public int spuCount() {
    return shards.length;
  }

  public RuntimeConfig config() {
    return config;
  }

  public long maximumSessions() {
    return maximumSessions;
  }

  /**
   * Replays captures in order on their own timestamps, stopping at the end or at {@code atNs} after
   * the first packet (when {@code atNs >= 0}). Returns once every SPU has processed every packet
   * and stands at the final time.
   */
  public ReplayReport replay(List<Path> captures, long atNs) {
    return replay(captures, atNs, List.of());
  }

  /**
   * A configuration generation to commit during a replay, {@code afterNs} after the first packet:
   * every SPU installs it at that moment of virtual time, between the packets before and after it.
   */
  public record TimedCommit(long afterNs, RuntimeConfig config) {}

  /**
   * Replays as {@link #replay(List, long, List)} does and writes every forwarded frame, as it left
   * the firewall (NAT-translated), to {@code forwarded}: a pcap when every frame has one link type,
   * else a pcapng with an interface per link type. Frames keep capture order and timestamps.
   *
   * @return the replay's report and how many frames were written
   */
  public ReplayReport replay(
      List<Path> captures, long atNs, List<TimedCommit> commits, Path forwarded)
      throws IOException {
    Path directory = forwarded.toAbsolutePath().getParent();
    List<FrameSpool> spools = new ArrayList<>();
    try {
      for (Shard shard : shards) {
        FrameSpool spool = new FrameSpool(directory);
        spools.add(spool);
        shard
            .submit(
                spu -> {
                  spu.spoolForwardedFrames(spool);
                  return null;
                })
            .join();
      }
      ReplayReport report = replay(captures, atNs, commits);
      onEachSpu(
          spu -> {
            spu.spoolForwardedFrames(null);
            return null;
          });
      ForwardedCapture.write(spools, forwarded);
      return report;
    } finally {
      for (FrameSpool spool : spools) {
        spool.close();
      }
    }
  }

  /**
   * Replays captures as {@link #replay(List, long)} does, committing each generation at its time.
   */
  public ReplayReport replay(List<Path> captures, long atNs, List<TimedCommit> commits) {
    List<ReplayReport.CaptureReport> reports = new ArrayList<>();
    List<CaptureReader> open = new ArrayList<>();
    List<TimedCommit> pending =
        commits.stream().sorted(java.util.Comparator.comparingLong(TimedCommit::afterNs)).toList();
    this.commits = pending;
    ReplayClock clock = new ReplayClock();
    List<Mapped> mapped = new ArrayList<>();
    int nextCommit = 0;
    long first = -1;
    long last = -1;
    long stopAt = Long.MAX_VALUE;
    long packets = 0;
    boolean stoppedEarly = false;
    try {
      for (Path file : captures) {
        CaptureReader reader;
        try {
          reader = CaptureReader.open(file);
        } catch (IOException e) {
          reports.add(new ReplayReport.CaptureReport(file, 0, null, e.getMessage(), 0, -1));
          continue;
        }
        open.add(reader);
        int source = sources.add(reader.segment(), reader::sizeNowBytes);
        long replayed = 0;
        long undecoded = 0;
        int undecodedLinkType = -1;
        // One record ahead: the clock tells a bad timestamp from time that moved by the next one.
        boolean more = reader.next();
        try {
          while (more) {
            long raw = reader.timestampNs();
            long recordOffset = reader.recordOffset();
            long frameOffset = reader.frameOffset();
            int captured = reader.capturedLengthBytes();
            int original = reader.originalLengthBytes();
            int linkType = reader.linkType();
            int captureInterface = reader.interfaceId();
            long record = reader.recordsRead();
            more = reader.next();
            long timestamp =
                clock.timeOf(
                    raw,
                    more ? reader.timestampNs() : ReplayClock.NO_NEXT,
                    file,
                    record,
                    recordOffset);
            if (first < 0) {
              first = timestamp;
              stopAt = atNs >= 0 ? ReplayClock.plus(first, atNs) : Long.MAX_VALUE;
              broadcastTime(first); // every SPU's clock starts at the first packet
            }
            while (nextCommit < pending.size()
                && timestamp >= ReplayClock.plus(first, pending.get(nextCommit).afterNs())) {
              broadcastCommit(
                  nextCommit, ReplayClock.plus(first, pending.get(nextCommit).afterNs()));
              nextCommit++;
            }
            if (timestamp > stopAt) {
              stoppedEarly = true;
              break;
            }
            last = Math.max(last, timestamp);
            if (!LinkType.isDecoded(linkType)) {
              undecoded++;
              undecodedLinkType = linkType;
            }
            int spu =
                dispatcher.spuFor(reader.segment(), frameOffset, captured, original, linkType);
            PacketRing ring = shards[spu].ring();
            while (!ring.offer(
                PacketRing.PACKET,
                source,
                linkType,
                captureInterface,
                frameOffset,
                timestamp,
                captured,
                original)) {
              Thread.onSpinWait();
            }
            packets++;
            replayed++;
            recordHook.accept(replayed);
          }
        } catch (InternalError e) {
          // A read of the mapping faulted on this thread (the dispatcher decodes frames): the
          // file shrank under it (docs/adr/0018-captures-that-shrink.md).
          if (!reader.stopAfterFault()) {
            throw e;
          }
        }
        mapped.add(new Mapped(reports.size(), source, reader));
        reports.add(
            new ReplayReport.CaptureReport(
                file, replayed, reader.error(), null, undecoded, undecodedLinkType));
        if (stoppedEarly) {
          break;
        }
      }
      long end = stoppedEarly || (atNs >= 0 && first >= 0) ? stopAt : last;
      while (first >= 0
          && nextCommit < pending.size()
          && ReplayClock.plus(first, pending.get(nextCommit).afterNs()) <= end) {
        broadcastCommit(nextCommit, ReplayClock.plus(first, pending.get(nextCommit).afterNs()));
        nextCommit++;
      }
      if (end >= 0) {
        broadcastTime(end);
      }
      if (nextCommit > 0) {
        this.config = pending.get(nextCommit - 1).config();
      }
      awaitIdle();
      truncatedUnderTheSpus(reports, mapped);
      return new ReplayReport(
          List.copyOf(reports),
          first,
          end,
          packets,
          stoppedEarly,
          last,
          clock.jumps(),
          clock.jumpCount(),
          clock.outOfOrderRecords());
    } finally {
      awaitIdle();
      open.forEach(CaptureReader::close);
    }
  }

  /** A capture being replayed: its report's place, its source number, its reader. */
  private record Mapped(int report, int source, CaptureReader reader) {}

  /**
   * Reports the captures truncated after the reader had read past the new end, which an SPU may
   * have found (docs/adr/0018-captures-that-shrink.md): the error is at the file's new end.
   */
  private void truncatedUnderTheSpus(
      List<ReplayReport.CaptureReport> reports, List<Mapped> mapped) {
    for (Mapped capture : mapped) {
      ReplayReport.CaptureReport report = reports.get(capture.report());
      if (report.error() != null || !capture.reader().checkTruncated()) {
        continue;
      }
      long end = capture.reader().truncatedToBytes();
      reports.set(
          capture.report(),
          new ReplayReport.CaptureReport(
              report.file(),
              report.records(),
              new org.flowgate.dataplane.capture.CaptureError(
                  report.file(),
                  end,
                  "the file was truncated to "
                      + end
                      + " bytes (from "
                      + capture.reader().mappedBytes()
                      + ") while it was replayed; the frames past its new end were dropped"
                      + " (capture truncated while replayed)"),
              null,
              report.undecodedRecords(),
              report.undecodedLinkType()));
    }
  }

  private volatile java.util.function.LongConsumer recordHook = records -> {};

  /**
   * For tests: called on the replay thread after each record is handed to an SPU, with how many
   * records of the current capture have been; lets a test act at an exact point of a replay.
   */
  public void recordHook(java.util.function.LongConsumer hook) {
    this.recordHook = hook;
  }

  private void broadcastCommit(int commit, long timestampNs) {
    dispatcher.setNat(NatDispatch.of(commits.get(commit).config()));
    for (Shard shard : shards) {
      while (!shard.ring().offer(PacketRing.COMMIT, commit, 0, 0, 0, timestampNs, 0, 0)) {
        Thread.onSpinWait();
      }
    }
  }

  /** The generation a ring's COMMIT entry names; read by SPU threads. */
  RuntimeConfig commitConfig(int commit) {
    return commits.get(commit).config();
  }

  private void broadcastTime(long timestampNs) {
    for (Shard shard : shards) {
      while (!shard.ring().offer(PacketRing.TIME, 0, 0, 0, 0, timestampNs, 0, 0)) {
        Thread.onSpinWait();
      }
    }
  }

  private void awaitIdle() {
    for (Shard shard : shards) {
      while (!shard.idle()) {
        LockSupport.parkNanos(50_000);
      }
    }
  }

  // ------------------------------------------------------------------ queries

  /** Runs a query on every SPU's thread and returns the answers in SPU order. */
  public <T> List<T> onEachSpu(Function<FlowProcessor, T> query) {
    List<CompletableFuture<T>> futures = new ArrayList<>(shards.length);
    for (Shard shard : shards) {
      futures.add(shard.submit(query));
    }
    List<T> answers = new ArrayList<>(shards.length);
    for (CompletableFuture<T> future : futures) {
      answers.add(future.join());
    }
    return answers;
  }

  /** The sessions each SPU holds that match the filter, in table order. */
  public List<List<SessionSnapshot>> sessions(SessionFilter filter) {
    return onEachSpu(
        spu -> {
          List<SessionSnapshot> found = new ArrayList<>();
          SessionTable table = spu.table();
          for (int slot = 0; slot < table.capacity(); slot++) {
            if (table.state(slot) != 0 && filter.matches(spu, slot)) {
              found.add(SessionSnapshots.of(spu, slot));
            }
          }
          found.sort(java.util.Comparator.comparingLong(SessionSnapshot::sessionId));
          return found;
        });
  }

  /** Receives the sessions of a streamed query, a chunk at a time, on the caller's thread. */
  @FunctionalInterface
  public interface SessionChunkConsumer {
    void accept(int spu, List<SessionSnapshot> sessions);
  }

  /**
   * Streams the sessions that match, SPU by SPU in table order, without copying the table: each SPU
   * is asked for {@code chunkSlots} slots at a time, so it goes back to its packets between chunks
   * and only one chunk of snapshots exists at once. Returns how many sessions matched per SPU.
   */
  public long[] streamSessions(
      SessionFilter filter, int chunkSlots, SessionChunkConsumer consumer) {
    long[] counts = new long[shards.length];
    for (int spu = 0; spu < shards.length; spu++) {
      Shard shard = shards[spu];
      int capacity = shard.submit(p -> p.table().capacity()).join();
      // The first chunks are small so that the first screen comes quickly, later ones full size;
      // the next chunk is asked for before the current one is handed over, so the SPU copies
      // while the caller renders.
      int slots = Math.min(chunkSlots, 1024);
      int from = 0;
      CompletableFuture<List<SessionSnapshot>> next =
          chunk(shard, filter, from, Math.min(capacity, slots));
      while (next != null) {
        List<SessionSnapshot> current = next.join();
        from += slots;
        slots = Math.min(chunkSlots, slots * 2);
        next =
            from < capacity
                ? chunk(shard, filter, from, (int) Math.min(capacity, (long) from + slots))
                : null;
        if (!current.isEmpty()) {
          counts[spu] += current.size();
          consumer.accept(spu, current);
        }
      }
    }
    return counts;
  }

  private static CompletableFuture<List<SessionSnapshot>> chunk(
      Shard shard, SessionFilter filter, int start, int end) {
    return shard.submit(
        p -> {
          List<SessionSnapshot> found = new ArrayList<>();
          SessionTable table = p.table();
          for (int slot = start; slot < end; slot++) {
            if (table.state(slot) != 0 && filter.matches(p, slot)) {
              found.add(SessionSnapshots.of(p, slot));
            }
          }
          return found;
        });
  }

  /** The session with this identifier, or null. */
  public SessionSnapshot session(long sessionId) {
    int spu = (int) (sessionId >>> 32);
    if (spu < 0 || spu >= shards.length) {
      return null;
    }
    return shards[spu]
        .submit(
            p -> {
              int slot = p.slotOfSessionId(sessionId);
              return slot < 0 ? null : SessionSnapshots.of(p, slot);
            })
        .join();
  }

  public List<FlowSummary> summaries() {
    return onEachSpu(FlowEngine::summary);
  }

  /** The summary of only the sessions that match: a scan of each SPU's table. */
  public List<FlowSummary> summaries(SessionFilter filter) {
    return onEachSpu(
        spu -> {
          SessionTable table = spu.table();
          long valid = 0;
          long invalidated = 0;
          for (int slot = 0; slot < table.capacity(); slot++) {
            int state = table.state(slot);
            if (state != 0 && filter.matches(spu, slot)) {
              if (state == 1) {
                valid++;
              } else {
                invalidated++;
              }
            }
          }
          return new FlowSummary(
              spu.spu(),
              valid,
              0,
              0,
              spu.counters().failedSessions,
              0,
              valid + invalidated,
              valid,
              0,
              invalidated,
              0,
              table.capacity());
        });
  }

  /** From counters, not a table scan: constant time at any table size. */
  private static FlowSummary summary(FlowProcessor spu) {
    SessionTable table = spu.table();
    long valid = spu.counters().validSessions();
    long invalidated = spu.counters().invalidatedSessions();
    return new FlowSummary(
        spu.spu(),
        valid,
        0,
        0,
        spu.counters().failedSessions,
        0,
        table.sessionsInUse(),
        valid,
        0,
        invalidated,
        table.sessionsInUse() - valid - invalidated,
        table.capacity());
  }

  /** Each SPU's load, measured on its own thread. */
  public List<SpuMonitor> monitoring() {
    long startedNs = this.startedNs;
    return onEachSpu(
        spu -> {
          long cpuNs =
              java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
          long wallNs = Math.max(1, System.nanoTime() - startedNs);
          SessionTable table = spu.table();
          return new SpuMonitor(
              spu.spu(),
              (int) Math.min(100, cpuNs * 100 / wallNs),
              (int) ((long) table.sessionsInUse() * 100 / table.capacity()),
              table.sessionsInUse(),
              table.capacity(),
              0,
              0);
        });
  }

  /** NAT rule and pool counters of the running configuration, summed over the SPUs. */
  public NatStatistics natStatistics() {
    NatStatistics total = NatStatistics.empty(config.nat());
    for (NatStatistics spu : onEachSpu(FlowProcessor::natStatistics)) {
      total = total.plus(spu);
    }
    return total;
  }

  public List<FlowStatistics> statistics() {
    return onEachSpu(spu -> spu.counters().snapshot(spu.spu()));
  }

  /** Closes every valid session that matches (reason CLI); returns how many. */
  public long clear(SessionFilter filter) {
    long cleared = 0;
    for (long count :
        onEachSpu(
            spu -> {
              long n = 0;
              SessionTable table = spu.table();
              for (int slot = 0; slot < table.capacity(); slot++) {
                if (table.state(slot) == 1 && filter.matches(spu, slot)) {
                  spu.close(slot, CloseReason.CLI);
                  n++;
                }
              }
              return n;
            })) {
      cleared += count;
    }
    return cleared;
  }

  @Override
  public void close() {
    for (Shard shard : shards) {
      shard.stop();
    }
  }
}
