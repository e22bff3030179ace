package org.flowgate.dataplane.route;

/** What a route does with a packet, as {@code show route} distinguishes them. */
public enum RouteType {
  /** A subnet of one of the firewall's interfaces: the destination itself is the gateway. */
  DIRECT,
  /** One of the firewall's own addresses. */
  LOCAL,
  /** A static route with a next hop. */
  STATIC,
  /** Drops silently. */
  DISCARD,
  /** Drops and answers with ICMP unreachable. */
  REJECT
}
