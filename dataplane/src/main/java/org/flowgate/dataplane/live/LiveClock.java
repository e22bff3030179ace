package org.flowgate.dataplane.live;

/**
 * Wall-clock time in nanoseconds since 1970, as the kernel stamps received frames (CLOCK_REALTIME),
 * read without allocating: the realtime clock once at start, the monotonic clock after. Live SPU
 * clocks move with it between packets (docs/adr/0005, 0026).
 *
 * <p>Thread: immutable; any thread.
 */
final class LiveClock {
  private final long originNs;
  private final long originNanoTime;

  LiveClock() {
    java.time.Instant now = java.time.Instant.now();
    this.originNanoTime = System.nanoTime();
    this.originNs = now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  long nowNs() {
    return originNs + (System.nanoTime() - originNanoTime);
  }
}
