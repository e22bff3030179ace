package org.flowgate.mgmt.log;

import static org.flowgate.dataplane.log.SessionLogEvent.APPLICATIONS;
import static org.flowgate.dataplane.log.SessionLogEvent.CLIENT_BYTES;
import static org.flowgate.dataplane.log.SessionLogEvent.CLIENT_PACKETS;
import static org.flowgate.dataplane.log.SessionLogEvent.DESTINATION_HI;
import static org.flowgate.dataplane.log.SessionLogEvent.DESTINATION_LO;
import static org.flowgate.dataplane.log.SessionLogEvent.ELAPSED_SECONDS;
import static org.flowgate.dataplane.log.SessionLogEvent.HEADER;
import static org.flowgate.dataplane.log.SessionLogEvent.NAT_DESTINATION_HI;
import static org.flowgate.dataplane.log.SessionLogEvent.NAT_DESTINATION_LO;
import static org.flowgate.dataplane.log.SessionLogEvent.NAT_SOURCE_HI;
import static org.flowgate.dataplane.log.SessionLogEvent.NAT_SOURCE_LO;
import static org.flowgate.dataplane.log.SessionLogEvent.POLICY;
import static org.flowgate.dataplane.log.SessionLogEvent.PORTS;
import static org.flowgate.dataplane.log.SessionLogEvent.SERVER_BYTES;
import static org.flowgate.dataplane.log.SessionLogEvent.SERVER_PACKETS;
import static org.flowgate.dataplane.log.SessionLogEvent.SESSION;
import static org.flowgate.dataplane.log.SessionLogEvent.SOURCE_HI;
import static org.flowgate.dataplane.log.SessionLogEvent.SOURCE_LO;
import static org.flowgate.dataplane.log.SessionLogEvent.TIME;
import static org.flowgate.dataplane.log.SessionLogEvent.ZONES;

import org.flowgate.dataplane.log.SessionLogEvent;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.mgmt.reply.Placeholders;

/**
 * AppTrack's messages, APPTRACK_SESSION_CREATE, _VOL_UPDATE and _CLOSE (docs/adr/0034), in the
 * standard and structured forms, under the RT_FLOW tag as an SRX writes them.
 *
 * <pre>
 * standard   ... HOST RT_FLOW: APPTRACK_SESSION_CREATE: AppTrack session created
 *              s/sp-&gt;d/dp service application nested ns/nsp-&gt;nd/ndp src-nat-rule dst-nat-rule
 *              protocol policy from-zone to-zone session-id username roles encrypted
 *            ... APPTRACK_SESSION_VOL_UPDATE: AppTrack volume update: (the same up to session-id)
 *              pc(bc) ps(bs) elapsed username roles encrypted
 *            ... APPTRACK_SESSION_CLOSE: AppTrack session closed REASON: (as the update)
 * structured [junos@2636.1.1.1.2.N source-address= ... ] with the fields of the real lines:
 *   CREATE  (2017 vSRX) ... session-id-32 username roles encrypted
 *   UPDATE  (2020 SRX)  ... elapsed-time username roles encrypted destination-interface-name
 *                       src-vrf-grp dst-vrf-grp
 *   CLOSE   (2020 SRX)  reason ... elapsed-time username roles encrypted profile-name rule-name
 *                       routing-instance destination-interface-name uplink-incoming-interface-name
 *                       uplink-tx-bytes uplink-rx-bytes multipath-rule-name src-vrf-grp dst-vrf-grp
 * </pre>
 *
 * The standard layouts are Juniper's message templates (10.3 syslog reference, with the user and
 * encryption fields later releases add, as a public Logstash pattern set reads them); the
 * structured field lists are real structured lines (Juniper's Contrail structured-syslog tests).
 * SD-WAN fields (profile, rule, uplink, multipath) print as an SRX without SD-WAN writes them.
 *
 * <p>Thread: stateless.
 */
final class AppTrackLogFormat {
  private static final String NA = Placeholders.LOG_NOT_APPLICABLE;

  private AppTrackLogFormat() {}

