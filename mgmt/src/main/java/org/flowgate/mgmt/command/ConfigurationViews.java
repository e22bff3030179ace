package org.flowgate.mgmt.command;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowgate.config.text.ConfigPrinter;
import org.flowgate.config.text.ConfigStatement;
import org.flowgate.config.text.SourceLocation;
import org.flowgate.dataplane.application.Application;
import org.flowgate.dataplane.application.ApplicationTerm;
import org.flowgate.dataplane.net.IpPrefix;
import org.flowgate.dataplane.policy.PolicyTable;
import org.flowgate.dataplane.policy.SecurityPolicy;
import org.flowgate.dataplane.route.Route;
import org.flowgate.dataplane.route.RouteType;
import org.flowgate.dataplane.route.RoutingInstance;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.zone.FirewallInterface;
import org.flowgate.dataplane.zone.Zone;
import org.flowgate.mgmt.render.ProtocolNames;
import org.flowgate.mgmt.reply.Placeholders;

/**
 * The configuration views: {@code show configuration}, {@code show security zones}, {@code show
 * security policies [detail | hit-count]}, {@code show route} and {@code show interfaces terse}.
 * Every value comes from the running generation, or from the configuration text where Junos shows
 * names the generation no longer keeps (address-book entries, application sets). What each layout
 * follows is recorded in ADR 0010.
 *
 * <p>Thread: stateless; each call reads immutable objects.
 */
final class ConfigurationViews {
  private ConfigurationViews() {}

  // ------------------------------------------------------------------ show configuration

  /** {@code show configuration [PATH] [| display set]}. */
  static String configuration(
      LoadedConfiguration loaded, RuntimeConfig config, List<String> path, boolean displaySet) {
    List<ConfigStatement> statements =
        loaded != null ? loaded.parsed().configured() : factoryStatements(config);
    String body =
        displaySet
            ? (path.isEmpty()
                ? ConfigPrinter.displaySet(statements)
                : ConfigPrinter.displaySet(statements, path))
            : (path.isEmpty()
                ? ConfigPrinter.hierarchical(statements)
                : ConfigPrinter.hierarchical(statements, path));
    if (loaded != null) {
      return path.isEmpty() && !displaySet
          ? "## Loaded from " + loaded.fileName() + "\n" + body
          : body;
    }
    return "## No configuration loaded: factory default\n" + body;
  }

  private static final SourceLocation GENERATED = new SourceLocation("factory-default", 1, 1);

