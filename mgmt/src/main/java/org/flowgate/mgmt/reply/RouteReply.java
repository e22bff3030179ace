package org.flowgate.mgmt.reply;

import java.util.List;

/**
 * {@code show route [PREFIX]}: each routing table of each routing instance (IPv4, then IPv6) and
 * its routes, as the running generation holds them.
 */
public record RouteReply(List<Table> tables) implements ViewReply {
  public RouteReply {
    tables = List.copyOf(tables);
  }

  /**
   * One table ({@code inet.0}, {@code inet6.0}, {@code NAME.inet.0}); its counts are of the whole
   * table even when a prefix selects some of its destinations, as Junos counts them.
   */
  public record Table(
      String name,
      int destinationCount,
      int routeCount,
      int activeCount,
      int holddownCount,
      int hiddenCount,
      List<Destination> destinations) {
    public Table {
      destinations = List.copyOf(destinations);
    }
  }

  /** A destination prefix and its routes, the active one first. */
  public record Destination(String prefix, List<Entry> entries) {
    public Destination {
      entries = List.copyOf(entries);
    }
  }

  /**
   * One route.
   *
   * @param protocol {@code Direct}, {@code Local}, {@code Static}
   * @param ageSeconds seconds since the route was installed, -1 when the engine cannot tell
   */
  public record Entry(
      boolean active, String protocol, int preference, long ageSeconds, NextHop nextHop) {}

  /** Where a route leads. */
  public sealed interface NextHop {
    /** {@code > to GW via IF} or {@code > via IF}; gateway null for a direct route. */
    record Forward(String gateway, String interfaceName) implements NextHop {}

    /** {@code Local via IF}: an address of the device. */
    record Local(String interfaceName) implements NextHop {}

    /** {@code Discard} or {@code Reject}. */
    record Drop(String type) implements NextHop {}
  }
}
