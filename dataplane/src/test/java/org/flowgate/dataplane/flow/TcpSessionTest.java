package org.flowgate.dataplane.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowgate.testkit.PacketBuilder.ACK;
import static org.flowgate.testkit.PacketBuilder.FIN;
import static org.flowgate.testkit.PacketBuilder.PSH;
import static org.flowgate.testkit.PacketBuilder.RST;
import static org.flowgate.testkit.PacketBuilder.SYN;

import org.flowgate.dataplane.control.SessionSnapshot;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.runtime.FlowSettings;
import org.flowgate.dataplane.session.CloseReason;
import org.flowgate.dataplane.session.SessionState;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;

class TcpSessionTest {
  private static final String CLIENT = "192.168.1.10";
  private static final String SERVER = "203.0.113.80";

  private static byte[] toServer(int flags, long seq, long ack, int payloadBytes) {
    return PacketBuilder.ipv4(CLIENT, SERVER)
        .tcp(40_000, 80, flags, seq, ack)
        .payloadLength(payloadBytes)
        .ethernet();
  }

  private static byte[] toClient(int flags, long seq, long ack, int payloadBytes) {
    return PacketBuilder.ipv4(SERVER, CLIENT)
        .tcp(80, 40_000, flags, seq, ack)
        .payloadLength(payloadBytes)
        .ethernet();
  }

  /** SYN, SYN/ACK, ACK, a request of 100 bytes and a response of 1000 bytes, each ACKed. */
  private static void handshakeAndExchange(FlowHarness flow) {
    flow.send(0.0, toServer(SYN, 1000, 0, 0));
    flow.send(0.1, toClient(SYN | ACK, 5000, 1001, 0));
    flow.send(0.2, toServer(ACK, 1001, 5001, 0));
    flow.send(0.3, toServer(ACK | PSH, 1001, 5001, 100));
    flow.send(0.4, toClient(ACK | PSH, 5001, 1101, 1000));
    flow.send(0.5, toServer(ACK, 1101, 6001, 0));
  }

