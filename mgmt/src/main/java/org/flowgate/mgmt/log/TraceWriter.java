package org.flowgate.mgmt.log;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.flowgate.dataplane.log.PacketTraceRecorder;
import org.flowgate.dataplane.log.TraceEvent;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.runtime.TraceOptions;

/**
 * The trace writer thread: drains every SPU's trace ring, formats each traced packet's Junos lines
 * ({@link TraceFormatter}) and appends them to the {@code traceoptions file} under the log
 * directory, rotating it as Junos does when it reaches its size.
 *
 * <pre>
 *  rings ─► merge in input order (each ring's head; the smallest ordinal goes once every other
 *           SPU has got past it) ─► format ─► NAME
 *  NAME reaches size S:  NAME.(N-3) ─► NAME.(N-2) ... NAME.0 ─► NAME.1, NAME ─► NAME.0, new NAME
 *                        (N files in all; the oldest goes)
 * </pre>
 *
 * The file's name, size and count are read from the running configuration as each packet is
 * written, so a commit that renames the file starts the new one. SPUs never wait on the writer; a
 * packet the writer cannot write (the disk refuses) is counted.
 *
 * <p>Thread: owns the writer thread; {@link #close}, {@link #awaitIdle} and the counters from any
 * thread.
 */
public final class TraceWriter implements AutoCloseable {
  private static final int BATCH = 256;
  private static final long IDLE_PARK_NS = TimeUnit.MILLISECONDS.toNanos(1);

  private final PacketTraceRecorder recorder;
  private final Supplier<RuntimeConfig> config;
  private final Path directory;
  private final TraceFormatter formatter = new TraceFormatter();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean busy;

  /** Events taken from the rings that wait for the other SPUs before they can be written. */
  private volatile int heldEvents;

  private volatile long written;
  private volatile long failed;
  private Path openPath;
  private Writer out;
  private long openBytes;

  public TraceWriter(PacketTraceRecorder recorder, Supplier<RuntimeConfig> config, Path directory) {
    this.recorder = recorder;
    this.config = config;
    this.directory = directory;
    this.thread = Thread.ofPlatform().daemon().name("flow-trace").start(this::run);
  }

  private void run() {
    int spus = recorder.spuCount();
    long[][] heads = new long[spus][TraceEvent.WORDS];
    boolean[] held = new boolean[spus];
    List<String> lines = new ArrayList<>();
    while (true) {
      busy = true;
      int taken = 0;
      for (int i = 0; i < BATCH * spus; i++) {
        int next = next(heads, held);
        if (next < 0) {
          break;
        }
        write(heads[next], lines);
        held[next] = false;
        taken++;
      }
      if (taken > 0) {
        flush();
      }
      heldEvents = heldCount(held);
      busy = false;
      if (taken == 0) {
        if (!running) {
          // closing: the tracing has been taken off the SPUs; what they handed over goes out in
          // order without waiting for them
          drainHeld(heads, held, lines);
          break;
        }
        LockSupport.parkNanos(IDLE_PARK_NS);
      }
    }
    closeFile();
  }

  /**
   * The SPU whose held event comes next in the device's input, or -1 when none may go yet. Each
   * SPU's ring is in input order (ordinals rise), so the held event with the smallest ordinal goes
   * next once every SPU holding none has got past it: then no SPU can still trace an earlier
   * packet. The trace file is thus in the input's order for 1 SPU or N, and does not depend on how
   * the writer's polls interleave with the SPUs.
   */
  private int next(long[][] heads, boolean[] held) {
    while (true) {
      int best = -1;
      for (int spu = 0; spu < held.length; spu++) {
        if (!held[spu]) {
          held[spu] = recorder.poll(spu, heads[spu]);
        }
        if (held[spu]
            && (best < 0 || TraceEvent.ordinal(heads[spu]) < TraceEvent.ordinal(heads[best]))) {
          best = spu;
        }
      }
      if (best < 0) {
        return -1;
      }
      long ordinal = TraceEvent.ordinal(heads[best]);
      boolean others = false;
      for (int spu = 0; spu < held.length; spu++) {
        if (held[spu]) {
          continue;
        }
        if (!recorder.processedThrough(spu, ordinal)) {
          return -1; // this SPU may still trace an earlier packet
        }
        // it has got past: whatever it traced before is in its ring by now
        if (recorder.poll(spu, heads[spu])) {
          held[spu] = true;
          others = true;
        }
      }
      if (!others) {
        return best;
      }
    }
  }

