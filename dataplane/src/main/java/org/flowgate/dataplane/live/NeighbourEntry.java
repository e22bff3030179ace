package org.flowgate.dataplane.live;

import org.flowgate.dataplane.net.IpAddress;

/**
 * One neighbour as {@code show arp} and {@code show ipv6 neighbors} list it: a copy the host thread
 * made.
 *
 * @param interfaceName the firewall interface ({@code ge-0/0/0.0})
 * @param mac the Ethernet address in the low 48 bits, -1 while unresolved
 * @param state {@code incomplete}, {@code reachable}, {@code stale}, {@code delay} or {@code probe}
 * @param expiresInSeconds seconds until the entry changes state or goes
 * @param router the neighbour said it is a router (IPv6 neighbour advertisement R flag)
 */
public record NeighbourEntry(
    String interfaceName,
    IpAddress address,
    long mac,
    String state,
    long expiresInSeconds,
    boolean router) {}
