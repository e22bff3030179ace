package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.ascii;
import static org.flowgate.dataplane.appid.decode.Bytes.u16;
import static org.flowgate.dataplane.appid.decode.Bytes.u8;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.DecodeContext;

/**
 * RDP connection start (MS-RDPBCGR §2.2.1.1, §2.2.1.2): X.224 over TPKT (RFC 1006): {@code
 * junos:RDP}.
 *
 * <pre>
 *  TPKT:  version 3 | reserved 0 | length (2) |
 *  X.224: length indicator (1) = TPKT length - 5 | code: 0xE0 Connection Request (client),
 *         0xD0 Connection Confirm (server) | dst-ref (2) | src-ref (2) | class 0 |
 *  client user data: "Cookie: mstshash=..." CR LF and/or RDP_NEG_REQ | type 1 | flags | len 8 | ...
 * </pre>
 *
 * TPKT and X.224 also carry ISO-TSAP (S7 on 102), so a Connection Request counts as RDP with the
 * cookie, the negotiation request, or server port 3389.
 */
public final class RdpDecoder extends TwoSidedDecoder {
  private static final byte[] COOKIE = ascii("Cookie: ");

  public RdpDecoder(ApplicationCatalog catalog) {
    super("rdp", catalog.requireId("junos:RDP"));
  }

  @Override
  public boolean acceptsFirstByte(int direction, int b) {
    return b == 3;
  }

  @Override
  int side(DecodeContext c, int direction, MemorySegment s, long at, int length, boolean full) {
    if (u8(s, at) != 3) {
      return -1;
    }
    if (length < 11) {
      return tooShort(full);
    }
    int tpkt = u16(s, at + 2);
    int indicator = u8(s, at + 4);
    int code = u8(s, at + 5) & 0xf0;
    if (u8(s, at + 1) != 0 || tpkt < 11 || indicator != tpkt - 5) {
      return -1;
    }
    if (direction == 1) {
      return code == 0xd0 ? 1 : -1;
    }
    if (code != 0xe0) {
      return -1;
    }
    if (c.serverPort() == 3389) {
      return 1;
    }
    int data = 11;
    if (tpkt > data && Bytes.startsWith(s, at + data, Math.min(length, tpkt) - data, COOKIE)) {
      return 1;
    }
    return tpkt == 19 && length >= 19 && u8(s, at + 11) == 1 && u16(s, at + 13) == 0x0800 ? 1 : -1;
  }
}
