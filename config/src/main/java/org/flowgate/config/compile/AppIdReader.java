package org.flowgate.config.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flowgate.config.compile.Schema.Match;
import org.flowgate.config.text.Diagnostics;
import org.flowgate.config.text.SourceLocation;
import org.flowgate.dataplane.appid.AddressPrefix;
import org.flowgate.dataplane.appid.AppIdSettings;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.CustomApplication;
import org.flowgate.dataplane.appid.InspectionLimit;
import org.flowgate.dataplane.appid.SignaturePattern;

/**
 * The read pass of {@code services application-identification} (docs/adr/0014), for the rule of
 * {@link ConfigReader#SCHEMA} that starts with it: each statement's words after that.
 *
 * <pre>
 * services application-identification
 *   no-application-identification;
 *   inspection-limit (tcp | udp) { byte-limit N; packet-limit N; }
 *   no-application-system-cache;
 *   application-system-cache-timeout SECONDS;                       0 .. 1 000 000
 *   application-system-cache { no-miscellaneous-services; security-services; }
 *   nested-application-settings no-application-system-cache;
 *   application NAME {                                             not junos:..., 1-63 characters
 *     address-mapping MAPPING { filter { ip PREFIX; port-range { tcp [ P | P-Q ]; udp [ .. ]; } } }
 *     over (HTTP | SSL | TCP | UDP) {
 *       signature SIGNATURE {
 *         member mNN { context CONTEXT; pattern "..."; direction (any | client-to-server |
 *                                                              server-to-client); }
 *         port-range (tcp | udp) [ P | P-Q ];
 *       }
 *     }
 *     cacheable;
 *   }
 * </pre>
 *
 * The statement names are Juniper's (24.4R1 YANG, ADR 0015). Values are checked here, each error at
 * its statement: limits and the timeout as numbers in range, prefixes, port ranges, contexts that
 * fit their {@code over}, patterns that compile. Anything else under {@code services
 * application-identification} (signature downloads, application groups, nested application
 * settings, performance mode ...) is a {@code statement not implemented} warning at its location.
 *
 * <p>Thread: one instance per compilation.
 */
final class AppIdReader {
  private final Diagnostics diagnostics;

  private boolean enabled = true;
  private boolean applicationSystemCache = true;
  private long cacheTimeoutSeconds = AppIdSettings.DEFAULT_CACHE_TIMEOUT_SECONDS;
  private boolean cacheSecurityServices = AppIdSettings.CacheUse.DEFAULT.securityServices();
  private boolean cacheMiscellaneousServices =
      AppIdSettings.CacheUse.DEFAULT.miscellaneousServices();
  private boolean nestedApplicationCache = AppIdSettings.CacheUse.DEFAULT.nestedApplications();
  private final int[] tcpLimit = {
    AppIdSettings.DEFAULT_LIMIT.byteLimit(), AppIdSettings.DEFAULT_LIMIT.packetLimit()
  };
  private final int[] udpLimit = {
    AppIdSettings.DEFAULT_LIMIT.byteLimit(), AppIdSettings.DEFAULT_LIMIT.packetLimit()
  };
  private final Map<String, Application> applications = new LinkedHashMap<>();

  /** One {@code application NAME}, as read. */
  private static final class Application {
    final String name;
    final SourceLocation location;
    final Map<String, Mapping> mappings = new LinkedHashMap<>();
    final Map<String, Signature> signatures = new LinkedHashMap<>();
    boolean cacheable;
    boolean broken;

    Application(String name, SourceLocation location) {
      this.name = name;
      this.location = location;
    }
  }

  private static final class Mapping {
    AddressPrefix ip;
    final List<CustomApplication.PortRange> tcp = new ArrayList<>();
    final List<CustomApplication.PortRange> udp = new ArrayList<>();
    final SourceLocation location;

    Mapping(SourceLocation location) {
      this.location = location;
    }
  }

  private static final class Signature {
    final CustomApplication.Over over;
    final SourceLocation location;
    final Map<String, Member> members = new LinkedHashMap<>();
    final List<CustomApplication.PortRange> tcp = new ArrayList<>();
    final List<CustomApplication.PortRange> udp = new ArrayList<>();

    Signature(CustomApplication.Over over, SourceLocation location) {
      this.over = over;
      this.location = location;
    }
  }

  private static final class Member {
    CustomApplication.Context context;
    CustomApplication.Direction direction = CustomApplication.Direction.ANY;
    String pattern;
    final SourceLocation location;