  static String messageId(int type) {
    return switch (type) {
      case SessionLogEvent.APPTRACK_CREATE -> "APPTRACK_SESSION_CREATE";
      case SessionLogEvent.APPTRACK_VOLUME_UPDATE -> "APPTRACK_SESSION_VOL_UPDATE";
      default -> "APPTRACK_SESSION_CLOSE";
    };
  }

  static void standard(StringBuilder out, long[] e, RuntimeConfig config) {
    int type = SessionLogEvent.type(e[HEADER]);
    SessionLogFormatter.bsdTimestamp(out, e[TIME]);
    out.append(' ').append(config.hostName()).append(" RT_FLOW: ").append(messageId(type));
    switch (type) {
      case SessionLogEvent.APPTRACK_CREATE -> out.append(": AppTrack session created ");
      case SessionLogEvent.APPTRACK_VOLUME_UPDATE -> out.append(": AppTrack volume update: ");
      default ->
          out.append(": AppTrack session closed ")
              .append(SessionLogEvent.closeReasonText(SessionLogEvent.closeReason(e[HEADER])))
              .append(": ");
    }
    long ports = e[PORTS];
    endpoint(out, e[SOURCE_HI], e[SOURCE_LO], SessionLogEvent.sourcePort(ports));
    out.append("->");
    endpoint(out, e[DESTINATION_HI], e[DESTINATION_LO], SessionLogEvent.destinationPort(ports));
    out.append(' ').append(SessionLogEvent.serviceName(config, e[POLICY]));
    out.append(' ')
        .append(SessionLogFormatter.application(e, config))
        .append(' ')
        .append(SessionLogFormatter.nested(e, config));
    out.append(' ');
    endpoint(out, e[NAT_SOURCE_HI], e[NAT_SOURCE_LO], SessionLogEvent.natSourcePort(ports));
    out.append("->");
    endpoint(
        out,
        e[NAT_DESTINATION_HI],
        e[NAT_DESTINATION_LO],
        SessionLogEvent.natDestinationPort(ports));
    String[] rules = SessionLogFormatter.natRuleFields(config, SessionLogEvent.natRules(e[ZONES]));
    out.append(' ').append(rules[1]).append(' ').append(rules[3]);
    out.append(' ').append(SessionLogEvent.protocol(e[HEADER]));
    out.append(' ')
        .append(SessionLogFormatter.policyName(config, SessionLogEvent.policyIndex(e[POLICY])))
        .append(' ')
        .append(SessionLogFormatter.zoneName(config, SessionLogEvent.fromZone(e[ZONES])))
        .append(' ')
        .append(SessionLogFormatter.zoneName(config, SessionLogEvent.toZone(e[ZONES])))
        .append(' ')
        .append(e[SESSION]);
    if (type != SessionLogEvent.APPTRACK_CREATE) {
      out.append(' ')
          .append(e[CLIENT_PACKETS])
          .append('(')
          .append(e[CLIENT_BYTES])
          .append(") ")
          .append(e[SERVER_PACKETS])
          .append('(')
          .append(e[SERVER_BYTES])
          .append(") ")
          .append(e[ELAPSED_SECONDS]);
    }
    out.append(' ')
        .append(NA)
        .append(' ')
        .append(NA)
        .append(' ')
        .append(SessionLogFormatter.encrypted(e, config));
  }

