package org.flowgate.dataplane.route;

import java.util.List;

/**
 * A routing instance ({@code inet.0} is the master instance, index 0). Its index is the lookup part
 * of every session token of wings that live in it.
 */
public record RoutingInstance(int index, String name, List<Route> routes, RouteTable table) {
  /** The route for the address, or null when nothing matches. */
  public Route lookup(long hi, long lo) {
    int found = table.lookup(hi, lo);
    return found < 0 ? null : routes.get(found);
  }
}
