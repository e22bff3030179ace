package org.flowgate.dataplane.flow.alg;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.flowgate.dataplane.net.IpProtocol;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.packet.Wire;

/**
 * Changes to a packet the ALGs make in place, in a frame the SPU may write (the NAT translator's
 * copy): a payload region replaced by bytes of another length, and TCP sequence and acknowledgement
 * numbers moved. Every length field and checksum stays valid.
 *
 * <pre>
 * payload replaced (delta = new - old):   IPv4 total length (+ header checksum anew)
 *                                         IPv6 payload length
 *                                         UDP length, TCP/UDP checksum computed anew over the
 *                                         pseudo-header and the whole segment
 *                                         the descriptor's lengths, and the frame's
 * sequence or acknowledgement moved:      the TCP checksum updated (RFC 1624)
 * </pre>
 *
 * A UDP datagram over IPv4 sent without a checksum (0) keeps none.
 *
 * <p>Thread: stateless; any thread. Allocates nothing.
 */
final class PacketSurgery {
  private PacketSurgery() {}

  /**
   * Replaces {@code oldLength} payload bytes at {@code offset} (from the payload's start) with
   * {@code newLength} bytes of {@code bytes}; the frame has room up to {@code frameLimit}. Returns
   * false, changing nothing, when the packet is not whole in the frame or would not fit.
   */
  static boolean replacePayload(
      PacketDescriptor p,
      int offset,
      int oldLength,
      byte[] bytes,
      int from,
      int newLength,
      long frameLimit) {
    if (!whole(p) || offset < 0 || offset + oldLength > p.payloadBytes) {
      return false;
    }
    int delta = newLength - oldLength;
    long frameEnd = p.frameOffset + p.capturedLengthBytes;
    if (frameEnd + delta > frameLimit) {
      return false;
    }
    MemorySegment s = p.segment;
    long at = p.payloadOffset + offset;
    long tail = at + oldLength;
    if (delta != 0) {
      MemorySegment.copy(s, tail, s, tail + delta, frameEnd - tail);
    }
    MemorySegment.copy(bytes, from, s, ValueLayout.JAVA_BYTE, at, newLength);
    p.capturedLengthBytes += delta;
    p.originalLengthBytes += delta;
    p.ipLengthBytes += delta;
    p.payloadBytes += delta;
    if (p.protocol == IpProtocol.TCP) {
      p.tcpPayloadBytes += delta;
    }
    if (p.ipVersion == 4) {
      Wire.setU16(s, p.l3Offset + 2, Wire.u16(s, p.l3Offset + 2) + delta);
      ipv4HeaderChecksum(s, p.l3Offset);
    } else {
      Wire.setU16(s, p.l3Offset + 4, Wire.u16(s, p.l3Offset + 4) + delta);
    }
    if (p.protocol == IpProtocol.UDP) {
      Wire.setU16(s, p.l4Offset + 4, Wire.u16(s, p.l4Offset + 4) + delta);
    }
    transportChecksum(p);
    return true;
  }

  /** True when the frame holds the whole IP packet, so that it can be changed and summed. */
  static boolean whole(PacketDescriptor p) {
    return p.l4Offset > 0
        && !p.fragment
        && p.capturedLengthBytes == p.originalLengthBytes
        && p.l3Offset + p.ipLengthBytes <= p.frameOffset + p.capturedLengthBytes;
  }

  /** Sets the TCP sequence number, updating the checksum. */
  static void setSequence(PacketDescriptor p, long sequence) {
    set32(p, p.l4Offset + 4, sequence);
    p.tcpSequence = sequence & 0xffff_ffffL;
  }

  /** Sets the TCP acknowledgement number, updating the checksum. */
  static void setAcknowledgement(PacketDescriptor p, long acknowledgement) {
    set32(p, p.l4Offset + 8, acknowledgement);
    p.tcpAcknowledgement = acknowledgement & 0xffff_ffffL;
  }

