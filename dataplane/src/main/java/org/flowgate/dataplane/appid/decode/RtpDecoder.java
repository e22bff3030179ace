package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.u16;
import static org.flowgate.dataplane.appid.decode.Bytes.u32;
import static org.flowgate.dataplane.appid.decode.Bytes.u8;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.ApplicationInspector;
import org.flowgate.dataplane.appid.DecodeContext;
import org.flowgate.dataplane.appid.ProtocolDecoder;

/**
 * RTP and RTCP (RFC 3550 §5.1, §6.4; payload types RFC 3551; RTCP/RTP demultiplexing RFC 5761 §4):
 * {@code junos:RTP}, {@code junos:RTCP}.
 *
 * <pre>
 *  RTP:  | V=2 | P | X | CC (4) | M | PT (7) | sequence (16) | timestamp (32) | SSRC (32) | CSRC... |
 *        PT 0..34 or 96..127 (72..76 would be RTCP); a second packet in the same direction with
 *        the same SSRC and a sequence 1..16 ahead makes it provisional (one direction) or final
 *        (both); one packet alone proves nothing
 *  RTCP: | V=2 | P | RC (5) | PT 200 SR, 201 RR, 202 SDES, 203 BYE, 204 APP | length (16, words
 *        - 1) | SSRC | ...    compound packets fill the datagram exactly
 * </pre>
 *
 * Scratch {@link ApplicationInspector#SCRATCH_RTP_CLIENT} / {@code _SERVER}: {@code 1 << 48 | SSRC
 * << 16 | sequence} of the direction's last packet.
 */
public final class RtpDecoder extends ProtocolDecoder {
  private final int rtp;
  private final int rtcp;

  public RtpDecoder(ApplicationCatalog catalog) {
    super("rtp");
    this.rtp = catalog.requireId("junos:RTP");
    this.rtcp = catalog.requireId("junos:RTCP");
  }

  @Override
  public boolean udp() {
    return true;
  }

  @Override
  public int decodeDatagram(
      DecodeContext c, int direction, MemorySegment s, long offset, int length) {
    if (length < 8 || (u8(s, offset) & 0xc0) != 0x80) {
      return NEED_MORE;
    }
    int rawType = u8(s, offset + 1);
    if (rawType >= 200 && rawType <= 204) {
      return rtcp(s, offset, length) ? provisional(rtcp) : NEED_MORE;
    }
    if (!header(s, offset, length)) {
      return NEED_MORE;
    }
    int sequence = u16(s, offset + 2);
    long ssrc = u32(s, offset + 8);
    int slot =
        direction == 0
            ? ApplicationInspector.SCRATCH_RTP_CLIENT
            : ApplicationInspector.SCRATCH_RTP_SERVER;
    long previous = c.scratch(slot);
    c.scratch(slot, 1L << 48 | ssrc << 16 | sequence);
    if (previous == 0) {
      return NEED_MORE;
    }
    long previousSsrc = (previous >>> 16) & 0xffff_ffffL;
    int ahead = (sequence - (int) (previous & 0xffff)) & 0xffff;
    return previousSsrc == ssrc && ahead >= 1 && ahead <= 16 ? provisional(rtp) : NEED_MORE;
  }

  /** An RTP fixed header (with its CSRCs) of an audio/video payload type fits {@code length}. */
  private static boolean header(MemorySegment s, long at, int length) {
    if (length < 12 || (u8(s, at) & 0xc0) != 0x80) {
      return false;
    }
    int type = u8(s, at + 1) & 0x7f;
    return (type <= 34 || type >= 96) && length >= 12 + 4 * (u8(s, at) & 0x0f);
  }

  @Override
  public boolean tcp() {
    return true;
  }

  @Override
  public int decodeStream(DecodeContext c) {
    int client = framed(c, 0);
    int server = framed(c, 1);
    if (client < 0 || server < 0) {
      return NO_MATCH;
    }
    if (client > 0 && server > 0) {
      return rtp;
    }
    return client > 0 || server > 0 ? provisional(rtp) : NEED_MORE;
  }

  /** 1: two framed RTP packets of one SSRC in sequence; 0: not enough yet; -1: not RTP. */
  private static int framed(DecodeContext c, int direction) {
    int length = c.streamLength(direction);
    if (length == 0) {
      return 0;
    }
    MemorySegment s = c.stream(direction);
    long at = c.streamOffset(direction);
    if (length >= 3 && (u16(s, at) < 12 || (u8(s, at + 2) & 0xc0) != 0x80)) {
      return -1;
    }
    if (length < 2 + 12) {
      return c.streamFull(direction) ? -1 : 0;
    }
    int first = u16(s, at);
    if (!header(s, at + 2, Math.min(first, length - 2)) || first < 12) {
      return -1;
    }
    int second = 2 + first;
    if (length < second + 2 + 12) {
      return c.streamFull(direction) ? -1 : 0;
    }
    int secondLength = u16(s, at + second);
    if (!header(s, at + second + 2, Math.min(secondLength, length - second - 2))
        || u32(s, at + 2 + 8) != u32(s, at + second + 2 + 8)) {
      return -1;
    }
    int ahead = (u16(s, at + second + 4) - u16(s, at + 4)) & 0xffff;
    return ahead >= 1 && ahead <= 16 ? 1 : -1;
  }

  private static boolean rtcp(MemorySegment s, long offset, int length) {
    int p = 0;
    int packets = 0;
    while (p + 4 <= length && packets < 8) {
      if ((u8(s, offset + p) & 0xc0) != 0x80) {
        return false;
      }
      int type = u8(s, offset + p + 1);
      if (type < 192 || type > 210) {
        return false;
      }
      p += (u16(s, offset + p + 2) + 1) * 4;
      packets++;
    }
    return p == length;
  }
}
