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
 *  modes 1..5 need the 48-byte header; 6 (control) and 7 (private) are shorter
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
      return length >= 48 && u8(s, offset + 1) <= 16 ? provisional(ntp) : NO_MATCH;
    }
    return length >= 12 ? provisional(ntp) : NO_MATCH;
  }
}
