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
import org.flowgate.dataplane.control.RouteAges;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.dataplane.net.IpPrefix;
import org.flowgate.dataplane.policy.PolicyAction;
import org.flowgate.dataplane.policy.PolicyTable;
import org.flowgate.dataplane.policy.SecurityPolicy;
import org.flowgate.dataplane.route.Route;
import org.flowgate.dataplane.route.RouteType;
import org.flowgate.dataplane.route.RoutingInstance;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.zone.FirewallInterface;
import org.flowgate.dataplane.zone.Zone;
import org.flowgate.mgmt.render.ProtocolNames;
import org.flowgate.mgmt.reply.InterfacesTerseReply;
import org.flowgate.mgmt.reply.MatchPoliciesReply;
import org.flowgate.mgmt.reply.Placeholders;
import org.flowgate.mgmt.reply.PoliciesReply;
import org.flowgate.mgmt.reply.PolicyHitCountReply;
import org.flowgate.mgmt.reply.RouteReply;
import org.flowgate.mgmt.reply.ZonesReply;

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

  /**
   * {@code show configuration [PATH] [| display set]}. The whole configuration opens as Junos opens
   * it: {@code ## Last commit: TIME by USER} and the {@code version} statement (in set form {@code
   * set version ...} alone); a path shows only its subtree. {@code committedAt} and {@code user}
   * are the commit's when {@code loaded} knows them, else when and by whom the configuration was
   * loaded (ADR 0021).
   */
  static String configuration(
      LoadedConfiguration loaded,
      RuntimeConfig config,
      List<String> path,
      boolean displaySet,
      java.time.Instant loadedAt,
      String release) {
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
    if (!path.isEmpty()) {
      return body;
    }
    boolean hasVersion =
        statements.stream()
            .anyMatch(st -> !st.words().isEmpty() && st.words().get(0).equals("version"));
    if (displaySet) {
      return (hasVersion ? "" : "set version " + release + "\n") + body;
    }
    java.time.Instant at =
        loaded != null && loaded.committedAt() != null ? loaded.committedAt() : loadedAt;
    String user =
        loaded != null && loaded.committedBy() != null
            ? loaded.committedBy()
            : Placeholders.COMMIT_USER;
    return "## Last commit: "
        + COMMIT_TIME.format(at)
        + " by "
        + user
        + "\n"
        + (hasVersion ? "" : "version " + release + ";\n")
        + body;
  }

  /** The statements {@code show configuration PATH} shows, from the root down. */
  static List<ConfigStatement> statements(
      LoadedConfiguration loaded, RuntimeConfig config, List<String> path) {
    List<ConfigStatement> statements =
        loaded != null ? loaded.parsed().configured() : factoryStatements(config);
    return path.isEmpty() ? statements : ConfigPrinter.select(statements, path);
  }

  /** True when the configuration text carries its own {@code version} statement. */
  static boolean hasVersion(List<ConfigStatement> statements) {
    return statements.stream()
        .anyMatch(st -> !st.words().isEmpty() && st.words().get(0).equals("version"));
  }

  /** The commit {@code ## Last commit:} and {@code <configuration>} name (see above). */
  static org.flowgate.mgmt.render.ConfigurationTree.Commit commit(
      LoadedConfiguration loaded, java.time.Instant loadedAt) {
    return new org.flowgate.mgmt.render.ConfigurationTree.Commit(
        loaded != null && loaded.committedAt() != null ? loaded.committedAt() : loadedAt,
        loaded != null && loaded.committedBy() != null
            ? loaded.committedBy()
            : Placeholders.COMMIT_USER);
  }

  /** {@code 2018-07-18 11:21:58 UTC}: Junos's commit time, in the device's zone (UTC here). */
  private static final java.time.format.DateTimeFormatter COMMIT_TIME =
      java.time.format.DateTimeFormatter.ofPattern(
              "yyyy-MM-dd HH:mm:ss 'UTC'", java.util.Locale.ROOT)
          .withZone(java.time.ZoneOffset.UTC);

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

  static String[] physicalAndUnit(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0
        ? new String[] {name, "0"}
        : new String[] {name.substring(0, dot), name.substring(dot + 1)};
  }

  // ------------------------------------------------------------------ show security zones

  /**
   * {@code show security zones}: the security zones sorted by name, as every real capture lists
   * them, each with the interfaces bound to it in configuration order; then {@code junos-host},
   * which every SRX has (ADR 0021).
   */
  static ZonesReply zones(RuntimeConfig config) {
    List<ZonesReply.Zone> zones = new ArrayList<>();
    int hostZoneId = Zone.JUNOS_HOST_ID; // when the generation has none (ADR 0021)
    for (int z = 0; z < config.zones().size(); z++) {
      Zone zone = config.zones().get(z);
      if (zone.name().equals(Zone.JUNOS_HOST)) {
        hostZoneId = zone.id();
        continue;
      }
      List<String> bound = new ArrayList<>();
      for (FirewallInterface each : config.interfaces()) {
        if (each.zone() == z) {
          bound.add(each.name());
        }
      }
      org.flowgate.dataplane.screen.IdsOption screen = config.screens().forZone(z);
      zones.add(zone(zone.name(), zone.id(), bound, false, screen == null ? null : screen.name()));
    }
    zones.sort(Comparator.comparing(ZonesReply.Zone::name));
    zones.add(zone(Zone.JUNOS_HOST, hostZoneId, List.of(), true, null));
    return new ZonesReply(zones);
  }

  private static ZonesReply.Zone zone(
      String name, int id, List<String> bound, boolean host, String screen) {
    return new ZonesReply.Zone(
        name,
        id,
        Placeholders.ZONE_TCP_RST,
        "Yes",
        bound,
        Placeholders.ZONE_ADVANCED_CONNECTION_TRACKING_TIMEOUT,
        Placeholders.ZONE_UNIDIRECTIONAL_SESSION_REFRESHING,
        host,
        screen);
  }

  // ------------------------------------------------------------------ show security policies

  /** What the configuration text says a policy matches, by the names the user wrote. */
  record PolicyWords(List<String> sources, List<String> destinations, List<String> applications) {}

  /**
   * The user policies, built-ins left out (they are not shown by {@code show security policies}).
   */
  static List<SecurityPolicy> userPolicies(RuntimeConfig config) {
    List<SecurityPolicy> all = config.policies().policies();
    return all.subList(Math.min(all.size(), PolicyTable.FIRST_USER_POLICY), all.size());
  }

  /** What {@code show security policies} was asked to show; null for a selector not given. */
  record PolicySelection(String fromZone, String toZone, String policyName, boolean global) {
    static final PolicySelection ALL = new PolicySelection(null, null, null, false);

    boolean narrows() {
      return fromZone != null || toZone != null || policyName != null || global;
    }
  }

  /** {@code show security policies [detail] [from-zone Z] [to-zone Z] [policy-name P] [global]}. */
  static PoliciesReply policies(
      RuntimeConfig config, LoadedConfiguration loaded, boolean detail, PolicySelection select) {
    Names names = new Names(loaded);
    Map<String, List<PoliciesReply.Policy>> contexts = new LinkedHashMap<>();
    Map<String, String[]> contextZones = new LinkedHashMap<>();
    Map<String, Integer> sequences = new java.util.HashMap<>();
    List<PoliciesReply.Policy> globals = new ArrayList<>();
    int globalSequence = 0;
    for (SecurityPolicy policy : userPolicies(config)) {
      if (policy.global()) {
        globalSequence++;
        if ((select.fromZone() == null && select.toZone() == null || select.global())
            && (select.policyName() == null || select.policyName().equals(policy.name()))) {
          globals.add(policy(config, names, policy, globalSequence));
        }
        continue;
      }
      String from = zoneName(config, policy.fromZone());
      String to = zoneName(config, policy.toZone());
      String key = from + "\u0000" + to;
      int sequence = sequences.merge(key, 1, Integer::sum);
      if (select.global()
          || select.fromZone() != null && !select.fromZone().equals(from)
          || select.toZone() != null && !select.toZone().equals(to)
          || select.policyName() != null && !select.policyName().equals(policy.name())) {
        continue;
      }
      contextZones.put(key, new String[] {from, to});
      contexts
          .computeIfAbsent(key, k -> new ArrayList<>())
          .add(policy(config, names, policy, sequence));
    }
    List<PoliciesReply.Context> list = new ArrayList<>();
    contexts.forEach(
        (key, policies) ->
            list.add(
                new PoliciesReply.Context(
                    contextZones.get(key)[0], contextZones.get(key)[1], policies)));
    return new PoliciesReply(
        detail,
        !select.narrows(),
        defaultPolicyName(config),
        Placeholders.POLICY_LOG_PROFILE,
        Placeholders.PRE_ID_DEFAULT_POLICY,
        Placeholders.DEFAULT_HTTP_MUX_POLICY,
        list,
        globals);
  }

  private static String defaultPolicyName(RuntimeConfig config) {
    return config.policies().defaultAction() == PolicyAction.PERMIT ? "permit-all" : "deny-all";
  }

  /** One policy with its names, its addresses resolved and its applications' terms. */
  private static PoliciesReply.Policy policy(
      RuntimeConfig config, Names names, SecurityPolicy policy, int sequence) {
    PolicyWords words = names.words(config, policy);
    List<String> fromZones =
        policy.global()
            ? zoneList(config, policy.fromZones())
            : List.of(zoneName(config, policy.fromZone()));
    List<String> toZones =
        policy.global()
            ? zoneList(config, policy.toZones())
            : List.of(zoneName(config, policy.toZone()));
    return new PoliciesReply.Policy(
        policy.name(),
        POLICY_STATE,
        policy.id(),
        Placeholders.POLICY_SCOPE,
        sequence,
        Placeholders.POLICY_LOG_PROFILE,
        policy.global(),
        fromZones,
        toZones,
        Placeholders.POLICY_VRF_GROUP,
        Placeholders.POLICY_VRF_GROUP,
        words.sources(),
        words.destinations(),
        words.applications(),
        Placeholders.POLICY_IDENTITY_FEEDS,
        Placeholders.POLICY_IDENTITY_FEEDS,
        policy.action().name().toLowerCase(java.util.Locale.ROOT),
        policy.logInit(),
        policy.logClose(),
        policy.count(),
        Placeholders.POLICY_SERVICES_OFFLOAD,
        names.addresses(words.sources()),
        names.addresses(words.destinations()),
        applicationDetails(config, policy),
        false,
        false,
        false,
        dynamicApplications(policy));
  }

  /**
   * A policy the generation holds is enabled: Flowgate compiles no deactivated or scheduled policy.
   */
  private static final String POLICY_STATE = "enabled";

  private static List<PoliciesReply.ApplicationDetail> applicationDetails(
      RuntimeConfig config, SecurityPolicy policy) {
    List<PoliciesReply.ApplicationDetail> details = new ArrayList<>();
    if (policy.applications().length == 0) {
      details.add(
          new PoliciesReply.ApplicationDetail(
              "any", List.of(new PoliciesReply.Term("0", 0, 0, 0, 0, 0, 0))));
      return details;
    }
    for (int index : policy.applications()) {
      Application application = config.applications().get(index);
      List<PoliciesReply.Term> terms = new ArrayList<>();
      for (ApplicationTerm term : application.terms()) {
        boolean anySource = term.sourcePortLow() == 0 && term.sourcePortHigh() == 65535;
        boolean anyDestination =
            term.destinationPortLow() == 0 && term.destinationPortHigh() == 65535;
        terms.add(
            new PoliciesReply.Term(
                term.protocol() < 0 ? "0" : ProtocolNames.name(term.protocol()),
                Placeholders.POLICY_APPLICATION_ALG,
                timeoutSeconds(config, term),
                anySource ? 0 : term.sourcePortLow(),
                anySource ? 0 : term.sourcePortHigh(),
                anyDestination ? 0 : term.destinationPortLow(),
                anyDestination ? 0 : term.destinationPortHigh()));
      }
      details.add(new PoliciesReply.ApplicationDetail(application.name(), terms));
    }
    return details;
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

  /**
   * {@code show security policies hit-count}: the default policy, the HTTP mux default, then every
   * user policy (global ones between {@code junos-global}), with the first packets each decided. A
   * selector narrows the rows as it narrows the policies view.
   */
  static PolicyHitCountReply hitCount(RuntimeConfig config, long[] hits, PolicySelection select) {
    List<PolicyHitCountReply.Row> rows = new ArrayList<>();
    int row = 1;
    if (!select.narrows()) {
      rows.add(
          new PolicyHitCountReply.Row(
              row++,
              ALL_ZONE,
              ALL_ZONE,
              "default-policy",
              hit(hits, PolicyTable.DEFAULT_POLICY),
              config.policies().defaultAction() == PolicyAction.PERMIT ? "Permit" : "Deny"));
      rows.add(
          new PolicyHitCountReply.Row(
              row++,
              ALL_ZONE,
              ALL_ZONE,
              "default-http-mux",
              Placeholders.DEFAULT_HTTP_MUX_HITS,
              Placeholders.DEFAULT_HTTP_MUX_POLICY.equals("permit-all") ? "Permit" : "Deny"));
    }
    List<SecurityPolicy> all = config.policies().policies();
    for (int i = PolicyTable.FIRST_USER_POLICY; i < all.size(); i++) {
      SecurityPolicy policy = all.get(i);
      String from = policy.global() ? JUNOS_GLOBAL : zoneName(config, policy.fromZone());
      String to = policy.global() ? JUNOS_GLOBAL : zoneName(config, policy.toZone());
      boolean shown =
          (select.global() ? policy.global() : true)
              && (select.fromZone() == null || select.fromZone().equals(from))
              && (select.toZone() == null || select.toZone().equals(to))
              && (select.policyName() == null || select.policyName().equals(policy.name()));
      if (shown) {
        rows.add(
            new PolicyHitCountReply.Row(
                row++,
                from,
                to,
                policy.name(),
                hit(hits, i),
                switch (policy.action()) {
                  case PERMIT -> "Permit";
                  case DENY -> "Deny";
                  case REJECT -> "Reject";
                }));
      }
    }
    return new PolicyHitCountReply(ROOT_LOGICAL_SYSTEM, rows);
  }

  private static final String ALL_ZONE = "all-zone";
  private static final String JUNOS_GLOBAL = "junos-global";

  /** Flowgate has no logical systems: everything is in the root one. */
  private static final String ROOT_LOGICAL_SYSTEM = "root-logical-system";

  private static long hit(long[] hits, int index) {
    return index < hits.length ? hits[index] : 0;
  }

  // ------------------------------------------------------------------ show security match-policies

  /** The first packet {@code show security match-policies} asks about. */
  record MatchQuery(
      String fromZone,
      String toZone,
      IpAddress source,
      IpAddress destination,
      int sourcePort,
      int destinationPort,
      int protocol,
      int resultCount) {}

  /**
   * The policies the first path would try for this packet, in its order, from the one {@link
   * PolicyTable#lookup} decides on: at most {@code resultCount}, the first always the one that
   * decides (the default policy when no user policy matches). Null when a zone is not configured.
   */
  static MatchPoliciesReply matchPolicies(
      RuntimeConfig config, LoadedConfiguration loaded, MatchQuery query) {
    int from = config.zoneIndex(query.fromZone());
    int to = config.zoneIndex(query.toZone());
    if (from < 0 || to < 0) {
      return null;
    }
    PolicyTable table = config.policies();
    long found =
        table.lookup(
            new PolicyTable.Scratch(),
            from,
            to,
            query.source().hi(),
            query.source().lo(),
            query.destination().hi(),
            query.destination().lo(),
            query.protocol(),
            query.sourcePort(),
            query.destinationPort(),
            -1,
            -1);
    int first = PolicyTable.policyOf(found);
    Names names = new Names(loaded);
    List<PoliciesReply.Policy> shown = new ArrayList<>();
    if (first == PolicyTable.DEFAULT_POLICY) {
      shown.add(defaultPolicy(config, query));
      return new MatchPoliciesReply(shown);
    }
    // the decision first, then the policies after it that match too, in the first path's order:
    // the zone pair's list, then the global list
    List<Integer> order = new ArrayList<>();
    List<SecurityPolicy> all = table.policies();
    for (int i = PolicyTable.FIRST_USER_POLICY; i < all.size(); i++) {
      if (!all.get(i).global()) {
        order.add(i);
      }
    }
    for (int i = PolicyTable.FIRST_USER_POLICY; i < all.size(); i++) {
      if (all.get(i).global()) {
        order.add(i);
      }
    }
    // unified policies wait for the application (ADR 0033): the lookup answers the pre-id default
    // policy, and the view lists the potential matches in order, as far as the first that ends them
    boolean past = first == PolicyTable.PRE_ID_DEFAULT_POLICY;
    for (int index : order) {
      if (shown.size() >= query.resultCount()) {
        break;
      }
      if (index == first) {
        past = true;
      }
      if (past && (index == first || matches(config, all.get(index), from, to, query))) {
        SecurityPolicy policy = all.get(index);
        shown.add(policy(config, names, policy, sequenceOf(config, policy)));
      }
    }
    return new MatchPoliciesReply(shown);
  }

  /** The exact match of one policy, by the primitives the policy table's lookup uses. */
  private static boolean matches(
      RuntimeConfig config, SecurityPolicy policy, int from, int to, MatchQuery query) {
    if (!inZones(policy.fromZones(), from) || !inZones(policy.toZones(), to)) {
      return false;
    }
    if (!policy.source().matches(query.source().hi(), query.source().lo())
        || !policy.destination().matches(query.destination().hi(), query.destination().lo())) {
      return false;
    }
    if (policy.applications().length == 0) {
      return true;
    }
    for (int application : policy.applications()) {
      if (config
              .applications()
              .get(application)
              .matchingTerm(query.protocol(), query.sourcePort(), query.destinationPort(), -1, -1)
          >= 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean inZones(int[] zones, int zone) {
    if (zones.length == 0) {
      return true;
    }
    for (int each : zones) {
      if (each == zone) {
        return true;
      }
    }
    return false;
  }

  /** A policy's sequence number in its context (global policies: among the global ones). */
  private static int sequenceOf(RuntimeConfig config, SecurityPolicy policy) {
    int sequence = 0;
    for (SecurityPolicy each : userPolicies(config)) {
      boolean sameList =
          policy.global()
              ? each.global()
              : !each.global()
                  && each.fromZone() == policy.fromZone()
                  && each.toZone() == policy.toZone();
      if (sameList) {
        sequence++;
      }
      if (each == policy) {
        break;
      }
    }
    return sequence;
  }

  /** A policy's {@code match dynamic-application} as the views list it (ADR 0033). */
  static List<String> dynamicApplications(SecurityPolicy policy) {
    return switch (policy.dynamicApplications().kind()) {
      case NONE -> List.of();
      case ANY -> List.of("any");
      case LISTED -> policy.dynamicApplications().names();
    };
  }

  /** The default policy as match-policies shows it when no user policy matches. */
  private static PoliciesReply.Policy defaultPolicy(RuntimeConfig config, MatchQuery query) {
    SecurityPolicy policy = config.policies().get(PolicyTable.DEFAULT_POLICY);
    return new PoliciesReply.Policy(
        policy.name(),
        POLICY_STATE,
        policy.id(),
        Placeholders.POLICY_SCOPE,
        1,
        Placeholders.POLICY_LOG_PROFILE,
        false,
        List.of(query.fromZone()),
        List.of(query.toZone()),
        Placeholders.POLICY_VRF_GROUP,
        Placeholders.POLICY_VRF_GROUP,
        List.of("any"),
        List.of("any"),
        List.of("any"),
        Placeholders.POLICY_IDENTITY_FEEDS,
        Placeholders.POLICY_IDENTITY_FEEDS,
        policy.action().name().toLowerCase(java.util.Locale.ROOT),
        false,
        false,
        false,
        Placeholders.POLICY_SERVICES_OFFLOAD,
        new Names(null).addresses(List.of("any")),
        new Names(null).addresses(List.of("any")),
        applicationDetails(config, policy),
        false,
        false,
        false,
        dynamicApplications(policy));
  }

  // ------------------------------------------------------------------ show route

  /**
   * {@code show route [PREFIX]}: each routing instance's IPv4 then IPv6 table, with the link-local
   * routes Junos gives every inet6 interface (ADR 0021). With a prefix, each table of its family
   * shows the longest route that covers it; the counts stay those of the whole table.
   */
  static RouteReply routes(RuntimeConfig config, IpPrefix selected) {
    return routes(config, null, null, selected);
  }

  /**
   * {@code show route} with each route's age on the engine's clock ({@link RouteAges}): since the
   * commit that installed it as it is, or since the engine started; a link-local route is as old as
   * its interface's oldest route. No ages when {@code ages} is null or the clock has not started
   * ({@code time} null: no packet yet).
   */
  static RouteReply routes(
      RuntimeConfig config, RouteAges ages, RouteAges.Time time, IpPrefix selected) {
    List<RouteReply.Table> tables = new ArrayList<>();
    for (RoutingInstance instance : config.routingInstances()) {
      String prefix = instance.index() == 0 ? "" : instance.name() + ".";
      List<RouteReply.Destination> v4 = new ArrayList<>();
      List<RouteReply.Destination> v6 = new ArrayList<>();
      Map<IpPrefix, List<RouteReply.Entry>> byDestination =
          new java.util.TreeMap<>(ConfigurationViews::compareUnsigned);
      Map<Integer, Long> interfaceAges = new java.util.HashMap<>();
      for (Route route : instance.routes()) {
        long age =
            ages == null || time == null
                ? Placeholders.ROUTE_AGE_UNKNOWN
                : ages.ageSeconds(config, instance, route, time);
        if (route.interfaceIndex() >= 0) {
          interfaceAges.merge(route.interfaceIndex(), age, Math::max);
        }
        byDestination
            .computeIfAbsent(route.prefix(), k -> new ArrayList<>())
            .add(entry(config, route, age));
      }
      for (FirewallInterface each : config.interfaces()) {
        if (each.routingInstance() != instance.index() || !hasInet6(each)) {
          continue;
        }
        long age = interfaceAges.getOrDefault(each.index(), Placeholders.ROUTE_AGE_UNKNOWN);
        byDestination
            .computeIfAbsent(LINK_LOCAL_NETWORK, k -> new ArrayList<>())
            .add(
                new RouteReply.Entry(
                    false, "Direct", 0, age, new RouteReply.NextHop.Forward(null, each.name())));
        byDestination
            .computeIfAbsent(
                new IpPrefix(linkLocalAddress(config, each), 128), k -> new ArrayList<>())
            .add(
                new RouteReply.Entry(
                    false, "Local", 0, age, new RouteReply.NextHop.Local(each.name())));
      }
      int[] routeCounts = new int[2];
      byDestination.forEach(
          (destination, entries) -> {
            List<RouteReply.Entry> sorted = new ArrayList<>(entries);
            sorted.sort(Comparator.comparingInt(RouteReply.Entry::preference));
            List<RouteReply.Entry> marked = new ArrayList<>();
            for (int i = 0; i < sorted.size(); i++) {
              RouteReply.Entry e = sorted.get(i);
              marked.add(
                  new RouteReply.Entry(
                      i == 0, e.protocol(), e.preference(), e.ageSeconds(), e.nextHop()));
            }
            RouteReply.Destination d = new RouteReply.Destination(destination.toString(), marked);
            (destination.isIpv4() ? v4 : v6).add(d);
            routeCounts[destination.isIpv4() ? 0 : 1] += marked.size();
          });
      table(tables, prefix + "inet.0", v4, routeCounts[0], selected, true);
      table(tables, prefix + "inet6.0", v6, routeCounts[1], selected, false);
    }
    return new RouteReply(tables);
  }

  private static void table(
      List<RouteReply.Table> tables,
      String name,
      List<RouteReply.Destination> destinations,
      int routes,
      IpPrefix selected,
      boolean ipv4) {
    if (destinations.isEmpty()) {
      return;
    }
    List<RouteReply.Destination> shown = destinations;
    if (selected != null) {
      if (selected.isIpv4() != ipv4) {
        return;
      }
      RouteReply.Destination best = null;
      int bestLength = -1;
      for (RouteReply.Destination destination : destinations) {
        IpPrefix prefix = IpPrefix.parse(destination.prefix());
        if (prefix.length() <= selected.length()
            && prefix.contains(selected.address().hi(), selected.address().lo())
            && prefix.length() > bestLength) {
          best = destination;
          bestLength = prefix.length();
        }
      }
      if (best == null) {
        return;
      }
      shown = List.of(best);
    }
    tables.add(
        new RouteReply.Table(name, destinations.size(), routes, destinations.size(), 0, 0, shown));
  }

  private static RouteReply.Entry entry(RuntimeConfig config, Route route, long ageSeconds) {
    String via =
        route.interfaceIndex() >= 0 ? config.interfaceAt(route.interfaceIndex()).name() : "";
    RouteReply.NextHop nextHop =
        switch (route.type()) {
          case DIRECT -> new RouteReply.NextHop.Forward(null, via);
          case LOCAL -> new RouteReply.NextHop.Local(via);
          case STATIC ->
              new RouteReply.NextHop.Forward(
                  route.gateway() == null ? null : route.gateway().toString(), via);
          case DISCARD -> new RouteReply.NextHop.Drop("Discard");
          case REJECT -> new RouteReply.NextHop.Drop("Reject");
        };
    return new RouteReply.Entry(false, protocol(route), preference(route), ageSeconds, nextHop);
  }

  private static int compareUnsigned(IpPrefix a, IpPrefix b) {
    if (a.isIpv4() != b.isIpv4()) {
      return a.isIpv4() ? -1 : 1;
    }
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

  // ------------------------------------------------------------------ link-local addresses

  /** {@code fe80::/64}: the link-local network of every inet6 interface (RFC 4291 §2.5.6). */
  private static final IpPrefix LINK_LOCAL_NETWORK = IpPrefix.parse("fe80::/64");

  private static boolean hasInet6(FirewallInterface each) {
    for (IpPrefix address : each.addresses()) {
      if (!address.isIpv4()) {
        return true;
      }
    }
    return false;
  }

  /**
   * An interface's link-local address: {@code fe80::} and the modified EUI-64 interface identifier
   * of its port's MAC address (RFC 4291 appendix A), the MAC being the one Flowgate declares for
   * the port ({@link Placeholders#portMacAddress}).
   */
  static IpAddress linkLocalAddress(RuntimeConfig config, FirewallInterface each) {
    long mac = Placeholders.portMacAddress(portNumber(config, each));
    long identifier = ((mac >>> 24) << 40 | 0xfffeL << 24 | (mac & 0xffffffL)) ^ (0x02L << 56);
    return new IpAddress(0xfe80_0000_0000_0000L, identifier);
  }

  /** The port's place among the physical interfaces, sorted as Junos sorts them (from 0). */
  private static int portNumber(RuntimeConfig config, FirewallInterface each) {
    java.util.TreeSet<String> ports = new java.util.TreeSet<>(NATURAL);
    for (FirewallInterface other : config.interfaces()) {
      ports.add(physicalAndUnit(other.name())[0]);
    }
    return ports.headSet(physicalAndUnit(each.name())[0]).size();
  }

  // ------------------------------------------------------------------ show interfaces terse

  /**
   * {@code show interfaces terse}: each physical interface, then its logical units with their
   * addresses per family (an inet6 unit's link-local address after the configured ones), sorted by
   * name as Junos sorts them (numbers in a name compare as numbers). A vSRX's ports are its virtual
   * NICs, numbered without gaps: a {@code ge-0/0/N} port below the highest configured one is listed
   * without units. Admin status is {@code down} for an interface or unit the configuration text
   * disables; a physical link is up by our reading of a replay ({@link
   * Placeholders#PHYSICAL_LINK_STATE}, ADR 0021), and a unit's link is down when it or its port is
   * disabled.
   */
  static InterfacesTerseReply interfacesTerse(RuntimeConfig config, LoadedConfiguration loaded) {
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
    Map<String, List<FirewallInterface>> byPhysical = new java.util.TreeMap<>(NATURAL);
    for (FirewallInterface each : config.interfaces()) {
      if (each.name().equals(RuntimeConfig.LOCAL_INTERFACE)) {
        continue;
      }
      byPhysical.computeIfAbsent(physicalAndUnit(each.name())[0], k -> new ArrayList<>()).add(each);
    }
    for (String port : missingPorts(byPhysical.keySet())) {
      byPhysical.put(port, List.of());
    }
    List<InterfacesTerseReply.Physical> physicals = new ArrayList<>();
    for (Map.Entry<String, List<FirewallInterface>> physical : byPhysical.entrySet()) {
      boolean portDown = disabled.contains(physical.getKey());
      String link = portDown ? "down" : Placeholders.PHYSICAL_LINK_STATE;
      List<FirewallInterface> units = new ArrayList<>(physical.getValue());
      units.sort(Comparator.comparing(FirewallInterface::name, NATURAL));
      List<InterfacesTerseReply.Logical> logicals = new ArrayList<>();
      for (FirewallInterface logical : units) {
        boolean unitDown = disabled.contains(logical.name());
        List<String> inet = new ArrayList<>();
        List<String> inet6 = new ArrayList<>();
        for (IpPrefix address : logical.addresses()) {
          (address.isIpv4() ? inet : inet6).add(address.toString());
        }
        if (!inet6.isEmpty()) {
          inet6.add(linkLocalAddress(config, logical) + "/64");
        }
        List<InterfacesTerseReply.Family> families = new ArrayList<>();
        if (!inet.isEmpty()) {
          families.add(new InterfacesTerseReply.Family("inet", inet));
        }
        if (!inet6.isEmpty()) {
          families.add(new InterfacesTerseReply.Family("inet6", inet6));
        }
        logicals.add(
            new InterfacesTerseReply.Logical(
                logical.name(),
                unitDown ? "down" : "up",
                unitDown || portDown ? "down" : link,
                families));
      }
      physicals.add(
          new InterfacesTerseReply.Physical(
              physical.getKey(), portDown ? "down" : "up", link, logicals));
    }
    return new InterfacesTerseReply(physicals);
  }

  private static final java.util.regex.Pattern PORT =
      java.util.regex.Pattern.compile("((?:ge|xe|et)-\\d+/\\d+/)(\\d+)");

  /** The {@code ge-0/0/N} ports below the highest configured one of each PIC that have no unit. */
  private static List<String> missingPorts(java.util.Set<String> configured) {
    Map<String, Integer> highest = new LinkedHashMap<>();
    for (String name : configured) {
      java.util.regex.Matcher port = PORT.matcher(name);
      if (port.matches()) {
        highest.merge(port.group(1), Integer.parseInt(port.group(2)), Math::max);
      }
    }
    List<String> missing = new ArrayList<>();
    highest.forEach(
        (pic, top) -> {
          for (int n = 0; n < top; n++) {
            if (!configured.contains(pic + n)) {
              missing.add(pic + n);
            }
          }
        });
    return missing;
  }

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

  private static List<String> zoneList(RuntimeConfig config, int[] zones) {
    if (zones.length == 0) {
      return List.of("any");
    }
    List<String> names = new ArrayList<>();
    for (int zone : zones) {
      names.add(zoneName(config, zone));
    }
    return names;
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

    /** The detail entries of one side of a match: {@code name(book): prefix} per address. */
    List<PoliciesReply.AddressDetail> addresses(List<String> written) {
      List<PoliciesReply.AddressDetail> lines = new ArrayList<>();
      for (String name : written) {
        expand(name, lines, 0);
      }
      return lines;
    }

    private void expand(String name, List<PoliciesReply.AddressDetail> lines, int depth) {
      switch (name) {
        case "any" -> {
          lines.add(ANY_IPV4);
          lines.add(ANY_IPV6);
          return;
        }
        case "any-ipv4" -> {
          lines.add(ANY_IPV4);
          return;
        }
        case "any-ipv6" -> {
          lines.add(ANY_IPV6);
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
          lines.add(new PoliciesReply.AddressDetail(name, entry[0], entry[1]));
        }
      } else {
        // no address book behind it: a prefix the generation holds
        lines.add(new PoliciesReply.AddressDetail(name, null, null));
      }
    }

    private static final PoliciesReply.AddressDetail ANY_IPV4 =
        new PoliciesReply.AddressDetail("any-ipv4", "global", "0.0.0.0/0");
    private static final PoliciesReply.AddressDetail ANY_IPV6 =
        new PoliciesReply.AddressDetail("any-ipv6", "global", "::/0");
  }
}
