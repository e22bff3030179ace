package org.flowgate.mgmt.render;

import static org.flowgate.mgmt.render.JunosElement.attribute;
import static org.flowgate.mgmt.render.JunosElement.container;
import static org.flowgate.mgmt.render.JunosElement.leaf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flowgate.dataplane.control.FlowSummary;
import org.flowgate.dataplane.control.SessionSnapshot;
import org.flowgate.dataplane.control.SpuLocation;
import org.flowgate.dataplane.control.WingSnapshot;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.mgmt.reply.FlowSessionClearReply;
import org.flowgate.mgmt.reply.FlowSessionReply;
import org.flowgate.mgmt.reply.FlowSummaryReply;
import org.flowgate.mgmt.reply.Placeholders;
import org.flowgate.mgmt.reply.RpcRequest;
import org.flowgate.mgmt.reply.SpuSessions;

/**
 * Turns reply models into the {@code <rpc-reply>} element trees a Junos device answers with
 * (reference §2.2, §2.4, samples {@code get-flow-session-information-*.xml}). Both {@link JunosXml}
 * and {@link JunosJson} write these trees; nothing here knows either format.
 *
 * <pre>
 * rpc-reply xmlns:junos=".../RELEASE/junos"
 *   flow-session-information xmlns=".../RELEASE/junos-flow"     one per SPU on a multi-SPU table
 *     flow-fpc-pic-id " on FPC0 PIC1:"                          multi-SPU only (leading space is real)
 *     flow-session junos:style="brief"                          per session
 *       session-identifier status session-flag policy nat-source-pool-name
 *       [application-name application-value]                    only when an application matched
 *       dynamic-application-name encryption-traffic-name " Unknown"
 *       application-traffic-control-rule-set-name application-traffic-control-rule-name
 *       configured-timeout timeout sess-state logical-system wan-acceleration
 *       start-time duration session-mask
 *       flow-information junos:style="brief"                    In, then Out (absent on one-wing sessions)
 *         direction source-address source-port destination-address destination-port protocol
 *         conn-tag interface-name session-token flag route gateway tunnel-information
 *         port-sequence fin-sequence fin-state seq-ack-diff pkt-cnt byte-cnt [dcp-session-id]
 *     displayed-session-count
 *   cli / banner ""
 * </pre>
 *
 * Readings where no real reply decides (kept in one place so the tests and the ADR can name them):
 *
 * <ul>
 *   <li>{@code extensive} uses {@code junos:style="extensive"}; every real sample is {@code brief},
 *       and the brief XML already holds every extensive field, so only the style differs.
 *   <li>{@code tunnel-information} is the extensive view's {@code Tunnel info} ({@code (1 << 29) |
 *       tunnel id} for IPsec, 0 without a tunnel); the samples only show 0.
 *   <li>A session without a policy shows {@code N/A} as its policy (as the text does).
 *   <li>The summary of a multi-SPU table: per SPU a {@code flow-session-information} holding only
 *       its {@code flow-fpc-pic-id}, then that SPU's {@code flow-session-summary-information}; one
 *       empty {@code flow-session-information} closes the list. With one SPU this is exactly the
 *       branch sample (empty, summary, empty).
 *   <li>The clear reply: {@code <clear-flow-session-information xmlns=".../junos-flow">} holding
 *       {@code <output>N active sessions cleared</output>}; only the reply element's name is
 *       documented (reference §1.7, §2.1).
 * </ul>
 *
 * Stateless; any thread.
 */
public final class JunosReplyTree {
  /**
   * The release in every namespace URI: vSRX 24.4R1-S2.9, the release of the captures whose text
   * style Flowgate follows (reference §1.1, [BPFRX]; ADR 0006). Junos writes its running release
   * into {@code http://xml.juniper.net/junos/<release>/...}, so a real device of another release
   * differs only there.
   */
  public static final String RELEASE = org.flowgate.mgmt.reply.DeviceModel.VSRX_RELEASE;

  /** {@code xmlns:junos} of {@code <rpc-reply>}. */
  public static final String JUNOS_NAMESPACE = "http://xml.juniper.net/junos/" + RELEASE + "/junos";

  /** Default namespace of the flow replies. */
  public static final String FLOW_NAMESPACE =
      "http://xml.juniper.net/junos/" + RELEASE + "/junos-flow";

  static final JunosElement.Attribute JUNOS_PREFIX = attribute("xmlns:junos", JUNOS_NAMESPACE);
  static final JunosElement.Attribute FLOW_DEFAULT = attribute("xmlns", FLOW_NAMESPACE);

  /** {@code Tunnel info} of an IPsec tunnel: type code 1 in the top three of 32 bits. */
  private static final long IPSEC_TUNNEL_INFO = 1L << 29;

  private JunosReplyTree() {}

  // ---- show security flow session [brief | extensive] ----------------------------------------

