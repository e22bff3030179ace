package org.flowgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StartupTraceTest {
  @Test
  void processCpuCountsTheCpuTimeOfThisJvmsLiveThreads() {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux's /proc");
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long before = StartupTrace.processCpuNs();
    long ownStart = threads.getCurrentThreadCpuTime();
    long sink = 0;
    while (threads.getCurrentThreadCpuTime() - ownStart
        < 50_000_000L) { // 50 ms of this thread's CPU
      sink += System.nanoTime() & 1;
    }
    long after = StartupTrace.processCpuNs();
    assertThat(before).isPositive();
    assertThat(after - before).as("sink %d", sink).isGreaterThanOrEqualTo(50_000_000L);
  }
}
