package org.flowgate.config.compile;

import java.util.List;
import org.flowgate.config.compile.Schema.Match;
import org.flowgate.config.text.Diagnostics;
import org.flowgate.config.text.SourceLocation;
import org.flowgate.dataplane.screen.IdsOption;
import org.flowgate.dataplane.screen.ScreenAttack;

/**
 * Reads the words below {@code security screen ids-option NAME} into a {@link Definition}: the
 * screens Flowgate implements, with their numbers checked; every other statement is a {@code
 * statement not implemented} warning. Defaults, units and ranges are Juniper's 24.4R1 YANG's (see
 * {@link IdsOption}); the floods' 1 to 4000000 is the CLI reference's range for SRX Series; where
 * both leave a number open (an unbounded uint32) Flowgate takes 1 to 2147483647: a threshold or
 * limit of 0 would screen every packet (docs/adr/0024-screens.md).
 *
 * <pre>
 *  icmp   flood [threshold 1..4000000 pps] · ip-sweep [threshold 1000..1000000 µs] · fragment
 *         · large · ping-death
 *  ip     bad-option · block-frag · loose-/strict-/source-route-option · record-route-option
 *         · security-option · spoofing · stream-option · tear-drop · timestamp-option
 *         · unknown-protocol
 *  tcp    fin-no-ack · land · port-scan [threshold µs] · syn-fin · syn-frag · tcp-no-flag
 *         · tcp-sweep [threshold µs] · winnuke · syn-flood [alarm-threshold, attack-threshold,
 *           source-threshold, destination-threshold, timeout 1..50 s (kept, no effect: no SYN
 *           proxy)]
 *  udp    flood [threshold 1..4000000 pps] · udp-sweep [threshold µs] · port-scan [threshold µs]
 *  limit-session source-ip-based N · destination-ip-based N
 *  alarm-without-drop · description
 * </pre>
 *
 * <p>Thread: one instance per compilation.
 */
final class ScreenReader {
  /** One {@code ids-option} as read. */
  static final class Definition {
    final String name;
    final SourceLocation location;
    final IdsOption.Builder option;
    String description;

    /** alarm, attack, source, destination, timeout; null while syn-flood is not named. */
    int[] synFlood;

    Definition(String name, SourceLocation location) {
      this.name = name;
      this.location = location;
      this.option = IdsOption.builder(name);
    }

    IdsOption build() {
      if (synFlood != null) {
        option.synFlood(
            new IdsOption.SynFlood(
                synFlood[0], synFlood[1], synFlood[2], synFlood[3], synFlood[4]));
      }
      return option.build();
    }
  }

  private final JunosConfiguration config;
  private final Diagnostics diagnostics;

  ScreenReader(JunosConfiguration config, Diagnostics diagnostics) {
    this.config = config;
    this.diagnostics = diagnostics;
  }

  /** {@code security screen ids-option <option> ...}. */
  void idsOption(Match m) {
    Definition d =
        config.screens.computeIfAbsent(
            m.get("option"), n -> new Definition(n, m.statement().location()));
    List<String> rest = m.rest();
    if (rest.isEmpty()) {
      return;
    }
    String group = rest.getFirst();
    List<String> words = rest.subList(1, rest.size());
    boolean read =
        switch (group) {
          case "alarm-without-drop" -> {
            d.option.alarmWithoutDrop();
            yield words.isEmpty();
          }
          case "description" -> {
            d.description = words.isEmpty() ? "" : words.getFirst();
            yield words.size() == 1;
          }
          case "icmp" -> icmp(m, d, words);
          case "ip" -> ip(d, words);
          case "tcp" -> tcp(m, d, words);
          case "udp" -> udp(m, d, words);
          case "limit-session" -> limitSession(m, d, words);
          default -> false;
        };
    if (!read) {
      notImplemented(m);
    }
  }

