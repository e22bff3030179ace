package org.flowgate.mgmt.log;

import static org.flowgate.dataplane.log.SessionLogEvent.DESTINATION_HI;
import static org.flowgate.dataplane.log.SessionLogEvent.DESTINATION_LO;
import static org.flowgate.dataplane.log.SessionLogEvent.HEADER;
import static org.flowgate.dataplane.log.SessionLogEvent.PORTS;
import static org.flowgate.dataplane.log.SessionLogEvent.SOURCE_HI;
import static org.flowgate.dataplane.log.SessionLogEvent.SOURCE_LO;
import static org.flowgate.dataplane.log.SessionLogEvent.TIME;

import org.flowgate.dataplane.log.SessionLogEvent;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.mgmt.render.ProtocolNames;

/**
 * AppQoS's APPQOS_LOG_EVENT, written when a rule with {@code then log} matches a session, one per
 * action of the rule (docs/adr/0044), under the RT_FLOW tag as AppTrack's messages.
 *
 * <pre>
 * structured [junos@2636.1.1.1.2.N timestamp="SECONDS" message-type="RULE_MATCH"
 *             source-address= source-port= destination-address= destination-port=
 *             protocol-name= application-name= rule-set-name= rule-name= action= argument=
 *             argument1=]
 * standard   ... HOST RT_FLOW: APPQOS_LOG_EVENT: SECONDS RULE_MATCH s/sp-&gt;d/dp protocol
 *             application rule-set rule action argument argument1
 * </pre>
 *
 * The structured field list is the one a public SRX log parser (RSA NetWitness's Juniper parser,
 * MESSAGE#119:APPQOS_LOG_EVENT) reads; the values of {@code timestamp} (the event's epoch seconds),
 * {@code message-type}, {@code action} and the arguments, and the standard layout (the same fields
 * in order, the endpoints as AppTrack writes them), are Flowgate's reading: no real line or message
 * template was found.
 *
 * <p>Thread: stateless.
 */
final class AppQosLogFormat {
  static final String MESSAGE_TYPE = "RULE_MATCH";

  private AppQosLogFormat() {}

  static void standard(StringBuilder out, long[] e, RuntimeConfig config) {
    String[] fields = SessionLogEvent.appQosFields(config, e);
    long ports = e[PORTS];
    SessionLogFormatter.bsdTimestamp(out, e[TIME]);
    out.append(' ').append(config.hostName()).append(" RT_FLOW: APPQOS_LOG_EVENT: ");
    out.append(e[TIME] / 1_000_000_000L).append(' ').append(MESSAGE_TYPE).append(' ');
    IpAddress.appendTo(out, e[SOURCE_HI], e[SOURCE_LO]);
    out.append('/').append(SessionLogEvent.sourcePort(ports)).append("->");
    IpAddress.appendTo(out, e[DESTINATION_HI], e[DESTINATION_LO]);
    out.append('/').append(SessionLogEvent.destinationPort(ports));
    out.append(' ').append(ProtocolNames.name(SessionLogEvent.protocol(e[HEADER])));
    out.append(' ').append(SessionLogFormatter.application(e, config));
    for (String field : fields) {
      out.append(' ').append(field);
    }
  }

  static void structured(StringBuilder out, long[] e, RuntimeConfig config, String sdId) {
    String[] fields = SessionLogEvent.appQosFields(config, e);
    long ports = e[PORTS];
    out.append("1 ");
    SessionLogFormatter.isoTimestamp(out, e[TIME]);
    out.append(' ').append(config.hostName()).append(" RT_FLOW - APPQOS_LOG_EVENT [").append(sdId);
    param(out, "timestamp", Long.toString(e[TIME] / 1_000_000_000L));
    param(out, "message-type", MESSAGE_TYPE);
    StringBuilder address = new StringBuilder();
    IpAddress.appendTo(address, e[SOURCE_HI], e[SOURCE_LO]);
    param(out, "source-address", address.toString());
    param(out, "source-port", Integer.toString(SessionLogEvent.sourcePort(ports)));
    address.setLength(0);
    IpAddress.appendTo(address, e[DESTINATION_HI], e[DESTINATION_LO]);
    param(out, "destination-address", address.toString());
    param(out, "destination-port", Integer.toString(SessionLogEvent.destinationPort(ports)));
    param(out, "protocol-name", ProtocolNames.name(SessionLogEvent.protocol(e[HEADER])));
    param(out, "application-name", SessionLogFormatter.application(e, config));
    param(out, "rule-set-name", fields[0]);
    param(out, "rule-name", fields[1]);
    param(out, "action", fields[2]);
    param(out, "argument", fields[3]);
    param(out, "argument1", fields[4]);
    out.append(']');
  }

  private static void param(StringBuilder out, String name, String value) {
    out.append(' ').append(name).append("=\"");
    SessionLogFormatter.escapeParamValue(out, value);
    out.append('"');
  }
}