  /** Replaces the 32-bit TCP field at {@code at} and updates the checksum (RFC 1624). */
  static void set32(PacketDescriptor p, long at, long value) {
    MemorySegment s = p.segment;
    long checksumAt = p.l4Offset + 16;
    long old = Wire.u32(s, at);
    Wire.setU32(s, at, value);
    if (checksumAt + 2 > p.frameOffset + p.capturedLengthBytes) {
      return;
    }
    long sum = (~Wire.u16(s, checksumAt) & 0xffff);
    sum += (~(old >>> 16) & 0xffff) + (~old & 0xffff);
    sum += ((value >>> 16) & 0xffff) + (value & 0xffff);
    Wire.setU16(s, checksumAt, ~fold(sum) & 0xffff);
  }

  private static int fold(long sum) {
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return (int) sum;
  }

  static void ipv4HeaderChecksum(MemorySegment s, long l3) {
    int headerBytes = (Wire.u8(s, l3) & 0x0f) * 4;
    Wire.setU16(s, l3 + 10, 0);
    Wire.setU16(s, l3 + 10, Wire.checksum(Wire.sum(s, l3, headerBytes)));
  }

  /** Computes the TCP or UDP checksum anew over the pseudo-header and the whole segment. */
  static void transportChecksum(PacketDescriptor p) {
    MemorySegment s = p.segment;
    long l4 = p.l4Offset;
    int length = (int) (p.l3Offset + p.ipLengthBytes - l4);
    long checksumAt = l4 + (p.protocol == IpProtocol.TCP ? 16 : 6);
    if (p.protocol == IpProtocol.UDP && p.ipVersion == 4 && Wire.u16(s, checksumAt) == 0) {
      return; // sent without a checksum
    }
    Wire.setU16(s, checksumAt, 0);
    long sum = Wire.sum(s, l4, length);
    if (p.ipVersion == 4) {
      sum += Wire.sum(s, p.l3Offset + 12, 8) + p.protocol + length;
    } else {
      sum += Wire.sum(s, p.l3Offset + 8, 32) + p.protocol + (length >>> 16) + (length & 0xffff);
    }
    int checksum = Wire.checksum(sum);
    if (checksum == 0 && p.protocol == IpProtocol.UDP) {
      checksum = 0xffff;
    }
    Wire.setU16(s, checksumAt, checksum);
  }

  // ------------------------------------------------------------------ SACK blocks

  /**
   * Calls {@code edge} for each SACK block edge of a TCP segment (RFC 2018 option 5) and writes
   * back what it answers, updating the checksum.
   */
  static void mapSackEdges(PacketDescriptor p, EdgeMap edge) {
    MemorySegment s = p.segment;
    long l4 = p.l4Offset;
    int headerBytes = (Wire.u8(s, l4 + 12) >>> 4) * 4;
    long end = Math.min(l4 + headerBytes, p.frameOffset + p.capturedLengthBytes);
    long at = l4 + 20;
    while (at < end) {
      int kind = Wire.u8(s, at);
      if (kind == 0) {
        return;
      }
      if (kind == 1) {
        at++;
        continue;
      }
      if (at + 1 >= end) {
        return;
      }
      int length = Wire.u8(s, at + 1);
      if (length < 2 || at + length > end) {
        return;
      }
      if (kind == 5) {
        for (long b = at + 2; b + 4 <= at + length; b += 4) {
          long value = Wire.u32(s, b);
          long mapped = edge.map((int) value) & 0xffff_ffffL;
          if (mapped != value) {
            set32(p, b, mapped);
          }
        }
      }
      at += length;
    }
  }

  /** Maps one sequence number to another. */
  interface EdgeMap {
    int map(int sequence);
  }

  /** Reads a byte of the payload. */
  static int payloadByte(PacketDescriptor p, int offset) {
    return p.segment.get(ValueLayout.JAVA_BYTE, p.payloadOffset + offset) & 0xff;
  }
}
