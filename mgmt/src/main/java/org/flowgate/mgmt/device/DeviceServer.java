package org.flowgate.mgmt.device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;
import org.flowgate.config.compile.CompileResult;
import org.flowgate.config.text.Diagnostic;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.mgmt.configure.CommitHistory;
import org.flowgate.mgmt.configure.ConfigurationDatabase;
import org.flowgate.mgmt.metrics.DeviceMetrics;
import org.flowgate.mgmt.netconf.GrammarRpcs;
import org.flowgate.mgmt.netconf.NetconfServer;
import org.flowgate.mgmt.ssh.LoginGuard;
import org.flowgate.mgmt.ssh.SshService;

/**
 * A running device: the engine, the configuration database on the state directory, the SSH and
 * NETCONF servers and the metrics endpoint, started together and stopped together ({@link #close()}
 * stops everything it started, in reverse order, even after a partial start).
 *
 * <p>Thread: start and close from one thread.
 */
public final class DeviceServer implements AutoCloseable {
  /** What to start. Ports: 0 takes a free port, -1 starts nothing there. */
  public record Settings(
      Path stateDirectory,
      String initialConfiguration,
      String initialSource,
      String address,
      int sshPort,
      int netconfPort,
      int metricsPort,
      int spus,
      RuntimeConfig factoryDefault,
      Function<CompileResult, RuntimeConfig> finisher,
      Consumer<String> securityLog) {}

  /** The configuration in the state directory or the one given does not compile. */
  public static final class ConfigurationException extends Exception {
    private final List<Diagnostic> diagnostics;

    ConfigurationException(List<Diagnostic> diagnostics) {
      super("the configuration has errors");
      this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
      return diagnostics;
    }
  }

  private final FlowEngine engine;
  private final ReplayService replays;
  private final Device device;
  private final ScheduledExecutorService timer;
  private SshService ssh;
  private DeviceMetrics metrics;
  private org.flowgate.mgmt.log.PacketTracing tracing;

  private DeviceServer(FlowEngine engine) {
    this.engine = engine;
    this.replays = new ReplayService(engine);
    this.device = new Device(engine, replays);
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("commit-confirmed").daemon().unstarted(r));
  }

  public static DeviceServer start(Settings settings) throws IOException, ConfigurationException {
    return start(settings, new FlowEngine(settings.factoryDefault(), settings.spus()));
  }

  /**
   * As {@link #start(Settings)} with an engine the caller made (with its session-event listener,
   * say), running the settings' factory default on its SPUs; the server owns and closes it.
   */
  public static DeviceServer start(Settings settings, FlowEngine engine)
      throws IOException, ConfigurationException {
    DeviceServer server = new DeviceServer(engine);
    try {
      Files.createDirectories(settings.stateDirectory());
    } catch (IOException | RuntimeException e) {
      engine.close();
      throw e;
    }
    server.device.useLogDirectory(settings.stateDirectory().resolve("log"));
    server.tracing =
        org.flowgate.mgmt.log.PacketTracing.start(
            server.engine, settings.stateDirectory().resolve("log"));
    try {
      ConfigurationDatabase database =
          new ConfigurationDatabase(
              new CommitHistory(settings.stateDirectory()),
              settings.finisher(),
              server.device::committed,
              server.timer,
              Clock.systemUTC());
      server.device.attach(database);
      String initial = settings.initialConfiguration();
      String source = settings.initialSource();
      if (initial == null
          && !Files.exists(settings.stateDirectory().resolve("config").resolve("juniper.conf"))) {
        initial = factoryDefaultText(server.engine); // a first start: the factory default
        source = "factory-default";
      }
      List<Diagnostic> problems = database.start(initial, source, settings.factoryDefault());
      if (!problems.isEmpty()) {
        throw new ConfigurationException(problems);
      }
      NetconfServer netconf =
          new NetconfServer(server.device, new GrammarRpcs(server.device::commands));
      server.ssh =
          SshService.start(
              server.device,
              settings.stateDirectory(),
              new LoginGuard(Clock.systemUTC(), settings.securityLog()),
              netconf,
              settings.address(),
              settings.sshPort(),
              settings.netconfPort());
      if (settings.metricsPort() >= 0) {
        server.metrics =
            DeviceMetrics.start(server.engine, settings.address(), settings.metricsPort());
      }
      return server;
    } catch (IOException | ConfigurationException | RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /**
   * The factory default configuration as set commands (interfaces, zone trust, default routes,
   * default policy permit-all), as {@code show configuration | display set} prints it.
   */
  public static String factoryDefaultText() {
    try (FlowEngine engine =
        new FlowEngine(org.flowgate.dataplane.runtime.FactoryDefault.config(), 1)) {
      return factoryDefaultText(engine);
    }
  }

  private static String factoryDefaultText(FlowEngine engine) {
    StringBuilder text = new StringBuilder();
    new org.flowgate.mgmt.command.OperationalCommands(engine)
        .execute("show configuration | display set")
        .lines()
        .filter(line -> line.startsWith("set "))
        .forEach(line -> text.append(line).append('\n'));
    return text.toString();
  }

  public Device device() {
    return device;
  }

  public int sshPort() {
    return ssh.sshPort();
  }

  public int netconfPort() {
    return ssh.netconfPort();
  }

  /** SSH shells, exec requests and NETCONF sessions running now. */
  public int activeSshCommands() {
    return ssh.activeCommands();
  }

  /** The metrics port, or -1 without metrics. */
  public int metricsPort() {
    return metrics == null ? -1 : metrics.port();
  }

  @Override
  public void close() {
    if (metrics != null) {
      metrics.close();
    }
    if (ssh != null) {
      ssh.close();
    }
    replays.close();
    timer.shutdownNow();
    if (tracing != null) {
      tracing.close();
    }
    engine.close();
  }
}
