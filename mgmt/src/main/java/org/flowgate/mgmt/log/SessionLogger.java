package org.flowgate.mgmt.log;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.flowgate.dataplane.log.SessionLogEvent;
import org.flowgate.dataplane.log.SessionLogRecorder;
import org.flowgate.dataplane.log.SessionLogRing;
import org.flowgate.dataplane.runtime.RuntimeConfig;

/**
 * The logger thread: drains every SPU's event ring, formats each event once and hands the line to
 * every sink (file, UDP and TCP hosts). It never waits on a sink, and SPUs never wait on it.
 *
 * <pre>
 *  SPU 0 ring ─┐                                         ┌─► FileSink  (line, no &lt;PRI&gt; in standard form)
 *  SPU 1 ring ─┼─► logger thread: poll ─► format ────────┼─► UdpSink   (one datagram per message)
 *  SPU n ring ─┘   (round robin, up to 256 per ring)     └─► TcpSink   (RFC 6587 octet counting)
 * </pre>
 *
 * <p>Names are resolved against the configuration the supplier returns when the event is
 * formatted. A commit between an event and its formatting could rename a policy or zone; the event
 * carries the generation it was written under so this can be detected once generations are kept.
 *
 * <p>Thread: owns the logger thread; {@link #close} and the counters may be called from any thread.
 */
public final class SessionLogger implements AutoCloseable {
  private static final int BATCH = 256;
  private static final long IDLE_PARK_NS = TimeUnit.MILLISECONDS.toNanos(1);

  private final SessionLogRecorder recorder;
  private final Supplier<RuntimeConfig> config;
  private final SessionLogFormatter formatter;
  private final boolean filesWithoutPri;
  private final List<LogSink> sinks = new ArrayList<>();
  private final FileSink fileSink;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long formatted;
  /** True while the logger thread holds events it polled but has not yet handed to the sinks. */
  private volatile boolean busy;

  public SessionLogger(SessionLogRecorder recorder, SessionLogConfig logConfig, Supplier<RuntimeConfig> config) {
    this.recorder = recorder;
    this.config = config;
    this.formatter = new SessionLogFormatter(logConfig);
    this.filesWithoutPri = logConfig.format() == SessionLogConfig.Format.STANDARD;
    this.fileSink = logConfig.file() == null ? null : new FileSink(logConfig.file(), logConfig.bufferLines());
    for (SessionLogConfig.LogHost host : logConfig.hosts()) {
      sinks.add(switch (host.transport()) {
        case UDP -> new UdpSink(host.address(), host.port(), logConfig.bufferLines());
        case TCP -> new TcpSink(host.address(), host.port(), logConfig.bufferLines());
      });
    }
    this.thread = Thread.ofPlatform().daemon().name("session-logger").start(this::run);
  }

  private void run() {
    long[] event = new long[SessionLogEvent.WORDS];
    StringBuilder line = new StringBuilder(1024);
    while (running || recorder.pending() > 0) {
      busy = true; // before polling: awaitIdle reads pending first, then busy
      int taken = 0;
      for (int spu = 0; spu < recorder.spuCount(); spu++) {
        SessionLogRing ring = recorder.ring(spu);
        for (int i = 0; i < BATCH && ring.poll(event); i++) {
          deliver(event, line);
          taken++;
        }
      }
      busy = false;
      if (taken == 0) {
        LockSupport.parkNanos(IDLE_PARK_NS);
      }
    }
  }

  private void deliver(long[] event, StringBuilder line) {
    line.setLength(0);
    int priLength;
    try {
      priLength = formatter.append(line, event, config.get());
    } catch (RuntimeException e) {
      return; // a malformed event must not stop the logger; it is not counted as formatted
    }
    String message = line.toString();
    for (int i = 0; i < sinks.size(); i++) {
      sinks.get(i).offer(message);
    }
    if (fileSink != null) {
      fileSink.offer(filesWithoutPri ? message.substring(priLength) : message);
    }
    formatted++;
  }

  /** Events formatted into lines so far. */
  public long formatted() {
    return formatted;
  }

  /** Events the SPUs dropped because their ring was full. */
  public long eventsDropped() {
    return recorder.dropped();
  }

  /** Lines lost in every sink: buffers full or transports failing. */
  public long linesDropped() {
    long total = 0;
    for (LogSink sink : allSinks()) {
      total += sink.dropped();
    }
    return total;
  }

  public long linesSent() {
    long total = 0;
    for (LogSink sink : allSinks()) {
      total += sink.sent();
    }
    return total;
  }

  public List<LogSink> allSinks() {
    List<LogSink> all = new ArrayList<>(sinks);
    if (fileSink != null) {
      all.add(fileSink);
    }
    return all;
  }

  /**
   * Waits until every event written so far is formatted and every sink has sent (or dropped) its
   * lines, up to {@code timeoutMs}. Returns whether it got there.
   */
  public boolean awaitIdle(long timeoutMs) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (System.nanoTime() < deadline) {
      boolean idle = recorder.pending() == 0 && !busy;
      for (LogSink sink : allSinks()) {
        idle &= sink.pending() == 0;
      }
      if (idle) {
        return true;
      }
      LockSupport.parkNanos(IDLE_PARK_NS);
    }
    return false;
  }

  /** Formats what the rings still hold, sends what the sinks hold, and stops. */
  @Override
  public void close() {
    running = false;
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (LogSink sink : allSinks()) {
      sink.close();
    }
  }
}
