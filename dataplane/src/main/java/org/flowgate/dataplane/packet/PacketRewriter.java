package org.flowgate.dataplane.packet;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import org.flowgate.dataplane.net.IpProtocol;

/**
 * Rewrites a decoded packet's addresses and ports where it lies, as NAT does, and keeps every
 * checksum valid by incremental update (RFC 1624: {@code HC' = ~(~HC + ~m + m')}).
 *
 * <pre>
 * field                 IPv4 header   TCP / UDP checksum     ICMP checksum         SCTP
 * addresses             yes           yes (pseudo-header)    ICMPv6 only (pseudo)  no
 * ports / identifier    -             yes                    echo identifier       CRC32c anew
 * UDP over IPv4 with checksum 0 (none) keeps 0; a computed 0 is sent as 0xffff (RFC 768).
 * </pre>
 *
 * A non-first fragment has no transport header: only its addresses change; the first fragment's
 * transport checksum covers the whole datagram and is updated there.
 *
 * <p>Thread: stateless; any thread. Allocates nothing.
 */
public final class PacketRewriter {
  private static final ValueLayout.OfShort U16 = Wire.U16;
  private static final ValueLayout.OfInt U32 = Wire.U32;

  private PacketRewriter() {}

  /**
   * Gives the packet new addresses and ports. {@code sourcePort} and {@code destinationPort} follow
   * the descriptor's convention: for an ICMP echo the identifier is the request's source port and
   * the reply's destination port; the sequence number never changes.
   */
  public static void rewrite(
      PacketDescriptor p,
      long sourceHi,
      long sourceLo,
      long destinationHi,
      long destinationLo,
      int sourcePort,
      int destinationPort,
      Crc32cScratch crc) {
    rewriteIp(
        crc,
        p.segment,
        p.ipVersion,
        p.l3Offset,
        p.l4Offset,
        p.protocol,
        p.icmpEcho,
        p.icmpType,
        p.frameOffset + p.capturedLengthBytes,
        p.fragment,
        sourceHi,
        sourceLo,
        destinationHi,
        destinationLo,
        sourcePort,
        destinationPort);
    p.sourceHi = sourceHi;
    p.sourceLo = sourceLo;
    p.destinationHi = destinationHi;
    p.destinationLo = destinationLo;
    if (p.l4Offset > 0) {
      p.sourcePort = sourcePort;
      p.destinationPort = destinationPort;
    }
  }

  /**
   * Translates an ICMP error about a translated packet: the outer addresses as for any packet, the
   * quoted packet back into the form its sender knows (addresses, ports or echo identifier, with
   * the quoted IP and transport checksums where the quote holds them), then the ICMP checksum anew
   * over the whole message when the capture holds all of it.
   */
  public static void rewriteIcmpError(
      PacketDescriptor p,
      long sourceHi,
      long sourceLo,
      long destinationHi,
      long destinationLo,
      long quotedSourceHi,
      long quotedSourceLo,
      long quotedDestinationHi,
      long quotedDestinationLo,
      int quotedSourcePort,
      int quotedDestinationPort,
      Crc32cScratch crc) {
    MemorySegment s = p.segment;
    long end = p.frameOffset + p.capturedLengthBytes;
    if (p.quotedL3Offset > 0) {
      boolean quotedEcho = false;
      int quotedType = 0;
      long quotedTransport = p.quotedL4Offset;
      if (quotedTransport > 0
          && (p.quotedProtocol == IpProtocol.ICMP || p.quotedProtocol == IpProtocol.ICMPV6)) {
        quotedType = s.get(ValueLayout.JAVA_BYTE, quotedTransport) & 0xff;
        quotedEcho = quotedType == 8 || quotedType == 0 || quotedType == 128 || quotedType == 129;
      }
      rewriteIp(
          crc,
          s,
          p.ipVersion,
          p.quotedL3Offset,
          quotedTransport,
          p.quotedProtocol,
          quotedEcho,
          quotedType,
          end,
          false,
          quotedSourceHi,
          quotedSourceLo,
          quotedDestinationHi,
          quotedDestinationLo,
          quotedSourcePort,
          quotedDestinationPort);
      p.quotedSourceHi = quotedSourceHi;
      p.quotedSourceLo = quotedSourceLo;
      p.quotedDestinationHi = quotedDestinationHi;
      p.quotedDestinationLo = quotedDestinationLo;
      p.quotedSourcePort = quotedSourcePort;
      p.quotedDestinationPort = quotedDestinationPort;
    }
    // outer addresses; the ICMP checksum is computed anew below, so no transport rewrite here
    rewriteIp(
        crc,
        s,
        p.ipVersion,
        p.l3Offset,
        0,
        p.protocol,
        false,
        0,
        end,
        p.fragment,
        sourceHi,
        sourceLo,
        destinationHi,
        destinationLo,
        0,
        0);
    p.sourceHi = sourceHi;
    p.sourceLo = sourceLo;
    p.destinationHi = destinationHi;
    p.destinationLo = destinationLo;
    long messageEnd = p.l3Offset + p.ipLengthBytes;
    if (p.l4Offset > 0 && !p.fragment && messageEnd <= end) {
      s.set(U16, p.l4Offset + 2, (short) 0);
      long sum = 0;
      for (long at = p.l4Offset; at < messageEnd; at += 2) {
        sum +=
            at + 1 < messageEnd ? Wire.u16(s, at) : (s.get(ValueLayout.JAVA_BYTE, at) & 0xff) << 8;
      }
      if (p.ipVersion == 6) {
        long length = messageEnd - p.l4Offset;
        sum +=
            words64(sourceHi)
                + words64(sourceLo)
                + words64(destinationHi)
                + words64(destinationLo)
                + (length >>> 16)
                + (length & 0xffff)
                + IpProtocol.ICMPV6;
      }
      s.set(U16, p.l4Offset + 2, (short) (~fold(sum) & 0xffff));
    }
  }

