package org.flowgate.dataplane.packet;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.dataplane.net.IpProtocol;

/**
 * Decodes one frame into a {@link PacketDescriptor}: link layer, IPv4 or IPv6 (with options,
 * extension headers and fragments), then TCP, UDP, SCTP or ICMP, including the header an ICMP error
 * quotes.
 *
 * <p>Thread: stateless; any thread may call it, each with its own descriptor.
 *
 * <p>Per-packet path: allocates nothing and never throws, whatever the bytes and lengths; every
 * frame it cannot decode comes back as a {@link DropReason}. Lengths: {@code capturedLengthBytes}
 * bounds every read, while the length on the wire ({@code originalLengthBytes}, at least the
 * captured length) is what IP total lengths are checked against, so a frame cut by a capture's
 * snapshot length is not malformed as long as the headers needed were captured.
 */
public final class PacketParser {
  private static final ValueLayout.OfShort U16 = Wire.U16;
  private static final ValueLayout.OfShort U16_LITTLE =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfInt U32 = Wire.U32;
  private static final ValueLayout.OfInt U32_LITTLE =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfLong U64 = Wire.U64;

  static final int ETHERTYPE_IPV4 = 0x0800;
  static final int ETHERTYPE_IPV6 = 0x86dd;
  static final int ETHERTYPE_VLAN = 0x8100;
  static final int ETHERTYPE_QINQ = 0x88a8;
  static final int ETHERTYPE_QINQ_OLD = 0x9100;
  static final int ETHERTYPE_PPPOE_SESSION = 0x8864;
  static final int ETHERTYPE_MPLS = 0x8847;
  static final int ETHERTYPE_MPLS_MULTICAST = 0x8848;
  static final int PPP_IPV4 = 0x0021;
  static final int PPP_IPV6 = 0x0057;

  /** UDP port of DNS; datagrams to or from it have {@link PacketDescriptor#dnsResponse} decoded. */
  public static final int DNS_PORT = 53;

  private static final int IPV6_HOP_BY_HOP = 0;
  private static final int IPV6_ROUTING = 43;
  private static final int IPV6_FRAGMENT = 44;
  private static final int IPV6_AUTHENTICATION = 51;
  private static final int IPV6_DESTINATION_OPTIONS = 60;
  private static final int IPV6_MOBILITY = 135;
  private static final int IPV6_HOST_IDENTITY = 139;
  private static final int IPV6_SHIM6 = 140;

  private static final int MAX_IP_LENGTH_BYTES = 65_535;

  private PacketParser() {}

  /*
   * Link layers, all fields big-endian unless marked:
   *
   *  Ethernet II (IEEE 802.3)      | dst MAC (6) | src MAC (6) | EtherType (2) | payload
   *  802.1Q / 802.1ad tag          | TPID 8100, 88a8 or 9100 (2) | PCP(3) DEI(1) VID(12) | type (2)
   *                                  (the TPID takes the EtherType's place; tags may repeat)
   *  PPPoE session (RFC 2516)      | ver 1 | type 1 | code 00 | session id (2) | length (2) |
   *                                | PPP protocol (2): 0021 IPv4, 0057 IPv6 | IP ...
   *  MPLS (RFC 3032)               | label (20) | TC (3) | S (1) | TTL (8) | ... until S = 1, IP
   *  Linux SLL (LINKTYPE 113)      | packet type (2) | ARPHRD (2) | addr len (2) | addr (8) | proto (2)
   *  Linux SLL2 (LINKTYPE 276)     | proto (2) | reserved (2) | ifindex (4) | ARPHRD (2) |
   *                                | packet type (1) | addr len (1) | addr (8)
   *  BSD loopback (LINKTYPE 0)     | address family, 4 bytes in the capturing host's order:
   *                                | 2 = IPv4; 24, 28, 30 = IPv6 (NetBSD/OpenBSD, FreeBSD, Darwin)
   *  PPP (LINKTYPE 9, RFC 1661/2)  | [ff 03] | protocol (2, or 1 when odd: RFC 1661 §6.5 PFC)
   *  NFLOG (LINKTYPE 239)          | family (1) | version (1) | resource id (2) | TLVs:
   *                                | length (2, host order) | type (2, host order) | value, to 4 |
   *                                  type 9 (NFULA_PAYLOAD) holds the IP packet
   *  RAW (101), IPV4 (228), IPV6 (229): the IP header starts the frame.
   */

  /**
   * Decodes the frame {@code [frameOffset, frameOffset + capturedLengthBytes)} of {@code segment}.
   * Clears {@code out} first, then fills every field it can; the caller sets {@code timestampNs}
   * and {@code captureInterfaceId} afterwards.
   *
   * @return null when the frame decoded, otherwise why not
   */
  public static DropReason parse(
      MemorySegment segment,
      long frameOffset,
      int capturedLengthBytes,
      int originalLengthBytes,
      int linkType,
      PacketDescriptor out) {
    return parse(
        segment, frameOffset, capturedLengthBytes, originalLengthBytes, linkType, out, true);
  }

