package org.flowgate.dataplane.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import org.flowgate.dataplane.alg.Alg;
import org.flowgate.dataplane.alg.AlgSettings;
import org.flowgate.dataplane.appid.AppIdSettings;
import org.flowgate.dataplane.application.Application;
import org.flowgate.dataplane.appqos.ApplicationServices;
import org.flowgate.dataplane.nat.NatConfig;
import org.flowgate.dataplane.policy.PolicyTable;
import org.flowgate.dataplane.route.RoutingInstance;
import org.flowgate.dataplane.screen.ScreenConfig;
import org.flowgate.dataplane.zone.FirewallInterface;
import org.flowgate.dataplane.zone.IngressMap;
import org.flowgate.dataplane.zone.Zone;

/**
 * One compiled configuration generation: everything the first path consults. Immutable; a commit
 * installs a new generation atomically and SPUs pick it up between packets.
 *
 * @param generation commit number: 1 for the first configuration, and one more for each commit the
 *     engine installs after it ({@code FlowEngine.commit}, a replay's timed commits)
 * @param hostName {@code system host-name}
 * @param applications predefined and configured applications; sessions and policies refer to them
 *     by index
 * @param maximumSessions the most sessions the whole table holds (split over the SPUs)
 * @param nat source, destination and static NAT
 * @param screens the ids-options and the zones that apply them
 * @param applicationIdentification {@code services application-identification}: inspection limits,
 *     the application system cache, custom applications (docs/adr/0014, 0023)
 * @param alg {@code security alg}: which application layer gateways are on, and their knobs
 * @param applicationServices application traffic control (AppQoS) and application tracking
 *     (AppTrack), docs/adr/0034
 */
