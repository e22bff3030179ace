package org.flowgate.config.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowgate.config.compile.JunosConfiguration.ApplicationDefinition;
import org.flowgate.config.compile.JunosConfiguration.Instance;
import org.flowgate.config.compile.JunosConfiguration.LogicalInterface;
import org.flowgate.config.compile.JunosConfiguration.Policy;
import org.flowgate.config.compile.JunosConfiguration.Reference;
import org.flowgate.config.compile.JunosConfiguration.SecurityZone;
import org.flowgate.config.compile.JunosConfiguration.StaticRoute;
import org.flowgate.config.compile.JunosConfiguration.Term;
import org.flowgate.config.text.Diagnostics;
import org.flowgate.dataplane.runtime.AddressMatch;
import org.flowgate.dataplane.runtime.ApplicationTerm;
import org.flowgate.dataplane.runtime.IngressMap;
import org.flowgate.dataplane.runtime.IpPrefix;
import org.flowgate.dataplane.runtime.PolicyAction;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.runtime.RuntimeConfigBuilder;

/**
 * The build pass: a validated {@link JunosConfiguration} into a {@link RuntimeConfig} generation
 * through {@link RuntimeConfigBuilder}. Order matters and follows the configuration: zones (ids
 * from 1), routing instances (indexes from 1 after the master), logical interfaces, static routes,
 * applications, then policies in the order they were first written (ids from 4).
 *
 * <p>Thread: one call per compilation.
 */
final class GenerationBuilder {
  private GenerationBuilder() {}

  /** What the build pass gives: the generation and the VLAN id of each VLAN-tagged unit. */
  record Built(RuntimeConfig config, Map<Integer, String> vlanInterfaces) {}

  static Built build(JunosConfiguration config, Diagnostics diagnostics) {
    NameResolver names = new NameResolver(config);
    RuntimeConfigBuilder builder = new RuntimeConfigBuilder();
    if (config.hostName != null) {
      builder.hostName(config.hostName);
    }
    for (SecurityZone zone : config.zones.values()) {
      builder.zone(zone.name, zone.hostInboundServices, zone.hostInboundProtocols);
    }
    boolean hostZoneUsed = config.policies.values().stream().anyMatch(p ->
        NameResolver.JUNOS_HOST.equals(p.fromZone) || NameResolver.JUNOS_HOST.equals(p.toZone)
            || p.fromZones.stream().anyMatch(z -> z.name().equals(NameResolver.JUNOS_HOST))
            || p.toZones.stream().anyMatch(z -> z.name().equals(NameResolver.JUNOS_HOST)));
    if (hostZoneUsed && !config.zones.containsKey(NameResolver.JUNOS_HOST)) {
      builder.zone(NameResolver.JUNOS_HOST); // no interfaces: the to-zone of traffic to the device
    }
    Map<String, String> zoneOf = new HashMap<>();
    for (SecurityZone zone : config.zones.values()) {
      for (Reference member : zone.interfaces) {
        zoneOf.putIfAbsent(member.name(), zone.name);
      }
    }
    Map<String, String> instanceOf = new HashMap<>();
    for (Instance instance : config.instances.values()) {
      builder.routingInstance(instance.name);
      for (Reference member : instance.interfaces) {
        instanceOf.putIfAbsent(member.name(), instance.name);
      }
    }
    for (LogicalInterface unit : config.interfaces.values()) {
      String[] addresses = unit.addresses.stream().map(IpPrefix::toString).toArray(String[]::new);
      builder.interfaceInInstance(
          zoneOf.get(unit.name), instanceOf.getOrDefault(unit.name, "master"), unit.name, addresses);
    }
    routes(builder, "master", config.masterRoutes, diagnostics);
    for (Instance instance : config.instances.values()) {
      routes(builder, instance.name, instance.routes, diagnostics);
    }
    for (ApplicationDefinition application : config.applications.values()) {
      builder.application(application.name, application.applicationProtocol, terms(application));
    }
    java.util.Set<String> unmodelled = new java.util.LinkedHashSet<>();
    for (Policy policy : config.policies.values()) {
      for (Reference application : policy.applications) {
        if (names.isUnmodelledPredefined(application.name())) {
          unmodelled.add(application.name());
        }
      }
    }
    for (JunosConfiguration.ApplicationSet set : config.applicationSets.values()) {
      for (Reference member : set.members()) {
        if (names.isUnmodelledPredefined(member.name())) {
          unmodelled.add(member.name());
        }
      }
    }
    for (String name : unmodelled) {
      builder.application(name, null); // no terms: matches nothing
    }
    for (Policy policy : config.policies.values()) {
      String fromZone = policy.global ? null : policy.fromZone;
      String toZone = policy.global ? null : policy.toZone;
      AddressMatch source = addresses(names, policy.sources, fromZone, policy.sourceExcluded);
      AddressMatch destination = addresses(names, policy.destinations, toZone, policy.destinationExcluded);
      List<String> applications = new ArrayList<>();
      boolean any = policy.applications.isEmpty();
      for (Reference application : policy.applications) {
        any |= application.name().equals("any");
        List<String> expanded = names.applications(application.name());
        any |= expanded.contains("any");
        applications.addAll(expanded);
      }
      builder.policy(policy.name,
          policy.global ? policy.fromZones.stream().map(Reference::name).toList() : List.of(fromZone),
          policy.global ? policy.toZones.stream().map(Reference::name).toList() : List.of(toZone),
          policy.global, source, destination,
          any ? List.of() : applications.stream().distinct().toList(),
          policy.action == null ? PolicyAction.DENY : policy.action, policy.logInit, policy.logClose,
          policy.count);
    }
    builder.defaultPolicy(config.defaultPolicy);
    builder.settings(config.settings.build());
    RuntimeConfig built = builder.build();
    Map<Integer, String> vlans = vlanInterfaces(config, diagnostics);
    if (!vlans.isEmpty()) {
      Map<Integer, Integer> byVlan = new HashMap<>();
      vlans.forEach((vlan, name) -> byVlan.put(vlan, built.interfaceNamed(name).index()));
      return new Built(built.withIngress(new IngressMap(Map.of(), byVlan, Map.of())), vlans);
    }
    return new Built(built, vlans);
  }

