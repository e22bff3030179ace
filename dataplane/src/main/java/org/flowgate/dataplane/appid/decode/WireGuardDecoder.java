package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.u8;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.DecodeContext;
import org.flowgate.dataplane.appid.ProtocolDecoder;

/**
 * WireGuard (J. Donenfeld, "WireGuard: Next Generation Kernel Network Tunnel" §5.4): {@code
 * junos:WIREGUARD}.
 *
 * <pre>
 *  | type (1) | reserved (3) = 0 | ...
 *  1 handshake initiation: 148 bytes     2 handshake response: 92 bytes
 *  3 cookie reply: 64 bytes              4 transport data: 32 + 16n bytes (port 51820 only)
 *  a message from one side -&gt; provisional; from both -&gt; final
 * </pre>
 */
public final class WireGuardDecoder extends ProtocolDecoder {
  private final int wireguard;

  public WireGuardDecoder(ApplicationCatalog catalog) {
    super("wireguard");
    this.wireguard = catalog.requireId("junos:WIREGUARD");
  }

  @Override
  public boolean udp() {
    return true;
  }

  @Override
  public boolean acceptsFirstByte(int direction, int b) {
    return b >= 1 && b <= 4;
  }

  @Override
  public int decodeDatagram(
      DecodeContext c, int direction, MemorySegment s, long offset, int length) {
    if (length < 32 || u8(s, offset + 1) != 0 || u8(s, offset + 2) != 0 || u8(s, offset + 3) != 0) {
      return NO_MATCH;
    }
    boolean message =
        switch (u8(s, offset)) {
          case 1 -> length == 148;
          case 2 -> length == 92;
          case 3 -> length == 64;
          case 4 -> c.port(51820) && (length - 32) % 16 == 0;
          default -> false;
        };
    return message ? provisional(wireguard) : NO_MATCH;
  }
}
