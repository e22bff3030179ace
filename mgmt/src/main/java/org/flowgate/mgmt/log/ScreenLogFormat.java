package org.flowgate.mgmt.log;

import static org.flowgate.dataplane.log.SessionLogEvent.DESTINATION_HI;
import static org.flowgate.dataplane.log.SessionLogEvent.DESTINATION_LO;
import static org.flowgate.dataplane.log.SessionLogEvent.HEADER;
import static org.flowgate.dataplane.log.SessionLogEvent.POLICY;
import static org.flowgate.dataplane.log.SessionLogEvent.PORTS;
import static org.flowgate.dataplane.log.SessionLogEvent.SOURCE_HI;
import static org.flowgate.dataplane.log.SessionLogEvent.SOURCE_LO;
import static org.flowgate.dataplane.log.SessionLogEvent.ZONES;

import org.flowgate.dataplane.log.SessionLogEvent;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.screen.ScreenAttack;

/**
 * The RT_IDS messages of screen alarms ({@link SessionLogEvent#SCREEN}), standard and structured.
 * Field sets by tag follow real lines (ADR 0024): the structured ones an SRX's RT_SCREEN_* lines in
 * Elastic's juniper_srx test logs, the standard one an SRX's {@code IP spoofing!} lines in
 * Azure-Sentinel's JuniperSRX sample; the other tags' standard text is read from their structured
 * fields in that order.
 *
 * <pre>
 * standard   RT_IDS: RT_SCREEN_TCP: SYN flood! source: 203.0.113.7:1024, destination:
 *            192.168.1.10:80, zone name: untrust, interface name: ge-0/0/0.0, action: drop
 *   ICMP     source: S, destination: D, zone name ...            (no ports)
 *   IP       source: S, destination: D, protocol-id: P, zone name ...
 *   TCP_SRC_IP / TCP_DST_IP   only the source / only the destination address
 * structured RT_IDS - RT_SCREEN_TCP [junos@2636.1.1.1.2.N attack-name="SYN flood!"
 *            source-address="…" source-port="…" destination-address="…" destination-port="…"
 *            source-zone-name="…" interface-name="…" action="drop"]
 * priority   the configured facility with severity error (3): &lt;11&gt; for user, as the samples
 * </pre>
 *
 * <p>Thread: stateless.
 */
final class ScreenLogFormat {
  private ScreenLogFormat() {}

  /** RT_IDS messages are errors: the facility of {@code priority}, severity 3. */
  static int priority(int priority) {
    return (priority & ~7) | 3;
  }

  static void standard(StringBuilder out, long[] e, RuntimeConfig config) {
    ScreenAttack attack = attack(e);
    ScreenAttack.LogTag tag = attack.logTag();
    long ports = e[PORTS];
    out.append("RT_IDS: ").append(tag.name()).append(": ").append(attack.attackName());
    switch (tag) {
      case RT_SCREEN_TCP, RT_SCREEN_UDP -> {
        out.append(" source: ");
        IpAddress.appendTo(out, e[SOURCE_HI], e[SOURCE_LO]);
        out.append(':').append(SessionLogEvent.sourcePort(ports)).append(", destination: ");
        IpAddress.appendTo(out, e[DESTINATION_HI], e[DESTINATION_LO]);
        out.append(':').append(SessionLogEvent.destinationPort(ports));
      }
      case RT_SCREEN_ICMP -> {
        out.append(" source: ");
        IpAddress.appendTo(out, e[SOURCE_HI], e[SOURCE_LO]);
        out.append(", destination: ");
        IpAddress.appendTo(out, e[DESTINATION_HI], e[DESTINATION_LO]);
      }
      case RT_SCREEN_IP, RT_SCREEN_SESSION_LIMIT -> {
        out.append(" source: ");
        IpAddress.appendTo(out, e[SOURCE_HI], e[SOURCE_LO]);
        out.append(", destination: ");
        IpAddress.appendTo(out, e[DESTINATION_HI], e[DESTINATION_LO]);
        out.append(", protocol-id: ").append(SessionLogEvent.protocol(e[HEADER]));
      }
      case RT_SCREEN_TCP_SRC_IP -> {
        out.append(" source: ");
        IpAddress.appendTo(out, e[SOURCE_HI], e[SOURCE_LO]);
      }
      case RT_SCREEN_TCP_DST_IP -> {
        out.append(" destination: ");
        IpAddress.appendTo(out, e[DESTINATION_HI], e[DESTINATION_LO]);
      }
    }
    out.append(", zone name: ")
        .append(SessionLogFormatter.zoneName(config, SessionLogEvent.fromZone(e[ZONES])))
        .append(", interface name: ")
        .append(SessionLogFormatter.incomingInterfaceName(config, e))
        .append(", action: ")
        .append(action(e));
  }

  static void structured(StringBuilder out, long[] e, RuntimeConfig config, String sdId) {
    ScreenAttack attack = attack(e);
    ScreenAttack.LogTag tag = attack.logTag();
    long ports = e[PORTS];
    out.append("RT_IDS - ").append(tag.name()).append(" [").append(sdId);
    param(out, "attack-name", attack.attackName());
    boolean source = tag != ScreenAttack.LogTag.RT_SCREEN_TCP_DST_IP;
    boolean destination = tag != ScreenAttack.LogTag.RT_SCREEN_TCP_SRC_IP;
    boolean withPorts =
        tag == ScreenAttack.LogTag.RT_SCREEN_TCP || tag == ScreenAttack.LogTag.RT_SCREEN_UDP;
    if (source) {
      address(out, "source-address", e[SOURCE_HI], e[SOURCE_LO]);
      if (withPorts) {
        param(out, "source-port", Integer.toString(SessionLogEvent.sourcePort(ports)));
      }
    }
    if (destination) {
      address(out, "destination-address", e[DESTINATION_HI], e[DESTINATION_LO]);
      if (withPorts) {
        param(out, "destination-port", Integer.toString(SessionLogEvent.destinationPort(ports)));
      }
    }
    if (tag == ScreenAttack.LogTag.RT_SCREEN_IP
        || tag == ScreenAttack.LogTag.RT_SCREEN_SESSION_LIMIT) {
      param(out, "protocol-id", Integer.toString(SessionLogEvent.protocol(e[HEADER])));
    }
    param(
        out,
        "source-zone-name",
        SessionLogFormatter.zoneName(config, SessionLogEvent.fromZone(e[ZONES])));
    param(out, "interface-name", SessionLogFormatter.incomingInterfaceName(config, e));
    param(out, "action", action(e));
    out.append(']');
  }

  private static ScreenAttack attack(long[] e) {
    ScreenAttack attack = ScreenAttack.of(SessionLogEvent.policyIndex(e[POLICY]));
    if (attack == null || !attack.detected()) {
      throw new MalformedEvent.Exception(
          MalformedEvent.UNREADABLE,
          "not a screen attack: " + SessionLogEvent.policyIndex(e[POLICY]));
    }
    return attack;
  }

  private static String action(long[] e) {
    return (SessionLogEvent.flags(e[HEADER]) & SessionLogEvent.FLAG_ALARM_ONLY) != 0
        ? "alarm-without-drop"
        : "drop";
  }

  private static void param(StringBuilder out, String name, String value) {
    out.append(' ').append(name).append("=\"");
    SessionLogFormatter.escapeParamValue(out, value);
    out.append('"');
  }

  private static void address(StringBuilder out, String name, long hi, long lo) {
    out.append(' ').append(name).append("=\"");
    IpAddress.appendTo(out, hi, lo);
    out.append('"');
  }
}
