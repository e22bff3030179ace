package org.flowgate.mgmt.render;

import java.time.Duration;
import java.util.List;
import org.flowgate.mgmt.reply.InterfacesTerseReply;
import org.flowgate.mgmt.reply.MatchPoliciesReply;
import org.flowgate.mgmt.reply.PoliciesReply;
import org.flowgate.mgmt.reply.PolicyHitCountReply;
import org.flowgate.mgmt.reply.RouteReply;
import org.flowgate.mgmt.reply.ZonesReply;

/**
 * Junos CLI text of the configuration views: zones, policies (plain, detail, hit-count), {@code
 * match-policies}, route and interfaces terse. Layouts follow the vSRX 24.4 captures of [BPFRX]
 * (sample {@code show-security-policies-vsrx244-1.txt} and the same document's zones, route and
 * interfaces sections); what each line follows is in ADR 0021. Every value is read from the reply.
 * Stateless; any thread.
 */
public final class ConfigViewTextRenderer {
  private ConfigViewTextRenderer() {}

  // ---- show security zones ----------------------------------------------------------------------

  /**
   * One block per zone, a blank line between. {@code Policy configurable: Yes} carries the trailing
   * spaces of the real captures (two on a security zone, one on {@code junos-host}, as a vSRX
   * capture prints them).
   */
  static void zones(ZonesReply reply, StringBuilder out) {
    boolean first = true;
    for (ZonesReply.Zone zone : reply.zones()) {
      if (!first) {
        out.append('\n');
      }
      first = false;
      out.append("Security zone: ").append(zone.name()).append('\n');
      out.append("  Zone ID: ").append(zone.id()).append('\n');
      out.append("  Send reset for non-SYN session TCP packets: ")
          .append(zone.sendReset())
          .append('\n');
      out.append("  Policy configurable: ")
          .append(zone.policyConfigurable())
          .append(zone.hostZone() ? " " : "  ")
          .append('\n');
      if (zone.screen() != null) {
        out.append("  Screen: ").append(zone.screen()).append('\n');
      }
      out.append("  Interfaces bound: ").append(zone.interfaces().size()).append('\n');
      out.append("  Interfaces:\n");
      for (String name : zone.interfaces()) {
        out.append("    ").append(name).append('\n');
      }
      out.append("  Advanced-connection-tracking timeout: ")
          .append(zone.advancedConnectionTrackingTimeoutSeconds())
          .append('\n');
      out.append("  Unidirectional-session-refreshing: ")
          .append(zone.unidirectionalSessionRefreshing())
          .append('\n');
    }
  }

  // ---- show security policies -------------------------------------------------------------------

  static void policies(PoliciesReply reply, StringBuilder out) {
    if (reply.header()) {
      out.append("Default policy: ").append(reply.defaultPolicy()).append('\n');
      out.append("Default policy log Profile ID: ")
          .append(reply.defaultPolicyLogProfile())
          .append('\n');
      out.append("Pre ID default policy: ").append(reply.preIdDefaultPolicy()).append('\n');
      out.append("Default HTTP Mux policy: ").append(reply.defaultHttpMuxPolicy()).append('\n');
    }
    if (reply.detail()) {
      boolean first = true;
      for (PoliciesReply.Context context : reply.contexts()) {
        for (PoliciesReply.Policy policy : context.policies()) {
          out.append(first ? "" : "\n");
          detail(policy, false, out);
          first = false;
        }
      }
      for (PoliciesReply.Policy policy : reply.globals()) {
        out.append(first ? "" : "\n");
        detail(policy, false, out);
        first = false;
      }
      return;
    }
    for (PoliciesReply.Context context : reply.contexts()) {
      out.append("From zone: ")
          .append(context.fromZone())
          .append(", To zone: ")
          .append(context.toZone())
          .append('\n');
      for (PoliciesReply.Policy policy : context.policies()) {
        brief(policy, out);
      }
    }
    if (!reply.globals().isEmpty()) {
      out.append("Global policies:\n");
      for (PoliciesReply.Policy policy : reply.globals()) {
        brief(policy, out);
      }
    }
  }

