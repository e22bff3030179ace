package org.flowgate.dataplane.spu;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.flowgate.dataplane.appid.AppIdSettings;
import org.flowgate.dataplane.appid.ApplicationSystemCache;
import org.flowgate.dataplane.appid.CacheAnnouncements;
import org.flowgate.dataplane.dispatch.Dispatcher;
import org.flowgate.dataplane.dispatch.GatePlacement;
import org.flowgate.dataplane.dispatch.NatDispatch;
import org.flowgate.dataplane.runtime.RuntimeConfig;

/**
 * The way into the SPUs for a packet source (a replayed capture, or live interfaces): the
 * dispatcher chooses each frame's SPU, and the frame's reference goes into that SPU's ring; clock
 * moves and commits at a point of the stream go to every SPU in order with the packets.
 *
 * <pre>
 *  source ─► addSource(memory) ─► offer(frame) ─► Dispatcher.spuFor ─► ring[k] ─► Shard k
 *            advanceTime(t), commitAt(generation, t) ─► every ring
 *            a frame that may open ALG gates ─► fence: wait for its SPU, mirror its gates
 *            every 100 ms of capture time or 8 192 packets ─► application-system-cache round:
 *              wait for every SPU, hand every SPU all SPUs' new cache entries in input order
 * </pre>
 *
 * <p>Thread: one source thread at a time feeds it ({@link #addSource}, {@link #offer}, {@link
 * #advanceTime}, {@link #commitAt}); {@link #generation} may be read from any thread.
 */
public final class Ingress {
  private final Shard[] shards;
  private final FrameSources sources;
  private final Dispatcher dispatcher;
  private final GatePlacement gates;
  private final List<RuntimeConfig> generations = new ArrayList<>();
  private volatile RuntimeConfig[] committed = new RuntimeConfig[0];
  private long packets;

  /** Each SPU's identifications bound for the device's cache; null: no cache rounds. */
  private CacheAnnouncements[] announcements;

  /** True while the generation in force keeps an application system cache. */
  private boolean cacheRounds;

  private long lastCacheRoundNs;
  private long packetsAtLastCacheRound;
  private boolean cacheRoundStarted;
  private final ApplicationSystemCache.Announcer toEverySpu = this::toEverySpu;

  /** Capture time between two application-system-cache rounds (docs/adr/0041). */
  public static final long CACHE_ROUND_NS = 100_000_000L;

  Ingress(Shard[] shards, FrameSources sources, Dispatcher dispatcher, GatePlacement gates) {
    this.shards = shards;
    this.sources = sources;
    this.dispatcher = dispatcher;
    this.gates = gates;
    dispatcher.setGates(gates);
  }

  /** Registers memory that frames will be read from; returns its source number. */
  public int addSource(MemorySegment memory) {
    return sources.add(memory);
  }

  /**
   * Registers a mapped file that may shrink while it is read, with a way to ask its size now
   * (docs/adr/0018-captures-that-shrink.md); returns its source number.
   */
  public int addSource(MemorySegment memory, java.util.function.LongSupplier sizeNowBytes) {
    return sources.add(memory, sizeNowBytes);
  }

  /**
   * Hands a frame to the SPU that owns it, parked while that SPU's ring is full. Frames are counted
   * as they come: each carries its ordinal in the device's input.
   */
  public void offer(
      int source,
      MemorySegment memory,
      int linkType,
      int captureInterface,
      long frameOffset,
      long timestampNs,
      int capturedLengthBytes,
      int originalLengthBytes) {
    if (cacheRounds && cacheRoundDue(timestampNs)) {
      cacheRound(timestampNs);
    }
    int spu =
        dispatcher.spuFor(
            memory, frameOffset, capturedLengthBytes, originalLengthBytes, linkType, timestampNs);
    PacketRing ring = shards[spu].ring();
    long ordinal = ++packets;
    while (!ring.offer(
        PacketRing.PACKET,
        source,
        linkType,
        captureInterface,
        frameOffset,
        timestampNs,
        capturedLengthBytes,
        originalLengthBytes,
        ordinal,
        dispatcher.keyHashOfLast())) {
      awaitSpace(shards[spu]);
    }
    if (dispatcher.fenceAfterLast()) {
      fence(spu);
    }
  }

  /**
   * The frame just offered to SPU {@code spu} may open ALG gates: waits until that SPU has read it,
   * then mirrors the gates it announced, so that where the next frames go depends on the capture
   * alone (docs/adr/0027-algs.md). An SPU whose thread is not running is not waited for.
   */
  private void fence(int spu) {
    Shard shard = shards[spu];
    while (shard.running() && !shard.idle()) {
      Thread.onSpinWait();
    }
    gates.drain(spu);
  }

  // ================================================================== application system cache

  /**
   * Takes each SPU's announcements of identifications for the device's application system cache
   * (docs/adr/0041); rounds run while {@code generation} keeps a cache.
   */
  void announceCacheEntries(CacheAnnouncements[] perSpu, RuntimeConfig generation) {
    this.announcements = perSpu;
    cacheRoundsFor(generation);
  }

  private void cacheRoundsFor(RuntimeConfig generation) {
    AppIdSettings settings = generation.applicationIdentification();
    cacheRounds = announcements != null && settings.enabled() && settings.applicationSystemCache();
  }

