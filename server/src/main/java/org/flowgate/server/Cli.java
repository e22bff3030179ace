package org.flowgate.server;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.mgmt.cli.InteractiveCli;
import org.flowgate.mgmt.command.LoadedConfiguration;
import org.flowgate.mgmt.command.OperationalCommands;
import org.jline.terminal.TerminalBuilder;

/** {@code flowgate cli}: replay captures, then open the interactive CLI on this terminal. */
final class Cli {
  private Cli() {}

  static int run(ReplayOptions options, PrintStream out, PrintStream err) {
    Replay.checkOutputs(options);
    Replay.Loaded loaded = Replay.config(options, err);
    if (loaded == null) {
      return ConfigFiles.CONFIG_ERROR;
    }
    java.util.List<org.flowgate.dataplane.replay.TimedCommit> commits =
        Replay.commits(options, err);
    if (commits == null) {
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
                logging == null
                    ? org.flowgate.dataplane.flow.SessionEvents.NONE
                    : logging.listener(),
                options.platform());
        org.flowgate.mgmt.log.PacketTracing tracing =
            org.flowgate.mgmt.log.PacketTracing.start(engine, options.logDirectory())) {
      int status = Replay.replay(engine, options, commits, err);
      tracing.awaitIdle(Replay.TRACE_DRAIN_MS);
      if (logging != null) {
        logging.awaitWritten(Replay.TRACE_DRAIN_MS);
      }
      out.println(
          "Replayed "
              + engine.statistics().stream().mapToLong(s -> s.packetsReceived()).sum()
              + " packets; type ? for help, exit to leave.");
      terminal.open(
          engine,
          loaded.configuration(),
          System.getProperty("user.name", "root"),
          options.logDirectory());
      return status;
    } finally {
      if (logging != null) {
        logging.close(err);
      }
    }
  }

  /** Opens the interactive CLI over a replayed engine. */
  @FunctionalInterface
  interface Terminal {
    void open(
        FlowEngine engine,
        LoadedConfiguration configuration,
        String user,
        java.nio.file.Path logDirectory);
  }

  /**
   * The system terminal; tests put a stand-in here before {@link Main#run} and restore it after.
   * Thread: set and read by the thread that runs the command.
   */
  static Terminal terminal = Cli::open;

  /**
   * The interactive CLI over {@code engine}; {@code configuration} is its text, null for the
   * factory default.
   */
  static void open(
      FlowEngine engine,
      LoadedConfiguration configuration,
      String user,
      java.nio.file.Path logDirectory) {
    try (org.jline.terminal.Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      new InteractiveCli(
              new OperationalCommands(engine, configuration).logDirectory(logDirectory),
              user,
              engine.config().hostName())
          .run(terminal);
    } catch (IOException e) {
      throw new UncheckedIOException("could not open the terminal", e);
    }
  }
}