    Member(SourceLocation location) {
      this.location = location;
    }
  }

  AppIdReader(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  // ------------------------------------------------------------------ read

  /** One statement below {@code services application-identification}. */
  void read(Match m) {
    List<String> w = m.rest();
    if (w.isEmpty()) {
      return; // the container alone
    }
    switch (w.getFirst()) {
      case "no-application-identification" -> {
        if (w.size() == 1) {
          enabled = false;
        } else {
          notImplemented(m);
        }
      }
      case "no-application-system-cache" -> {
        if (w.size() == 1) {
          applicationSystemCache = false;
        } else {
          notImplemented(m);
        }
      }
      case "application-system-cache-timeout" -> {
        Long seconds = w.size() == 2 ? number(w.get(1)) : null;
        if (seconds == null || seconds > 1_000_000) {
          error(
              m,
              "invalid application-system-cache-timeout '"
                  + String.join(" ", w.subList(1, w.size()))
                  + "': 0 to 1000000 seconds");
        } else {
          cacheTimeoutSeconds = seconds;
        }
      }
      case "application-system-cache" -> {
        // application-system-cache { no-miscellaneous-services; security-services; } (ADR 0041)
        if (w.size() == 1) {
          return; // the container alone: the cache keeps its defaults
        }
        if (w.size() == 2 && w.get(1).equals("security-services")) {
          cacheSecurityServices = true;
        } else if (w.size() == 2 && w.get(1).equals("no-miscellaneous-services")) {
          cacheMiscellaneousServices = false;
        } else {
          notImplemented(m);
        }
      }
      case "nested-application-settings" -> {
        if (w.size() == 2 && w.get(1).equals("no-application-system-cache")) {
          nestedApplicationCache = false;
        } else if (w.size() > 1) {
          notImplemented(m);
        }
      }
      case "inspection-limit" -> inspectionLimit(m, w);
      case "application" -> {
        if (w.size() < 2) {
          notImplemented(m);
        } else {
          application(m, w.get(1), w.subList(2, w.size()));
        }
      }
      default -> notImplemented(m);
    }
  }

  /** {@code inspection-limit (tcp | udp) (byte-limit | packet-limit) N}. */
  private void inspectionLimit(Match m, List<String> w) {
    if (w.size() == 2 && (w.get(1).equals("tcp") || w.get(1).equals("udp"))) {
      return;
    }
    if (w.size() != 4
        || !(w.get(1).equals("tcp") || w.get(1).equals("udp"))
        || !(w.get(2).equals("byte-limit") || w.get(2).equals("packet-limit"))) {
      notImplemented(m);
      return;
    }
    Long value = number(w.get(3));
    if (value == null || value > Integer.MAX_VALUE) {
      error(
          m,
          "invalid "
              + w.get(2)
              + " '"
              + w.get(3)
              + "': a number of "
              + (w.get(2).equals("byte-limit") ? "bytes" : "packets")
              + " from 0 (no limit) to "
              + Integer.MAX_VALUE);
      return;
    }
    int[] limit = w.get(1).equals("tcp") ? tcpLimit : udpLimit;
    limit[w.get(2).equals("byte-limit") ? 0 : 1] = (int) (long) value;
  }

  private void application(Match m, String name, List<String> w) {
    SourceLocation at = m.statement().location();
    Application application = applications.get(name);
    if (application == null) {
      application = new Application(name, at);
      applications.put(name, application);
      if (name.toLowerCase(Locale.ROOT).startsWith("junos:")) {
        error(at, "custom application '" + name + "': the junos: prefix is for predefined ones");
        application.broken = true;
      } else if (name.length() > 63) {
        error(at, "custom application '" + name + "': at most 63 characters");
        application.broken = true;
      } else if (ApplicationCatalog.builtIn().id(name) >= 0) {
        error(at, "custom application '" + name + "' has the name of a predefined application");
        application.broken = true;
      }
    }
    if (w.isEmpty()) {
      return;
    }
    switch (w.getFirst()) {
      case "cacheable" -> {
        if (w.size() == 1) {
          application.cacheable = true;
        } else {
          notImplemented(m);
        }
      }
      case "description" -> {}
      case "address-mapping" -> {
        if (w.size() < 2) {
          notImplemented(m);
        } else {
          Mapping mapping = application.mappings.computeIfAbsent(w.get(1), n -> new Mapping(at));
          addressMapping(m, application, mapping, w.subList(2, w.size()));
        }
      }
      case "over" -> {
        if (w.size() < 2) {
          notImplemented(m);
        } else {
          over(m, application, w.get(1), w.subList(2, w.size()));
        }
      }
      default -> notImplemented(m);
    }
  }

  /** {@code filter ip PREFIX} or {@code filter port-range (tcp | udp) RANGE}. */
  private void addressMapping(Match m, Application application, Mapping mapping, List<String> w) {
    if (w.isEmpty() || (w.size() == 1 && w.getFirst().equals("filter"))) {
      return;
    }
    if (w.size() == 3 && w.get(0).equals("filter") && w.get(1).equals("ip")) {
      try {
        mapping.ip = AddressPrefix.parse(w.get(2));
      } catch (IllegalArgumentException e) {
        error(m, "invalid address-mapping ip '" + w.get(2) + "'");
        application.broken = true;
      }
      return;
    }
    if (w.size() == 4 && w.get(0).equals("filter") && w.get(1).equals("port-range")) {
      portRange(m, application, w.get(2), w.get(3), mapping.tcp, mapping.udp);
      return;
    }
    notImplemented(m);
  }

  private void over(Match m, Application application, String overWord, List<String> w) {
    CustomApplication.Over over;
    try {
      over = CustomApplication.Over.valueOf(overWord.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      error(m, "invalid over '" + overWord + "': HTTP, SSL, TCP or UDP");
      application.broken = true;
      return;
    }
    if (w.isEmpty()) {
      return;
    }
    if (w.size() < 2 || !w.get(0).equals("signature")) {
      notImplemented(m);
      return;
    }
    SourceLocation at = m.statement().location();
    Signature signature = application.signatures.get(w.get(1));
    if (signature == null) {
      signature = new Signature(over, at);
      application.signatures.put(w.get(1), signature);
    } else if (signature.over != over) {
      error(
          at,
          "signature "
              + w.get(1)
              + " of application "
              + application.name
              + " is over "
              + signature.over
              + " already");
      application.broken = true;
      return;
    }
    List<String> rest = w.subList(2, w.size());
    if (rest.isEmpty()) {
      return;
    }
    if (rest.size() == 3 && rest.get(0).equals("port-range")) {
      portRange(m, application, rest.get(1), rest.get(2), signature.tcp, signature.udp);
      return;
    }
    if (rest.size() >= 2 && rest.get(0).equals("member")) {
      Member member = signature.members.computeIfAbsent(rest.get(1), n -> new Member(at));
      member(m, application, signature, member, rest.subList(2, rest.size()));
      return;
    }
    notImplemented(m);
  }

  private void member(
      Match m, Application application, Signature signature, Member member, List<String> w) {
    if (w.isEmpty()) {
      return;
    }
    if (w.size() != 2) {
      notImplemented(m);
      return;
    }
    String value = w.get(1);
    switch (w.getFirst()) {
      case "context" -> {
        CustomApplication.Context context = context(value);
        if (context == null) {
          error(
              m,
              "invalid context '"
                  + value
                  + "': http-header-host, http-url-parsed, ssl-server-name or stream");
          application.broken = true;
        } else {
          member.context = context;
        }
      }
      case "pattern" -> {
        boolean host =
            signature.over == CustomApplication.Over.HTTP
                || signature.over == CustomApplication.Over.SSL;
        try {
          SignaturePattern.compile(value, host, host);
          member.pattern = value;
        } catch (IllegalArgumentException e) {
          error(m, "invalid pattern: " + e.getMessage());
          application.broken = true;
        }
      }
      case "direction" -> {
        switch (value) {
          case "any" -> member.direction = CustomApplication.Direction.ANY;
          case "client-to-server" ->
              member.direction = CustomApplication.Direction.CLIENT_TO_SERVER;
          case "server-to-client" ->
              member.direction = CustomApplication.Direction.SERVER_TO_CLIENT;
          default -> {
            error(m, "invalid direction '" + value + "'");
            application.broken = true;
          }
        }
      }
      default -> notImplemented(m);
    }
  }

  private static CustomApplication.Context context(String word) {
    for (CustomApplication.Context context : CustomApplication.Context.values()) {
      if (context.junosName().equals(word)) {
        return context;
      }
    }
    return null;
  }

  /** {@code (tcp | udp) P} or {@code P-Q}, into the list of its protocol. */
  private void portRange(
      Match m,
      Application application,
      String protocol,
      String range,
      List<CustomApplication.PortRange> tcp,
      List<CustomApplication.PortRange> udp) {
    if (!protocol.equals("tcp") && !protocol.equals("udp")) {
      notImplemented(m);
      return;
    }
    int[] ports = Values.portRange(range);
    if (ports == null) {
      error(m, "invalid port range '" + range + "': a port or LOW-HIGH, 0 to 65535");
      application.broken = true;
      return;
    }
    (protocol.equals("tcp") ? tcp : udp).add(new CustomApplication.PortRange(ports[0], ports[1]));
  }

  // ------------------------------------------------------------------ build

  /**
   * The settings of the generation; an application that is incomplete (a signature without a
   * member, a member without a context or pattern, a mapping without an address, a context that
   * does not fit its {@code over}) is an error at its statement and left out.
   */
  AppIdSettings settings() {
    List<CustomApplication> custom = new ArrayList<>();
    for (Application application : applications.values()) {
      CustomApplication built = build(application);
      if (built != null) {
        custom.add(built);
      }
    }
    if (custom.size() > AppIdSettings.MAXIMUM_CUSTOM_APPLICATIONS) {
      error(
          applications.values().iterator().next().location,
          custom.size()
              + " custom applications: at most "
              + AppIdSettings.MAXIMUM_CUSTOM_APPLICATIONS);
      custom = custom.subList(0, AppIdSettings.MAXIMUM_CUSTOM_APPLICATIONS);
    }
    return AppIdSettings.defaults()
        .withEnabled(enabled)
        .withLimits(
            new InspectionLimit(tcpLimit[0], tcpLimit[1]),
            new InspectionLimit(udpLimit[0], udpLimit[1]))
        .withApplicationSystemCache(applicationSystemCache, cacheTimeoutSeconds)
        .withCacheUse(
            new AppIdSettings.CacheUse(
                cacheSecurityServices, cacheMiscellaneousServices, nestedApplicationCache))
        .withCustomApplications(custom);
  }

  private CustomApplication build(Application application) {
    if (application.broken) {
      return null;
    }
    List<CustomApplication.AddressMapping> mappings = new ArrayList<>();
    for (Map.Entry<String, Mapping> entry : application.mappings.entrySet()) {
      Mapping mapping = entry.getValue();
      if (mapping.ip == null) {
        error(
            mapping.location,
            "address-mapping "
                + entry.getKey()
                + " of application "
                + application.name
                + " has no filter ip");
        return null;
      }
      mappings.add(
          new CustomApplication.AddressMapping(
              entry.getKey(), mapping.ip, null, mapping.tcp, mapping.udp));
    }
    List<CustomApplication.Signature> signatures = new ArrayList<>();
    for (Map.Entry<String, Signature> entry : application.signatures.entrySet()) {
      Signature signature = entry.getValue();
      List<CustomApplication.Member> members = new ArrayList<>();
      for (Map.Entry<String, Member> each : signature.members.entrySet()) {
        Member member = each.getValue();
        if (member.context == null || member.pattern == null) {
          error(
              member.location,
              "member "
                  + each.getKey()
                  + " of signature "
                  + entry.getKey()
                  + " needs a context and a pattern");
          return null;
        }
        members.add(
            new CustomApplication.Member(
                each.getKey(), member.context, member.direction, member.pattern));
      }
      try {
        signatures.add(
            new CustomApplication.Signature(
                entry.getKey(), signature.over, members, signature.tcp, signature.udp));
      } catch (IllegalArgumentException e) {
        error(signature.location, "application " + application.name + ": " + e.getMessage());
        return null;
      }
    }
    if (mappings.isEmpty() && signatures.isEmpty()) {
      diagnostics.warning(
          application.location,
          "custom application "
              + application.name
              + " has no address-mapping and no signature: it names no session");
    }
    return new CustomApplication(application.name, mappings, signatures, application.cacheable);
  }

  // ------------------------------------------------------------------ diagnostics

  private static Long number(String text) {
    if (text.isEmpty() || text.length() > 18) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return null;
      }
    }
    return Long.parseLong(text);
  }

  private void notImplemented(Match m) {
    diagnostics.warning(
        m.statement().location(), "statement not implemented: " + m.statement().path());
  }

  private void error(Match m, String message) {
    error(m.statement().location(), message);
  }

  private void error(SourceLocation at, String message) {
    diagnostics.error(at, message);
  }
}
