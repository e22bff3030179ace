package org.flowgate.mgmt.reply;

import java.util.ArrayList;
import java.util.List;
import org.flowgate.dataplane.screen.IdsOption;
import org.flowgate.dataplane.screen.ScreenAttack;

/**
 * {@code show security screen ids-option NAME}: each screen the ids-option turns on, with its
 * threshold as it takes effect (the Junos default when the configuration names none) or {@code
 * enabled}. Lines follow the order of a real SRX's reply (ADR 0024), those it did not show placed
 * beside their kin.
 */
public record ScreenIdsOptionReply(String name, List<Line> lines) implements ViewReply {
  public ScreenIdsOptionReply {
    lines = List.copyOf(lines);
  }

  /** One {@code Name Value} line: a number, or {@code enabled}. */
  public record Line(String name, String value) {}

  private static final String ENABLED = "enabled";

  public static ScreenIdsOptionReply of(IdsOption o) {
    List<Line> lines = new ArrayList<>();
    number(lines, "ICMP flood threshold", o.icmpFloodThresholdPps());
    number(lines, "UDP flood threshold", o.udpFloodThresholdPps());
    flag(lines, o, ScreenAttack.TCP_WINNUKE, "TCP winnuke");
    number(lines, "TCP port scan threshold", o.tcpPortScanThresholdMicros());
    number(lines, "UDP port scan threshold", o.udpPortScanThresholdMicros());
    number(lines, "ICMP address sweep threshold", o.ipSweepThresholdMicros());
    number(lines, "TCP sweep threshold", o.tcpSweepThresholdMicros());
    number(lines, "UDP sweep threshold", o.udpSweepThresholdMicros());
    flag(lines, o, ScreenAttack.IP_TEAR_DROP, "IP tear drop");
    IdsOption.SynFlood syn = o.synFlood();
    if (syn != null) {
      lines.add(
          new Line("TCP SYN flood attack threshold", Integer.toString(syn.attackThreshold())));
      lines.add(new Line("TCP SYN flood alarm threshold", Integer.toString(syn.alarmThreshold())));
      lines.add(
          new Line("TCP SYN flood source threshold", Integer.toString(syn.sourceThreshold())));
      lines.add(
          new Line(
              "TCP SYN flood destination threshold", Integer.toString(syn.destinationThreshold())));
      lines.add(new Line("TCP SYN flood timeout", Integer.toString(syn.timeoutSeconds())));
    }
    flag(lines, o, ScreenAttack.IP_SPOOFING, "IP spoofing");
    flag(lines, o, ScreenAttack.ICMP_PING_OF_DEATH, "ICMP ping of death");
    flag(lines, o, ScreenAttack.IP_SOURCE_ROUTE_OPTION, "IP source route option");
    flag(lines, o, ScreenAttack.TCP_LAND_ATTACK, "TCP land attack");
    flag(lines, o, ScreenAttack.TCP_SYN_FRAGMENT, "TCP SYN fragment");
    flag(lines, o, ScreenAttack.TCP_NO_FLAG, "TCP no flag");
    flag(lines, o, ScreenAttack.IP_UNKNOWN_PROTOCOL, "IP unknown protocol");
    flag(lines, o, ScreenAttack.IP_BAD_OPTIONS, "IP bad options");
    flag(lines, o, ScreenAttack.IP_RECORD_ROUTE_OPTION, "IP record route option");
    flag(lines, o, ScreenAttack.IP_TIMESTAMP_OPTION, "IP timestamp option");
    flag(lines, o, ScreenAttack.IP_SECURITY_OPTION, "IP security option");
    flag(lines, o, ScreenAttack.IP_LOOSE_SOURCE_ROUTE_OPTION, "IP loose source route option");
    flag(lines, o, ScreenAttack.IP_STRICT_SOURCE_ROUTE_OPTION, "IP strict source route option");
    flag(lines, o, ScreenAttack.IP_STREAM_OPTION, "IP stream option");
    flag(lines, o, ScreenAttack.ICMP_FRAGMENT, "ICMP fragmentation");
    flag(lines, o, ScreenAttack.ICMP_LARGE_PACKET, "ICMP large packet");
    flag(lines, o, ScreenAttack.TCP_SYN_FIN, "TCP SYN FIN");
    flag(lines, o, ScreenAttack.TCP_FIN_NO_ACK, "TCP FIN no ACK");
    flag(lines, o, ScreenAttack.IP_BLOCK_FRAGMENT, "IP block fragment");
    number(lines, "Session source limit threshold", o.sourceSessionLimit());
    number(lines, "Session destination limit threshold", o.destinationSessionLimit());
    if (o.alarmWithoutDrop()) {
      lines.add(new Line("Alarm without drop", ENABLED));
    }
    return new ScreenIdsOptionReply(o.name(), lines);
  }

  private static void number(List<Line> lines, String name, int value) {
    if (value > 0) {
      lines.add(new Line(name, Integer.toString(value)));
    }
  }

  private static void flag(List<Line> lines, IdsOption o, ScreenAttack check, String name) {
    if (o.has(check)) {
      lines.add(new Line(name, ENABLED));
    }
  }
}