  /**
   * {@link #parse}; {@code shortcut} false decodes every frame field by field, as the tests'
   * reference for {@link #plainIpv4}.
   */
  static DropReason parse(
      MemorySegment segment,
      long frameOffset,
      int capturedLengthBytes,
      int originalLengthBytes,
      int linkType,
      PacketDescriptor out,
      boolean shortcut) {
    out.clearFor(segment);
    out.linkType = linkType;
    out.frameOffset = frameOffset;
    out.capturedLengthBytes = capturedLengthBytes;
    out.originalLengthBytes = originalLengthBytes;
    if (segment == null
        || frameOffset < 0
        || capturedLengthBytes < 0
        || frameOffset > segment.byteSize()) {
      return DropReason.TRUNCATED_LINK_HEADER;
    }
    if (capturedLengthBytes == 0) {
      return DropReason.EMPTY_FRAME;
    }
    long end = frameOffset + Math.min(capturedLengthBytes, segment.byteSize() - frameOffset);
    long wireEnd = frameOffset + Math.max(capturedLengthBytes, originalLengthBytes);
    return switch (linkType) {
      case LinkType.ETHERNET ->
          shortcut && plainIpv4(segment, frameOffset, end, wireEnd, out)
              ? null
              : ethernet(segment, frameOffset, end, wireEnd, out);
      case LinkType.LINUX_SLL -> linuxSll(segment, frameOffset, end, wireEnd, out);
      case LinkType.LINUX_SLL2 -> linuxSll2(segment, frameOffset, end, wireEnd, out);
      case LinkType.RAW -> ip(segment, frameOffset, end, wireEnd, 0, out);
      case LinkType.IPV4 -> ip(segment, frameOffset, end, wireEnd, 4, out);
      case LinkType.IPV6 -> ip(segment, frameOffset, end, wireEnd, 6, out);
      case LinkType.NULL -> loopback(segment, frameOffset, end, wireEnd, out);
      case LinkType.PPP -> ppp(segment, frameOffset, end, wireEnd, out);
      case LinkType.NFLOG -> nflog(segment, frameOffset, end, wireEnd, out);
      default -> DropReason.UNSUPPORTED_LINK_TYPE;
    };
  }

  /**
   * Decodes an IP packet that starts at {@code l3Offset}, for callers without a link layer (a
   * tunnel's inner packet, a raw socket). Clears {@code out} first.
   *
   * @param availableBytes bytes of the packet present in {@code segment}
   * @param originalIpBytes bytes of the packet on the wire (at least {@code availableBytes})
   * @return null when the packet decoded, otherwise why not
   */
  public static DropReason parseIp(
      MemorySegment segment,
      long l3Offset,
      int availableBytes,
      int originalIpBytes,
      PacketDescriptor out) {
    return parse(segment, l3Offset, availableBytes, originalIpBytes, LinkType.RAW, out);
  }

  // ---------------------------------------------------------------- the common frame