  static void structured(StringBuilder out, long[] e, RuntimeConfig config, String sdId) {
    int type = SessionLogEvent.type(e[HEADER]);
    long ports = e[PORTS];
    out.append("1 ");
    SessionLogFormatter.isoTimestamp(out, e[TIME]);
    out.append(' ')
        .append(config.hostName())
        .append(" RT_FLOW - ")
        .append(messageId(type))
        .append(" [")
        .append(sdId);
    if (type == SessionLogEvent.APPTRACK_CLOSE) {
      param(out, "reason", SessionLogEvent.closeReasonText(SessionLogEvent.closeReason(e[HEADER])));
    }
    address(out, "source-address", e[SOURCE_HI], e[SOURCE_LO]);
    param(out, "source-port", Integer.toString(SessionLogEvent.sourcePort(ports)));
    address(out, "destination-address", e[DESTINATION_HI], e[DESTINATION_LO]);
    param(out, "destination-port", Integer.toString(SessionLogEvent.destinationPort(ports)));
    param(out, "service-name", SessionLogEvent.serviceName(config, e[POLICY]));
    param(out, "application", SessionLogFormatter.application(e, config));
    param(out, "nested-application", SessionLogFormatter.nested(e, config));
    address(out, "nat-source-address", e[NAT_SOURCE_HI], e[NAT_SOURCE_LO]);
    param(out, "nat-source-port", Integer.toString(SessionLogEvent.natSourcePort(ports)));
    address(out, "nat-destination-address", e[NAT_DESTINATION_HI], e[NAT_DESTINATION_LO]);
    param(out, "nat-destination-port", Integer.toString(SessionLogEvent.natDestinationPort(ports)));
    String[] rules = SessionLogFormatter.natRuleFields(config, SessionLogEvent.natRules(e[ZONES]));
    param(out, "src-nat-rule-name", rules[1]);
    param(out, "dst-nat-rule-name", rules[3]);
    param(out, "protocol-id", Integer.toString(SessionLogEvent.protocol(e[HEADER])));
    param(
        out,
        "policy-name",
        SessionLogFormatter.policyName(config, SessionLogEvent.policyIndex(e[POLICY])));
    param(
        out,
        "source-zone-name",
        SessionLogFormatter.zoneName(config, SessionLogEvent.fromZone(e[ZONES])));
    param(
        out,
        "destination-zone-name",
        SessionLogFormatter.zoneName(config, SessionLogEvent.toZone(e[ZONES])));
    param(out, "session-id-32", Long.toString(e[SESSION]));
    if (type != SessionLogEvent.APPTRACK_CREATE) {
      param(out, "packets-from-client", Long.toString(e[CLIENT_PACKETS]));
      param(out, "bytes-from-client", Long.toString(e[CLIENT_BYTES]));
      param(out, "packets-from-server", Long.toString(e[SERVER_PACKETS]));
      param(out, "bytes-from-server", Long.toString(e[SERVER_BYTES]));
      param(out, "elapsed-time", Long.toString(e[ELAPSED_SECONDS]));
    }
    param(out, "username", NA);
    param(out, "roles", NA);
    param(out, "encrypted", SessionLogFormatter.encrypted(e, config));
    if (type == SessionLogEvent.APPTRACK_CLOSE) {
      param(out, "profile-name", NA);
      param(out, "rule-name", NA);
      param(out, "routing-instance", routingInstance(e, config));
    }
    if (type != SessionLogEvent.APPTRACK_CREATE) {
      param(out, "destination-interface-name", egressInterface(e, config));
    }
    if (type == SessionLogEvent.APPTRACK_CLOSE) {
      param(out, "uplink-incoming-interface-name", NA);
      param(out, "uplink-tx-bytes", "0");
      param(out, "uplink-rx-bytes", "0");
      param(out, "multipath-rule-name", NA);
    }
    if (type != SessionLogEvent.APPTRACK_CREATE) {
      param(out, "src-vrf-grp", NA);
      param(out, "dst-vrf-grp", NA);
    }
    out.append(']');
  }

  /** The Out wing's interface: where the session's packets leave ({@code .local..0}: itself). */
  private static String egressInterface(long[] e, RuntimeConfig config) {
    int index = SessionLogEvent.egressInterface(e[APPLICATIONS]);
    if (index == SessionLogEvent.LOCAL_INTERFACE) {
      return RuntimeConfig.LOCAL_INTERFACE;
    }
    return index < config.interfaces().size() ? config.interfaceAt(index).name() : "unknown";
  }

  /** The routing instance of that interface; {@code default} for the master instance. */
  private static String routingInstance(long[] e, RuntimeConfig config) {
    int index = SessionLogEvent.egressRoutingInstance(e[APPLICATIONS]);
    return index > 0 && index < config.routingInstances().size()
        ? config.routingInstances().get(index).name()
        : "default";
  }

  private static void endpoint(StringBuilder out, long hi, long lo, int port) {
    IpAddress.appendTo(out, hi, lo);
    out.append('/').append(port);
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
