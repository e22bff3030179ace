package org.flowgate.dataplane.packet;

import static org.flowgate.dataplane.packet.Wire.setU16;
import static org.flowgate.dataplane.packet.Wire.setU32;
import static org.flowgate.dataplane.packet.Wire.setU64;
import static org.flowgate.dataplane.packet.Wire.setU8;
import static org.flowgate.dataplane.packet.Wire.u16;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.net.IpProtocol;

/**
 * Builds the packets a firewall sends back itself, in a frame of the same kind as the packet that
 * caused them, returning to where that packet came from: the TCP RST and the ICMP "port
 * unreachable" with which a {@code reject} policy answers a first packet, and the ICMP errors a
 * router sends about a packet it cannot forward (time exceeded, fragmentation needed / packet too
 * big), from the address of the interface the packet came in on.
 *
 * <pre>
 * answer to TCP (RFC 9293 §3.10.7.1, reset generation), from the packet's destination:
 *   cause has ACK:  RST,     seq = cause's ack
 *   otherwise:      RST|ACK, seq = 0, ack = cause's seq + payload (+1 for SYN, +1 for FIN)
 *   IPv4 20 bytes (TTL 64, DF) or IPv6 40 bytes (hop limit 64) | TCP 20 bytes, window 0
 *
 * answer to UDP, from the packet's destination:
 *   IPv4: ICMP type 3 code 3 (RFC 792), the cause's IP packet quoted up to 576 bytes in all
 *         (RFC 1812 §4.3.2.3)
 *   IPv6: ICMPv6 type 1 code 4 (RFC 4443 §3.1), quoted up to 1280 bytes in all
 *
 * router errors, from the ingress interface's address, quoted as above:
 *   time exceeded          IPv4 type 11 code 0          ICMPv6 type 3 code 0
 *   too big for the link   IPv4 type 3 code 4, MTU in   ICMPv6 type 2 code 0, MTU in
 *                          bytes 6-7 (RFC 1191)          bytes 4-7 (RFC 4443 §3.2)
 *   none about an ICMP error, a non-first fragment or a multicast or broadcast destination
 *
 * link layer: the cause's, copied; Ethernet swaps its MAC addresses (VLAN tags kept); PPPoE gets
 * the new length. NFLOG (a log of packets, not a link) gets no answer.
 * </pre>
 *
 * <p>Thread: stateless; any thread. Writes only into the buffer it is given; allocates nothing.
 */
public final class ResponseBuilder {
  /** Room enough for any answer: the longest link header and a 1280-byte IPv6 packet. */
  public static final int MAXIMUM_FRAME_BYTES = 2048;

  private static final int IPV4_LIMIT_BYTES = 576;
  private static final int IPV6_LIMIT_BYTES = 1280;
  private static final int TTL = 64;
  private static final int ETHERTYPE_VLAN = 0x8100;
  private static final int ETHERTYPE_QINQ = 0x88a8;
  private static final int ETHERTYPE_QINQ_OLD = 0x9100;
  private static final int ETHERTYPE_PPPOE_SESSION = 0x8864;

  private ResponseBuilder() {}

  /**
   * Writes the reject answer to {@code cause} into {@code out} from offset 0: a RST for TCP, a port
   * unreachable for UDP. Returns the frame's length, or -1 when there is no answer (another
   * protocol, a non-first fragment, an answer to a RST, a link type with no frame to answer in, a
   * header that was not captured).
   */
  public static int rejectAnswer(PacketDescriptor cause, MemorySegment out) {
    if (cause.fragment && !cause.firstFragment) {
      return -1;
    }
    if (cause.protocol == IpProtocol.TCP) {
      return (cause.tcpFlags & TcpFlags.RST) != 0 ? -1 : tcpReset(cause, out);
    }
    if (cause.protocol == IpProtocol.UDP) {
      return portUnreachable(cause, out);
    }
    return -1;
  }

  private static int tcpReset(PacketDescriptor cause, MemorySegment out) {
    int l3 = linkHeader(cause, out);
    if (l3 < 0 || cause.l4Offset == 0) {
      return -1;
    }
    boolean v6 = cause.ipVersion == 6;
    int ipBytes = v6 ? 40 : 20;
    int tcp = l3 + ipBytes;
    int length = ipBytes + 20;
    ipHeader(cause, out, l3, length, IpProtocol.TCP);
    setU16(out, tcp, cause.destinationPort);
    setU16(out, tcp + 2, cause.sourcePort);
    boolean acked = (cause.tcpFlags & TcpFlags.ACK) != 0;
    long acknowledgement =
        cause.tcpSequence
            + cause.tcpPayloadBytes
            + ((cause.tcpFlags & TcpFlags.SYN) != 0 ? 1 : 0)
            + ((cause.tcpFlags & TcpFlags.FIN) != 0 ? 1 : 0);
    setU32(out, tcp + 4, acked ? cause.tcpAcknowledgement : 0);
    setU32(out, tcp + 8, acked ? 0 : acknowledgement & 0xffff_ffffL);
    setU8(out, tcp + 12, 5 << 4);
    setU8(out, tcp + 13, acked ? TcpFlags.RST : TcpFlags.RST | TcpFlags.ACK);
    setU16(out, tcp + 14, 0); // window
    setU16(out, tcp + 16, 0); // checksum, below
    setU16(out, tcp + 18, 0); // urgent pointer
    setU16(out, tcp + 16, transportChecksum(out, l3, v6, tcp, 20, IpProtocol.TCP));
    return tcp + 20;
  }