  /**
   * Decodes the frame most traffic is made of in a handful of reads: untagged Ethernet II, IPv4
   * without options, not a fragment, UDP or TCP, every header captured and every length consistent.
   * For anything else it returns false having written nothing, and the general decoder below takes
   * the frame (including every frame it refuses, so drop reasons stay its own). What it writes is
   * exactly what the general decoder writes for the same frame.
   *
   * <pre>
   *  at + 6   source MAC (6) | EtherType (2) = 0800                              link
   *  at + 14  45 | TOS | total length (2) | identification (2) | flags, offset (2)  ip0
   *  at + 22  TTL | protocol | checksum (2) | source address (4)                 ip1
   *  at + 30  destination address (4)
   *  at + 34  UDP: source port | destination port | length | checksum (2 each)   l4
   *           TCP: source port | destination port | sequence (4)                l4
   *  at + 42  TCP: acknowledgement (4) | offset | flags | window (2)             tcp
   * </pre>
   */
  private static boolean plainIpv4(
      MemorySegment s, long at, long end, long wireEnd, PacketDescriptor out) {
    long available = end - at;
    if (available < 42) {
      return false;
    }
    long link = s.get(U64, at + 6);
    long ip0 = s.get(U64, at + 14);
    // version 4 with a 20-byte header; neither more fragments nor an offset (DF may be set)
    if ((link & 0xffff) != ETHERTYPE_IPV4 || (ip0 >>> 56) != 0x45 || (ip0 & 0x3fff) != 0) {
      return false;
    }
    long ip1 = s.get(U64, at + 22);
    int protocol = (int) (ip1 >>> 48) & 0xff;
    int totalBytes = (int) (ip0 >>> 32) & 0xffff;
    long ipAvailable = available - 14;
    long wire = Math.max(ipAvailable, Math.min(wireEnd - (at + 14), Integer.MAX_VALUE));
    if (totalBytes < 20 || totalBytes > wire) {
      return false;
    }
    int payloadBytes = totalBytes - 20;
    int capturedPayloadBytes = (int) Math.min(ipAvailable, totalBytes) - 20;
    long l4 = s.get(U64, at + 34);
    if (protocol == IpProtocol.UDP) {
      int udpLengthBytes = (int) (l4 >>> 16) & 0xffff;
      if (capturedPayloadBytes < 8 || udpLengthBytes < 8 || udpLengthBytes > payloadBytes) {
        return false;
      }
      if ((int) (l4 >>> 48) == DNS_PORT || ((int) (l4 >>> 32) & 0xffff) == DNS_PORT) {
        return false; // the general decoder reads the DNS header's QR bit
      }
      out.payloadOffset = at + 42;
      out.payloadBytes = Math.min(capturedPayloadBytes, udpLengthBytes) - 8;
    } else if (protocol == IpProtocol.TCP) {
      if (capturedPayloadBytes < 20) {
        return false;
      }
      long tcp = s.get(U64, at + 42);
      int dataOffsetBytes = ((int) (tcp >>> 28) & 0x0f) * 4;
      if (dataOffsetBytes < 20
          || dataOffsetBytes > payloadBytes
          || dataOffsetBytes > capturedPayloadBytes) {
        return false;
      }
      out.tcpSequence = l4 & 0xffff_ffffL;
      out.tcpAcknowledgement = tcp >>> 32;
      out.tcpFlags = (int) (tcp >>> 16) & 0xff;
      out.tcpWindow = (int) tcp & 0xffff;
      out.tcpPayloadBytes = Math.max(0, payloadBytes - dataOffsetBytes);
      out.payloadOffset = at + 34 + dataOffsetBytes;
      out.payloadBytes = capturedPayloadBytes - dataOffsetBytes;
    } else {
      return false;
    }
    out.sourceMac = link >>> 16;
    out.l3Offset = at + 14;
    out.ipVersion = 4;
    out.ipLengthBytes = totalBytes;
    out.ttl = (int) (ip1 >>> 56);
    out.protocol = protocol;
    out.sourceLo = IpAddress.mappedIpv4((int) ip1);
    out.destinationLo = IpAddress.mappedIpv4(s.get(U32, at + 30));
    out.fragmentId = (ip0 >>> 16) & 0xffff;
    out.hasPorts = true;
    out.l4Offset = at + 34;
    out.sourcePort = (int) (l4 >>> 48);
    out.destinationPort = (int) (l4 >>> 32) & 0xffff;
    return true;
  }

  // ---------------------------------------------------------------- link layers

  private static DropReason ethernet(
      MemorySegment s, long at, long end, long wireEnd, PacketDescriptor out) {
    if (end - at < 14) {
      return DropReason.TRUNCATED_LINK_HEADER;
    }
    out.sourceMac = mac(s, at + 6);
    return etherPayload(s, Wire.u16(s, at + 12), at + 14, end, wireEnd, out);
  }

  /** Follows VLAN tags, PPPoE and MPLS from an EtherType to the IP header. */
  private static DropReason etherPayload(
      MemorySegment s, int etherType, long at, long end, long wireEnd, PacketDescriptor out) {
    int type = etherType;
    long position = at;
    while (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ || type == ETHERTYPE_QINQ_OLD) {
      if (end - position < 4) {
        return DropReason.TRUNCATED_LINK_HEADER;
      }
      int vlan = Wire.u16(s, position) & 0x0fff;
      if (out.vlanId < 0) {
        out.vlanId = vlan;
      } else if (out.innerVlanId < 0) {
        out.innerVlanId = vlan;
      }
      type = Wire.u16(s, position + 2);
      position += 4;
    }
    return switch (type) {
      case ETHERTYPE_IPV4 -> ip(s, position, end, wireEnd, 4, out);
      case ETHERTYPE_IPV6 -> ip(s, position, end, wireEnd, 6, out);
      case ETHERTYPE_PPPOE_SESSION -> pppoe(s, position, end, wireEnd, out);
      case ETHERTYPE_MPLS, ETHERTYPE_MPLS_MULTICAST -> mpls(s, position, end, wireEnd, out);
      default -> DropReason.NOT_IP;
    };
  }

  private static DropReason pppoe(
      MemorySegment s, long at, long end, long wireEnd, PacketDescriptor out) {
    if (end - at < 8) {
      return DropReason.TRUNCATED_LINK_HEADER;
    }
    if (Wire.u8(s, at) != 0x11 || Wire.u8(s, at + 1) != 0) {
      return DropReason.NOT_IP; // not version 1 type 1, or not session data
    }
    return switch (Wire.u16(s, at + 6)) {
      case PPP_IPV4 -> ip(s, at + 8, end, wireEnd, 4, out);
      case PPP_IPV6 -> ip(s, at + 8, end, wireEnd, 6, out);
      default -> DropReason.NOT_IP; // LCP, IPCP, PAP ...
    };
  }

