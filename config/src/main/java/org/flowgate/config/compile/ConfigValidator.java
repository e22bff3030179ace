package org.flowgate.config.compile;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flowgate.config.compile.JunosConfiguration.AddressBook;
import org.flowgate.config.compile.JunosConfiguration.ApplicationSet;
import org.flowgate.config.compile.JunosConfiguration.Instance;
import org.flowgate.config.compile.JunosConfiguration.NatKind;
import org.flowgate.config.compile.JunosConfiguration.NatPool;
import org.flowgate.config.compile.JunosConfiguration.NatRule;
import org.flowgate.config.compile.JunosConfiguration.NatRuleSet;
import org.flowgate.config.compile.JunosConfiguration.NatSide;
import org.flowgate.config.compile.JunosConfiguration.Policy;
import org.flowgate.config.compile.JunosConfiguration.ProxyAddress;
import org.flowgate.config.compile.JunosConfiguration.Reference;
import org.flowgate.config.compile.JunosConfiguration.SecurityZone;
import org.flowgate.config.compile.JunosConfiguration.StaticRoute;
import org.flowgate.config.text.Diagnostics;
import org.flowgate.config.text.SourceLocation;
import org.flowgate.dataplane.nat.PortRange;
import org.flowgate.dataplane.net.IpPrefix;

/**
 * The validate pass: every name the configuration uses must be defined, each at the statement that
 * uses it. Interfaces in zones and routing instances, zones in policies and address-book
 * attachments, addresses and address sets, applications and application sets, static routes'
 * next-hop interfaces; an interface in two zones or two instances; cycles in sets; policies without
 * an action. For {@code security nat}: pools, zones, interfaces, routing instances and global
 * address-book names the rule sets and rules use; what each kind of rule set and rule must have;
 * static NAT's one-to-one shape (prefixes of one length, port ranges of one width).
 *
 * <p>Thread: one call per compilation.
 */
final class ConfigValidator {
  private final JunosConfiguration config;
  private final Diagnostics diagnostics;
  private final NameResolver names;

  private ConfigValidator(JunosConfiguration config, Diagnostics diagnostics) {
    this.config = config;
    this.diagnostics = diagnostics;
    this.names = new NameResolver(config);
  }

  static void validate(JunosConfiguration config, Diagnostics diagnostics) {
    ConfigValidator validator = new ConfigValidator(config, diagnostics);
    validator.interfaces();
    validator.routes();
    validator.addressBooks();
    validator.applicationSets();
    validator.policies();
    validator.nat();
    validator.screens();
    TraceReader.validate(config, diagnostics);
    if (config.applicationServices != null) {
      config.applicationServices.validate(config);
    }
  }

  /** A zone's {@code screen} names a {@code security screen ids-option}. */
  private void screens() {
    for (SecurityZone zone : config.zones.values()) {
      if (zone.screen != null && !config.screens.containsKey(zone.screen.name())) {
        diagnostics.error(
            zone.screen.location(),
            "screen "
                + zone.screen.name()
                + " is not defined (security-zone "
                + zone.name
                + "): no security screen ids-option has that name");
      }
    }
  }

  private void interfaces() {
    Map<String, String> zoneOf = new HashMap<>();
    for (SecurityZone zone : config.zones.values()) {
      for (Reference member : zone.interfaces) {
        if (!config.interfaces.containsKey(member.name())) {
          diagnostics.error(
              member.location(),
              "interface "
                  + member.name()
                  + " is not configured under interfaces (security-zone "
                  + zone.name
                  + ")");
        }
        String earlier = zoneOf.putIfAbsent(member.name(), zone.name);
        if (earlier != null && !earlier.equals(zone.name)) {
          diagnostics.error(
              member.location(),
              "interface "
                  + member.name()
                  + " is in security-zone "
                  + earlier
                  + " and security-zone "
                  + zone.name
                  + ": an interface belongs to one zone");
        }
      }
    }
    for (Reference member : config.protocolInterfaces) {
      if (!config.interfaces.containsKey(member.name())) {
        diagnostics.error(
            member.location(),
            "interface " + member.name() + " is not configured under interfaces");
      }
    }
    Map<String, String> instanceOf = new HashMap<>();
    for (Instance instance : config.instances.values()) {
      for (Reference member : instance.interfaces) {
        if (!config.interfaces.containsKey(member.name())) {
          diagnostics.error(
              member.location(),
              "interface "
                  + member.name()
                  + " is not configured under interfaces (routing-instance "
                  + instance.name
                  + ")");
        }
        String earlier = instanceOf.putIfAbsent(member.name(), instance.name);
        if (earlier != null && !earlier.equals(instance.name)) {
          diagnostics.error(
              member.location(),
              "interface "
                  + member.name()
                  + " is in routing-instance "
                  + earlier
                  + " and routing-instance "
                  + instance.name
                  + ": an interface belongs to one instance");
        }
      }
    }
  }

