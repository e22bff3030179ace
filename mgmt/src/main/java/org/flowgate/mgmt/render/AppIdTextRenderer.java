package org.flowgate.mgmt.render;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.flowgate.dataplane.control.ApplicationCacheEntries;
import org.flowgate.dataplane.control.ApplicationDefinition;
import org.flowgate.dataplane.control.ApplicationStatistics;
import org.flowgate.mgmt.reply.AppIdReply;

/**
 * Junos CLI text of {@code show services application-identification ...}: every value read from the
 * {@link AppIdReply}. The layouts follow Junos's field lists for these commands as far as we could
 * read them (docs/adr/0023 names what is our reading). Stateless; any thread.
 *
 * <pre>
 * application summary                      statistics applications
 *   Application(s): N                        Last Reset: 2026-01-01 00:00:00 UTC
 *   Nested Application(s): M                  Application        Sessions        Bytes
 *                                             junos:HTTP                2         1234
 *   Applications      Disabled  ID  Order
 *   junos:HTTP        No        3   1      application-system-cache
 *                                             Application System Cache Configurations:
 * application detail NAME                      application-cache:  on
 *                                               nested-application-cache:  on
 *                                               Cache lookup for security-services:  off
 *                                               Cache lookup for miscellaneous-services:  on
 *   Application Name: junos:HTTP                 cache-entry-timeout:  3600 seconds
 *   Application type: HTTP                    pic: 0/0
 *   Application ID: 3                         Logical system name: 0
 *   Disabled: No                              IP address: A      Port: P   Protocol: TCP
 *   Number of Parent Group(s): 1              Application: HTTP  Encrypted: No
 *   Application Groups: ...                   Classification path: IP:TCP:HTTP
 * </pre>
 */
public final class AppIdTextRenderer {
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private AppIdTextRenderer() {}

  /** The whole reply as text, each line ending in a newline. */
  public static String render(AppIdReply reply) {
    StringBuilder out = new StringBuilder(1024);
    switch (reply) {
      case AppIdReply.Summary r -> summary(r, out);
      case AppIdReply.Detail r -> detail(r, out);
      case AppIdReply.Statistics r -> statistics(r, out);
      case AppIdReply.SystemCache r -> cache(r, out);
    }
    return out.toString();
  }

  private static void summary(AppIdReply.Summary reply, StringBuilder out) {
    out.append("Application(s): ").append(reply.applications().size()).append('\n');
    out.append("Nested Application(s): ").append(reply.nestedCount()).append("\n\n");
    out.append(String.format("%-50s %-12s %-8s %s%n", "Applications", "Disabled", "ID", "Order"));
    int order = 0;
    for (ApplicationDefinition application : reply.applications()) {
      out.append(
          String.format(
              "%-50s %-12s %-8d %d%n", application.name(), "No", application.id(), ++order));
    }
  }

  private static void detail(AppIdReply.Detail reply, StringBuilder out) {
    ApplicationDefinition application = reply.application();
    out.append("Application Name: ").append(application.name()).append('\n');
    out.append("Application type: ").append(application.type()).append('\n');
    out.append("Description: ").append(reply.description()).append('\n');
    out.append("Application ID: ").append(application.id()).append('\n');
    out.append("Disabled: No\n");
    out.append("Number of Parent Group(s): ").append(application.groups().size()).append('\n');
    out.append("Application Groups:\n");
    for (String group : application.groups()) {
      out.append("    ").append(group).append('\n');
    }
    out.append("Application Tags:\n");
    out.append(String.format("    %-31s: %s%n", "encrypted", application.encrypted()));
    out.append(String.format("    %-31s: %s%n", "nested", application.nested() ? "Yes" : "No"));
    out.append("Signature:\n");
    out.append("    ").append(application.signature()).append('\n');
    if (!application.hosts().isEmpty()) {
      out.append("    Hosts:\n");
      for (String host : application.hosts()) {
        out.append("        ").append(host).append('\n');
      }
    }
    if (!application.definition().isEmpty()) {
      out.append("    Definition:\n");
      for (String line : application.definition()) {
        out.append("        ").append(line).append('\n');
      }
    }
  }

  private static void statistics(AppIdReply.Statistics reply, StringBuilder out) {
    ApplicationStatistics statistics = reply.statistics();
    out.append("Last Reset: ")
        .append(DATE_TIME.format(Instant.ofEpochSecond(0, statistics.lastResetEpochNs())))
        .append('\n');
    out.append(
        String.format(
            " %-45s %-20s %s%n",
            reply.groups() ? "Application Group" : "Application", "Sessions", "Bytes"));
    for (ApplicationStatistics.Row row :
        reply.groups() ? statistics.groups() : statistics.applications()) {
      out.append(String.format(" %-45s %-20d %d%n", row.name(), row.sessions(), row.bytes()));
    }
  }

  private static void cache(AppIdReply.SystemCache reply, StringBuilder out) {
    out.append("Application System Cache Configurations:\n");
    out.append(String.format("  %-42s %s%n", "application-cache:", reply.enabled() ? "on" : "off"));
    ApplicationCacheEntries first = reply.spus().isEmpty() ? null : reply.spus().getFirst();
    boolean nested = reply.enabled() && (first == null || first.nestedApplications());
    out.append(String.format("  %-42s %s%n", "nested-application-cache:", nested ? "on" : "off"));
    out.append(
        String.format(
            "  %-42s %s%n",
            "Cache lookup for security-services:",
            reply.enabled() && first != null && first.securityServices() ? "on" : "off"));
    out.append(
        String.format(
            "  %-42s %s%n",
            "Cache lookup for miscellaneous-services:",
            reply.enabled() && (first == null || first.miscellaneousServices()) ? "on" : "off"));
    out.append(
        String.format("  %-42s %d seconds%n", "cache-entry-timeout:", reply.timeoutSeconds()));
    if (reply.perSpuBlocks()) {
      for (ApplicationCacheEntries spu : reply.spus()) {
        out.append("pic: ")
            .append(org.flowgate.dataplane.control.SpuLocation.fpc(spu.spu()))
            .append('/')
            .append(org.flowgate.dataplane.control.SpuLocation.pic(spu.spu()))
            .append('\n');
        entries(spu, out);
      }
    } else {
      out.append("pic: 0/0\n");
      for (ApplicationCacheEntries spu : reply.spus()) {
        entries(spu, out);
      }
    }
  }

  private static void entries(ApplicationCacheEntries spu, StringBuilder out) {
    for (ApplicationCacheEntries.Entry entry : spu.entries()) {
      out.append("Logical system name: 0\n");
      out.append(
          String.format(
              "IP address: %-35s Port: %-8d Protocol: %s%n",
              entry.address(),
              entry.port(),
              ProtocolNames.name(entry.protocol()).toUpperCase(Locale.ROOT)));
      out.append(
          String.format(
              "Application: %-34s Encrypted: %s%n", cachedApplication(entry), entry.encrypted()));
      out.append("Classification path: ").append(entry.classificationPath()).append('\n');
    }
  }

  /** A cache entry's application as the cache shows it: {@code HTTP:GOOGLE}, or {@code DNS}. */
  static String cachedApplication(ApplicationCacheEntries.Entry entry) {
    return entry.nestedApplication().equals("UNKNOWN")
        ? entry.application()
        : entry.application() + ":" + entry.nestedApplication();
  }
}