  private boolean icmp(Match m, Definition d, List<String> w) {
    if (w.isEmpty()) {
      return true;
    }
    switch (w.getFirst()) {
      case "flood" -> {
        Integer pps =
            threshold(
                m, w, "icmp flood threshold", 1, 4_000_000, IdsOption.DEFAULT_FLOOD_THRESHOLD_PPS);
        if (pps != null) {
          d.option.icmpFlood(pps);
        }
        return w.size() == 1 || isThreshold(w);
      }
      case "ip-sweep" -> {
        Integer micros = scan(m, w, "icmp ip-sweep threshold");
        if (micros != null) {
          d.option.ipSweep(micros);
        }
        return w.size() == 1 || isThreshold(w);
      }
      case "fragment" -> {
        return flag(d, w, ScreenAttack.ICMP_FRAGMENT);
      }
      case "large" -> {
        return flag(d, w, ScreenAttack.ICMP_LARGE_PACKET);
      }
      case "ping-death" -> {
        return flag(d, w, ScreenAttack.ICMP_PING_OF_DEATH);
      }
      default -> {
        return false;
      }
    }
  }

  private boolean ip(Definition d, List<String> w) {
    if (w.isEmpty()) {
      return true;
    }
    ScreenAttack attack =
        switch (w.getFirst()) {
          case "bad-option" -> ScreenAttack.IP_BAD_OPTIONS;
          case "block-frag" -> ScreenAttack.IP_BLOCK_FRAGMENT;
          case "loose-source-route-option" -> ScreenAttack.IP_LOOSE_SOURCE_ROUTE_OPTION;
          case "record-route-option" -> ScreenAttack.IP_RECORD_ROUTE_OPTION;
          case "security-option" -> ScreenAttack.IP_SECURITY_OPTION;
          case "source-route-option" -> ScreenAttack.IP_SOURCE_ROUTE_OPTION;
          case "spoofing" -> ScreenAttack.IP_SPOOFING;
          case "stream-option" -> ScreenAttack.IP_STREAM_OPTION;
          case "strict-source-route-option" -> ScreenAttack.IP_STRICT_SOURCE_ROUTE_OPTION;
          case "tear-drop" -> ScreenAttack.IP_TEAR_DROP;
          case "timestamp-option" -> ScreenAttack.IP_TIMESTAMP_OPTION;
          case "unknown-protocol" -> ScreenAttack.IP_UNKNOWN_PROTOCOL;
          default -> null;
        };
    return attack != null && flag(d, w, attack);
  }

  private boolean tcp(Match m, Definition d, List<String> w) {
    if (w.isEmpty()) {
      return true;
    }
    switch (w.getFirst()) {
      case "fin-no-ack" -> {
        return flag(d, w, ScreenAttack.TCP_FIN_NO_ACK);
      }
      case "land" -> {
        return flag(d, w, ScreenAttack.TCP_LAND_ATTACK);
      }
      case "syn-fin" -> {
        return flag(d, w, ScreenAttack.TCP_SYN_FIN);
      }
      case "syn-frag" -> {
        return flag(d, w, ScreenAttack.TCP_SYN_FRAGMENT);
      }
      case "tcp-no-flag" -> {
        return flag(d, w, ScreenAttack.TCP_NO_FLAG);
      }
      case "winnuke" -> {
        return flag(d, w, ScreenAttack.TCP_WINNUKE);
      }
      case "port-scan" -> {
        Integer micros = scan(m, w, "tcp port-scan threshold");
        if (micros != null) {
          d.option.tcpPortScan(micros);
        }
        return w.size() == 1 || isThreshold(w);
      }
      case "tcp-sweep" -> {
        Integer micros = scan(m, w, "tcp tcp-sweep threshold");
        if (micros != null) {
          d.option.tcpSweep(micros);
        }
        return w.size() == 1 || isThreshold(w);
      }
      case "syn-flood" -> {
        return synFlood(m, d, w.subList(1, w.size()));
      }
      default -> {
        return false;
      }
    }
  }

