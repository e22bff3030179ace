package org.flowgate.dataplane.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.util.List;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.dataplane.net.IpProtocol;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.packet.PacketParser;
import org.flowgate.dataplane.packet.TcpFlags;
import org.flowgate.dataplane.packet.Wire;
import org.flowgate.dataplane.policy.PolicyAction;
import org.flowgate.dataplane.runtime.FlowSettings;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.runtime.RuntimeConfigBuilder;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;

/**
 * A {@code reject} policy answers: TCP with a RST, UDP with an ICMP port unreachable, other
 * protocols with nothing (reference §6.2). The answers are read back as packets: decoded, their
 * fields compared, their checksums summed.
 */
class RejectAnswersTest {
  private static final String CLIENT = "10.0.1.10";
  private static final String SERVER = "198.51.100.7";

  private static RuntimeConfig rejectingEverything(FlowSettings settings) {
    return new RuntimeConfigBuilder()
        .zone("trust")
        .zone("untrust")
        .interfaceIn("trust", "ge-0/0/0.0", "10.0.1.1/24", "2001:db8:1::1/64")
        .interfaceIn("untrust", "ge-0/0/1.0", "198.51.100.1/24", "2001:db8:2::1/64")
        .policy("no", "trust", "untrust", List.of(), List.of(), List.of(), PolicyAction.REJECT)
        .settings(settings)
        .build();
  }

  private static FlowHarness harness() {
    return new FlowHarness(rejectingEverything(FlowSettings.junosDefaults()), 64);
  }

  @Test
  void aRejectedSynIsAnsweredWithRstAckFromTheServer() {
    FlowHarness flow = harness();
    byte[] syn =
        PacketBuilder.ipv4(CLIENT, SERVER).tcp(40000, 443, PacketBuilder.SYN, 1000, 0).ethernet();

    assertThat(flow.send(0, syn)).isEqualTo(DropReason.POLICY_REJECT);

    assertThat(flow.sent).hasSize(1);
    PacketDescriptor rst = decode(flow.sent.getFirst());
    assertThat(new IpAddress(rst.sourceHi, rst.sourceLo)).hasToString(SERVER);
    assertThat(new IpAddress(rst.destinationHi, rst.destinationLo)).hasToString(CLIENT);
    assertThat(rst.protocol).isEqualTo(IpProtocol.TCP);
    assertThat(rst.sourcePort).isEqualTo(443);
    assertThat(rst.destinationPort).isEqualTo(40000);
    assertThat(rst.tcpFlags).isEqualTo(TcpFlags.RST | TcpFlags.ACK);
    assertThat(rst.tcpSequence).isZero();
    assertThat(rst.tcpAcknowledgement).as("the SYN's sequence + 1").isEqualTo(1001);
    assertThat(rst.ttl).isEqualTo(64);
    assertChecksumsValid(rst);
    assertThat(macs(flow.sent.getFirst())).as("MAC addresses swapped").isEqualTo(swapped(syn));
    assertThat(flow.statistics().rejectResponsesSent()).isEqualTo(1);
  }

  @Test
  void aRejectedSegmentThatAcknowledgesGetsARstAtItsAcknowledgement() {
    FlowHarness flow =
        new FlowHarness(rejectingEverything(FlowSettings.junosDefaults().withSynCheck(false)), 64);
    byte[] midStream =
        PacketBuilder.ipv4(CLIENT, SERVER)
            .tcp(40000, 443, PacketBuilder.ACK | PacketBuilder.PSH, 5000, 777_000)
            .payload(new byte[100])
            .ethernet();

    flow.send(0, midStream);

    PacketDescriptor rst = decode(flow.sent.getFirst());
    assertThat(rst.tcpFlags).isEqualTo(TcpFlags.RST);
    assertThat(rst.tcpSequence).isEqualTo(777_000);
    assertChecksumsValid(rst);
  }