  /**
   * The running generation written back as statements, for when no configuration text was given.
   * Only what the generation holds by name: host name, interface addresses, zones, static routes,
   * policies whose matches are {@code any} or prefixes, and the default policy.
   */
  static List<ConfigStatement> factoryStatements(RuntimeConfig config) {
    List<List<String>> lines = new ArrayList<>();
    lines.add(List.of("system", "host-name", config.hostName()));
    for (FirewallInterface each : config.interfaces()) {
      String[] parts = physicalAndUnit(each.name());
      for (IpPrefix address : each.addresses()) {
        lines.add(
            List.of(
                "interfaces",
                parts[0],
                "unit",
                parts[1],
                "family",
                address.isIpv4() ? "inet" : "inet6",
                "address",
                address.toString()));
      }
    }
    for (RoutingInstance instance : config.routingInstances()) {
      List<String> base =
          instance.index() == 0
              ? List.of("routing-options")
              : List.of("routing-instances", instance.name(), "routing-options");
      if (instance.index() != 0) {
        lines.add(List.of("routing-instances", instance.name(), "instance-type", "virtual-router"));
        for (FirewallInterface each : config.interfaces()) {
          if (each.routingInstance() == instance.index()) {
            lines.add(List.of("routing-instances", instance.name(), "interface", each.name()));
          }
        }
      }
      for (Route route : instance.routes()) {
        String target =
            switch (route.type()) {
              case STATIC ->
                  route.gateway() != null
                      ? "next-hop " + route.gateway()
                      : "next-hop " + config.interfaceAt(route.interfaceIndex()).name();
              case DISCARD -> "discard";
              case REJECT -> "reject";
              case DIRECT, LOCAL -> null;
            };
        if (target != null) {
          List<String> full = new ArrayList<>(base);
          if (!route.prefix().isIpv4()) {
            full.addAll(
                List.of("rib", instance.index() == 0 ? "inet6.0" : instance.name() + ".inet6.0"));
          }
          full.addAll(List.of("static", "route", route.prefix().toString()));
          full.addAll(List.of(target.split(" ")));
          lines.add(full);
        }
      }
    }
    for (Zone zone : config.zones()) {
      int before = lines.size();
      for (FirewallInterface each : config.interfaces()) {
        if (each.zone() >= 0 && config.zones().get(each.zone()).name().equals(zone.name())) {
          lines.add(
              List.of(
                  "security", "zones", "security-zone", zone.name(), "interfaces", each.name()));
        }
      }
      if (lines.size() == before) {
        lines.add(List.of("security", "zones", "security-zone", zone.name()));
      }
    }
    for (SecurityPolicy policy : userPolicies(config)) {
      List<String> base = new ArrayList<>(List.of("security", "policies"));
      if (policy.global()) {
        base.add("global");
      } else {
        base.addAll(
            List.of(
                "from-zone",
                zoneName(config, policy.fromZone()),
                "to-zone",
                zoneName(config, policy.toZone())));
      }
      base.addAll(List.of("policy", policy.name()));
      for (String source : prefixesOrAny(policy.source().prefixes())) {
        lines.add(concat(base, "match", "source-address", source));
      }
      for (String destination : prefixesOrAny(policy.destination().prefixes())) {
        lines.add(concat(base, "match", "destination-address", destination));
      }
      for (String application : applicationNames(config, policy)) {
        lines.add(concat(base, "match", "application", application));
      }
      lines.add(concat(base, "then", policy.action().name().toLowerCase()));
    }
    lines.add(
        List.of(
            "security",
            "policies",
            "default-policy",
            config.policies().defaultAction() == org.flowgate.dataplane.policy.PolicyAction.PERMIT
                ? "permit-all"
                : "deny-all"));
    return lines.stream().map(words -> new ConfigStatement(words, GENERATED, false)).toList();
  }

  private static List<String> concat(List<String> base, String... more) {
    List<String> words = new ArrayList<>(base);
    words.addAll(List.of(more));
    return words;
  }

  private static String[] physicalAndUnit(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0
        ? new String[] {name, "0"}
        : new String[] {name.substring(0, dot), name.substring(dot + 1)};
  }

  // ------------------------------------------------------------------ show security zones

  /** {@code show security zones}: each zone with the interfaces bound to it. */
  static String zones(RuntimeConfig config) {
    StringBuilder out = new StringBuilder();
    for (int z = 0; z < config.zones().size(); z++) {
      Zone zone = config.zones().get(z);
      List<String> bound = new ArrayList<>();
      for (FirewallInterface each : config.interfaces()) {
        if (each.zone() == z) {
          bound.add(each.name());
        }
      }
      if (z > 0) {
        out.append('\n');
      }
      out.append("Security zone: ")
          .append(zone.name())
          .append('\n')
          .append("  Zone ID: ")
          .append(zone.id())
          .append('\n')
          .append("  Send reset for non-SYN session TCP packets: ")
          .append(Placeholders.ZONE_TCP_RST)
          .append('\n')
          .append("  Policy configurable: Yes\n")
          .append("  Interfaces bound: ")
          .append(bound.size())
          .append('\n')
          .append("  Interfaces:\n");
      bound.forEach(name -> out.append("    ").append(name).append('\n'));
    }
    return out.toString();
  }

  // ------------------------------------------------------------------ show security policies

  /** What the configuration text says a policy matches, by the names the user wrote. */
  record PolicyWords(List<String> sources, List<String> destinations, List<String> applications) {}

  /**
   * The user policies, built-ins left out (they are not shown by {@code show security policies}).
   */
  static List<SecurityPolicy> userPolicies(RuntimeConfig config) {
    List<SecurityPolicy> all = config.policies().policies();
    return all.subList(Math.min(all.size(), PolicyTable.DEFAULT_POLICY + 1), all.size());
  }