  /** Rewrites one IP header and, when {@code transport > 0}, its transport header. */
  private static void rewriteIp(
      Crc32cScratch crc,
      MemorySegment s,
      int ipVersion,
      long l3,
      long transport,
      int protocol,
      boolean icmpEcho,
      int icmpType,
      long end,
      boolean fragment,
      long sourceHi,
      long sourceLo,
      long destinationHi,
      long destinationLo,
      int sourcePort,
      int destinationPort) {
    // one's complement sums of the fields that leave and of those that arrive, for pseudo-headers
    long addressesOut;
    long addressesIn;
    if (ipVersion == 4) {
      addressesOut = words32(s.get(U32, l3 + 12)) + words32(s.get(U32, l3 + 16));
      addressesIn = words32((int) sourceLo) + words32((int) destinationLo);
      s.set(U32, l3 + 12, (int) sourceLo);
      s.set(U32, l3 + 16, (int) destinationLo);
      update(s, l3 + 10, addressesOut, addressesIn, false);
    } else {
      addressesOut =
          words64(Wire.u64(s, l3 + 8))
              + words64(Wire.u64(s, l3 + 16))
              + words64(Wire.u64(s, l3 + 24))
              + words64(Wire.u64(s, l3 + 32));
      addressesIn =
          words64(sourceHi) + words64(sourceLo) + words64(destinationHi) + words64(destinationLo);
      Wire.setU64(s, l3 + 8, sourceHi);
      Wire.setU64(s, l3 + 16, sourceLo);
      Wire.setU64(s, l3 + 24, destinationHi);
      Wire.setU64(s, l3 + 32, destinationLo);
    }
    if (transport <= 0) {
      return;
    }
    switch (protocol) {
      case IpProtocol.TCP -> {
        long portsOut = Wire.u16(s, transport) + Wire.u16(s, transport + 2);
        s.set(U16, transport, (short) sourcePort);
        s.set(U16, transport + 2, (short) destinationPort);
        if (transport + 18 <= end) {
          update(
              s,
              transport + 16,
              addressesOut + portsOut,
              addressesIn + sourcePort + destinationPort,
              false);
        }
      }
      case IpProtocol.UDP -> {
        long portsOut = Wire.u16(s, transport) + Wire.u16(s, transport + 2);
        s.set(U16, transport, (short) sourcePort);
        s.set(U16, transport + 2, (short) destinationPort);
        boolean none = transport + 8 > end || (ipVersion == 4 && Wire.u16(s, transport + 6) == 0);
        if (!none) {
          update(
              s,
              transport + 6,
              addressesOut + portsOut,
              addressesIn + sourcePort + destinationPort,
              true);
        }
      }
      case IpProtocol.SCTP -> {
        s.set(U16, transport, (short) sourcePort);
        s.set(U16, transport + 2, (short) destinationPort);
        if (!fragment && transport + 12 <= end) {
          s.set(
              ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), transport + 8, 0);
          s.set(
              ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN),
              transport + 8,
              crc.of(s, transport, end - transport));
        }
      }
      case IpProtocol.ICMP, IpProtocol.ICMPV6 -> {
        boolean v6 = protocol == IpProtocol.ICMPV6;
        long out = v6 ? addressesOut : 0;
        long in = v6 ? addressesIn : 0;
        if (icmpEcho) {
          boolean request = icmpType == 8 || icmpType == 128;
          int identifier = request ? sourcePort : destinationPort;
          out += Wire.u16(s, transport + 4);
          in += identifier;
          s.set(U16, transport + 4, (short) identifier);
        }
        if (transport + 4 <= end) {
          update(s, transport + 2, out, in, false);
        }
      }
      default -> {}
    }
  }

  /** Replaces the checksum at {@code at}: fields summing to {@code out} now sum to {@code in}. */
  private static void update(MemorySegment s, long at, long out, long in, boolean udp) {
    int checksum = Wire.u16(s, at);
    long sum = (~checksum & 0xffff) + fold(~fold(out) & 0xffff) + fold(in);
    int result = ~fold(sum) & 0xffff;
    if (udp && result == 0) {
      result = 0xffff;
    }
    s.set(U16, at, (short) result);
  }

  private static int fold(long sum) {
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return (int) sum;
  }

  private static long words32(int v) {
    return ((v >>> 16) & 0xffff) + (v & 0xffff);
  }

  private static long words64(long v) {
    return words32((int) (v >>> 32)) + words32((int) v);
  }
}
