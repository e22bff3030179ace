package org.flowgate.dataplane.flow.screen;

import org.flowgate.dataplane.screen.IdsOption;
import org.flowgate.dataplane.screen.ScreenAttack;

/**
 * One zone's ids-option as the packet path reads it: a bit per stateless check (by {@link
 * ScreenAttack} ordinal) and the thresholds in the units the tables count in. Built at install,
 * read per packet.
 */
final class Profile {
  /** The IPv4 options that have a screen of their own. */
  static final long OPTION_CHECKS =
      bit(ScreenAttack.IP_SOURCE_ROUTE_OPTION)
          | bit(ScreenAttack.IP_LOOSE_SOURCE_ROUTE_OPTION)
          | bit(ScreenAttack.IP_STRICT_SOURCE_ROUTE_OPTION)
          | bit(ScreenAttack.IP_RECORD_ROUTE_OPTION)
          | bit(ScreenAttack.IP_TIMESTAMP_OPTION)
          | bit(ScreenAttack.IP_SECURITY_OPTION)
          | bit(ScreenAttack.IP_STREAM_OPTION);

  static final long FRAGMENT_CHECKS =
      bit(ScreenAttack.IP_BLOCK_FRAGMENT)
          | bit(ScreenAttack.IP_TEAR_DROP)
          | bit(ScreenAttack.ICMP_FRAGMENT)
          | bit(ScreenAttack.TCP_SYN_FRAGMENT);

  static final long TCP_FLAG_CHECKS =
      bit(ScreenAttack.TCP_SYN_FIN)
          | bit(ScreenAttack.TCP_FIN_NO_ACK)
          | bit(ScreenAttack.TCP_NO_FLAG)
          | bit(ScreenAttack.TCP_WINNUKE)
          | bit(ScreenAttack.TCP_LAND_ATTACK);

  final boolean alarmOnly;
  final long checks;
  final int icmpFloodPps;
  final int udpFloodPps;
  final long ipSweepNs;
  final long tcpPortScanNs;
  final long tcpSweepNs;
  final long udpPortScanNs;
  final long udpSweepNs;
  final boolean synFlood;
  final int synAttack;
  final int synAlarm;
  final int synSource;
  final int synDestination;
  final int sourceSessions;
  final int destinationSessions;

  /** True when some check or threshold needs the first path's per-first-packet work. */
  final boolean firstPacketWork;

  Profile(IdsOption option) {
    alarmOnly = option.alarmWithoutDrop();
    long bits = 0;
    for (ScreenAttack check : option.checks()) {
      bits |= bit(check);
    }
    checks = bits;
    icmpFloodPps = option.icmpFloodThresholdPps();
    udpFloodPps = option.udpFloodThresholdPps();
    ipSweepNs = option.ipSweepThresholdMicros() * 1000L;
    tcpPortScanNs = option.tcpPortScanThresholdMicros() * 1000L;
    tcpSweepNs = option.tcpSweepThresholdMicros() * 1000L;
    udpPortScanNs = option.udpPortScanThresholdMicros() * 1000L;
    udpSweepNs = option.udpSweepThresholdMicros() * 1000L;
    IdsOption.SynFlood syn = option.synFlood();
    synFlood = syn != null;
    synAttack = syn == null ? 0 : syn.attackThreshold();
    synAlarm = syn == null ? 0 : syn.alarmThreshold();
    synSource = syn == null ? 0 : syn.sourceThreshold();
    synDestination = syn == null ? 0 : syn.destinationThreshold();
    sourceSessions = option.sourceSessionLimit();
    destinationSessions = option.destinationSessionLimit();
    firstPacketWork =
        has(ScreenAttack.IP_SPOOFING)
            || synFlood
            || ipSweepNs > 0
            || tcpPortScanNs > 0
            || tcpSweepNs > 0
            || udpPortScanNs > 0
            || udpSweepNs > 0
            || sourceSessions > 0
            || destinationSessions > 0;
  }

  static long bit(ScreenAttack attack) {
    return 1L << attack.ordinal();
  }

  boolean has(ScreenAttack attack) {
    return (checks & bit(attack)) != 0;
  }
}