  /** The reply to {@code get-flow-session-information} / {@code get-flow-session-by-identifier}. */
  public static JunosElement of(FlowSessionReply reply) {
    String style =
        switch (reply.view()) {
          case BRIEF -> "brief";
          case EXTENSIVE -> "extensive";
        };
    List<JunosElement> body = new ArrayList<>();
    if (reply.multiSpu()) {
      for (SpuSessions section : reply.sections()) {
        body.add(
            sessionInformation(
                " on " + SpuLocation.name(section.spu()) + ":", section.sessions(), style, true));
      }
    } else {
      List<SessionSnapshot> sessions = new ArrayList<>(reply.sessionCount());
      for (SpuSessions section : reply.sections()) {
        sessions.addAll(section.sessions());
      }
      body.add(sessionInformation(null, sessions, style, false));
    }
    return rpcReply(body);
  }

  private static JunosElement sessionInformation(
      String fpcPicId, List<SessionSnapshot> sessions, String style, boolean multiSpu) {
    List<JunosElement> children = new ArrayList<>();
    if (fpcPicId != null) {
      children.add(leaf("flow-fpc-pic-id", fpcPicId));
    }
    for (SessionSnapshot session : sessions) {
      children.add(session(session, style, multiSpu));
    }
    children.add(leaf("displayed-session-count", sessions.size()));
    return container("flow-session-information", List.of(FLOW_DEFAULT), children);
  }

  static JunosElement session(SessionSnapshot s, String style, boolean multiSpu) {
    List<JunosElement> c = new ArrayList<>();
    c.add(leaf("session-identifier", s.sessionId()));
    c.add(leaf("status", s.status()));
    c.add(leaf("session-flag", flags(s.sessionFlags())));
    c.add(leaf("policy", s.policyName() == null ? "N/A" : s.policyName() + "/" + s.policyId()));
    c.add(
        leaf(
            "nat-source-pool-name",
            s.sourceNatPoolName() == null ? "Null" : s.sourceNatPoolName()));
    if (s.applicationName() != null) {
      c.add(leaf("application-name", s.applicationName()));
      c.add(leaf("application-value", s.applicationId()));
    }
    if (s.resource() != null) {
      // Resource information: the names of Juniper's 24.4R1 YANG (flow-session-information-block)
      c.add(
          container(
              "resource-manager-information",
              List.of(
                  leaf("client-name", s.resource().alg()),
                  leaf("group-identifier", s.resource().groupId()),
                  leaf("resource-identifier", s.resource().resourceId()))));
    }
    c.add(leaf("dynamic-application-name", s.dynamicApplication()));
    if (s.applicationIdentified()) {
      // the element name is Flowgate's: no real reply with a nested application was found
      c.add(leaf("dynamic-nested-application-name", s.nestedApplication()));
    }
    c.add(leaf("encryption-traffic-name", " " + s.encryption()));
    c.add(leaf("application-traffic-control-rule-set-name", s.trafficControlRuleSet()));
    c.add(leaf("application-traffic-control-rule-name", s.trafficControlRule()));
    c.add(leaf("configured-timeout", s.maximumTimeoutSeconds()));
    c.add(leaf("timeout", s.currentTimeoutSeconds()));
    c.add(leaf("sess-state", s.state().junosName()));
    c.add(leaf("logical-system", ""));
    c.add(leaf("wan-acceleration", ""));
    c.add(leaf("start-time", s.startTimeSeconds()));
    c.add(leaf("duration", s.durationSeconds()));
    c.add(leaf("session-mask", Placeholders.SESSION_MASK));
    c.add(wing(s.forward(), style, multiSpu));
    if (s.reverse() != null) {
      c.add(wing(s.reverse(), style, multiSpu));
    }
    return container("flow-session", List.of(attribute("junos:style", style)), c);
  }

  private static JunosElement wing(WingSnapshot w, String style, boolean multiSpu) {
    List<JunosElement> c = new ArrayList<>();
    c.add(leaf("direction", w.direction()));
    c.add(leaf("source-address", address(w.sourceAddress())));
    c.add(leaf("source-port", w.sourcePort()));
    c.add(leaf("destination-address", address(w.destinationAddress())));
    c.add(leaf("destination-port", w.destinationPort()));
    c.add(leaf("protocol", ProtocolNames.name(w.protocol())));
    c.add(leaf("conn-tag", hex(w.connTag())));
    c.add(leaf("interface-name", w.interfaceName()));
    c.add(leaf("session-token", hex(Integer.toUnsignedLong(w.sessionToken()))));
    c.add(leaf("flag", hex(w.flag())));
    c.add(leaf("route", hex(w.route())));
    c.add(leaf("gateway", address(w.gateway())));
    c.add(leaf("tunnel-information", w.tunnelId() == 0 ? 0 : IPSEC_TUNNEL_INFO | w.tunnelId()));
    c.add(leaf("port-sequence", w.portSequence()));
    c.add(leaf("fin-sequence", w.finSequence()));
    c.add(leaf("fin-state", w.finState()));
    c.add(leaf("seq-ack-diff", Placeholders.SEQ_ACK_DIFF));
    c.add(leaf("pkt-cnt", w.packets()));
    c.add(leaf("byte-cnt", w.bytes()));
    if (multiSpu) {
      c.add(leaf("dcp-session-id", w.cpSessionId()));
    }
    return container("flow-information", List.of(attribute("junos:style", style)), c);
  }