  private static DropReason mpls(
      MemorySegment s, long at, long end, long wireEnd, PacketDescriptor out) {
    long position = at;
    while (true) {
      if (end - position < 4) {
        return DropReason.TRUNCATED_LINK_HEADER;
      }
      boolean bottomOfStack = (Wire.u8(s, position + 2) & 1) != 0;
      position += 4;
      if (bottomOfStack) {
        break;
      }
    }
    if (end - position < 1) {
      return DropReason.TRUNCATED_IP_HEADER;
    }
    int version = Wire.u8(s, position) >>> 4;
    return version == 4 || version == 6
        ? ip(s, position, end, wireEnd, version, out)
        : DropReason.NOT_IP; // a pseudowire or something else under the labels
  }

  private static DropReason linuxSll(
      MemorySegment s, long at, long end, long wireEnd, PacketDescriptor out) {
    if (end - at < 16) {
      return DropReason.TRUNCATED_LINK_HEADER;
    }
    if (Wire.u16(s, at + 2) == 1 && Wire.u16(s, at + 4) == 6) {
      out.sourceMac = mac(s, at + 6);
    }
    return etherPayload(s, Wire.u16(s, at + 14), at + 16, end, wireEnd, out);
  }

  private static DropReason linuxSll2(
      MemorySegment s, long at, long end, long wireEnd, PacketDescriptor out) {
    if (end - at < 20) {
      return DropReason.TRUNCATED_LINK_HEADER;
    }
    if (Wire.u16(s, at + 8) == 1 && Wire.u8(s, at + 11) == 6) {
      out.sourceMac = mac(s, at + 12);
    }
    return etherPayload(s, Wire.u16(s, at), at + 20, end, wireEnd, out);
  }

  private static DropReason loopback(
      MemorySegment s, long at, long end, long wireEnd, PacketDescriptor out) {
    if (end - at < 4) {
      return DropReason.TRUNCATED_LINK_HEADER;
    }
    int family = s.get(U32_LITTLE, at);
    if ((family & 0xffff_0000) != 0) {
      family = Integer.reverseBytes(family); // written by a big-endian host
    }
    return switch (family) {
      case 2 -> ip(s, at + 4, end, wireEnd, 4, out);
      case 24, 28, 30 -> ip(s, at + 4, end, wireEnd, 6, out);
      default -> DropReason.NOT_IP;
    };
  }

  private static DropReason ppp(
      MemorySegment s, long at, long end, long wireEnd, PacketDescriptor out) {
    long position = at;
    if (end - position >= 2 && Wire.u8(s, position) == 0xff && Wire.u8(s, position + 1) == 0x03) {
      position += 2;
    }
    if (end - position < 1) {
      return DropReason.TRUNCATED_LINK_HEADER;
    }
    int protocol;
    if ((Wire.u8(s, position) & 1) != 0) {
      protocol = Wire.u8(s, position); // protocol field compressed to one byte
      position += 1;
    } else {
      if (end - position < 2) {
        return DropReason.TRUNCATED_LINK_HEADER;
      }
      protocol = Wire.u16(s, position);
      position += 2;
    }
    return switch (protocol) {
      case PPP_IPV4 -> ip(s, position, end, wireEnd, 4, out);
      case PPP_IPV6 -> ip(s, position, end, wireEnd, 6, out);
      default -> DropReason.NOT_IP;
    };
  }

  private static DropReason nflog(
      MemorySegment s, long at, long end, long wireEnd, PacketDescriptor out) {
    if (end - at < 4) {
      return DropReason.TRUNCATED_LINK_HEADER;
    }
    int family = Wire.u8(s, at);
    int version = family == 2 ? 4 : family == 10 ? 6 : 0;
    long position = at + 4;
    while (end - position >= 4) {
      // TLV length and type are in the capturing host's byte order: take the one that fits.
      long left = end - position;
      int length = s.get(U16_LITTLE, position) & 0xffff;
      int type = s.get(U16_LITTLE, position + 2) & 0xffff;
      if (length < 4 || length > left) {
        length = Wire.u16(s, position);
        type = Wire.u16(s, position + 2);
        if (length < 4 || length > left) {
          return DropReason.TRUNCATED_LINK_HEADER;
        }
      }
      if ((type & 0x3fff) == 9) {
        long payloadEnd = position + length;
        return ip(
            s,
            position + 4,
            payloadEnd,
            Math.max(payloadEnd, wireEnd - (end - payloadEnd)),
            version,
            out);
      }
      position += (length + 3) & ~3;
    }
    return DropReason.NOT_IP; // no NFULA_PAYLOAD
  }

  // ---------------------------------------------------------------- IP

