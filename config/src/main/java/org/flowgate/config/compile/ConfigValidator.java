package org.flowgate.config.compile;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flowgate.config.compile.JunosConfiguration.AddressBook;
import org.flowgate.config.compile.JunosConfiguration.ApplicationSet;
import org.flowgate.config.compile.JunosConfiguration.Instance;
import org.flowgate.config.compile.JunosConfiguration.Policy;
import org.flowgate.config.compile.JunosConfiguration.Reference;
import org.flowgate.config.compile.JunosConfiguration.SecurityZone;
import org.flowgate.config.compile.JunosConfiguration.StaticRoute;
import org.flowgate.config.text.Diagnostics;

/**
 * The validate pass: every name the configuration uses must be defined, each at the statement that
 * uses it. Interfaces in zones and routing instances, zones in policies and address-book
 * attachments, addresses and address sets, applications and application sets, static routes'
 * next-hop interfaces; an interface in two zones or two instances; cycles in sets; policies
 * without an action.
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
  }

  private void interfaces() {
    Map<String, String> zoneOf = new HashMap<>();
    for (SecurityZone zone : config.zones.values()) {
      for (Reference member : zone.interfaces) {
        if (!config.interfaces.containsKey(member.name())) {
          diagnostics.error(member.location(), "interface " + member.name()
              + " is not configured under interfaces (security-zone " + zone.name + ")");
        }
        String earlier = zoneOf.putIfAbsent(member.name(), zone.name);
        if (earlier != null && !earlier.equals(zone.name)) {
          diagnostics.error(member.location(), "interface " + member.name() + " is in security-zone "
              + earlier + " and security-zone " + zone.name + ": an interface belongs to one zone");
        }
      }
    }
    for (Reference member : config.protocolInterfaces) {
      if (!config.interfaces.containsKey(member.name())) {
        diagnostics.error(member.location(), "interface " + member.name() + " is not configured under interfaces");
      }
    }
    Map<String, String> instanceOf = new HashMap<>();
    for (Instance instance : config.instances.values()) {
      for (Reference member : instance.interfaces) {
        if (!config.interfaces.containsKey(member.name())) {
          diagnostics.error(member.location(), "interface " + member.name()
              + " is not configured under interfaces (routing-instance " + instance.name + ")");
        }
        String earlier = instanceOf.putIfAbsent(member.name(), instance.name);
        if (earlier != null && !earlier.equals(instance.name)) {
          diagnostics.error(member.location(), "interface " + member.name() + " is in routing-instance "
              + earlier + " and routing-instance " + instance.name + ": an interface belongs to one instance");
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
        diagnostics.error(route.location(), "next-hop " + route.nextHop()
            + " is neither an address nor an interface configured under interfaces");
      }
    }
  }

  private void addressBooks() {
    for (AddressBook book : config.addressBooks.values()) {
      for (Reference zone : book.attachedZones) {
        if (!names.isZone(zone.name())) {
          diagnostics.error(zone.location(), "security-zone " + zone.name() + " is not defined (address-book "
              + book.name + " attach zone)");
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
          diagnostics.error(member.location(), "address " + member.name() + " of address-set " + set.getKey()
              + " is not defined in address book " + book.name);
        }
      }
      if (reaches(book, set.getKey(), set.getKey(), new HashSet<>())) {
        diagnostics.error(set.getValue().getFirst().location(),
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
          diagnostics.error(member.location(), "application " + member.name() + " of application-set "
              + set.name() + " is not defined");
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
      // to-zone junos-host decides traffic to the device itself (FlowProcessor); from-zone
      // junos-host would decide what the device itself sends, which Flowgate does not model yet
      boolean fromHost = NameResolver.JUNOS_HOST.equals(policy.fromZone)
          || policy.fromZones.stream().anyMatch(z -> z.name().equals(NameResolver.JUNOS_HOST));
      if (fromHost && !config.zones.containsKey(NameResolver.JUNOS_HOST) && !hostZoneWarned) {
        hostZoneWarned = true;
        diagnostics.warning(policy.location, "policies from-zone junos-host are read but not applied yet:"
            + " Flowgate does not decide traffic the firewall itself sends by them");
      }
      for (Reference application : policy.applications) {
        if (names.isUnmodelledPredefined(application.name()) && unmodelledWarned.add(application.name())) {
          diagnostics.warning(application.location(), "predefined application " + application.name()
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
          diagnostics.error(application.location(), "application " + application.name() + " is not defined ("
              + policy.describe() + ")");
        }
      }
      if (policy.action == null) {
        diagnostics.warning(policy.location, policy.describe() + " has no then action (Junos requires one):"
            + " read as deny");
      }
      missing(policy, policy.sources, "source-address");
      missing(policy, policy.destinations, "destination-address");
      missing(policy, policy.applications, "application");
    }
  }

  /** Junos requires all three match conditions; Flowgate reads a missing one as any and says so. */
  private void missing(Policy policy, List<Reference> values, String condition) {
    if (values.isEmpty()) {
      diagnostics.warning(policy.location, policy.describe() + " has no match " + condition
          + " (Junos requires one): read as any");
    }
  }

  private void checkZone(String zone, Policy policy) {
    if (!names.isZone(zone)) {
      diagnostics.error(policy.location, "security-zone " + zone + " is not defined (" + policy.describe() + ")");
    }
  }

  private void checkZoneReference(Reference zone, Policy policy) {
    if (!names.isZone(zone.name())) {
      diagnostics.error(zone.location(), "security-zone " + zone.name() + " is not defined ("
          + policy.describe() + ")");
    }
  }

  private void checkAddress(Reference address, String zone, Policy policy, String side) {
    if (names.address(address.name(), zone) == null) {
      String where = zone == null ? "the global address book" : "the address books of security-zone " + zone;
      diagnostics.error(address.location(), side + " " + address.name() + " is not defined in " + where
          + " (" + policy.describe() + ")");
    }
  }
}
