package org.flowgate.dataplane.packet;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

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
  private static final ValueLayout.OfShort U16 =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
  private static final ValueLayout.OfInt U32 =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

  private PacketRewriter() {}

  /**
   * Gives the packet new addresses and ports. {@code sourcePort} and {@code destinationPort} follow
   * the descriptor's convention: for an ICMP echo the identifier is the request's source port and
   * the reply's destination port; the sequence number never changes.
   */
  public static void rewrite(PacketDescriptor p, long sourceHi, long sourceLo, long destinationHi,
      long destinationLo, int sourcePort, int destinationPort) {
    MemorySegment s = p.segment;
    long l3 = p.l3Offset;
    long transport = p.l4Offset;
    boolean header = transport > 0;
    // one's complement sums of the fields that leave and of those that arrive, for pseudo-headers
    long addressesOut;
    long addressesIn;
    if (p.ipVersion == 4) {
      addressesOut = words32(s.get(U32, l3 + 12)) + words32(s.get(U32, l3 + 16));
      addressesIn = words32((int) sourceLo) + words32((int) destinationLo);
      s.set(U32, l3 + 12, (int) sourceLo);
      s.set(U32, l3 + 16, (int) destinationLo);
      update(s, l3 + 10, addressesOut, addressesIn, false);
    } else {
      addressesOut = words64(s.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), l3 + 8))
          + words64(s.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), l3 + 16))
          + words64(s.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), l3 + 24))
          + words64(s.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), l3 + 32));
      addressesIn = words64(sourceHi) + words64(sourceLo) + words64(destinationHi) + words64(destinationLo);
      setLong(s, l3 + 8, sourceHi);
      setLong(s, l3 + 16, sourceLo);
      setLong(s, l3 + 24, destinationHi);
      setLong(s, l3 + 32, destinationLo);
    }
    p.sourceHi = sourceHi;
    p.sourceLo = sourceLo;
    p.destinationHi = destinationHi;
    p.destinationLo = destinationLo;
    if (!header) {
      return;
    }
    long end = p.frameOffset + p.capturedLengthBytes;
    switch (p.protocol) {
      case PacketParser.PROTOCOL_TCP -> {
        long portsOut = u16(s, transport) + u16(s, transport + 2);
        s.set(U16, transport, (short) sourcePort);
        s.set(U16, transport + 2, (short) destinationPort);
        if (transport + 18 <= end) {
          update(s, transport + 16, addressesOut + portsOut, addressesIn + sourcePort + destinationPort, false);
        }
      }
      case PacketParser.PROTOCOL_UDP -> {
        long portsOut = u16(s, transport) + u16(s, transport + 2);
        s.set(U16, transport, (short) sourcePort);
        s.set(U16, transport + 2, (short) destinationPort);
        boolean none = p.ipVersion == 4 && u16(s, transport + 6) == 0;
        if (!none) {
          update(s, transport + 6, addressesOut + portsOut, addressesIn + sourcePort + destinationPort, true);
        }
      }
      case PacketParser.PROTOCOL_SCTP -> {
        s.set(U16, transport, (short) sourcePort);
        s.set(U16, transport + 2, (short) destinationPort);
        if (!p.fragment && transport + 12 <= end) {
          s.set(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), transport + 8, 0);
          int crc = Crc32c.of(s, transport, end - transport);
          s.set(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), transport + 8, crc);
        }
      }
      case PacketParser.PROTOCOL_ICMP, PacketParser.PROTOCOL_ICMPV6 -> {
        boolean v6 = p.protocol == PacketParser.PROTOCOL_ICMPV6;
        long out = v6 ? addressesOut : 0;
        long in = v6 ? addressesIn : 0;
        if (p.icmpEcho) {
          boolean request = p.icmpType == 8 || p.icmpType == 128;
          int identifier = request ? sourcePort : destinationPort;
          out += u16(s, transport + 4);
          in += identifier;
          s.set(U16, transport + 4, (short) identifier);
        }
        update(s, transport + 2, out, in, false);
      }
      default -> { }
    }
    p.sourcePort = sourcePort;
    p.destinationPort = destinationPort;
  }

  /** Replaces the checksum at {@code at}: fields summing to {@code out} now sum to {@code in}. */
  private static void update(MemorySegment s, long at, long out, long in, boolean udp) {
    int checksum = u16(s, at);
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

  private static int u16(MemorySegment s, long at) {
    return s.get(U16, at) & 0xffff;
  }

  private static void setLong(MemorySegment s, long at, long v) {
    s.set(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), at, v);
  }
}
