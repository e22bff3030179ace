package org.flowgate.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.control.FlowStatistics;
import org.flowgate.dataplane.replay.ReplayReport;
import org.flowgate.dataplane.runtime.FactoryDefault;

/**
 * The replay rate once warm, with one SPU and with two side by side in one process (issue 16): each
 * round replays the capture through a fresh engine (factory default) of each SPU count in turn, the
 * order swapped every round so that neither always runs first, and times {@link FlowEngine#replay}
 * alone (reader to session table, every SPU idle at the end). The first round runs while the JIT
 * compiles the replay path; the figures are taken from the later ones. Prints each round, then per
 * SPU count the median and range of the warm rounds' packets/s, and the median (and range) of the
 * per-round ratios of each count to the first.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -XX:+UseParallelGC -cp bench/target/benchmarks.jar \
 *     org.flowgate.bench.ReplayRate [--rounds R] [--spus 1,2] [--max-sessions N] FILE
 * </pre>
 *
 * <p>Thread: main only (the engines' own threads are the SPUs and the replay reader).
 */
public final class ReplayRate {
  private ReplayRate() {}

  public static void main(String[] args) {
    int rounds = 6;
    int[] spuCounts = {1, 2};
    long maximumSessions = 1 << 20;
    Path file = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--spus" ->
            spuCounts = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
        case "--max-sessions" -> maximumSessions = Long.parseLong(args[++i]);
        default -> file = Path.of(args[i]);
      }
    }
    if (file == null || rounds < 2) {
      System.err.println(
          "usage: ReplayRate [--rounds R (>= 2)] [--spus 1,2] [--max-sessions N] FILE");
      System.exit(2);
    }
    double[][] rates = new double[spuCounts.length][rounds];
    for (int round = 0; round < rounds; round++) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %2d:", round + 1));
      for (int k = 0; k < spuCounts.length; k++) {
        int v = round % 2 == 0 ? k : spuCounts.length - 1 - k;
        rates[v][round] = replay(file, spuCounts[v], maximumSessions);
        line.append(
            String.format(
                Locale.ROOT,
                "  %d SPU%s %,12.0f packets/s",
                spuCounts[v],
                spuCounts[v] == 1 ? " " : "s",
                rates[v][round]));
      }
      System.out.println(line + (round == 0 ? "   (cold: not counted)" : ""));
    }
    for (int v = 0; v < spuCounts.length; v++) {
      double[] warm = Arrays.copyOfRange(rates[v], 1, rounds);
      System.out.printf(
          Locale.ROOT,
          "warm replay, %d SPU%s: median %,.0f packets/s (range %,.0f - %,.0f, %d rounds)%n",
          spuCounts[v],
          spuCounts[v] == 1 ? "" : "s",
          median(warm),
          min(warm),
          max(warm),
          warm.length);
    }
    for (int v = 1; v < spuCounts.length; v++) {
      double[] ratios = new double[rounds - 1];
      for (int round = 1; round < rounds; round++) {
        ratios[round - 1] = rates[v][round] / rates[0][round];
      }
      System.out.printf(
          Locale.ROOT,
          "%d SPUs against %d, per-round ratio: median %.2f (range %.2f - %.2f)%n",
          spuCounts[v],
          spuCounts[0],
          median(ratios),
          min(ratios),
          max(ratios));
    }
  }

  /** One replay of {@code file} through a fresh engine; packets per second of the replay phase. */
  private static double replay(Path file, int spus, long maximumSessions) {
    try (FlowEngine engine =
        new FlowEngine(FactoryDefault.config().withMaximumSessions(maximumSessions), spus)) {
      long start = System.nanoTime();
      ReplayReport report = engine.replay(List.of(file), -1);
      long ns = System.nanoTime() - start;
      if (!report.ok()) {
        throw new IllegalStateException("the capture " + file + " did not replay cleanly");
      }
      long dropped = 0;
      for (FlowStatistics statistics : engine.statistics()) {
        dropped += statistics.packetsDropped();
      }
      if (dropped != 0) {
        System.out.println("  (" + dropped + " packets dropped with " + spus + " SPUs)");
      }
      return report.packets() / (ns / 1e9);
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static double min(double[] values) {
    return Arrays.stream(values).min().orElse(Double.NaN);
  }

  private static double max(double[] values) {
    return Arrays.stream(values).max().orElse(Double.NaN);
  }
}
