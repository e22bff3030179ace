package org.flowgate.dataplane.session;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much memory the session tables of an engine take, and whether this machine has it, asked
 * before anything is allocated: a table too large for the machine would otherwise die with {@code
 * OutOfMemoryError} (JVM native memory) or be killed by the kernel once its pages are touched.
 *
 * <pre>
 *  per SPU:  records  maximum sessions x {@value SessionTable#RECORD_BYTES} bytes
 *            index    power of two >= 8/3 x maximum sessions, at most 2^31, x 8 bytes
 *  available: MemAvailable of /proc/meminfo (Linux: free memory and page cache that can be
 *             given back), else the free physical memory the JVM reports; less the heap the JVM
 *             may still grow into (-Xmx less what it holds now)
 * </pre>
 *
 * <p>Thread: stateless.
 */
public final class SessionMemory {
  private SessionMemory() {}

  /** Refused: the tables need more memory than the machine has available. */
  public static final class TooLarge extends IllegalArgumentException {
    private final long neededBytes;
    private final long availableBytes;

    TooLarge(long maximumSessions, int spus, long neededBytes, long availableBytes) {
      super(
          "a session table of "
              + maximumSessions
              + " sessions over "
              + spus
              + " SPU"
              + (spus == 1 ? "" : "s")
              + " needs "
              + neededBytes
              + " bytes ("
              + gib(neededBytes)
              + "), but "
              + availableBytes
              + " bytes ("
              + gib(availableBytes)
              + ") of memory are available");
      this.neededBytes = neededBytes;
      this.availableBytes = availableBytes;
    }

    public long neededBytes() {
      return neededBytes;
    }

    public long availableBytes() {
      return availableBytes;
    }
  }

  /** Bytes of the records and index of one SPU's table of {@code maximumSessions}. */
  public static long tableBytes(int maximumSessions) {
    return (long) maximumSessions * SessionTable.RECORD_BYTES
        + SessionTable.indexEntries(maximumSessions) * Long.BYTES;
  }

  /** Bytes of the tables of {@code spus} SPUs sharing {@code maximumSessions}. */
  public static long neededBytes(long maximumSessions, int spus) {
    return spus * tableBytes(perSpu(maximumSessions, spus));
  }

  /** Sessions each SPU's table holds: the maximum divided among the SPUs, rounded up. */
  public static int perSpu(long maximumSessions, int spus) {
    return (int) Math.min(1L << 30, Math.max(1, (maximumSessions + spus - 1) / spus));
  }

  /** Throws {@link TooLarge} when the tables need more than this machine has available. */
  public static void check(long maximumSessions, int spus) {
    check(maximumSessions, spus, availableBytes());
  }

  /** Throws {@link TooLarge} when the tables need more than {@code availableBytes}. */
  public static void check(long maximumSessions, int spus, long availableBytes) {
    long needed = neededBytes(maximumSessions, spus);
    if (needed > availableBytes) {
      throw new TooLarge(maximumSessions, spus, needed, availableBytes);
    }
  }

  /** Memory this process can still take for off-heap tables, in bytes. */
  public static long availableBytes() {
    long machine = memAvailableBytes();
    if (machine < 0) {
      machine =
          ManagementFactory.getOperatingSystemMXBean()
                  instanceof com.sun.management.OperatingSystemMXBean os
              ? os.getFreeMemorySize()
              : Long.MAX_VALUE;
    }
    Runtime runtime = Runtime.getRuntime();
    long heapStillToGrow = Math.max(0, runtime.maxMemory() - runtime.totalMemory());
    return Math.max(0, machine - heapStillToGrow);
  }

  private static long memAvailableBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemAvailable:")) {
          String[] fields = line.trim().split("\\s+");
          return Long.parseLong(fields[1]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or no such line: fall back to what the JVM reports
    }
    return -1;
  }

  private static String gib(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
  }
}