  /** The vSRX 24.4 block: vrf groups and identity feeds around the matches. */
  private static void brief(PoliciesReply.Policy p, StringBuilder out) {
    out.append("  Policy: ")
        .append(p.name())
        .append(", State: ")
        .append(p.state())
        .append(", Index: ")
        .append(p.index())
        .append(", Scope Policy: ")
        .append(p.scope())
        .append(", Sequence number: ")
        .append(p.sequence())
        .append(", Log Profile ID: ")
        .append(p.logProfile())
        .append('\n');
    if (p.global()) {
      out.append("    From zones: ").append(String.join(", ", p.fromZones())).append('\n');
      out.append("    To zones: ").append(String.join(", ", p.toZones())).append('\n');
    }
    out.append("    Source vrf group: ").append(p.sourceVrfGroup()).append('\n');
    out.append("    Destination vrf group: ").append(p.destinationVrfGroup()).append('\n');
    out.append("    Source addresses: ")
        .append(String.join(", ", p.sourceAddresses()))
        .append('\n');
    out.append("    Destination addresses: ")
        .append(String.join(", ", p.destinationAddresses()))
        .append('\n');
    out.append("    Applications: ").append(String.join(", ", p.applications())).append('\n');
    if (!p.dynamicApplications().isEmpty()) {
      out.append("    Dynamic Applications: ")
          .append(String.join(", ", p.dynamicApplications()))
          .append('\n');
    }
    out.append("    Source identity feeds: ").append(p.sourceIdentityFeeds()).append('\n');
    out.append("    Destination identity feeds: ")
        .append(p.destinationIdentityFeeds())
        .append('\n');
    out.append("    Action: ").append(actionWords(p)).append('\n');
  }

  /** {@code permit}, {@code reject, log}, {@code permit, log, count}. */
  static String actionWords(PoliciesReply.Policy p) {
    return p.action() + (p.log() ? ", log" : "") + (p.count() ? ", count" : "");
  }