  @Test
  void aRejectedUdpDatagramIsAnsweredWithPortUnreachableQuotingIt() {
    FlowHarness flow = harness();
    byte[] datagram =
        PacketBuilder.ipv4(CLIENT, SERVER).udp(5353, 53).payload(new byte[40]).ethernet();

    assertThat(flow.send(0, datagram)).isEqualTo(DropReason.POLICY_REJECT);

    PacketDescriptor icmp = decode(flow.sent.getFirst());
    assertThat(icmp.protocol).isEqualTo(IpProtocol.ICMP);
    assertThat(icmp.icmpType).isEqualTo(3);
    assertThat(icmp.icmpCode).isEqualTo(3);
    assertThat(new IpAddress(icmp.destinationHi, icmp.destinationLo)).hasToString(CLIENT);
    assertThat(icmp.icmpError).as("decoded as an error quoting the datagram").isTrue();
    assertThat(icmp.quotedSourcePort).isEqualTo(5353);
    assertThat(icmp.quotedDestinationPort).isEqualTo(53);
    assertThat(icmp.ipLengthBytes).as("IP 20 + ICMP 8 + the whole datagram").isEqualTo(28 + 68);
    assertChecksumsValid(icmp);
  }

  @Test
  void anIpv6DatagramIsAnsweredWithIcmpv6PortUnreachable() {
    FlowHarness flow = harness();
    byte[] datagram =
        PacketBuilder.ipv6("2001:db8:1::10", "2001:db8:2::7").udp(5353, 53).ethernet();

    flow.send(0, datagram);

    PacketDescriptor icmp = decode(flow.sent.getFirst());
    assertThat(icmp.protocol).isEqualTo(IpProtocol.ICMPV6);
    assertThat(icmp.icmpType).isEqualTo(1);
    assertThat(icmp.icmpCode).isEqualTo(4);
    assertThat(new IpAddress(icmp.sourceHi, icmp.sourceLo)).hasToString("2001:db8:2::7");
    assertChecksumsValid(icmp);
  }

  @Test
  void aVlanTaggedPacketIsAnsweredOnItsVlan() {
    FlowHarness flow = harness();
    byte[] tagged =
        PacketBuilder.ipv4(CLIENT, SERVER).tcp(40000, 22, PacketBuilder.SYN, 1, 0).ethernet(12);

    flow.send(0, tagged);

    PacketDescriptor rst = decode(flow.sent.getFirst());
    assertThat(rst.vlanId).isEqualTo(12);
    assertChecksumsValid(rst);
  }

  @Test
  void otherProtocolsAreDroppedWithoutAnswer() {
    FlowHarness flow = harness();

    assertThat(flow.send(0, PacketBuilder.ipv4(CLIENT, SERVER).icmpEcho(true, 7, 1).ethernet()))
        .isEqualTo(DropReason.POLICY_REJECT);

    assertThat(flow.sent).isEmpty();
    assertThat(flow.statistics().rejectResponsesSent()).isZero();
  }

  // ------------------------------------------------------------------ reading the answers

  private static PacketDescriptor decode(byte[] frame) {
    PacketDescriptor packet = new PacketDescriptor();
    assertThat(
            PacketParser.parse(
                MemorySegment.ofArray(frame),
                0,
                frame.length,
                frame.length,
                LinkType.ETHERNET,
                packet))
        .as("the answer decodes")
        .isNull();
    return packet;
  }

  /** Every checksum of the answer sums to 0xffff, as a receiver checks it. */
  private static void assertChecksumsValid(PacketDescriptor p) {
    MemorySegment s = p.segment;
    int l4Bytes = (int) (p.l3Offset + p.ipLengthBytes - p.l4Offset);
    if (p.ipVersion == 4) {
      assertThat(fold(Wire.sum(s, p.l3Offset, 20))).as("IPv4 header checksum").isEqualTo(0xffff);
    }
    long sum = Wire.sum(s, p.l4Offset, l4Bytes);
    if (p.protocol != IpProtocol.ICMP) {
      sum +=
          (p.ipVersion == 6 ? Wire.sum(s, p.l3Offset + 8, 32) : Wire.sum(s, p.l3Offset + 12, 8))
              + l4Bytes
              + p.protocol;
    }
    assertThat(fold(sum)).as("transport checksum").isEqualTo(0xffff);
  }

  private static int fold(long sum) {
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return (int) sum;
  }

  private static String macs(byte[] frame) {
    return java.util.HexFormat.of().formatHex(frame, 0, 12);
  }

  private static String swapped(byte[] frame) {
    java.util.HexFormat hex = java.util.HexFormat.of();
    return hex.formatHex(frame, 6, 12) + hex.formatHex(frame, 0, 6);
  }
}
