package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.u16;
import static org.flowgate.dataplane.appid.decode.Bytes.u8;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.DecodeContext;
import org.flowgate.dataplane.appid.ProtocolDecoder;

/**
 * DHCPv6 (RFC 8415 §8, §9, §21) on UDP 546/547: {@code junos:DHCPV6}. One message whose options
 * fill it exactly is proof.
 *
 * <pre>
 *  client/server: | msg-type 1..11 | transaction-id (3) | options ... |
 *  relay:         | msg-type 12/13 | hop-count | link-address (16) | peer-address (16) | options |
 *  option:        | option-code (2) | option-len (2) | option-data |
 * </pre>
 */
public final class Dhcpv6Decoder extends ProtocolDecoder {
  private final int dhcpv6;

  public Dhcpv6Decoder(ApplicationCatalog catalog) {
    super("dhcpv6");
    this.dhcpv6 = catalog.requireId("junos:DHCPV6");
  }

  @Override
  public boolean udp() {
    return true;
  }

  @Override
  public boolean acceptsFirstByte(int direction, int b) {
    return b >= 1 && b <= 13;
  }

  @Override
  public int decodeDatagram(
      DecodeContext c, int direction, MemorySegment s, long offset, int length) {
    if ((!c.port(546) && !c.port(547)) || length < 4) {
      return NO_MATCH;
    }
    int type = u8(s, offset);
    int options;
    if (type >= 1 && type <= 11) {
      options = 4;
    } else if (type == 12 || type == 13) {
      options = 34;
    } else {
      return NO_MATCH;
    }
    int p = options;
    while (p + 4 <= length) {
      int code = u16(s, offset + p);
      if (code == 0) {
        return NO_MATCH;
      }
      p += 4 + u16(s, offset + p + 2);
    }
    return p == length && p > options ? dhcpv6 : NO_MATCH;
  }
}
