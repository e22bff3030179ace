package org.flowgate.server;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.control.ReplayReport;
import org.flowgate.dataplane.control.SessionFilter;
import org.flowgate.dataplane.control.SessionSnapshot;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.flowgate.mgmt.command.OperationalCommands;

/**
 * {@code flowgate demo}: builds a small capture of clients and servers, replays it through the
 * factory-default configuration on the machine's SPUs, and shows what an operator would look at.
 */
final class Demo {
  private Demo() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    int spus = Runtime.getRuntime().availableProcessors();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--spus") && i + 1 < args.length) {
        spus = ReplayOptions.intValue("--spus", args[++i], 1, 64);
      } else {
        throw new Main.UsageException("demo takes only --spus N");
      }
    }
    Path capture;
    try {
      Path dir = Files.createTempDirectory("flowgate-demo");
      capture = DemoCapture.write(dir.resolve("demo.pcap"));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the demo capture", e);
    }
    out.println("Flowgate demo: replaying " + capture + " (built by Flowgate: HTTP, DNS, SSH, ICMP,");
    out.println("TLS, a refused port, IPv6 and an unanswered NTP request) through the factory-default");
    out.println("configuration on " + spus + " SPU" + (spus == 1 ? "" : "s") + ".");
    out.println();
    try (FlowEngine engine = new FlowEngine(FactoryDefault.config(), spus)) {
      ReplayReport report = engine.replay(List.of(capture), -1);
      Replay.reportProblems(report, err);
      OperationalCommands commands = new OperationalCommands(engine);
      show(out, commands, "show security flow session summary",
          "How many sessions the table holds when the capture ends, 40 s after its first packet:");
      show(out, commands, "show security flow session",
          "Every session with its two wings (In as received, Out the expected reply):");
      long ssh = engine.sessions(SessionFilter.ALL).stream().flatMap(List::stream)
          .filter(s -> s.forward().destinationPort() == 22)
          .mapToLong(SessionSnapshot::sessionId).findFirst().orElse(1);
      show(out, commands, "show security flow session session-identifier " + ssh,
          "One session in detail: the SSH session, still open:");
      return report.ok() ? 0 : Replay.CAPTURE_ERROR;
    }
  }

  private static void show(PrintStream out, OperationalCommands commands, String command, String why) {
    out.println("# " + why);
    out.println("flowgate> " + command);
    out.print(commands.execute(command));
    out.println();
  }
}
