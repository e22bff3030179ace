package org.flowgate.server;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flowgate.config.compile.CompileResult;
import org.flowgate.config.compile.SessionLogSettings;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.flow.SessionEvents;
import org.flowgate.dataplane.replay.ReplayReport;
import org.flowgate.dataplane.replay.TimedCommit;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.flowgate.dataplane.runtime.FlowSettings;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.zone.FirewallInterface;
import org.flowgate.dataplane.zone.IngressMap;
import org.flowgate.mgmt.command.LoadedConfiguration;
import org.flowgate.mgmt.command.OperationalCommands;

/** {@code flowgate replay}: captures in, the session table out. */
final class Replay {
  static final int CAPTURE_ERROR = 3;

  private Replay() {}

  static int run(ReplayOptions options, PrintStream out, PrintStream err) {
    Loaded loaded = config(options, err);
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
            logging == null ? SessionEvents.NONE : logging.listener(),
            options.platform())) {
      long atNs = options.atSeconds() < 0 ? -1 : Math.round(options.atSeconds() * 1e9);
      List<TimedCommit> commits = commits(options, err);
      if (commits == null) {
        return ConfigFiles.CONFIG_ERROR;
      }
      ReplayReport report;
      if (options.writeFile() == null) {
        report = engine.replay(options.captures(), atNs, commits);
      } else {
        try {
          report = engine.replay(options.captures(), atNs, commits, options.writeFile());
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
          err.println(
              "flowgate: cannot write forwarded packets to "
                  + options.writeFile()
                  + ": "
                  + e.getMessage());
          return CAPTURE_ERROR;
        }
      }
      reportProblems(report, err);
      OperationalCommands commands = new OperationalCommands(engine, loaded.configuration());
      for (String command : options.commands()) {
        commands.execute(command, out);
      }
      return report.ok() ? 0 : CAPTURE_ERROR;
    } finally {
      if (logging != null) {
        logging.close();
      }
    }
  }

  /**
   * The {@code --commit-at} generations, each compiled with the command line's options on top; null
   * (after printing every diagnostic) when one cannot be read or has errors.
   */
  static List<TimedCommit> commits(ReplayOptions options, PrintStream err) {
    List<TimedCommit> commits = new java.util.ArrayList<>();
    for (ReplayOptions.Commit commit : options.commits()) {
      CompileResult loaded = ConfigFiles.load(commit.file(), err);
      if (loaded == null) {
        return null;
      }
      if (!loaded.ok()) {
        ConfigFiles.print(loaded, err);
        err.println("flowgate: configuration " + commit.file() + " has errors; nothing replayed");
        return null;
      }
      commits.add(
          new TimedCommit(
              Math.round(commit.afterSeconds() * 1e9),
              configFor(options, loaded.config(), loaded.vlanInterfaces())));
    }
    return commits;
  }

  /**
   * A configuration to replay through, where its session logs go, and its text as parsed (null for
   * the factory default).
   */
  record Loaded(
      RuntimeConfig config, SessionLogSettings sessionLog, LoadedConfiguration configuration) {}

  /**
   * The configuration to replay through: the {@code --config} file compiled, or the factory
   * default, with the command line's options on top. Null (after printing every diagnostic) when
   * the file cannot be read or has errors.
   */
  static Loaded config(ReplayOptions options, PrintStream err) {
    RuntimeConfig base = FactoryDefault.config();
    Map<Integer, String> configVlans = Map.of();
    SessionLogSettings sessionLog = SessionLogSettings.NONE;
    LoadedConfiguration text = null;
    if (options.configFile() != null) {
      ConfigFiles.Loaded file = ConfigFiles.read(options.configFile(), err);
      if (file == null) {
        return null;
      }
      CompileResult loaded = file.result();
      text = file.configuration();
      if (!loaded.ok()) {
        ConfigFiles.print(loaded, err);
        err.println(
            "flowgate: configuration " + options.configFile() + " has errors; nothing replayed");
        return null;
      }
      base = loaded.config();
      configVlans = loaded.vlanInterfaces();
      sessionLog = loaded.sessionLog();
    }
    return new Loaded(configFor(options, base, configVlans), sessionLog, text);
  }

  static void reportProblems(ReplayReport report, PrintStream err) {
    for (ReplayReport.CaptureReport capture : report.captures()) {
      if (capture.openError() != null) {
        err.println("flowgate: " + capture.openError());
      } else if (capture.error() != null) {
        err.println(
            "flowgate: "
                + capture.error()
                + " ("
                + capture.records()
                + " records before it were replayed)");
      }
    }
  }

  static RuntimeConfig configFor(ReplayOptions options) {
    return configFor(options, FactoryDefault.config(), Map.of());
  }

  /**
   * The command line's knobs on top of a configuration: {@code --no-syn-check} and {@code
   * --no-sequence-check} turn checks off (never back on), {@code --timeout} replaces the protocol
   * timeouts it names, and the {@code --map-*} options add to (and win over) the VLAN mapping the
   * configuration's {@code vlan-id}s give.
   */
  static RuntimeConfig configFor(
      ReplayOptions options, RuntimeConfig base, Map<Integer, String> configVlans) {
    FlowSettings settings =
        base.settings()
            .withSynCheck(base.settings().synCheck() && options.synCheck())
            .withSequenceCheck(base.settings().sequenceCheck() && options.sequenceCheck());
    Map<Integer, Integer> t = options.timeoutsByProtocol();
    settings =
        settings.withTimeouts(
            t.getOrDefault(6, settings.tcpTimeoutSeconds()),
            t.getOrDefault(17, settings.udpTimeoutSeconds()),
            t.getOrDefault(1, t.getOrDefault(58, settings.icmpTimeoutSeconds())),
            t.getOrDefault(-1, settings.otherTimeoutSeconds()));
    Map<Integer, Integer> byCapture = new HashMap<>();
    options.captureInterfaceMap().forEach((k, v) -> byCapture.put(k, interfaceIndex(base, v)));
    Map<Integer, Integer> byVlan = new HashMap<>();
    configVlans.forEach((k, v) -> byVlan.put(k, interfaceIndex(base, v)));
    options.vlanMap().forEach((k, v) -> byVlan.put(k, interfaceIndex(base, v)));
    Map<Long, Integer> byMac = new HashMap<>();
    options.macMap().forEach((k, v) -> byMac.put(k, interfaceIndex(base, v)));
    return base.withSettings(settings)
        .withIngress(new IngressMap(byCapture, byVlan, byMac))
        .withMaximumSessions(options.maximumSessions());
  }

  private static int interfaceIndex(RuntimeConfig config, String name) {
    FirewallInterface found = config.interfaceNamed(name);
    if (found == null) {
      throw new Main.UsageException("no interface " + name + " in the configuration");
    }
    return found.index();
  }
}
