package org.flowgate.dataplane.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.runtime.FlowSettings;
import org.flowgate.dataplane.session.CloseReason;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;

/**
 * {@code security flow allow-dns-reply}: by default a UDP first packet to port 53 whose DNS header
 * says it is a response (QR = 1) is dropped and makes no session; with the knob it is a first
 * packet like any other.
 */
class DnsReplyWithoutRequestTest {
  /**
   * A DNS response (flags 0x8180: QR = 1, recursion desired and available) to {@code a.example A}
   * with one answer, whole (the DNS ALG drops a message whose counts run past it).
   */
  private static final byte[] RESPONSE = {
    0x12,
    0x34,
    (byte) 0x81,
    (byte) 0x80,
    0,
    1,
    0,
    1,
    0,
    0,
    0,
    0, // header
    1,
    'a',
    7,
    'e',
    'x',
    'a',
    'm',
    'p',
    'l',
    'e',
    0,
    0,
    1,
    0,
    1, // question
    (byte) 0xc0,
    12,
    0,
    1,
    0,
    1,
    0,
    0,
    0,
    60,
    0,
    4,
    (byte) 192,
    0,
    2,
    1 // answer
  };

  /** A DNS query (flags 0x0100: QR = 0, recursion desired) for {@code a.example A}. */
  private static final byte[] QUERY = {
    0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 1, 'a', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0,
    0, 1, 0, 1
  };

  private static byte[] dns(String from, int fromPort, String to, int toPort, byte[] header) {
    return PacketBuilder.ipv4(from, to).udp(fromPort, toPort).payload(header).ethernet();
  }

  @Test
  void aResponseToPort53AsAFirstPacketIsDroppedAndMakesNoSession() {
    FlowHarness flow = FlowHarness.factoryDefault();
    assertThat(flow.send(0, dns("198.51.100.53", 53, "192.168.1.53", 53, RESPONSE)))
        .isEqualTo(DropReason.DNS_REPLY_WITHOUT_REQUEST);
    assertThat(flow.send(0, dns("198.51.100.9", 40_000, "192.168.1.53", 53, RESPONSE)))
        .isEqualTo(DropReason.DNS_REPLY_WITHOUT_REQUEST);
    assertThat(flow.sessions()).isEmpty();
    assertThat(flow.statistics().drops(DropReason.DNS_REPLY_WITHOUT_REQUEST)).isEqualTo(2);
    assertThat(flow.statistics().sessionsCreated()).isZero();
  }

  @Test
  void withAllowDnsReplyTheSameResponseMakesASession() {
    FlowHarness flow =
        FlowHarness.withSettings(
            FlowSettings.junosDefaults().toBuilder().allowDnsReply(true).build());
    assertThat(flow.send(0, dns("198.51.100.53", 53, "192.168.1.53", 53, RESPONSE))).isNull();
    assertThat(flow.only().forward().destinationPort()).isEqualTo(53);
  }

  @Test
  void aQueryToPort53MakesASessionWhoseResponseFollowsAndClosesIt() {
    FlowHarness flow = FlowHarness.factoryDefault();
    assertThat(flow.send(0.0, dns("192.168.1.53", 53, "198.51.100.53", 53, QUERY))).isNull();
    assertThat(flow.send(0.1, dns("198.51.100.53", 53, "192.168.1.53", 53, RESPONSE)))
        .as("a response to port 53 on its query's session is no first packet")
        .isNull();
    flow.advance(4.2);
    assertThat(flow.closed)
        .singleElement()
        .extracting(FlowHarness.Closed::reason)
        .isEqualTo(CloseReason.RESPONSE_RECEIVED);
  }

  @Test
  void aResponseFromPort53ToAClientPortIsNotChecked() {
    // Junos checks "an incoming UDP first-packet [with] dst-port 53"; a reply to a client's port
    // whose query was never seen is a first packet like any other.
    FlowHarness flow = FlowHarness.factoryDefault();
    assertThat(flow.send(0, dns("198.51.100.53", 53, "192.168.1.20", 33_000, RESPONSE))).isNull();
    assertThat(flow.only().forward().sourcePort()).isEqualTo(53);
  }
}
