package org.flowgate.dataplane.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.policy.PolicyAction;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.runtime.RuntimeConfigBuilder;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;

/**
 * Multicast is not routed (issue 10.16): beyond the link it is dropped; on the link it is the
 * device's own, and the ingress zone's host-inbound-traffic decides it, as for the device's
 * addresses. IPv6 neighbour discovery and MLD always reach the device.
 */
class MulticastTest {
  private static RuntimeConfig config(Set<String> trustServices) {
    return new RuntimeConfigBuilder()
        .zone("trust", trustServices, Set.of())
        .zone("untrust")
        .interfaceIn("trust", "ge-0/0/1.0", "192.168.1.1/24", "2001:db8:1::1/64")
        .interfaceIn("untrust", "ge-0/0/0.0", "203.0.113.1/24", "2001:db8::1/64")
        .staticRoute("0.0.0.0/0", "203.0.113.254")
        .staticRoute("::/0", "2001:db8::fe")
        .policy("out", "trust", "untrust", List.of(), List.of(), List.of(), PolicyAction.PERMIT)
        .build();
  }

  @Test
  void multicastBeyondTheLinkIsDroppedNotSentToTheDefaultRoute() {
    FlowHarness flow = new FlowHarness(config(Set.of()), 64);
    byte[] ssdp = PacketBuilder.ipv4("192.168.1.10", "239.255.255.250").udp(50000, 1900).ethernet();

    assertThat(flow.send(0, ssdp)).isEqualTo(DropReason.NO_MULTICAST_ROUTE);
    assertThat(flow.sessions()).isEmpty();
  }

  @Test
  void linkLocalMulticastIsForTheDeviceAndNeedsHostInboundTraffic() {
    byte[] mdns = PacketBuilder.ipv4("192.168.1.10", "224.0.0.251").udp(5353, 5353).ethernet();
    byte[] dhcpDiscover =
        PacketBuilder.ipv4("192.168.1.10", "255.255.255.255").udp(68, 67).ethernet();

    FlowHarness closed = new FlowHarness(config(Set.of()), 64);
    assertThat(closed.send(0, mdns)).isEqualTo(DropReason.HOST_INBOUND_DENIED);

    FlowHarness dhcp = new FlowHarness(config(Set.of("dhcp")), 64);
    assertThat(dhcp.send(0, dhcpDiscover)).as("the limited broadcast is the device's").isNull();
    assertThat(dhcp.only().reverse().interfaceName()).isEqualTo(".local..0");
    assertThat(dhcp.only().policyName()).isEqualTo("self-traffic-policy");
    assertThat(dhcp.send(1, mdns)).isEqualTo(DropReason.HOST_INBOUND_DENIED);
  }

  @Test
  void neighbourDiscoveryAlwaysReachesTheDevice() {
    FlowHarness flow = new FlowHarness(config(Set.of()), 64);
    byte[] solicitation =
        PacketBuilder.ipv6("2001:db8:1::10", "ff02::1:ff00:1")
            .protocol(PacketBuilder.PROTOCOL_ICMPV6)
            .payload(new byte[] {(byte) 135, 0, 0, 0, 0, 0, 0, 0})
            .ethernet();

    assertThat(flow.send(0, solicitation)).isNull();
    assertThat(flow.only().reverse().interfaceName()).isEqualTo(".local..0");
  }
}
