package org.flowgate.dataplane.flow.first;

import org.flowgate.dataplane.flow.FirstPacket;
import org.flowgate.dataplane.flow.SessionView;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.route.Route;
import org.flowgate.dataplane.route.RouteType;
import org.flowgate.dataplane.runtime.RuntimeConfig;

/**
 * Route lookup for the (translated) destination in the ingress routing instance: the egress
 * interface, or the device itself for a local route; no route, a discard or a reject route drops
 * the packet. Multicast is not routed (Flowgate has no multicast routing, as an SRX without PIM):
 * link-scope multicast and the limited broadcast are the device's own, and host-inbound-traffic
 * decides them; multicast beyond the link is dropped.
 *
 * <p>Thread: owned by its SPU's thread.
 */
final class RouteLookup implements FirstPathStage {
  private RuntimeConfig config;

  @Override
  public void install(RuntimeConfig generation) {
    config = generation;
  }

  @Override
  public DropReason apply(FirstPacket first) {
    if (IpAddress.isLinkScopeMulticast(first.destinationHi, first.destinationLo)) {
      first.toSelf = true; // it never leaves the link: for the device, as host-inbound traffic
      first.egress = SessionView.LOCAL_INTERFACE;
      return null;
    }
    if (IpAddress.isMulticast(first.destinationHi, first.destinationLo)) {
      return DropReason.NO_MULTICAST_ROUTE;
    }
    Route route =
        config
            .routingInstances()
            .get(first.routingInstance)
            .lookup(first.destinationHi, first.destinationLo);
    if (route == null) {
      return DropReason.NO_ROUTE;
    }
    if (route.type() == RouteType.DISCARD || route.type() == RouteType.REJECT) {
      return DropReason.ROUTE_DISCARD;
    }
    first.toSelf = route.type() == RouteType.LOCAL;
    first.egress = first.toSelf ? SessionView.LOCAL_INTERFACE : route.interfaceIndex();
    return null;
  }
}
