package org.flowgate.dataplane.runtime;

import java.util.ArrayList;
import java.util.List;
import org.flowgate.dataplane.alg.AlgSettings;
import org.flowgate.dataplane.appid.AppIdSettings;
import org.flowgate.dataplane.application.Application;
import org.flowgate.dataplane.application.ApplicationTerm;
import org.flowgate.dataplane.application.PredefinedApplications;
import org.flowgate.dataplane.nat.NatConfig;
import org.flowgate.dataplane.net.AddressMatch;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.dataplane.net.IpPrefix;
import org.flowgate.dataplane.policy.PolicyAction;
import org.flowgate.dataplane.policy.PolicyTable;
import org.flowgate.dataplane.policy.SecurityPolicy;
import org.flowgate.dataplane.route.Route;
import org.flowgate.dataplane.route.RouteTable;
import org.flowgate.dataplane.route.RouteType;
import org.flowgate.dataplane.route.RoutingInstance;
import org.flowgate.dataplane.screen.ScreenConfig;
import org.flowgate.dataplane.zone.FirewallInterface;
import org.flowgate.dataplane.zone.IngressMap;
import org.flowgate.dataplane.zone.Zone;

/**
 * Assembles a {@link RuntimeConfig} the way the configuration compiler will: zones, interfaces with
 * their direct and local routes, static routes resolved to an egress interface, policies. Used by
 * the factory default, by tests, and by the Junos compiler.
 *
 * <p>Routing instances: the master instance ({@code inet.0}, index 0) always exists; {@link
 * #routingInstance} adds a virtual router whose index is its position. Methods without an instance
 * name work on the master; interfaces and routes of another instance go into that instance's own
 * {@link RouteTable}.
 *
 * <p>Thread: confined to the thread that builds.
 */
public final class RuntimeConfigBuilder {
  private NatConfig nat = NatConfig.NONE;
  private AlgSettings alg = AlgSettings.junosDefaults();
  private ScreenConfig screens = ScreenConfig.NONE;
  private AppIdSettings applicationIdentification = AppIdSettings.defaults();
  private org.flowgate.dataplane.policy.ApplicationGroups applicationGroups =
      org.flowgate.dataplane.policy.ApplicationGroups.NONE;
  private String hostName = "flowgate";
  private final List<Zone> zones = new ArrayList<>();
  private final List<FirewallInterface> interfaces = new ArrayList<>();
  private final List<String> instanceNames = new ArrayList<>(List.of("master"));
  private final List<List<Route>> routesByInstance = new ArrayList<>(List.of(new ArrayList<>()));
  private final List<SecurityPolicy> policies = new ArrayList<>();
  private final List<List<String>> pendingApplications = new ArrayList<>();

  /** By policy: its {@code dynamic-application} names, resolved against the catalog at build. */
  private final List<List<String>> pendingDynamicApplications = new ArrayList<>();

  private org.flowgate.dataplane.policy.PreIdDefaultPolicy preIdDefaultPolicy =
      org.flowgate.dataplane.policy.PreIdDefaultPolicy.DEFAULTS;
  private final List<Application> applications =
      new ArrayList<>(PredefinedApplications.all().values());
  private int nextApplicationId = 1024;
  private PolicyAction defaultAction = PolicyAction.DENY;
  private FlowSettings settings = FlowSettings.junosDefaults();
  private IngressMap ingress = IngressMap.none();
  private long maximumSessions = 1 << 20;
  private long generation = 1;

  /** {@code security alg}: which ALGs are on, and their knobs. */
  public RuntimeConfigBuilder alg(AlgSettings settings) {
    this.alg = settings;
    return this;
  }

  public RuntimeConfigBuilder hostName(String name) {
    this.hostName = name;
    return this;
  }

  public RuntimeConfigBuilder generation(long number) {
    this.generation = number;
    return this;
  }

  /** Adds a zone; its id is {@link #nextZoneId}'s. */
  public RuntimeConfigBuilder zone(String name) {
    zones.add(new Zone(nextZoneId(name), name));
    return this;
  }

  /**
   * The id a zone of this name gets, as an SRX numbers them: {@code junos-host} {@value
   * Zone#JUNOS_HOST_ID}, the user's zones from {@value Zone#FIRST_USER_ZONE_ID} in the order they
   * are added (docs/adr/0021, addendum: the session tokens of real replies).
   */
  private int nextZoneId(String name) {
    if (name.equals(Zone.JUNOS_HOST)) {
      return Zone.JUNOS_HOST_ID;
    }
    int user = 0;
    for (Zone zone : zones) {
      if (!zone.name().equals(Zone.JUNOS_HOST)) {
        user++;
      }
    }
    return Zone.FIRST_USER_ZONE_ID + user;
  }

