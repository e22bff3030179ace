package org.flowgate.dataplane.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowgate.testkit.PacketBuilder.ACK;
import static org.flowgate.testkit.PacketBuilder.PSH;
import static org.flowgate.testkit.PacketBuilder.SYN;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PacketParserTest {
  private final PacketDescriptor out = new PacketDescriptor();

  private DropReason parse(byte[] frame, int linkType) {
    return PacketParser.parse(
        MemorySegment.ofArray(frame), 0, frame.length, frame.length, linkType, out);
  }

  private DropReason parseRaw(byte[] ipPacket) {
    return parse(ipPacket, LinkType.RAW);
  }

  private static long v4(String address) {
    return IpAddress.parse(address).lo();
  }

  private static byte[] with(byte[] bytes, int index, int value) {
    byte[] copy = bytes.clone();
    copy[index] = (byte) value;
    return copy;
  }

  private static byte[] withShort(byte[] bytes, int index, int value) {
    byte[] copy = bytes.clone();
    ByteBuffer.wrap(copy).putShort(index, (short) value);
    return copy;
  }

  private void assertUdpFrom10001To10002() {
    assertThat(out.ipVersion).isEqualTo(4);
    assertThat(out.sourceHi).isZero();
    assertThat(out.sourceLo).isEqualTo(v4("10.0.0.1"));
    assertThat(out.destinationLo).isEqualTo(v4("10.0.0.2"));
    assertThat(out.protocol).isEqualTo(17);
    assertThat(out.hasPorts).isTrue();
    assertThat(out.sourcePort).isEqualTo(5353);
    assertThat(out.destinationPort).isEqualTo(53);
  }

  private void assertTcpFromV6Client() {
    IpAddress source = IpAddress.parse("2001:db8::1");
    IpAddress destination = IpAddress.parse("2001:db8:0:1::80");
    assertThat(out.ipVersion).isEqualTo(6);
    assertThat(out.sourceHi).isEqualTo(source.hi());
    assertThat(out.sourceLo).isEqualTo(source.lo());
    assertThat(out.destinationHi).isEqualTo(destination.hi());
    assertThat(out.destinationLo).isEqualTo(destination.lo());
    assertThat(out.protocol).isEqualTo(6);
    assertThat(out.sourcePort).isEqualTo(40000);
    assertThat(out.destinationPort).isEqualTo(443);
    assertThat(out.tcpFlags).isEqualTo(SYN);
  }

  private static final byte[] UDP4 =
      PacketBuilder.ipv4("10.0.0.1", "10.0.0.2").udp(5353, 53).payloadLength(20).ip();
  private static final byte[] TCP6 =
      PacketBuilder.ipv6("2001:db8::1", "2001:db8:0:1::80").tcp(40000, 443, SYN, 100, 0).ip();

  @Nested
  class LinkLayers {
    @Test
    void decodesTcpSynOverEthernet() {
      byte[] frame =
          PacketBuilder.ipv4("192.0.2.10", "198.51.100.20")
              .ttl(63)
              .tcp(40000, 443, SYN | ACK, 0xfffffff0L, 12345)
              .payloadLength(10)
              .ethernet();
      assertThat(parse(frame, LinkType.ETHERNET)).isNull();
      assertThat(out.sourceMac).isEqualTo(PacketBuilder.SOURCE_MAC);
      assertThat(out.vlanId).isEqualTo(-1);
      assertThat(out.l3Offset).isEqualTo(14);
      assertThat(out.sourceLo).isEqualTo(v4("192.0.2.10"));
      assertThat(out.destinationLo).isEqualTo(v4("198.51.100.20"));
      assertThat(out.ttl).isEqualTo(63);
      assertThat(out.ipLengthBytes).isEqualTo(20 + 20 + 10);
      assertThat(out.sourcePort).isEqualTo(40000);
      assertThat(out.destinationPort).isEqualTo(443);
      assertThat(out.tcpFlags).isEqualTo(SYN | ACK);
      assertThat(out.tcpSequence).isEqualTo(0xfffffff0L);
      assertThat(out.tcpAcknowledgement).isEqualTo(12345);
      assertThat(out.tcpWindow).isEqualTo(65535);
      assertThat(out.tcpPayloadBytes).isEqualTo(10);
      assertThat(out.fragment).isFalse();
      assertThat(out.frameOffset).isZero();
      assertThat(out.capturedLengthBytes).isEqualTo(frame.length);
    }

    @ParameterizedTest(name = "link type {0}")
    @ValueSource(
        ints = {
          LinkType.ETHERNET,
          LinkType.LINUX_SLL,
          LinkType.LINUX_SLL2,
          LinkType.NULL,
          LinkType.PPP,
          LinkType.RAW,
          LinkType.IPV4,
          LinkType.NFLOG
        })
    void decodesIpv4UdpOnEveryLinkType(int linkType) {
      assertThat(parse(PacketBuilder.frame(linkType, UDP4), linkType)).isNull();
      assertUdpFrom10001To10002();
      boolean hasMac =
          linkType == LinkType.ETHERNET
              || linkType == LinkType.LINUX_SLL
              || linkType == LinkType.LINUX_SLL2;
      assertThat(out.sourceMac).isEqualTo(hasMac ? PacketBuilder.SOURCE_MAC : -1);
    }

    @ParameterizedTest(name = "link type {0}")
    @ValueSource(
        ints = {
          LinkType.ETHERNET,
          LinkType.LINUX_SLL,
          LinkType.LINUX_SLL2,
          LinkType.NULL,
          LinkType.PPP,
          LinkType.RAW,
          LinkType.IPV6,
          LinkType.NFLOG
        })
    void decodesIpv6TcpOnEveryLinkType(int linkType) {
      assertThat(parse(PacketBuilder.frame(linkType, TCP6), linkType)).isNull();
      assertTcpFromV6Client();
    }

    @ParameterizedTest(name = "address family {0}")
    @ValueSource(ints = {24, 28, 30})
    void acceptsEveryBsdIpv6AddressFamilyInBothByteOrders(int family) {
      assertThat(parse(PacketBuilder.nullFrame(TCP6, family, ByteOrder.BIG_ENDIAN), LinkType.NULL))
          .isNull();
      assertTcpFromV6Client();
      assertThat(
              parse(PacketBuilder.nullFrame(TCP6, family, ByteOrder.LITTLE_ENDIAN), LinkType.NULL))
          .isNull();
      assertTcpFromV6Client();
    }

    @Test
    void readsBigEndianLoopbackIpv4() {
      assertThat(parse(PacketBuilder.nullFrame(UDP4, 2, ByteOrder.BIG_ENDIAN), LinkType.NULL))
          .isNull();
      assertUdpFrom10001To10002();
    }

    @Test
    void rejectsLoopbackOfOtherFamilyAsNotIp() {
      assertThat(parse(PacketBuilder.nullFrame(UDP4, 7, ByteOrder.LITTLE_ENDIAN), LinkType.NULL))
          .isEqualTo(DropReason.NOT_IP);
    }

    @Test
    void readsPppWithoutHdlcFraming() {
      assertThat(parse(PacketBuilder.pppFrame(UDP4, false), LinkType.PPP)).isNull();
      assertUdpFrom10001To10002();
    }

    @Test
    void treatsPppControlProtocolsAsNotIp() {
      byte[] lcp = {(byte) 0xff, 0x03, (byte) 0xc0, 0x21, 1, 1, 0, 4};
      assertThat(parse(lcp, LinkType.PPP)).isEqualTo(DropReason.NOT_IP);
    }

    @Test
    void readsNflogFromABigEndianHost() {
      assertThat(parse(PacketBuilder.nflogFrame(TCP6, ByteOrder.BIG_ENDIAN), LinkType.NFLOG))
          .isNull();
      assertTcpFromV6Client();
    }

    @Test
    void treatsNflogWithoutPayloadAsNotIp() {
      byte[] frame = Arrays.copyOf(PacketBuilder.nflogFrame(UDP4, ByteOrder.LITTLE_ENDIAN), 12);
      assertThat(parse(frame, LinkType.NFLOG)).isEqualTo(DropReason.NOT_IP);
    }

    @Test
    void rejectsRawVersionNibbleOtherThanFourOrSix() {
      assertThat(parseRaw(with(UDP4, 0, 0x55))).isEqualTo(DropReason.BAD_IP_VERSION);
      assertThat(parse(TCP6, LinkType.IPV4)).isEqualTo(DropReason.BAD_IP_VERSION);
      assertThat(parse(UDP4, LinkType.IPV6)).isEqualTo(DropReason.BAD_IP_VERSION);
    }

    @Test
    void readsVlanTaggedFrame() {
      byte[] frame = PacketBuilder.ipv4("10.0.0.1", "10.0.0.2").udp(5353, 53).ethernet(42);
      assertThat(parse(frame, LinkType.ETHERNET)).isNull();
      assertThat(out.vlanId).isEqualTo(42);
      assertThat(out.innerVlanId).isEqualTo(-1);
      assertThat(out.l3Offset).isEqualTo(18);
      assertUdpFrom10001To10002();
    }

    @Test
    void readsQinQOuterAndInnerVlan() {
      byte[] frame =
          PacketBuilder.ipv6("2001:db8::1", "2001:db8:0:1::80")
              .tcp(40000, 443, SYN, 1, 0)
              .ethernet(10, 20);
      assertThat(frame[12] & 0xff).isEqualTo(0x88);
      assertThat(parse(frame, LinkType.ETHERNET)).isNull();
      assertThat(out.vlanId).isEqualTo(10);
      assertThat(out.innerVlanId).isEqualTo(20);
      assertTcpFromV6Client();
    }

    @Test
    void walksAnyNumberOfTagsIncludingOld9100() {
      byte[] frame = withShort(PacketBuilder.frame(LinkType.ETHERNET, UDP4), 12, 0x9100);
      byte[] tagged = new byte[frame.length + 12];
      System.arraycopy(frame, 0, tagged, 0, 14);
      ByteBuffer.wrap(tagged)
          .putShort(14, (short) 7)
          .putShort(16, (short) 0x8100)
          .putShort(18, (short) 8)
          .putShort(20, (short) 0x8100)
          .putShort(22, (short) 9)
          .putShort(24, (short) 0x0800);
      System.arraycopy(frame, 14, tagged, 26, frame.length - 14);
      assertThat(parse(tagged, LinkType.ETHERNET)).isNull();
      assertThat(out.vlanId).isEqualTo(7);
      assertThat(out.innerVlanId).isEqualTo(8);
      assertUdpFrom10001To10002();
    }

    @Test
    void readsPppoeSessionIpv4AndIpv6() {
      byte[] v4 = PacketBuilder.ipv4("10.0.0.1", "10.0.0.2").udp(5353, 53).pppoeEthernet(0x1234);
      assertThat(parse(v4, LinkType.ETHERNET)).isNull();
      assertThat(out.l3Offset).isEqualTo(22);
      assertUdpFrom10001To10002();
      byte[] v6 =
          PacketBuilder.ipv6("2001:db8::1", "2001:db8:0:1::80")
              .tcp(40000, 443, SYN, 1, 0)
              .pppoeEthernet(7);
      assertThat(parse(v6, LinkType.ETHERNET)).isNull();
      assertTcpFromV6Client();
    }

    @Test
    void treatsPppoeControlAndArpAsNotIp() {
      byte[] lcp =
          withShort(
              PacketBuilder.ipv4("10.0.0.1", "10.0.0.2").udp(1, 2).pppoeEthernet(1), 20, 0xc021);
      assertThat(parse(lcp, LinkType.ETHERNET)).isEqualTo(DropReason.NOT_IP);
      byte[] arp = withShort(PacketBuilder.frame(LinkType.ETHERNET, UDP4), 12, 0x0806);
      assertThat(parse(arp, LinkType.ETHERNET)).isEqualTo(DropReason.NOT_IP);
      assertThat(out.sourceMac).isEqualTo(PacketBuilder.SOURCE_MAC);
    }

    @Test
    void popsMplsLabelsToTheIpHeader() {
      byte[] frame = PacketBuilder.frame(LinkType.ETHERNET, UDP4);
      byte[] labelled = new byte[frame.length + 8];
      System.arraycopy(frame, 0, labelled, 0, 12);
      ByteBuffer.wrap(labelled)
          .putShort(12, (short) 0x8847)
          .putInt(14, 0x0001_0040)
          .putInt(18, 0x0002_0140);
      System.arraycopy(frame, 14, labelled, 22, frame.length - 14);
      assertThat(parse(labelled, LinkType.ETHERNET)).isNull();
      assertUdpFrom10001To10002();
    }

    @Test
    void refusesUnknownLinkType() {
      assertThat(parse(UDP4, 147)).isEqualTo(DropReason.UNSUPPORTED_LINK_TYPE);
    }

    @Test
    void reportsTruncatedLinkHeaders() {
      byte[] ethernet = PacketBuilder.frame(LinkType.ETHERNET, UDP4);
      assertThat(parse(Arrays.copyOf(ethernet, 13), LinkType.ETHERNET))
          .isEqualTo(DropReason.TRUNCATED_LINK_HEADER);
      byte[] tagged = PacketBuilder.ipv4("10.0.0.1", "10.0.0.2").udp(1, 2).ethernet(5);
      assertThat(parse(Arrays.copyOf(tagged, 16), LinkType.ETHERNET))
          .isEqualTo(DropReason.TRUNCATED_LINK_HEADER);
      assertThat(parse(new byte[15], LinkType.LINUX_SLL))
          .isEqualTo(DropReason.TRUNCATED_LINK_HEADER);
      assertThat(parse(new byte[19], LinkType.LINUX_SLL2))
          .isEqualTo(DropReason.TRUNCATED_LINK_HEADER);
      assertThat(parse(new byte[3], LinkType.NULL)).isEqualTo(DropReason.TRUNCATED_LINK_HEADER);
      assertThat(parse(new byte[1], LinkType.PPP)).isEqualTo(DropReason.TRUNCATED_LINK_HEADER);
      assertThat(parse(new byte[] {0x21}, LinkType.PPP)).isEqualTo(DropReason.TRUNCATED_IP_HEADER);
    }

    @Test
    void dropsARecordWithNoCapturedBytesAsAnEmptyFrameOnEveryLinkType() {
      for (int linkType :
          new int[] {LinkType.ETHERNET, LinkType.PPP, LinkType.RAW, LinkType.NFLOG, 147}) {
        assertThat(parse(new byte[0], linkType))
            .as("link type %d", linkType)
            .isEqualTo(DropReason.EMPTY_FRAME);
      }
    }

    @Test
    void decodesAFrameInsideALargerSegment() {
      byte[] frame = PacketBuilder.frame(LinkType.ETHERNET, UDP4);
      byte[] file = new byte[100 + frame.length + 50];
      System.arraycopy(frame, 0, file, 100, frame.length);
      assertThat(
              PacketParser.parse(
                  MemorySegment.ofArray(file),
                  100,
                  frame.length,
                  frame.length,
                  LinkType.ETHERNET,
                  out))
          .isNull();
      assertThat(out.l3Offset).isEqualTo(114);
      assertUdpFrom10001To10002();
    }

    @Test
    void parsesFromAnL3Offset() {
      byte[] frame = PacketBuilder.frame(LinkType.LINUX_SLL, UDP4);
      assertThat(
              PacketParser.parseIp(MemorySegment.ofArray(frame), 16, UDP4.length, UDP4.length, out))
          .isNull();
      assertThat(out.l3Offset).isEqualTo(16);
      assertThat(out.sourceMac).isEqualTo(-1);
      assertUdpFrom10001To10002();
    }

    @Test
    void clearsWhatThePreviousPacketLeft() {
      parse(
          PacketBuilder.ipv4("10.0.0.1", "10.0.0.2").udp(5353, 53).ethernet(10, 20),
          LinkType.ETHERNET);
      assertThat(parse(TCP6, LinkType.RAW)).isNull();
      assertThat(out.vlanId).isEqualTo(-1);
      assertThat(out.innerVlanId).isEqualTo(-1);
      assertThat(out.sourceMac).isEqualTo(-1);
      assertTcpFromV6Client();
    }
  }

  @Nested
  class Ipv4 {
    @Test
    void walksValidOptions() {
      byte[] options = {1, 7, 7, 4, 0, 0, 0, 0, 0, 1, 0}; // NOP, record route (len 7), NOP, EOL
      byte[] packet =
          PacketBuilder.ipv4("10.0.0.1", "10.0.0.2").ipv4Options(options).udp(5353, 53).ip();
      assertThat(packet[0] & 0x0f).isEqualTo(8);
      assertThat(parseRaw(packet)).isNull();
      assertUdpFrom10001To10002();
      assertThat(out.ipLengthBytes).isEqualTo(32 + 8);
    }

    @Test
    void rejectsOptionRunningPastTheHeader() {
      byte[] packet =
          PacketBuilder.ipv4("10.0.0.1", "10.0.0.2")
              .ipv4Options(new byte[] {7, 9, 4})
              .udp(1, 2)
              .ip();
      assertThat(parseRaw(packet)).isEqualTo(DropReason.BAD_IP_OPTIONS);
    }

    @Test
    void rejectsOptionShorterThanTwo() {
      byte[] packet =
          PacketBuilder.ipv4("10.0.0.1", "10.0.0.2")
              .ipv4Options(new byte[] {1, 68, 1})
              .udp(1, 2)
              .ip();
      assertThat(parseRaw(packet)).isEqualTo(DropReason.BAD_IP_OPTIONS);
    }

    @Test
    void rejectsOptionWithoutLengthByteAtTheEnd() {
      byte[] packet =
          PacketBuilder.ipv4("10.0.0.1", "10.0.0.2")
              .ipv4Options(new byte[] {1, 1, 1, (byte) 0x83})
              .udp(1, 2)
              .ip();
      assertThat(parseRaw(packet)).isEqualTo(DropReason.BAD_IP_OPTIONS);
    }

    @Test
    void rejectsHeaderLengthBelowFiveWords() {
      assertThat(parseRaw(with(UDP4, 0, 0x44))).isEqualTo(DropReason.BAD_IP_HEADER_LENGTH);
    }

    @Test
    void rejectsHeaderLengthPastTheFrame() {
      byte[] packet = with(Arrays.copyOf(UDP4, 40), 0, 0x4f);
      assertThat(parseRaw(packet)).isEqualTo(DropReason.BAD_IP_HEADER_LENGTH);
    }

    @Test
    void rejectsTotalLengthShorterThanHeader() {
      assertThat(parseRaw(withShort(UDP4, 2, 19))).isEqualTo(DropReason.BAD_IP_TOTAL_LENGTH);
    }

    @Test
    void rejectsTotalLengthLongerThanTheWire() {
      assertThat(parseRaw(withShort(UDP4, 2, UDP4.length + 1)))
          .isEqualTo(DropReason.BAD_IP_TOTAL_LENGTH);
    }

    @Test
    void rejectsTruncatedHeader() {
      assertThat(parseRaw(Arrays.copyOf(UDP4, 19))).isEqualTo(DropReason.TRUNCATED_IP_HEADER);
    }

    @Test
    void acceptsSnaplenCutPacketWhoseHeadersWereCaptured() {
      byte[] packet =
          PacketBuilder.ipv4("10.0.0.1", "10.0.0.2")
              .tcp(1, 80, ACK | PSH, 5, 6)
              .payloadLength(1400)
              .ip();
      byte[] frame = PacketBuilder.frame(LinkType.ETHERNET, packet);
      DropReason reason =
          PacketParser.parse(
              MemorySegment.ofArray(frame), 0, 14 + 40, frame.length, LinkType.ETHERNET, out);
      assertThat(reason).isNull();
      assertThat(out.ipLengthBytes).isEqualTo(1440);
      assertThat(out.tcpPayloadBytes).isEqualTo(1400);
      assertThat(out.destinationPort).isEqualTo(80);
    }

    @Test
    void ignoresEthernetPaddingAfterTheIpPacket() {
      byte[] small = PacketBuilder.ipv4("10.0.0.1", "10.0.0.2").tcp(1, 80, ACK, 5, 6).ethernet();
      byte[] padded = Arrays.copyOf(small, 60);
      assertThat(parse(padded, LinkType.ETHERNET)).isNull();
      assertThat(out.ipLengthBytes).isEqualTo(40);
      assertThat(out.tcpPayloadBytes).isZero();
    }

    @Test
    void decodesFirstAndLaterFragments() {
      List<byte[]> fragments =
          PacketBuilder.ipv4("10.0.0.1", "10.0.0.2")
              .identification(0xbeef)
              .udp(5353, 53)
              .payloadLength(3000)
              .ipv4Fragments(1480);
      assertThat(fragments).hasSize(3);
      assertThat(parseRaw(fragments.get(0))).isNull();
      assertUdpFrom10001To10002();
      assertThat(out.fragment).isTrue();
      assertThat(out.firstFragment).isTrue();
      assertThat(out.moreFragments).isTrue();
      assertThat(out.fragmentOffsetBytes).isZero();
      assertThat(out.fragmentId).isEqualTo(0xbeef);

      assertThat(parseRaw(fragments.get(1))).isNull();
      assertThat(out.fragment).isTrue();
      assertThat(out.firstFragment).isFalse();
      assertThat(out.moreFragments).isTrue();
      assertThat(out.fragmentOffsetBytes).isEqualTo(1480);
      assertThat(out.hasPorts).isFalse();
      assertThat(out.sourcePort).isZero();
      assertThat(out.protocol).isEqualTo(17);

      assertThat(parseRaw(fragments.get(2))).isNull();
      assertThat(out.moreFragments).isFalse();
      assertThat(out.fragmentOffsetBytes).isEqualTo(2960);
      assertThat(out.ipLengthBytes).isEqualTo(20 + 3008 - 2960);
    }

    @Test
    void acceptsFirstFragmentWhoseTcpOptionsContinueInTheNext() {
      byte[] packet =
          PacketBuilder.ipv4("10.0.0.1", "10.0.0.2").tcp(1, 80, SYN, 1, 0).payloadLength(20).ip();
      packet[32] = (byte) 0xa0; // data offset 40 bytes
      byte[] first =
          PacketBuilder.ipv4("10.0.0.1", "10.0.0.2")
              .protocol(6)
              .payload(Arrays.copyOfRange(packet, 20, 44))
              .ipv4Fragments(24)
              .get(0);
      assertThat(parseRaw(with(first, 6, 0x20))).isNull();
      assertThat(out.destinationPort).isEqualTo(80);
      assertThat(out.tcpFlags).isEqualTo(SYN);
    }

    @Test
    void rejectsFragmentPastTheLargestDatagram() {
      byte[] fragment =
          PacketBuilder.ipv4("10.0.0.1", "10.0.0.2")
              .udp(1, 2)
              .payloadLength(100)
              .ipv4Fragments(64)
              .get(1);
      assertThat(parseRaw(withShort(fragment, 6, 0x1fff))).isEqualTo(DropReason.BAD_FRAGMENT);
    }
  }

  @Nested
  class Ipv6 {
    @Test
    void walksTheExtensionChainToTcp() {
      byte[] packet =
          PacketBuilder.ipv6("2001:db8::1", "2001:db8:0:1::80")
              .ipv6Extension(0, 8)
              .ipv6Extension(43, 24)
              .ipv6Extension(60, 16)
              .ipv6Extension(51, 24)
              .ipv6Extension(135, 8)
              .tcp(40000, 443, SYN, 1, 0)
              .payloadLength(5)
              .ip();
      assertThat(parseRaw(packet)).isNull();
      assertTcpFromV6Client();
      assertThat(out.ipLengthBytes).isEqualTo(packet.length);
      assertThat(out.tcpPayloadBytes).isEqualTo(5);
    }

    @Test
    void endsTheChainAtEsp() {
      byte[] packet =
          PacketBuilder.ipv6("2001:db8::1", "2001:db8::2")
              .ipv6Extension(60, 8)
              .protocol(50)
              .payloadLength(40)
              .ip();
      assertThat(parseRaw(packet)).isNull();
      assertThat(out.protocol).isEqualTo(50);
      assertThat(out.hasPorts).isTrue();
      assertThat(out.sourcePort).isZero();
    }

    @Test
    void endsTheChainAtNoNextHeader() {
      byte[] packet = PacketBuilder.ipv6("2001:db8::1", "2001:db8::2").protocol(59).ip();
      assertThat(parseRaw(packet)).isNull();
      assertThat(out.protocol).isEqualTo(59);
    }

    @Test
    void rejectsExtensionHeaderRunningPastThePayload() {
      byte[] packet =
          PacketBuilder.ipv6("2001:db8::1", "2001:db8::2").ipv6Extension(0, 8).protocol(59).ip();
      assertThat(parseRaw(with(packet, 41, 3))).isEqualTo(DropReason.BAD_IPV6_EXTENSION_HEADER);
    }

    @Test
    void reportsExtensionHeaderCutByTheCapture() {
      byte[] packet =
          PacketBuilder.ipv6("2001:db8::1", "2001:db8::2")
              .ipv6Extension(0, 8)
              .ipv6Extension(60, 8)
              .udp(1, 2)
              .ip();
      DropReason reason =
          PacketParser.parseIp(MemorySegment.ofArray(packet), 0, 48, packet.length, out);
      assertThat(reason).isEqualTo(DropReason.TRUNCATED_IP_HEADER);
    }

    @Test
    void rejectsPayloadLengthLongerThanTheWire() {
      assertThat(parseRaw(withShort(TCP6, 4, 21))).isEqualTo(DropReason.BAD_IP_TOTAL_LENGTH);
    }

    @Test
    void rejectsTruncatedHeader() {
      assertThat(parseRaw(Arrays.copyOf(TCP6, 39))).isEqualTo(DropReason.TRUNCATED_IP_HEADER);
    }

    @Test
    void readsTheFragmentHeader() {
      List<byte[]> fragments =
          PacketBuilder.ipv6("2001:db8::1", "2001:db8:0:1::80")
              .identification(0xcafe_f00d)
              .ipv6Extension(0, 8)
              .tcp(40000, 443, SYN, 1, 0)
              .payloadLength(2000)
              .ipv6Fragments(1232);
      assertThat(fragments).hasSize(2);
      assertThat(parseRaw(fragments.get(0))).isNull();
      assertTcpFromV6Client();
      assertThat(out.fragment).isTrue();
      assertThat(out.firstFragment).isTrue();
      assertThat(out.moreFragments).isTrue();
      assertThat(out.fragmentId).isEqualTo(0xcafe_f00dL);
      assertThat(out.ipLengthBytes).isEqualTo(40 + 8 + 8 + 1232);

      assertThat(parseRaw(fragments.get(1))).isNull();
      assertThat(out.firstFragment).isFalse();
      assertThat(out.moreFragments).isFalse();
      assertThat(out.fragmentOffsetBytes).isEqualTo(1232);
      assertThat(out.protocol).isEqualTo(6);
      assertThat(out.hasPorts).isFalse();
      assertThat(out.fragmentId).isEqualTo(0xcafe_f00dL);
    }
  }

  @Nested
  class Transport {
    /** A DNS header: ID 0x1234, then flags 0x8180 (QR = 1, RD, RA) or 0x0100 (a query, RD). */
    private static final byte[] DNS_RESPONSE = {
      0x12, 0x34, (byte) 0x81, (byte) 0x80, 0, 1, 0, 1, 0, 0, 0, 0
    };

    private static final byte[] DNS_QUERY = {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0};

    @Test
    void readsTheDnsResponseBitOfDatagramsToOrFromPort53() {
      assertThat(
              parseRaw(
                  PacketBuilder.ipv4("10.0.0.1", "10.0.0.2")
                      .udp(33_000, 53)
                      .payload(DNS_RESPONSE)
                      .ip()))
          .isNull();
      assertThat(out.dnsResponse).as("to port 53, QR = 1").isTrue();
      assertThat(
              parseRaw(
                  PacketBuilder.ipv4("10.0.0.2", "10.0.0.1")
                      .udp(53, 33_000)
                      .payload(DNS_RESPONSE)
                      .ip()))
          .isNull();
      assertThat(out.dnsResponse).as("from port 53, QR = 1").isTrue();
      assertThat(
              parseRaw(
                  PacketBuilder.ipv6("2001:db8::1", "2001:db8::2")
                      .udp(33_000, 53)
                      .payload(DNS_RESPONSE)
                      .ip()))
          .isNull();
      assertThat(out.dnsResponse).as("over IPv6").isTrue();
      assertThat(
              parseRaw(
                  PacketBuilder.ipv4("10.0.0.1", "10.0.0.2")
                      .udp(33_000, 53)
                      .payload(DNS_QUERY)
                      .ip()))
          .isNull();
      assertThat(out.dnsResponse).as("a query, QR = 0").isFalse();
    }

    @Test
    void leavesTheDnsResponseBitClearWithoutPort53OrWithoutTheFlagsByte() {
      assertThat(
              parseRaw(
                  PacketBuilder.ipv4("10.0.0.1", "10.0.0.2")
                      .udp(33_000, 5353)
                      .payload(DNS_RESPONSE)
                      .ip()))
          .isNull();
      assertThat(out.dnsResponse).as("mDNS port 5353").isFalse();
      assertThat(
              parseRaw(
                  PacketBuilder.ipv4("10.0.0.1", "10.0.0.2")
                      .tcp(33_000, 53, ACK, 1, 1)
                      .payload(DNS_RESPONSE)
                      .ip()))
          .isNull();
      assertThat(out.dnsResponse).as("DNS over TCP (a length prefix comes first)").isFalse();
      assertThat(
              parseRaw(
                  PacketBuilder.ipv4("10.0.0.1", "10.0.0.2")
                      .udp(33_000, 53)
                      .payload(Arrays.copyOf(DNS_RESPONSE, 2))
                      .ip()))
          .isNull();
      assertThat(out.dnsResponse).as("only two payload bytes: no flags").isFalse();
      byte[] truncated =
          PacketBuilder.ipv4("10.0.0.1", "10.0.0.2").udp(33_000, 53).payload(DNS_RESPONSE).ip();
      assertThat(
              PacketParser.parse(
                  MemorySegment.ofArray(truncated),
                  0,
                  20 + 8 + 2,
                  truncated.length,
                  LinkType.RAW,
                  out))
          .isNull();
      assertThat(out.dnsResponse).as("the flags byte not captured (snap length)").isFalse();
    }

    @Test
    void readsSctpPorts() {
      byte[] packet =
          PacketBuilder.ipv4("10.0.0.1", "10.0.0.2").sctp(2905, 2906).payloadLength(16).ip();
      assertThat(parseRaw(packet)).isNull();
      assertThat(out.protocol).isEqualTo(132);
      assertThat(out.sourcePort).isEqualTo(2905);
      assertThat(out.destinationPort).isEqualTo(2906);
    }

    @Test
    void givesGreNoPorts() {
      byte[] packet =
          PacketBuilder.ipv4("10.0.0.1", "10.0.0.2").protocol(47).payloadLength(24).ip();
      assertThat(parseRaw(packet)).isNull();
      assertThat(out.protocol).isEqualTo(47);
      assertThat(out.hasPorts).isTrue();
      assertThat(out.sourcePort).isZero();
      assertThat(out.destinationPort).isZero();
    }

    @Test
    void rejectsTruncatedTcpHeader() {
      byte[] packet = PacketBuilder.ipv4("10.0.0.1", "10.0.0.2").protocol(6).payloadLength(19).ip();
      assertThat(parseRaw(packet)).isEqualTo(DropReason.TRUNCATED_TCP_HEADER);
    }

    @Test
    void rejectsTcpDataOffsetBelowFiveWords() {
      byte[] packet = PacketBuilder.ipv4("10.0.0.1", "10.0.0.2").tcp(1, 2, ACK, 0, 0).ip();
      assertThat(parseRaw(with(packet, 32, 0x40))).isEqualTo(DropReason.BAD_TCP_DATA_OFFSET);
    }

    @Test
    void rejectsTcpDataOffsetPastTheSegment() {
      byte[] packet =
          PacketBuilder.ipv4("10.0.0.1", "10.0.0.2").tcp(1, 2, ACK, 0, 0).payloadLength(8).ip();
      assertThat(parseRaw(with(packet, 32, 0x80))).isEqualTo(DropReason.BAD_TCP_DATA_OFFSET);
    }

    @Test
    void reportsTcpOptionsCutByTheCapture() {
      byte[] packet =
          PacketBuilder.ipv4("10.0.0.1", "10.0.0.2").tcp(1, 2, ACK, 0, 0).payloadLength(20).ip();
      byte[] withOptions = with(packet, 32, 0x80);
      DropReason reason =
          PacketParser.parseIp(MemorySegment.ofArray(withOptions), 0, 44, withOptions.length, out);
      assertThat(reason).isEqualTo(DropReason.TRUNCATED_TCP_HEADER);
    }

    @Test
    void rejectsTruncatedUdpHeader() {
      byte[] packet = PacketBuilder.ipv4("10.0.0.1", "10.0.0.2").protocol(17).payloadLength(7).ip();
      assertThat(parseRaw(packet)).isEqualTo(DropReason.TRUNCATED_UDP_HEADER);
    }

    @Test
    void rejectsUdpLengthBelowEight() {
      assertThat(parseRaw(withShort(UDP4, 24, 7))).isEqualTo(DropReason.BAD_UDP_LENGTH);
    }

    @Test
    void rejectsUdpLengthLongerThanTheIpPayload() {
      assertThat(parseRaw(withShort(UDP4, 24, 29))).isEqualTo(DropReason.BAD_UDP_LENGTH);
    }

    @Test
    void rejectsTruncatedSctpAndIcmpHeaders() {
      assertThat(
              parseRaw(
                  PacketBuilder.ipv4("10.0.0.1", "10.0.0.2").protocol(132).payloadLength(11).ip()))
          .isEqualTo(DropReason.TRUNCATED_SCTP_HEADER);
      assertThat(
              parseRaw(
                  PacketBuilder.ipv4("10.0.0.1", "10.0.0.2").protocol(1).payloadLength(3).ip()))
          .isEqualTo(DropReason.TRUNCATED_ICMP_HEADER);
      assertThat(
              parseRaw(
                  PacketBuilder.ipv6("2001:db8::1", "2001:db8::2")
                      .protocol(58)
                      .payload(new byte[] {(byte) 128, 0, 0, 0, 0})
                      .ip()))
          .isEqualTo(DropReason.TRUNCATED_ICMP_HEADER);
    }
  }

  @Nested
  class Icmp {
    @Test
    void echoRequestPutsIdentifierInSourcePort() {
      byte[] packet =
          PacketBuilder.ipv4("10.0.0.1", "10.0.0.2")
              .icmpEcho(true, 0x1111, 7)
              .payloadLength(56)
              .ip();
      assertThat(parseRaw(packet)).isNull();
      assertThat(out.icmpEcho).isTrue();
      assertThat(out.icmpType).isEqualTo(8);
      assertThat(out.hasPorts).isTrue();
      assertThat(out.sourcePort).isEqualTo(0x1111);
      assertThat(out.destinationPort).isEqualTo(7);
    }

    @Test
    void echoReplyPutsIdentifierInDestinationPort() {
      byte[] packet = PacketBuilder.ipv4("10.0.0.2", "10.0.0.1").icmpEcho(false, 0x1111, 7).ip();
      assertThat(parseRaw(packet)).isNull();
      assertThat(out.icmpType).isZero();
      assertThat(out.sourcePort).isEqualTo(7);
      assertThat(out.destinationPort).isEqualTo(0x1111);
    }

    @Test
    void icmpv6EchoFollowsTheSameConvention() {
      byte[] request = PacketBuilder.ipv6("2001:db8::1", "2001:db8::2").icmpEcho(true, 9, 300).ip();
      assertThat(parseRaw(request)).isNull();
      assertThat(out.icmpType).isEqualTo(128);
      assertThat(out.icmpEcho).isTrue();
      assertThat(out.sourcePort).isEqualTo(9);
      assertThat(out.destinationPort).isEqualTo(300);
      byte[] reply = PacketBuilder.ipv6("2001:db8::2", "2001:db8::1").icmpEcho(false, 9, 300).ip();
      assertThat(parseRaw(reply)).isNull();
      assertThat(out.icmpType).isEqualTo(129);
      assertThat(out.sourcePort).isEqualTo(300);
      assertThat(out.destinationPort).isEqualTo(9);
    }

    @Test
    void otherIcmpTypesHaveZeroPorts() {
      byte[] advertisement =
          PacketBuilder.ipv4("10.0.0.1", "224.0.0.1")
              .protocol(1)
              .payload(new byte[] {9, 0, 0, 0, 1, 2, 3, 4})
              .ip();
      assertThat(parseRaw(advertisement)).isNull();
      assertThat(out.icmpType).isEqualTo(9);
      assertThat(out.icmpEcho).isFalse();
      assertThat(out.icmpError).isFalse();
      assertThat(out.hasPorts).isTrue();
      assertThat(out.sourcePort).isZero();
      byte[] solicitation =
          PacketBuilder.ipv6("fe80::1", "ff02::1:ff00:2")
              .protocol(58)
              .payload(new byte[] {(byte) 135, 0, 0, 0, 0, 0, 0, 0})
              .ip();
      assertThat(parseRaw(solicitation)).isNull();
      assertThat(out.icmpType).isEqualTo(135);
      assertThat(out.destinationPort).isZero();
    }

    @Test
    void destinationUnreachableQuotesUdp() {
      byte[] error = PacketBuilder.ipv4("192.0.2.1", "10.0.0.1").icmpError(3, 3, UDP4).ip();
      assertThat(parseRaw(error)).isNull();
      assertThat(out.icmpError).isTrue();
      assertThat(out.icmpType).isEqualTo(3);
      assertThat(out.icmpCode).isEqualTo(3);
      assertThat(out.hasPorts).isTrue();
      assertThat(out.sourcePort).isZero();
      assertThat(out.quotedProtocol).isEqualTo(17);
      assertThat(out.quotedSourceLo).isEqualTo(v4("10.0.0.1"));
      assertThat(out.quotedDestinationLo).isEqualTo(v4("10.0.0.2"));
      assertThat(out.quotedSourcePort).isEqualTo(5353);
      assertThat(out.quotedDestinationPort).isEqualTo(53);
    }

    @Test
    void timeExceededQuotesOnlyHeaderAndEightBytesOfTcp() {
      byte[] tcp = PacketBuilder.ipv4("10.0.0.1", "10.0.0.2").tcp(40000, 22, SYN, 1, 0).ip();
      byte[] error =
          PacketBuilder.ipv4("192.0.2.1", "10.0.0.1").icmpError(11, 0, Arrays.copyOf(tcp, 28)).ip();
      assertThat(parseRaw(error)).isNull();
      assertThat(out.icmpError).isTrue();
      assertThat(out.quotedProtocol).isEqualTo(6);
      assertThat(out.quotedSourcePort).isEqualTo(40000);
      assertThat(out.quotedDestinationPort).isEqualTo(22);
    }

    @Test
    void quotedEchoFollowsThePortConvention() {
      byte[] request = PacketBuilder.ipv4("10.0.0.1", "10.0.0.2").icmpEcho(true, 0x4242, 3).ip();
      assertThat(
              parseRaw(PacketBuilder.ipv4("192.0.2.1", "10.0.0.1").icmpError(11, 0, request).ip()))
          .isNull();
      assertThat(out.quotedProtocol).isEqualTo(1);
      assertThat(out.quotedSourcePort).isEqualTo(0x4242);
      assertThat(out.quotedDestinationPort).isEqualTo(3);
      byte[] reply = PacketBuilder.ipv4("10.0.0.2", "10.0.0.1").icmpEcho(false, 0x4242, 3).ip();
      assertThat(parseRaw(PacketBuilder.ipv4("192.0.2.1", "10.0.0.2").icmpError(3, 1, reply).ip()))
          .isNull();
      assertThat(out.quotedSourcePort).isEqualTo(3);
      assertThat(out.quotedDestinationPort).isEqualTo(0x4242);
    }

    @Test
    void icmpv6UnreachableQuotesUdpBehindAnExtensionHeader() {
      byte[] udp =
          PacketBuilder.ipv6("2001:db8::1", "2001:db8::2").ipv6Extension(60, 8).udp(5353, 53).ip();
      byte[] error = PacketBuilder.ipv6("2001:db8::ff", "2001:db8::1").icmpError(1, 4, udp).ip();
      assertThat(parseRaw(error)).isNull();
      assertThat(out.icmpError).isTrue();
      assertThat(out.quotedProtocol).isEqualTo(17);
      assertThat(out.quotedSourceHi).isEqualTo(IpAddress.parse("2001:db8::1").hi());
      assertThat(out.quotedSourceLo).isEqualTo(IpAddress.parse("2001:db8::1").lo());
      assertThat(out.quotedDestinationLo).isEqualTo(IpAddress.parse("2001:db8::2").lo());
      assertThat(out.quotedSourcePort).isEqualTo(5353);
      assertThat(out.quotedDestinationPort).isEqualTo(53);
    }

    @Test
    void icmpv6PacketTooBigQuotesTcpAndEcho() {
      byte[] error = PacketBuilder.ipv6("2001:db8::ff", "2001:db8::1").icmpError(2, 0, TCP6).ip();
      assertThat(parseRaw(error)).isNull();
      assertThat(out.quotedProtocol).isEqualTo(6);
      assertThat(out.quotedSourcePort).isEqualTo(40000);
      assertThat(out.quotedDestinationPort).isEqualTo(443);
      byte[] echo = PacketBuilder.ipv6("2001:db8::1", "2001:db8::2").icmpEcho(true, 5, 6).ip();
      assertThat(
              parseRaw(
                  PacketBuilder.ipv6("2001:db8::ff", "2001:db8::1").icmpError(3, 0, echo).ip()))
          .isNull();
      assertThat(out.quotedProtocol).isEqualTo(58);
      assertThat(out.quotedSourcePort).isEqualTo(5);
      assertThat(out.quotedDestinationPort).isEqualTo(6);
    }

    @Test
    void rejectsQuoteTooShortToNameASession() {
      byte[] shortQuote = Arrays.copyOf(UDP4, 24);
      assertThat(
              parseRaw(
                  PacketBuilder.ipv4("192.0.2.1", "10.0.0.1").icmpError(3, 3, shortQuote).ip()))
          .isEqualTo(DropReason.BAD_ICMP_ERROR_QUOTE);
      assertThat(out.icmpError).isFalse();
      assertThat(
              parseRaw(
                  PacketBuilder.ipv4("192.0.2.1", "10.0.0.1")
                      .icmpError(3, 3, Arrays.copyOf(UDP4, 12))
                      .ip()))
          .isEqualTo(DropReason.BAD_ICMP_ERROR_QUOTE);
      assertThat(
              parseRaw(
                  PacketBuilder.ipv6("2001:db8::ff", "2001:db8::1")
                      .icmpError(1, 0, Arrays.copyOf(TCP6, 44))
                      .ip()))
          .isEqualTo(DropReason.BAD_ICMP_ERROR_QUOTE);
      assertThat(parseRaw(PacketBuilder.ipv4("192.0.2.1", "10.0.0.1").icmpError(3, 3, TCP6).ip()))
          .isEqualTo(DropReason.BAD_ICMP_ERROR_QUOTE);
    }

    @Test
    void dropsAnIcmpv4ErrorCarriedByIpv6AsMalformed() {
      byte[] v4Error = PacketBuilder.ipv4("192.0.2.1", "10.0.0.1").icmpError(3, 3, UDP4).ip();
      byte[] icmp = Arrays.copyOfRange(v4Error, 20, v4Error.length);
      byte[] v6 =
          PacketBuilder.ipv6("2001:db8::ff", "2001:db8::1")
              .protocol(PacketBuilder.PROTOCOL_ICMP)
              .payload(icmp)
              .ip();
      assertThat(parseRaw(v6)).isEqualTo(DropReason.ICMP_IP_VERSION_MISMATCH);
      assertThat(out.icmpError).isFalse();
    }

    @Test
    void dropsAnIcmpv6ErrorCarriedByIpv4AsMalformed() {
      byte[] v6Error = PacketBuilder.ipv6("2001:db8::ff", "2001:db8::1").icmpError(1, 4, TCP6).ip();
      byte[] icmp = Arrays.copyOfRange(v6Error, 40, v6Error.length);
      byte[] v4 =
          PacketBuilder.ipv4("192.0.2.1", "10.0.0.1")
              .protocol(PacketBuilder.PROTOCOL_ICMPV6)
              .payload(icmp)
              .ip();
      assertThat(parseRaw(v4)).isEqualTo(DropReason.ICMP_IP_VERSION_MISMATCH);
      assertThat(out.icmpError).isFalse();
    }
  }
}
