package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.u8;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.DecodeContext;

/**
 * MySQL client/server protocol (MySQL "Connection Phase", Protocol::HandshakeV10): {@code
 * junos:MYSQL}. The server speaks first.
 *
 * <pre>
 *  packet:  payload length (3, little-endian) | sequence id (1) | payload
 *  server:  seq 0 | 0x0a protocol 10 | server version, NUL-terminated | thread id (4) | ...
 *  client:  seq 1 | HandshakeResponse41 or SSLRequest (32 bytes)
 * </pre>
 */
public final class MysqlDecoder extends TwoSidedDecoder {
  public MysqlDecoder(ApplicationCatalog catalog) {
    super("mysql", catalog.requireId("junos:MYSQL"));
  }

  @Override
  int side(DecodeContext c, int direction, MemorySegment s, long at, int length, boolean full) {
    if (direction == 0 && c.streamLength(1) == 0) {
      return -1; // the server greets first: a client that speaks first is not MySQL's
    }
    if (length < 5) {
      return tooShort(full);
    }
    int payload = Bytes.u16le(s, at) | u8(s, at + 2) << 16;
    int sequence = u8(s, at + 3);
    if (direction == 1) {
      if (sequence != 0 || u8(s, at + 4) != 0x0a || payload < 20 || payload > 1024) {
        return -1;
      }
      int window = Math.min(length - 5, 64);
      int nul = Bytes.indexOf(s, at + 5, window, (byte) 0);
      if (nul < 0) {
        return window == 64 ? -1 : tooShort(full);
      }
      return nul > 0 && Bytes.printable(s, at + 5, nul) ? 1 : -1;
    }
    if (c.streamLength(1) == 0) {
      return -1; // the server greets first: a client that speaks first is not MySQL's
    }
    return sequence == 1 && payload >= 32 && payload < 1 << 16 ? 1 : -1;
  }
}
