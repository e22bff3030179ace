package org.flowgate.mgmt.device;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.replay.ReplayReport;

/**
 * Replays captures into the running engine one after another (the engine takes one replay at a
 * time), in real or scaled time, from the command line of {@code serve} or the CLI's {@code request
 * flowgate replay}. {@link #close()} interrupts the running replay, which stops after the packets
 * it has handed over.
 *
 * <p>Thread: any; replays run on one thread of their own.
 */
public final class ReplayService implements AutoCloseable {
  private final FlowEngine engine;
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          r -> Thread.ofPlatform().name("replay").daemon().unstarted(r));
  private final AtomicReference<String> status = new AtomicReference<>("no replay has run");

  public ReplayService(FlowEngine engine) {
    this.engine = engine;
  }

  /** Queues a replay of {@code capture} at {@code speed} (0: as fast as possible). */
  public Future<ReplayReport> submit(Path capture, double speed) {
    return thread.submit(
        () -> {
          status.set("replaying " + capture + (speed > 0 ? " at speed " + speed : ""));
          ReplayReport report;
          try {
            report = engine.replay(List.of(capture), -1, List.of(), speed);
          } catch (
              org.flowgate.dataplane.control.EngineStoppedException e) { // the engine was closed
            status.set("replay of " + capture + " failed: " + e.getMessage());
            throw e;
          }
          status.set(
              "replayed "
                  + report.packets()
                  + " packets from "
                  + capture
                  + (report.stoppedEarly() ? " (stopped early)" : "")
                  + (report.ok() ? "" : " (with errors)"));
          return report;
        });
  }

  /** What the last replay did, or is doing. */
  public String status() {
    return status.get();
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
