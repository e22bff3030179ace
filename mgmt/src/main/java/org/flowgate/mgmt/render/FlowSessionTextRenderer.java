package org.flowgate.mgmt.render;

import java.util.ArrayList;
import java.util.List;
import org.flowgate.dataplane.control.SessionSnapshot;
import org.flowgate.dataplane.control.SpuLocation;
import org.flowgate.dataplane.control.WingSnapshot;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.mgmt.reply.FlowSessionReply;
import org.flowgate.mgmt.reply.Placeholders;
import org.flowgate.mgmt.reply.SpuSessions;

/**
 * Junos CLI text of {@code show security flow session} (default, {@code brief}, {@code extensive})
 * and of {@code session-identifier <id>}, in the style of vSRX 24.4 (reference §1.1, §1.3).
 *
 * <pre>
 * brief, one SPU                              multi-SPU (brief or extensive)
 *   Session ID: .., Session State: Valid        Flow Sessions on FPC0 PIC1:
 *     In: a/p --> b/q;tcp, .. Bytes: n,&#x2423;           &lt;blank&gt;
 *     Out: ..                                   &lt;sessions, blank line between them&gt;
 *   &lt;blank&gt;                                     Total sessions: N
 *   Session ID: ..                              &lt;blank&gt;
 *   Total sessions: N                           Flow Sessions on FPC0 PIC2:
 *                                               ...
 * extensive, one SPU: a blank line, then the sessions with a blank line between them, then
 * {@code Total sessions: N} (both real extensive samples open with the blank line).
 * </pre>
 *
 * Wing lines on a multi-SPU table end in {@code CP Session ID: <n>} instead of the trailing {@code
 * ", "}. Every line ends with {@code "\n"}; trailing spaces are part of the format. Stateless; any
 * thread.
 */
public final class FlowSessionTextRenderer {
  /**
   * {@code Tunnel info} is {@code (tunnel-type code << 29) | tunnel id}; the code of IPsec is 1
   * (reference §1.3, checked on three real values).
   */
  private static final long IPSEC_TUNNEL_INFO = 1L << 29;

  private FlowSessionTextRenderer() {}

  /** The whole reply as text. */
  public static String render(FlowSessionReply reply) {
    StringBuilder out = new StringBuilder(256 + 512 * reply.sessionCount());
    render(reply, out);
    return out.toString();
  }

  /** Appends the whole reply as text to {@code out}. */
  public static void render(FlowSessionReply reply, StringBuilder out) {
    if (!reply.multiSpu()) {
      List<SessionSnapshot> sessions = new ArrayList<>(reply.sessionCount());
      for (SpuSessions section : reply.sections()) {
        sessions.addAll(section.sessions());
      }
      if (reply.view() == FlowSessionReply.View.EXTENSIVE) {
        out.append('\n');
      }
      appendSessionList(reply.view(), false, sessions, out);
      return;
    }
    boolean first = true;
    for (SpuSessions section : reply.sections()) {
      if (!first) {
        out.append('\n');
      }
      first = false;
      out.append("Flow Sessions on ").append(SpuLocation.name(section.spu())).append(":\n\n");
      appendSessionList(reply.view(), true, section.sessions(), out);
    }
  }

  private static void appendSessionList(
      FlowSessionReply.View view,
      boolean multiSpu,
      List<SessionSnapshot> sessions,
      StringBuilder out) {
    boolean first = true;
    for (SessionSnapshot session : sessions) {
      if (!first) {
        out.append('\n');
      }
      first = false;
      switch (view) {
        case BRIEF -> appendBrief(session, multiSpu, out);
        case EXTENSIVE -> appendExtensive(session, multiSpu, out);
      }
    }
    out.append("Total sessions: ").append(sessions.size()).append('\n');
  }

  // ---- brief / default ------------------------------------------------------------------------