  @Test
  void handshakeAndFinExchangeLeaveTwoSecondsThenCloseWithTcpFin() {
    FlowHarness flow = FlowHarness.factoryDefault();
    handshakeAndExchange(flow);
    flow.send(1.0, toServer(FIN | ACK, 1101, 6001, 0));
    flow.send(1.1, toClient(FIN | ACK, 6001, 1102, 0));
    flow.send(1.2, toServer(ACK, 1102, 6002, 0));

    SessionSnapshot session = flow.only();
    assertThat(session.state()).isEqualTo(SessionState.VALID);
    assertThat(session.maximumTimeoutSeconds()).isEqualTo(2);
    assertThat(session.forward().packets()).isEqualTo(6);
    assertThat(session.forward().bytes()).isEqualTo(5 * 40 + 140);
    assertThat(session.reverse().packets()).isEqualTo(3);
    assertThat(session.reverse().bytes()).isEqualTo(2 * 40 + 1040);
    assertThat(session.forward().finState()).isEqualTo(2);
    assertThat(session.forward().finSequence()).isEqualTo(1101);
    assertThat(session.reverse().finState()).isEqualTo(2);
    assertThat(session.reverse().finSequence()).isEqualTo(6001);

    flow.advance(3.3);
    assertThat(flow.closed)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.reason()).isEqualTo(CloseReason.TCP_FIN);
              assertThat(c.session().forward().packets()).isEqualTo(6);
            });
    assertThat(flow.only().state()).isEqualTo(SessionState.INVALIDATED);

    flow.advance(6.0);
    assertThat(flow.sessions()).isEmpty();
  }

  @Test
  void establishedSessionTakesTheTcpTimeoutAfterTheHandshake() {
    FlowHarness flow = FlowHarness.factoryDefault();
    flow.send(0.0, toServer(SYN, 1000, 0, 0));
    assertThat(flow.only().maximumTimeoutSeconds()).isEqualTo(20);
    flow.send(0.1, toClient(SYN | ACK, 5000, 1001, 0));
    assertThat(flow.only().maximumTimeoutSeconds()).isEqualTo(20);
    flow.send(0.2, toServer(ACK, 1001, 5001, 0));
    assertThat(flow.only().maximumTimeoutSeconds()).isEqualTo(1800);
    flow.advance(50.2);
    assertThat(flow.only().currentTimeoutSeconds()).isEqualTo(1750);
  }

  @Test
  void unansweredSynTimesOutAfterTheTcpInitialTimeout() {
    FlowHarness flow = FlowHarness.factoryDefault();
    flow.send(0.0, toServer(SYN, 1000, 0, 0));
    flow.advance(19.9);
    assertThat(flow.closed).isEmpty();
    flow.advance(20.1);
    assertThat(flow.closed)
        .singleElement()
        .extracting(FlowHarness.Closed::reason)
        .isEqualTo(CloseReason.IDLE_TIMEOUT);
  }

  @Test
  void rstLeavesTwoSecondsThenClosesWithTcpRst() {
    FlowHarness flow = FlowHarness.factoryDefault();
    flow.send(0.0, toServer(SYN, 1000, 0, 0));
    flow.send(0.1, toClient(RST | ACK, 0, 1001, 0));
    assertThat(flow.only().maximumTimeoutSeconds()).isEqualTo(2);
    assertThat(flow.only().state()).isEqualTo(SessionState.VALID);
    flow.advance(2.2);
    assertThat(flow.closed)
        .singleElement()
        .extracting(FlowHarness.Closed::reason)
        .isEqualTo(CloseReason.TCP_RST);
  }

  @Test
  void rstInvalidateSessionEndsTheSessionAtOnce() {
    FlowHarness flow =
        FlowHarness.withSettings(FlowSettings.junosDefaults().withInvalidate(false, true));
    flow.send(0.0, toServer(SYN, 1000, 0, 0));
    flow.send(0.1, toClient(RST | ACK, 0, 1001, 0));
    assertThat(flow.only().state()).isEqualTo(SessionState.INVALIDATED);
    assertThat(flow.closed)
        .singleElement()
        .extracting(FlowHarness.Closed::reason)
        .isEqualTo(CloseReason.TCP_RST);
  }

  @Test
  void finInvalidateSessionEndsTheSessionWhenTheFinExchangeCompletes() {
    FlowHarness flow =
        FlowHarness.withSettings(FlowSettings.junosDefaults().withInvalidate(true, false));
    handshakeAndExchange(flow);
    flow.send(1.0, toServer(FIN | ACK, 1101, 6001, 0));
    flow.send(1.1, toClient(FIN | ACK, 6001, 1102, 0));
    assertThat(flow.only().state()).isEqualTo(SessionState.VALID);
    flow.send(1.2, toServer(ACK, 1102, 6002, 0));
    assertThat(flow.only().state()).isEqualTo(SessionState.INVALIDATED);
  }

  @Test
  void dropsNonSynFirstPacket() {
    FlowHarness flow = FlowHarness.factoryDefault();
    assertThat(flow.send(0.0, toServer(ACK, 1001, 5001, 10))).isEqualTo(DropReason.TCP_NO_SYN);
    assertThat(flow.send(0.1, toClient(SYN | ACK, 5000, 1001, 0))).isEqualTo(DropReason.TCP_NO_SYN);
    assertThat(flow.sessions()).isEmpty();
    assertThat(flow.statistics().drops(DropReason.TCP_NO_SYN)).isEqualTo(2);
  }

  @Test
  void noSynCheckPicksUpASessionMidStreamAsEstablished() {
    FlowHarness flow = FlowHarness.withSettings(FlowSettings.junosDefaults().withSynCheck(false));
    assertThat(flow.send(0.0, toServer(ACK | PSH, 1001, 5001, 10))).isNull();
    assertThat(flow.only().maximumTimeoutSeconds()).isEqualTo(1800);
    assertThat(flow.only().sessionFlags().get(3) & 0x2).isEqualTo(0x2);
  }

  @Test
  void aNewSynOnAClosingSessionStartsANewSession() {
    FlowHarness flow = FlowHarness.factoryDefault();
    handshakeAndExchange(flow);
    flow.send(1.0, toServer(FIN | ACK, 1101, 6001, 0));
    flow.send(1.1, toClient(FIN | ACK, 6001, 1102, 0));
    flow.send(1.2, toServer(ACK, 1102, 6002, 0));
    flow.send(1.5, toServer(SYN, 90_000, 0, 0));

    assertThat(flow.closed)
        .singleElement()
        .extracting(FlowHarness.Closed::reason)
        .isEqualTo(CloseReason.TCP_FIN);
    assertThat(flow.sessions())
        .extracting(SessionSnapshot::state)
        .containsExactlyInAnyOrder(SessionState.INVALIDATED, SessionState.VALID);
    SessionSnapshot fresh =
        flow.sessions().stream()
            .filter(s -> s.state() == SessionState.VALID)
            .findFirst()
            .orElseThrow();
    assertThat(fresh.forward().packets()).isEqualTo(1);
    assertThat(fresh.maximumTimeoutSeconds()).isEqualTo(20);
  }

  @Test
  void sequenceCheckDropsASegmentFarOutsideTheWindow() {
    FlowHarness flow = FlowHarness.factoryDefault();
    handshakeAndExchange(flow);
    assertThat(flow.send(0.6, toServer(ACK | PSH, 1101 + (8L << 20), 6001, 10)))
        .isEqualTo(DropReason.TCP_OUT_OF_WINDOW);
    assertThat(flow.only().forward().packets()).isEqualTo(4);

    FlowHarness lenient =
        FlowHarness.withSettings(FlowSettings.junosDefaults().withSequenceCheck(false));
    handshakeAndExchange(lenient);
    assertThat(lenient.send(0.6, toServer(ACK | PSH, 1101 + (8L << 20), 6001, 10))).isNull();
  }

  @Test
  void aStraySynAckOnAnEstablishedSessionPassesButMovesNoSequence() {
    FlowHarness flow = FlowHarness.factoryDefault();
    handshakeAndExchange(flow);
    // a SYN/ACK with an unrelated sequence number (a late duplicate, or another connection's)
    assertThat(flow.send(0.6, toClient(SYN | ACK, 1_000_000_000L, 1001, 0))).isNull();
    // the server's stream goes on where it was: none of its segments is out of window
    for (int i = 0; i < 16; i++) {
      assertThat(flow.send(0.7 + i * 0.01, toClient(ACK | PSH, 6001 + 100L * i, 1101, 100)))
          .as("server segment %d", i)
          .isNull();
    }
    assertThat(flow.only().reverse().packets()).isEqualTo(2 + 1 + 16);
    assertThat(flow.statistics().drops(DropReason.TCP_OUT_OF_WINDOW)).isZero();
  }

  @Test
  void retransmittedSegmentsInsideTheWindowPass() {
    FlowHarness flow = FlowHarness.factoryDefault();
    handshakeAndExchange(flow);
    assertThat(flow.send(0.6, toServer(ACK | PSH, 1001, 6001, 100))).isNull();
    assertThat(flow.only().forward().packets()).isEqualTo(5);
  }

  @Test
  void sessionWingsShowInterfacesRoutesAndGateways() {
    FlowHarness flow = FlowHarness.factoryDefault();
    flow.send(0.0, toServer(SYN, 1000, 0, 0));
    SessionSnapshot session = flow.only();
    assertThat(session.forward().interfaceName()).isEqualTo("ge-0/0/1.0");
    assertThat(session.reverse().interfaceName()).isEqualTo("ge-0/0/0.0");
    assertThat(session.forward().gateway()).hasToString(CLIENT);
    assertThat(session.reverse().gateway()).hasToString("198.51.100.254");
    assertThat(session.forward().sourceAddress()).hasToString(CLIENT);
    assertThat(session.reverse().sourceAddress()).hasToString(SERVER);
    assertThat(session.reverse().sourcePort()).isEqualTo(80);
    assertThat(session.reverse().destinationPort()).isEqualTo(40_000);
    assertThat(session.policyName()).isEqualTo("default-policy-logical-system-00");
    assertThat(session.policyId()).isEqualTo(2);
    assertThat(session.forward().flag() & 1).isEqualTo(1);
    assertThat(session.reverse().flag() & 1).isZero();
  }
}
