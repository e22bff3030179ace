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
      return NO_MATCH;
    }
    int type = u8(s, offset + 1) & 0x7f;
    int rawType = u8(s, offset + 1);
    if (rawType >= 200 && rawType <= 204) {
      return rtcp(s, offset, length) ? provisional(rtcp) : NO_MATCH;
    }
    if (length < 12 || (type > 34 && type < 96)) {
      return NO_MATCH;
    }
    int csrcs = u8(s, offset) & 0x0f;
    if (length < 12 + 4 * csrcs) {
      return NO_MATCH;
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
    return previousSsrc == ssrc && ahead >= 1 && ahead <= 16 ? provisional(rtp) : NO_MATCH;
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