  private boolean synFlood(Match m, Definition d, List<String> w) {
    if (d.synFlood == null) {
      IdsOption.SynFlood defaults = IdsOption.SynFlood.DEFAULTS;
      d.synFlood =
          new int[] {
            defaults.alarmThreshold(),
            defaults.attackThreshold(),
            defaults.sourceThreshold(),
            defaults.destinationThreshold(),
            defaults.timeoutSeconds()
          };
    }
    if (w.isEmpty()) {
      return true;
    }
    if (w.size() != 2) {
      return false;
    }
    int field;
    int low;
    int high;
    switch (w.getFirst()) {
      case "alarm-threshold" -> {
        field = 0;
        low = 1;
        high = Integer.MAX_VALUE;
      }
      case "attack-threshold" -> {
        field = 1;
        low = 1;
        high = Integer.MAX_VALUE;
      }
      case "source-threshold" -> {
        field = 2;
        low = 1;
        high = Integer.MAX_VALUE;
      }
      case "destination-threshold" -> {
        field = 3;
        low = 1;
        high = Integer.MAX_VALUE;
      }
      case "timeout" -> {
        field = 4;
        low = 1;
        high = 50;
      }
      default -> {
        return false;
      }
    }
    Integer value = Values.number(w.get(1));
    if (value == null || value < low || value > high) {
      error(
          m,
          "invalid tcp syn-flood " + w.getFirst() + " '" + w.get(1) + "': " + low + " to " + high);
      return true;
    }
    d.synFlood[field] = value;
    if (field == 4) {
      warn(
          m.statement().location(),
          "statement not implemented: "
              + m.statement().path()
              + " (kept and shown: it ages the SYN proxy's connections, which Flowgate does not"
              + " have)");
    }
    return true;
  }

  private boolean udp(Match m, Definition d, List<String> w) {
    if (w.isEmpty()) {
      return true;
    }
    switch (w.getFirst()) {
      case "flood" -> {
        Integer pps =
            threshold(
                m, w, "udp flood threshold", 1, 4_000_000, IdsOption.DEFAULT_FLOOD_THRESHOLD_PPS);
        if (pps != null) {
          d.option.udpFlood(pps);
        }
        return w.size() == 1 || isThreshold(w);
      }
      case "udp-sweep" -> {
        Integer micros = scan(m, w, "udp udp-sweep threshold");
        if (micros != null) {
          d.option.udpSweep(micros);
        }
        return w.size() == 1 || isThreshold(w);
      }
      case "port-scan" -> {
        Integer micros = scan(m, w, "udp port-scan threshold");
        if (micros != null) {
          d.option.udpPortScan(micros);
        }
        return w.size() == 1 || isThreshold(w);
      }
      default -> {
        return false;
      }
    }
  }

  private boolean limitSession(Match m, Definition d, List<String> w) {
    if (w.isEmpty()) {
      return true;
    }
    if (w.size() != 2
        || !(w.getFirst().equals("source-ip-based")
            || w.getFirst().equals("destination-ip-based"))) {
      return false;
    }
    Integer sessions = Values.number(w.get(1));
    if (sessions == null || sessions < 1) {
      error(
          m,
          "invalid limit-session "
              + w.getFirst()
              + " '"
              + w.get(1)
              + "': 1 to "
              + Integer.MAX_VALUE);
      return true;
    }
    if (w.getFirst().equals("source-ip-based")) {
      d.option.sourceSessionLimit(sessions);
    } else {
      d.option.destinationSessionLimit(sessions);
    }
    return true;
  }

  // ------------------------------------------------------------------ helpers

  private static boolean flag(Definition d, List<String> w, ScreenAttack attack) {
    if (w.size() != 1) {
      return false;
    }
    d.option.check(attack);
    return true;
  }

  private static boolean isThreshold(List<String> w) {
    return w.size() == 3 && w.get(1).equals("threshold");
  }

  /**
   * {@code SCREEN} alone (the default) or {@code SCREEN threshold N}; null (after an error, or for
   * any other words, which are not implemented) when not one of those.
   */
  private Integer threshold(
      Match m, List<String> w, String what, int low, int high, int defaultValue) {
    if (w.size() == 1) {
      return defaultValue;
    }
    if (!isThreshold(w)) {
      return null;
    }
    Integer value = Values.number(w.get(2));
    if (value == null || value < low || value > high) {
      error(m, "invalid " + what + " '" + w.get(2) + "': " + low + " to " + high);
      return null;
    }
    return value;
  }

  private Integer scan(Match m, List<String> w, String what) {
    return threshold(m, w, what, 1000, 1_000_000, IdsOption.DEFAULT_SCAN_THRESHOLD_MICROS);
  }

  private void notImplemented(Match m) {
    warn(m.statement().location(), "statement not implemented: " + m.statement().path());
  }

  private void error(Match m, String message) {
    diagnostics.error(m.statement().location(), message);
  }

  private void warn(SourceLocation at, String message) {
    diagnostics.warning(at, message);
  }
}
