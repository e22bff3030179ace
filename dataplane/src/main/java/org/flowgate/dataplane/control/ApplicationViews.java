package org.flowgate.dataplane.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flowgate.dataplane.appid.AddressPrefix;
import org.flowgate.dataplane.appid.AppIdSettings;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.ApplicationSystemCache;
import org.flowgate.dataplane.appid.CustomApplication;
import org.flowgate.dataplane.flow.SessionApplications;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.dataplane.net.IpProtocol;
import org.flowgate.dataplane.spu.SpuAgent;

/**
 * Builds the application identification views' records from an SPU (on its thread) or from a
 * generation's catalog. Every value is computed here; renderers only format.
 *
 * <p>Thread: stateless.
 */
final class ApplicationViews {
  /** Junos's prefix of predefined application and group names. */
  static final String JUNOS = "junos:";

  private ApplicationViews() {}

  // ------------------------------------------------------------------ statistics

  /** One SPU's statistics, on its thread. */
  static ApplicationStatistics statistics(SpuAgent spu) {
    SessionApplications applications = spu.applications();
    ApplicationCatalog catalog = applications.catalog();
    long[][] counts = applications.statistics();
    long[] sessions = counts[0];
    long[] bytes = counts[1];
    List<ApplicationStatistics.Row> rows = new ArrayList<>();
    Map<String, long[]> groups = new TreeMap<>();
    for (int id = 0; id < sessions.length; id++) {
      if (sessions[id] == 0 || id == ApplicationCatalog.PENDING) {
        continue;
      }
      rows.add(
          new ApplicationStatistics.Row(
              catalog.name(id), encrypted(catalog, id), sessions[id], bytes[id]));
      if (ApplicationCatalog.isApplication(id) && !catalog.isCustom(id)) {
        for (String group : groups(catalog.category(id))) {
          long[] total = groups.computeIfAbsent(group, g -> new long[2]);
          total[0] += sessions[id];
          total[1] += bytes[id];
        }
      }
    }
    rows.sort(java.util.Comparator.comparing(ApplicationStatistics.Row::name));
    List<ApplicationStatistics.Row> groupRows = new ArrayList<>();
    groups.forEach(
        (name, total) ->
            groupRows.add(new ApplicationStatistics.Row(name, null, total[0], total[1])));
    long cleared = applications.statisticsClearedNs();
    return new ApplicationStatistics(
        cleared >= 0 ? cleared : spu.clock().epochNs(), rows, groupRows);
  }

  /**
   * The groups of a catalog category, innermost first: {@code web:social-networking} is in {@code
   * junos:web:social-networking} and {@code junos:web}.
   */
  static List<String> groups(String category) {
    List<String> groups = new ArrayList<>();
    if (category == null || category.isEmpty() || category.equals("-")) {
      return groups;
    }
    String group = category;
    while (true) {
      groups.add(JUNOS + group);
      int colon = group.lastIndexOf(':');
      if (colon < 0) {
        return groups;
      }
      group = group.substring(0, colon);
    }
  }

  private static String encrypted(ApplicationCatalog catalog, int id) {
    return catalog.encryption(id).junosName();
  }

  // ------------------------------------------------------------------ cache

  /** One SPU's cache, on its thread. */
  static ApplicationCacheEntries cache(SpuAgent spu) {
    ApplicationCatalog catalog = spu.applications().catalog();
    ApplicationSystemCache cache = spu.applications().inspector().cache();
    long nowNs = spu.clock().nowNs();
    List<ApplicationCacheEntries.Entry> entries = new ArrayList<>();
    for (ApplicationSystemCache.Entry entry : cache.entries(nowNs)) {
      entries.add(
          new ApplicationCacheEntries.Entry(
              new IpAddress(entry.serverHi(), entry.serverLo()),
              entry.serverPort(),
              entry.protocol(),
              withoutPrefix(catalog.name(entry.application())),
              withoutPrefix(catalog.name(entry.nestedApplication())),
              encrypted(catalog, entry.application()),
              classificationPath(
                  catalog, entry.protocol(), entry.application(), entry.nestedApplication()),
              Math.ceilDiv(entry.expiresNs() - nowNs, 1_000_000_000L)));
    }
    AppIdSettings.CacheUse use = spu.applications().settings().cacheUse();
    return new ApplicationCacheEntries(
        spu.spu(),
        cache.enabled(),
        cache.timeoutSeconds(),
        entries,
        use.securityServices(),
        use.miscellaneousServices(),
        use.nestedApplications(),
        cache.hits(),
        cache.misses());
  }