  private void routes() {
    checkNextHops(config.masterRoutes);
    for (Instance instance : config.instances.values()) {
      checkNextHops(instance.routes);
    }
  }

  private void checkNextHops(List<StaticRoute> routes) {
    for (StaticRoute route : routes) {
      if (route.kind() == StaticRoute.Kind.NEXT_HOP
          && Values.address(route.nextHop()) == null
          && !config.interfaces.containsKey(route.nextHop())) {
        diagnostics.error(
            route.location(),
            "next-hop "
                + route.nextHop()
                + " is neither an address nor an interface configured under interfaces");
      }
    }
  }

  private void addressBooks() {
    for (AddressBook book : config.addressBooks.values()) {
      for (Reference zone : book.attachedZones) {
        if (!names.isZone(zone.name())) {
          diagnostics.error(
              zone.location(),
              "security-zone "
                  + zone.name()
                  + " is not defined (address-book "
                  + book.name
                  + " attach zone)");
        }
      }
      checkAddressSets(book);
    }
    for (SecurityZone zone : config.zones.values()) {
      checkAddressSets(zone.addressBook);
    }
  }

  private void checkAddressSets(AddressBook book) {
    for (Map.Entry<String, List<Reference>> set : book.addressSets.entrySet()) {
      for (Reference member : set.getValue()) {
        if (!book.defines(member.name())) {
          diagnostics.error(
              member.location(),
              "address "
                  + member.name()
                  + " of address-set "
                  + set.getKey()
                  + " is not defined in address book "
                  + book.name);
        }
      }
      if (reaches(book, set.getKey(), set.getKey(), new HashSet<>())) {
        diagnostics.error(
            set.getValue().getFirst().location(),
            "address-set " + set.getKey() + " contains itself");
      }
    }
  }

  private static boolean reaches(AddressBook book, String from, String target, Set<String> seen) {
    for (Reference member : book.addressSets.getOrDefault(from, List.of())) {
      if (member.name().equals(target)) {
        return true;
      }
      if (seen.add(member.name()) && reaches(book, member.name(), target, seen)) {
        return true;
      }
    }
    return false;
  }

  private void applicationSets() {
    for (ApplicationSet set : config.applicationSets.values()) {
      for (Reference member : set.members()) {
        if (!member.name().equals("any") && !names.isApplication(member.name())) {
          diagnostics.error(
              member.location(),
              "application "
                  + member.name()
                  + " of application-set "
                  + set.name()
                  + " is not defined");
        }
      }
      if (setReaches(set.name(), set.name(), new HashSet<>())) {
        diagnostics.error(set.location(), "application-set " + set.name() + " contains itself");
      }
    }
  }

  private boolean setReaches(String from, String target, Set<String> seen) {
    ApplicationSet set = config.applicationSets.get(from);
    if (set == null) {
      return false;
    }
    for (Reference member : set.members()) {
      if (member.name().equals(target)) {
        return true;
      }
      if (seen.add(member.name()) && setReaches(member.name(), target, seen)) {
        return true;
      }
    }
    return false;
  }