  /** {@code show security policies} and {@code ... detail}. */
  static String policies(RuntimeConfig config, LoadedConfiguration loaded, boolean detail) {
    Names names = new Names(loaded);
    StringBuilder out = new StringBuilder();
    String defaultName =
        config.policies().defaultAction() == org.flowgate.dataplane.policy.PolicyAction.PERMIT
            ? "permit-all"
            : "deny-all";
    if (!detail) {
      out.append("Default policy: ").append(defaultName).append('\n');
    }
    Map<String, List<SecurityPolicy>> contexts = new LinkedHashMap<>();
    List<SecurityPolicy> globals = new ArrayList<>();
    for (SecurityPolicy policy : userPolicies(config)) {
      if (policy.global()) {
        globals.add(policy);
      } else {
        contexts
            .computeIfAbsent(
                "From zone: "
                    + zoneName(config, policy.fromZone())
                    + ", To zone: "
                    + zoneName(config, policy.toZone()),
                k -> new ArrayList<>())
            .add(policy);
      }
    }
    boolean first = true;
    for (Map.Entry<String, List<SecurityPolicy>> context : contexts.entrySet()) {
      if (!detail) {
        out.append(context.getKey()).append('\n');
      }
      int sequence = 1;
      for (SecurityPolicy policy : context.getValue()) {
        if (detail) {
          out.append(first ? "" : "\n");
          detail(out, config, names, policy, sequence++, context.getKey());
        } else {
          brief(out, config, names, policy, sequence++);
        }
        first = false;
      }
    }
    if (!globals.isEmpty()) {
      if (!detail) {
        out.append("Global policies:\n");
      }
      int sequence = 1;
      for (SecurityPolicy policy : globals) {
        if (detail) {
          out.append(first ? "" : "\n");
          detail(
              out,
              config,
              names,
              policy,
              sequence++,
              "From zones: "
                  + zoneList(config, policy.fromZones())
                  + ", To zones: "
                  + zoneList(config, policy.toZones()));
        } else {
          brief(out, config, names, policy, sequence++);
        }
        first = false;
      }
    }
    if (detail) {
      out.append(first ? "" : "\n").append("Default policy: ").append(defaultName).append('\n');
    }
    return out.toString();
  }

  private static void brief(
      StringBuilder out, RuntimeConfig config, Names names, SecurityPolicy policy, int sequence) {
    PolicyWords words = names.words(config, policy);
    out.append("  Policy: ")
        .append(policy.name())
        .append(", State: enabled, Index: ")
        .append(policy.id())
        .append(", Scope Policy: 0, Sequence number: ")
        .append(sequence)
        .append('\n')
        .append("    Source addresses: ")
        .append(String.join(", ", words.sources()))
        .append('\n')
        .append("    Destination addresses: ")
        .append(String.join(", ", words.destinations()))
        .append('\n')
        .append("    Applications: ")
        .append(String.join(", ", words.applications()))
        .append('\n')
        .append("    Action: ")
        .append(action(policy))
        .append('\n');
  }

  private static void detail(
      StringBuilder out,
      RuntimeConfig config,
      Names names,
      SecurityPolicy policy,
      int sequence,
      String context) {
    PolicyWords words = names.words(config, policy);
    out.append("Policy: ")
        .append(policy.name())
        .append(", action-type: ")
        .append(policy.action().name().toLowerCase())
        .append(", State: enabled, Index: ")
        .append(policy.id())
        .append(", Scope Policy: 0\n")
        .append("  Policy Type: Configured\n")
        .append("  Sequence number: ")
        .append(sequence)
        .append('\n')
        .append("  ")
        .append(context)
        .append('\n')
        .append("  Source addresses:\n");
    names
        .addresses(config, words.sources(), policy.source().prefixes())
        .forEach(l -> out.append("    ").append(l).append('\n'));
    out.append("  Destination addresses:\n");
    names
        .addresses(config, words.destinations(), policy.destination().prefixes())
        .forEach(l -> out.append("    ").append(l).append('\n'));
    if (policy.applications().length == 0) {
      out.append("  Application: any\n")
          .append("    IP protocol: 0, ALG: 0, Inactivity timeout: 0\n")
          .append("      Source port range: [0-0]\n")
          .append("      Destination ports: [0-0]\n");
    }
    for (int index : policy.applications()) {
      Application application = config.applications().get(index);
      out.append("  Application: ").append(application.name()).append('\n');
      for (ApplicationTerm term : application.terms()) {
        out.append("    IP protocol: ")
            .append(term.protocol() < 0 ? "0" : ProtocolNames.name(term.protocol()))
            .append(", ALG: 0, Inactivity timeout: ")
            .append(timeoutSeconds(config, term))
            .append('\n')
            .append("      Source port range: ")
            .append(range(term.sourcePortLow(), term.sourcePortHigh()))
            .append('\n')
            .append("      Destination ports: ")
            .append(range(term.destinationPortLow(), term.destinationPortHigh()))
            .append('\n');
      }
    }
    out.append("  Per policy TCP Options: SYN check: No, SEQ check: No, Window scale: No\n");
    if (policy.logInit() || policy.logClose()) {
      out.append("  Session log: ")
          .append(
              policy.logInit() && policy.logClose()
                  ? "at-create, at-close"
                  : policy.logInit() ? "at-create" : "at-close")
          .append('\n');
    }
  }

