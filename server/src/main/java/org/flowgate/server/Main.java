package org.flowgate.server;

import java.io.PrintStream;
import java.util.Arrays;
import org.flowgate.dataplane.session.SessionMemory;
import org.flowgate.dataplane.session.SessionTable;

/**
 * The {@code flowgate} launcher: {@code demo}, {@code check}, {@code replay} and {@code bench}.
 * Prints a usage error and exits 2 on bad arguments; no stack trace reaches the user.
 */
public final class Main {
  private Main() {}

  static final String USAGE =
      """
      usage: flowgate COMMAND [OPTIONS]

        demo      replay a capture Flowgate builds itself through the factory-default
                  configuration and walk through the session table
        check     FILE
                  load a Junos configuration (hierarchical or set form) and print every
                  diagnostic; exit 2 when it has errors
        replay    [--config FILE] [--session-log FILE] [--log-dir DIR] [--spus N] [--at SECONDS]
                  [--model vsrx|srx5800] [--max-sessions N] [--no-syn-check]
                  [--no-sequence-check] [--timeout PROTOCOL=SECONDS]...
                  [--map-interface CAPTURE-IF=IFNAME] [--map-vlan VLAN=IFNAME] [--map-mac MAC=IFNAME]
                  [--commit-at SECONDS=FILE]... [--write FILE] CAPTURE... [-c COMMAND]...
                  replay captures on their own timestamps, then print each command's output
                  (default: show security flow session); --config replays through a Junos
                  configuration instead of the factory default (exit 2 when it has errors);
                  RT_FLOW session logs go where the configuration sends them (system syslog
                  file NAME: DIR/NAME, default var/log/NAME) and to --session-log FILE;
                  --write saves every forwarded packet, NAT-translated, to a capture;
                  --model chooses the device the views show (vsrx: one table whatever
                  --spus is; srx5800: each SPU in its own FPC/PIC block)
        cli       [the replay options] CAPTURE...
                  replay the captures, then open the interactive CLI (? for help, TAB completes)
        serve     [--config FILE] [--state DIR] [--address ADDR] [--ssh-port N] [--netconf-port N]
                  [--metrics-port N] [--spus N] [--max-sessions N] [--replay CAPTURE [--speed X]]...
                  [--attach INTERFACE=DEVICE]... [--rx-ring v2|v3] [--capture FILE]
                  [--session-log FILE]
                  a long-running device: the CLI and NETCONF over SSH (default 127.0.0.1:2222),
                  NETCONF on its own port (2830), Prometheus metrics (off unless a port is given);
                  captures replay into it in real (--speed 1) or scaled time, or it forwards
                  between Linux devices (--attach ge-0/0/0=veth0, as root; --rx-ring v3 takes
                  frames in 1 ms blocks instead of one at a time; --capture writes what
                  they received and sent, for replay); --session-log FILE appends RT_FLOW
                  session logs as policies ask (log session-init/close); SIGTERM stops it;
                  DIR (default var/flowgate) keeps host key, configuration and rollbacks
        bench     [--sessions N] [--packets N] [--spus N] [--nat none|pool]
                  end-to-end load generator: first path, fast path, replay through the SPUs
        soak      [--seconds S | --passes N] [--flows N] [--pass-seconds S] [--speed X] [--spus N]
                  [--max-sessions N] [--timeout S] [--commit-every S] [--sample-every S]
                  [--syslog HOST:PORT] [--dir DIR]
                  loop one capture through the engine with a commit every S seconds and every
                  session logged over TCP syslog; sample memory, sessions and log lines; fail
                  when a session or a log line is lost (tools/soak.sh runs the 30-minute soak)
      """;

  public static void main(String[] args) {
    StartupTrace.mark("main");
    int status;
    try {
      status = run(args, System.out, System.err);
    } catch (UsageException e) {
      System.err.println("flowgate: " + e.getMessage());
      System.err.print(USAGE);
      status = 2;
    } catch (Refused e) {
      System.err.println("flowgate: " + e.getMessage());
      status = 2;
    } catch (
        org.flowgate.dataplane.control.EngineStoppedException e) { // the engine closed under it
      System.err.println("error: " + e.getMessage());
      status = 1;
    } catch (RuntimeException e) {
      System.err.println("flowgate: " + e);
      status = 1;
    }
    StartupTrace.mark("exit");
    System.exit(status);
  }

  /** The commands that build a flow engine, whose session tables need native memory calls. */
  private static final java.util.Set<String> BUILDS_AN_ENGINE =
      java.util.Set.of("demo", "replay", "cli", "serve", "bench");

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      throw new UsageException("missing command");
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    if (BUILDS_AN_ENGINE.contains(args[0])) {
      // overlaps the first native link (about 0.1 s) with reading options and configuration
      Thread.ofPlatform().daemon().name("prepare-memory").start(SessionTable::prepareMemory);
    }
    try {
      return command(args[0], rest, out, err);
    } catch (SessionMemory.TooLarge e) {
      throw new Refused(
          (args[0].equals("bench") ? "--sessions" : "--max-sessions") + ": " + e.getMessage());
    }
  }

  private static int command(String name, String[] rest, PrintStream out, PrintStream err) {
    return switch (name) {
      case "demo" -> Demo.run(rest, out, err);
      case "replay" -> Replay.run(ReplayOptions.parse(rest), out, err);
      case "cli" -> Cli.run(ReplayOptions.parse(rest), out, err);
      case "serve" -> Serve.run(rest, out, err);
      case "check" -> ConfigFiles.check(rest, out, err);
      case "bench" -> LoadGenerator.run(rest, out, err);
      case "soak" -> Soak.run(rest, out, err);
      case "help", "--help", "-h" -> {
        out.print(USAGE);
        yield 0;
      }
      default -> throw new UsageException("unknown command '" + name + "'");
    };
  }

  /**
   * Arguments that are well formed but cannot be carried out (an output that would overwrite an
   * input, a file that cannot be written): reported without the usage text, exit 2, before anything
   * is replayed.
   */
  static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }

  /** A mistake in the command line; reported with the usage text. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }
}