  private void policies() {
    boolean hostZoneWarned = false;
    java.util.Set<String> unmodelledWarned = new java.util.HashSet<>();
    for (Policy policy : config.policies.values()) {
      // to-zone junos-host decides traffic to the device itself (SpuAgent); from-zone
      // junos-host would decide what the device itself sends, which Flowgate does not model yet
      boolean fromHost =
          NameResolver.JUNOS_HOST.equals(policy.fromZone)
              || policy.fromZones.stream().anyMatch(z -> z.name().equals(NameResolver.JUNOS_HOST));
      if (fromHost && !config.zones.containsKey(NameResolver.JUNOS_HOST) && !hostZoneWarned) {
        hostZoneWarned = true;
        diagnostics.warning(
            policy.location,
            "policies from-zone junos-host are read but not applied yet:"
                + " Flowgate does not decide traffic the firewall itself sends by them");
      }
      for (Reference application : policy.applications) {
        if (names.isUnmodelledPredefined(application.name())
            && unmodelledWarned.add(application.name())) {
          diagnostics.warning(
              application.location(),
              "predefined application "
                  + application.name()
                  + " is not in Flowgate's table: it matches no traffic");
        }
      }
      if (!policy.global) {
        checkZone(policy.fromZone, policy);
        if (!policy.toZone.equals(policy.fromZone)) {
          checkZone(policy.toZone, policy);
        }
      }
      for (Reference zone : policy.fromZones) {
        checkZoneReference(zone, policy);
      }
      for (Reference zone : policy.toZones) {
        checkZoneReference(zone, policy);
      }
      for (Reference address : policy.sources) {
        checkAddress(address, policy.global ? null : policy.fromZone, policy, "source-address");
      }
      for (Reference address : policy.destinations) {
        checkAddress(address, policy.global ? null : policy.toZone, policy, "destination-address");
      }
      for (Reference application : policy.applications) {
        if (!application.name().equals("any") && !names.isApplication(application.name())) {
          diagnostics.error(
              application.location(),
              "application " + application.name() + " is not defined (" + policy.describe() + ")");
        }
      }
      dynamicApplications(policy);
      if (policy.action == null) {
        diagnostics.warning(
            policy.location,
            policy.describe() + " has no then action (Junos requires one):" + " read as deny");
      }
      missing(policy, policy.sources, "source-address");
      missing(policy, policy.destinations, "destination-address");
      missing(policy, policy.applications, "application");
    }
  }

  /** Junos requires all three match conditions; Flowgate reads a missing one as any and says so. */
  /**
   * {@code match dynamic-application}: every name an application or group of the catalog
   * (predefined or custom), and {@code none} or {@code any} alone (ADR 0033).
   */
  private void dynamicApplications(Policy policy) {
    if (policy.dynamicApplications.isEmpty()) {
      return;
    }
    org.flowgate.dataplane.appid.ApplicationCatalog catalog =
        config.applicationIdentification.catalog();
    for (Reference name : policy.dynamicApplications) {
      String word = name.name();
      if ((word.equals("none") || word.equals("any")) && policy.dynamicApplications.size() > 1) {
        diagnostics.error(
            name.location(),
            "dynamic-application "
                + word
                + " cannot be combined with other dynamic applications ("
                + policy.describe()
                + ")");
        continue;
      }
      if (org.flowgate.dataplane.policy.DynamicApplicationMatch.unknownName(
              List.of(word), catalog, config.applicationServices.applicationGroups())
          != null) {
        diagnostics.error(
            name.location(),
            "dynamic-application "
                + word
                + " is not defined: not an application, predefined application group or"
                + " application-group of application identification ("
                + policy.describe()
                + ")");
      }
    }
  }

  private void missing(Policy policy, List<Reference> values, String condition) {
    if (values.isEmpty()) {
      diagnostics.warning(
          policy.location,
          policy.describe() + " has no match " + condition + " (Junos requires one): read as any");
    }
  }

  private void checkZone(String zone, Policy policy) {
    if (!names.isZone(zone)) {
      diagnostics.error(
          policy.location, "security-zone " + zone + " is not defined (" + policy.describe() + ")");
    }
  }

  private void checkZoneReference(Reference zone, Policy policy) {
    if (!names.isZone(zone.name())) {
      diagnostics.error(
          zone.location(),
          "security-zone " + zone.name() + " is not defined (" + policy.describe() + ")");
    }
  }

  private void checkAddress(Reference address, String zone, Policy policy, String side) {
    if (names.address(address.name(), zone) == null) {
      String where =
          zone == null ? "the global address book" : "the address books of security-zone " + zone;
      diagnostics.error(
          address.location(),
          side
              + " "
              + address.name()
              + " is not defined in "
              + where
              + " ("
              + policy.describe()
              + ")");
    }
  }

  // ------------------------------------------------------------------ security nat