  private static DropReason ip(
      MemorySegment s, long at, long end, long wireEnd, int expectedVersion, PacketDescriptor out) {
    long available = end - at;
    if (available < 1) {
      return DropReason.TRUNCATED_IP_HEADER;
    }
    int version = Wire.u8(s, at) >>> 4;
    if (expectedVersion != 0 && version != expectedVersion) {
      return DropReason.BAD_IP_VERSION;
    }
    long wire = Math.max(available, Math.min(wireEnd - at, Integer.MAX_VALUE));
    out.l3Offset = at;
    return switch (version) {
      case 4 -> ipv4(s, at, (int) Math.min(available, Integer.MAX_VALUE), (int) wire, out);
      case 6 -> ipv6(s, at, (int) Math.min(available, Integer.MAX_VALUE), (int) wire, out);
      default -> DropReason.BAD_IP_VERSION;
    };
  }

  /*
   * IPv4 header, RFC 791 §3.1:
   *
   *    0                   1                   2                   3
   *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   *   |Version|  IHL  |Type of Service|          Total Length         |
   *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   *   |         Identification        |Flags|      Fragment Offset    |  flags: 0, DF, MF
   *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+  offset in 8-byte units
   *   |  Time to Live |    Protocol   |         Header Checksum       |
   *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   *   |                       Source Address                          |
   *   |                    Destination Address                        |
   *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   *   |  Options: type 0 = end, 1 = no-op, else | type | length >= 2 | data ... |
   *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   */
  private static DropReason ipv4(
      MemorySegment s, long at, int available, int wire, PacketDescriptor out) {
    if (available < 20) {
      return DropReason.TRUNCATED_IP_HEADER;
    }
    int headerBytes = (Wire.u8(s, at) & 0x0f) * 4;
    if (headerBytes < 20 || headerBytes > available) {
      return DropReason.BAD_IP_HEADER_LENGTH;
    }
    int totalBytes = Wire.u16(s, at + 2);
    if (totalBytes < headerBytes || totalBytes > wire) {
      return DropReason.BAD_IP_TOTAL_LENGTH;
    }
    out.ipVersion = 4;
    out.ipLengthBytes = totalBytes;
    out.ttl = Wire.u8(s, at + 8);
    out.protocol = Wire.u8(s, at + 9);
    out.sourceLo = IpAddress.mappedIpv4(s.get(U32, at + 12));
    out.destinationLo = IpAddress.mappedIpv4(s.get(U32, at + 16));
    if (!ipv4OptionsValid(s, at + 20, at + headerBytes)) {
      return DropReason.BAD_IP_OPTIONS; // addresses and protocol read: the bad-option screen
    }
    int flagsAndOffset = Wire.u16(s, at + 6);
    int fragmentOffsetBytes = (flagsAndOffset & 0x1fff) * 8;
    boolean moreFragments = (flagsAndOffset & 0x2000) != 0;
    out.fragmentId = Wire.u16(s, at + 4);
    int payloadBytes = totalBytes - headerBytes;
    if (moreFragments || fragmentOffsetBytes != 0) {
      out.fragment = true;
      out.firstFragment = fragmentOffsetBytes == 0;
      out.moreFragments = moreFragments;
      out.fragmentOffsetBytes = fragmentOffsetBytes;
      if (fragmentOffsetBytes + payloadBytes > MAX_IP_LENGTH_BYTES) {
        return DropReason.BAD_FRAGMENT;
      }
      if (fragmentOffsetBytes != 0) {
        return null; // no transport header in this fragment: hasPorts stays false
      }
    }
    int capturedPayloadBytes = Math.min(available, totalBytes) - headerBytes;
    return transport(s, out.protocol, at + headerBytes, capturedPayloadBytes, payloadBytes, out);
  }

  private static boolean ipv4OptionsValid(MemorySegment s, long from, long end) {
    long position = from;
    while (position < end) {
      int type = Wire.u8(s, position);
      if (type == 0) {
        return true; // end of option list; the rest is padding
      }
      if (type == 1) {
        position++;
        continue;
      }
      if (end - position < 2) {
        return false;
      }
      int length = Wire.u8(s, position + 1);
      if (length < 2 || length > end - position) {
        return false;
      }
      position += length;
    }
    return true;
  }

