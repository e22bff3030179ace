package org.flowgate.config.compile;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flowgate.config.compile.JunosConfiguration.Policy;
import org.flowgate.config.compile.JunosConfiguration.Reference;
import org.flowgate.config.compile.Schema.Match;
import org.flowgate.config.text.Diagnostics;
import org.flowgate.config.text.SourceLocation;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appqos.AppQosRule;
import org.flowgate.dataplane.appqos.AppQosRuleSet;
import org.flowgate.dataplane.appqos.AppTrackSettings;
import org.flowgate.dataplane.appqos.ApplicationServices;
import org.flowgate.dataplane.appqos.RateLimiter;
import org.flowgate.dataplane.appqos.TrafficControl;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.zone.Zone;

/**
 * Application traffic control (AppQoS) and application tracking (AppTrack) in the three passes
 * (docs/adr/0034): read the statements below
 *
 * <pre>
 * class-of-service application-traffic-control
 *   rate-limiters NAME { bandwidth-limit KBPS; burst-size-limit BYTES; }
 *   rule-sets NAME { rule NAME {
 *     match { application NAME; application-group NAME; application-any; application-unknown;
 *             application-known; }
 *     then  { dscp-code-point (BITS | ALIAS); forwarding-class NAME; loss-priority LEVEL;
 *             rate-limit { client-to-server NAME; server-to-client NAME; loss-priority-high; }
 *             log; } } }
 * security application-tracking { disable; first-update; first-update-interval M;
 *   session-update-interval M; log-session-create; log-session-close; no-volume-updates; }
 * security zones security-zone Z application-tracking;
 * security policies ... then permit application-services application-traffic-control rule-set R;
 * </pre>
 *
 * validate the names (a rule-set a policy names, a limiter a rule names, applications and groups in
 * the catalog, a limiter in one rule-set only), and build {@link ApplicationServices} for the
 * generation. Statement names and ranges are Juniper's (24.4R1 YANG); every error is at its
 * statement.
 *
 * <p>Thread: one instance per compilation.
 */
final class AppServicesReader {
  private final Diagnostics diagnostics;

  private final Map<String, Limiter> limiters = new LinkedHashMap<>();
  private final Map<String, RuleSet> ruleSets = new LinkedHashMap<>();
  private final Map<Policy, Reference> policyRuleSets = new IdentityHashMap<>();
  private final Set<String> trackedZones = new LinkedHashSet<>();
  private final Map<String, Group> groups = new LinkedHashMap<>();

  private boolean trackingDisabled;
  private boolean firstUpdate;
  private int firstUpdateIntervalMinutes = -1;
  private SourceLocation firstUpdateIntervalAt;
  private int sessionUpdateIntervalMinutes =
      AppTrackSettings.DEFAULT_SESSION_UPDATE_INTERVAL_MINUTES;
  private boolean logSessionCreate;
  private boolean noVolumeUpdates;

  private static final class Limiter {
    final String name;
    final SourceLocation location;
    long bandwidthKbps = -1;
    long burstBytes = -1;
    SourceLocation burstAt;

    Limiter(String name, SourceLocation location) {
      this.name = name;
      this.location = location;
    }
  }

  /** One {@code application-group}: its members as written, each at its statement. */
  private static final class Group {
    final String name;
    final SourceLocation location;
    final List<Reference> applications = new ArrayList<>();
    final List<Reference> childGroups = new ArrayList<>();

    Group(String name, SourceLocation location) {
      this.name = name;
      this.location = location;
    }
  }

  private static final class RuleSet {
    final String name;
    final Map<String, Rule> rules = new LinkedHashMap<>();

    RuleSet(String name) {
      this.name = name;
    }
  }

  private static final class Rule {
    final String name;
    boolean any;
    boolean unknown;
    boolean known;
    final List<Reference> applications = new ArrayList<>();
    final List<Reference> groups = new ArrayList<>();
    int dscp = -1;
    String forwardingClass;
    String lossPriority;
    Reference clientToServer;
    Reference serverToClient;
    boolean lossPriorityHigh;
    boolean log;

