package org.flowgate.server;

import java.io.PrintStream;

/**
 * A wall-clock trace of the start path, for finding where a short command's time goes: with {@code
 * FLOWGATE_TRACE_STARTUP=1} the launcher passes the moment it started ({@code -Dflowgate.trace.t0},
 * microseconds since the epoch, from bash's {@code EPOCHREALTIME}) and each {@link #mark} prints
 * the milliseconds since then on standard error. Without the property it costs one static boolean
 * test per mark.
 *
 * <p>Thread: marks may come from any thread; each is one {@code println}.
 */
final class StartupTrace {
  private static final long T0_MICROS = t0();
  private static final boolean ON = T0_MICROS > 0;

  private StartupTrace() {}

  private static long t0() {
    String value = System.getProperty("flowgate.trace.t0");
    if (value == null) {
      return 0;
    }
    try {
      return Math.round(Double.parseDouble(value) * 1e6);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * CPU time of every thread of this JVM so far, from Linux's per-task {@code schedstat} (its first
   * field: nanoseconds on a CPU); threads that already ended are not counted. -1 elsewhere.
   */
  static long processCpuNs() {
    long total = 0;
    try (var tasks =
        java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("/proc/self/task"))) {
      for (java.nio.file.Path task : tasks) {
        String line = java.nio.file.Files.readString(task.resolve("schedstat")).trim();
        total += Long.parseLong(line.substring(0, line.indexOf(' ')));
      }
    } catch (java.io.IOException | RuntimeException e) {
      return -1;
    }
    return total;
  }

  /** Prints {@code startup: PHASE at N.N ms} on standard error when tracing is on. */
  static void mark(String phase) {
    if (ON) {
      java.time.Instant now = java.time.Instant.now();
      long nowMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
      PrintStream err = System.err;
      err.println(
          String.format(
              java.util.Locale.ROOT,
              "startup: %-22s wall %7.1f ms, JVM CPU %7.1f ms",
              phase,
              (nowMicros - T0_MICROS) / 1e3,
              processCpuNs() / 1e6));
    }
  }
}