  /** A port range as the detail view prints it; the full range (any port) is {@code [0-0]}. */
  private static String range(int low, int high) {
    return low == 0 && high == 65535 ? "[0-0]" : "[" + low + "-" + high + "]";
  }

  private static int timeoutSeconds(RuntimeConfig config, ApplicationTerm term) {
    if (term.inactivityTimeoutSeconds() != 0) {
      return term.inactivityTimeoutSeconds();
    }
    return switch (term.protocol()) {
      case -1 -> 0;
      case 6 -> config.settings().tcpTimeoutSeconds();
      case 17 -> config.settings().udpTimeoutSeconds();
      case 1, 58 -> config.settings().icmpTimeoutSeconds();
      default -> config.settings().otherTimeoutSeconds();
    };
  }

  private static String action(SecurityPolicy policy) {
    String action = policy.action().name().toLowerCase();
    if (policy.logInit() || policy.logClose()) {
      action += ", log";
    }
    if (policy.count()) {
      action += ", count";
    }
    return action;
  }

  /** {@code show security policies hit-count}: the default policy, then every user policy. */
  static String hitCount(RuntimeConfig config, long[] hits) {
    StringBuilder out =
        new StringBuilder("Logical system: root-logical-system\n")
            .append("Index   From zone        To zone           Name           Policy count\n");
    int row = 1;
    hitRow(
        out,
        row++,
        "all-zone",
        "all-zone",
        "default-policy",
        hit(hits, PolicyTable.DEFAULT_POLICY));
    List<SecurityPolicy> all = config.policies().policies();
    for (int i = PolicyTable.DEFAULT_POLICY + 1; i < all.size(); i++) {
      SecurityPolicy policy = all.get(i);
      String from = policy.global() ? "junos-global" : zoneName(config, policy.fromZone());
      String to = policy.global() ? "junos-global" : zoneName(config, policy.toZone());
      hitRow(out, row++, from, to, policy.name(), hit(hits, i));
    }
    out.append("Number of policy: ").append(row - 1).append('\n');
    return out.toString();
  }

  private static long hit(long[] hits, int index) {
    return index < hits.length ? hits[index] : 0;
  }

  private static void hitRow(
      StringBuilder out, int row, String from, String to, String name, long count) {
    out.append(column(Integer.toString(row), 8))
        .append(column(from, 17))
        .append(column(to, 18))
        .append(column(name, 15))
        .append(count)
        .append('\n');
  }

  /** A left-aligned column; a value as wide as the column or wider is followed by one space. */
  private static String column(String value, int width) {
    return value.length() < width ? value + " ".repeat(width - value.length()) : value + " ";
  }

  // ------------------------------------------------------------------ show route

  /** {@code show route}: each routing instance's IPv4 then IPv6 table. */
  static String routes(RuntimeConfig config) {
    StringBuilder out = new StringBuilder();
    for (RoutingInstance instance : config.routingInstances()) {
      String prefix = instance.index() == 0 ? "" : instance.name() + ".";
      table(
          out,
          config,
          prefix + "inet.0",
          instance.routes().stream().filter(r -> r.prefix().isIpv4()).toList());
      table(
          out,
          config,
          prefix + "inet6.0",
          instance.routes().stream().filter(r -> !r.prefix().isIpv4()).toList());
    }
    return out.toString();
  }

