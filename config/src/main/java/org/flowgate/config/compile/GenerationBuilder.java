package org.flowgate.config.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowgate.config.compile.JunosConfiguration.ApplicationDefinition;
import org.flowgate.config.compile.JunosConfiguration.Instance;
import org.flowgate.config.compile.JunosConfiguration.LogicalInterface;
import org.flowgate.config.compile.JunosConfiguration.NatPool;
import org.flowgate.config.compile.JunosConfiguration.NatRule;
import org.flowgate.config.compile.JunosConfiguration.NatSide;
import org.flowgate.config.compile.JunosConfiguration.Policy;
import org.flowgate.config.compile.JunosConfiguration.ProxyAddress;
import org.flowgate.config.compile.JunosConfiguration.Reference;
import org.flowgate.config.compile.JunosConfiguration.SecurityZone;
import org.flowgate.config.compile.JunosConfiguration.StaticRoute;
import org.flowgate.config.compile.JunosConfiguration.Term;
import org.flowgate.config.text.Diagnostics;
import org.flowgate.dataplane.application.ApplicationTerm;
import org.flowgate.dataplane.nat.DestinationNatPool;
import org.flowgate.dataplane.nat.DestinationNatRule;
import org.flowgate.dataplane.nat.NatConfig;
import org.flowgate.dataplane.nat.NatContext;
import org.flowgate.dataplane.nat.NatRuleSet;
import org.flowgate.dataplane.nat.PersistentNat;
import org.flowgate.dataplane.nat.PortRange;
import org.flowgate.dataplane.nat.SourceNatPool;
import org.flowgate.dataplane.nat.SourceNatRule;
import org.flowgate.dataplane.nat.StaticNatRule;
import org.flowgate.dataplane.net.AddressMatch;
import org.flowgate.dataplane.net.IpPrefix;
import org.flowgate.dataplane.policy.PolicyAction;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.runtime.RuntimeConfigBuilder;
import org.flowgate.dataplane.screen.IdsOption;
import org.flowgate.dataplane.screen.ScreenConfig;
import org.flowgate.dataplane.zone.IngressMap;
import org.flowgate.dataplane.zone.Zone;

