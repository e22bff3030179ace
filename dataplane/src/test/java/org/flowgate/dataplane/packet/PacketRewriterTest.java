package org.flowgate.dataplane.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.function.BiFunction;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;

/**
 * A packet rewritten in place must be byte for byte the packet the builder makes with the new
 * addresses and ports, whose checksums the builder computes from scratch.
 */
class PacketRewriterTest {

  /** Builds the same packet between two endpoints. */
  private interface Shape extends BiFunction<String[], int[], PacketBuilder> {}

  private static void assertRewritesTo(
      Shape shape, String[] from, int[] fromPorts, String[] to, int[] toPorts) {
    byte[] original = shape.apply(from, fromPorts).ethernet();
    byte[] expected = shape.apply(to, toPorts).ethernet();
    MemorySegment frame = MemorySegment.ofArray(original.clone());
    PacketDescriptor packet = new PacketDescriptor();
    assertNull(
        PacketParser.parse(frame, 0, original.length, original.length, LinkType.ETHERNET, packet));
    IpAddress source = IpAddress.parse(to[0]);
    IpAddress destination = IpAddress.parse(to[1]);
    PacketRewriter.rewrite(
        packet,
        source.hi(),
        source.lo(),
        destination.hi(),
        destination.lo(),
        toPorts[0],
        toPorts[1],
        new Crc32cScratch());
    assertArrayEquals(expected, frame.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
    PacketDescriptor again = new PacketDescriptor();
    assertNull(
        PacketParser.parse(frame, 0, original.length, original.length, LinkType.ETHERNET, again));
    assertEquals(toPorts[0], again.sourcePort);
    assertEquals(toPorts[1], again.destinationPort);
  }

  @Test
  void tcpSourceTranslationKeepsIpAndTcpChecksumsValid() {
    assertRewritesTo(
        (a, p) ->
            PacketBuilder.ipv4(a[0], a[1])
                .tcp(p[0], p[1], PacketBuilder.SYN, 1000, 0)
                .payloadLength(33),
        new String[] {"10.1.1.5", "198.51.100.7"},
        new int[] {40000, 443},
        new String[] {"203.0.113.9", "198.51.100.7"},
        new int[] {2771, 443});
  }

  @Test
  void udpDestinationTranslation() {
    assertRewritesTo(
        (a, p) -> PacketBuilder.ipv4(a[0], a[1]).udp(p[0], p[1]).payloadLength(17),
        new String[] {"172.17.42.2", "172.17.42.1"},
        new int[] {5353, 53},
        new String[] {"172.17.42.2", "10.0.0.2"},
        new int[] {5353, 5300});
  }

  @Test
  void icmpEchoRequestTranslatesItsIdentifier() {
    assertRewritesTo(
        (a, p) -> PacketBuilder.ipv4(a[0], a[1]).icmpEcho(true, p[0], p[1]),
        new String[] {"10.1.1.5", "8.8.8.8"},
        new int[] {77, 1},
        new String[] {"203.0.113.9", "8.8.8.8"},
        new int[] {1031, 1});
  }

  @Test
  void icmpEchoReplyTranslatesItsIdentifierFromTheDestinationPort() {
    // an echo reply's "ports" are (sequence, identifier)
    assertRewritesTo(
        (a, p) -> PacketBuilder.ipv4(a[0], a[1]).icmpEcho(false, p[1], p[0]),
        new String[] {"8.8.8.8", "203.0.113.9"},
        new int[] {1, 1031},
        new String[] {"8.8.8.8", "10.1.1.5"},
        new int[] {1, 77});
  }

  @Test
  void ipv6TcpAndIcmpv6UseThePseudoHeader() {
    assertRewritesTo(
        (a, p) ->
            PacketBuilder.ipv6(a[0], a[1])
                .tcp(p[0], p[1], PacketBuilder.ACK, 5, 9)
                .payloadLength(100),
        new String[] {"2001:db8:1::10", "2001:db8:ff::1"},
        new int[] {50000, 80},
        new String[] {"2001:db8:1::10", "fd00:10::20"},
        new int[] {50000, 8080});
    assertRewritesTo(
        (a, p) -> PacketBuilder.ipv6(a[0], a[1]).icmpEcho(true, p[0], p[1]),
        new String[] {"fd00::5", "2001:db8::1"},
        new int[] {9, 3},
        new String[] {"2001:db8:99::5", "2001:db8::1"},
        new int[] {9, 3});
  }

  @Test
  void sctpGetsItsCrc32cComputedAnew() {
    assertRewritesTo(
        (a, p) -> PacketBuilder.ipv4(a[0], a[1]).sctp(p[0], p[1]).payloadLength(20),
        new String[] {"10.1.1.5", "198.51.100.7"},
        new int[] {3868, 3868},
        new String[] {"203.0.113.9", "198.51.100.7"},
        new int[] {1500, 3868});
  }

  @Test
  void udpWithoutChecksumKeepsNone() {
    byte[] original =
        PacketBuilder.ipv4("10.1.1.5", "198.51.100.7").udp(1000, 2000).payloadLength(4).ethernet();
    original[14 + 20 + 6] = 0;
    original[14 + 20 + 7] = 0;
    MemorySegment frame = MemorySegment.ofArray(original);
    PacketDescriptor packet = new PacketDescriptor();
    PacketParser.parse(frame, 0, original.length, original.length, LinkType.ETHERNET, packet);
    PacketRewriter.rewrite(
        packet,
        0,
        IpAddress.parse("203.0.113.9").lo(),
        packet.destinationHi,
        packet.destinationLo,
        4000,
        2000,
        new Crc32cScratch());
    assertEquals(0, original[14 + 20 + 6] | original[14 + 20 + 7]);
  }

  @Test
  void nonFirstFragmentChangesOnlyItsAddresses() {
    List<byte[]> fragments =
        PacketBuilder.ipv4("10.1.1.5", "198.51.100.7")
            .identification(7)
            .udp(1000, 2000)
            .payloadLength(200)
            .ipv4Fragments(96);
    List<byte[]> expected =
        PacketBuilder.ipv4("203.0.113.9", "198.51.100.7")
            .identification(7)
            .udp(1000, 2000)
            .payloadLength(200)
            .ipv4Fragments(96);
    byte[] second = PacketBuilder.frame(LinkType.ETHERNET, fragments.get(1));
    MemorySegment frame = MemorySegment.ofArray(second);
    PacketDescriptor packet = new PacketDescriptor();
    assertNull(
        PacketParser.parse(frame, 0, second.length, second.length, LinkType.ETHERNET, packet));
    PacketRewriter.rewrite(
        packet,
        0,
        IpAddress.parse("203.0.113.9").lo(),
        packet.destinationHi,
        packet.destinationLo,
        0,
        0,
        new Crc32cScratch());
    assertArrayEquals(PacketBuilder.frame(LinkType.ETHERNET, expected.get(1)), second);
  }
}