  /*
   * IPv6 header, RFC 8200 §3, then extension headers (§4):
   *
   *    0                   1                   2                   3
   *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   *   |Version| Traffic Class |           Flow Label                  |
   *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   *   |         Payload Length        |  Next Header  |   Hop Limit   |
   *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   *   |                Source Address (128 bits, 8..23)               |
   *   |             Destination Address (128 bits, 24..39)            |
   *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   *
   *   Hop-by-hop (0), routing (43), destination options (60), mobility (135), HIP (139),
   *   shim6 (140): | next header | length in 8-byte units, not counting the first 8 | ...
   *   Authentication (51, RFC 4302): | next header | length in 4-byte units minus 2 | ...
   *   Fragment (44, RFC 8200 §4.5):
   *   | next header | reserved | fragment offset (13) | res (2) | M | identification (32) |
   *   ESP (50), no next header (59) and every upper layer end the chain.
   */
  private static DropReason ipv6(
      MemorySegment s, long at, int available, int wire, PacketDescriptor out) {
    if (available < 40) {
      return DropReason.TRUNCATED_IP_HEADER;
    }
    int payloadLengthBytes = Wire.u16(s, at + 4);
    int totalBytes = 40 + payloadLengthBytes;
    if (totalBytes > wire) {
      return DropReason.BAD_IP_TOTAL_LENGTH;
    }
    out.ipVersion = 6;
    out.ipLengthBytes = totalBytes;
    out.ttl = Wire.u8(s, at + 7);
    out.sourceHi = s.get(U64, at + 8);
    out.sourceLo = s.get(U64, at + 16);
    out.destinationHi = s.get(U64, at + 24);
    out.destinationLo = s.get(U64, at + 32);
    int capturedBytes = Math.min(available, totalBytes);
    long walked = walkExtensionHeaders(s, at, Wire.u8(s, at + 6), capturedBytes, totalBytes, out);
    if (walked == WALK_TRUNCATED) {
      return DropReason.TRUNCATED_IP_HEADER;
    }
    if (walked < 0) {
      return DropReason.BAD_IPV6_EXTENSION_HEADER;
    }
    int headerBytes = (int) (walked >>> 16);
    out.protocol = (int) (walked & 0xff);
    if (headerBytes > capturedBytes) {
      return DropReason.TRUNCATED_IP_HEADER; // the last extension header was cut by the snaplen
    }
    int payloadBytes = totalBytes - headerBytes;
    if (out.fragment) {
      if (out.fragmentOffsetBytes + payloadBytes > MAX_IP_LENGTH_BYTES) {
        return DropReason.BAD_FRAGMENT;
      }
      if (!out.firstFragment) {
        return null;
      }
    }
    return transport(
        s, out.protocol, at + headerBytes, capturedBytes - headerBytes, payloadBytes, out);
  }

  private static final long WALK_BAD = -1;
  private static final long WALK_TRUNCATED = -2;
  private static final long WALK_NON_FIRST_FRAGMENT = 1L << 8;

  /**
   * Walks the extension headers after the 40-byte header at {@code at}. Returns {@code (headerBytes
   * << 16) | (nonFirstFragment ? 1 << 8 : 0) | upperLayerProtocol}, or {@link #WALK_TRUNCATED} when
   * a header needed was not captured, or {@link #WALK_BAD} when one runs past {@code
   * declaredBytes}. When {@code fragmentInto} is not null its fragment fields are set.
   */
  private static long walkExtensionHeaders(
      MemorySegment s,
      long at,
      int firstNextHeader,
      int capturedBytes,
      int declaredBytes,
      PacketDescriptor fragmentInto) {
    int next = firstNextHeader;
    int offset = 40;
    boolean nonFirstFragment = false;
    while (true) {
      int headerBytes;
      switch (next) {
        case IPV6_HOP_BY_HOP,
            IPV6_ROUTING,
            IPV6_DESTINATION_OPTIONS,
            IPV6_MOBILITY,
            IPV6_HOST_IDENTITY,
            IPV6_SHIM6 -> {
          if (offset + 2 > capturedBytes) {
            return offset + 2 > declaredBytes ? WALK_BAD : WALK_TRUNCATED;
          }
          headerBytes = (Wire.u8(s, at + offset + 1) + 1) * 8;
        }
        case IPV6_AUTHENTICATION -> {
          if (offset + 2 > capturedBytes) {
            return offset + 2 > declaredBytes ? WALK_BAD : WALK_TRUNCATED;
          }
          headerBytes = (Wire.u8(s, at + offset + 1) + 2) * 4;
        }
        case IPV6_FRAGMENT -> {
          if (offset + 8 > capturedBytes) {
            return offset + 8 > declaredBytes ? WALK_BAD : WALK_TRUNCATED;
          }
          headerBytes = 8;
          int offsetAndFlags = Wire.u16(s, at + offset + 2);
          int fragmentOffsetBytes = offsetAndFlags & 0xfff8;
          nonFirstFragment = fragmentOffsetBytes != 0;
          if (fragmentInto != null) {
            fragmentInto.fragment = true;
            fragmentInto.firstFragment = fragmentOffsetBytes == 0;
            fragmentInto.moreFragments = (offsetAndFlags & 1) != 0;
            fragmentInto.fragmentOffsetBytes = fragmentOffsetBytes;
            fragmentInto.fragmentId = s.get(U32, at + offset + 4) & 0xffff_ffffL;
          }
        }
        default -> {
          return ((long) offset << 16) | (nonFirstFragment ? WALK_NON_FIRST_FRAGMENT : 0) | next;
        }
      }
      if (offset + headerBytes > declaredBytes) {
        return WALK_BAD;
      }
      next = Wire.u8(s, at + offset);
      offset += headerBytes;
    }
  }

  // ---------------------------------------------------------------- transport

