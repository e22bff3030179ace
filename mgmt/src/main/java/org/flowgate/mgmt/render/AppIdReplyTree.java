package org.flowgate.mgmt.render;

import static org.flowgate.mgmt.render.JunosElement.container;
import static org.flowgate.mgmt.render.JunosElement.leaf;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flowgate.dataplane.control.ApplicationCacheEntries;
import org.flowgate.dataplane.control.ApplicationDefinition;
import org.flowgate.dataplane.control.ApplicationStatistics;
import org.flowgate.dataplane.control.SpuLocation;
import org.flowgate.mgmt.reply.AppIdReply;

/**
 * The {@code <rpc-reply>} trees of {@code show services application-identification ...}, for {@code
 * | display xml} and {@code | display json}, from the same {@link AppIdReply} the text is rendered
 * from. Element names are those of Juniper's YANG for the SRX (junos-es-rpc-services, 24.4R1;
 * docs/adr/0023, addendum):
 *
 * <pre>
 * view                       reply element                                    in the YANG
 * application summary        appid-application-signature                      grouping of the
 *                              application-signature-summary                  obsolete-applications
 * application detail NAME    appid-application-signature                      RPC (the summary and
 *                              application-signature-detail                   detail RPCs declare no
 *                                application-signature-detail-header          output): our reading
 * statistics applications    appid-application-statistics-information         output of the RPC
 *                              logical-system-app-stats
 * statistics app.-groups     appid-application-group-statistics-information   output of the RPC
 *                              logical-system-group-stats
 * application-system-cache   appid-application-system-cache-information       output of the RPC
 *                              appid-cache-configuration, per PIC
 *                              appid-application-system-cache-pic
 * </pre>
 *
 * No namespace attribute: no real reply of these RPCs was found to show one. Stateless; any thread.
 */
public final class AppIdReplyTree {
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private AppIdReplyTree() {}

  /** The whole {@code <rpc-reply>}. */
  public static JunosElement of(AppIdReply reply) {
    JunosElement body =
        switch (reply) {
          case AppIdReply.Summary r -> summary(r);
          case AppIdReply.Detail r -> detail(r);
          case AppIdReply.Statistics r -> statistics(r);
          case AppIdReply.SystemCache r -> cache(r);
        };
    return JunosReplyTree.reply(List.of(body));
  }

  private static JunosElement summary(AppIdReply.Summary reply) {
    List<JunosElement> children = new ArrayList<>();
    children.add(leaf("total-applications", reply.applications().size()));
    children.add(leaf("total-nested-applications", reply.nestedCount()));
    int order = 0;
    for (ApplicationDefinition application : reply.applications()) {
      children.add(
          container(
              "application-signature-list",
              List.of(
                  leaf("application-name", application.name()),
                  leaf("application-disabled", "No"),
                  leaf("application-id", application.id()),
                  leaf("application-order", Integer.toString(++order)))));
    }
    return container(
        "appid-application-signature",
        List.of(container("application-signature-summary", children)));
  }

  private static JunosElement detail(AppIdReply.Detail reply) {
    ApplicationDefinition application = reply.application();
    List<JunosElement> header = new ArrayList<>();
    header.add(leaf("application-name", application.name()));
    header.add(leaf("application-type", application.type()));
    header.add(leaf("application-description", reply.description()));
    header.add(leaf("application-id", application.id()));
    header.add(leaf("application-disabled", "No"));
    header.add(leaf("application-number-parent-groups", application.groups().size()));
    for (String group : application.groups()) {
      header.add(container("application-group-list", List.of(leaf("group-name", group))));
    }
    header.add(tag("encrypted", application.encrypted()));
    header.add(tag("nested", application.nested() ? "Yes" : "No"));
    List<JunosElement> detail = new ArrayList<>();
    detail.add(container("application-signature-detail-header", header));
    if (!application.hosts().isEmpty() || !application.definition().isEmpty()) {
      // the signature: a nested application's hosts, a custom application's statements
      List<JunosElement> signature = new ArrayList<>();
      signature.add(leaf("nested-signature-name", application.signature()));
      signature.add(leaf("nested-l7protocol", application.type()));
      List<String> patterns = new ArrayList<>(application.hosts());
      patterns.addAll(application.definition());
      signature.add(leaf("nested-signature-num-members", patterns.size()));
      int index = 0;
      for (String pattern : patterns) {
        signature.add(
            container(
                "nested-signature-member-list",
                List.of(
                    leaf("nested-signature-member-index", ++index),
                    leaf(
                        "nested-signature-member-context",
                        index <= application.hosts().size() ? "host" : "definition"),
                    leaf("nested-signature-member-pattern", pattern))));
      }
      detail.add(container("nested-application-signature-detail", signature));
    }
    return container(
        "appid-application-signature", List.of(container("application-signature-detail", detail)));
  }

