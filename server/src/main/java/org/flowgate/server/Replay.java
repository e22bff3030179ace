package org.flowgate.server;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flowgate.config.compile.CompileResult;
import org.flowgate.config.compile.SessionLogSettings;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.flow.SessionEvents;
import org.flowgate.dataplane.replay.ReplayReport;
import org.flowgate.dataplane.replay.TimeJump;
import org.flowgate.dataplane.replay.TimedCommit;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.flowgate.dataplane.runtime.FlowSettings;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.zone.FirewallInterface;
import org.flowgate.dataplane.zone.IngressMap;
import org.flowgate.mgmt.command.LoadedConfiguration;
import org.flowgate.mgmt.command.OperationalCommands;
import org.flowgate.mgmt.log.PacketTracing;

/** {@code flowgate replay}: captures in, the session table out. */
final class Replay {
  /** A {@code -c} command was refused as a syntax error; the others still ran. */
  static final int COMMAND_ERROR = 1;

  /** A capture could not be opened, was corrupt, or held no frame Flowgate decodes. */
  static final int CAPTURE_ERROR = 3;

  private Replay() {}

  static int run(ReplayOptions options, PrintStream out, PrintStream err) {
    StartupTrace.mark("replay options parsed");
    checkOutputs(options);
    Loaded loaded = config(options, err);
    StartupTrace.mark("configuration");
    if (loaded == null) {
      return ConfigFiles.CONFIG_ERROR;
    }
    List<TimedCommit> commits = commits(options, err);
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
            traced(
                new FlowEngine(
                    loaded.config(),
                    options.spus(),
                    logging == null ? SessionEvents.NONE : logging.listener(),
                    options.platform()));
        PacketTracing tracing = PacketTracing.start(engine, options.logDirectory())) {
      StartupTrace.mark("packet tracing ready");
      int status = replay(engine, options, commits, err);
      StartupTrace.mark("replayed");
      tracing.awaitIdle(TRACE_DRAIN_MS); // show log must see every traced packet of the replay
      if (logging != null) {
        logging.awaitWritten(TRACE_DRAIN_MS); // and every line the session logger writes
      }
      OperationalCommands commands =
          new OperationalCommands(engine, loaded.configuration())
              .logDirectory(options.logDirectory());
      boolean refused = false;
      for (String command : options.commands()) {
        refused |= !commands.execute(command, out);
      }
      StartupTrace.mark("commands answered");
      return status != 0 ? status : refused ? COMMAND_ERROR : 0;
    } finally {
      if (logging != null) {
        logging.close(err);
      }
    }
  }

  private static FlowEngine traced(FlowEngine engine) {
    StartupTrace.mark("engine built");
    return engine;
  }

  /** How long a replay waits for its traced packets to reach the trace file. */
  static final long TRACE_DRAIN_MS = 30_000;

  /**
   * Replays the captures into {@code engine} as the options say ({@code --at}, {@code --commit-at},
   * {@code --write}) and says on {@code err} what went wrong or was unusual; returns 0, or {@link
   * #CAPTURE_ERROR}. {@code replay} and {@code cli} both replay through here.
   */
  static int replay(
      FlowEngine engine, ReplayOptions options, List<TimedCommit> commits, PrintStream err) {
    long atNs = options.atSeconds() < 0 ? -1 : Math.round(options.atSeconds() * 1e9);
    ReplayReport report;
    if (options.writeFile() == null) {
      report = engine.replay(options.captures(), atNs, commits);
    } else {
      try {
        report = engine.replay(options.captures(), atNs, commits, options.writeFile());
      } catch (java.io.IOException | java.io.UncheckedIOException e) {
        err.println(
            "flowgate: cannot write forwarded packets to "
                + options.writeFile().toAbsolutePath()
                + ": "
                + e.getMessage());
        return CAPTURE_ERROR;
      }
    }
    reportProblems(report, err);
    if (report.endsAfterLastPacket()) {
      err.printf(
          java.util.Locale.ROOT,
          "flowgate: warning: --at %s s is after the last packet (%.3f s after the first): the"
              + " table is shown as it stands at %s s%n",
          seconds(options.atSeconds()),
          (report.lastPacketNs() - report.firstTimestampNs()) / 1e9,
          seconds(options.atSeconds()));
    }
    return report.ok() ? 0 : CAPTURE_ERROR;
  }

  private static String seconds(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? String.valueOf((long) value)
        : String.valueOf(value);
  }

  /**
   * Refuses, before anything is replayed, an output that would destroy an input or cannot be
   * written: {@code --write} onto a capture being replayed (the same file by any name or link), or
   * into a directory that does not exist; a {@code --session-log} file that cannot be opened.
   */
  static void checkOutputs(ReplayOptions options) {
    Path write = options.writeFile();
    if (write != null) {
      Path target = write.toAbsolutePath().normalize();
      if (Files.isDirectory(target)) {
        throw new Main.Refused("--write " + target + " is a directory, not a file");
      }
      for (Path capture : options.captures()) {
        if (sameFile(target, capture)) {
          throw new Main.Refused(
              "--write "
                  + target
                  + " is the capture "
                  + capture.toAbsolutePath().normalize()
                  + " being replayed: refusing to overwrite it");
        }
      }
      Path directory = target.getParent();
      if (directory == null || !Files.isDirectory(directory)) {
        throw new Main.Refused(
            "--write " + target + ": the directory " + directory + " does not exist");
      }
      if (!Files.isWritable(directory)) {
        throw new Main.Refused(
            "--write " + target + ": the directory " + directory + " is not writable");
      }
    }
    if (options.sessionLogFile() != null) {
      String problem = SessionLogging.cannotWrite(options.sessionLogFile());
      if (problem != null) {
        throw new Main.Refused("--session-log " + problem);
      }
    }
  }

  /** True when both paths name one existing file (by its file key: links, other names). */
  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    } catch (java.io.IOException e) {
      return false;
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
      Path file = capture.file().toAbsolutePath().normalize();
      if (capture.openError() != null) {
        err.println("flowgate: " + capture.openError());
        continue;
      }
      if (capture.nothingDecoded()) {
        err.println(
            "flowgate: "
                + file
                + ": no frame could be decoded: its "
                + capture.records()
                + " records are of link type "
                + LinkType.name(capture.undecodedLinkType())
                + ", which Flowgate does not decode");
      } else if (capture.undecodedRecords() > 0) {
        err.println(
            "flowgate: warning: "
                + file
                + ": "
                + capture.undecodedRecords()
                + " of its "
                + capture.records()
                + " records are of a link type Flowgate does not decode ("
                + LinkType.name(capture.undecodedLinkType())
                + ") and were dropped (unsupported link type)");
      }
      if (capture.error() != null) {
        err.println(
            "flowgate: "
                + capture.error()
                + " ("
                + capture.records()
                + " records before it were replayed)");
      }
    }
    for (TimeJump jump : report.timeJumps()) {
      err.println("flowgate: warning: " + jump);
    }
    if (report.timeJumpCount() > report.timeJumps().size()) {
      err.println(
          "flowgate: warning: "
              + (report.timeJumpCount() - report.timeJumps().size())
              + " more places where time jumps are not listed");
    }
    if (report.outOfOrderRecords() > 0) {
      err.println(
          "flowgate: warning: "
              + report.outOfOrderRecords()
              + " records were up to 60 s older than a record before them and were replayed at"
              + " its time");
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
