package org.flowgate.mgmt.render;

import static org.flowgate.mgmt.render.JunosElement.container;
import static org.flowgate.mgmt.render.JunosElement.leaf;

import java.util.ArrayList;
import java.util.List;
import org.flowgate.mgmt.reply.ScreenClearReply;
import org.flowgate.mgmt.reply.ScreenIdsOptionReply;
import org.flowgate.mgmt.reply.ScreenStatisticsReply;

/**
 * The {@code <rpc-reply>} bodies of the screen views (ADR 0024):
 *
 * <pre>
 * get-ids-statistics               ids-statistics / ids-statistics-&lt;attack&gt;   (a collector that
 *                                  reads real replies; no namespace known: none written)
 * get-security-screen-ids-status   show-ids-status / ids-status-header, ids-status (name, value)
 *                                  (Junos 24.4 YANG, junos-es-rpc-security)
 * clear-screen-statistics          clear-ids-statistics-information / clear-ids-statistics-status
 *                                  / ids-clear-status (Junos 24.4 YANG, junos-es-rpc-clear)
 * </pre>
 *
 * Stateless; any thread.
 */
final class ScreenReplyTree {
  private ScreenReplyTree() {}

  static JunosElement statistics(ScreenStatisticsReply reply) {
    List<JunosElement> leaves = new ArrayList<>();
    for (ScreenStatisticsReply.Counter counter : reply.counters()) {
      leaves.add(leaf(counter.element(), counter.count()));
    }
    return container("ids-statistics", leaves);
  }

  static JunosElement idsOption(ScreenIdsOptionReply reply) {
    List<JunosElement> body = new ArrayList<>();
    body.add(
        container(
            "ids-status-header",
            List.of(
                leaf("ids-status-header-name", "Name"), leaf("ids-status-header-value", "Value"))));
    for (ScreenIdsOptionReply.Line line : reply.lines()) {
      body.add(
          container(
              "ids-status",
              List.of(
                  leaf("ids-status-name", line.name()), leaf("ids-status-value", line.value()))));
    }
    return container("show-ids-status", body);
  }

  static JunosElement cleared(ScreenClearReply reply) {
    return container(
        "clear-ids-statistics-information",
        List.of(
            container(
                "clear-ids-statistics-status", List.of(leaf("ids-clear-status", reply.status())))));
  }
}