  static void appendBrief(SessionSnapshot session, boolean multiSpu, StringBuilder out) {
    out.append("Session ID: ").append(session.sessionId()).append(", Policy name: ");
    if (session.policyName() == null) {
      out.append("N/A, Timeout: N/A");
    } else {
      out.append(session.policyName())
          .append('/')
          .append(session.policyId())
          .append(", Timeout: ")
          .append(session.currentTimeoutSeconds());
    }
    out.append(", Session State: ").append(session.state().junosName()).append('\n');
    appendResource(session, out);
    appendBriefWing(session.forward(), multiSpu, out);
    if (session.reverse() != null) {
      appendBriefWing(session.reverse(), multiSpu, out);
    }
  }

  /** {@code Resource information : FTP ALG, group, resource} for a resource-manager session. */
  private static void appendResource(SessionSnapshot session, StringBuilder out) {
    SessionSnapshot.ResourceInformation r = session.resource();
    if (r != null) {
      out.append("  Resource information : ")
          .append(r.alg())
          .append(", ")
          .append(r.groupId())
          .append(", ")
          .append(r.resourceId())
          .append('\n');
    }
  }

  private static void appendBriefWing(WingSnapshot wing, boolean multiSpu, StringBuilder out) {
    out.append("  ").append(wing.direction()).append(": ");
    appendFiveTuple(wing, out);
    out.append(", Conn Tag: 0x")
        .append(Long.toHexString(wing.connTag()))
        .append(", If: ")
        .append(wing.interfaceName())
        .append(", ");
    appendCounters(wing, multiSpu, out);
    if (!multiSpu) {
      out.append(", ");
    }
    out.append('\n');
  }

  // ---- extensive / session-identifier ---------------------------------------------------------

  static void appendExtensive(SessionSnapshot session, boolean multiSpu, StringBuilder out) {
    out.append("Session ID: ")
        .append(session.sessionId())
        .append(", Status: ")
        .append(session.status())
        .append('\n');
    out.append("Flags: ");
    appendFlags(session.sessionFlags(), out);
    if (session.sessionFlags() == null || session.sessionFlags().size() == 4) {
      // the engine computes four words; Junos 25.x prints a fifth (ADR 0020, declared values)
      out.append("/0x").append(Long.toHexString(Placeholders.SESSION_FLAG_WORD5));
    }
    out.append('\n');
    out.append("Policy name: ");
    if (session.policyName() == null) {
      out.append("N/A");
    } else {
      out.append(session.policyName()).append('/').append(session.policyId());
    }
    out.append('\n');
    out.append("Source NAT pool: ")
        .append(session.sourceNatPoolName() == null ? "Null" : session.sourceNatPoolName());
    if (session.applicationName() != null) {
      out.append(", Application: ")
          .append(session.applicationName())
          .append('/')
          .append(session.applicationId());
    }
    out.append('\n');
    out.append("Dynamic application: ").append(session.dynamicApplication()).append(", ");
    if (session.applicationIdentified()) {
      out.append("Dynamic nested application: ").append(session.nestedApplication());
    }
    out.append('\n');
    out.append("Encryption:  ").append(session.encryption()).append('\n');
    out.append("Url-category:  ").append(Placeholders.URL_CATEGORY).append('\n');
    out.append("Application traffic control rule-set: ")
        .append(session.trafficControlRuleSet())
        .append(", Rule: ")
        .append(session.trafficControlRule())
        .append('\n');
    out.append("Maximum timeout: ")
        .append(session.maximumTimeoutSeconds())
        .append(", Current timeout: ")
        .append(session.currentTimeoutSeconds())
        .append('\n');
    out.append("Session State: ").append(session.state().junosName()).append('\n');
    out.append("Start time: ")
        .append(session.startTimeSeconds())
        .append(", Duration: ")
        .append(session.durationSeconds())
        .append('\n');
    SessionSnapshot.ResourceInformation r = session.resource();
    if (r != null) {
      out.append("Resource information : ")
          .append(r.alg())
          .append(", ")
          .append(r.groupId())
          .append(", ")
          .append(r.resourceId())
          .append('\n');
    }
    appendExtensiveWing(session.forward(), true, multiSpu, out);
    if (session.reverse() != null) {
      appendExtensiveWing(session.reverse(), false, multiSpu, out);
    }
  }