  /*
   * TCP header, RFC 793 §3.1 (RFC 9293):
   *
   *    0                   1                   2                   3
   *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   *   |          Source Port          |       Destination Port        |
   *   |                        Sequence Number                        |
   *   |                    Acknowledgment Number                      |
   *   |  Data |       |C|E|U|A|P|R|S|F|                               |
   *   | Offset| Rsrvd |W|C|R|C|S|S|Y|I|            Window             |
   *   |       |       |R|E|G|K|H|T|N|N|                               |
   *   |           Checksum            |         Urgent Pointer        |
   *   |                    Options (to Data Offset * 4)               |
   *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   *
   * UDP, RFC 768:   | source port | destination port | length (>= 8) | checksum |
   * SCTP, RFC 9260: | source port | destination port | verification tag (32) | checksum (32) |
   * ICMP, RFC 792 / ICMPv6, RFC 4443:
   *   | type | code | checksum | rest of header (32): echo = identifier (16), sequence (16) |
   *   errors: rest unused (or MTU / pointer), then as much of the offending packet as fits
   */
  private static DropReason transport(
      MemorySegment s,
      int protocol,
      long at,
      int capturedBytes,
      int segmentBytes,
      PacketDescriptor out) {
    out.hasPorts = true;
    out.l4Offset = at;
    // In a first fragment the transport header and lengths describe the whole datagram, of
    // which this packet holds only the start: options may continue in the next fragment.
    boolean wholeDatagram = !out.fragment;
    switch (protocol) {
      case IpProtocol.TCP -> {
        if (capturedBytes < 20) {
          return DropReason.TRUNCATED_TCP_HEADER;
        }
        int dataOffsetBytes = (Wire.u8(s, at + 12) >>> 4) * 4;
        if (dataOffsetBytes < 20 || (wholeDatagram && dataOffsetBytes > segmentBytes)) {
          return DropReason.BAD_TCP_DATA_OFFSET;
        }
        if (wholeDatagram && dataOffsetBytes > capturedBytes) {
          return DropReason.TRUNCATED_TCP_HEADER;
        }
        out.sourcePort = Wire.u16(s, at);
        out.destinationPort = Wire.u16(s, at + 2);
        out.tcpSequence = s.get(U32, at + 4) & 0xffff_ffffL;
        out.tcpAcknowledgement = s.get(U32, at + 8) & 0xffff_ffffL;
        out.tcpFlags = Wire.u8(s, at + 13);
        out.tcpWindow = Wire.u16(s, at + 14);
        out.tcpPayloadBytes = Math.max(0, segmentBytes - dataOffsetBytes);
        out.payloadOffset = at + dataOffsetBytes;
        out.payloadBytes = Math.max(0, Math.min(capturedBytes, segmentBytes) - dataOffsetBytes);
        return null;
      }
      case IpProtocol.UDP -> {
        if (capturedBytes < 8) {
          return DropReason.TRUNCATED_UDP_HEADER;
        }
        int udpLengthBytes = Wire.u16(s, at + 4);
        if (udpLengthBytes < 8 || (wholeDatagram && udpLengthBytes > segmentBytes)) {
          return DropReason.BAD_UDP_LENGTH;
        }
        out.sourcePort = Wire.u16(s, at);
        out.destinationPort = Wire.u16(s, at + 2);
        out.payloadOffset = at + 8;
        out.payloadBytes = Math.max(0, Math.min(capturedBytes, udpLengthBytes) - 8);
        // DNS header (RFC 1035 §4.1.1): | ID (16) | QR(1) Opcode(4) AA TC RD | RA Z RCODE | ...
        if ((out.sourcePort == DNS_PORT || out.destinationPort == DNS_PORT)
            && capturedBytes >= 8 + 3
            && udpLengthBytes >= 8 + 3) {
          out.dnsResponse = (Wire.u8(s, at + 10) & 0x80) != 0;
        }
        return null;
      }
      case IpProtocol.SCTP -> {
        if (capturedBytes < 12) {
          return DropReason.TRUNCATED_SCTP_HEADER;
        }
        out.sourcePort = Wire.u16(s, at);
        out.destinationPort = Wire.u16(s, at + 2);
        return null;
      }
      case IpProtocol.ICMP, IpProtocol.ICMPV6 -> {
        boolean v6 = protocol == IpProtocol.ICMPV6;
        if (v6 != (out.ipVersion == 6)) {
          return DropReason.ICMP_IP_VERSION_MISMATCH;
        }
        return icmp(s, v6, at, capturedBytes, out);
      }
      default -> {
        return null; // GRE, ESP, AH, OSPF ...: no ports
      }
    }
  }