  private void nat() {
    for (NatKind kind : List.of(NatKind.SOURCE, NatKind.DESTINATION)) {
      for (NatPool pool : config.pools(kind).values()) {
        natPool(pool);
      }
    }
    for (NatRuleSet set : config.allRuleSets()) {
      if (set.from == null) {
        diagnostics.error(
            set.location,
            set.describe()
                + " has no from: a rule set needs from zone, interface or routing-instance");
      } else {
        checkSide(set.from, set);
      }
      if (set.kind == NatKind.SOURCE) {
        if (set.to == null) {
          diagnostics.error(
              set.location,
              set.describe()
                  + " has no to: a source NAT rule set needs to zone, interface or routing-instance");
        } else {
          checkSide(set.to, set);
        }
      }
      for (NatRule rule : set.rules.values()) {
        natRule(rule);
      }
      if (set.kind == NatKind.STATIC) {
        shadowedStaticRules(set);
      }
    }
    for (ProxyAddress proxy : config.proxyAddresses) {
      if (!config.interfaces.containsKey(proxy.interfaceName().name())) {
        diagnostics.error(
            proxy.interfaceName().location(),
            "interface "
                + proxy.interfaceName().name()
                + " is not configured under interfaces ("
                + (proxy.ndp() ? "proxy-ndp" : "proxy-arp")
                + ")");
      }
    }
  }

  private void natPool(NatPool pool) {
    if (pool.addresses.isEmpty()) {
      diagnostics.error(pool.location, pool.describe() + " has no address");
    }
    checkInstance(pool.routingInstance, pool.describe());
    if (pool.portHigh != null && pool.portLow == null) {
      diagnostics.error(
          pool.portLocation,
          "port range to "
              + pool.portHigh
              + " of "
              + pool.describe()
              + " has no low port: port range LOW to HIGH");
    } else if (pool.portHigh != null && pool.portLow > pool.portHigh) {
      diagnostics.error(
          pool.portLocation,
          "invalid port range "
              + pool.portLow
              + " to "
              + pool.portHigh
              + " of "
              + pool.describe()
              + ": the low port is above the high one");
    }
    if (pool.twinLow != null && pool.twinHigh != null && pool.twinLow > pool.twinHigh) {
      diagnostics.error(
          pool.location,
          "invalid twin-port range "
              + pool.twinLow
              + " to "
              + pool.twinHigh
              + " of "
              + pool.describe()
              + ": the low port is above the high one");
    }
    if (pool.blockAllocation && pool.portTranslation) {
      int low = pool.portLow != null ? pool.portLow : 1024;
      int high = pool.portHigh != null ? pool.portHigh : pool.portLow != null ? low : 65535;
      if (high >= low && pool.blockSize > high - low + 1) {
        diagnostics.error(
            pool.location,
            "block-size "
                + pool.blockSize
                + " of "
                + pool.describe()
                + " is larger than its "
                + (high - low + 1)
                + " ports: not one block fits");
      }
    }
    Reference overflow = pool.overflow;
    if (overflow != null && !overflow.name().equals("interface")) {
      if (overflow.name().equals(pool.name)) {
        diagnostics.error(
            overflow.location(), "overflow-pool of " + pool.describe() + " is the pool itself");
      } else if (!config.sourcePools.containsKey(overflow.name())) {
        diagnostics.error(
            overflow.location(),
            undefinedPool(NatKind.SOURCE, overflow.name())
                + " (overflow-pool of "
                + pool.describe()
                + ")");
      }
    }
  }

  /** Zones, interfaces or routing instances of a rule set's from or to. */
  private void checkSide(NatSide side, NatRuleSet set) {
    for (Reference name : side.names()) {
      switch (side.kind()) {
        case "zone" -> {
          if (!names.isZone(name.name())) {
            diagnostics.error(
                name.location(),
                "security-zone " + name.name() + " is not defined (" + set.describe() + ")");
          }
        }
        case "interface" -> {
          if (!config.interfaces.containsKey(name.name())) {
            diagnostics.error(
                name.location(),
                "interface "
                    + name.name()
                    + " is not configured under interfaces ("
                    + set.describe()
                    + ")");
          }
        }
        default -> checkInstance(name, set.describe());
      }
    }
  }

  private void checkInstance(Reference instance, String user) {
    if (instance != null
        && !NameResolver.isDefaultInstance(instance.name())
        && !config.instances.containsKey(instance.name())) {
      diagnostics.error(
          instance.location(),
          "routing-instance " + instance.name() + " is not defined (" + user + ")");
    }
  }