    Rule(String name) {
      this.name = name;
    }
  }

  AppServicesReader(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  // ================================================================== read

  /** {@code class-of-service application-traffic-control ...}: the words after it. */
  void trafficControl(Match m) {
    List<String> w = m.rest();
    SourceLocation at = m.statement().location();
    if (w.isEmpty()) {
      return;
    }
    if (w.get(0).equals("rate-limiters") && w.size() >= 2) {
      Limiter limiter = limiters.computeIfAbsent(w.get(1), n -> new Limiter(n, at));
      if (w.size() == 2) {
        return;
      }
      if (w.size() == 4 && w.get(2).equals("bandwidth-limit")) {
        Integer kbps = Values.number(w.get(3));
        if (kbps == null || kbps < 64 || kbps > 10_485_760) {
          error(at, "invalid bandwidth-limit '" + w.get(3) + "': 64 to 10485760 kbps");
          return;
        }
        limiter.bandwidthKbps = kbps;
        return;
      }
      if (w.size() == 4 && w.get(2).equals("burst-size-limit")) {
        Integer bytes = Values.number(w.get(3));
        if (bytes == null || bytes < 1 || bytes > 1_342_177_280) {
          error(at, "invalid burst-size-limit '" + w.get(3) + "': 1 to 1342177280 bytes");
          return;
        }
        limiter.burstBytes = bytes;
        limiter.burstAt = at;
        return;
      }
    } else if (w.get(0).equals("rule-sets") && w.size() >= 2) {
      RuleSet set = ruleSets.computeIfAbsent(w.get(1), RuleSet::new);
      if (w.size() == 2) {
        return;
      }
      if (w.size() >= 4 && w.get(2).equals("rule")) {
        Rule rule = set.rules.computeIfAbsent(w.get(3), Rule::new);
        if (w.size() == 4 || rule(rule, w.subList(4, w.size()), at)) {
          return;
        }
      }
    } else if (w.get(0).equals("traceoptions")) {
      warn(at, "statement not implemented: " + m.statement().path());
      return;
    }
    warn(at, "statement not implemented: " + m.statement().path());
  }

  /**
   * {@code services application-identification application-group NAME ...}: the words after {@code
   * application-group} (docs/adr/0044). Juniper's YANG (24.4R1 junos-es-conf-services): lists
   * {@code applications NAME} and {@code application-groups NAME}, names 1..63 characters; {@code
   * tag-group} and the deprecated {@code disable} are not implemented.
   */
  void applicationGroup(Match m) {
    List<String> w = m.rest();
    SourceLocation at = m.statement().location();
    if (w.isEmpty()) {
      warn(at, "statement not implemented: " + m.statement().path());
      return;
    }
    String name = w.get(0);
    if (name.length() > 63) {
      error(at, "invalid application-group name '" + name + "': 1 to 63 characters");
      return;
    }
    if (name.regionMatches(true, 0, "junos:", 0, "junos:".length())) {
      error(
          at,
          "application-group "
              + name
              + ": the junos prefix belongs to predefined application groups");
      return;
    }
    Group group = groups.computeIfAbsent(name, n -> new Group(n, at));
    if (w.size() == 1
        || w.size() == 2 && List.of("applications", "application-groups").contains(w.get(1))) {
      return;
    }
    if (w.size() == 3 && w.get(1).equals("applications")) {
      group.applications.add(new Reference(w.get(2), at));
      return;
    }
    if (w.size() == 3 && w.get(1).equals("application-groups")) {
      group.childGroups.add(new Reference(w.get(2), at));
      return;
    }
    warn(at, "statement not implemented: " + m.statement().path());
  }

  /** The user-defined application groups, as the generation keeps them. */
  org.flowgate.dataplane.policy.ApplicationGroups applicationGroups() {
    List<org.flowgate.dataplane.policy.ApplicationGroups.Group> list = new ArrayList<>();
    for (Group group : groups.values()) {
      list.add(
          new org.flowgate.dataplane.policy.ApplicationGroups.Group(
              group.name,
              group.applications.stream().map(Reference::name).toList(),
              group.childGroups.stream().map(Reference::name).toList()));
    }
    return org.flowgate.dataplane.policy.ApplicationGroups.of(list);
  }

  /**
   * Every member of every group names an application of the catalog, a user-defined group or a
   * predefined group, and no group contains itself through its {@code application-groups}: each
   * error at the member's statement.
   */
  private void validateGroups(ApplicationCatalog catalog) {
    org.flowgate.dataplane.policy.ApplicationGroups defined = applicationGroups();
    for (Group group : groups.values()) {
      for (Reference application : group.applications) {
        if (applicationId(catalog, application.name()) < 0) {
          error(
              application.location(),
              "application "
                  + application.name()
                  + " is not defined (application-group "
                  + group.name
                  + "): no predefined or custom application has that name");
        }
      }
      for (Reference child : group.childGroups) {
        if (!groups.containsKey(child.name())
            && org.flowgate.dataplane.policy.DynamicApplicationMatch.predefined(
                    child.name(), catalog)
                .isEmpty()) {
          error(
              child.location(),
              "application-group "
                  + child.name()
                  + " is not defined (application-groups of application-group "
                  + group.name
                  + "): no predefined or user-defined application group has that name");
        }
      }
    }
    // a cycle is reported once, at the member statement that closes it from its first group
    Set<String> inCycle = new java.util.HashSet<>();
    for (Group group : groups.values()) {
      if (inCycle.contains(group.name)) {
        continue;
      }
      List<String> cycle = defined.cycleFrom(group.name);
      if (cycle.isEmpty()) {
        continue;
      }
      inCycle.addAll(cycle);
      String closing = cycle.get(cycle.size() - 2);
      Reference member =
          groups.get(closing).childGroups.stream()
              .filter(r -> r.name().equals(group.name))
              .findFirst()
              .orElseThrow();
      error(
          member.location(),
          "application-groups "
              + group.name
              + " of application-group "
              + closing
              + " closes a cycle: "
              + String.join(" -> ", cycle)
              + " (a group cannot contain itself)");
    }
  }

  /** The words after {@code rule NAME}; false when they are not implemented. */
  private boolean rule(Rule rule, List<String> w, SourceLocation at) {
    String path = String.join(" ", w);
    switch (path) {
      case "match", "then", "then rate-limit" -> {
        return true;
      }
      case "match application-any" -> {
        rule.any = true;
        return true;
      }
      case "match application-unknown" -> {
        rule.unknown = true;
        return true;
      }
      case "match application-known" -> {
        rule.known = true;
        return true;
      }
      case "then log" -> {
        rule.log = true;
        return true;
      }
      case "then rate-limit loss-priority-high" -> {
        rule.lossPriorityHigh = true;
        return true;
      }
      default -> {}
    }
    if (w.size() == 3 && w.get(0).equals("match")) {
      Reference name = new Reference(w.get(2), at);
      switch (w.get(1)) {
        case "application" -> rule.applications.add(name);
        case "application-group" -> rule.groups.add(name);
        default -> {
          return false;
        }
      }
      return true;
    }
    if (w.size() == 3 && w.get(0).equals("then")) {
      String value = w.get(2);
      switch (w.get(1)) {
        case "dscp-code-point" -> {
          int dscp = dscp(value);
          if (dscp < 0) {
            error(
                at,
                "invalid dscp-code-point '"
                    + value
                    + "': six bits (101110) or an alias (ef, af11 ... af43, cs0 ... cs7, be)");
          } else {
            rule.dscp = dscp;
          }
        }
        case "forwarding-class" -> rule.forwardingClass = value;
        case "loss-priority" -> {
          if (!List.of("low", "medium-low", "medium-high", "high").contains(value)) {
            error(at, "invalid loss-priority '" + value + "': low, medium-low, medium-high, high");
          } else {
            rule.lossPriority = value;
          }
        }
        default -> {
          return false;
        }
      }
      return true;
    }
    if (w.size() == 4 && w.get(0).equals("then") && w.get(1).equals("rate-limit")) {
      Reference limiter = new Reference(w.get(3), at);
      switch (w.get(2)) {
        case "client-to-server" -> rule.clientToServer = limiter;
        case "server-to-client" -> rule.serverToClient = limiter;
        default -> {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /** A DSCP bit map ({@code 101110}) or a standard alias; -1 when neither. */
  static int dscp(String value) {
    if (value.matches("[01]{6}")) {
      return Integer.parseInt(value, 2);
    }
    return switch (value) {
      case "be" -> 0;
      case "ef" -> 46;
      case "nc1" -> 48;
      case "nc2" -> 56;
      default -> {
        if (value.matches("cs[0-7]")) {
          yield 8 * (value.charAt(2) - '0');
        }
        if (value.matches("af[1-4][1-3]")) {
          yield 8 * (value.charAt(2) - '0') + 2 * (value.charAt(3) - '0');
        }
        yield -1;
      }
    };
  }

  /** {@code security application-tracking ...}: the words after it. */
  void tracking(Match m) {
    List<String> w = m.rest();
    SourceLocation at = m.statement().location();
    String path = String.join(" ", w);
    switch (path) {
      case "" -> {}
      case "disable" -> trackingDisabled = true;
      case "first-update" -> firstUpdate = true;
      case "log-session-create" -> logSessionCreate = true;
      case "log-session-close" -> {} // the close is written anyway
      case "no-volume-updates" -> noVolumeUpdates = true;
      default -> {
        if (w.size() == 2
            && (w.get(0).equals("first-update-interval")
                || w.get(0).equals("session-update-interval"))) {
          Integer minutes = Values.number(w.get(1));
          if (minutes == null || minutes < 1 || minutes > 1440) {
            error(at, "invalid " + w.get(0) + " '" + w.get(1) + "': 1 to 1440 minutes");
          } else if (w.get(0).equals("first-update-interval")) {
            firstUpdateIntervalMinutes = minutes;
            firstUpdateIntervalAt = at;
          } else {
            sessionUpdateIntervalMinutes = minutes;
          }
        } else {
          warn(at, "statement not implemented: " + m.statement().path());
        }
      }
    }
  }

  /** {@code security zones security-zone Z application-tracking}. */
  void trackZone(String zone) {
    trackedZones.add(zone);
  }

  /** {@code then permit application-services application-traffic-control rule-set R}. */
  void policyRuleSet(Policy policy, Reference ruleSet) {
    policyRuleSets.put(policy, ruleSet);
  }

  // ================================================================== validate

  /** Every name used is defined; limits Junos sets hold. Errors at the statement that uses it. */
  void validate(JunosConfiguration config) {
    for (Map.Entry<Policy, Reference> entry : policyRuleSets.entrySet()) {
      Reference ruleSet = entry.getValue();
      if (!ruleSets.containsKey(ruleSet.name())) {
        error(
            ruleSet.location(),
            "rule-set "
                + ruleSet.name()
                + " is not defined ("
                + entry.getKey().describe()
                + "): no class-of-service application-traffic-control rule-sets has that name");
      }
    }
    for (Limiter limiter : limiters.values()) {
      if (limiter.bandwidthKbps < 0) {
        error(limiter.location, "rate-limiter " + limiter.name + " has no bandwidth-limit");
      } else if (limiter.burstBytes > 6400 * limiter.bandwidthKbps) {
        error(
            limiter.burstAt,
            "burst-size-limit of rate-limiter "
                + limiter.name
                + " is above 6400 times its bandwidth-limit ("
                + 6400 * limiter.bandwidthKbps
                + " bytes)");
      }
    }
    Set<List<Long>> profiles = new LinkedHashSet<>();
    for (Limiter limiter : limiters.values()) {
      profiles.add(List.of(limiter.bandwidthKbps, burst(limiter)));
    }
    if (profiles.size() > 16) {
      error(
          limiters.values().iterator().next().location,
          "more than 16 bandwidth-limit and burst-size-limit combinations ("
              + profiles.size()
              + "): Junos allows 16");
    }
    ApplicationCatalog catalog = config.applicationIdentification.catalog();
    validateGroups(catalog);
    Map<String, String> limiterRuleSet = new LinkedHashMap<>();
    for (RuleSet set : ruleSets.values()) {
      for (Rule rule : set.rules.values()) {
        for (Reference application : rule.applications) {
          if (applicationId(catalog, application.name()) < 0) {
            error(
                application.location(),
                "application "
                    + application.name()
                    + " is not defined (rule "
                    + rule.name
                    + " of rule-set "
                    + set.name
                    + "): no predefined or custom application has that name");
          }
        }
        for (Reference group : rule.groups) {
          if (!groups.containsKey(group.name())
              && groupMembers(catalog, group.name()).length == 0) {
            error(
                group.location(),
                "application-group "
                    + group.name()
                    + " is not defined (rule "
                    + rule.name
                    + " of rule-set "
                    + set.name
                    + "): no predefined or user-defined application group has that name");
          }
        }
        for (Reference limiter : new Reference[] {rule.clientToServer, rule.serverToClient}) {
          if (limiter == null) {
            continue;
          }
          if (!limiters.containsKey(limiter.name())) {
            error(
                limiter.location(),
                "rate-limiter "
                    + limiter.name()
                    + " is not defined (rule "
                    + rule.name
                    + " of rule-set "
                    + set.name
                    + "): no class-of-service application-traffic-control rate-limiters has that"
                    + " name");
            continue;
          }
          String owner = limiterRuleSet.putIfAbsent(limiter.name(), set.name);
          if (owner != null && !owner.equals(set.name)) {
            error(
                limiter.location(),
                "rate-limiter "
                    + limiter.name()
                    + " is used by rule-set "
                    + owner
                    + " already: a rate limiter serves one rule-set");
          }
        }
      }
    }
    if (firstUpdateIntervalAt != null
        && firstUpdateIntervalMinutes >= sessionUpdateIntervalMinutes) {
      error(
          firstUpdateIntervalAt,
          "first-update-interval ("
              + firstUpdateIntervalMinutes
              + ") must be smaller than session-update-interval ("
              + sessionUpdateIntervalMinutes
              + ")");
    }
    for (String zone : trackedZones) {
      if (!config.zones.containsKey(zone)) {
        // the zone statement itself made it exist; nothing to check
        continue;
      }
    }
  }

  /** The burst a limiter has: its own, else one second at its bandwidth (ADR 0034). */
  private static long burst(Limiter limiter) {
    return limiter.burstBytes > 0 ? limiter.burstBytes : limiter.bandwidthKbps * 125;
  }

  /** The catalog id of {@code name} ({@code junos:HTTP}, or {@code HTTP} for it), or -1. */
  static int applicationId(ApplicationCatalog catalog, String name) {
    int id = catalog.id(name);
    if (id < 0 && !name.startsWith("junos:")) {
      id = catalog.id("junos:" + name);
    }
    return id > ApplicationCatalog.INCONCLUSIVE ? id : -1;
  }

  /**
   * The ids of the predefined applications in group {@code name} ({@code junos:web} holds every
   * application whose category is {@code web} or below it).
   */
  static int[] groupMembers(ApplicationCatalog catalog, String name) {
    return groupMembers(catalog, name, org.flowgate.dataplane.policy.ApplicationGroups.NONE);
  }

  /** As {@link #groupMembers(ApplicationCatalog, String)}, or user-defined group {@code name}. */
  static int[] groupMembers(
      ApplicationCatalog catalog,
      String name,
      org.flowgate.dataplane.policy.ApplicationGroups userGroups) {
    List<Integer> user = userGroups.members(name, catalog);
    if (user != null) {
      return user.stream().mapToInt(Integer::intValue).toArray();
    }
    String group = name.startsWith("junos:") ? name.substring("junos:".length()) : name;
    List<Integer> members = new ArrayList<>();
    for (int id = ApplicationCatalog.INCONCLUSIVE + 1; id < catalog.size(); id++) {
      String category = catalog.category(id);
      if (category != null
          && !catalog.isCustom(id)
          && (category.equals(group) || category.startsWith(group + ":"))) {
        members.add(id);
      }
    }
    return members.stream().mapToInt(Integer::intValue).toArray();
  }

  // ================================================================== build

  /** The generation's application services; {@code policies} in the generation's order. */
  ApplicationServices build(JunosConfiguration config, RuntimeConfig generation) {
    ApplicationCatalog catalog = generation.applicationIdentification().catalog();
    List<String> limiterNames = new ArrayList<>(limiters.keySet());
    List<RateLimiter> rateLimiters = new ArrayList<>();
    for (Limiter limiter : limiters.values()) {
      rateLimiters.add(new RateLimiter(limiter.name, limiter.bandwidthKbps, burst(limiter)));
    }
    List<String> setNames = new ArrayList<>(ruleSets.keySet());
    org.flowgate.dataplane.policy.ApplicationGroups userGroups = applicationGroups();
    List<AppQosRuleSet> sets = new ArrayList<>();
    for (RuleSet set : ruleSets.values()) {
      List<AppQosRule> rules = new ArrayList<>();
      for (Rule rule : set.rules.values()) {
        boolean[] applications = new boolean[catalog.size()];
        for (Reference application : rule.applications) {
          applications[applicationId(catalog, application.name())] = true;
        }
        for (Reference group : rule.groups) {
          for (int id : groupMembers(catalog, group.name(), userGroups)) {
            applications[id] = true;
          }
        }
        rules.add(
            new AppQosRule(
                rule.name,
                rule.any,
                rule.unknown,
                rule.known,
                applications,
                rule.dscp,
                rule.forwardingClass,
                rule.lossPriority,
                rule.clientToServer == null ? -1 : limiterNames.indexOf(rule.clientToServer.name()),
                rule.serverToClient == null ? -1 : limiterNames.indexOf(rule.serverToClient.name()),
                rule.lossPriorityHigh,
                rule.log));
      }
      sets.add(new AppQosRuleSet(set.name, rules));
    }
    // user policies sit after the built-in ones (default, pre-id default), in the order they were
    // first written
    int first = org.flowgate.dataplane.policy.PolicyTable.FIRST_USER_POLICY;
    int[] ruleSetOfPolicy = new int[first + config.policies.size()];
    java.util.Arrays.fill(ruleSetOfPolicy, -1);
    int index = first;
    for (Policy policy : config.policies.values()) {
      Reference ruleSet = policyRuleSets.get(policy);
      if (ruleSet != null && policy.action == org.flowgate.dataplane.policy.PolicyAction.PERMIT) {
        ruleSetOfPolicy[index] = setNames.indexOf(ruleSet.name());
      }
      index++;
    }
    List<Zone> zones = generation.zones();
    boolean[] tracked = new boolean[zones.size()];
    for (int z = 0; z < zones.size(); z++) {
      tracked[z] = trackedZones.contains(zones.get(z).name());
    }
    return new ApplicationServices(
        new TrafficControl(rateLimiters, sets, ruleSetOfPolicy),
        new AppTrackSettings(
            trackingDisabled,
            firstUpdate,
            firstUpdateIntervalMinutes,
            sessionUpdateIntervalMinutes,
            logSessionCreate,
            noVolumeUpdates,
            tracked),
        userGroups);
  }

  private void error(SourceLocation at, String message) {
    diagnostics.error(at, message);
  }

  private void warn(SourceLocation at, String message) {
    diagnostics.warning(at, message);
  }
}
