package org.flowgate.dataplane.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.flowgate.dataplane.control.SessionSnapshot;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.flowgate.dataplane.session.CloseReason;
import org.flowgate.dataplane.session.SessionState;
import org.flowgate.dataplane.zone.IngressMap;
import org.flowgate.testkit.DnsMessages;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;

/** UDP, ICMP, ICMP errors, fragments, IPv6, VLANs and a full table. */
class DatagramSessionTest {

  @Test
  void udpRequestAndResponseShareOneSessionCountedPerWing() {
    FlowHarness flow = FlowHarness.factoryDefault();
    flow.send(
        0.0,
        PacketBuilder.ipv4("192.168.1.20", "198.51.100.9")
            .udp(5000, 6000)
            .payloadLength(100)
            .ethernet());
    flow.send(
        0.5,
        PacketBuilder.ipv4("198.51.100.9", "192.168.1.20")
            .udp(6000, 5000)
            .payloadLength(300)
            .ethernet());
    flow.send(
        1.0,
        PacketBuilder.ipv4("192.168.1.20", "198.51.100.9")
            .udp(5000, 6000)
            .payloadLength(10)
            .ethernet());
    SessionSnapshot session = flow.only();
    assertThat(session.forward().packets()).isEqualTo(2);
    assertThat(session.forward().bytes()).isEqualTo(128 + 38);
    assertThat(session.reverse().packets()).isEqualTo(1);
    assertThat(session.reverse().bytes()).isEqualTo(328);
    assertThat(session.maximumTimeoutSeconds()).isEqualTo(60);
    assertThat(session.currentTimeoutSeconds()).isEqualTo(60);
    assertThat(session.forward().protocol()).isEqualTo(17);
  }

