package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.u32;
import static org.flowgate.dataplane.appid.decode.Bytes.u8;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.DecodeContext;
import org.flowgate.dataplane.appid.ProtocolDecoder;

/**
 * Kerberos V5 (RFC 4120 §5.4.1, §5.4.2, §5.9.1; TCP framing §7.2.2): {@code junos:KERBEROS}.
 *
 * <pre>
 *  UDP: the message;  TCP: | length (4, high bit 0) | the message |
 *  message: [APPLICATION n] | length | SEQUENCE 0x30 | length | pvno: [1] (or [0] for KRB-ERROR)
 *           INTEGER 5 = a1 03 02 01 05 ...
 *  client: 0x6a AS-REQ [10], 0x6c TGS-REQ [12]
 *  server: 0x6b AS-REP [11], 0x6d TGS-REP [13], 0x7e KRB-ERROR [30]
 * </pre>
 */
public final class KerberosDecoder extends ProtocolDecoder {
  private final int kerberos;

  public KerberosDecoder(ApplicationCatalog catalog) {
    super("kerberos");
    this.kerberos = catalog.requireId("junos:KERBEROS");
  }

  @Override
  public boolean tcp() {
    return true;
  }

  @Override
  public boolean udp() {
    return true;
  }

  /** A TCP length's high byte, or a UDP message's application tag. */
  @Override
  public boolean acceptsFirstByte(int direction, int b) {
    return b == 0x00
        || (direction == 0 ? b == 0x6a || b == 0x6c : b == 0x6b || b == 0x6d || b == 0x7e);
  }

  @Override
  public int decodeStream(DecodeContext c) {
    int client = framed(c, 0);
    int server = framed(c, 1);
    if (client < 0 || server < 0) {
      return NO_MATCH;
    }
    if (client > 0 && server > 0) {
      return kerberos;
    }
    if ((client > 0 && c.streamLength(1) == 0) || (server > 0 && c.streamLength(0) == 0)) {
      return provisional(kerberos);
    }
    return NEED_MORE;
  }

  private static int framed(DecodeContext c, int direction) {
    int length = c.streamLength(direction);
    if (length == 0) {
      return 0;
    }
    MemorySegment s = c.stream(direction);
    long at = c.streamOffset(direction);
    if (length < 4) {
      return c.streamFull(direction) ? -1 : 0;
    }
    long declared = u32(s, at);
    if (declared < 10 || declared > 65_536) {
      return -1;
    }
    int answer = message(s, at + 4, length - 4, direction);
    return answer == 0 && c.streamFull(direction) ? -1 : answer;
  }

  @Override
  public int decodeDatagram(
      DecodeContext c, int direction, MemorySegment s, long offset, int length) {
    if (!c.port(88)) {
      return NO_MATCH;
    }
    return message(s, offset, length, direction) > 0 ? provisional(kerberos) : NO_MATCH;
  }

  /** 1 a Kerberos message of this direction, 0 too short, -1 not Kerberos. */
  private static int message(MemorySegment s, long at, int length, int direction) {
    if (length < 1) {
      return 0;
    }
    int tag = u8(s, at);
    boolean ok =
        direction == 0 ? tag == 0x6a || tag == 0x6c : tag == 0x6b || tag == 0x6d || tag == 0x7e;
    if (!ok) {
      return -1;
    }
    long outer = Ber.header(s, at, length);
    if (outer == Ber.SHORT) {
      return 0;
    }
    if (outer == Ber.BAD) {
      return -1;
    }
    int p = Ber.headerBytes(outer);
    if (length < p + 2) {
      return 0;
    }
    if (u8(s, at + p) != 0x30) {
      return -1;
    }
    long sequence = Ber.header(s, at + p, length - p);
    if (sequence == Ber.SHORT) {
      return 0;
    }
    if (sequence == Ber.BAD) {
      return -1;
    }
    p += Ber.headerBytes(sequence);
    if (length < p + 5) {
      return 0;
    }
    int pvnoTag = tag == 0x7e ? 0xa0 : 0xa1;
    return u8(s, at + p) == pvnoTag
            && u8(s, at + p + 1) == 3
            && u8(s, at + p + 2) == 2
            && u8(s, at + p + 3) == 1
            && u8(s, at + p + 4) == 5
        ? 1
        : -1;
  }
}
