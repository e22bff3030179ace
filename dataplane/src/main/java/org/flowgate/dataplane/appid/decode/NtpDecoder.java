package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.u8;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.DecodeContext;
import org.flowgate.dataplane.appid.ProtocolDecoder;

/**
 * NTP (RFC 5905 §7.3; control messages RFC 1305 appendix B) on UDP port 123: {@code junos:NTP}.
 *
 * <pre>
 *  | LI (2) | VN (3) 1..4 | Mode (3) | Stratum | Poll | Precision | Root Delay (4) | Root
 *  Dispersion (4) | Reference ID (4) | Reference, Origin, Receive, Transmit timestamps (8 each) |
 *  modes 1..5: the 48-byte header (+ extension fields, MAC: a multiple of 4), stratum &lt;= 16,
 *  poll &lt;= 17 (log2 s), precision -32..0 (log2 s); 6 (control) and 7 (private) are shorter
 *  a valid datagram from one side -&gt; provisional; from both -&gt; final
 * </pre>
 */
public final class NtpDecoder extends ProtocolDecoder {
  private final int ntp;

  public NtpDecoder(ApplicationCatalog catalog) {
    super("ntp");
    this.ntp = catalog.requireId("junos:NTP");
  }

  @Override
  public boolean udp() {
    return true;
  }

  @Override
  public int decodeDatagram(
      DecodeContext c, int direction, MemorySegment s, long offset, int length) {
    if (!c.port(123) || length < 8) {
      return NO_MATCH;
    }
    int first = u8(s, offset);
    int version = (first >>> 3) & 7;
    int mode = first & 7;
    if (version < 1 || version > 4 || mode == 0) {
      return NO_MATCH;
    }
    if (mode <= 5) {
      int poll = u8(s, offset + 2);
      byte precision = (byte) u8(s, offset + 3);
      boolean header =
          length >= 48
              && (length - 48) % 4 == 0
              && u8(s, offset + 1) <= 16
              && poll <= 17
              && precision <= 0
              && precision >= -32;
      return header ? provisional(ntp) : NO_MATCH;
    }
    // control (6) and private (7) messages: | LI VN Mode | R E M op | sequence (2) | ...
    return length >= 12 && length % 4 == 0 ? provisional(ntp) : NO_MATCH;
  }
}