  // ---- show security flow session summary -----------------------------------------------------

  /** The reply to {@code get-flow-session-information} with {@code <summary/>}. */
  public static JunosElement of(FlowSummaryReply reply) {
    List<JunosElement> body = new ArrayList<>();
    if (reply.multiSpu()) {
      for (FlowSummary summary : reply.perSpu()) {
        body.add(
            container(
                "flow-session-information",
                List.of(FLOW_DEFAULT),
                List.of(leaf("flow-fpc-pic-id", " on " + SpuLocation.name(summary.spu()) + ":"))));
        body.add(summary(summary));
      }
    } else {
      body.add(container("flow-session-information", List.of(FLOW_DEFAULT), List.of()));
      body.add(
          summary(
              reply.perSpu().size() == 1
                  ? reply.perSpu().getFirst()
                  : FlowSummary.total(reply.perSpu())));
    }
    body.add(container("flow-session-information", List.of(FLOW_DEFAULT), List.of()));
    return rpcReply(body);
  }

  /**
   * The 15.1X49 elements (reference §2.4) with the two later ones where the vSRX 24.4 text prints
   * them: services-offload after multicast, drop-flow after failed.
   */
  private static JunosElement summary(FlowSummary s) {
    return container(
        "flow-session-summary-information",
        List.of(FLOW_DEFAULT),
        List.of(
            leaf("active-unicast-sessions", s.unicastSessions()),
            leaf("active-multicast-sessions", s.multicastSessions()),
            leaf("active-services-offload-sessions", s.servicesOffloadSessions()),
            leaf("failed-sessions", s.failedSessions()),
            leaf("active-drop-sessions", s.sessionsInDropFlow()),
            leaf("active-sessions", s.sessionsInUse()),
            leaf("active-session-valid", s.validSessions()),
            leaf("active-session-pending", s.pendingSessions()),
            leaf("active-session-invalidated", s.invalidatedSessions()),
            leaf("active-session-other", s.sessionsInOtherStates()),
            leaf("max-sessions", s.maximumSessions())));
  }

  // ---- clear security flow session … ---------------------------------------------------------

  /** The reply to {@code clear-flow-session}, {@code -all} and {@code -by-session-identifier}. */
  public static JunosElement of(FlowSessionClearReply reply) {
    return rpcReply(
        List.of(
            container(
                "clear-flow-session-information",
                List.of(FLOW_DEFAULT),
                List.of(leaf("output", reply.clearedSessions() + " active sessions cleared")))));
  }

  // ---- | display xml rpc -----------------------------------------------------------------------

  /**
   * {@code <rpc-reply><rpc><NAME>arguments</NAME></rpc><cli>..</cli></rpc-reply>}. The live capture
   * of reference §2.1 shows {@code <rpc-reply>} without the {@code xmlns:junos} declaration, so it
   * has none here either.
   */
  public static JunosElement of(RpcRequest request) {
    List<JunosElement> arguments = new ArrayList<>();
    for (Map.Entry<String, String> argument : request.arguments()) {
      arguments.add(
          argument.getValue().isEmpty()
              ? JunosElement.toggle(argument.getKey())
              : leaf(argument.getKey(), argument.getValue()));
    }
    return container(
        "rpc-reply",
        List.of(),
        List.of(container("rpc", List.of(container(request.name(), arguments))), cliBanner()));
  }

  // ---- shared ----------------------------------------------------------------------------------

  /**
   * An {@code <rpc-reply>} around any body, with the CLI trailer: for the replies whose element
   * names no public sample shows (statistics, status, monitoring), built where they are computed.
   */
  public static JunosElement reply(List<JunosElement> body) {
    return rpcReply(body);
  }

  private static JunosElement rpcReply(List<JunosElement> body) {
    List<JunosElement> children = new ArrayList<>(body);
    children.add(cliBanner());
    return container("rpc-reply", List.of(JUNOS_PREFIX), children);
  }

  /** The CLI's trailer; {@code {primary:node0}} in a cluster, empty standalone. */
  static JunosElement cliBanner() {
    return container("cli", List.of(leaf("banner", "")));
  }

  /** {@code 0x40/0x0/0x8003}; a snapshot without flags shows four zero words, as the text does. */
  private static String flags(List<Long> flags) {
    if (flags == null || flags.isEmpty()) {
      return "0x0/0x0/0x0/0x0";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < flags.size(); i++) {
      if (i > 0) {
        out.append('/');
      }
      out.append(hex(flags.get(i)));
    }
    return out.toString();
  }

  private static String hex(long value) {
    return "0x" + Long.toHexString(value);
  }

  /** A wing without a gateway shows the unspecified address, as the text does. */
  private static String address(IpAddress address) {
    return address == null ? "0.0.0.0" : IpAddress.format(address.hi(), address.lo());
  }
}