  /** At close: what the SPUs handed over and the writer still holds, in input order. */
  private void drainHeld(long[][] heads, boolean[] held, List<String> lines) {
    while (true) {
      int best = -1;
      for (int spu = 0; spu < held.length; spu++) {
        if (!held[spu]) {
          held[spu] = recorder.poll(spu, heads[spu]);
        }
        if (held[spu]
            && (best < 0 || TraceEvent.ordinal(heads[spu]) < TraceEvent.ordinal(heads[best]))) {
          best = spu;
        }
      }
      if (best < 0) {
        break;
      }
      write(heads[best], lines);
      held[best] = false;
    }
    flush();
    heldEvents = 0;
  }

  private static int heldCount(boolean[] held) {
    int count = 0;
    for (boolean h : held) {
      count += h ? 1 : 0;
    }
    return count;
  }

  private void write(long[] event, List<String> lines) {
    RuntimeConfig now = config.get();
    TraceOptions trace = now.settings().trace();
    if (trace.file() == null || directory == null) {
      return;
    }
    lines.clear();
    formatter.format(event, now, lines);
    try {
      for (String line : lines) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        Writer writer = writer(trace, bytes.length);
        writer.write(line);
        writer.write('\n');
        openBytes += bytes.length;
      }
      written++;
    } catch (IOException | RuntimeException e) {
      failed++;
      closeFile();
    }
  }

  /** The open file, rotated first when the line would take it past its size. */
  private Writer writer(TraceOptions trace, int lineBytes) throws IOException {
    Path path = directory.resolve(trace.file());
    if (!path.equals(openPath)) {
      closeFile();
      Files.createDirectories(directory);
      out =
          Files.newBufferedWriter(
              path,
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              StandardOpenOption.APPEND,
              StandardOpenOption.WRITE);
      openPath = path;
      openBytes = Files.size(path);
    }
    if (openBytes > 0 && openBytes + lineBytes > trace.sizeBytes()) {
      closeFile();
      rotate(path, trace.files());
      return writer(trace, lineBytes);
    }
    return out;
  }

  /** NAME becomes NAME.0 and each NAME.i becomes NAME.(i+1); NAME.(files-2) is the last kept. */
  static void rotate(Path path, int files) throws IOException {
    String name = path.getFileName().toString();
    Path oldest = path.resolveSibling(name + "." + (files - 2));
    Files.deleteIfExists(oldest);
    for (int i = files - 3; i >= 0; i--) {
      Path from = path.resolveSibling(name + "." + i);
      if (Files.exists(from)) {
        Files.move(
            from, path.resolveSibling(name + "." + (i + 1)), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    if (files > 1) {
      Files.move(path, path.resolveSibling(name + ".0"), StandardCopyOption.REPLACE_EXISTING);
    } else {
      Files.deleteIfExists(path);
    }
  }

  private void flush() {
    if (out != null) {
      try {
        out.flush();
      } catch (IOException e) {
        failed++;
        closeFile();
      }
    }
  }

  private void closeFile() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException ignored) {
        // the lines it held are counted as written; the next packet reopens the file
      }
      out = null;
      openPath = null;
    }
  }

  /** Traced packets written to the file. */
  public long written() {
    return written;
  }

  /** Traced packets the file refused. */
  public long failed() {
    return failed;
  }

  /**
   * Waits until every traced packet handed over so far is in the file (or {@code timeoutMs} has
   * passed); true when it is.
   */
  public boolean awaitIdle(long timeoutMs) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (System.nanoTime() < deadline) {
      if (idle()) {
        return true;
      }
      LockSupport.parkNanos(IDLE_PARK_NS);
    }
    return idle();
  }

  private boolean idle() {
    return recorder.pending() == 0 && !busy && heldEvents == 0;
  }

  /** Writes what is left and stops the thread. */
  @Override
  public void close() {
    running = false;
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