  /**
   * A round is due once {@link #CACHE_ROUND_NS} of capture time or {@link
   * CacheAnnouncements#CAPACITY} packets have passed since the last (or time went back): both
   * follow from the input alone, so rounds fall between the same packets whatever the number of
   * SPUs.
   */
  private boolean cacheRoundDue(long timestampNs) {
    if (!cacheRoundStarted) {
      cacheRoundStarted = true;
      lastCacheRoundNs = timestampNs;
      packetsAtLastCacheRound = packets;
      return false;
    }
    return packets - packetsAtLastCacheRound >= CacheAnnouncements.CAPACITY
        || timestampNs - lastCacheRoundNs >= CACHE_ROUND_NS
        || timestampNs < lastCacheRoundNs;
  }

  private void cacheRound(long timestampNs) {
    lastCacheRoundNs = timestampNs;
    packetsAtLastCacheRound = packets;
    gatherCacheEntries();
  }

  /**
   * Waits until every SPU has processed every packet offered so far (so each has announced what
   * those packets decided), then hands every SPU all announcements in the order of the packets that
   * made them: each SPU's ring is in that order already, so a merge by ordinal gives the device's
   * order. The SPUs store them in their replicas before their next packet.
   */
  private void gatherCacheEntries() {
    if (announcements == null) {
      return;
    }
    for (Shard shard : shards) {
      int spins = 0;
      while (shard.running() && !shard.idle()) {
        if (++spins < 256) {
          Thread.onSpinWait();
        } else {
          LockSupport.parkNanos(20_000); // a backlog of thousands of packets: leave the core
        }
      }
    }
    while (true) {
      int oldest = -1;
      long oldestOrdinal = Long.MAX_VALUE;
      for (int spu = 0; spu < announcements.length; spu++) {
        long ordinal = announcements[spu].peekOrdinal();
        if (ordinal < oldestOrdinal) {
          oldestOrdinal = ordinal;
          oldest = spu;
        }
      }
      if (oldest < 0) {
        return;
      }
      announcements[oldest].take(toEverySpu);
    }
  }

  /** One entry for every SPU's replica, carried in a ring entry of kind CACHE (PacketRing). */
  private void toEverySpu(
      long ordinal,
      long nowNs,
      int routingInstance,
      long serverHi,
      long serverLo,
      int serverPort,
      int protocol,
      int application,
      int nestedApplication) {
    for (Shard shard : shards) {
      while (!shard
          .ring()
          .offer(
              PacketRing.CACHE,
              routingInstance,
              serverPort,
              protocol,
              serverHi,
              nowNs,
              application,
              nestedApplication,
              packets,
              serverLo)) {
        awaitSpace(shard);
      }
    }
  }

  /** Moves every SPU's clock to {@code timestampNs}, after the packets offered so far. */
  public void advanceTime(long timestampNs) {
    broadcast(PacketRing.TIME, 0, timestampNs);
  }

  /**
   * Installs {@code generation} on every SPU at {@code timestampNs}, between the packets offered
   * before and after: the dispatcher places packets by its NAT addresses from now on.
   */
  public void commitAt(RuntimeConfig generation, long timestampNs) {
    int number;
    synchronized (generations) {
      generations.add(generation);
      number = generations.size() - 1;
      committed = generations.toArray(RuntimeConfig[]::new);
    }
    dispatcher.setNat(NatDispatch.of(generation));
    if (gates != null) {
      gates.install(generation);
    }
    cacheRoundsFor(generation);
    broadcast(PacketRing.COMMIT, number, timestampNs);
  }

  /** The generation a COMMIT entry names (read on SPU threads). */
  RuntimeConfig generation(int number) {
    return committed[number];
  }

  /** Places packets by {@code generation}'s NAT addresses (a commit made outside the stream). */
  void placeBy(RuntimeConfig generation) {
    cacheRoundsFor(generation);
    dispatcher.setNat(NatDispatch.of(generation));
    if (gates != null) {
      gates.install(generation);
    }
  }

  /**
   * An entry for every SPU; it carries the number of packets offered so far as its ordinal (each
   * SPU's packets among them precede it in its ring).
   */
  private void broadcast(int kind, int source, long timestampNs) {
    for (Shard shard : shards) {
      while (!shard.ring().offer(kind, source, 0, 0, 0, timestampNs, 0, 0, packets, 0)) {
        awaitSpace(shard);
      }
    }
  }

  public int spuCount() {
    return shards.length;
  }

  /**
   * Writes each SPU's count of ring entries offered so far into {@code marks}: a source that lends
   * its memory (a receive ring's block) keeps the marks of the last frame it offered from it.
   */
  public void offeredMarks(long[] marks) {
    for (int i = 0; i < shards.length; i++) {
      marks[i] = shards[i].ring().offered();
    }
  }

  /**
   * True when every SPU has processed every entry offered before {@code marks} were taken: the
   * frames those entries named will not be read again, and their memory may be reused.
   */
  public boolean processedUpTo(long[] marks) {
    for (int i = 0; i < shards.length; i++) {
      if (shards[i].completed() < marks[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Waits for room in a full ring; an SPU whose thread has ended will never make any.
   *
   * @throws SpuStoppedException when the SPU has stopped (its engine closed meanwhile)
   */
  private static void awaitSpace(Shard shard) {
    if (shard.stopped()) {
      throw new SpuStoppedException();
    }
    shard.ring().awaitSpace();
  }

  /**
   * Waits until every SPU has processed everything offered so far, and has stored in its replica of
   * the application system cache what those packets identified (a last round).
   *
   * @throws SpuStoppedException when an SPU stopped before it had (its engine closed meanwhile)
   */
  public void awaitIdle() {
    gatherCacheEntries();
    for (Shard shard : shards) {
      while (!shard.idle()) {
        if (shard.stopped()) {
          throw new SpuStoppedException();
        }
        LockSupport.parkNanos(50_000);
      }
    }
  }
}
