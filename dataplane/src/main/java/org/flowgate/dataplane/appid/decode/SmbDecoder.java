package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.u16;
import static org.flowgate.dataplane.appid.decode.Bytes.u8;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.DecodeContext;
import org.flowgate.dataplane.appid.ProtocolDecoder;

/**
 * SMB over NetBIOS session service (RFC 1002 §4.3) or direct TCP (MS-SMB2 §2.1): {@code junos:SMB};
 * a NetBIOS session that never carries SMB: {@code junos:NETBIOS}.
 *
 * <pre>
 *  session message: type (1) | flags (1) | length (2)   (direct TCP on 445: type 0, 24-bit length)
 *    type 0x00 session message   0x81 session request   0x82 positive response
 *    0x83 negative response      0x84 retarget          0x85 keep-alive
 *  SMB:  0xFF 'S' 'M' 'B' (SMB1) | 0xFE 'S' 'M' 'B' (SMB2/3) | 0xFD 'S' 'M' 'B' (SMB3 transform)
 * </pre>
 */
public final class SmbDecoder extends ProtocolDecoder {
  private final int smb;
  private final int netbios;

  public SmbDecoder(ApplicationCatalog catalog) {
    super("smb");
    this.smb = catalog.requireId("junos:SMB");
    this.netbios = catalog.requireId("junos:NETBIOS");
  }

  @Override
  public boolean tcp() {
    return true;
  }

  private static final int NOT = -1;
  private static final int WAIT = 0;
  private static final int SESSION = 1; // NetBIOS session messages, no SMB yet
  private static final int SMB = 2;

  @Override
  public boolean acceptsFirstByte(int direction, int b) {
    return b == 0x00 || (b >= 0x81 && b <= 0x85);
  }

  @Override
  public int decodeStream(DecodeContext c) {
    int client = c.streamLength(0) > 0 ? side(c, 0) : WAIT;
    if (client == NOT) {
      return NO_MATCH;
    }
    int server = c.streamLength(1) > 0 ? side(c, 1) : WAIT;
    if (server == NOT) {
      return NO_MATCH;
    }
    if (client == SMB && server == SMB) {
      return smb;
    }
    if (client == SMB || server == SMB) {
      return provisional(smb);
    }
    if (client == SESSION || server == SESSION) {
      return provisional(netbios);
    }
    return NEED_MORE;
  }

  /** Walks the session messages of one direction. */
  private static int side(DecodeContext c, int direction) {
    MemorySegment s = c.stream(direction);
    long at = c.streamOffset(direction);
    int length = c.streamLength(direction);
    int p = 0;
    int seen = WAIT;
    for (int messages = 0; messages < 4 && p + 4 <= length; messages++) {
      int type = u8(s, at + p);
      int messageLength = (u8(s, at + p + 1) & 1) << 16 | u16(s, at + p + 2);
      if (type == 0x00) {
        if (p + 8 > length) {
          return seen == WAIT && c.streamFull(direction) ? NOT : Math.max(seen, WAIT);
        }
        int magic = u8(s, at + p + 4);
        boolean smbMagic =
            (magic == 0xff || magic == 0xfe || magic == 0xfd)
                && u8(s, at + p + 5) == 'S'
                && u8(s, at + p + 6) == 'M'
                && u8(s, at + p + 7) == 'B';
        return smbMagic && messageLength >= 32 ? SMB : NOT;
      }
      boolean session =
          type == 0x81 || type == 0x82 || type == 0x83 || type == 0x84 || type == 0x85;
      if (!session || (type == 0x81 && messageLength != 68 && messageLength < 36)) {
        return NOT;
      }
      if (type == 0x81 || type == 0x82) {
        seen = SESSION;
      }
      p += 4 + messageLength;
    }
    return seen;
  }
}
