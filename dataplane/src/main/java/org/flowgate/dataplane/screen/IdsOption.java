package org.flowgate.dataplane.screen;

import java.util.EnumSet;
import java.util.Set;

/**
 * One compiled {@code security screen ids-option NAME}: the screens it turns on, each threshold as
 * it takes effect (the Junos default where the configuration names the screen without one; 0 where
 * the screen is off). Units are in the names: packets per second, microseconds, seconds, sessions.
 *
 * <p>Defaults and units are those of Juniper's 24.4R1 YANG ({@code junos-es-conf-security},
 * grouping {@code ids-option-type}): ICMP and UDP flood 1000 packets per second; ip-sweep,
 * port-scan, tcp-sweep, udp-sweep and udp port-scan 5000 microseconds (in which 10 packets are
 * detected); syn-flood alarm 512 and attack 200 per second, source and destination 4000 SYN per
 * second, timeout 20 s. {@code limit-session} has no default: its number is required.
 *
 * @param checks the screens that need no number (land, tear-drop, ping-death ...), as the attacks
 *     they detect
 * @param synFlood {@code tcp syn-flood}, null when off
 */
public record IdsOption(
    String name,
    boolean alarmWithoutDrop,
    Set<ScreenAttack> checks,
    int icmpFloodThresholdPps,
    int ipSweepThresholdMicros,
    SynFlood synFlood,
    int tcpPortScanThresholdMicros,
    int tcpSweepThresholdMicros,
    int udpFloodThresholdPps,
    int udpSweepThresholdMicros,
    int udpPortScanThresholdMicros,
    int sourceSessionLimit,
    int destinationSessionLimit) {

  public static final int DEFAULT_FLOOD_THRESHOLD_PPS = 1000;
  public static final int DEFAULT_SCAN_THRESHOLD_MICROS = 5000;

  /**
   * How many distinct ports (a scan) or addresses (a sweep) one source may reach within the
   * threshold before the screen fires: Junos's fixed 10.
   */
  public static final int SCAN_DISTINCT = 10;

  public IdsOption {
    checks = checks.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(checks));
  }

  /**
   * {@code tcp syn-flood}.
   *
   * @param alarmThreshold proxied requests per second past the attack threshold that raise an alarm
   * @param attackThreshold SYN per second to one destination address and port past which the screen
   *     acts
   * @param sourceThreshold SYN per second from one source address
   * @param destinationThreshold SYN per second to one destination address
   * @param timeoutSeconds the SYN proxy's ager: kept and shown, without effect (no proxy)
   */
  public record SynFlood(
      int alarmThreshold,
      int attackThreshold,
      int sourceThreshold,
      int destinationThreshold,
      int timeoutSeconds) {
    public static final SynFlood DEFAULTS = new SynFlood(512, 200, 4000, 4000, 20);
  }

  public boolean has(ScreenAttack check) {
    return checks.contains(check);
  }

  /** True when some screen of this option is on. */
  public boolean screensAnything() {
    return !checks.isEmpty()
        || icmpFloodThresholdPps > 0
        || ipSweepThresholdMicros > 0
        || synFlood != null
        || tcpPortScanThresholdMicros > 0
        || tcpSweepThresholdMicros > 0
        || udpFloodThresholdPps > 0
        || udpSweepThresholdMicros > 0
        || udpPortScanThresholdMicros > 0
        || sourceSessionLimit > 0
        || destinationSessionLimit > 0;
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * Assembles an ids-option screen by screen, as the configuration names them; a screen named
   * without a number takes its default.
   *
   * <p>Thread: confined to the thread that builds.
   */
  public static final class Builder {
    private final String name;
    private boolean alarmWithoutDrop;
    private final EnumSet<ScreenAttack> checks = EnumSet.noneOf(ScreenAttack.class);
    private int icmpFloodPps;
    private int ipSweepMicros;
    private SynFlood synFlood;
    private int tcpPortScanMicros;
    private int tcpSweepMicros;
    private int udpFloodPps;
    private int udpSweepMicros;
    private int udpPortScanMicros;
    private int sourceSessions;
    private int destinationSessions;

    private Builder(String name) {
      this.name = name;
    }

    public Builder alarmWithoutDrop() {
      alarmWithoutDrop = true;
      return this;
    }

    /** Turns on a screen that takes no number (land, tear-drop, ping-death ...). */
    public Builder check(ScreenAttack attack) {
      checks.add(attack);
      return this;
    }

    public Builder icmpFlood(int thresholdPps) {
      icmpFloodPps = thresholdPps;
      return this;
    }

    public Builder ipSweep(int thresholdMicros) {
      ipSweepMicros = thresholdMicros;
      return this;
    }

    public Builder synFlood(SynFlood flood) {
      synFlood = flood;
      return this;
    }

    public Builder tcpPortScan(int thresholdMicros) {
      tcpPortScanMicros = thresholdMicros;
      return this;
    }

    public Builder tcpSweep(int thresholdMicros) {
      tcpSweepMicros = thresholdMicros;
      return this;
    }

    public Builder udpFlood(int thresholdPps) {
      udpFloodPps = thresholdPps;
      return this;
    }

    public Builder udpSweep(int thresholdMicros) {
      udpSweepMicros = thresholdMicros;
      return this;
    }

    public Builder udpPortScan(int thresholdMicros) {
      udpPortScanMicros = thresholdMicros;
      return this;
    }

    public Builder sourceSessionLimit(int sessions) {
      sourceSessions = sessions;
      return this;
    }

    public Builder destinationSessionLimit(int sessions) {
      destinationSessions = sessions;
      return this;
    }

    public IdsOption build() {
      return new IdsOption(
          name,
          alarmWithoutDrop,
          checks,
          icmpFloodPps,
          ipSweepMicros,
          synFlood,
          tcpPortScanMicros,
          tcpSweepMicros,
          udpFloodPps,
          udpSweepMicros,
          udpPortScanMicros,
          sourceSessions,
          destinationSessions);
    }
  }
}
