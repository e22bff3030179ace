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
 *  ports:     udp/514, tcp/514, tcp/601
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
  public int decodeDatagram(
      DecodeContext c, int direction, MemorySegment s, long offset, int length) {
    return c.port(514) && message(s, offset, length) > 0 ? syslog : NO_MATCH;
  }

  @Override
  public int decodeStream(DecodeContext c) {
    if (!c.port(514) && !c.port(601)) {
      return NO_MATCH;
    }
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
    return answer > 0 ? syslog : NO_MATCH;
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
