package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.u8;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.DecodeContext;

/**
 * DCE/RPC connection-oriented PDUs (The Open Group C706 §12.6.3, MS-RPCE): {@code junos:MS-RPC}.
 *
 * <pre>
 *  | rpc_vers 5 | rpc_vers_minor 0/1 | PTYPE | pfc_flags | packed_drep (4): 0x10 (LE) or 0x00 (BE),
 *    char/float formats | frag_length (2) | auth_length (2) | call_id (4) |
 *  client PTYPE: 11 bind, 14 alter_context, 0 request
 *  server PTYPE: 12 bind_ack, 13 bind_nak, 15 alter_context_resp, 2 response, 3 fault
 * </pre>
 */
public final class DceRpcDecoder extends TwoSidedDecoder {
  public DceRpcDecoder(ApplicationCatalog catalog) {
    super("dcerpc", catalog.requireId("junos:MS-RPC"));
  }

  @Override
  public boolean acceptsFirstByte(int direction, int b) {
    return b == 5;
  }

  @Override
  int side(DecodeContext c, int direction, MemorySegment s, long at, int length, boolean full) {
    if (u8(s, at) != 5) {
      return -1;
    }
    if (length < 16) {
      return tooShort(full);
    }
    int minor = u8(s, at + 1);
    int type = u8(s, at + 2);
    int drep = u8(s, at + 4);
    if (minor > 1 || (drep != 0x10 && drep != 0x00) || u8(s, at + 6) != 0 || u8(s, at + 7) != 0) {
      return -1;
    }
    int fragLength = drep == 0x10 ? Bytes.u16le(s, at + 8) : Bytes.u16(s, at + 8);
    if (fragLength < 16) {
      return -1;
    }
    boolean typeOk =
        direction == 0
            ? type == 11 || type == 14 || type == 0
            : type == 12 || type == 13 || type == 15 || type == 2 || type == 3;
    return typeOk ? 1 : -1;
  }
}
