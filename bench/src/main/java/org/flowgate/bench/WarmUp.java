package org.flowgate.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.replay.ReplayReport;
import org.flowgate.dataplane.runtime.FactoryDefault;

/**
 * How the replay rate grows while the JIT compiles the replay path: replays a capture once in a
 * fresh JVM (factory default, {@code --spus N}) and prints the packets handed to the SPUs in each
 * {@code --window-ms} window from the replay's start, as packets/s, then the whole replay's rate.
 * The replay thread stamps every 4 096th packet (the engine's record hook); the ring between it and
 * an SPU holds at most 8 192 entries, so the stamps follow the SPUs within that many packets.
 *
 * <p>Run it with the JVM options (and the AOT cache) whose warm-up is to be measured; the
 * launcher's AOT cache works when the launcher's class path comes first (a cache accepts a class
 * path that extends the one it was trained with):
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -XX:+UseParallelGC [-XX:AOTCache=FILE] \
 *     -cp LAUNCHER-CLASSPATH:bench/target/benchmarks.jar org.flowgate.bench.WarmUp \
 *     [--spus N] [--window-ms M] [--windows K] FILE
 * </pre>
 *
 * Prints one line per window ({@code window-end-ms packets-per-second}) and a last line {@code
 * total packets seconds}.
 */
public final class WarmUp {
  private static final int STAMP_EVERY = 4096;

  private WarmUp() {}

  public static void main(String[] args) {
    int spus = 1;
    int windowMs = 100;
    int windows = 10;
    Path file = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--spus" -> spus = Integer.parseInt(args[++i]);
        case "--window-ms" -> windowMs = Integer.parseInt(args[++i]);
        case "--windows" -> windows = Integer.parseInt(args[++i]);
        default -> file = Path.of(args[i]);
      }
    }
    if (file == null) {
      System.err.println("usage: WarmUp [--spus N] [--window-ms M] [--windows K] FILE");
      System.exit(2);
    }
    long[] stamps = new long[1 << 16];
    int[] count = {0};
    try (FlowEngine engine =
        new FlowEngine(FactoryDefault.config().withMaximumSessions(1 << 20), spus)) {
      engine.recordHook(
          records -> {
            if (records % STAMP_EVERY == 0 && count[0] < stamps.length) {
              stamps[count[0]++] = System.nanoTime();
            }
          });
      long start = System.nanoTime();
      ReplayReport report = engine.replay(List.of(file), -1);
      long ns = System.nanoTime() - start;
      int at = 0;
      long previousPackets = 0;
      for (int w = 1; w <= windows; w++) {
        long end = start + (long) w * windowMs * 1_000_000L;
        while (at < count[0] && stamps[at] <= end) {
          at++;
        }
        long packets = (long) at * STAMP_EVERY;
        System.out.printf(
            Locale.ROOT,
            "%5d ms %,12.0f packets/s%n",
            w * windowMs,
            (packets - previousPackets) / (windowMs / 1e3));
        previousPackets = packets;
      }
      System.out.printf(
          Locale.ROOT,
          "whole replay: %,d packets in %.3f s = %,.0f packets/s%n",
          report.packets(),
          ns / 1e9,
          report.packets() / (ns / 1e9));
      System.out.println("total " + report.packets() + " " + ns / 1e9);
    }
  }
}