public record RuntimeConfig(
    long generation,
    String hostName,
    List<FirewallInterface> interfaces,
    List<Zone> zones,
    List<RoutingInstance> routingInstances,
    List<Application> applications,
    PolicyTable policies,
    FlowSettings settings,
    IngressMap ingress,
    long maximumSessions,
    NatConfig nat,
    ScreenConfig screens,
    AppIdSettings applicationIdentification,
    AlgSettings alg,
    ApplicationServices applicationServices) {

  /** A generation without application traffic control or application tracking. */
  public RuntimeConfig(
      long generation,
      String hostName,
      List<FirewallInterface> interfaces,
      List<Zone> zones,
      List<RoutingInstance> routingInstances,
      List<Application> applications,
      PolicyTable policies,
      FlowSettings settings,
      IngressMap ingress,
      long maximumSessions,
      NatConfig nat,
      ScreenConfig screens,
      AppIdSettings applicationIdentification,
      AlgSettings alg) {
    this(
        generation,
        hostName,
        interfaces,
        zones,
        routingInstances,
        applications,
        policies,
        settings,
        ingress,
        maximumSessions,
        nat,
        screens,
        applicationIdentification,
        alg,
        ApplicationServices.NONE);
  }

  /** A generation with application identification's defaults. */
  public RuntimeConfig(
      long generation,
      String hostName,
      List<FirewallInterface> interfaces,
      List<Zone> zones,
      List<RoutingInstance> routingInstances,
      List<Application> applications,
      PolicyTable policies,
      FlowSettings settings,
      IngressMap ingress,
      long maximumSessions,
      NatConfig nat,
      ScreenConfig screens) {
    this(
        generation,
        hostName,
        interfaces,
        zones,
        routingInstances,
        applications,
        policies,
        settings,
        ingress,
        maximumSessions,
        nat,
        screens,
        AppIdSettings.defaults(),
        AlgSettings.junosDefaults());
  }

  /** A generation without screens, with the ALGs as Junos has them when nothing is configured. */
  public RuntimeConfig(
      long generation,
      String hostName,
      List<FirewallInterface> interfaces,
      List<Zone> zones,
      List<RoutingInstance> routingInstances,
      List<Application> applications,
      PolicyTable policies,
      FlowSettings settings,
      IngressMap ingress,
      long maximumSessions,
      NatConfig nat) {
    this(
        generation,
        hostName,
        interfaces,
        zones,
        routingInstances,
        applications,
        policies,
        settings,
        ingress,
        maximumSessions,
        nat,
        ScreenConfig.NONE,
        AppIdSettings.defaults(),
        AlgSettings.junosDefaults());
  }

  /** The name shown for a wing that terminates on the firewall itself. */
  public static final String LOCAL_INTERFACE = ".local..0";

  public FirewallInterface interfaceAt(int index) {
    return interfaces.get(index);
  }

  /**
   * The zone index of the interface at {@code index}; -1 for the device itself and for indexes this
   * generation has no interface at (or an interface in no zone).
   */
  public int zoneOf(int index) {
    return index >= 0 && index < interfaces.size() ? interfaces.get(index).zone() : -1;
  }

  /** The index of the zone with this name, or -1. */
  public int zoneIndex(String name) {
    for (int i = 0; i < zones.size(); i++) {
      if (zones.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The interface with this name, or null. */
  public FirewallInterface interfaceNamed(String name) {
    for (FirewallInterface candidate : interfaces) {
      if (candidate.name().equals(name)) {
        return candidate;
      }
    }
    return null;
  }

  /** The index of the application with this name, or -1. */
  public int applicationIndex(String name) {
    for (int i = 0; i < applications.size(); i++) {
      if (applications.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The same generation under another commit number. */
  public RuntimeConfig withGeneration(long number) {
    return new RuntimeConfig(
        number,
        hostName,
        interfaces,
        zones,
        routingInstances,
        applications,
        policies,
        settings,
        ingress,
        maximumSessions,
        nat,
        screens,
        applicationIdentification,
        alg,
        applicationServices);
  }

  public RuntimeConfig withSettings(FlowSettings newSettings) {
    return new RuntimeConfig(
        generation,
        hostName,
        interfaces,
        zones,
        routingInstances,
        applications,
        policies,
        newSettings,
        ingress,
        maximumSessions,
        nat,
        screens,
        applicationIdentification,
        alg,
        applicationServices);
  }

  public RuntimeConfig withIngress(IngressMap newIngress) {
    return new RuntimeConfig(
        generation,
        hostName,
        interfaces,
        zones,
        routingInstances,
        applications,
        policies,
        settings,
        newIngress,
        maximumSessions,
        nat,
        screens,
        applicationIdentification,
        alg,
        applicationServices);
  }

  public RuntimeConfig withMaximumSessions(long newMaximum) {
    return new RuntimeConfig(
        generation,
        hostName,
        interfaces,
        zones,
        routingInstances,
        applications,
        policies,
        settings,
        ingress,
        newMaximum,
        nat,
        screens,
        applicationIdentification,
        alg,
        applicationServices);
  }

  public RuntimeConfig withPolicies(PolicyTable newPolicies) {
    return new RuntimeConfig(
        generation,
        hostName,
        interfaces,
        zones,
        routingInstances,
        applications,
        newPolicies,
        settings,
        ingress,
        maximumSessions,
        nat,
        screens,
        applicationIdentification,
        alg,
        applicationServices);
  }

  public RuntimeConfig withNat(NatConfig newNat) {
    return new RuntimeConfig(
        generation,
        hostName,
        interfaces,
        zones,
        routingInstances,
        applications,
        policies,
        settings,
        ingress,
        maximumSessions,
        newNat,
        screens,
        applicationIdentification,
        alg,
        applicationServices);
  }

  public RuntimeConfig withScreens(ScreenConfig newScreens) {
    return new RuntimeConfig(
        generation,
        hostName,
        interfaces,
        zones,
        routingInstances,
        applications,
        policies,
        settings,
        ingress,
        maximumSessions,
        nat,
        newScreens,
        applicationIdentification,
        alg,
        applicationServices);
  }

  public RuntimeConfig withApplicationIdentification(AppIdSettings newApplicationIdentification) {
    return new RuntimeConfig(
        generation,
        hostName,
        interfaces,
        zones,
        routingInstances,
        applications,
        policies,
        settings,
        ingress,
        maximumSessions,
        nat,
        screens,
        newApplicationIdentification,
        alg,
        applicationServices);
  }

  public RuntimeConfig withAlg(AlgSettings newAlg) {
    return new RuntimeConfig(
        generation,
        hostName,
        interfaces,
        zones,
        routingInstances,
        applications,
        policies,
        settings,
        ingress,
        maximumSessions,
        nat,
        screens,
        applicationIdentification,
        newAlg,
        applicationServices);
  }

  public RuntimeConfig withApplicationServices(ApplicationServices newApplicationServices) {
    return new RuntimeConfig(
        generation,
        hostName,
        interfaces,
        zones,
        routingInstances,
        applications,
        policies,
        settings,
        ingress,
        maximumSessions,
        nat,
        screens,
        applicationIdentification,
        alg,
        newApplicationServices);
  }

  /**
   * {@code show security alg status}: each ALG's status name, in Junos's order, and whether it is
   * on in this generation.
   */
  public SequencedMap<String, Boolean> algStatus() {
    LinkedHashMap<String, Boolean> status = new LinkedHashMap<>();
    for (Alg a : Alg.values()) {
      status.put(a.statusName(), alg.isEnabled(a));
    }
    return status;
  }
}
