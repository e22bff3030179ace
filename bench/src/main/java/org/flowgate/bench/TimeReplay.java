package org.flowgate.bench;

import java.nio.file.Path;
import java.util.List;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.control.FlowStatistics;
import org.flowgate.dataplane.control.ReplayReport;
import org.flowgate.dataplane.runtime.FactoryDefault;

/**
 * Times only the replay phase of {@code flowgate replay}: the same {@link FlowEngine#replay} on the
 * factory-default configuration, with the clock started after the JVM and the engine are up and
 * stopped when every SPU is idle. The launcher prints no timing, so this is the in-process number
 * that {@code bench/replay-vs-ndpi.sh} shows next to the wall time of the whole command.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.flowgate.bench.TimeReplay [--spus N] [--max-sessions N] FILE...
 * </pre>
 *
 * Prints {@code packets seconds} on its last line.
 */
public final class TimeReplay {
  private TimeReplay() {}

  public static void main(String[] args) {
    int spus = 1;
    long maximumSessions = 1 << 20;
    List<Path> files = new java.util.ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--spus" -> spus = Integer.parseInt(args[++i]);
        case "--max-sessions" -> maximumSessions = Long.parseLong(args[++i]);
        default -> files.add(Path.of(args[i]));
      }
    }
    try (FlowEngine engine =
        new FlowEngine(FactoryDefault.config().withMaximumSessions(maximumSessions), spus)) {
      long start = System.nanoTime();
      ReplayReport report = engine.replay(files, -1);
      long ns = System.nanoTime() - start;
      long created = 0;
      long dropped = 0;
      for (FlowStatistics statistics : engine.statistics()) {
        created += statistics.sessionsCreated();
        dropped += statistics.packetsDropped();
      }
      System.out.printf(
          "replay phase: %,d packets in %.3f s = %,.0f packets/s on %d SPU%s, %,d sessions created, %,d dropped%s%n",
          report.packets(),
          ns / 1e9,
          report.packets() / (ns / 1e9),
          spus,
          spus == 1 ? "" : "s",
          created,
          dropped,
          report.ok() ? "" : " (capture errors!)");
      System.out.println(report.packets() + " " + (ns / 1e9));
    }
  }
}
