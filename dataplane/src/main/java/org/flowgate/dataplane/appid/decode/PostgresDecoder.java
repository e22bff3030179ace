package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.u32;
import static org.flowgate.dataplane.appid.decode.Bytes.u8;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.DecodeContext;

/**
 * PostgreSQL frontend/backend protocol 3.0 (PostgreSQL manual, "Message Formats"): {@code
 * junos:POSTGRESQL}.
 *
 * <pre>
 *  client: StartupMessage  | length (4) | 196608 (3.0) | name NUL value NUL ... NUL |
 *          SSLRequest      | 8 | 80877103 |      GSSENCRequest | 8 | 80877104 |
 *  server: 'S' | 'N' (answer to SSLRequest), or 'R' | length (4) | auth type (4) | ..., or 'E' ...
 * </pre>
 */
public final class PostgresDecoder extends TwoSidedDecoder {
  private static final long PROTOCOL_3 = 196_608;
  private static final long SSL_REQUEST = 80_877_103;
  private static final long GSSENC_REQUEST = 80_877_104;

  public PostgresDecoder(ApplicationCatalog catalog) {
    super("postgresql", catalog.requireId("junos:POSTGRESQL"));
  }

  /** A startup length's high byte from the client; S, N, R or E from the server. */
  @Override
  public boolean acceptsFirstByte(int direction, int b) {
    return direction == 0 ? b == 0 : b == 'S' || b == 'N' || b == 'R' || b == 'E';
  }

  @Override
  int side(DecodeContext c, int direction, MemorySegment s, long at, int length, boolean full) {
    if (direction == 0) {
      if (length < 8) {
        return tooShort(full);
      }
      long declared = u32(s, at);
      long code = u32(s, at + 4);
      if (declared == 8 && (code == SSL_REQUEST || code == GSSENC_REQUEST)) {
        return 1;
      }
      return code == PROTOCOL_3 && declared > 8 && declared < 10_000 ? 1 : -1;
    }
    if (c.streamLength(0) == 0) {
      return 0; // one byte of a server alone says nothing
    }
    int type = u8(s, at);
    if (type == 'S' || type == 'N') {
      return 1;
    }
    if (type != 'R' && type != 'E') {
      return -1;
    }
    if (length < 5) {
      return tooShort(full);
    }
    long declared = u32(s, at + 1);
    return declared >= 8 && declared < 100_000 ? 1 : -1;
  }
}
