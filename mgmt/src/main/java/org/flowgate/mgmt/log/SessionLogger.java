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
 * The logger thread: drains every SPU's event ring, formats each event once per format its
 * destinations use and hands the line to every destination whose filter takes it (file, UDP and TCP
 * hosts). It never waits on a sink, and SPUs never wait on it.
 *
 * <pre>
 *  SPU 0 ring ─┐                                        ┌─► filter ─► FileSink (line; no &lt;PRI&gt; in standard form)
 *  SPU 1 ring ─┼─► logger thread: poll ─► format ───────┼─► filter ─► UdpSink  (one datagram per message)
 *  SPU n ring ─┘   (round robin, up to    (standard     └─► filter ─► TcpSink  (RFC 6587 octet counting)
 *                   256 per ring)          and/or RFC 5424, once each)
 * </pre>
 *
 * <p>Names are resolved against the generation the event was written under, which its ring keeps
 * with it ({@link SessionLogRing#polledGeneration}): a commit between an event and its formatting
 * (a renamed policy or zone, a replay's {@code --commit-at}) does not change what it says. The
 * supplier's generation serves only events that came without one.
 *
 * <p>Thread: owns the logger thread; {@link #close} and the counters may be called from any thread.
 */
public final class SessionLogger implements AutoCloseable {
  private static final int BATCH = 256;
  private static final long IDLE_PARK_NS = TimeUnit.MILLISECONDS.toNanos(1);

  /** A sink with the format it takes, whether it leaves {@code <PRI>} out, and its filter. */
  private record Destination(
      LogSink sink, SessionLogConfig.Format format, boolean withoutPri, MessageFilter filter) {}

  private final SessionLogRecorder recorder;
  private final Supplier<RuntimeConfig> config;
  private final SessionLogFormatter standard;
  private final SessionLogFormatter structured;
  private final List<Destination> destinations = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long formatted;
  private volatile long filtered;

  /** Events dropped because they could not be formatted, by {@link MalformedEvent} ordinal. */
  private final java.util.concurrent.atomic.AtomicLongArray malformed =
      new java.util.concurrent.atomic.AtomicLongArray(MalformedEvent.values().length);

  /** True while the logger thread holds events it polled but has not yet handed to the sinks. */
  private volatile boolean busy;

  public SessionLogger(
      SessionLogRecorder recorder, SessionLogConfig logConfig, Supplier<RuntimeConfig> config) {
    this.recorder = recorder;
    this.config = config;
    this.standard = new SessionLogFormatter(logConfig, SessionLogConfig.Format.STANDARD);
    this.structured = new SessionLogFormatter(logConfig, SessionLogConfig.Format.STRUCTURED);
    for (SessionLogConfig.LogHost host : logConfig.hosts()) {
      LogSink sink =
          switch (host.transport()) {
            case UDP ->
                new UdpSink(
                    host.address(), host.port(), host.sourceAddress(), logConfig.bufferLines());
            case TCP -> new TcpSink(host.address(), host.port(), logConfig.bufferLines());
          };
      destinations.add(
          new Destination(
              sink,
              host.format() != null ? host.format() : logConfig.format(),
              false,
              host.filter()));
    }
    for (SessionLogConfig.LogFile file : logConfig.files()) {
      SessionLogConfig.Format format = file.format() != null ? file.format() : logConfig.format();
      destinations.add(
          new Destination(
              new FileSink(file.path(), logConfig.bufferLines()),
              format,
              format == SessionLogConfig.Format.STANDARD,
              file.filter()));
    }
    if (logConfig.file() != null) {
      destinations.add(
          new Destination(
              new FileSink(logConfig.file(), logConfig.bufferLines()),
              logConfig.format(),
              logConfig.format() == SessionLogConfig.Format.STANDARD,
              MessageFilter.ALL));
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
          deliver(event, ring.polledGeneration(), line);
          taken++;
        }
      }
      busy = false;
      if (taken == 0) {
        LockSupport.parkNanos(IDLE_PARK_NS);
      }
    }
  }

  /**
   * @param writtenUnder the generation the SPU ran when it wrote the event; null when it did not
   *     say (then the generation {@link #config} gives now)
   */
  private void deliver(long[] event, RuntimeConfig writtenUnder, StringBuilder line) {
    String standardMessage = null;
    String structuredMessage = null;
    int standardPri = 0;
    int structuredPri = 0;
    try {
      RuntimeConfig generation = writtenUnder != null ? writtenUnder : config.get();
      for (int i = 0; i < destinations.size(); i++) {
        if (destinations.get(i).format() == SessionLogConfig.Format.STANDARD) {
          if (standardMessage == null) {
            line.setLength(0);
            standardPri = standard.append(line, event, generation);
            standardMessage = line.toString();
          }
        } else if (structuredMessage == null) {
          line.setLength(0);
          structuredPri = structured.append(line, event, generation);
          structuredMessage = line.toString();
        }
      }
    } catch (MalformedEvent.Exception e) {
      malformed.incrementAndGet(e.reason().ordinal()); // dropped, counted, the logger goes on
      return;
    } catch (RuntimeException e) {
      malformed.incrementAndGet(MalformedEvent.UNREADABLE.ordinal());
      return;
    }
    for (int i = 0; i < destinations.size(); i++) {
      Destination destination = destinations.get(i);
      boolean isStandard = destination.format() == SessionLogConfig.Format.STANDARD;
      String message = isStandard ? standardMessage : structuredMessage;
      String text = message.substring(isStandard ? standardPri : structuredPri);
      if (!destination.filter().accepts(text)) {
        filtered++;
        continue;
      }
      destination.sink().offer(destination.withoutPri() ? text : message);
    }
    formatted++;
  }

  /** Events formatted into lines so far. */
  public long formatted() {
    return formatted;
  }

  /**
   * Events dropped because they could not be formatted, by reason (every reason, zeros included, in
   * declaration order).
   */
  public java.util.Map<MalformedEvent, Long> malformedEvents() {
    java.util.Map<MalformedEvent, Long> counts = new java.util.EnumMap<>(MalformedEvent.class);
    for (MalformedEvent reason : MalformedEvent.values()) {
      counts.put(reason, malformed.get(reason.ordinal()));
    }
    return counts;
  }

  /** All events dropped because they could not be formatted. */
  public long malformedEventsTotal() {
    long total = 0;
    for (int i = 0; i < malformed.length(); i++) {
      total += malformed.get(i);
    }
    return total;
  }

  /**
   * One line for the end of a run when some events could not be formatted, else null: {@code 2
   * session log events could not be formatted and were dropped (unknown event type: 1, unknown
   * close reason: 1)}.
   */
  public String malformedEventsReport() {
    long total = malformedEventsTotal();
    if (total == 0) {
      return null;
    }
    java.util.List<String> parts = new ArrayList<>();
    malformedEvents()
        .forEach(
            (reason, count) -> {
              if (count > 0) {
                parts.add(reason.description() + ": " + count);
              }
            });
    return total
        + (total == 1 ? " session log event" : " session log events")
        + " could not be formatted and "
        + (total == 1 ? "was" : "were")
        + " dropped ("
        + String.join(", ", parts)
        + ")";
  }

  /** Lines a destination's {@code match} or {@code match-strings} left out. */
  public long linesFiltered() {
    return filtered;
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
    return destinations.stream().map(Destination::sink).toList();
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