  private void natRule(NatRule rule) {
    NatKind kind = rule.ruleSet.kind;
    for (Reference name : rule.sourceNames) {
      checkNatAddress(name, "source-address-name", rule);
    }
    for (Reference name : rule.destinationNames) {
      checkNatAddress(name, "destination-address-name", rule);
    }
    if (rule.notInstalled) {
      return; // its action was warned as not implemented
    }
    if (rule.action == null) {
      if (kind == NatKind.STATIC) {
        diagnostics.error(rule.location, rule.describe() + " has no then static-nat");
      } else {
        diagnostics.warning(
            rule.location, rule.describe() + " has no then " + kind.word + "-nat: read as off");
      }
    } else if (rule.action.equals("pool")) {
      Reference pool = rule.pool;
      if (!config.pools(kind).containsKey(pool.name())) {
        NatKind other = kind == NatKind.SOURCE ? NatKind.DESTINATION : NatKind.SOURCE;
        String message =
            config.pools(other).containsKey(pool.name())
                ? pool.name()
                    + " is "
                    + (other == NatKind.SOURCE ? "a source" : "a destination")
                    + " NAT pool, not "
                    + (kind == NatKind.SOURCE ? "a source" : "a destination")
                    + " NAT pool"
                : undefinedPool(kind, pool.name());
        diagnostics.error(pool.location(), message + " (" + rule.describe() + ")");
      } else {
        crossFamily(rule, config.pools(kind).get(pool.name()));
      }
    }
    if (rule.persistentLocation != null) {
      persistentNat(rule);
    }
    if (kind == NatKind.DESTINATION
        && rule.destinationPrefixes.isEmpty()
        && rule.destinationNames.isEmpty()) {
      diagnostics.warning(
          rule.location,
          rule.describe() + " has no match destination-address: it matches any destination");
    }
    if (kind == NatKind.STATIC) {
      staticRule(rule);
    }
  }

  /**
   * {@code persistent-nat} needs its {@code permit} type, and an action that translates (a pool or
   * the interface): Junos documents the type as what persistent NAT is configured with.
   */
  private void persistentNat(NatRule rule) {
    if (rule.persistentType == null) {
      diagnostics.error(
          rule.persistentLocation,
          rule.describe()
              + " has persistent-nat without permit (any-remote-host | target-host |"
              + " target-host-port)");
    } else if (!"pool".equals(rule.action) && !"interface".equals(rule.action)) {
      diagnostics.warning(
          rule.persistentLocation,
          rule.describe()
              + " has persistent-nat but translates with neither a pool nor the interface:"
              + " no binding is made");
    }
  }

  /**
   * A rule whose matched addresses are all of one family and whose pool is of the other translates
   * between IPv6 and IPv4 (NAT64, NAT46): not implemented, so the rule is not installed (warning).
   */
  private void crossFamily(NatRule rule, NatPool pool) {
    boolean source = rule.ruleSet.kind == NatKind.SOURCE;
    List<IpPrefix> matched =
        new java.util.ArrayList<>(source ? rule.sourcePrefixes : rule.destinationPrefixes);
    for (Reference name : source ? rule.sourceNames : rule.destinationNames) {
      List<IpPrefix> resolved = names.address(name.name(), null);
      if (resolved == null || resolved.isEmpty()) {
        return; // undefined (reported) or any
      }
      matched.addAll(resolved);
    }
    if (matched.isEmpty() || pool.addresses.isEmpty()) {
      return;
    }
    boolean matchedIpv4 = matched.getFirst().isIpv4();
    boolean poolIpv4 = pool.addresses.getFirst().isIpv4();
    if (matchedIpv4 == poolIpv4
        || matched.stream().anyMatch(p -> p.isIpv4() != matchedIpv4)
        || pool.addresses.stream().anyMatch(a -> a.isIpv4() != poolIpv4)) {
      return;
    }
    diagnostics.warning(
        rule.actionLocation,
        rule.describe()
            + " translates "
            + (matchedIpv4 ? "IPv4" : "IPv6")
            + " "
            + (source ? "sources" : "destinations")
            + " to "
            + pool.describe()
            + " of "
            + (poolIpv4 ? "IPv4" : "IPv6")
            + " addresses ("
            + (matchedIpv4 ? "NAT46" : "NAT64")
            + "): not implemented, the rule is not installed");
    rule.notInstalled = true;
  }

  private static String undefinedPool(NatKind kind, String name) {
    return kind.title() + " pool " + name + " is not defined";
  }

  private void checkNatAddress(Reference name, String condition, NatRule rule) {
    if (names.address(name.name(), null) == null) {
      diagnostics.error(
          name.location(),
          condition
              + " "
              + name.name()
              + " is not defined in the global address book ("
              + rule.describe()
              + ")");
    }
  }

