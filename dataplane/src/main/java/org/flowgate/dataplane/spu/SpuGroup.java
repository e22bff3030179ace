package org.flowgate.dataplane.spu;

import org.flowgate.dataplane.appid.CacheAnnouncements;
import org.flowgate.dataplane.dispatch.Dispatcher;
import org.flowgate.dataplane.dispatch.GatePlacement;
import org.flowgate.dataplane.dispatch.NatDispatch;
import org.flowgate.dataplane.flow.SessionEvents;
import org.flowgate.dataplane.flow.SessionNumbering;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.session.SessionMemory;
import org.flowgate.dataplane.session.SessionTable;

/**
 * The SPUs of one engine: an agent and a shard thread each, sharing the table size evenly, and the
 * {@link Ingress} that feeds them. Closing stops the threads and frees every session table.
 *
 * <p>Thread: built and closed by the engine's owner; shards run on their own threads.
 */
public final class SpuGroup implements AutoCloseable {
  private static final int RING_CAPACITY = 8192;

  private final Shard[] shards;
  private final SessionTable[] tables;
  private final Ingress ingress;

  /**
   * @param perSpuNumbering true when each SPU numbers its sessions in its own block (the high-end
   *     platform), false for ids across the device
   */
  public SpuGroup(
      RuntimeConfig config,
      int spus,
      long maximumSessions,
      SessionEvents events,
      boolean perSpuNumbering) {
    this.shards = new Shard[spus];
    this.tables = new SessionTable[spus];
    FrameSources sources = new FrameSources();
    Dispatcher dispatcher = new Dispatcher(spus);
    dispatcher.setNat(NatDispatch.of(config));
    GatePlacement gates = spus > 1 ? new GatePlacement(spus) : null;
    if (gates != null) {
      gates.install(config);
    }
    this.ingress = new Ingress(shards, sources, dispatcher, gates);
    int perSpu = SessionMemory.perSpu(maximumSessions, spus);
    CacheAnnouncements[] announcements = new CacheAnnouncements[spus];
    try {
      SpuAgent[] agents = buildAgents(config, spus, perSpu, perSpuNumbering);
      for (int spu = 0; spu < spus; spu++) {
        SpuAgent agent = agents[spu];
        agent.setEvents(events);
        agent.setSpuCount(spus);
        if (gates != null) {
          agent.alg().setAnnouncer(gates.announcer(spu));
        }
        // one application system cache for the device, a replica per SPU (docs/adr/0041)
        announcements[spu] = new CacheAnnouncements();
        agent.applications().setCacheAnnouncer(announcements[spu]);
        shards[spu] = new Shard(agent, RING_CAPACITY, sources, ingress::generation);
      }
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
    ingress.announceCacheEntries(announcements, config);
    for (Shard shard : shards) {
      shard.start();
    }
  }

  /**
   * Every SPU's table and agent. Each agent builds its own stages, pools and identification state
   * (about a tenth of a second of a short replay's start per SPU), and the SPUs share nothing while
   * they are built, so they are built side by side, one thread per core, this thread taking its
   * share (docs/adr/0042). A failure closes the tables already made and is rethrown as it is.
   */
  private SpuAgent[] buildAgents(
      RuntimeConfig config, int spus, int perSpu, boolean perSpuNumbering) {
    SpuAgent[] agents = new SpuAgent[spus];
    Throwable[] failures = new Throwable[spus];
    int workers = Math.min(spus, Math.max(1, Runtime.getRuntime().availableProcessors()));
    Thread[] threads = new Thread[workers];
    for (int w = 0; w < workers; w++) {
      int first = w;
      Runnable build =
          () -> {
            for (int spu = first; spu < spus; spu += workers) {
              try {
                tables[spu] = new SessionTable(perSpu);
                agents[spu] =
                    new SpuAgent(
                        spu,
                        tables[spu],
                        config,
                        perSpuNumbering
                            ? SessionNumbering.perSpu(spu)
                            : SessionNumbering.device(spu));
              } catch (RuntimeException | Error e) {
                failures[spu] = e;
                return;
              }
            }
          };
      if (w == 0) {
        threads[w] = null;
        build.run();
      } else {
        threads[w] = Thread.ofPlatform().name("spu-build-" + w).start(build);
      }
    }
    boolean interrupted = false;
    for (Thread thread : threads) {
      while (thread != null) {
        try {
          thread.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // finish joining: the tables must not be left to another thread
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    for (Throwable failure : failures) {
      if (failure instanceof RuntimeException e) {
        throw e;
      }
      if (failure instanceof Error e) {
        throw e;
      }
    }
    return agents;
  }

  public int count() {
    return shards.length;
  }

  public Shard shard(int spu) {
    return shards[spu];
  }

  public Ingress ingress() {
    return ingress;
  }

  /** Places later packets by {@code generation}'s NAT addresses (after a direct commit). */
  public void placeBy(RuntimeConfig generation) {
    ingress.placeBy(generation);
  }

  @Override
  public void close() {
    for (Shard shard : shards) {
      if (shard != null) {
        shard.stop();
      }
    }
    for (SessionTable table : tables) {
      if (table != null) {
        table.close();
      }
    }
  }
}