/**
 * The build pass: a validated {@link JunosConfiguration} into a {@link RuntimeConfig} generation
 * through {@link RuntimeConfigBuilder}. Order matters and follows the configuration: zones (ids
 * from 1), routing instances (indexes from 1 after the master), logical interfaces, static routes,
 * applications, then policies in the order they were first written (ids from 4); last NAT, whose
 * contexts refer to the zones, interfaces and routing instances by their index in the generation:
 *
 * <pre>
 * source pools        id 1.. in configuration order     destination pools   id 1..
 * source rule sets    id 1..                            destination sets    id 1..   static sets  id 1..
 * source rules        id 1.. over all source rules, position 1.. within the rule set (same per kind)
 * </pre>
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
    builder.alg(config.alg);
    if (config.hostName != null) {
      builder.hostName(config.hostName);
    }
    for (SecurityZone zone : config.zones.values()) {
      builder.zone(zone.name, zone.hostInboundServices, zone.hostInboundProtocols);
    }
    boolean hostZoneUsed =
        config.policies.values().stream()
                .anyMatch(
                    p ->
                        NameResolver.JUNOS_HOST.equals(p.fromZone)
                            || NameResolver.JUNOS_HOST.equals(p.toZone)
                            || p.fromZones.stream()
                                .anyMatch(z -> z.name().equals(NameResolver.JUNOS_HOST))
                            || p.toZones.stream()
                                .anyMatch(z -> z.name().equals(NameResolver.JUNOS_HOST)))
            || config.allRuleSets().stream()
                .anyMatch(set -> namesHostZone(set.from) || namesHostZone(set.to));
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
          zoneOf.get(unit.name),
          instanceOf.getOrDefault(unit.name, "master"),
          unit.name,
          addresses);
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
      AddressMatch destination =
          addresses(names, policy.destinations, toZone, policy.destinationExcluded);
      List<String> applications = new ArrayList<>();
      boolean any = policy.applications.isEmpty();
      for (Reference application : policy.applications) {
        any |= application.name().equals("any");
        List<String> expanded = names.applications(application.name());
        any |= expanded.contains("any");
        applications.addAll(expanded);
      }
      builder.policy(
          policy.name,
          policy.global
              ? policy.fromZones.stream().map(Reference::name).toList()
              : List.of(fromZone),
          policy.global ? policy.toZones.stream().map(Reference::name).toList() : List.of(toZone),
          policy.global,
          source,
          destination,
          any ? List.of() : applications.stream().distinct().toList(),
          policy.action == null ? PolicyAction.DENY : policy.action,
          policy.logInit,
          policy.logClose,
          policy.count);
      if (!policy.dynamicApplications.isEmpty()) {
        builder.dynamicApplications(
            policy.dynamicApplications.stream().map(Reference::name).toList());
      }
    }
    builder.defaultPolicy(config.defaultPolicy);
    int[] preId = config.preIdTimeoutSeconds;
    builder.preIdDefaultPolicy(
        new org.flowgate.dataplane.policy.PreIdDefaultPolicy(
            preId[0],
            preId[1],
            preId[2],
            preId[3],
            preId[4],
            preId[5],
            config.preIdLogInit,
            config.preIdLogClose));
    builder.settings(config.settings.build());
    builder.screens(screens(config));
    builder.applicationIdentification(config.applicationIdentification);
    if (config.applicationServices != null) {
      builder.applicationGroups(config.applicationServices.applicationGroups());
    }
    RuntimeConfig withoutNat = builder.build();
    RuntimeConfig withNat = withoutNat.withNat(nat(config, names, withoutNat));
    RuntimeConfig traced =
        withNat.withSettings(
            withNat.settings().toBuilder().trace(TraceReader.compile(config, withNat)).build());
    RuntimeConfig built =
        config.applicationServices == null
            ? traced
            : traced.withApplicationServices(config.applicationServices.build(config, traced));
    Map<Integer, String> vlans = vlanInterfaces(config, diagnostics);
    if (!vlans.isEmpty()) {
      Map<Integer, Integer> byVlan = new HashMap<>();
      vlans.forEach((vlan, name) -> byVlan.put(vlan, built.interfaceNamed(name).index()));
      return new Built(built.withIngress(new IngressMap(Map.of(), byVlan, Map.of())), vlans);
    }
    return new Built(built, vlans);
  }

  /**
   * The ids-options in configuration order, and for each zone (in the generation's zone order,
   * {@code junos-host} last and without one) the index of the ids-option it applies.
   */
  private static ScreenConfig screens(JunosConfiguration config) {
    if (config.screens.isEmpty()) {
      return ScreenConfig.NONE;
    }
    List<IdsOption> options = new ArrayList<>();
    Map<String, Integer> indexOf = new HashMap<>();
    for (ScreenReader.Definition definition : config.screens.values()) {
      indexOf.put(definition.name, options.size());
      options.add(definition.build());
    }
    List<Integer> zoneOptions = new ArrayList<>();
    for (SecurityZone zone : config.zones.values()) {
      zoneOptions.add(zone.screen == null ? -1 : indexOf.getOrDefault(zone.screen.name(), -1));
    }
    return new ScreenConfig(options, zoneOptions);
  }

  private static void routes(
      RuntimeConfigBuilder builder,
      String instance,
      List<StaticRoute> routes,
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
            diagnostics.warning(
                route.location(),
                "next-hop "
                    + route.nextHop()
                    + " of route "
                    + prefix
                    + " is on no connected subnet of "
                    + (instance.equals("master") ? "inet.0" : instance)
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
      Integer timeout =
          term.inactivityTimeoutSeconds != null
              ? term.inactivityTimeoutSeconds
              : application.inactivityTimeoutSeconds;
      out.add(
          new ApplicationTerm(
              term.protocol,
              term.sourcePortLow,
              term.sourcePortHigh,
              term.destinationPortLow,
              term.destinationPortHigh,
              term.icmpType,
              term.icmpCode,
              timeout == null ? 0 : timeout));
    }
    return out.toArray(ApplicationTerm[]::new);
  }

  private static AddressMatch addresses(
      NameResolver names, List<Reference> references, String zone, boolean excluded) {
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
  private static Map<Integer, String> vlanInterfaces(
      JunosConfiguration config, Diagnostics diagnostics) {
    Map<Integer, String> out = new LinkedHashMap<>();
    Map<Integer, Boolean> shared = new HashMap<>();
    for (LogicalInterface unit : config.interfaces.values()) {
      if (unit.vlanId == null) {
        continue;
      }
      if (out.containsKey(unit.vlanId) || shared.containsKey(unit.vlanId)) {
        if (!shared.containsKey(unit.vlanId)) {
          diagnostics.warning(
              unit.location,
              "vlan-id "
                  + unit.vlanId
                  + " is on "
                  + out.get(unit.vlanId)
                  + " and "
                  + unit.name
                  + ": replayed packets with this tag are not mapped to either");
        }
        shared.put(unit.vlanId, true);
        out.remove(unit.vlanId);
      } else {
        out.put(unit.vlanId, unit.name);
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ security nat

  private static boolean namesHostZone(NatSide side) {
    return side != null
        && side.kind().equals("zone")
        && side.names().stream().anyMatch(z -> z.name().equals(NameResolver.JUNOS_HOST));
  }

  /**
   * {@code security nat} of a validated configuration, its contexts resolved in {@code runtime}.
   */
  static NatConfig nat(JunosConfiguration config, NameResolver names, RuntimeConfig runtime) {
    List<String> sourcePoolNames = List.copyOf(config.sourcePools.keySet());
    List<String> destinationPoolNames = List.copyOf(config.destinationPools.keySet());
    List<SourceNatPool> sourcePools = new ArrayList<>();
    for (NatPool pool : config.sourcePools.values()) {
      boolean blocks = pool.blockAllocation && pool.portTranslation;
      PortRange ports =
          pool.portLow != null
              ? new PortRange(pool.portLow, pool.portHigh != null ? pool.portHigh : pool.portLow)
              : config.natDefaultPorts != null
                  ? config.natDefaultPorts
                  : blocks
                      // a block pool's blocks span 1024-65535 (504 blocks of 128 an address in
                      // Juniper's replies): it keeps no twin ports apart (ADR 0038)
                      ? org.flowgate.dataplane.nat.PortBlockAllocation.DEFAULT_PORTS
                      : SourceNatPool.DEFAULT_PORTS;
      // A pool without its own range keeps the twin ports (Junos: [63488, 65535] unless
      // pool-default-twin-port-range says otherwise); one that overlaps the single ports keeps
      // none.
      PortRange twin =
          !pool.portTranslation || blocks
              ? null
              : pool.twinLow != null || pool.twinHigh != null
                  // port range twin-port LOW [to HIGH]: the pool's own twin ports
                  ? new PortRange(
                      pool.twinLow != null ? pool.twinLow : SourceNatPool.DEFAULT_TWIN_PORTS.low(),
                      pool.twinHigh != null
                          ? pool.twinHigh
                          : pool.twinLow != null
                              ? pool.twinLow
                              : SourceNatPool.DEFAULT_TWIN_PORTS.high())
                  : pool.portLow != null
                      ? null
                      : config.natDefaultTwinPorts != null
                          ? config.natDefaultTwinPorts
                          : SourceNatPool.DEFAULT_TWIN_PORTS;
      if (twin != null && twin.low() <= ports.high() && ports.low() <= twin.high()) {
        twin = null;
      }
      SourceNatPool.Overflow overflow =
          pool.overflow == null
              ? SourceNatPool.Overflow.NONE
              : pool.overflow.name().equals("interface")
                  ? SourceNatPool.Overflow.INTERFACE
                  : SourceNatPool.Overflow.POOL;
      sourcePools.add(
          new SourceNatPool(
              SourceNatPool.FIRST_ID + sourcePools.size(),
              pool.name,
              pool.addresses,
              pool.portTranslation,
              ports,
              overflow,
              overflow == SourceNatPool.Overflow.POOL
                  ? sourcePoolNames.indexOf(pool.overflow.name())
                  : -1,
              pool.addressPersistent || config.natAddressPersistent,
              instanceIndex(runtime, pool.routingInstance),
              twin,
              blocks
                  ? new org.flowgate.dataplane.nat.PortBlockAllocation(
                      pool.blockSize,
                      pool.maximumBlocksPerHost,
                      pool.activeBlockTimeoutSeconds,
                      pool.interimLoggingIntervalSeconds,
                      pool.lastBlockRecycleTimeoutSeconds,
                      pool.blockLog)
                  : null));
    }
    List<DestinationNatPool> destinationPools = new ArrayList<>();
    for (NatPool pool : config.destinationPools.values()) {
      destinationPools.add(
          new DestinationNatPool(
              destinationPools.size() + 1,
              pool.name,
              pool.addresses.getFirst(),
              pool.port == null ? 0 : pool.port,
              instanceIndex(runtime, pool.routingInstance)));
    }

    List<NatRuleSet> sourceSets = new ArrayList<>();
    List<SourceNatRule> sourceRules = new ArrayList<>();
    for (JunosConfiguration.NatRuleSet set : config.sourceRuleSets.values()) {
      int index = sourceSets.size();
      sourceSets.add(
          new NatRuleSet(
              index + 1, set.name, context(set.from, runtime), context(set.to, runtime)));
      int position = 1;
      for (NatRule rule : set.rules.values()) {
        if (rule.notInstalled) {
          continue; // warned: it translates between IPv6 and IPv4
        }
        SourceNatRule.Action action =
            rule.action == null
                ? SourceNatRule.Action.OFF
                : switch (rule.action) {
                  case "interface" -> SourceNatRule.Action.INTERFACE;
                  case "pool" -> SourceNatRule.Action.POOL;
                  default -> SourceNatRule.Action.OFF;
                };
        sourceRules.add(
            new SourceNatRule(
                sourceRules.size() + 1,
                rule.name,
                index,
                position++,
                natAddresses(names, rule.sourcePrefixes, rule.sourceNames),
                natAddresses(names, rule.destinationPrefixes, rule.destinationNames),
                List.copyOf(rule.destinationPorts),
                protocols(rule),
                action,
                action == SourceNatRule.Action.POOL
                    ? sourcePoolNames.indexOf(rule.pool.name())
                    : -1,
                persistentNat(rule, action)));
      }
    }

    List<NatRuleSet> destinationSets = new ArrayList<>();
    List<DestinationNatRule> destinationRules = new ArrayList<>();
    for (JunosConfiguration.NatRuleSet set : config.destinationRuleSets.values()) {
      int index = destinationSets.size();
      destinationSets.add(new NatRuleSet(index + 1, set.name, context(set.from, runtime), null));
      int position = 1;
      for (NatRule rule : set.rules.values()) {
        if (rule.notInstalled) {
          continue; // warned: it translates between IPv6 and IPv4
        }
        boolean pool = "pool".equals(rule.action);
        destinationRules.add(
            new DestinationNatRule(
                destinationRules.size() + 1,
                rule.name,
                index,
                position++,
                natAddresses(names, rule.sourcePrefixes, rule.sourceNames),
                natAddresses(names, rule.destinationPrefixes, rule.destinationNames),
                List.copyOf(rule.destinationPorts),
                protocols(rule),
                pool ? DestinationNatRule.Action.POOL : DestinationNatRule.Action.OFF,
                pool ? destinationPoolNames.indexOf(rule.pool.name()) : -1));
      }
    }

    List<NatRuleSet> staticSets = new ArrayList<>();
    List<StaticNatRule> staticRules = new ArrayList<>();
    for (JunosConfiguration.NatRuleSet set : config.staticRuleSets.values()) {
      int index = staticSets.size();
      staticSets.add(new NatRuleSet(index + 1, set.name, context(set.from, runtime), null));
      int position = 1;
      for (NatRule rule : set.rules.values()) {
        if (rule.notInstalled) {
          continue; // warned: its only action is one Flowgate does not implement
        }
        IpPrefix destination =
            !rule.destinationPrefixes.isEmpty()
                ? rule.destinationPrefixes.getFirst()
                : names.address(rule.destinationNames.getFirst().name(), null).getFirst();
        IpPrefix translated =
            rule.translated != null
                ? rule.translated
                : names.address(rule.translatedName.name(), null).getFirst();
        staticRules.add(
            new StaticNatRule(
                staticRules.size() + 1,
                rule.name,
                index,
                position++,
                natAddresses(names, rule.sourcePrefixes, rule.sourceNames),
                destination,
                rule.destinationPorts.isEmpty() ? null : rule.destinationPorts.getFirst(),
                translated,
                rule.mappedPort,
                instanceIndex(runtime, rule.routingInstance)));
      }
    }

    List<NatConfig.ProxyArpEntry> proxies = new ArrayList<>();
    for (ProxyAddress proxy : config.proxyAddresses) {
      proxies.add(
          new NatConfig.ProxyArpEntry(
              runtime.interfaceNamed(proxy.interfaceName().name()).index(), proxy.addresses()));
    }
    return new NatConfig(
        sourcePools,
        sourceSets,
        sourceRules,
        destinationPools,
        destinationSets,
        destinationRules,
        staticSets,
        staticRules,
        proxies,
        !config.natPortRandomizationDisabled);
  }

  /**
   * A source rule's {@code persistent-nat}, null without it or when the rule does not translate.
   */
  private static PersistentNat persistentNat(NatRule rule, SourceNatRule.Action action) {
    if (rule.persistentType == null || action == SourceNatRule.Action.OFF) {
      return null;
    }
    return new PersistentNat(
        switch (rule.persistentType) {
          case "target-host" -> PersistentNat.Type.TARGET_HOST;
          case "target-host-port" -> PersistentNat.Type.TARGET_HOST_PORT;
          default -> PersistentNat.Type.ANY_REMOTE_HOST;
        },
        rule.persistentAddressMapping,
        rule.persistentInactivityTimeout != null
            ? rule.persistentInactivityTimeout
            : PersistentNat.DEFAULT_INACTIVITY_TIMEOUT_SECONDS,
        rule.persistentMaximumSessions != null
            ? rule.persistentMaximumSessions
            : PersistentNat.DEFAULT_MAXIMUM_SESSIONS);
  }

  /**
   * A rule set's from or to as indexes of the generation's zones, interfaces or routing instances.
   */
  private static NatContext context(NatSide side, RuntimeConfig runtime) {
    NatContext.Kind kind =
        switch (side.kind()) {
          case "zone" -> NatContext.Kind.ZONE;
          case "interface" -> NatContext.Kind.INTERFACE;
          default -> NatContext.Kind.ROUTING_INSTANCE;
        };
    int[] indexes =
        side.names().stream()
            .mapToInt(
                name ->
                    switch (kind) {
                      case ZONE -> zoneIndex(runtime, name.name());
                      case INTERFACE -> runtime.interfaceNamed(name.name()).index();
                      case ROUTING_INSTANCE -> instanceIndex(runtime, name);
                    })
            .distinct()
            .toArray();
    return new NatContext(kind, indexes);
  }

  private static int zoneIndex(RuntimeConfig runtime, String name) {
    List<Zone> zones = runtime.zones();
    for (int i = 0; i < zones.size(); i++) {
      if (zones.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalStateException(
        "zone " + name + " passed validation but is not in the generation");
  }

  /** The index of a routing instance; 0 (the master) when none is named or for {@code default}. */
  private static int instanceIndex(RuntimeConfig runtime, Reference instance) {
    if (instance == null || NameResolver.isDefaultInstance(instance.name())) {
      return 0;
    }
    for (org.flowgate.dataplane.route.RoutingInstance candidate : runtime.routingInstances()) {
      if (candidate.name().equals(instance.name())) {
        return candidate.index();
      }
    }
    throw new IllegalStateException(
        "routing-instance " + instance.name() + " passed validation but is not in the generation");
  }

  /**
   * Prefixes and global address-book names of one side of a NAT rule's match. Neither: any. A name
   * {@code any}: any. Names that stand for no address (a {@code dns-name} entry) and nothing else:
   * nothing matches.
   */
  private static AddressMatch natAddresses(
      NameResolver names, List<IpPrefix> prefixes, List<Reference> references) {
    if (prefixes.isEmpty() && references.isEmpty()) {
      return AddressMatch.ANY;
    }
    List<IpPrefix> out = new ArrayList<>(prefixes);
    for (Reference reference : references) {
      if (reference.name().equals("any")) {
        return AddressMatch.ANY;
      }
      out.addAll(names.address(reference.name(), null));
    }
    return out.isEmpty()
        ? new AddressMatch(List.of(), true)
        : new AddressMatch(out.stream().distinct().toList(), false);
  }

  private static int[] protocols(NatRule rule) {
    return rule.protocols.stream().mapToInt(Integer::intValue).toArray();
  }
}
