package org.flowgate.mgmt.device;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.flowgate.config.text.Diagnostic;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.flowgate.mgmt.auth.Accounts;
import org.flowgate.mgmt.cli.CliSession;
import org.flowgate.mgmt.configure.CommitHistory;
import org.flowgate.mgmt.configure.ConfigurationDatabase;

/** A device without sockets for tests: engine, database on a temporary state directory. */
final class TestDevice implements AutoCloseable {
  final FlowEngine engine = new FlowEngine(FactoryDefault.config(), 1);
  final ReplayService replays = new ReplayService(engine);
  final Device device = new Device(engine, replays);
  final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  final ConfigurationDatabase database;

  TestDevice(Path state, String configuration) throws IOException {
    database =
        new ConfigurationDatabase(
            new CommitHistory(state), r -> r.config(), device::committed, timer, Clock.systemUTC());
    device.attach(database);
    List<Diagnostic> problems = database.start(configuration, "test.conf", FactoryDefault.config());
    if (!problems.isEmpty()) {
      throw new IllegalStateException(problems.toString());
    }
  }

  /** A CLI for {@code user}, and a helper that runs lines and collects their output. */
  Cli cli(String user) {
    Accounts.Account account = device.accounts().account(user);
    if (account == null) {
      throw new IllegalArgumentException("no user " + user);
    }
    return new Cli(new DeviceCli(device, account, "test"));
  }

  /** Runs lines on one CLI session. */
  static final class Cli {
    final DeviceCli cli;
    CliSession.Prompter prompter = CliSession.NO_ONE;

    Cli(DeviceCli cli) {
      this.cli = cli;
    }

    String run(String line) {
      StringBuilder out = new StringBuilder();
      cli.run(line, out, prompter);
      return out.toString();
    }
  }

  @Override
  public void close() {
    replays.close();
    timer.shutdownNow();
    engine.close();
  }
}
