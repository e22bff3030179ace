package org.flowgate.dataplane.zone;

import java.util.Set;

/**
 * A security zone.
 *
 * @param id the zone id; a wing's session token carries it in its low byte
 * @param hostInboundServices {@code host-inbound-traffic system-services} (ssh, ping, ... or all)
 * @param hostInboundProtocols {@code host-inbound-traffic protocols} (bgp, ospf, ... or all)
 */
public record Zone(
    int id, String name, Set<String> hostInboundServices, Set<String> hostInboundProtocols) {
  /**
   * The zone every SRX predefines for the device itself: policies {@code to-zone junos-host} decide
   * traffic to the firewall's own addresses. It has no interfaces.
   */
  public static final String JUNOS_HOST = "junos-host";

  /**
   * The id of {@code junos-host}: 2 in every real {@code show security zones}, and the session
   * token of every real {@code .local..0} wing (a branch SRX's XML reply).
   */
  public static final int JUNOS_HOST_ID = 2;

  /**
   * The id of the first zone the user configures: the ids below are the device's own zones; the
   * session tokens of real replies carry user zones 6 to 9, never lower (docs/adr/0021).
   */
  public static final int FIRST_USER_ZONE_ID = 6;

  public Zone {
    hostInboundServices = Set.copyOf(hostInboundServices);
    hostInboundProtocols = Set.copyOf(hostInboundProtocols);
  }

  public Zone(int id, String name) {
    this(id, name, Set.of(), Set.of());
  }

  /**
   * True when the zone lets this first packet reach the firewall itself. Services and protocols are
   * matched by their well-known ports and protocol numbers.
   */
  public boolean allowsHostInbound(int protocol, int destinationPort, int icmpType) {
    if (hostInboundServices.contains("all") || hostInboundServices.contains("any-service")) {
      return true;
    }
    for (String service : hostInboundServices) {
      if (HostInboundServices.matches(service, protocol, destinationPort, icmpType)) {
        return true;
      }
    }
    if (hostInboundProtocols.contains("all")) {
      return true;
    }
    for (String routing : hostInboundProtocols) {
      if (HostInboundServices.matchesProtocol(routing, protocol, destinationPort)) {
        return true;
      }
    }
    return false;
  }
}
