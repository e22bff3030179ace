package org.flowgate.dataplane.flow.first;

import org.flowgate.dataplane.flow.FirstPacket;
import org.flowgate.dataplane.net.IpProtocol;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.runtime.RuntimeConfig;

/**
 * Traffic to the device itself needs its ingress zone's {@code host-inbound-traffic} (system
 * services and protocols); what it does not allow is dropped before any policy.
 *
 * <p>Thread: owned by its SPU's thread.
 */
final class HostInboundCheck implements FirstPathStage {
  private RuntimeConfig config;

  @Override
  public void install(RuntimeConfig generation) {
    config = generation;
  }

  @Override
  public DropReason apply(FirstPacket first) {
    if (!first.toSelf || first.fromZone < 0) {
      return null; // transit traffic, or from the firewall itself
    }
    PacketDescriptor packet = first.packet;
    if (packet.protocol == IpProtocol.ICMPV6 && neighbourDiscoveryOrMld(packet.icmpType)) {
      return null; // IPv6 cannot work without them: never subject to host-inbound-traffic
    }
    int port = IpProtocol.isIcmp(packet.protocol) ? 0 : packet.destinationPort;
    return config
            .zones()
            .get(first.fromZone)
            .allowsHostInbound(packet.protocol, port, packet.icmpType)
        ? null
        : DropReason.HOST_INBOUND_DENIED;
  }

  /** Router/neighbour solicitation and advertisement, redirect, MLD query/report/done/v2 report. */
  private static boolean neighbourDiscoveryOrMld(int icmpType) {
    return (icmpType >= 133 && icmpType <= 137)
        || (icmpType >= 130 && icmpType <= 132)
        || icmpType == 143;
  }
}
