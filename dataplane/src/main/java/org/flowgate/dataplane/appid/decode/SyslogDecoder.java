package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.u8;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.DecodeContext;
import org.flowgate.dataplane.appid.ProtocolDecoder;

/**
 * Syslog over UDP (RFC 3164 §4.1, RFC 5424 §6, RFC 5426) and TCP (RFC 6587: octet counting or
 * LF-terminated): {@code junos:SYSLOG}. Syslog flows one way, so one message on the syslog port is
 * proof.
 *
 * <pre>
 *  message:   "&lt;" PRI (1-3 digits, 0..191) "&gt;" [VERSION SP] text      (printable)
 *  TCP:       [MSG-LEN SP] message ...
 *  on udp/514, tcp/514, tcp/601: any such message; on other ports only a full header:
 *    RFC 5424: &lt;PRI&gt;1 SP (YYYY-MM-DDThh:mm:ss... | -) SP ...
 *    RFC 3164: &lt;PRI&gt;Mmm SP dd SP hh:mm:ss SP ...
 * </pre>
 */
public final class SyslogDecoder extends ProtocolDecoder {
  private final int syslog;

  public SyslogDecoder(ApplicationCatalog catalog) {
    super("syslog");
    this.syslog = catalog.requireId("junos:SYSLOG");
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
  public boolean acceptsFirstByte(int direction, int b) {
    return direction == 1 || b == '<' || (b >= '0' && b <= '9');
  }

  @Override
  public int decodeDatagram(
      DecodeContext c, int direction, MemorySegment s, long offset, int length) {
    if (message(s, offset, length) <= 0) {
      return NO_MATCH;
    }
    return c.port(514) || timestamped(s, offset, length) ? syslog : NO_MATCH;
  }

  @Override
  public int decodeStream(DecodeContext c) {
    boolean port = c.port(514) || c.port(601);
    int length = c.streamLength(0);
    if (length == 0) {
      return NEED_MORE;
    }
    MemorySegment s = c.stream(0);
    long at = c.streamOffset(0);
    int p = 0;
    while (p < length && p < 6 && u8(s, at + p) >= '0' && u8(s, at + p) <= '9') {
      p++;
    }
    if (p > 0) {
      if (p == length) {
        return NEED_MORE;
      }
      if (u8(s, at + p) != ' ') {
        return NO_MATCH;
      }
      p++; // octet-counting: MSG-LEN SP
    }
    int answer = message(s, at + p, length - p);
    if (answer == 0) {
      return c.streamFull(0) ? NO_MATCH : NEED_MORE;
    }
    if (answer < 0) {
      return NO_MATCH;
    }
    if (port) {
      return syslog;
    }
    if (length - p < 24) {
      return c.streamFull(0) ? NO_MATCH : NEED_MORE;
    }
    return timestamped(s, at + p, length - p) ? syslog : NO_MATCH;
  }

  private static final byte[][] MONTHS = {
    Bytes.ascii("Jan "), Bytes.ascii("Feb "), Bytes.ascii("Mar "), Bytes.ascii("Apr "),
    Bytes.ascii("May "), Bytes.ascii("Jun "), Bytes.ascii("Jul "), Bytes.ascii("Aug "),
    Bytes.ascii("Sep "), Bytes.ascii("Oct "), Bytes.ascii("Nov "), Bytes.ascii("Dec ")
  };

  /** True when the header after "&lt;PRI&gt;" is RFC 5424's or RFC 3164's in full. */
  private static boolean timestamped(MemorySegment s, long at, int length) {
    int close = Bytes.indexOf(s, at, Math.min(length, 5), (byte) '>');
    if (close < 0) {
      return false;
    }
    long h = at + close + 1;
    int left = length - close - 1;
    if (left >= 2 && u8(s, h) == '1' && u8(s, h + 1) == ' ') {
      if (left >= 4 && u8(s, h + 2) == '-' && u8(s, h + 3) == ' ') {
        return true;
      }
      return left >= 2 + 11
          && digits(s, h + 2, 4)
          && u8(s, h + 6) == '-'
          && digits(s, h + 7, 2)
          && u8(s, h + 9) == '-'
          && digits(s, h + 10, 2)
          && u8(s, h + 12) == 'T';
    }
    for (byte[] month : MONTHS) {
      if (Bytes.startsWith(s, h, left, month)) {
        return left >= 15
            && (u8(s, h + 4) == ' ' || Bytes.isDigit(s, h + 4))
            && Bytes.isDigit(s, h + 5)
            && u8(s, h + 6) == ' '
            && digits(s, h + 7, 2)
            && u8(s, h + 9) == ':'
            && digits(s, h + 10, 2)
            && u8(s, h + 12) == ':'
            && digits(s, h + 13, 2);
      }
    }
    return false;
  }

  private static boolean digits(MemorySegment s, long at, int count) {
    for (int i = 0; i < count; i++) {
      if (!Bytes.isDigit(s, at + i)) {
        return false;
      }
    }
    return true;
  }

  /** 1 a syslog header and text, 0 too short, -1 not syslog. */
  private static int message(MemorySegment s, long at, int length) {
    if (length < 1 || u8(s, at) != '<') {
      return length < 1 ? 0 : -1;
    }
    int priority = 0;
    int p = 1;
    while (p < length && p <= 4 && u8(s, at + p) >= '0' && u8(s, at + p) <= '9') {
      priority = priority * 10 + (u8(s, at + p) - '0');
      p++;
    }
    if (p >= length) {
      return 0;
    }
    if (p == 1 || p > 4 || u8(s, at + p) != '>' || priority > 191) {
      return -1;
    }
    int text = Math.min(length - p - 1, 64);
    if (text < 4) {
      return 0;
    }
    for (int i = 0; i < text; i++) {
      int b = u8(s, at + p + 1 + i);
      if ((b < 32 && b != '\t' && b != '\n' && b != '\r') || b == 127) {
        return -1;
      }
    }
    return 1;
  }
}