  private static DropReason icmp(
      MemorySegment s, boolean v6, long at, int capturedBytes, PacketDescriptor out) {
    if (capturedBytes < 4) {
      return DropReason.TRUNCATED_ICMP_HEADER;
    }
    int type = Wire.u8(s, at);
    out.icmpType = type;
    out.icmpCode = Wire.u8(s, at + 1);
    int echo = echoKind(v6, type);
    if (echo != NOT_ECHO) {
      if (capturedBytes < 8) {
        return DropReason.TRUNCATED_ICMP_HEADER;
      }
      out.icmpEcho = true;
      int identifier = Wire.u16(s, at + 4);
      int sequence = Wire.u16(s, at + 6);
      out.sourcePort = echo == ECHO_REQUEST ? identifier : sequence;
      out.destinationPort = echo == ECHO_REQUEST ? sequence : identifier;
      return null;
    }
    if (!isError(v6, type)) {
      return null;
    }
    if (capturedBytes < 8) {
      return DropReason.TRUNCATED_ICMP_HEADER;
    }
    DropReason quote = quotedPacket(s, v6, at + 8, capturedBytes - 8, out);
    if (quote == null) {
      out.icmpError = true;
    }
    return quote;
  }

  private static final int NOT_ECHO = 0;
  private static final int ECHO_REQUEST = 1;
  private static final int ECHO_REPLY = 2;

  private static int echoKind(boolean v6, int type) {
    if (v6) {
      return type == 128 ? ECHO_REQUEST : type == 129 ? ECHO_REPLY : NOT_ECHO;
    }
    return type == 8 ? ECHO_REQUEST : type == 0 ? ECHO_REPLY : NOT_ECHO;
  }

  private static boolean isError(boolean v6, int type) {
    if (v6) {
      return type >= 1 && type <= 4;
    }
    return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
  }

  /** Decodes the IP header and first 8 transport bytes an ICMP error quotes. */
  private static DropReason quotedPacket(
      MemorySegment s, boolean v6, long at, int quotedBytes, PacketDescriptor out) {
    int headerBytes;
    boolean nonFirstFragment;
    out.quotedL3Offset = at;
    if (!v6) {
      if (quotedBytes < 20 || (Wire.u8(s, at) >>> 4) != 4) {
        return DropReason.BAD_ICMP_ERROR_QUOTE;
      }
      headerBytes = (Wire.u8(s, at) & 0x0f) * 4;
      if (headerBytes < 20 || headerBytes > quotedBytes) {
        return DropReason.BAD_ICMP_ERROR_QUOTE;
      }
      out.quotedProtocol = Wire.u8(s, at + 9);
      out.quotedSourceLo = IpAddress.mappedIpv4(s.get(U32, at + 12));
      out.quotedDestinationLo = IpAddress.mappedIpv4(s.get(U32, at + 16));
      nonFirstFragment = (Wire.u16(s, at + 6) & 0x1fff) != 0;
    } else {
      if (quotedBytes < 40 || (Wire.u8(s, at) >>> 4) != 6) {
        return DropReason.BAD_ICMP_ERROR_QUOTE;
      }
      long walked = walkExtensionHeaders(s, at, Wire.u8(s, at + 6), quotedBytes, quotedBytes, null);
      if (walked < 0) {
        return DropReason.BAD_ICMP_ERROR_QUOTE;
      }
      headerBytes = (int) (walked >>> 16);
      nonFirstFragment = (walked & WALK_NON_FIRST_FRAGMENT) != 0;
      out.quotedProtocol = (int) (walked & 0xff);
      out.quotedSourceHi = s.get(U64, at + 8);
      out.quotedSourceLo = s.get(U64, at + 16);
      out.quotedDestinationHi = s.get(U64, at + 24);
      out.quotedDestinationLo = s.get(U64, at + 32);
    }
    if (nonFirstFragment) {
      return null; // the quote holds no transport header
    }
    int protocol = out.quotedProtocol;
    boolean hasPorts =
        protocol == IpProtocol.TCP
            || protocol == IpProtocol.UDP
            || protocol == IpProtocol.SCTP
            || protocol == (v6 ? IpProtocol.ICMPV6 : IpProtocol.ICMP);
    if (!hasPorts) {
      return null;
    }
    if (quotedBytes - headerBytes < 8) {
      return DropReason.BAD_ICMP_ERROR_QUOTE;
    }
    long transport = at + headerBytes;
    out.quotedL4Offset = transport;
    if (protocol == IpProtocol.ICMP || protocol == IpProtocol.ICMPV6) {
      int echo = echoKind(v6, Wire.u8(s, transport));
      if (echo != NOT_ECHO) {
        int identifier = Wire.u16(s, transport + 4);
        int sequence = Wire.u16(s, transport + 6);
        out.quotedSourcePort = echo == ECHO_REQUEST ? identifier : sequence;
        out.quotedDestinationPort = echo == ECHO_REQUEST ? sequence : identifier;
      }
      return null;
    }
    out.quotedSourcePort = Wire.u16(s, transport);
    out.quotedDestinationPort = Wire.u16(s, transport + 2);
    return null;
  }

  // ---------------------------------------------------------------- reads

  private static long mac(MemorySegment s, long offset) {
    return ((long) Wire.u16(s, offset) << 32) | (s.get(U32, offset + 2) & 0xffff_ffffL);
  }
}
