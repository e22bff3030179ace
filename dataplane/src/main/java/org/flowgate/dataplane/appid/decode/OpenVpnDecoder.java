package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.u16;
import static org.flowgate.dataplane.appid.decode.Bytes.u8;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.ApplicationInspector;
import org.flowgate.dataplane.appid.DecodeContext;
import org.flowgate.dataplane.appid.ProtocolDecoder;

/**
 * OpenVPN's control channel start (OpenVPN "Security Overview", ssl.h opcodes): {@code
 * junos:OPENVPN}.
 *
 * <pre>
 *  UDP: | opcode (5) | key id (3) | session id (8) | [HMAC, packet id, time (tls-auth)] |
 *         ack count (1) | acked ids (4 each) | [remote session id (8)] | packet id (4) | ...
 *  TCP: | packet length (2) | the same |
 *  client opcode 7 P_CONTROL_HARD_RESET_CLIENT_V2 (0x38), 10 ..._V3 (0x50)
 *  server opcode 8 P_CONTROL_HARD_RESET_SERVER_V2 (0x40): its acknowledgement carries the client's
 *  session id, which is how the server's answer is told from chance
 * </pre>
 */
public final class OpenVpnDecoder extends ProtocolDecoder {
  private static final ValueLayout.OfLong U64 =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

  private static final int CLIENT_V2 = 7;
  private static final int CLIENT_V3 = 10;
  private static final int SERVER_V2 = 8;

  private final int openvpn;

  public OpenVpnDecoder(ApplicationCatalog catalog) {
    super("openvpn");
    this.openvpn = catalog.requireId("junos:OPENVPN");
  }

  @Override
  public boolean tcp() {
    return true;
  }

  @Override
  public boolean udp() {
    return true;
  }

  @Override
  public int decodeStream(DecodeContext c) {
    int clientLength = c.streamLength(0);
    int serverLength = c.streamLength(1);
    if (clientLength == 0) {
      return serverLength == 0 ? NEED_MORE : NO_MATCH;
    }
    MemorySegment s = c.stream(0);
    long at = c.streamOffset(0);
    if (clientLength >= 3) {
      int opcode = u8(s, at + 2) >>> 3;
      if (u16(s, at) < 9 || (opcode != CLIENT_V2 && opcode != CLIENT_V3)) {
        return NO_MATCH;
      }
    }
    if (clientLength < 11) {
      return c.streamFull(0) ? NO_MATCH : NEED_MORE;
    }
    int declared = u16(s, at);
    if (declared < 9
        || declared > 1600
        || !clientReset(s, at + 2, Math.min(declared, clientLength - 2))) {
      return NO_MATCH;
    }
    if (serverLength == 0) {
      return provisional(openvpn);
    }
    if (serverLength < 11) {
      return c.streamFull(1) ? NO_MATCH : provisional(openvpn);
    }
    MemorySegment r = c.stream(1);
    long rat = c.streamOffset(1);
    long session = s.get(U64, at + 3);
    return (u8(r, rat + 2) >>> 3) == SERVER_V2
            && carries(r, rat + 2, Math.min(serverLength - 2, u16(r, rat)), session)
        ? openvpn
        : NO_MATCH;
  }

  @Override
  public int decodeDatagram(
      DecodeContext c, int direction, MemorySegment s, long offset, int length) {
    if (length < 14 || length > 1600) {
      return NO_MATCH;
    }
    if (direction == 0) {
      if (!clientReset(s, offset, length)) {
        return NO_MATCH;
      }
      c.scratch(ApplicationInspector.SCRATCH_OPENVPN, s.get(U64, offset + 1));
      return provisional(openvpn);
    }
    long session = c.scratch(ApplicationInspector.SCRATCH_OPENVPN);
    if (session == 0
        || (u8(s, offset) >>> 3) != SERVER_V2
        || !carries(s, offset, length, session)) {
      return NO_MATCH;
    }
    return openvpn;
  }

  private static boolean clientReset(MemorySegment s, long at, int length) {
    int opcode = u8(s, at) >>> 3;
    return length >= 9
        && (opcode == CLIENT_V2 || opcode == CLIENT_V3)
        && (u8(s, at) & 7) == 0
        && s.get(U64, at + 1) != 0;
  }

  /** True when the client's session id appears after the server's own session id. */
  private static boolean carries(MemorySegment s, long at, int length, long session) {
    int window = Math.min(length, 128);
    for (int i = 9; i + 8 <= window; i++) {
      if (s.get(U64, at + i) == session) {
        return true;
      }
    }
    return false;
  }
}