  /**
   * The detail block of the vSRX 24.4 capture. {@code matchPolicies} writes the destination ports
   * as {@code show security match-policies} does ({@code Destination port range: [80-80]}); the
   * policies view writes one port alone ({@code Destination ports: 80}) and a range in brackets.
   */
  static void detail(PoliciesReply.Policy p, boolean matchPolicies, StringBuilder out) {
    out.append("Policy: ")
        .append(p.name())
        .append(", action-type: ")
        .append(p.action())
        .append(", services-offload:")
        .append(p.servicesOffload())
        .append(" , State: ")
        .append(p.state())
        .append(", Index: ")
        .append(p.index())
        .append(", Scope Policy: ")
        .append(p.scope())
        .append('\n');
    out.append("  Policy Type: Configured\n");
    out.append("  Sequence number: ").append(p.sequence()).append('\n');
    if (p.global()) {
      out.append("  From zones: ")
          .append(String.join(", ", p.fromZones()))
          .append(", To zones: ")
          .append(String.join(", ", p.toZones()))
          .append('\n');
    } else {
      out.append("  From zone: ")
          .append(p.fromZones().getFirst())
          .append(", To zone: ")
          .append(p.toZones().getFirst())
          .append('\n');
    }
    out.append("  Source vrf group:\n    ").append(p.sourceVrfGroup()).append('\n');
    out.append("  Destination vrf group:\n    ").append(p.destinationVrfGroup()).append('\n');
    out.append("  Source addresses:\n");
    addresses(p.sourceDetails(), out);
    out.append("  Destination addresses:\n");
    addresses(p.destinationDetails(), out);
    if (!p.dynamicApplications().isEmpty()) {
      out.append("  Dynamic Application:\n");
      for (String name : p.dynamicApplications()) {
        out.append("    ").append(name).append('\n');
      }
    }
    for (PoliciesReply.ApplicationDetail application : p.applicationDetails()) {
      out.append("  Application: ").append(application.name()).append('\n');
      for (PoliciesReply.Term term : application.terms()) {
        out.append("    IP protocol: ")
            .append(term.protocol())
            .append(", ALG: ")
            .append(term.alg())
            .append(", Inactivity timeout: ")
            .append(term.inactivityTimeoutSeconds())
            .append('\n');
        out.append("      Source port range: [")
            .append(term.sourcePortLow())
            .append('-')
            .append(term.sourcePortHigh())
            .append("]\n");
        if (matchPolicies) {
          out.append("      Destination port range: [")
              .append(term.destinationPortLow())
              .append('-')
              .append(term.destinationPortHigh())
              .append("]\n");
        } else if (term.destinationPortLow() == term.destinationPortHigh()
            && term.destinationPortLow() != 0) {
          out.append("      Destination ports: ").append(term.destinationPortLow()).append('\n');
        } else {
          out.append("      Destination ports: [")
              .append(term.destinationPortLow())
              .append('-')
              .append(term.destinationPortHigh())
              .append("]\n");
        }
      }
    }
    out.append("  Source identity feeds:\n    ").append(p.sourceIdentityFeeds()).append('\n');
    out.append("  Destination identity feeds:\n    ")
        .append(p.destinationIdentityFeeds())
        .append('\n');
    out.append("  Per policy TCP Options: SYN check: ")
        .append(yesNo(p.synCheck()))
        .append(", SEQ check: ")
        .append(yesNo(p.sequenceCheck()))
        .append(", Window scale: ")
        .append(yesNo(p.windowScale()))
        .append('\n');
    if (p.log()) {
      out.append("  Session log: ")
          .append(
              p.logInit() && p.logClose()
                  ? "at-create, at-close"
                  : p.logInit() ? "at-create" : "at-close")
          .append('\n');
    }
  }

  private static void addresses(List<PoliciesReply.AddressDetail> details, StringBuilder out) {
    for (PoliciesReply.AddressDetail address : details) {
      out.append("    ").append(address.name());
      if (address.book() != null) {
        out.append('(').append(address.book()).append(')');
      }
      if (address.prefix() != null) {
        out.append(": ").append(address.prefix());
      }
      out.append('\n');
    }
  }

  private static String yesNo(boolean value) {
    return value ? "Yes" : "No";
  }

  // ---- show security match-policies -------------------------------------------------------------

  static void matchPolicies(MatchPoliciesReply reply, StringBuilder out) {
    boolean first = true;
    for (PoliciesReply.Policy policy : reply.policies()) {
      out.append(first ? "" : "\n");
      detail(policy, true, out);
      first = false;
    }
  }

  // ---- show security policies hit-count ---------------------------------------------------------

  /** Where each column of the hit-count table starts (the vSRX 24.4 capture). */
  private static final int[] HIT_COUNT_COLUMNS = {0, 8, 25, 43, 58, 72};

  /**
   * The capture's table: a column starts at its place, or one space after a value that ran into it
   * ({@code default-http-mux 0 Permit}).
   */
  static void hitCount(PolicyHitCountReply reply, StringBuilder out) {
    out.append("Logical system: ").append(reply.logicalSystem()).append('\n');
    out.append("Index   From zone        To zone           Name           Policy count  Action\n");
    for (PolicyHitCountReply.Row row : reply.rows()) {
      columns(
          out,
          HIT_COUNT_COLUMNS,
          Integer.toString(row.index()),
          row.fromZone(),
          row.toZone(),
          row.name(),
          Long.toString(row.count()),
          row.action());
    }
    out.append("Number of policy: ").append(reply.rows().size()).append('\n');
  }

  /** Values at their columns; a value that reaches the next column pushes it one space past it. */
  static void columns(StringBuilder out, int[] starts, String... values) {
    int lineStart = out.length();
    for (int i = 0; i < values.length; i++) {
      int at = out.length() - lineStart;
      if (i > 0) {
        int pad = Math.max(starts[i] - at, 1);
        out.append(" ".repeat(pad));
      }
      out.append(values[i]);
    }
    out.append('\n');
  }