  private static void table(
      StringBuilder out, RuntimeConfig config, String name, List<Route> routes) {
    if (routes.isEmpty()) {
      return;
    }
    Map<IpPrefix, List<Route>> byDestination = new LinkedHashMap<>();
    routes.forEach(r -> byDestination.computeIfAbsent(r.prefix(), k -> new ArrayList<>()).add(r));
    List<IpPrefix> destinations = new ArrayList<>(byDestination.keySet());
    destinations.sort(ConfigurationViews::compareUnsigned);
    out.append('\n')
        .append(name)
        .append(": ")
        .append(destinations.size())
        .append(" destinations, ")
        .append(routes.size())
        .append(" routes (")
        .append(destinations.size())
        .append(" active, 0 holddown, 0 hidden)\n")
        .append("+ = Active Route, - = Last Active, * = Both\n\n");
    for (IpPrefix destination : destinations) {
      List<Route> candidates = new ArrayList<>(byDestination.get(destination));
      candidates.sort(Comparator.comparingInt(ConfigurationViews::preference));
      boolean active = true;
      for (Route route : candidates) {
        String lead = active ? column(destination.toString(), 19) + "*" : " ".repeat(20);
        out.append(lead)
            .append('[')
            .append(protocol(route))
            .append('/')
            .append(preference(route))
            .append("]\n");
        out.append(nextHop(config, route)).append('\n');
        active = false;
      }
    }
  }

  private static int compareUnsigned(IpPrefix a, IpPrefix b) {
    int c = Long.compareUnsigned(a.address().hi(), b.address().hi());
    if (c == 0) {
      c = Long.compareUnsigned(a.address().lo(), b.address().lo());
    }
    return c != 0 ? c : Integer.compare(a.length(), b.length());
  }

  private static String protocol(Route route) {
    return switch (route.type()) {
      case DIRECT -> "Direct";
      case LOCAL -> "Local";
      case STATIC, DISCARD, REJECT -> "Static";
    };
  }

  /** Junos route preferences: direct and local 0, static 5. */
  private static int preference(Route route) {
    return route.type() == RouteType.DIRECT || route.type() == RouteType.LOCAL ? 0 : 5;
  }

  private static String nextHop(RuntimeConfig config, Route route) {
    String via =
        route.interfaceIndex() >= 0 ? config.interfaceAt(route.interfaceIndex()).name() : "";
    return switch (route.type()) {
      case DIRECT -> " ".repeat(20) + ">  via " + via;
      case LOCAL -> " ".repeat(23) + "Local via " + via;
      case STATIC ->
          " ".repeat(20)
              + (route.gateway() != null
                  ? ">  to " + route.gateway() + " via " + via
                  : ">  via " + via);
      case DISCARD -> " ".repeat(23) + "Discard";
      case REJECT -> " ".repeat(23) + "Reject";
    };
  }

  // ------------------------------------------------------------------ show interfaces terse

