package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.u16;
import static org.flowgate.dataplane.appid.decode.Bytes.u32;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.DecodeContext;
import org.flowgate.dataplane.appid.ProtocolDecoder;

/**
 * STUN (RFC 8489 §5, §14; classic RFC 3489 §11.1) and TURN over it: {@code junos:STUN}.
 *
 * <pre>
 *  | 0 0 | message type (14) | message length (2, attributes only, multiple of 4) |
 *  | magic cookie 0x2112A442 (4) | transaction id (12) | attributes: type (2) | length (2) | value |
 * </pre>
 *
 * With the magic cookie and a length that matches the datagram, one message is proof; a classic
 * (RFC 3489) binding request without the cookie counts on port 3478 only, provisionally.
 */
public final class StunDecoder extends ProtocolDecoder {
  private static final long MAGIC_COOKIE = 0x2112_A442L;

  private final int stun;

  public StunDecoder(ApplicationCatalog catalog) {
    super("stun");
    this.stun = catalog.requireId("junos:STUN");
  }

  @Override
  public boolean udp() {
    return true;
  }

  @Override
  public boolean acceptsFirstByte(int direction, int b) {
    return b <= 0x3f;
  }

  @Override
  public int decodeDatagram(
      DecodeContext c, int direction, MemorySegment s, long offset, int length) {
    if (length < 20) {
      return NO_MATCH;
    }
    int type = u16(s, offset);
    int declared = u16(s, offset + 2);
    if ((type & 0xc000) != 0 || (declared & 3) != 0 || declared + 20 != length) {
      return NO_MATCH;
    }
    if (u32(s, offset + 4) == MAGIC_COOKIE) {
      return attributesFit(s, offset + 20, declared) ? stun : NO_MATCH;
    }
    boolean classic = type == 0x0001 || type == 0x0101 || type == 0x0111 || type == 0x0002;
    return classic && c.port(3478) && attributesFit(s, offset + 20, declared)
        ? provisional(stun)
        : NO_MATCH;
  }

  private static boolean attributesFit(MemorySegment s, long at, int length) {
    int p = 0;
    while (p + 4 <= length) {
      int attributeLength = u16(s, at + p + 2);
      p += 4 + ((attributeLength + 3) & ~3);
    }
    return p == length;
  }
}
