package org.flowgate.dataplane.zone;

import java.util.List;
import org.flowgate.dataplane.net.IpPrefix;

/**
 * A logical interface of the firewall ({@code ge-0/0/0.0}).
 *
 * @param index position in {@code RuntimeConfig.interfaces()}
 * @param zone index into {@code RuntimeConfig.zones()}, -1 when in no zone
 * @param routingInstance index into {@code RuntimeConfig.routingInstances()}
 * @param addresses the interface's own addresses with their subnet lengths
 */
public record FirewallInterface(
    int index, String name, int zone, int routingInstance, List<IpPrefix> addresses) {}
