package org.flowgate.dataplane.control;

import java.util.HashMap;
import java.util.Map;
import org.flowgate.dataplane.route.Route;
import org.flowgate.dataplane.route.RoutingInstance;
import org.flowgate.dataplane.runtime.RuntimeConfig;

/**
 * When each route of the running generation was installed, on the engine's clock (capture time in a
 * replay, the receive clock live; never the host's), so that {@code show route} prints a route's
 * age ({@code *[Static/5] 00:01:23}) the same on any host and for any number of SPUs. A route keeps
 * its time across commits that leave it as it was; one that a commit adds or changes (its prefix,
 * kind, gateway or interface) starts again at that commit, as a Junos route does. The first
 * generation's routes date from the engine's start: the first packet's time.
 *
 * <pre>
 *   key  = instance | prefix | kind | gateway | interface name     (interface indexes may move)
 *   age  = now - installed,   installed = AT_START ─► now - the clock's start
 * </pre>
 *
 * <p>Thread: immutable; {@link FlowEngine} replaces it on each commit.
 */
public final class RouteAges {
  private static final long AT_START = Long.MIN_VALUE;

  private final Map<String, Long> installedNs;

  private RouteAges(Map<String, Long> installedNs) {
    this.installedNs = Map.copyOf(installedNs);
  }

  /** Every route of the first generation, installed when the engine started. */
  static RouteAges initial(RuntimeConfig config) {
    Map<String, Long> times = new HashMap<>();
    for (RoutingInstance instance : config.routingInstances()) {
      for (Route route : instance.routes()) {
        times.put(key(config, instance, route), AT_START);
      }
    }
    return new RouteAges(times);
  }

  /**
   * The routes of {@code next}: those {@code this} already has keep their time, the others are
   * installed at {@code nowNs} ({@link #AT_START} when the clock has not started: no packet yet).
   */
  RouteAges next(RuntimeConfig next, long nowNs) {
    Map<String, Long> times = new HashMap<>();
    for (RoutingInstance instance : next.routingInstances()) {
      for (Route route : instance.routes()) {
        String key = key(next, instance, route);
        times.put(key, installedNs.getOrDefault(key, nowNs));
      }
    }
    return new RouteAges(times);
  }

  /**
   * The age in whole seconds of {@code route} of {@code config} at {@code time}, or -1 when this
   * does not know the route (a generation other than the one these times were made for).
   */
  public long ageSeconds(RuntimeConfig config, RoutingInstance instance, Route route, Time time) {
    Long installed = installedNs.get(key(config, instance, route));
    if (installed == null) {
      return -1;
    }
    long since = installed == AT_START ? time.startNs() : installed;
    return Math.max(0, time.nowNs() - since) / 1_000_000_000L;
  }

  private static String key(RuntimeConfig config, RoutingInstance instance, Route route) {
    String via =
        route.interfaceIndex() >= 0 ? config.interfaceAt(route.interfaceIndex()).name() : "";
    return instance.name()
        + '|'
        + route.prefix()
        + '|'
        + route.type()
        + '|'
        + route.gateway()
        + '|'
        + via;
  }

  /**
   * The engine's clock: where it started and where it stands; both equal before the first packet.
   */
  public record Time(long startNs, long nowNs) {}
}
