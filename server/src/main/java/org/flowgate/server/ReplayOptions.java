package org.flowgate.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowgate.dataplane.control.Platform;

/** The command line of {@code flowgate replay}. */
record ReplayOptions(
    Path configFile,
    Path sessionLogFile,
    Path logDirectory,
    List<Commit> commits,
    int spus,
    Platform platform,
    double atSeconds,
    long maximumSessions,
    boolean synCheck,
    boolean sequenceCheck,
    Map<Integer, Integer> timeoutsByProtocol,
    Map<Integer, String> captureInterfaceMap,
    Map<Integer, String> vlanMap,
    Map<Long, String> macMap,
    List<Path> captures,
    List<String> commands,
    Path writeFile) {

  static final String DEFAULT_COMMAND = "show security flow session";

  static ReplayOptions parse(String[] args) {
    Path configFile = null;
    Path sessionLogFile = null;
    Path logDirectory = SessionLogging.DEFAULT_LOG_DIRECTORY;
    List<Commit> commits = new ArrayList<>();
    int spus = Runtime.getRuntime().availableProcessors();
    Platform platform = Platform.VSRX;
    double at = -1;
    long maximumSessions = 1 << 20;
    boolean synCheck = true;
    boolean sequenceCheck = true;
    Map<Integer, Integer> timeouts = new LinkedHashMap<>();
    Map<Integer, String> captureInterfaces = new LinkedHashMap<>();
    Map<Integer, String> vlans = new LinkedHashMap<>();
    Map<Long, String> macs = new LinkedHashMap<>();
    List<Path> captures = new ArrayList<>();
    List<String> commands = new ArrayList<>();
    Path writeFile = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--config" -> configFile = Path.of(value(args, ++i, arg));
        case "--session-log" -> sessionLogFile = Path.of(value(args, ++i, arg));
        case "--write" -> writeFile = Path.of(value(args, ++i, arg));
        case "--log-dir" -> logDirectory = Path.of(value(args, ++i, arg));
        case "--commit-at" -> {
          String[] pair = pair(arg, value(args, ++i, arg));
          commits.add(new Commit(seconds(arg, pair[0]), Path.of(pair[1])));
        }
        case "--spus" -> spus = intValue(arg, value(args, ++i, arg), 1, 64);
        case "--model" -> platform = platform(value(args, ++i, arg));
        case "--at" -> at = seconds(arg, value(args, ++i, arg));
        case "--max-sessions" -> maximumSessions = intValue(arg, value(args, ++i, arg), 1, 1 << 30);
        case "--no-syn-check" -> synCheck = false;
        case "--no-sequence-check" -> sequenceCheck = false;
        case "--timeout" -> {
          String[] pair = pair(arg, value(args, ++i, arg));
          timeouts.put(protocol(pair[0]), intValue(arg, pair[1], 1, 86_400 * 365));
        }
        case "--map-interface" -> {
          String[] pair = pair(arg, value(args, ++i, arg));
          captureInterfaces.put(intValue(arg, pair[0], 0, 65_535), pair[1]);
        }
        case "--map-vlan" -> {
          String[] pair = pair(arg, value(args, ++i, arg));
          vlans.put(intValue(arg, pair[0], 0, 4095), pair[1]);
        }
        case "--map-mac" -> {
          String[] pair = pair(arg, value(args, ++i, arg));
          macs.put(mac(pair[0]), pair[1]);
        }
        case "-c" -> commands.add(value(args, ++i, arg));
        default -> {
          if (arg.startsWith("-")) {
            throw new Main.UsageException("unknown option '" + arg + "'");
          }
          captures.add(Path.of(arg));
        }
      }
    }
    if (captures.isEmpty()) {
      throw new Main.UsageException("replay needs at least one capture");
    }
    if (commands.isEmpty()) {
      commands.add(DEFAULT_COMMAND);
    }
    return new ReplayOptions(
        configFile,
        sessionLogFile,
        logDirectory,
        List.copyOf(commits),
        spus,
        platform,
        at,
        maximumSessions,
        synCheck,
        sequenceCheck,
        timeouts,
        captureInterfaces,
        vlans,
        macs,
        List.copyOf(captures),
        List.copyOf(commands),
        writeFile);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new Main.UsageException(option + " needs a value");
    }
    return args[i];
  }

  private static String[] pair(String option, String text) {
    int equals = text.indexOf('=');
    if (equals <= 0 || equals == text.length() - 1) {
      throw new Main.UsageException(option + " takes KEY=VALUE, not '" + text + "'");
    }
    return new String[] {text.substring(0, equals), text.substring(equals + 1)};
  }

  static int intValue(String option, String text, int minimum, int maximum) {
    try {
      long value = Long.parseLong(text);
      if (value < minimum || value > maximum) {
        throw new Main.UsageException(
            option + " must be " + minimum + " to " + maximum + ", not " + text);
      }
      return (int) value;
    } catch (NumberFormatException e) {
      throw new Main.UsageException(option + " takes a whole number, not '" + text + "'");
    }
  }

  private static double seconds(String option, String text) {
    try {
      double value = Double.parseDouble(text);
      if (!(value >= 0) || Double.isInfinite(value)) {
        throw new Main.UsageException(option + " takes seconds >= 0, not '" + text + "'");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new Main.UsageException(option + " takes seconds, not '" + text + "'");
    }
  }

  /** {@code --model vsrx|srx5800}: the device the views show (ADR 0020 §Device). */
  static Platform platform(String text) {
    Platform platform = Platform.named(text);
    if (platform == null) {
      List<String> choices = new ArrayList<>();
      for (Platform each : Platform.values()) {
        choices.add(each.model());
      }
      throw new Main.UsageException(
          "--model takes " + String.join(" or ", choices) + ", not '" + text + "'");
    }
    return platform;
  }

  private static int protocol(String text) {
    return switch (text) {
      case "tcp" -> 6;
      case "udp" -> 17;
      case "icmp" -> 1;
      case "icmp6" -> 58;
      case "other" -> -1;
      default -> intValue("--timeout", text, 0, 255);
    };
  }

  private static long mac(String text) {
    String[] octets = text.split("[:-]");
    if (octets.length != 6) {
      throw new Main.UsageException(
          "--map-mac takes a MAC address like 02:00:00:00:00:01, not '" + text + "'");
    }
    long mac = 0;
    for (String octet : octets) {
      if (octet.isEmpty() || octet.length() > 2 || !octet.chars().allMatch(ReplayOptions::hex)) {
        throw new Main.UsageException(
            "--map-mac: '"
                + text
                + "' is not a MAC address: each of its six octets is one or two hex digits");
      }
      mac = mac << 8 | Integer.parseInt(octet, 16);
    }
    return mac;
  }

  private static boolean hex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** {@code --commit-at SECONDS=FILE}: commit FILE that many seconds after the first packet. */
  record Commit(double afterSeconds, Path file) {}
}
