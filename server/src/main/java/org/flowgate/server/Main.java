package org.flowgate.server;

import java.io.PrintStream;
import java.util.Arrays;

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
                  diagnostic; exit 1 when it has errors
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
        bench     [--sessions N] [--packets N] [--spus N] [--nat none|pool]
                  end-to-end load generator: first path, fast path, replay through the SPUs
      """;

  public static void main(String[] args) {
    int status;
    try {
      status = run(args, System.out, System.err);
    } catch (UsageException e) {
      System.err.println("flowgate: " + e.getMessage());
      System.err.print(USAGE);
      status = 2;
    } catch (RuntimeException e) {
      System.err.println("flowgate: " + e);
      status = 1;
    }
    System.exit(status);
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      throw new UsageException("missing command");
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    return switch (args[0]) {
      case "demo" -> Demo.run(rest, out, err);
      case "replay" -> Replay.run(ReplayOptions.parse(rest), out, err);
      case "cli" -> Cli.run(ReplayOptions.parse(rest), out, err);
      case "check" -> ConfigFiles.check(rest, out, err);
      case "bench" -> LoadGenerator.run(rest, out, err);
      case "help", "--help", "-h" -> {
        out.print(USAGE);
        yield 0;
      }
      default -> throw new UsageException("unknown command '" + args[0] + "'");
    };
  }

  /** A mistake in the command line; reported with the usage text. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }
}