  private static void routes(RuntimeConfigBuilder builder, String instance, List<StaticRoute> routes,
      Diagnostics diagnostics) {
    for (StaticRoute route : routes) {
      String prefix = route.prefix().toString();
      switch (route.kind()) {
        case DISCARD -> builder.discardRoute(instance, prefix);
        case REJECT -> builder.rejectRoute(instance, prefix);
        case NEXT_HOP -> {
          if (Values.address(route.nextHop()) == null) {
            builder.interfaceRoute(instance, prefix, route.nextHop());
          } else if (builder.isReachable(instance, route.nextHop())) {
            builder.staticRoute(instance, prefix, route.nextHop());
          } else {
            diagnostics.warning(route.location(), "next-hop " + route.nextHop() + " of route " + prefix
                + " is on no connected subnet of " + (instance.equals("master") ? "inet.0" : instance)
                + ": the route is not installed");
          }
        }
      }
    }
  }

  private static ApplicationTerm[] terms(ApplicationDefinition application) {
    List<ApplicationTerm> out = new ArrayList<>();
    Term own = application.terms.get("");
    boolean named = application.terms.size() > 1;
    for (Map.Entry<String, Term> entry : application.terms.entrySet()) {
      Term term = entry.getValue();
      if (entry.getKey().isEmpty() && named && !own.used) {
        continue; // only named terms
      }
      Integer timeout = term.inactivityTimeoutSeconds != null
          ? term.inactivityTimeoutSeconds : application.inactivityTimeoutSeconds;
      out.add(new ApplicationTerm(term.protocol, term.sourcePortLow, term.sourcePortHigh,
          term.destinationPortLow, term.destinationPortHigh, term.icmpType, term.icmpCode,
          timeout == null ? 0 : timeout));
    }
    return out.toArray(ApplicationTerm[]::new);
  }

  private static AddressMatch addresses(NameResolver names, List<Reference> references, String zone,
      boolean excluded) {
    List<IpPrefix> prefixes = new ArrayList<>();
    for (Reference reference : references) {
      List<IpPrefix> resolved = names.address(reference.name(), zone);
      if (resolved.isEmpty()) {
        return new AddressMatch(List.of(), excluded); // any
      }
      prefixes.addAll(resolved);
    }
    return new AddressMatch(prefixes.stream().distinct().toList(), excluded);
  }

  /** VLAN id to unit, for ids that name one unit only (a capture's tag then says the interface). */
  private static Map<Integer, String> vlanInterfaces(JunosConfiguration config, Diagnostics diagnostics) {
    Map<Integer, String> out = new LinkedHashMap<>();
    Map<Integer, Boolean> shared = new HashMap<>();
    for (LogicalInterface unit : config.interfaces.values()) {
      if (unit.vlanId == null) {
        continue;
      }
      if (out.containsKey(unit.vlanId) || shared.containsKey(unit.vlanId)) {
        if (!shared.containsKey(unit.vlanId)) {
          diagnostics.warning(unit.location, "vlan-id " + unit.vlanId + " is on " + out.get(unit.vlanId)
              + " and " + unit.name + ": replayed packets with this tag are not mapped to either");
        }
        shared.put(unit.vlanId, true);
        out.remove(unit.vlanId);
      } else {
        out.put(unit.vlanId, unit.name);
      }
    }
    return out;
  }
}