  /** Adds a zone with {@code host-inbound-traffic} services and protocols. */
  public RuntimeConfigBuilder zone(
      String name,
      java.util.Set<String> hostInboundServices,
      java.util.Set<String> hostInboundProtocols) {
    zones.add(new Zone(nextZoneId(name), name, hostInboundServices, hostInboundProtocols));
    return this;
  }

  public int zoneIndex(String name) {
    for (int i = 0; i < zones.size(); i++) {
      if (zones.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no zone " + name);
  }

  /**
   * Adds a virtual-router routing instance; its index (the session token's upper part) is its
   * position.
   */
  public RuntimeConfigBuilder routingInstance(String name) {
    if (instanceNames.contains(name)) {
      throw new IllegalArgumentException("routing instance " + name + " exists");
    }
    instanceNames.add(name);
    routesByInstance.add(new ArrayList<>());
    return this;
  }

  /** The index of a routing instance ({@code master} is 0). */
  public int routingInstanceIndex(String name) {
    int index = instanceNames.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("no routing instance " + name);
    }
    return index;
  }

  /**
   * Adds an interface in a zone with addresses like {@code 192.168.1.1/24}; each address adds a
   * direct route for its subnet and a local route for itself.
   */
  public RuntimeConfigBuilder interfaceIn(String zone, String name, String... addresses) {
    return interfaceInInstance(zone, "master", name, addresses);
  }

  /**
   * As {@link #interfaceIn(String, String, String...)}, in a routing instance ({@code zone} may be
   * null).
   */
  public RuntimeConfigBuilder interfaceInInstance(
      String zone, String instance, String name, String... addresses) {
    int instanceIndex = routingInstanceIndex(instance);
    List<Route> routes = routesByInstance.get(instanceIndex);
    int index = interfaces.size();
    List<IpPrefix> prefixes = new ArrayList<>();
    for (String address : addresses) {
      IpPrefix own = IpPrefix.parse(address);
      prefixes.add(own);
      IpPrefix subnet = network(own);
      routes.add(new Route(routes.size() + 1, subnet, RouteType.DIRECT, index, null));
      IpPrefix host = new IpPrefix(own.address(), own.isIpv4() ? 32 : 128);
      routes.add(new Route(routes.size() + 1, host, RouteType.LOCAL, index, null));
    }
    interfaces.add(
        new FirewallInterface(
            index,
            name,
            zone == null ? -1 : zoneIndex(zone),
            instanceIndex,
            List.copyOf(prefixes)));
    return this;
  }

  /** A static route whose gateway is reached through a directly connected subnet. */
  public RuntimeConfigBuilder staticRoute(String prefix, String gateway) {
    return staticRoute("master", prefix, gateway);
  }

  /** True when {@code gateway} lies in a directly connected subnet of the instance. */
  public boolean isReachable(String instance, String gateway) {
    return egressFor(routesByInstance.get(routingInstanceIndex(instance)), IpAddress.parse(gateway))
        >= 0;
  }

  /** A static route in a routing instance whose gateway is on one of the instance's subnets. */
  public RuntimeConfigBuilder staticRoute(String instance, String prefix, String gateway) {
    List<Route> routes = routesByInstance.get(routingInstanceIndex(instance));
    IpAddress next = IpAddress.parse(gateway);
    int egress = egressFor(routes, next);
    if (egress < 0) {
      throw new IllegalArgumentException("next hop " + gateway + " is not on a connected subnet");
    }
    routes.add(
        new Route(routes.size() + 1, IpPrefix.parse(prefix), RouteType.STATIC, egress, next));
    return this;
  }

  /** A static route out of an interface with no gateway ({@code next-hop st0.0}). */
  public RuntimeConfigBuilder interfaceRoute(String instance, String prefix, String interfaceName) {
    List<Route> routes = routesByInstance.get(routingInstanceIndex(instance));
    int egress = -1;
    for (FirewallInterface candidate : interfaces) {
      if (candidate.name().equals(interfaceName)) {
        egress = candidate.index();
      }
    }
    if (egress < 0) {
      throw new IllegalArgumentException("no interface " + interfaceName);
    }
    routes.add(
        new Route(routes.size() + 1, IpPrefix.parse(prefix), RouteType.STATIC, egress, null));
    return this;
  }

  private static int egressFor(List<Route> routes, IpAddress next) {
    int egress = -1;
    int longest = -1;
    for (Route route : routes) {
      if (route.type() == RouteType.DIRECT
          && route.prefix().contains(next.hi(), next.lo())
          && route.prefix().length() > longest) {
        egress = route.interfaceIndex();
        longest = route.prefix().length();
      }
    }
    return egress;
  }

  public RuntimeConfigBuilder discardRoute(String prefix) {
    return discardRoute("master", prefix);
  }

  public RuntimeConfigBuilder discardRoute(String instance, String prefix) {
    List<Route> routes = routesByInstance.get(routingInstanceIndex(instance));
    routes.add(new Route(routes.size() + 1, IpPrefix.parse(prefix), RouteType.DISCARD, -1, null));
    return this;
  }

  public RuntimeConfigBuilder rejectRoute(String prefix) {
    return rejectRoute("master", prefix);
  }

  public RuntimeConfigBuilder rejectRoute(String instance, String prefix) {
    List<Route> routes = routesByInstance.get(routingInstanceIndex(instance));
    routes.add(new Route(routes.size() + 1, IpPrefix.parse(prefix), RouteType.REJECT, -1, null));
    return this;
  }

  /** Adds a configured application (predefined ones are always there). */
  public RuntimeConfigBuilder application(
      String name, String applicationProtocol, ApplicationTerm... terms) {
    applications.add(
        new Application(nextApplicationId++, name, applicationProtocol, List.of(terms)));
    return this;
  }

  /**
   * A zone-pair policy ({@code fromZone} and {@code toZone} non-null) or a global one (either null:
   * any zone on that side; a named side still restricts it); ids follow the SRX habit of starting
   * user policies at 4. Application names may be predefined or configured; an empty list is {@code
   * any}.
   */
  public RuntimeConfigBuilder policy(
      String name,
      String fromZone,
      String toZone,
      List<String> sources,
      List<String> destinations,
      List<String> applicationNames,
      PolicyAction action) {
    return policy(
        name,
        fromZone,
        toZone,
        AddressMatch.of(sources),
        AddressMatch.of(destinations),
        applicationNames,
        action,
        false,
        false);
  }

  public RuntimeConfigBuilder policy(
      String name,
      String fromZone,
      String toZone,
      AddressMatch source,
      AddressMatch destination,
      List<String> applicationNames,
      PolicyAction action,
      boolean logInit,
      boolean logClose) {
    boolean global = fromZone == null || toZone == null; // a zone-pair policy names both zones
    return policy(
        name,
        fromZone == null ? List.of() : List.of(fromZone),
        toZone == null ? List.of() : List.of(toZone),
        global,
        source,
        destination,
        applicationNames,
        action,
        logInit,
        logClose,
        false);
  }

  /**
   * The general form: a zone-pair policy (one zone on each side, {@code global} false) or a global
   * one whose zone lists restrict it (empty: any zone). Ids count up from 4 in the order added.
   */
  public RuntimeConfigBuilder policy(
      String name,
      List<String> fromZones,
      List<String> toZones,
      boolean global,
      AddressMatch source,
      AddressMatch destination,
      List<String> applicationNames,
      PolicyAction action,
      boolean logInit,
      boolean logClose,
      boolean count) {
    if (!global && (fromZones.size() != 1 || toZones.size() != 1)) {
      throw new IllegalArgumentException("a zone-pair policy names one from-zone and one to-zone");
    }
    long id = 4 + policies.size();
    int[] from = fromZones.stream().mapToInt(this::zoneIndex).toArray();
    int[] to = toZones.stream().mapToInt(this::zoneIndex).toArray();
    pendingApplications.add(List.copyOf(applicationNames));
    pendingDynamicApplications.add(List.of());
    policies.add(
        new SecurityPolicy(
            id,
            name,
            from,
            to,
            global,
            source,
            destination,
            new int[0],
            action,
            logInit,
            logClose,
            count));
    return this;
  }

  /**
   * Sets the {@code match dynamic-application} names of the policy added last (names, groups,
   * {@code any} or {@code none}); they are resolved against the generation's application catalog at
   * {@link #build}, which throws IllegalArgumentException for a name it lacks.
   */
  public RuntimeConfigBuilder dynamicApplications(List<String> names) {
    if (policies.isEmpty()) {
      throw new IllegalStateException("no policy to set dynamic-application on");
    }
    pendingDynamicApplications.set(pendingDynamicApplications.size() - 1, List.copyOf(names));
    return this;
  }

  /**
   * {@code services application-identification application-group}: the user-defined groups a
   * policy's {@code dynamic-application} may name (docs/adr/0044).
   */
  public RuntimeConfigBuilder applicationGroups(
      org.flowgate.dataplane.policy.ApplicationGroups groups) {
    this.applicationGroups = groups;
    return this;
  }

  /** {@code security policies pre-id-default-policy then ...}. */
  public RuntimeConfigBuilder preIdDefaultPolicy(
      org.flowgate.dataplane.policy.PreIdDefaultPolicy policy) {
    this.preIdDefaultPolicy = policy;
    return this;
  }

  public RuntimeConfigBuilder defaultPolicy(PolicyAction action) {
    this.defaultAction = action;
    return this;
  }

  public RuntimeConfigBuilder settings(FlowSettings flowSettings) {
    this.settings = flowSettings;
    return this;
  }

  public RuntimeConfigBuilder ingress(IngressMap map) {
    this.ingress = map;
    return this;
  }

  public RuntimeConfigBuilder nat(NatConfig natConfig) {
    this.nat = natConfig;
    return this;
  }

  /** The ids-options and the zones that apply them (zone indexes as added here). */
  /** {@code services application-identification}: limits, cache, custom applications. */
  public RuntimeConfigBuilder applicationIdentification(AppIdSettings appId) {
    this.applicationIdentification = appId;
    return this;
  }

  public RuntimeConfigBuilder screens(ScreenConfig screenConfig) {
    this.screens = screenConfig;
    return this;
  }

  public RuntimeConfigBuilder maximumSessions(long maximum) {
    this.maximumSessions = maximum;
    return this;
  }

  public RuntimeConfig build() {
    List<RoutingInstance> instances = new ArrayList<>();
    for (int r = 0; r < instanceNames.size(); r++) {
      List<Route> routes = routesByInstance.get(r);
      RouteTable table = new RouteTable();
      for (int i = 0; i < routes.size(); i++) {
        table.add(routes.get(i).prefix(), i);
      }
      instances.add(new RoutingInstance(r, instanceNames.get(r), List.copyOf(routes), table));
    }
    List<Application> apps = List.copyOf(applications);
    List<SecurityPolicy> resolved = new ArrayList<>();
    for (int i = 0; i < policies.size(); i++) {
      SecurityPolicy p = policies.get(i);
      int[] indexes =
          pendingApplications.get(i).stream()
              .mapToInt(
                  name -> {
                    for (int a = 0; a < apps.size(); a++) {
                      if (apps.get(a).name().equals(name)) {
                        return a;
                      }
                    }
                    throw new IllegalArgumentException("no application " + name);
                  })
              .toArray();
      resolved.add(
          new SecurityPolicy(
              p.id(),
              p.name(),
              p.fromZones(),
              p.toZones(),
              p.global(),
              p.source(),
              p.destination(),
              indexes,
              p.action(),
              p.logInit(),
              p.logClose(),
              p.count(),
              org.flowgate.dataplane.policy.DynamicApplicationMatch.resolve(
                  pendingDynamicApplications.get(i),
                  applicationIdentification.catalog(),
                  applicationGroups)));
    }
    return new RuntimeConfig(
        generation,
        hostName,
        List.copyOf(interfaces),
        List.copyOf(zones),
        List.copyOf(instances),
        apps,
        PolicyTable.of(defaultAction, resolved, zones.size(), apps, preIdDefaultPolicy),
        settings,
        ingress,
        maximumSessions,
        nat,
        screens,
        applicationIdentification,
        alg);
  }

  private static IpPrefix network(IpPrefix prefix) {
    IpAddress a = prefix.address();
    if (a.isIpv4()) {
      int mask = prefix.length() == 0 ? 0 : -1 << (32 - prefix.length());
      return new IpPrefix(IpAddress.ofIpv4(a.ipv4() & mask), prefix.length());
    }
    int length = prefix.length();
    long hiMask = length >= 64 ? -1L : (length == 0 ? 0 : -1L << (64 - length));
    long loMask = length <= 64 ? 0 : -1L << (128 - length);
    return new IpPrefix(new IpAddress(a.hi() & hiMask, a.lo() & loMask), length);
  }
}