  private static void appendExtensiveWing(
      WingSnapshot wing, boolean forward, boolean multiSpu, StringBuilder out) {
    out.append("   ").append(wing.direction()).append(": ");
    appendFiveTuple(wing, out);
    out.append(", \n");
    out.append("  Conn Tag: 0x").append(Long.toHexString(wing.connTag())).append(", ");
    if (forward) {
      out.append("Attachment Id: ")
          .append(Placeholders.ATTACHMENT_ID)
          .append(", GW Endpoint Id: ")
          .append(Placeholders.GW_ENDPOINT_ID)
          .append(", Flow Cookie: ")
          .append(Placeholders.FLOW_COOKIE)
          .append(", ");
    }
    out.append("Interface: ").append(wing.interfaceName()).append(", \n");
    out.append("    Session token: 0x")
        .append(Integer.toHexString(wing.sessionToken()))
        .append(", Flag: 0x")
        .append(Long.toHexString(wing.flag()))
        .append(", \n");
    out.append("    Power-Mode Active: ").append(Placeholders.POWER_MODE_ACTIVE).append(" \n");
    out.append("    Route: 0x").append(Long.toHexString(wing.route())).append(", Gateway: ");
    appendAddress(wing.gateway(), out);
    out.append(", Tunnel ID: ").append(wing.tunnelId());
    if (wing.tunnelId() == 0) {
      out.append(", Tunnel type: None, \n");
    } else {
      out.append(", Tunnel type: IPsec, Tunnel info: ")
          .append(IPSEC_TUNNEL_INFO | wing.tunnelId())
          .append(" \n");
    }
    out.append("    Port sequence: ")
        .append(wing.portSequence())
        .append(", FIN sequence: ")
        .append(wing.finSequence())
        .append(", \n");
    out.append("    FIN state: ").append(wing.finState()).append(", \n");
    out.append("    ");
    appendCounters(wing, multiSpu, out);
    out.append('\n');
  }

  /** {@code 0x40/0x0/0x2/0x400003}; a snapshot without flags shows the four words as zero. */
  private static void appendFlags(java.util.List<Long> flags, StringBuilder out) {
    if (flags == null || flags.isEmpty()) {
      out.append("0x0/0x0/0x0/0x0");
      return;
    }
    for (int i = 0; i < flags.size(); i++) {
      if (i > 0) {
        out.append('/');
      }
      out.append("0x").append(Long.toHexString(flags.get(i)));
    }
  }

  // ---- shared by both views -------------------------------------------------------------------

  /** {@code 100.1.0.2/1 --> 100.2.0.2/43583;icmp} */
  private static void appendFiveTuple(WingSnapshot wing, StringBuilder out) {
    appendAddress(wing.sourceAddress(), out);
    out.append('/').append(wing.sourcePort()).append(" --> ");
    appendAddress(wing.destinationAddress(), out);
    out.append('/')
        .append(wing.destinationPort())
        .append(';')
        .append(ProtocolNames.name(wing.protocol()));
  }

  /** {@code Pkts: 1, Bytes: 84}, plus {@code , CP Session ID: <n>} on a multi-SPU table. */
  private static void appendCounters(WingSnapshot wing, boolean multiSpu, StringBuilder out) {
    out.append("Pkts: ").append(wing.packets()).append(", Bytes: ").append(wing.bytes());
    if (multiSpu) {
      out.append(", CP Session ID: ").append(wing.cpSessionId());
    }
  }

  /** A wing without a gateway (no route resolved yet) shows the unspecified address. */
  private static void appendAddress(IpAddress address, StringBuilder out) {
    if (address == null) {
      out.append("0.0.0.0");
    } else {
      IpAddress.appendTo(out, address.hi(), address.lo());
    }
  }
}
