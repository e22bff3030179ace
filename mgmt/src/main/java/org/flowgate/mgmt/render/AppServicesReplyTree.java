package org.flowgate.mgmt.render;

import static org.flowgate.mgmt.render.JunosElement.container;
import static org.flowgate.mgmt.render.JunosElement.leaf;

import java.util.ArrayList;
import java.util.List;
import org.flowgate.dataplane.control.TrafficControlStatistics;
import org.flowgate.mgmt.reply.AppServicesReply;

/**
 * The {@code <rpc-reply>} bodies of the AppQoS and AppTrack views (docs/adr/0034). AppQoS element
 * names are Juniper's (junos-es-rpc-class-of-service, 23.2R2 YANG: {@code
 * appqos-counter-information / pic / name, appqos-counter / counter-name, counter-value}; {@code
 * appqos-rule-statistics / ruleset-name, rule-name, rule-hits}; {@code
 * appqos-rate-limiter-statistics / application-ruleset-name, application-name, cts-rate-limiter,
 * cts-rate, stc-rate-limiter, stc-rate}); the AppTrack counters' are Juniper's too
 * (junos-es-rpc-security, 23.2R1 and 24.4R1 YANG: RPC {@code get-avt-counters}, {@code avt-counters
 * / avt-counter-statistics / name, value}, each name the text view's row), and so are the group
 * views' (junos-es-rpc-services 24.4R1: {@code appid-application-group / application-group-summary
 * / total-groups, application-group-summary-list / group-name, group-disabled, group-id}; {@code
 * application-group-detail / group-name, group-id, group-disabled, number-applications,
 * number-sub-groups, number-parent-groups, application-list-detail / application-name,
 * sub-groups-list-detail / group-name, parent-groups-list-detail / group-name}). Stateless; any
 * thread.
 */
final class AppServicesReplyTree {
  private AppServicesReplyTree() {}

  static JunosElement body(AppServicesReply reply) {
    return switch (reply) {
      case AppServicesReply.Counter r -> {
        List<JunosElement> pics = new ArrayList<>();
        for (AppServicesReply.Pic pic : r.pics()) {
          List<JunosElement> c = new ArrayList<>();
          c.add(leaf("name", pic.name()));
          for (AppServicesReply.CounterRow row : pic.counters()) {
            c.add(
                container(
                    "appqos-counter",
                    List.of(leaf("counter-name", row.name()), leaf("counter-value", row.value()))));
          }
          pics.add(container("pic", c));
        }
        yield container("appqos-counter-information", pics);
      }
      case AppServicesReply.RuleStatistics r -> {
        List<JunosElement> pics = new ArrayList<>();
        for (AppServicesReply.Pic pic : r.pics()) {
          List<JunosElement> c = new ArrayList<>();
          c.add(leaf("name", pic.name()));
          for (TrafficControlStatistics.RuleHits hits : pic.statistics().rules()) {
            c.add(
                container(
                    "appqos-rule-statistics",
                    List.of(
                        leaf("ruleset-name", hits.ruleSet()),
                        leaf("rule-name", hits.rule()),
                        leaf("rule-hits", hits.hits()))));
          }
          pics.add(container("pic", c));
        }
        yield container("appqos-rule-statistics-information", pics);
      }
      case AppServicesReply.RateLimiterStatistics r -> {
        List<JunosElement> pics = new ArrayList<>();
        for (AppServicesReply.Pic pic : r.pics()) {
          List<JunosElement> c = new ArrayList<>();
          c.add(leaf("name", pic.name()));
          for (TrafficControlStatistics.RateLimited l : pic.statistics().rateLimited()) {
            c.add(
                container(
                    "appqos-rate-limiter-statistics",
                    List.of(
                        leaf("application-ruleset-name", l.ruleSet()),
                        leaf("application-name", l.application()),
                        leaf(
                            "cts-rate-limiter",
                            l.clientToServer() == null ? "N/A" : l.clientToServer()),
                        leaf("cts-rate", l.clientToServerKbps()),
                        leaf(
                            "stc-rate-limiter",
                            l.serverToClient() == null ? "N/A" : l.serverToClient()),
                        leaf("stc-rate", l.serverToClientKbps()))));
          }
          pics.add(container("pic", c));
        }
        yield container("appqos-rate-limiter-statistics-information", pics);
      }
      case AppServicesReply.GroupSummary r -> {
        List<JunosElement> summary = new ArrayList<>();
        summary.add(leaf("total-groups", r.groups().size()));
        for (org.flowgate.dataplane.control.ApplicationGroupListing.Group group : r.groups()) {
          summary.add(
              container(
                  "application-group-summary-list",
                  List.of(
                      leaf("group-name", group.name()),
                      leaf("group-disabled", "No"),
                      leaf("group-id", group.id()))));
        }
        yield container(
            "appid-application-group", List.of(container("application-group-summary", summary)));
      }
      case AppServicesReply.GroupDetail r -> {
        org.flowgate.dataplane.control.ApplicationGroupListing.Group group = r.group();
        List<JunosElement> detail = new ArrayList<>();
        detail.add(leaf("group-name", group.name()));
        detail.add(leaf("group-id", group.id()));
        detail.add(leaf("group-disabled", "No"));
        detail.add(leaf("number-applications", group.applications().size()));
        detail.add(leaf("number-sub-groups", group.childGroups().size()));
        detail.add(leaf("number-parent-groups", group.parentGroups().size()));
        detail.add(names("application-list-detail", "application-name", group.applications()));
        detail.add(names("sub-groups-list-detail", "group-name", group.childGroups()));
        detail.add(names("parent-groups-list-detail", "group-name", group.parentGroups()));
        yield container(
            "appid-application-group", List.of(container("application-group-detail", detail)));
      }
      case AppServicesReply.AppTrackCounters r ->
          container(
              "avt-counters",
              List.of(
                  avtCounter("Session create messages", r.sessionCreateMessages()),
                  avtCounter("Session close messages", r.sessionCloseMessages()),
                  avtCounter("Session volume updates", r.sessionVolumeUpdates()),
                  avtCounter("Failed messages", r.failedMessages())));
    };
  }

  /** A list entry holding a leaf-list: {@code <list><leaf>a</leaf><leaf>b</leaf></list>}. */
  private static JunosElement names(String list, String leaf, List<String> values) {
    List<JunosElement> leaves = new ArrayList<>();
    for (String value : values) {
      leaves.add(leaf(leaf, value));
    }
    return container(list, leaves);
  }

  /** One {@code avt-counter-statistics} entry: the text view's row name and its value. */
  private static JunosElement avtCounter(String name, long value) {
    return container("avt-counter-statistics", List.of(leaf("name", name), leaf("value", value)));
  }
}
