package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.u8;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.DecodeContext;
import org.flowgate.dataplane.appid.ProtocolDecoder;

/**
 * Telnet (RFC 854, option negotiation RFC 855): {@code junos:TELNET}. Both sides open with option
 * negotiation.
 *
 * <pre>
 *  IAC (255) | WILL 251 | WONT 252 | DO 253 | DONT 254 | option          negotiation
 *  IAC (255) | SB 250 | option | parameters ... | IAC | SE 240           subnegotiation
 *  one side opens with a command  -&gt; provisional;  both -&gt; final
 * </pre>
 */
public final class TelnetDecoder extends ProtocolDecoder {
  private static final int IAC = 255;
  private static final int SB = 250;
  private static final int SE = 240;

  private final int telnet;

  public TelnetDecoder(ApplicationCatalog catalog) {
    super("telnet");
    this.telnet = catalog.requireId("junos:TELNET");
  }

  @Override
  public boolean tcp() {
    return true;
  }

  @Override
  public boolean acceptsFirstByte(int direction, int b) {
    return b == 0xff;
  }

  @Override
  public int decodeStream(DecodeContext c) {
    int client = negotiation(c, 0);
    int server = negotiation(c, 1);
    if (client < 0 || server < 0) {
      return NO_MATCH;
    }
    if (client > 0 && server > 0) {
      return telnet;
    }
    return client > 0 || server > 0 ? provisional(telnet) : NEED_MORE;
  }

  /** 1 opens with well-formed commands, 0 nothing yet, -1 not Telnet. */
  private static int negotiation(DecodeContext c, int direction) {
    int length = c.streamLength(direction);
    if (length == 0) {
      return 0;
    }
    MemorySegment s = c.stream(direction);
    long at = c.streamOffset(direction);
    if (u8(s, at) != IAC) {
      return -1;
    }
    int p = 0;
    int commands = 0;
    while (p < length && u8(s, at + p) == IAC && commands < 16) {
      if (p + 1 >= length) {
        break;
      }
      int command = u8(s, at + p + 1);
      if (command >= 251 && command <= 254) {
        if (p + 2 >= length) {
          break;
        }
        p += 3;
        commands++;
      } else if (command == SB) {
        int end = p + 2;
        while (end + 1 < length && !(u8(s, at + end) == IAC && u8(s, at + end + 1) == SE)) {
          end++;
        }
        if (end + 1 >= length) {
          break;
        }
        p = end + 2;
        commands++;
      } else if (command >= 241 && command <= 249) {
        p += 2; // NOP, DM, BRK, IP, AO, AYT, EC, EL, GA
        commands++;
      } else {
        return -1;
      }
    }
    return commands > 0 ? 1 : 0;
  }
}