  private static int portUnreachable(PacketDescriptor cause, MemorySegment out) {
    boolean v6 = cause.ipVersion == 6;
    return icmpError(
        cause,
        out,
        v6 ? 1 : 3, // destination unreachable
        v6 ? 4 : 3, // port unreachable
        0,
        cause.destinationHi,
        cause.destinationLo);
  }

  /**
   * Writes an ICMP "time exceeded in transit" about {@code cause} (IPv4 type 11 code 0, RFC 792;
   * ICMPv6 type 3 code 0, RFC 4443 §3.3) from {@code fromHi}/{@code fromLo}, the address of the
   * interface the packet came in on (RFC 1812 §4.3.2.4). Returns the frame's length, or -1 when no
   * error may be sent about it (see {@link #mayAnswerWithError}).
   */
  public static int timeExceeded(
      PacketDescriptor cause, MemorySegment out, long fromHi, long fromLo) {
    if (!mayAnswerWithError(cause)) {
      return -1;
    }
    boolean v6 = cause.ipVersion == 6;
    return icmpError(cause, out, v6 ? 3 : 11, 0, 0, fromHi, fromLo);
  }

  /**
   * Writes the answer to a packet too big for the next link: IPv4 "fragmentation needed and DF set"
   * (type 3 code 4) with the next-hop MTU (RFC 1191 §4), or ICMPv6 "packet too big" (type 2, RFC
   * 4443 §3.2) with the MTU, from {@code fromHi}/{@code fromLo}. Returns the frame's length or -1.
   */
  public static int packetTooBig(
      PacketDescriptor cause, MemorySegment out, int mtuBytes, long fromHi, long fromLo) {
    if (!mayAnswerWithError(cause)) {
      return -1;
    }
    boolean v6 = cause.ipVersion == 6;
    return icmpError(
        cause, out, v6 ? 2 : 3, v6 ? 0 : 4, v6 ? mtuBytes : mtuBytes & 0xffff, fromHi, fromLo);
  }

  /**
   * True unless RFC 1812 §4.3.2.7 (and RFC 4443 §2.4 e) forbids an ICMP error about the packet: it
   * is itself an ICMP error, a fragment other than the first, or sent to a multicast address.
   */
  public static boolean mayAnswerWithError(PacketDescriptor cause) {
    if (cause.icmpError || (cause.fragment && !cause.firstFragment)) {
      return false;
    }
    if (cause.ipVersion == 6) {
      return (cause.destinationHi >>> 56) != 0xff;
    }
    int destination = (int) cause.destinationLo;
    return (destination >>> 28) != 0xe && destination != -1;
  }

  /**
   * An ICMP error of {@code type}/{@code code} whose second word is {@code word}, quoting as much
   * of the cause as RFC 1812 §4.3.2.3 (576 bytes in all) or RFC 4443 §2.4 c (1280) allow, from
   * {@code fromHi}/{@code fromLo} to the cause's source.
   */
  private static int icmpError(
      PacketDescriptor cause,
      MemorySegment out,
      int type,
      int code,
      long word,
      long fromHi,
      long fromLo) {
    int l3 = linkHeader(cause, out);
    if (l3 < 0) {
      return -1;
    }
    boolean v6 = cause.ipVersion == 6;
    int ipBytes = v6 ? 40 : 20;
    int limit = v6 ? IPV6_LIMIT_BYTES : IPV4_LIMIT_BYTES;
    long capturedIp = cause.frameOffset + cause.capturedLengthBytes - cause.l3Offset;
    int quoted = (int) Math.min(Math.min(capturedIp, cause.ipLengthBytes), limit - ipBytes - 8);
    if (quoted <= 0) {
      return -1;
    }
    int icmp = l3 + ipBytes;
    int length = ipBytes + 8 + quoted;
    int protocol = v6 ? IpProtocol.ICMPV6 : IpProtocol.ICMP;
    ipHeader(cause, out, l3, length, protocol, fromHi, fromLo);
    setU8(out, icmp, type);
    setU8(out, icmp + 1, code);
    setU16(out, icmp + 2, 0);
    setU32(out, icmp + 4, word);
    MemorySegment.copy(cause.segment, cause.l3Offset, out, icmp + 8, quoted);
    int checksum =
        v6
            ? transportChecksum(out, l3, true, icmp, 8 + quoted, IpProtocol.ICMPV6)
            : Wire.checksum(Wire.sum(out, icmp, 8 + quoted));
    setU16(out, icmp + 2, checksum);
    return icmp + 8 + quoted;
  }