  /** Static NAT maps a prefix onto one of the same length, and a port range onto one as wide. */
  private void staticRule(NatRule rule) {
    if (rule.action == null) {
      return;
    }
    IpPrefix destination =
        staticPrefix(
            rule,
            rule.destinationPrefixes,
            rule.destinationNames,
            "destination-address-name",
            rule.destinationLocation);
    if (destination == null
        && rule.destinationPrefixes.isEmpty()
        && rule.destinationNames.isEmpty()) {
      diagnostics.error(rule.location, rule.describe() + " has no match destination-address");
    }
    IpPrefix translated =
        staticPrefix(
            rule,
            rule.translated == null ? List.of() : List.of(rule.translated),
            rule.translatedName == null ? List.of() : List.of(rule.translatedName),
            "static-nat prefix-name",
            rule.actionLocation);
    if (translated == null && rule.translated == null && rule.translatedName == null) {
      diagnostics.error(
          rule.actionLocation,
          "static-nat "
              + rule.action
              + " of "
              + rule.describe()
              + " names no "
              + (rule.action.equals("prefix") ? "prefix" : "address"));
    }
    if (destination != null && translated != null) {
      if (destination.isIpv4() != translated.isIpv4()) {
        diagnostics.error(
            rule.actionLocation,
            "static-nat "
                + rule.action
                + " "
                + translated
                + " and destination-address "
                + destination
                + " are of different families ("
                + rule.describe()
                + ")");
      } else if (destination.length() != translated.length()) {
        diagnostics.error(
            rule.actionLocation,
            "static-nat "
                + rule.action
                + " "
                + translated
                + " is not as long as destination-address "
                + destination
                + " ("
                + rule.describe()
                + "): static NAT maps a prefix onto one of the same length");
      }
    }
    checkInstance(rule.routingInstance, rule.describe());
    PortRange mapped = rule.mappedPort;
    if (mapped != null) {
      if (rule.destinationPorts.isEmpty()) {
        diagnostics.error(
            rule.actionLocation,
            "static-nat mapped-port needs match destination-port (" + rule.describe() + ")");
      } else if (rule.destinationPorts.getFirst().size() != mapped.size()) {
        PortRange ports = rule.destinationPorts.getFirst();
        diagnostics.error(
            rule.actionLocation,
            "static-nat mapped-port "
                + NatReader.describe(mapped)
                + " is not as wide as destination-port "
                + NatReader.describe(ports)
                + " ("
                + rule.describe()
                + "): static NAT maps ports one to one");
      }
    }
  }

  /**
   * The one prefix a static rule's destination or translation stands for; null when there is none
   * or the name is undefined (reported elsewhere) or stands for several prefixes (reported here).
   */
  private IpPrefix staticPrefix(
      NatRule rule,
      List<IpPrefix> prefixes,
      List<Reference> nameList,
      String what,
      SourceLocation at) {
    if (!prefixes.isEmpty()) {
      return prefixes.getFirst();
    }
    if (nameList.isEmpty()) {
      return null;
    }
    Reference name = nameList.getFirst();
    List<IpPrefix> resolved = names.address(name.name(), null);
    if (resolved == null) {
      if (what.startsWith("static-nat")) {
        diagnostics.error(
            name.location(),
            what
                + " "
                + name.name()
                + " is not defined in the global address book ("
                + rule.describe()
                + ")");
      }
      return null;
    }
    if (resolved.size() != 1) {
      String count = resolved.isEmpty() ? "no prefix" : resolved.size() + " prefixes";
      diagnostics.error(
          at,
          what
              + " "
              + name.name()
              + " stands for "
              + count
              + " ("
              + rule.describe()
              + "): static NAT maps one prefix");
      return null;
    }
    return resolved.getFirst();
  }

  /**
   * A static rule after one with the same destination, port and no source condition never matches.
   */
  private void shadowedStaticRules(NatRuleSet set) {
    List<NatRule> rules = List.copyOf(set.rules.values());
    for (int i = 0; i < rules.size(); i++) {
      NatRule earlier = rules.get(i);
      if (!earlier.sourcePrefixes.isEmpty()
          || !earlier.sourceNames.isEmpty()
          || earlier.destinationPrefixes.isEmpty()) {
        continue;
      }
      for (NatRule later : rules.subList(i + 1, rules.size())) {
        if (later.destinationPrefixes.equals(earlier.destinationPrefixes)
            && later.destinationPorts.equals(earlier.destinationPorts)) {
          diagnostics.warning(
              later.location,
              later.describe()
                  + " matches destination-address "
                  + later.destinationPrefixes.getFirst()
                  + " as rule "
                  + earlier.name
                  + " before it does: it never matches");
        }
      }
    }
  }
}
