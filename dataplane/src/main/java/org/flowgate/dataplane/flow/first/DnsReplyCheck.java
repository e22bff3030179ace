package org.flowgate.dataplane.flow.first;

import org.flowgate.dataplane.flow.FirstPacket;
import org.flowgate.dataplane.net.IpProtocol;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.packet.PacketParser;
import org.flowgate.dataplane.runtime.RuntimeConfig;

/**
 * A DNS response as a first packet (Junos {@code security flow allow-dns-reply}): a UDP first
 * packet to port 53 whose DNS header has QR = 1 makes no session unless {@code allow-dns-reply} is
 * set. Junos checks the destination port only; a response from port 53 to a client's port is not
 * checked, and neither is a fragment after the first (it has no DNS header).
 *
 * <p>Thread: owned by its SPU's thread.
 */
final class DnsReplyCheck implements FirstPathStage {
  private boolean allowDnsReply;

  @Override
  public void install(RuntimeConfig generation) {
    allowDnsReply = generation.settings().allowDnsReply();
  }

  @Override
  public DropReason apply(FirstPacket first) {
    PacketDescriptor packet = first.packet;
    if (packet.dnsResponse
        && packet.protocol == IpProtocol.UDP
        && packet.destinationPort == PacketParser.DNS_PORT
        && !allowDnsReply) {
      return DropReason.DNS_REPLY_WITHOUT_REQUEST;
    }
    return null;
  }
}
