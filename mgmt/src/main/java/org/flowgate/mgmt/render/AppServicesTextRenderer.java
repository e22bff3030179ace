package org.flowgate.mgmt.render;

import org.flowgate.dataplane.control.TrafficControlStatistics;
import org.flowgate.mgmt.reply.AppServicesReply;

/**
 * Text of the AppQoS and AppTrack views (docs/adr/0034). The layouts follow Juniper's sample
 * outputs and field tables ({@code pic: 2/1}, {@code Counter type ... Value}; the rule table by
 * rule-set, rule and hits; the rate limiter table by rule-set, application and each direction's
 * limiter and rate); column widths are ours. The group views' layout is ours too, from the fields
 * Juniper's YANG names (docs/adr/0044: no real output found). Stateless; any thread.
 */
final class AppServicesTextRenderer {
  private AppServicesTextRenderer() {}

  static void render(AppServicesReply reply, StringBuilder out) {
    switch (reply) {
      case AppServicesReply.Counter r -> {
        for (AppServicesReply.Pic pic : r.pics()) {
          out.append("pic: ").append(pic.name()).append('\n');
          row(out, 40, "Counter type", "Value");
          for (AppServicesReply.CounterRow c : pic.counters()) {
            row(out, 40, c.name(), Long.toString(c.value()));
          }
          out.append('\n');
        }
      }
      case AppServicesReply.RuleStatistics r -> {
        for (AppServicesReply.Pic pic : r.pics()) {
          out.append("pic: ").append(pic.name()).append('\n');
          columns(out, new int[] {24, 24}, "Ruleset", "Rule", "Hits");
          for (TrafficControlStatistics.RuleHits hits : pic.statistics().rules()) {
            columns(
                out, new int[] {24, 24}, hits.ruleSet(), hits.rule(), Long.toString(hits.hits()));
          }
          out.append('\n');
        }
      }
      case AppServicesReply.RateLimiterStatistics r -> {
        for (AppServicesReply.Pic pic : r.pics()) {
          out.append("pic: ").append(pic.name()).append('\n');
          int[] widths = {18, 18, 19, 11, 19};
          columns(
              out,
              widths,
              "Ruleset",
              "Application",
              "Client-to-server",
              "Rate(kbps)",
              "Server-to-client",
              "Rate(kbps)");
          for (TrafficControlStatistics.RateLimited l : pic.statistics().rateLimited()) {
            columns(
                out,
                widths,
                l.ruleSet(),
                l.application(),
                l.clientToServer() == null ? "N/A" : l.clientToServer(),
                Long.toString(l.clientToServerKbps()),
                l.serverToClient() == null ? "N/A" : l.serverToClient(),
                Long.toString(l.serverToClientKbps()));
          }
          out.append('\n');
        }
      }
      case AppServicesReply.GroupSummary r -> {
        out.append("Application Group(s): ").append(r.groups().size()).append('\n');
        columns(out, new int[] {10, 8}, " Disabled", "ID", "Name");
        for (org.flowgate.dataplane.control.ApplicationGroupListing.Group group : r.groups()) {
          columns(out, new int[] {10, 8}, " No", Integer.toString(group.id()), group.name());
        }
      }
      case AppServicesReply.GroupDetail r -> {
        org.flowgate.dataplane.control.ApplicationGroupListing.Group group = r.group();
        out.append("Group Name: ").append(group.name()).append('\n');
        out.append("  Application Group ID: ").append(group.id()).append('\n');
        out.append("  Type: ").append(group.custom() ? "custom" : "predefined").append('\n');
        out.append("  Disabled: No\n");
        out.append("  Number of Parent Groups: ").append(group.parentGroups().size()).append('\n');
        out.append("  Number of Applications: ").append(group.applications().size()).append('\n');
        out.append("  Number of Child Groups: ").append(group.childGroups().size()).append('\n');
        list(out, "  Applications:", group.applications());
        list(out, "  Child Groups:", group.childGroups());
        list(out, "  Parent Groups:", group.parentGroups());
      }
      case AppServicesReply.AppTrackCounters r -> {
        out.append("AVT counters:");
        pad(out, "AVT counters:".length(), 40);
        out.append("Value\n");
        row(out, 40, "  Session create messages", Long.toString(r.sessionCreateMessages()));
        row(out, 40, "  Session close messages", Long.toString(r.sessionCloseMessages()));
        row(out, 40, "  Session volume updates", Long.toString(r.sessionVolumeUpdates()));
        row(out, 40, "  Failed messages", Long.toString(r.failedMessages()));
      }
    }
  }

  private static void list(StringBuilder out, String title, java.util.List<String> names) {
    out.append(title).append('\n');
    for (String name : names) {
      out.append("    ").append(name).append('\n');
    }
  }

  private static void row(StringBuilder out, int width, String name, String value) {
    out.append(name);
    pad(out, name.length(), width);
    out.append(value).append('\n');
  }

  /** Each value but the last padded to its width (at least one space after it). */
  private static void columns(StringBuilder out, int[] widths, String... values) {
    for (int i = 0; i < values.length; i++) {
      out.append(values[i]);
      if (i < values.length - 1) {
        pad(out, values[i].length(), widths[i]);
      }
    }
    out.append('\n');
  }

  private static void pad(StringBuilder out, int length, int width) {
    int spaces = Math.max(1, width - length);
    for (int i = 0; i < spaces; i++) {
      out.append(' ');
    }
  }
}
