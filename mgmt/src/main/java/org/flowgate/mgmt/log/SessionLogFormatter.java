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

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.flowgate.dataplane.log.SessionLogEvent;
import org.flowgate.dataplane.nat.NatBinding;
import org.flowgate.dataplane.nat.NatConfig;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.dataplane.policy.PolicyTable;
import org.flowgate.dataplane.policy.SecurityPolicy;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.mgmt.reply.Placeholders;

/**
 * Writes one {@link SessionLogEvent} as an RT_FLOW syslog message, in the standard text form or the
 * structured RFC 5424 form (reference §3.1, §3.2). Names come from the configuration the logger is
 * given; fields Flowgate does not have yet print as an SRX prints them without the feature.
 *
 * <pre>
 * standard   &lt;PRI&gt;Mmm dd hh:mm:ss HOST RT_FLOW: RT_FLOW_SESSION_CREATE: session created ...
 *            (RFC 3164 header; the day is space-padded; a file omits &lt;PRI&gt;)
 * structured &lt;PRI&gt;1 yyyy-mm-ddThh:mm:ss.mmmZ HOST RT_FLOW - RT_FLOW_SESSION_CREATE [SD-ID k="v" ...]
 *            (RFC 5424 §6: VERSION 1, PROCID nil, MSGID = event, one SD-ELEMENT, no MSG)
 *            SD-ID junos@2636.1.1.1.2.&lt;platform&gt;; in PARAM-VALUE '"', '\' and ']' are escaped
 *            with '\' (§6.3.3)
 * </pre>
 *
 * <p>Field sets: the standard text follows the SRX1500 lines of reference §3.1 (Junos 15.1X49 and
 * later: connection tags, NAT rule types, application fields); the structured form follows the 2019
 * sd-syslog lines of §3.2 (with the four application-category fields). Placeholders without the
 * feature: NAT tuple = the untranslated one, rule types and names {@code N/A}, username and roles
 * {@code N/A}. {@code service-name} is the application the policy matched ({@code None} for {@code
 * any}); {@code application}, {@code nested-application} and {@code encrypted} come from
 * application identification (docs/adr/0014; {@code UNKNOWN} while a session is still Pending at
 * its create). See docs/adr/0007-session-log.md.
 *
 * <p>Thread: confined to the logger thread (it reuses its buffers).
 */