  /**
   * {@code show interfaces terse}: each physical interface, then its logical units with addresses,
   * sorted by name as Junos sorts them (numbers in a name compare as numbers). Admin status is
   * {@code down} for an interface or unit the configuration text disables; a physical link is up by
   * our reading of a replay ({@link Placeholders#PHYSICAL_LINK_STATE}, ADR 0021), and a unit's link
   * is down when it or its port is disabled.
   */
  static String interfacesTerse(RuntimeConfig config, LoadedConfiguration loaded) {
    java.util.Set<String> disabled = new java.util.HashSet<>();
    if (loaded != null) {
      for (ConfigStatement statement : loaded.parsed().statements()) {
        List<String> w = statement.words();
        if (statement.inactive() || w.isEmpty() || !w.get(0).equals("interfaces")) {
          continue;
        }
        if (w.size() == 3 && w.get(2).equals("disable")) {
          disabled.add(w.get(1));
        } else if (w.size() == 5 && w.get(2).equals("unit") && w.get(4).equals("disable")) {
          disabled.add(w.get(1) + "." + w.get(3));
        }
      }
    }
    StringBuilder out =
        new StringBuilder(
            "Interface               Admin Link Proto    Local                 Remote\n");
    Map<String, List<FirewallInterface>> byPhysical = new java.util.TreeMap<>(NATURAL);
    for (FirewallInterface each : config.interfaces()) {
      byPhysical.computeIfAbsent(physicalAndUnit(each.name())[0], k -> new ArrayList<>()).add(each);
    }
    for (Map.Entry<String, List<FirewallInterface>> physical : byPhysical.entrySet()) {
      boolean portDown = disabled.contains(physical.getKey());
      String link = portDown ? "down" : Placeholders.PHYSICAL_LINK_STATE;
      out.append(column(physical.getKey(), 24))
          .append(column(portDown ? "down" : "up", 6))
          .append(link)
          .append('\n');
      List<FirewallInterface> units = new ArrayList<>(physical.getValue());
      units.sort(Comparator.comparing(FirewallInterface::name, NATURAL));
      for (FirewallInterface logical : units) {
        boolean unitDown = disabled.contains(logical.name());
        String lead =
            column(logical.name(), 24)
                + column(unitDown ? "down" : "up", 6)
                + column(unitDown || portDown ? "down" : link, 5);
        if (logical.addresses().isEmpty()) {
          out.append(lead.stripTrailing()).append('\n');
          continue;
        }
        String family = null;
        for (IpPrefix address : logical.addresses()) {
          String next = address.isIpv4() ? "inet" : "inet6";
          String protocolColumn = next.equals(family) ? " ".repeat(9) : column(next, 9);
          out.append(lead).append(protocolColumn).append(address).append('\n');
          lead = " ".repeat(35);
          family = next;
        }
      }
    }
    return out.toString();
  }

