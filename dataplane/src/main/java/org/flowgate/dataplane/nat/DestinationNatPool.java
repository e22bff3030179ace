package org.flowgate.dataplane.nat;

/**
 * {@code security nat destination pool NAME { address A [port N] | address A to B; }}.
 *
 * @param id 1-based, in configuration order
 * @param port the translated destination port, 0 to keep the packet's
 * @param routingInstance index of the pool's routing instance (0 by default)
 */
public record DestinationNatPool(
    int id, String name, NatAddressRange addresses, int port, int routingInstance) {}
