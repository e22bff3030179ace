package org.flowgate.dataplane.control;

import org.flowgate.dataplane.net.IpAddress;

/**
 * One port block a host holds ({@code show security nat source port-block}, docs/adr/0038).
 *
 * @param pool index of its pool in the generation's source pools
 * @param host the internal host holding it
 * @param address the pool address its ports are on (the reflexive address)
 * @param lowPort first port of the block
 * @param highPort last port of the block
 * @param portsUsed ports of the block sessions hold now
 * @param active whether the host's new sessions take their ports from it
 * @param leftSeconds seconds the active block stays active under {@code active-block-timeout}; -1
 *     without one (or for an inactive block)
 */
public record PortBlock(
    int pool,
    IpAddress host,
    IpAddress address,
    int lowPort,
    int highPort,
    int portsUsed,
    boolean active,
    long leftSeconds) {}
