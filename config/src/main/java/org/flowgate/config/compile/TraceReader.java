package org.flowgate.config.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.flowgate.config.compile.JunosConfiguration.Reference;
import org.flowgate.config.compile.JunosConfiguration.TraceFilter;
import org.flowgate.config.compile.Schema.Match;
import org.flowgate.config.text.Diagnostics;
import org.flowgate.dataplane.net.IpPrefix;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.runtime.TraceOptions;
import org.flowgate.dataplane.zone.FirewallInterface;

/**
 * The read pass of {@code security flow traceoptions}, and its compilation into the generation's
 * {@link TraceOptions}.
 *
 * <pre>
 * security flow traceoptions
 *   file NAME [size S] [files N] [world-readable | no-world-readable]
 *                               S: bytes, or with k, m, g (10k to 1g); N: 2 to 1000
 *   flag (all | basic-datapath | fragmentation | high-availability | host-traffic | jexec
 *         | multicast | packet-track | route | session | session-scan | tcp-basic | tunnel)
 *   packet-filter F (source-prefix P | destination-prefix P | protocol X | source-port N
 *                    | destination-port N | interface IF)          at most 64 filters
 *   file match R, rate-limit, trace-level, no-remote-trace, root-override: read, not implemented
 * </pre>
 *
 * Every flag traces the same lines: Flowgate writes the basic datapath trace of each selected
 * packet whichever flag is set (docs/adr/0025-nat-and-operator-views.md).
 *
 * <p>Thread: one instance per compilation.
 */
final class TraceReader {
  private static final Set<String> FLAGS =
      Set.of(
          "all",
          "basic-datapath",
          "fragmentation",
          "high-availability",
          "host-traffic",
          "jexec",
          "multicast",
          "packet-track",
          "route",
          "session",
          "session-scan",
          "tcp-basic",
          "tunnel");

  private static final Set<String> FILE_OPTIONS =
      Set.of("size", "files", "match", "world-readable", "no-world-readable");

  private final JunosConfiguration config;
  private final Diagnostics diagnostics;

  TraceReader(JunosConfiguration config, Diagnostics diagnostics) {
    this.config = config;
    this.diagnostics = diagnostics;
  }

  /** One statement below {@code security flow traceoptions}. */
  void statement(Match m) {
    List<String> words = m.rest();
    if (words.isEmpty()) {
      return;
    }
    String first = words.getFirst();
    List<String> rest = words.subList(1, words.size());
    switch (first) {
      case "file" -> file(m, rest);
      case "flag" -> {
        if (rest.size() == 1 && FLAGS.contains(rest.getFirst())) {
          config.traceFlags.add(rest.getFirst());
        } else {
          notImplemented(m);
        }
      }
      case "packet-filter" -> {
        if (rest.isEmpty()) {
          notImplemented(m);
        } else {
          filter(m, rest.getFirst(), rest.subList(1, rest.size()));
        }
      }
      case "rate-limit", "trace-level", "no-remote-trace", "root-override", "local-debug-buf" ->
          notImplemented(m, "every selected packet is traced in full");
      default -> notImplemented(m);
    }
  }