  /** {@code HTTP} for {@code junos:HTTP}; {@code UNKNOWN} for {@code junos:UNKNOWN}. */
  static String withoutPrefix(String name) {
    return name.startsWith(JUNOS) ? name.substring(JUNOS.length()) : name;
  }

  /**
   * The layers the application was found in, as Junos's classification path: {@code IP:TCP:HTTP},
   * {@code IP:TCP:SSL:FACEBOOK-ACCESS} (a nested application last), {@code IP:UDP:DNS}.
   */
  static String classificationPath(
      ApplicationCatalog catalog, int protocol, int application, int nested) {
    StringBuilder path = new StringBuilder("IP:");
    path.append(
        switch (protocol) {
          case IpProtocol.TCP -> "TCP";
          case IpProtocol.UDP -> "UDP";
          default -> String.valueOf(protocol);
        });
    path.append(':').append(withoutPrefix(catalog.name(application)));
    if (ApplicationCatalog.isApplication(nested)) {
      path.append(':').append(withoutPrefix(catalog.name(nested)));
    }
    return path.toString();
  }

  // ------------------------------------------------------------------ applications

  /** Every application of {@code catalog}, in id order (results such as Pending left out). */
  static List<ApplicationDefinition> definitions(ApplicationCatalog catalog) {
    List<ApplicationDefinition> all = new ArrayList<>();
    for (int id = ApplicationCatalog.INCONCLUSIVE + 1; id < catalog.size(); id++) {
      all.add(definition(catalog, id));
    }
    return all;
  }

  static ApplicationDefinition definition(ApplicationCatalog catalog, int id) {
    boolean custom = catalog.isCustom(id);
    List<String> lines = List.of();
    if (custom) {
      lines = definitionLines(catalog.customApplications().get(id - catalog.firstCustomId()));
    }
    return new ApplicationDefinition(
        catalog.name(id),
        id,
        custom ? "custom" : withoutPrefix(catalog.name(id)),
        custom ? List.of() : groups(catalog.category(id)),
        encrypted(catalog, id),
        catalog.isNested(id),
        custom,
        catalog.signature(id),
        catalog.isNested(id) ? catalog.hosts(id) : List.of(),
        lines);
  }

  /** A custom application's statements, relative to {@code application NAME}. */
  static List<String> definitionLines(CustomApplication application) {
    List<String> lines = new ArrayList<>();
    for (CustomApplication.AddressMapping mapping : application.addressMappings()) {
      String at = "address-mapping " + mapping.name() + " filter ";
      if (mapping.destination() != null) {
        lines.add(at + "ip " + prefix(mapping.destination()));
      }
      if (mapping.source() != null) {
        lines.add(at + "source-ip " + prefix(mapping.source()));
      }
      ports(lines, at + "port-range tcp ", mapping.tcpPorts());
      ports(lines, at + "port-range udp ", mapping.udpPorts());
    }
    for (CustomApplication.Signature signature : application.signatures()) {
      String at = "over " + signature.over() + " signature " + signature.name() + " ";
      for (CustomApplication.Member member : signature.members()) {
        lines.add(
            at
                + "member "
                + member.name()
                + " context "
                + member.context().junosName()
                + " pattern \""
                + member.pattern()
                + "\" direction "
                + member.direction().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
      }
      ports(lines, at + "port-range tcp ", signature.tcpPorts());
      ports(lines, at + "port-range udp ", signature.udpPorts());
    }
    if (application.cacheable()) {
      lines.add("cacheable");
    }
    return lines;
  }

  private static void ports(
      List<String> lines, String at, List<CustomApplication.PortRange> ranges) {
    if (ranges.isEmpty()) {
      return;
    }
    List<String> terms = new ArrayList<>();
    for (CustomApplication.PortRange range : ranges) {
      terms.add(
          range.low() == range.high()
              ? String.valueOf(range.low())
              : range.low() + "-" + range.high());
    }
    lines.add(at + (terms.size() == 1 ? terms.getFirst() : "[ " + String.join(" ", terms) + " ]"));
  }

  /** {@code 10.1.0.0/16} for an IPv4-mapped prefix, {@code 2001:db8::/32} otherwise. */
  static String prefix(AddressPrefix prefix) {
    IpAddress address = new IpAddress(prefix.hi(), prefix.lo());
    int length =
        address.isIpv4() && prefix.lengthBits() >= 96
            ? prefix.lengthBits() - 96
            : prefix.lengthBits();
    return address + "/" + length;
  }
}
