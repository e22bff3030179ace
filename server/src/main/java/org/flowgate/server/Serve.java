package org.flowgate.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.flowgate.config.compile.CompileResult;
import org.flowgate.config.compile.SessionLogSettings;
import org.flowgate.config.text.Diagnostic;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.control.LiveForwarding;
import org.flowgate.dataplane.control.LivePort;
import org.flowgate.dataplane.flow.SessionEvents;
import org.flowgate.dataplane.live.LiveDevice;
import org.flowgate.dataplane.live.LiveHost;
import org.flowgate.dataplane.live.NetDevice;
import org.flowgate.dataplane.live.RxRing;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.zone.FirewallInterface;
import org.flowgate.dataplane.zone.IngressMap;
import org.flowgate.mgmt.device.DeviceServer;

/**
 * {@code flowgate serve}: a long-running device holding the engine, reachable over SSH (CLI and
 * NETCONF), the NETCONF port and a Prometheus endpoint, forwarding the traffic of Linux devices
 * attached to its interfaces ({@code --attach ge-0/0/0=veth0}, ADR 0026) or with captures replayed
 * into it in real or scaled time. SIGTERM (or Ctrl-C) stops it cleanly; the state directory keeps
 * the host key, the committed configuration and its rollback history.
 *
 * <p>Thread: the main thread starts the device and waits; the shutdown hook stops it.
 */
final class Serve {
  private Serve() {}

  record Options(
      Path configFile,
      Path stateDirectory,
      String address,
      int sshPort,
      int netconfPort,
      int metricsPort,
      int spus,
      int maximumSessions,
      List<Path> replays,
      List<Double> speeds,
      List<LiveDevice.Attachment> attachments,
      Path capture,
      Path sessionLog,
      RxRing.Layout rxRing) {}