  @Test
  void udpSessionTimesOutSixtySecondsAfterItsLastPacket() {
    FlowHarness flow = FlowHarness.factoryDefault();
    byte[] datagram = PacketBuilder.ipv4("192.168.1.20", "198.51.100.9").udp(5000, 6000).ethernet();
    flow.send(0.0, datagram);
    flow.send(59.0, datagram);
    assertThat(flow.only().forward().packets()).isEqualTo(2);
    flow.advance(118.0);
    assertThat(flow.closed).isEmpty();
    assertThat(flow.only().currentTimeoutSeconds()).isEqualTo(1);
    flow.send(119.5, datagram);
    assertThat(flow.closed)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.reason()).isEqualTo(CloseReason.IDLE_TIMEOUT);
              assertThat(c.session().forward().packets()).isEqualTo(2);
            });
    assertThat(flow.sessions())
        .filteredOn(s -> s.state() == SessionState.VALID)
        .singleElement()
        .satisfies(s -> assertThat(s.forward().packets()).isEqualTo(1));
  }

  @Test
  void dnsSessionClosesOnItsResponse() {
    FlowHarness flow = FlowHarness.factoryDefault();
    flow.send(
        0.0,
        PacketBuilder.ipv4("192.168.1.20", "192.0.2.53")
            .udp(33_000, 53)
            .payload(DnsMessages.query())
            .ethernet());
    flow.send(
        0.1,
        PacketBuilder.ipv4("192.0.2.53", "192.168.1.20")
            .udp(53, 33_000)
            .payload(DnsMessages.response())
            .ethernet());
    assertThat(flow.only().maximumTimeoutSeconds()).isEqualTo(4);
    flow.advance(4.2);
    assertThat(flow.closed)
        .singleElement()
        .extracting(FlowHarness.Closed::reason)
        .isEqualTo(CloseReason.RESPONSE_RECEIVED);
  }

  @Test
  void eachIcmpEchoIsItsOwnSessionKeyedByIdentifierAndSequence() {
    FlowHarness flow = FlowHarness.factoryDefault();
    for (int sequence = 1; sequence <= 3; sequence++) {
      flow.send(
          sequence,
          PacketBuilder.ipv4("192.168.1.30", "203.0.113.1")
              .icmpEcho(true, 0xbeef, sequence)
              .payloadLength(56)
              .ethernet());
      flow.send(
          sequence + 0.01,
          PacketBuilder.ipv4("203.0.113.1", "192.168.1.30")
              .icmpEcho(false, 0xbeef, sequence)
              .payloadLength(56)
              .ethernet());
    }
    List<SessionSnapshot> sessions = flow.sessions();
    assertThat(sessions).hasSize(3);
    SessionSnapshot last =
        sessions.stream().filter(s -> s.forward().destinationPort() == 3).findFirst().orElseThrow();
    assertThat(last.forward().sourcePort()).isEqualTo(0xbeef);
    assertThat(last.reverse().sourcePort()).isEqualTo(3);
    assertThat(last.reverse().destinationPort()).isEqualTo(0xbeef);
    assertThat(last.forward().bytes()).isEqualTo(84);
    assertThat(last.reverse().bytes()).isEqualTo(84);
    assertThat(last.maximumTimeoutSeconds()).isEqualTo(4);
    flow.advance(8.0);
    assertThat(flow.closed)
        .hasSize(3)
        .allSatisfy(c -> assertThat(c.reason()).isEqualTo(CloseReason.RESPONSE_RECEIVED));
  }

  @Test
  void unansweredEchoLivesForTheIcmpTimeout() {
    FlowHarness flow = FlowHarness.factoryDefault();
    flow.send(
        0.0, PacketBuilder.ipv4("192.168.1.30", "203.0.113.1").icmpEcho(true, 7, 1).ethernet());
    flow.advance(59.0);
    assertThat(flow.only().currentTimeoutSeconds()).isEqualTo(1);
    flow.advance(60.2);
    assertThat(flow.closed)
        .singleElement()
        .extracting(FlowHarness.Closed::reason)
        .isEqualTo(CloseReason.IDLE_TIMEOUT);
  }

  @Test
  void icmpErrorIsCountedInTheSessionOfTheQuotedPacketAndCreatesNone() {
    FlowHarness flow = FlowHarness.factoryDefault();
    byte[] query =
        PacketBuilder.ipv4("192.168.1.40", "198.51.100.53").udp(40_000, 53).payloadLength(20).ip();
    flow.send(
        0.0,
        PacketBuilder.ipv4("192.168.1.40", "198.51.100.53")
            .udp(40_000, 53)
            .payloadLength(20)
            .ethernet());
    byte[] unreachable =
        PacketBuilder.ipv4("198.51.100.53", "192.168.1.40").icmpError(3, 3, query).ethernet();
    assertThat(flow.send(0.1, unreachable)).isNull();
    SessionSnapshot session = flow.only();
    assertThat(session.reverse().packets()).isEqualTo(1);
    assertThat(session.reverse().bytes()).isEqualTo(unreachable.length - 14);
    assertThat(flow.statistics().icmpErrorsMatched()).isEqualTo(1);

    byte[] router =
        PacketBuilder.ipv4("198.51.100.254", "192.168.1.40").icmpError(11, 0, query).ethernet();
    assertThat(flow.send(0.2, router)).isNull();
    assertThat(flow.only().reverse().packets()).isEqualTo(2);
  }

  @Test
  void icmpErrorWithoutASessionIsDropped() {
    FlowHarness flow = FlowHarness.factoryDefault();
    byte[] quoted = PacketBuilder.ipv4("192.168.1.40", "198.51.100.53").udp(40_000, 53).ip();
    assertThat(
            flow.send(
                0.0,
                PacketBuilder.ipv4("198.51.100.53", "192.168.1.40")
                    .icmpError(3, 3, quoted)
                    .ethernet()))
        .isEqualTo(DropReason.ICMP_ERROR_WITHOUT_SESSION);
    assertThat(flow.sessions()).isEmpty();
  }

  @Test
  void icmpv6PacketTooBigFindsItsTcpSession() {
    FlowHarness flow = FlowHarness.factoryDefault();
    flow.send(
        0.0,
        PacketBuilder.ipv6("2001:db8:1::10", "2001:db8:ffff::80")
            .tcp(50_000, 443, PacketBuilder.SYN, 1, 0)
            .ethernet());
    byte[] quoted =
        PacketBuilder.ipv6("2001:db8:1::10", "2001:db8:ffff::80")
            .tcp(50_000, 443, PacketBuilder.ACK, 2, 0)
            .payloadLength(1400)
            .ip();
    assertThat(
            flow.send(
                0.1,
                PacketBuilder.ipv6("2001:db8::fffe", "2001:db8:1::10")
                    .icmpError(2, 0, quoted)
                    .ethernet()))
        .isNull();
    assertThat(flow.only().reverse().packets()).isEqualTo(1);
  }

  @Test
  void nonFirstFragmentsFollowTheirFirstFragment() {
    FlowHarness flow = FlowHarness.factoryDefault();
    List<byte[]> fragments =
        PacketBuilder.ipv4("192.168.1.50", "198.51.100.7")
            .udp(7000, 8000)
            .identification(0x4242)
            .payloadLength(3000)
            .ipv4Fragments(1480);
    assertThat(fragments).hasSize(3);
    int ipBytes = 0;
    for (int i = 0; i < fragments.size(); i++) {
      assertThat(flow.send(0.001 * i, PacketBuilder.frame(1, fragments.get(i)))).isNull();
      ipBytes += fragments.get(i).length;
    }
    SessionSnapshot session = flow.only();
    assertThat(session.forward().packets()).isEqualTo(3);
    assertThat(session.forward().bytes()).isEqualTo(ipBytes);
    assertThat(session.forward().destinationPort()).isEqualTo(8000);
    assertThat(flow.statistics().fragments()).isEqualTo(3);
  }

  @Test
  void aFragmentBeforeItsFirstFragmentIsDropped() {
    FlowHarness flow = FlowHarness.factoryDefault();
    List<byte[]> fragments =
        PacketBuilder.ipv6("2001:db8:1::10", "2001:db8:ffff::80")
            .udp(7000, 8000)
            .payloadLength(3000)
            .ipv6Fragments(1448);
    assertThat(flow.send(0.0, PacketBuilder.frame(1, fragments.get(1))))
        .isEqualTo(DropReason.FRAGMENT_WITHOUT_FIRST);
    assertThat(flow.send(0.1, PacketBuilder.frame(1, fragments.get(0)))).isNull();
    assertThat(flow.send(0.2, PacketBuilder.frame(1, fragments.get(2)))).isNull();
    assertThat(flow.only().forward().packets()).isEqualTo(2);
  }

  @Test
  void ipv6SessionsShowCompressedAddresses() {
    FlowHarness flow = FlowHarness.factoryDefault();
    flow.send(
        0.0, PacketBuilder.ipv6("2001:db8:1::10", "2001:db8:ffff::80").udp(1111, 2222).ethernet());
    SessionSnapshot session = flow.only();
    assertThat(session.forward().sourceAddress()).hasToString("2001:db8:1::10");
    assertThat(session.reverse().sourceAddress()).hasToString("2001:db8:ffff::80");
    assertThat(session.reverse().gateway()).hasToString("2001:db8::fffe");
    assertThat(session.forward().bytes()).isEqualTo(48);
  }

  @Test
  void vlanTaggedFramesMakeSessionsAndAVlanMapChoosesTheIngressInterface() {
    FlowHarness byRoute = FlowHarness.factoryDefault();
    byRoute.send(0.0, PacketBuilder.ipv4("10.9.9.9", "192.168.1.77").udp(1, 2).ethernet(100));
    assertThat(byRoute.only().forward().interfaceName()).isEqualTo("ge-0/0/0.0");

    var config =
        FactoryDefault.config().withIngress(new IngressMap(Map.of(), Map.of(100, 1), Map.of()));
    FlowHarness mapped = new FlowHarness(config, 16);
    mapped.send(0.0, PacketBuilder.ipv4("10.9.9.9", "192.168.1.77").udp(1, 2).ethernet(100));
    assertThat(mapped.only().forward().interfaceName()).isEqualTo("ge-0/0/1.0");
  }

  @Test
  void aFullTableFailsNewSessionsAndNothingElse() {
    FlowHarness flow = new FlowHarness(FactoryDefault.config(), 2);
    flow.send(0.0, PacketBuilder.ipv4("192.168.1.1", "198.51.100.1").udp(1, 1).ethernet());
    flow.send(0.0, PacketBuilder.ipv4("192.168.1.2", "198.51.100.1").udp(1, 1).ethernet());
    assertThat(
            flow.send(0.1, PacketBuilder.ipv4("192.168.1.3", "198.51.100.1").udp(1, 1).ethernet()))
        .isEqualTo(DropReason.SESSION_TABLE_FULL);
    assertThat(
            flow.send(0.2, PacketBuilder.ipv4("198.51.100.1", "192.168.1.1").udp(1, 1).ethernet()))
        .isNull();
    assertThat(flow.statistics().failedSessions()).isEqualTo(1);
    assertThat(flow.sessions()).hasSize(2);
  }

  @Test
  void otherProtocolsAreSessionsWithoutPorts() {
    FlowHarness flow = FlowHarness.factoryDefault();
    flow.send(
        0.0,
        PacketBuilder.ipv4("192.168.1.60", "198.51.100.60")
            .protocol(47)
            .payloadLength(24)
            .ethernet());
    SessionSnapshot session = flow.only();
    assertThat(session.forward().protocol()).isEqualTo(47);
    assertThat(session.forward().sourcePort()).isZero();
    assertThat(session.maximumTimeoutSeconds()).isEqualTo(1800);
  }

  @Test
  void malformedPacketsAreDroppedAndCountedByReason() {
    FlowHarness flow = FlowHarness.factoryDefault();
    byte[] frame = PacketBuilder.ipv4("192.168.1.1", "198.51.100.1").udp(1, 1).ethernet();
    frame[14] = 0x43; // IHL 3 words
    assertThat(flow.send(0.0, frame)).isEqualTo(DropReason.BAD_IP_HEADER_LENGTH);
    assertThat(flow.statistics().packetsDropped()).isEqualTo(1);
    assertThat(flow.statistics().packetsReceived()).isEqualTo(1);
    assertThat(flow.sessions()).isEmpty();
  }

  @Test
  void trafficToTheFirewallItselfUsesTheLocalWingAndTheSelfTrafficPolicy() {
    FlowHarness flow = FlowHarness.factoryDefault();
    flow.send(
        0.0, PacketBuilder.ipv4("192.168.1.99", "192.168.1.1").icmpEcho(true, 1, 1).ethernet());
    SessionSnapshot session = flow.only();
    assertThat(session.forward().interfaceName()).isEqualTo("ge-0/0/1.0");
    assertThat(session.reverse().interfaceName()).isEqualTo(".local..0");
    assertThat(session.policyName()).isEqualTo("self-traffic-policy");
    assertThat(session.policyId()).isEqualTo(1);
  }
}