public final class SessionLogFormatter {

  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };
  private static final String JUNIPER_SD_ID = "junos@2636.1.1.1.2.";
  private static final String NONE = "None";
  private static final String NOT_APPLICABLE = Placeholders.LOG_NOT_APPLICABLE;

  /** The zone a wing shows when it ends on the firewall itself. */
  static final String HOST_ZONE = "junos-host";

  private final SessionLogConfig.Format format;
  private final String sdId;
  private final int priority;

  public SessionLogFormatter(SessionLogConfig config) {
    this(config, config.format());
  }

  /** Formats in {@code format} with the platform and priority of {@code config}. */
  public SessionLogFormatter(SessionLogConfig config, SessionLogConfig.Format format) {
    this.format = format;
    this.sdId = JUNIPER_SD_ID + config.platform();
    this.priority = config.priority();
  }

  public SessionLogConfig.Format format() {
    return format;
  }

  /**
   * Appends the whole message, {@code <PRI>} first, for a remote host. Returns the length of the
   * {@code <PRI>} part, which a file leaves out in the standard form.
   */
  public int append(StringBuilder out, long[] event, RuntimeConfig config) {
    int start = out.length();
    boolean screen = SessionLogEvent.type(event[HEADER]) == SessionLogEvent.SCREEN;
    out.append('<').append(screen ? ScreenLogFormat.priority(priority) : priority).append('>');
    int priLength = out.length() - start;
    if (screen) {
      if (format == SessionLogConfig.Format.STANDARD) {
        bsdTimestamp(out, event[TIME]);
        out.append(' ').append(config.hostName()).append(' ');
        ScreenLogFormat.standard(out, event, config);
      } else {
        out.append("1 ");
        isoTimestamp(out, event[TIME]);
        out.append(' ').append(config.hostName()).append(' ');
        ScreenLogFormat.structured(out, event, config, sdId);
      }
      return priLength;
    }
    if (SessionLogEvent.type(event[HEADER]) == SessionLogEvent.APPQOS_LOG) {
      if (format == SessionLogConfig.Format.STANDARD) {
        AppQosLogFormat.standard(out, event, config);
      } else {
        AppQosLogFormat.structured(out, event, config, sdId);
      }
      return priLength;
    }
    if (SessionLogEvent.type(event[HEADER]) == SessionLogEvent.PORT_BLOCK) {
      if (format == SessionLogConfig.Format.STANDARD) {
        PortBlockLogFormat.standard(out, event, config);
      } else {
        PortBlockLogFormat.structured(out, event, config, sdId);
      }
      return priLength;
    }
    if (SessionLogEvent.appTrack(SessionLogEvent.type(event[HEADER]))) {
      if (format == SessionLogConfig.Format.STANDARD) {
        AppTrackLogFormat.standard(out, event, config);
      } else {
        AppTrackLogFormat.structured(out, event, config, sdId);
      }
      return priLength;
    }
    if (format == SessionLogConfig.Format.STANDARD) {
      appendStandard(out, event, config);
    } else {
      appendStructured(out, event, config);
    }
    return priLength;
  }

  // ------------------------------------------------------------------ standard text

  private void appendStandard(StringBuilder out, long[] e, RuntimeConfig config) {
    long header = e[HEADER];
    int type = SessionLogEvent.type(header);
    bsdTimestamp(out, e[TIME]);
    out.append(' ')
        .append(config.hostName())
        .append(" RT_FLOW: ")
        .append(messageId(type))
        .append(": ");
    switch (type) {
      case SessionLogEvent.CREATE -> {
        out.append("session created ");
        tupleAndNat(out, e, config);
        out.append(' ').append(SessionLogEvent.protocol(header));
        policyZonesSession(out, e, config);
        out.append(' ').append(Placeholders.LOG_USER_AND_ROLES).append(' ');
        out.append(interfaceName(config, e)).append(' ');
        // application, nested application, encrypted, category, sub-category, risk,
        // characteristics, source and destination VRF groups, tunnel inspection, policy set
        out.append(application(e, config)).append(' ').append(nested(e, config)).append(' ');
        out.append(encrypted(e, config)).append(' ');
        out.append(Placeholders.LOG_NOT_APPLICABLE)
            .append(' ')
            .append(Placeholders.LOG_NOT_APPLICABLE)
            .append(' ');
        out.append(Placeholders.LOG_APPLICATION_RISK_STANDARD).append(' ');
        out.append(Placeholders.LOG_NOT_APPLICABLE).append(' ');
        out.append(Placeholders.LOG_NOT_APPLICABLE)
            .append(' ')
            .append(Placeholders.LOG_NOT_APPLICABLE)
            .append(' ');
        out.append(Placeholders.LOG_TUNNEL_INSPECTION)
            .append(' ')
            .append(Placeholders.LOG_POLICY_SET);
      }
      case SessionLogEvent.CLOSE -> {
        out.append("session closed ").append(closeReason(header)).append(": ");
        tupleAndNat(out, e, config);
        out.append(' ').append(SessionLogEvent.protocol(header));
        policyZonesSession(out, e, config);
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
        // application, nested application, user, interface, encrypted, category, sub-category,
        // risk, characteristics, the proxy's fields, VRF groups, tunnel inspection, policy set
        out.append(' ').append(application(e, config)).append(' ').append(nested(e, config));
        out.append(' ')
            .append(Placeholders.LOG_USER_AND_ROLES)
            .append(' ')
            .append(interfaceName(config, e));
        out.append(' ').append(encrypted(e, config));
        out.append(' ')
            .append(Placeholders.LOG_NOT_APPLICABLE)
            .append(' ')
            .append(Placeholders.LOG_NOT_APPLICABLE);
        out.append(' ').append(Placeholders.LOG_APPLICATION_RISK_STANDARD);
        out.append(' ').append(Placeholders.LOG_NOT_APPLICABLE);
        out.append(' ').append(Placeholders.LOG_PROXY_FIELDS);
        out.append(' ')
            .append(Placeholders.LOG_NOT_APPLICABLE)
            .append(' ')
            .append(Placeholders.LOG_NOT_APPLICABLE);
        out.append(' ')
            .append(Placeholders.LOG_TUNNEL_INSPECTION)
            .append(' ')
            .append(Placeholders.LOG_POLICY_SET);
      }
      case SessionLogEvent.DENY -> {
        out.append("session denied ");
        endpoint(out, e[SOURCE_HI], e[SOURCE_LO], SessionLogEvent.sourcePort(e[PORTS]));
        out.append("->");
        endpoint(
            out, e[DESTINATION_HI], e[DESTINATION_LO], SessionLogEvent.destinationPort(e[PORTS]));
        out.append(" 0x")
            .append(Long.toHexString(Placeholders.LOG_CONNECTION_TAG))
            .append(' ')
            .append(NONE)
            .append(' ')
            .append(SessionLogEvent.protocol(header))
            .append('(')
            .append(SessionLogEvent.icmpType(header))
            .append(") ");
        out.append(policyName(config, SessionLogEvent.policyIndex(e[POLICY])))
            .append(' ')
            .append(zoneName(config, SessionLogEvent.fromZone(e[ZONES])))
            .append(' ')
            .append(zoneName(config, SessionLogEvent.toZone(e[ZONES])));
        out.append(' ')
            .append(Placeholders.LOG_APPLICATION)
            .append(' ')
            .append(Placeholders.LOG_APPLICATION)
            .append(' ')
            .append(Placeholders.LOG_USER_AND_ROLES)
            .append(' ')
            .append(interfaceName(config, e))
            .append(' ')
            .append(Placeholders.LOG_ENCRYPTED)
            .append(' ')
            .append(
                natFailed(header)
                    ? "source NAT pool exhausted"
                    : rejected(header) ? "policy reject" : "policy deny");
      }
      default -> throw unknownType(type);
    }
  }

  private static MalformedEvent.Exception unknownType(int type) {
    return new MalformedEvent.Exception(
        MalformedEvent.UNKNOWN_TYPE, "not a session log event: type " + type);
  }

  /** {@code s/sp->d/dp 0x0 None ns/nsp->nd/ndp 0x0 N/A N/A N/A N/A} */
  private static void tupleAndNat(StringBuilder out, long[] e, RuntimeConfig config) {
    long ports = e[PORTS];
    endpoint(out, e[SOURCE_HI], e[SOURCE_LO], SessionLogEvent.sourcePort(ports));
    out.append("->");
    endpoint(out, e[DESTINATION_HI], e[DESTINATION_LO], SessionLogEvent.destinationPort(ports));
    out.append(" 0x").append(Long.toHexString(Placeholders.LOG_CONNECTION_TAG)).append(' ');
    out.append(serviceName(e, config)).append(' ');
    endpoint(out, e[NAT_SOURCE_HI], e[NAT_SOURCE_LO], SessionLogEvent.natSourcePort(ports));
    out.append("->");
    endpoint(
        out,
        e[NAT_DESTINATION_HI],
        e[NAT_DESTINATION_LO],
        SessionLogEvent.natDestinationPort(ports));
    out.append(" 0x").append(Long.toHexString(Placeholders.LOG_CONNECTION_TAG));
    for (String field : natRuleFields(config, SessionLogEvent.natRules(e[ZONES]))) {
      out.append(' ').append(field);
    }
  }

  /**
   * src-nat-rule-type, src-nat-rule-name, dst-nat-rule-type, dst-nat-rule-name: {@code source
   * rule}, {@code destination rule} or {@code static rule} with the rule's name, {@code N/A} where
   * no rule translated that side.
   */
  static String[] natRuleFields(RuntimeConfig config, int binding) {
    String[] fields = {NOT_APPLICABLE, NOT_APPLICABLE, NOT_APPLICABLE, NOT_APPLICABLE};
    NatConfig nat = config.nat();
    int source = NatBinding.sourceRule(binding);
    if (source >= 0) {
      boolean isStatic = NatBinding.sourceKind(binding) == NatBinding.SOURCE_STATIC;
      String name =
          isStatic
              ? (source < nat.staticRules().size() ? nat.staticRules().get(source).name() : null)
              : (source < nat.sourceRules().size() ? nat.sourceRules().get(source).name() : null);
      if (name != null) {
        fields[0] = isStatic ? "static rule" : "source rule";
        fields[1] = name;
      }
    }
    int destination = NatBinding.destinationRule(binding);
    if (destination >= 0) {
      boolean isStatic = NatBinding.destinationKind(binding) == NatBinding.DESTINATION_STATIC;
      String name =
          isStatic
              ? (destination < nat.staticRules().size()
                  ? nat.staticRules().get(destination).name()
                  : null)
              : (destination < nat.destinationRules().size()
                  ? nat.destinationRules().get(destination).name()
                  : null);
      if (name != null) {
        fields[2] = isStatic ? "static rule" : "destination rule";
        fields[3] = name;
      }
    }
    return fields;
  }

  private static void policyZonesSession(StringBuilder out, long[] e, RuntimeConfig config) {
    out.append(' ')
        .append(policyName(config, SessionLogEvent.policyIndex(e[POLICY])))
        .append(' ')
        .append(zoneName(config, SessionLogEvent.fromZone(e[ZONES])))
        .append(' ')
        .append(zoneName(config, SessionLogEvent.toZone(e[ZONES])))
        .append(' ')
        .append(e[SESSION]);
  }

  private static void endpoint(StringBuilder out, long hi, long lo, int port) {
    IpAddress.appendTo(out, hi, lo);
    out.append('/').append(port);
  }

  /** RFC 3164 §4.1.2 TIMESTAMP: {@code Mmm dd hh:mm:ss}, the day padded with a space. */
  static void bsdTimestamp(StringBuilder out, long epochNs) {
    LocalDateTime time = utc(epochNs);
    out.append(MONTHS[time.getMonthValue() - 1]).append(' ');
    if (time.getDayOfMonth() < 10) {
      out.append(' ');
    }
    out.append(time.getDayOfMonth()).append(' ');
    twoDigits(out, time.getHour());
    out.append(':');
    twoDigits(out, time.getMinute());
    out.append(':');
    twoDigits(out, time.getSecond());
  }

  // ------------------------------------------------------------------ structured

  private void appendStructured(StringBuilder out, long[] e, RuntimeConfig config) {
    long header = e[HEADER];
    int type = SessionLogEvent.type(header);
    long ports = e[PORTS];
    out.append("1 ");
    isoTimestamp(out, e[TIME]);
    out.append(' ')
        .append(config.hostName())
        .append(" RT_FLOW - ")
        .append(messageId(type))
        .append(" [")
        .append(sdId);
    if (type == SessionLogEvent.CLOSE) {
      param(out, "reason", closeReason(header));
    }
    address(out, "source-address", e[SOURCE_HI], e[SOURCE_LO]);
    number(out, "source-port", SessionLogEvent.sourcePort(ports));
    address(out, "destination-address", e[DESTINATION_HI], e[DESTINATION_LO]);
    number(out, "destination-port", SessionLogEvent.destinationPort(ports));
    number(out, "connection-tag", Placeholders.LOG_CONNECTION_TAG);
    param(out, "service-name", serviceName(e, config));
    if (type == SessionLogEvent.DENY) {
      number(out, "protocol-id", SessionLogEvent.protocol(header));
      number(out, "icmp-type", SessionLogEvent.icmpType(header));
      zonesAndPolicy(out, e, config);
      param(out, "application", Placeholders.LOG_APPLICATION);
      param(out, "nested-application", Placeholders.LOG_APPLICATION);
      param(out, "username", NOT_APPLICABLE);
      param(out, "roles", NOT_APPLICABLE);
      param(out, "packet-incoming-interface", interfaceName(config, e));
      param(out, "encrypted", Placeholders.LOG_DENY_ENCRYPTED);
      param(
          out,
          "reason",
          natFailed(header)
              ? "Source NAT pool exhausted"
              : rejected(header) ? "Rejected by policy" : "Denied by policy");
      number(out, "session-id-32", e[SESSION]);
    } else {
      address(out, "nat-source-address", e[NAT_SOURCE_HI], e[NAT_SOURCE_LO]);
      number(out, "nat-source-port", SessionLogEvent.natSourcePort(ports));
      address(out, "nat-destination-address", e[NAT_DESTINATION_HI], e[NAT_DESTINATION_LO]);
      number(out, "nat-destination-port", SessionLogEvent.natDestinationPort(ports));
      number(out, "nat-connection-tag", Placeholders.LOG_CONNECTION_TAG);
      String[] rules = natRuleFields(config, SessionLogEvent.natRules(e[ZONES]));
      param(out, "src-nat-rule-type", rules[0]);
      param(out, "src-nat-rule-name", rules[1]);
      param(out, "dst-nat-rule-type", rules[2]);
      param(out, "dst-nat-rule-name", rules[3]);
      number(out, "protocol-id", SessionLogEvent.protocol(header));
      zonesAndPolicy(out, e, config);
      number(out, "session-id-32", e[SESSION]);
      if (type == SessionLogEvent.CREATE) {
        param(out, "username", NOT_APPLICABLE);
        param(out, "roles", NOT_APPLICABLE);
        param(out, "packet-incoming-interface", interfaceName(config, e));
        param(out, "application", application(e, config));
        param(out, "nested-application", nested(e, config));
        param(out, "encrypted", encrypted(e, config));
      } else {
        number(out, "packets-from-client", e[CLIENT_PACKETS]);
        number(out, "bytes-from-client", e[CLIENT_BYTES]);
        number(out, "packets-from-server", e[SERVER_PACKETS]);
        number(out, "bytes-from-server", e[SERVER_BYTES]);
        number(out, "elapsed-time", e[ELAPSED_SECONDS]);
        param(out, "application", application(e, config));
        param(out, "nested-application", nested(e, config));
        param(out, "username", NOT_APPLICABLE);
        param(out, "roles", NOT_APPLICABLE);
        param(out, "packet-incoming-interface", interfaceName(config, e));
        param(out, "encrypted", encrypted(e, config));
      }
    }
    param(out, "application-category", NOT_APPLICABLE);
    param(out, "application-sub-category", NOT_APPLICABLE);
    number(out, "application-risk", Placeholders.LOG_APPLICATION_RISK_STRUCTURED);
    param(out, "application-characteristics", NOT_APPLICABLE);
    out.append(']');
  }

  private static void zonesAndPolicy(StringBuilder out, long[] e, RuntimeConfig config) {
    param(out, "policy-name", policyName(config, SessionLogEvent.policyIndex(e[POLICY])));
    param(out, "source-zone-name", zoneName(config, SessionLogEvent.fromZone(e[ZONES])));
    param(out, "destination-zone-name", zoneName(config, SessionLogEvent.toZone(e[ZONES])));
  }

  private static void param(StringBuilder out, String name, String value) {
    out.append(' ').append(name).append("=\"");
    escapeParamValue(out, value);
    out.append('"');
  }

  private static void number(StringBuilder out, String name, long value) {
    out.append(' ').append(name).append("=\"").append(value).append('"');
  }

  private static void address(StringBuilder out, String name, long hi, long lo) {
    out.append(' ').append(name).append("=\"");
    IpAddress.appendTo(out, hi, lo);
    out.append('"');
  }

  /** RFC 5424 §6.3.3: inside PARAM-VALUE, '"', '\' and ']' must be escaped with '\'. */
  static void escapeParamValue(StringBuilder out, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\' || c == ']') {
        out.append('\\');
      }
      out.append(c);
    }
  }

  /** RFC 5424 §6.2.3 TIMESTAMP in UTC with milliseconds: {@code 2019-12-27T09:48:23.298Z}. */
  static void isoTimestamp(StringBuilder out, long epochNs) {
    LocalDateTime time = utc(epochNs);
    out.append(time.getYear()).append('-');
    twoDigits(out, time.getMonthValue());
    out.append('-');
    twoDigits(out, time.getDayOfMonth());
    out.append('T');
    twoDigits(out, time.getHour());
    out.append(':');
    twoDigits(out, time.getMinute());
    out.append(':');
    twoDigits(out, time.getSecond());
    int millis = time.getNano() / 1_000_000;
    out.append('.')
        .append((char) ('0' + millis / 100))
        .append((char) ('0' + millis / 10 % 10))
        .append((char) ('0' + millis % 10))
        .append('Z');
  }

  // ------------------------------------------------------------------ names

  static String messageId(int type) {
    return switch (type) {
      case SessionLogEvent.CREATE -> "RT_FLOW_SESSION_CREATE";
      case SessionLogEvent.CLOSE -> "RT_FLOW_SESSION_CLOSE";
      case SessionLogEvent.DENY -> "RT_FLOW_SESSION_DENY";
      default -> throw unknownType(type);
    };
  }

  private static String closeReason(long header) {
    int reason = SessionLogEvent.closeReason(header);
    if (reason < 0 || reason >= CLOSE_REASONS) {
      throw new MalformedEvent.Exception(
          MalformedEvent.UNKNOWN_CLOSE_REASON, "no close reason " + reason);
    }
    return SessionLogEvent.closeReasonText(reason);
  }

  /** How many close reasons an event may name (numbers 0 to this, exclusive). */
  private static final int CLOSE_REASONS =
      org.flowgate.dataplane.session.CloseReason.values().length;

  private static boolean natFailed(long header) {
    return (SessionLogEvent.flags(header) & SessionLogEvent.FLAG_NAT_FAILED) != 0;
  }

  private static boolean rejected(long header) {
    return (SessionLogEvent.flags(header) & SessionLogEvent.FLAG_REJECT) != 0;
  }

  /** The application's name once application identification exists; {@code None} for now. */
  /** The application the policy matched ({@code junos-http}), {@code None} for {@code any}. */
  private static String serviceName(long[] e, RuntimeConfig config) {
    return SessionLogEvent.type(e[HEADER]) == SessionLogEvent.DENY
        ? NONE
        : SessionLogEvent.serviceName(config, e[POLICY]);
  }

  /** {@code application}: the dynamic application, as RT_FLOW names it ({@code HTTP}). */
  static String application(long[] e, RuntimeConfig config) {
    return SessionLogEvent.applicationName(
        config, SessionLogEvent.dynamicApplication(e[APPLICATIONS]));
  }

  /** {@code nested-application} ({@code FACEBOOK-ACCESS}, {@code UNKNOWN} for none). */
  static String nested(long[] e, RuntimeConfig config) {
    return SessionLogEvent.applicationName(
        config, SessionLogEvent.nestedApplication(e[APPLICATIONS]));
  }

  /** {@code encrypted}: Yes or No from the dynamic application, UNKNOWN before it is known. */
  static String encrypted(long[] e, RuntimeConfig config) {
    return SessionLogEvent.encrypted(config, SessionLogEvent.dynamicApplication(e[APPLICATIONS]));
  }

  /**
   * A global policy (no zones) prints with {@code (global)}, as {@code default-deny(global)} does.
   */
  static String policyName(RuntimeConfig config, int index) {
    PolicyTable policies = config.policies();
    if (index < 0 || index >= policies.policies().size()) {
      return "unknown";
    }
    SecurityPolicy policy = policies.get(index);
    boolean global =
        index >= PolicyTable.FIRST_USER_POLICY && policy.fromZone() < 0 && policy.toZone() < 0;
    return global ? policy.name() + "(global)" : policy.name();
  }

  /** The name of the interface at {@code index} of the event's POLICY word. */
  static String incomingInterfaceName(RuntimeConfig config, long[] e) {
    return interfaceName(config, e);
  }

  static String zoneName(RuntimeConfig config, int index) {
    if (index < 0) {
      return HOST_ZONE;
    }
    return index < config.zones().size() ? config.zones().get(index).name() : "unknown";
  }

  private static String interfaceName(RuntimeConfig config, long[] e) {
    int index = SessionLogEvent.incomingInterface(e[POLICY]);
    if (index == SessionLogEvent.LOCAL_INTERFACE) {
      return RuntimeConfig.LOCAL_INTERFACE;
    }
    return index < config.interfaces().size() ? config.interfaceAt(index).name() : "unknown";
  }

  private static LocalDateTime utc(long epochNs) {
    return LocalDateTime.ofEpochSecond(
        Math.floorDiv(epochNs, 1_000_000_000L),
        (int) Math.floorMod(epochNs, 1_000_000_000L),
        ZoneOffset.UTC);
  }

  private static void twoDigits(StringBuilder out, int value) {
    out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }
}