  /** {@code file NAME [size S] [files N] [world-readable | no-world-readable] [match R]}. */
  private void file(Match m, List<String> words) {
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (!FILE_OPTIONS.contains(word)) {
        if (word.contains("/") || word.startsWith(".") || word.isEmpty()) {
          error(m, "invalid trace file name '" + word + "': a name in the log directory");
          return;
        }
        config.traceFile = word;
        continue;
      }
      switch (word) {
        case "size" -> {
          Long bytes = i + 1 < words.size() ? size(words.get(++i)) : null;
          if (bytes == null || bytes < 10 * 1024 || bytes > 1024L * 1024 * 1024) {
            error(m, "invalid trace file size: 10k to 1g");
            return;
          }
          config.traceSizeBytes = bytes;
        }
        case "files" -> {
          Integer files = i + 1 < words.size() ? Values.number(words.get(++i)) : null;
          if (files == null || files < 2 || files > 1000) {
            error(m, "invalid trace files: 2 to 1000");
            return;
          }
          config.traceFiles = files;
        }
        case "match" -> {
          i++;
          notImplemented(m, "every line is written");
        }
        default -> {} // world-readable, no-world-readable: files are the process owner's
      }
    }
  }

  /** {@code 128k}, {@code 1m}, {@code 1g}, or bytes; null when malformed. */
  private static Long size(String text) {
    if (text.isEmpty()) {
      return null;
    }
    char unit = Character.toLowerCase(text.charAt(text.length() - 1));
    long scale =
        switch (unit) {
          case 'k' -> 1024L;
          case 'm' -> 1024L * 1024;
          case 'g' -> 1024L * 1024 * 1024;
          default -> 1;
        };
    String digits = scale == 1 ? text : text.substring(0, text.length() - 1);
    Integer number = Values.number(digits);
    return number == null ? null : number * scale;
  }

  /** {@code packet-filter F CONDITION VALUE}. */
  private void filter(Match m, String name, List<String> words) {
    TraceFilter filter =
        config.traceFilters.computeIfAbsent(
            name, n -> new TraceFilter(n, m.statement().location()));
    if (words.isEmpty()) {
      return;
    }
    if (words.size() != 2) {
      notImplemented(m);
      return;
    }
    String value = words.get(1);
    switch (words.getFirst()) {
      case "source-prefix", "destination-prefix" -> {
        IpPrefix prefix = Values.prefix(value);
        if (prefix == null) {
          error(m, "invalid " + words.getFirst() + " '" + value + "' (packet-filter " + name + ")");
          return;
        }
        if (words.getFirst().startsWith("source")) {
          filter.source = Values.network(prefix);
        } else {
          filter.destination = Values.network(prefix);
        }
      }
      case "protocol" -> {
        Integer protocol = Values.protocol(value);
        if (protocol == null) {
          error(m, "invalid protocol '" + value + "' (packet-filter " + name + ")");
          return;
        }
        filter.protocol = protocol;
      }
      case "source-port", "destination-port" -> {
        Integer port = Values.number(value);
        if (port == null || port > 65535) {
          error(m, "invalid " + words.getFirst() + " '" + value + "' (packet-filter " + name + ")");
          return;
        }
        if (words.getFirst().startsWith("source")) {
          filter.sourcePort = port;
        } else {
          filter.destinationPort = port;
        }
      }
      case "interface" ->
          filter.interfaceName =
              new Reference(ConfigReader.logicalInterface(value), m.statement().location());
      case "conn-tag", "logical-system" -> notImplemented(m, "the filter matches without it");
      default -> notImplemented(m);
    }
  }

  /** The checks that need the whole configuration: filters' interfaces and their number. */
  static void validate(JunosConfiguration config, Diagnostics diagnostics) {
    if (config.traceFilters.size() > TraceOptions.MAXIMUM_FILTERS) {
      TraceFilter extra =
          List.copyOf(config.traceFilters.values()).get(TraceOptions.MAXIMUM_FILTERS);
      diagnostics.error(
          extra.location, "packet-filter " + extra.name + ": at most 64 packet filters");
    }
    for (TraceFilter filter : config.traceFilters.values()) {
      if (filter.interfaceName != null
          && !config.interfaces.containsKey(filter.interfaceName.name())) {
        diagnostics.error(
            filter.interfaceName.location(),
            "interface "
                + filter.interfaceName.name()
                + " is not configured under interfaces (packet-filter "
                + filter.name
                + ")");
      }
    }
  }

  /** The generation's traceoptions, interfaces resolved in {@code built}. */
  static TraceOptions compile(JunosConfiguration config, RuntimeConfig built) {
    if (config.traceFile == null && config.traceFlags.isEmpty() && config.traceFilters.isEmpty()) {
      return TraceOptions.NONE;
    }
    List<TraceOptions.PacketFilter> filters = new ArrayList<>();
    for (TraceFilter filter : config.traceFilters.values()) {
      FirewallInterface on =
          filter.interfaceName == null ? null : built.interfaceNamed(filter.interfaceName.name());
      filters.add(
          new TraceOptions.PacketFilter(
              filter.name,
              filter.source,
              filter.destination,
              filter.protocol == null ? -1 : filter.protocol,
              filter.sourcePort == null ? -1 : filter.sourcePort,
              filter.destinationPort == null ? -1 : filter.destinationPort,
              on == null ? -1 : on.index()));
    }
    return new TraceOptions(
        config.traceFile,
        config.traceSizeBytes == null ? TraceOptions.DEFAULT_SIZE_BYTES : config.traceSizeBytes,
        config.traceFiles == null ? TraceOptions.DEFAULT_FILES : config.traceFiles,
        config.traceFlags,
        filters);
  }

  private void notImplemented(Match m) {
    diagnostics.warning(
        m.statement().location(), "statement not implemented: " + m.statement().path());
  }

  private void notImplemented(Match m, String consequence) {
    diagnostics.warning(
        m.statement().location(),
        "statement not implemented: " + m.statement().path() + " (" + consequence + ")");
  }

  private void error(Match m, String message) {
    diagnostics.error(m.statement().location(), message);
  }
}
