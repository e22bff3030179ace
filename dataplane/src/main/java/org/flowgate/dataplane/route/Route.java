package org.flowgate.dataplane.route;

import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.dataplane.net.IpPrefix;

/**
 * One route of a routing instance.
 *
 * @param id the next-hop id; sessions show it as {@code Route: 0x<id>0010}
 * @param interfaceIndex egress interface, -1 for discard and reject
 * @param gateway next-hop address, null for direct, local, discard and reject routes
 */
public record Route(
    int id, IpPrefix prefix, RouteType type, int interfaceIndex, IpAddress gateway) {
  /** The internal next-hop value sessions show in their {@code Route} field. */
  public long displayValue() {
    return ((long) id << 16) | 0x10;
  }
}
