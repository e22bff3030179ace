package org.flowgate.server;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.replay.ReplayReport;
import org.flowgate.mgmt.cli.InteractiveCli;
import org.flowgate.mgmt.command.LoadedConfiguration;
import org.flowgate.mgmt.command.OperationalCommands;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** {@code flowgate cli}: replay captures, then open the interactive CLI on this terminal. */
final class Cli {
  private Cli() {}

  static int run(ReplayOptions options, PrintStream out, PrintStream err) {
    Replay.Loaded loaded = Replay.config(options, err);
    if (loaded == null) {
      return ConfigFiles.CONFIG_ERROR;
    }
    SessionLogging logging =
        SessionLogging.start(
            loaded.config(),
            loaded.sessionLog(),
            options.sessionLogFile(),
            options.logDirectory(),
            options.spus(),
            err);
    try (FlowEngine engine =
        new FlowEngine(
            loaded.config(),
            options.spus(),
            logging == null ? org.flowgate.dataplane.flow.SessionEvents.NONE : logging.listener(),
            options.platform())) {
      long atNs = options.atSeconds() < 0 ? -1 : Math.round(options.atSeconds() * 1e9);
      ReplayReport report = engine.replay(options.captures(), atNs);
      Replay.reportProblems(report, err);
      out.println("Replayed " + report.packets() + " packets; type ? for help, exit to leave.");
      open(engine, loaded.configuration(), System.getProperty("user.name", "root"));
      return report.ok() ? 0 : Replay.CAPTURE_ERROR;
    } finally {
      if (logging != null) {
        logging.close();
      }
    }
  }

  /**
   * The interactive CLI over {@code engine}; {@code configuration} is its text, null for the
   * factory default.
   */
  static void open(FlowEngine engine, LoadedConfiguration configuration, String user) {
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      new InteractiveCli(
              new OperationalCommands(engine, configuration), user, engine.config().hostName())
          .run(terminal);
    } catch (IOException e) {
      throw new UncheckedIOException("could not open the terminal", e);
    }
  }
}