  private static JunosElement tag(String name, String value) {
    return container(
        "application-tag-list",
        List.of(
            container(
                "application-tag",
                List.of(
                    leaf("application-tag-name", name), leaf("application-tag-value", value)))));
  }

  private static JunosElement statistics(AppIdReply.Statistics reply) {
    ApplicationStatistics statistics = reply.statistics();
    String suffix = reply.groups() ? "group" : "app";
    List<JunosElement> children = new ArrayList<>();
    children.add(
        container(
            reply.groups() ? "last-reset-group-stats" : "last-reset-stats",
            List.of(
                leaf(
                    "last-reset",
                    DATE_TIME.format(Instant.ofEpochSecond(0, statistics.lastResetEpochNs()))))));
    for (ApplicationStatistics.Row row :
        reply.groups() ? statistics.groups() : statistics.applications()) {
      children.add(
          container(
              reply.groups()
                  ? "appid-application-group-statistics"
                  : "appid-application-statistics",
              List.of(
                  leaf("application-name", row.name()),
                  leaf("sessions", row.sessions()),
                  leaf("bytes", row.bytes()))));
    }
    return container(
        reply.groups()
            ? "appid-application-group-statistics-information"
            : "appid-application-statistics-information",
        List.of(container("logical-system-" + suffix + "-stats", children)));
  }

  private static JunosElement cache(AppIdReply.SystemCache reply) {
    String on = reply.enabled() ? "on" : "off";
    List<JunosElement> children = new ArrayList<>();
    children.add(
        container(
            "appid-cache-configuration",
            List.of(
                leaf("appid-asc-enable", on),
                leaf("appid-cache-timeout", reply.timeoutSeconds()),
                leaf(
                    "appid-nested-asc-enable",
                    reply.enabled()
                            && (reply.spus().isEmpty()
                                || reply.spus().getFirst().nestedApplications())
                        ? "on"
                        : "off"))));
    if (reply.perSpuBlocks()) {
      for (ApplicationCacheEntries spu : reply.spus()) {
        children.add(
            pic(SpuLocation.fpc(spu.spu()) + "/" + SpuLocation.pic(spu.spu()), List.of(spu)));
      }
    } else {
      children.add(pic("0/0", reply.spus()));
    }
    return container("appid-application-system-cache-information", children);
  }

  private static JunosElement pic(String pic, List<ApplicationCacheEntries> spus) {
    List<JunosElement> children = new ArrayList<>();
    children.add(leaf("pic", pic));
    for (ApplicationCacheEntries spu : spus) {
      for (ApplicationCacheEntries.Entry entry : spu.entries()) {
        children.add(
            container(
                "appid-application-system-cache-usp",
                List.of(
                    leaf("virtual-system-identifier", "0"),
                    leaf(
                        entry.address().isIpv4() ? "ip-address" : "ipv6-address",
                        entry.address().toString()),
                    leaf("port", entry.port()),
                    leaf("protocol", ProtocolNames.name(entry.protocol()).toUpperCase(Locale.ROOT)),
                    leaf("appid-application", AppIdTextRenderer.cachedApplication(entry)),
                    leaf("is_encrypted", entry.encrypted()),
                    leaf("classification-path", entry.classificationPath()))));
      }
    }
    return container("appid-application-system-cache-pic", children);
  }
}