  static Options parse(String[] args) {
    Path config = null;
    Path state = Path.of("var", "flowgate");
    String address = "127.0.0.1";
    int ssh = 2222;
    int netconf = 2830;
    int metrics = -1;
    int spus = 2;
    int maximum = 1 << 20;
    List<Path> replays = new ArrayList<>();
    List<Double> speeds = new ArrayList<>();
    List<LiveDevice.Attachment> attachments = new ArrayList<>();
    Path capture = null;
    Path sessionLog = null;
    RxRing.Layout rxRing = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--config" -> config = Path.of(value(args, ++i, arg));
        case "--state" -> state = Path.of(value(args, ++i, arg));
        case "--address" -> address = value(args, ++i, arg);
        case "--ssh-port" -> ssh = port(arg, value(args, ++i, arg), false);
        case "--netconf-port" -> netconf = port(arg, value(args, ++i, arg), true);
        case "--metrics-port" -> metrics = port(arg, value(args, ++i, arg), true);
        case "--spus" -> spus = number(arg, value(args, ++i, arg), 1, 64);
        case "--max-sessions" -> maximum = number(arg, value(args, ++i, arg), 1, 1 << 30);
        case "--replay" -> {
          replays.add(Path.of(value(args, ++i, arg)));
          speeds.add(0.0);
        }
        case "--speed" -> {
          if (replays.isEmpty()) {
            throw new Main.UsageException("--speed follows the --replay it applies to");
          }
          double speed;
          try {
            speed = Double.parseDouble(value(args, ++i, arg));
          } catch (NumberFormatException e) {
            speed = -1;
          }
          if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new Main.UsageException("--speed must be a number >= 0 (0: as fast as possible)");
          }
          speeds.set(speeds.size() - 1, speed);
        }
        case "--attach" -> {
          try {
            attachments.add(LiveDevice.Attachment.parse(value(args, ++i, arg)));
          } catch (IllegalArgumentException e) {
            throw new Main.UsageException(e.getMessage());
          }
        }
        case "--capture" -> capture = Path.of(value(args, ++i, arg));
        case "--session-log" -> sessionLog = Path.of(value(args, ++i, arg));
        case "--rx-ring" ->
            rxRing =
                switch (value(args, ++i, arg)) {
                  case "v2" -> RxRing.Layout.FRAMES;
                  case "v3" -> RxRing.Layout.BLOCKS;
                  default ->
                      throw new Main.UsageException(
                          "--rx-ring takes v2 (TPACKET_V2, a frame at a time: low latency) or v3"
                              + " (TPACKET_V3, blocks retired after 1 ms)");
                };
        default -> throw new Main.UsageException("unknown serve option '" + arg + "'");
      }
    }
    if (!attachments.isEmpty() && !replays.isEmpty()) {
      throw new Main.UsageException(
          "--replay and --attach feed the same SPUs: a device forwards live traffic or replays");
    }
    if (rxRing != null && attachments.isEmpty()) {
      throw new Main.UsageException(
          "--rx-ring chooses the rings of live interfaces: it needs --attach");
    }
    if (capture != null && attachments.isEmpty()) {
      throw new Main.UsageException(
          "--capture writes what live interfaces carry: it needs --attach");
    }
    return new Options(
        config,
        state,
        address,
        ssh,
        netconf,
        metrics,
        spus,
        maximum,
        replays,
        speeds,
        List.copyOf(attachments),
        capture,
        sessionLog,
        rxRing == null ? LiveDevice.DEFAULT_LAYOUT : rxRing);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new Main.UsageException(option + " needs a value");
    }
    return args[i];
  }

  private static int port(String option, String text, boolean off) {
    return number(option, text, off ? -1 : 0, 65535);
  }

  private static int number(String option, String text, int minimum, int maximum) {
    try {
      int value = Integer.parseInt(text);
      if (value < minimum || value > maximum) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new Main.UsageException(option + " must be " + minimum + " to " + maximum);
    }
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    Options options = parse(args);
    String initial = null;
    if (options.configFile() != null) {
      try {
        initial = Files.readString(options.configFile(), StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException e) {
        err.println("flowgate: cannot read " + options.configFile() + ": " + e.getMessage());
        return ConfigFiles.CONFIG_ERROR;
      }
    }
    Path securityLog = options.stateDirectory().resolve("log").resolve("messages");
    if (options.sessionLog() != null) {
      String problem = SessionLogging.cannotWrite(options.sessionLog());
      if (problem != null) {
        err.println("flowgate: cannot write the session log " + problem);
        return 1;
      }
    }
    // RT_FLOW lines are judged by the generation running when the session starts or ends
    AtomicReference<DeviceServer> running = new AtomicReference<>();
    SessionLogging logging =
        options.sessionLog() == null
            ? null
            : SessionLogging.start(
                () -> running.get() == null ? null : running.get().device().engine().config(),
                SessionLogSettings.NONE,
                options.sessionLog(),
                options.stateDirectory().resolve("log"),
                options.spus(),
                err);
    DeviceServer.Settings settings =
        new DeviceServer.Settings(
            options.stateDirectory(),
            initial,
            options.configFile() == null ? null : options.configFile().toString(),
            options.address(),
            options.sshPort(),
            options.netconfPort(),
            options.metricsPort(),
            options.spus(),
            withAttachments(
                FactoryDefault.config().withMaximumSessions(options.maximumSessions()),
                options.attachments(),
                Map.of()),
            result -> generation(result, options.maximumSessions(), options.attachments()),
            line -> log(securityLog, line));
    DeviceServer server;
    try {
      Files.createDirectories(securityLog.getParent());
      server =
          DeviceServer.start(
              settings,
              new FlowEngine(
                  settings.factoryDefault(),
                  settings.spus(),
                  logging == null ? SessionEvents.NONE : logging.listener()));
      running.set(server);
    } catch (DeviceServer.ConfigurationException e) {
      for (Diagnostic diagnostic : e.diagnostics()) {
        err.println(diagnostic);
      }
      err.println("flowgate: the configuration has errors; not serving");
      closeLogging(logging, err);
      return ConfigFiles.CONFIG_ERROR;
    } catch (IOException e) {
      err.println("flowgate: cannot serve: " + e.getMessage());
      closeLogging(logging, err);
      return 1;
    }
    if (!options.attachments().isEmpty()) {
      try {
        LiveForwarding live =
            server
                .device()
                .engine()
                .attach(options.attachments(), options.capture(), options.rxRing());
        for (LivePort port : live.ports()) {
          out.println(
              "flowgate: "
                  + port.interfaceName()
                  + " is "
                  + port.deviceName()
                  + " ("
                  + NetDevice.macText(port.mac())
                  + ", MTU "
                  + port.mtuBytes()
                  + ")"
                  + (server.device().engine().config().interfaceNamed(port.interfaceName()) == null
                      ? ": not in the configuration, its traffic is routed by its source"
                      : ""));
        }
        for (String warning : LiveHost.warnings(options.attachments())) {
          out.println("flowgate: warning: " + warning);
        }
      } catch (IOException | RuntimeException e) {
        err.println("flowgate: cannot attach: " + e.getMessage());
        server.close();
        closeLogging(logging, err);
        return 1;
      }
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              LiveForwarding live = server.device().engine().live();
              if (live != null) {
                report(live, out);
              }
              server.close();
              closeLogging(logging, err);
              stopped.countDown();
            },
            "flowgate-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    out.println(
        "flowgate: serving "
            + server.device().hostName()
            + ": ssh "
            + options.address()
            + ":"
            + server.sshPort()
            + (server.netconfPort() >= 0
                ? ", netconf " + options.address() + ":" + server.netconfPort()
                : "")
            + (server.metricsPort() >= 0
                ? ", metrics http://" + options.address() + ":" + server.metricsPort() + "/metrics"
                : "")
            + "; state in "
            + options.stateDirectory());
    if (server.device().accounts().isEmpty()) {
      out.println(
          """
          flowgate: no login user is configured, so every login is refused. Add one to the
          configuration (--config FILE, or the state directory's config/juniper.conf), e.g.
            set system login user admin class super-user authentication encrypted-password "HASH"
          with HASH from `openssl passwd -6`, or an SSH key:
            set system login user admin class super-user authentication ssh-ed25519 "ssh-ed25519 AAAA..."
          and restart.""");
    }
    for (int i = 0; i < options.replays().size(); i++) {
      server.device().replays().submit(options.replays().get(i), options.speeds().get(i));
    }
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** What the live ports carried and every counter that is not zero, as serve stops. */
  private static void report(LiveForwarding live, PrintStream out) {
    for (LivePort port : live.ports()) {
      out.println(
          "flowgate: "
              + port.interfaceName()
              + " ("
              + port.deviceName()
              + "): received "
              + port.framesReceived()
              + " frames, sent "
              + port.framesSent()
              + ", dropped by the kernel (receive ring full) "
              + port.kernelDrops());
    }
    live.counters()
        .forEach(
            (name, count) -> {
              if (count != 0) {
                out.println("flowgate: " + name + ": " + count);
              }
            });
    out.flush();
  }

  private static void closeLogging(SessionLogging logging, PrintStream err) {
    if (logging != null) {
      logging.close(err);
    }
  }

  /** The generation to run for a compiled configuration: the serve options on top. */
  static RuntimeConfig generation(CompileResult result, int maximumSessions) {
    return generation(result, maximumSessions, List.of());
  }

  /**
   * The generation to run for a compiled configuration: the serve options on top, frames of each
   * attached device coming in on its interface's unit 0.
   */
  static RuntimeConfig generation(
      CompileResult result, int maximumSessions, List<LiveDevice.Attachment> attachments) {
    RuntimeConfig base = result.config();
    Map<Integer, Integer> byVlan = new HashMap<>();
    result
        .vlanInterfaces()
        .forEach(
            (vlan, name) -> {
              FirewallInterface found = base.interfaceNamed(name);
              if (found != null) {
                byVlan.put(vlan, found.index());
              }
            });
    return withAttachments(base, attachments, byVlan).withMaximumSessions(maximumSessions);
  }

  /** Port k's frames (capture interface k) come in on its interface's unit 0. */
  private static RuntimeConfig withAttachments(
      RuntimeConfig base, List<LiveDevice.Attachment> attachments, Map<Integer, Integer> byVlan) {
    Map<Integer, Integer> byPort = new HashMap<>();
    for (int port = 0; port < attachments.size(); port++) {
      String name = attachments.get(port).interfaceName();
      FirewallInterface found = base.interfaceNamed(name.contains(".") ? name : name + ".0");
      if (found != null) {
        byPort.put(port, found.index());
      }
    }
    return base.withIngress(new IngressMap(byPort, byVlan, Map.of()));
  }

  private static synchronized void log(Path file, String line) {
    try {
      Files.writeString(
          file,
          Instant.now() + " " + line + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      System.err.println("flowgate: " + line);
    }
  }
}
