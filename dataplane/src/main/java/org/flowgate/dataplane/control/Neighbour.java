package org.flowgate.dataplane.control;

import org.flowgate.dataplane.net.IpAddress;

/**
 * A neighbour of a live interface, as {@code show arp} and {@code show ipv6 neighbors} print it: a
 * copy.
 *
 * @param interfaceName the firewall interface ({@code ge-0/0/0.0})
 * @param mac the Ethernet address in the low 48 bits, -1 while unresolved
 * @param state {@code incomplete}, {@code reachable}, {@code stale}, {@code delay} or {@code probe}
 * @param expiresInSeconds seconds until the entry changes state or goes
 * @param router the neighbour said it is a router (IPv6)
 */
public record Neighbour(
    String interfaceName,
    IpAddress address,
    long mac,
    String state,
    long expiresInSeconds,
    boolean router) {}