  // ---- show route -------------------------------------------------------------------------------

  /**
   * Per table the header, the legend and the routes: {@code *[Static/5] 4d 07:44:55} then the next
   * hop on its own line (the vSRX 24.4 capture). A route whose age the engine cannot tell prints
   * without one.
   */
  static void route(RouteReply reply, StringBuilder out) {
    for (RouteReply.Table table : reply.tables()) {
      out.append('\n')
          .append(table.name())
          .append(": ")
          .append(table.destinationCount())
          .append(" destinations, ")
          .append(table.routeCount())
          .append(" routes (")
          .append(table.activeCount())
          .append(" active, ")
          .append(table.holddownCount())
          .append(" holddown, ")
          .append(table.hiddenCount())
          .append(" hidden)\n")
          .append("+ = Active Route, - = Last Active, * = Both\n\n");
      for (RouteReply.Destination destination : table.destinations()) {
        boolean first = true;
        for (RouteReply.Entry entry : destination.entries()) {
          String prefix = first ? destination.prefix() : "";
          out.append(prefix);
          int pad = 19 - prefix.length();
          out.append(" ".repeat(Math.max(pad, 1)));
          out.append(entry.active() ? '*' : ' ')
              .append('[')
              .append(entry.protocol())
              .append('/')
              .append(entry.preference())
              .append(']');
          if (entry.ageSeconds() >= 0) {
            out.append(' ').append(ViewTextRenderer.ago(Duration.ofSeconds(entry.ageSeconds())));
          }
          out.append('\n');
          out.append(nextHop(entry.nextHop())).append('\n');
          first = false;
        }
      }
    }
  }

  private static String nextHop(RouteReply.NextHop nextHop) {
    return switch (nextHop) {
      case RouteReply.NextHop.Forward f ->
          " ".repeat(20)
              + (f.gateway() != null
                  ? ">  to " + f.gateway() + " via " + f.interfaceName()
                  : ">  via " + f.interfaceName());
      case RouteReply.NextHop.Local l -> " ".repeat(23) + "Local via " + l.interfaceName();
      case RouteReply.NextHop.Drop d -> " ".repeat(23) + d.type();
    };
  }

  // ---- show interfaces terse --------------------------------------------------------------------

  /**
   * The columns of the capture: interface 24, admin 6, link 5, proto 9, then the address; a second
   * address of a family, or a second family, continues on its own line under the proto column.
   */
  static void interfacesTerse(InterfacesTerseReply reply, StringBuilder out) {
    out.append("Interface               Admin Link Proto    Local                 Remote\n");
    for (InterfacesTerseReply.Physical physical : reply.interfaces()) {
      out.append(column(physical.name(), 24))
          .append(column(physical.admin(), 6))
          .append(physical.link())
          .append('\n');
      for (InterfacesTerseReply.Logical unit : physical.units()) {
        String lead = column(unit.name(), 24) + column(unit.admin(), 6) + column(unit.link(), 5);
        if (unit.families().isEmpty()) {
          out.append(lead.stripTrailing()).append('\n');
          continue;
        }
        for (InterfacesTerseReply.Family family : unit.families()) {
          String protocol = column(family.name(), 9);
          if (family.addresses().isEmpty()) {
            out.append(lead).append(family.name()).append('\n');
            lead = " ".repeat(35);
            continue;
          }
          for (String address : family.addresses()) {
            out.append(lead).append(protocol).append(address).append('\n');
            lead = " ".repeat(35);
            protocol = " ".repeat(9);
          }
        }
      }
    }
  }

  /** A left-aligned column; a value as wide as the column or wider is followed by one space. */
  private static String column(String value, int width) {
    return value.length() < width ? value + " ".repeat(width - value.length()) : value + " ";
  }
}