  /**
   * Copies the cause's link header to the start of {@code out}, turned around; returns where the IP
   * header goes, or -1 when this link type gets no answer.
   */
  private static int linkHeader(PacketDescriptor cause, MemorySegment out) {
    long headerBytes = cause.l3Offset - cause.frameOffset;
    if (cause.linkType == LinkType.NFLOG || headerBytes < 0 || headerBytes > 256) {
      return -1;
    }
    MemorySegment.copy(cause.segment, cause.frameOffset, out, 0, headerBytes);
    if (cause.linkType == LinkType.ETHERNET && headerBytes >= 14) {
      long destination = Wire.u64(out, 0) >>> 16;
      long source = Wire.u64(out, 4) & 0xffff_ffff_ffffL;
      writeMac(out, 0, source);
      writeMac(out, 6, destination);
    }
    return (int) headerBytes;
  }

  /** The offset of a PPPoE session header's length field in an Ethernet header, or -1. */
  private static int pppoeLengthField(int linkType, MemorySegment out, int headerBytes) {
    if (linkType != LinkType.ETHERNET || headerBytes < 14) {
      return -1;
    }
    int at = 12;
    int etherType = u16(out, at);
    while ((etherType == ETHERTYPE_VLAN
            || etherType == ETHERTYPE_QINQ
            || etherType == ETHERTYPE_QINQ_OLD)
        && at + 6 <= headerBytes) {
      at += 4;
      etherType = u16(out, at);
    }
    // | ethertype 2 | ver/type 1 | code 1 | session 2 | length 2 | PPP protocol 2 | IP
    return etherType == ETHERTYPE_PPPOE_SESSION && at + 10 <= headerBytes ? at + 6 : -1;
  }

  /**
   * Writes the answer's IP header at {@code l3}: from the cause's destination to its source, {@code
   * lengthBytes} in all; sets a PPPoE length in front of it.
   */
  private static void ipHeader(
      PacketDescriptor cause, MemorySegment out, int l3, int lengthBytes, int protocol) {
    ipHeader(cause, out, l3, lengthBytes, protocol, cause.destinationHi, cause.destinationLo);
  }

  /** {@link #ipHeader} from another source address than the cause's destination. */
  private static void ipHeader(
      PacketDescriptor cause,
      MemorySegment out,
      int l3,
      int lengthBytes,
      int protocol,
      long fromHi,
      long fromLo) {
    int pppoe = pppoeLengthField(cause.linkType, out, l3);
    if (pppoe >= 0) {
      setU16(out, pppoe, lengthBytes + 2);
    }
    if (cause.ipVersion == 6) {
      setU32(out, l3, 6L << 28);
      setU16(out, l3 + 4, lengthBytes - 40);
      setU8(out, l3 + 6, protocol);
      setU8(out, l3 + 7, TTL);
      setU64(out, l3 + 8, fromHi);
      setU64(out, l3 + 16, fromLo);
      setU64(out, l3 + 24, cause.sourceHi);
      setU64(out, l3 + 32, cause.sourceLo);
      return;
    }
    setU8(out, l3, 0x45);
    setU8(out, l3 + 1, 0);
    setU16(out, l3 + 2, lengthBytes);
    setU16(out, l3 + 4, 0); // identification
    setU16(out, l3 + 6, 0x4000); // don't fragment
    setU8(out, l3 + 8, TTL);
    setU8(out, l3 + 9, protocol);
    setU16(out, l3 + 10, 0);
    setU32(out, l3 + 12, fromLo & 0xffff_ffffL);
    setU32(out, l3 + 16, cause.sourceLo & 0xffff_ffffL);
    setU16(out, l3 + 10, Wire.checksum(Wire.sum(out, l3, 20)));
  }

  /** The TCP, UDP or ICMPv6 checksum over the pseudo-header (RFC 9293, RFC 8200 §8.1). */
  private static int transportChecksum(
      MemorySegment out, int l3, boolean v6, int l4, int lengthBytes, int protocol) {
    long sum = Wire.sum(out, l4, lengthBytes) + lengthBytes + protocol;
    sum += v6 ? Wire.sum(out, l3 + 8, 32) : Wire.sum(out, l3 + 12, 8);
    int checksum = Wire.checksum(sum);
    return checksum;
  }

  private static void writeMac(MemorySegment out, int at, long mac) {
    setU16(out, at, (int) (mac >>> 32));
    setU32(out, at + 2, mac & 0xffff_ffffL);
  }
}
