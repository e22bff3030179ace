package org.flowgate.mgmt.log;

import java.nio.file.Path;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.log.PacketTraceRecorder;

/**
 * {@code security flow traceoptions} for one engine: the SPUs' trace rings and the writer that
 * turns them into the trace file under the log directory. Cheap while nothing is configured: the
 * SPUs check one flag per packet, the writer sleeps.
 *
 * <p>Thread: any.
 */
public final class PacketTracing implements AutoCloseable {
  /** Traced packets one SPU's ring holds before the SPU drops (and counts) more. */
  public static final int RING_PACKETS = 4096;

  private final FlowEngine engine;
  private final PacketTraceRecorder recorder;
  private final TraceWriter writer;

  private PacketTracing(FlowEngine engine, Path logDirectory) {
    this.engine = engine;
    this.recorder = new PacketTraceRecorder(engine.spuCount(), RING_PACKETS);
    this.writer = new TraceWriter(recorder, engine::config, logDirectory);
    engine.useTrace(recorder);
  }

  /** Starts tracing for {@code engine} into {@code logDirectory} (null: nothing is written). */
  public static PacketTracing start(FlowEngine engine, Path logDirectory) {
    return new PacketTracing(engine, logDirectory);
  }

  /** Waits until the traces handed over so far are written; true when they are. */
  public boolean awaitIdle(long timeoutMs) {
    return writer.awaitIdle(timeoutMs);
  }

  /** Traced packets dropped because an SPU's ring was full. */
  public long dropped() {
    return recorder.dropped();
  }

  public long written() {
    return writer.written();
  }

  @Override
  public void close() {
    engine.useTrace(null);
    writer.close();
  }
}