  /**
   * Names compared as Junos sorts them: runs of digits by value ({@code ge-0/0/2} before {@code
   * ge-0/0/10}).
   */
  static final Comparator<String> NATURAL =
      (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
          char x = a.charAt(i);
          char y = b.charAt(j);
          if (Character.isDigit(x) && Character.isDigit(y)) {
            int si = i;
            int sj = j;
            while (i < a.length() && Character.isDigit(a.charAt(i))) {
              i++;
            }
            while (j < b.length() && Character.isDigit(b.charAt(j))) {
              j++;
            }
            int c =
                new java.math.BigInteger(a.substring(si, i))
                    .compareTo(new java.math.BigInteger(b.substring(sj, j)));
            if (c != 0) {
              return c;
            }
          } else {
            if (x != y) {
              return Character.compare(x, y);
            }
            i++;
            j++;
          }
        }
        return Integer.compare(a.length() - i, b.length() - j);
      };

  // ------------------------------------------------------------------ names

  static String zoneName(RuntimeConfig config, int zone) {
    return zone >= 0 && zone < config.zones().size() ? config.zones().get(zone).name() : "any";
  }

  private static String zoneList(RuntimeConfig config, int[] zones) {
    if (zones.length == 0) {
      return "any";
    }
    List<String> names = new ArrayList<>();
    for (int zone : zones) {
      names.add(zoneName(config, zone));
    }
    return String.join(", ", names);
  }

  private static List<String> prefixesOrAny(List<IpPrefix> prefixes) {
    return prefixes.isEmpty() ? List.of("any") : prefixes.stream().map(IpPrefix::toString).toList();
  }

  private static List<String> applicationNames(RuntimeConfig config, SecurityPolicy policy) {
    if (policy.applications().length == 0) {
      return List.of("any");
    }
    List<String> names = new ArrayList<>();
    for (int index : policy.applications()) {
      names.add(config.applications().get(index).name());
    }
    return names;
  }

  /**
   * The names the configuration text gives a policy's matches and its address-book entries; with no
   * text, the generation's prefixes and application names stand in.
   */
  private static final class Names {
    private final Map<String, PolicyWords> policies = new LinkedHashMap<>();

    /** address name -> (book, prefix or null) per book it is defined in. */
    private final Map<String, List<String[]>> addresses = new LinkedHashMap<>();

    private final Map<String, List<String>> addressSets = new LinkedHashMap<>();

    Names(LoadedConfiguration loaded) {
      if (loaded == null) {
        return;
      }
      for (ConfigStatement statement : loaded.parsed().statements()) {
        if (statement.inactive()) {
          continue;
        }
        List<String> w = statement.words();
        if (w.size() == 11
            && w.get(0).equals("security")
            && w.get(1).equals("policies")
            && w.get(2).equals("from-zone")
            && w.get(6).equals("policy")
            && w.get(8).equals("match")) {
          add(w.get(3) + "\u0000" + w.get(5) + "\u0000" + w.get(7), w.get(9), w.get(10));
        } else if (w.size() == 8
            && w.get(0).equals("security")
            && w.get(1).equals("policies")
            && w.get(2).equals("global")
            && w.get(3).equals("policy")
            && w.get(5).equals("match")) {
          add("\u0000global\u0000" + w.get(4), w.get(6), w.get(7));
        } else if (w.size() >= 5
            && w.get(0).equals("security")
            && w.get(1).equals("address-book")) {
          book(w.get(2), w.subList(3, w.size()));
        } else if (w.size() >= 7
            && w.get(0).equals("security")
            && w.get(1).equals("zones")
            && w.get(2).equals("security-zone")
            && w.get(4).equals("address-book")) {
          book(w.get(3), w.subList(5, w.size()));
        }
      }
    }

    private void add(String key, String what, String name) {
      PolicyWords words =
          policies.computeIfAbsent(
              key, k -> new PolicyWords(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
      switch (what) {
        case "source-address" -> words.sources().add(name);
        case "destination-address" -> words.destinations().add(name);
        case "application" -> words.applications().add(name);
        default -> {} // source-identity and the like are not shown
      }
    }

    private void book(String book, List<String> rest) {
      if (rest.size() == 3 && rest.get(0).equals("address")) {
        addresses
            .computeIfAbsent(rest.get(1), k -> new ArrayList<>())
            .add(new String[] {book, rest.get(2)});
      } else if (rest.size() > 3 && rest.get(0).equals("address")) {
        addresses
            .computeIfAbsent(rest.get(1), k -> new ArrayList<>())
            .add(new String[] {book, null});
      } else if (rest.size() == 4
          && rest.get(0).equals("address-set")
          && (rest.get(2).equals("address") || rest.get(2).equals("address-set"))) {
        addressSets.computeIfAbsent(rest.get(1), k -> new ArrayList<>()).add(rest.get(3));
      }
    }

    PolicyWords words(RuntimeConfig config, SecurityPolicy policy) {
      String key =
          policy.global()
              ? "\u0000global\u0000" + policy.name()
              : zoneName(config, policy.fromZone())
                  + "\u0000"
                  + zoneName(config, policy.toZone())
                  + "\u0000"
                  + policy.name();
      PolicyWords written = policies.get(key);
      if (written != null) {
        return written;
      }
      return new PolicyWords(
          prefixesOrAny(policy.source().prefixes()),
          prefixesOrAny(policy.destination().prefixes()),
          applicationNames(config, policy));
    }

    /** The detail lines of one side of a match: {@code name(book): prefix} for every address. */
    List<String> addresses(RuntimeConfig config, List<String> written, List<IpPrefix> compiled) {
      List<String> lines = new ArrayList<>();
      for (String name : written) {
        expand(name, lines, 0);
      }
      return lines;
    }

    private void expand(String name, List<String> lines, int depth) {
      switch (name) {
        case "any" -> {
          lines.add("any-ipv4(global): 0.0.0.0/0");
          lines.add("any-ipv6(global): ::/0");
          return;
        }
        case "any-ipv4" -> {
          lines.add("any-ipv4(global): 0.0.0.0/0");
          return;
        }
        case "any-ipv6" -> {
          lines.add("any-ipv6(global): ::/0");
          return;
        }
        default -> {}
      }
      if (addressSets.containsKey(name) && depth < 16) {
        for (String member : addressSets.get(name)) {
          expand(member, lines, depth + 1);
        }
      } else if (addresses.containsKey(name)) {
        for (String[] entry : addresses.get(name)) {
          lines.add(name + "(" + entry[0] + ")" + (entry[1] != null ? ": " + entry[1] : ""));
        }
      } else {
        lines.add(name); // no address book behind it: a prefix the generation holds
      }
    }
  }
}
