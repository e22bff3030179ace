package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.u16;
import static org.flowgate.dataplane.appid.decode.Bytes.u8;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.DecodeContext;

/**
 * Microsoft SQL Server's TDS (MS-TDS §2.2.3.1 packet header): {@code junos:MSSQL}.
 *
 * <pre>
 *  | type (1) | status (1) | length (2, big-endian, header included) | SPID (2) | packet id | window |
 *  client: type 0x12 PRELOGIN, 0x10 TDS7 LOGIN, 0x02 TDS4 LOGIN; status 0 or 1 (EOM); window 0
 *  server: type 0x04 tabular result
 * </pre>
 */
public final class TdsDecoder extends TwoSidedDecoder {
  public TdsDecoder(ApplicationCatalog catalog) {
    super("tds", catalog.requireId("junos:MSSQL"));
  }

  @Override
  public boolean acceptsFirstByte(int direction, int b) {
    return direction == 0 ? b == 0x12 || b == 0x10 || b == 0x02 : b == 0x04;
  }

  @Override
  int side(DecodeContext c, int direction, MemorySegment s, long at, int length, boolean full) {
    if (length < 8) {
      return tooShort(full);
    }
    int type = u8(s, at);
    int status = u8(s, at + 1);
    int declared = u16(s, at + 2);
    boolean typeOk = direction == 0 ? type == 0x12 || type == 0x10 || type == 0x02 : type == 0x04;
    if (!typeOk || status > 1 || declared < 8 || declared > 32_768 || u8(s, at + 7) != 0) {
      return -1;
    }
    if (direction == 0
        && type == 0x12
        && length >= 9
        && u8(s, at + 8) > 0x08
        && u8(s, at + 8) != 0xff) {
      return -1; // PRELOGIN option tokens are 0x00..0x08, ended by 0xff
    }
    return 1;
  }
}
