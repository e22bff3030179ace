package org.flowgate.server;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.control.ReplayReport;
import org.flowgate.mgmt.cli.InteractiveCli;
import org.flowgate.mgmt.command.OperationalCommands;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** {@code flowgate cli}: replay captures, then open the interactive CLI on this terminal. */
final class Cli {
  private Cli() {}

  static int run(ReplayOptions options, PrintStream out, PrintStream err) {
    var config = Replay.config(options, err);
    if (config == null) {
      return ConfigFiles.CONFIG_ERROR;
    }
    try (FlowEngine engine = new FlowEngine(config, options.spus())) {
      long atNs = options.atSeconds() < 0 ? -1 : Math.round(options.atSeconds() * 1e9);
      ReplayReport report = engine.replay(options.captures(), atNs);
      Replay.reportProblems(report, err);
      out.println("Replayed " + report.packets() + " packets; type ? for help, exit to leave.");
      open(engine, System.getProperty("user.name", "root"));
      return report.ok() ? 0 : Replay.CAPTURE_ERROR;
    }
  }

  static void open(FlowEngine engine, String user) {
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      new InteractiveCli(new OperationalCommands(engine), user, engine.config().hostName()).run(terminal);
    } catch (IOException e) {
      throw new UncheckedIOException("could not open the terminal", e);
    }
  }
}
