package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.u32;
import static org.flowgate.dataplane.appid.decode.Bytes.u8;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.DecodeContext;
import org.flowgate.dataplane.appid.ProtocolDecoder;

/**
 * DHCP / BOOTP (RFC 2131 §2, RFC 2132 §2 magic cookie) on UDP 67/68: {@code junos:DHCP}. One
 * message is proof: most DHCP exchanges are broadcasts without a reply in the same session.
 *
 * <pre>
 *  | op 1/2 | htype | hlen &lt;= 16 | hops | xid (4) | secs (2) | flags (2) | ciaddr | yiaddr |
 *  | siaddr | giaddr | chaddr (16) | sname (64) | file (128) | magic cookie 99.130.83.99 | options
 * </pre>
 */
public final class DhcpDecoder extends ProtocolDecoder {
  private static final long MAGIC_COOKIE = 0x6382_5363L;

  private final int dhcp;

  public DhcpDecoder(ApplicationCatalog catalog) {
    super("dhcp");
    this.dhcp = catalog.requireId("junos:DHCP");
  }

  @Override
  public boolean udp() {
    return true;
  }

  @Override
  public boolean acceptsFirstByte(int direction, int b) {
    return b == 1 || b == 2;
  }

  @Override
  public int decodeDatagram(
      DecodeContext c, int direction, MemorySegment s, long offset, int length) {
    if ((!c.port(67) && !c.port(68)) || length < 240) {
      return NO_MATCH;
    }
    int op = u8(s, offset);
    return (op == 1 || op == 2) && u8(s, offset + 2) <= 16 && u32(s, offset + 236) == MAGIC_COOKIE
        ? dhcp
        : NO_MATCH;
  }
}
