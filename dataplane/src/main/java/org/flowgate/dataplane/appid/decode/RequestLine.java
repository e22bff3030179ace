package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.u8;

import java.lang.foreign.MemorySegment;

/**
 * The request and status lines of the HTTP-like text protocols SIP (RFC 3261 §7.1, §7.2) and RTSP
 * (RFC 2326 §6.1, §7.1; RFC 7826):
 *
 * <pre>
 *  request: METHOD SP Request-URI SP VERSION CRLF       e.g. INVITE sip:bob@b.example SIP/2.0
 *  status:  VERSION SP 3DIGIT SP Reason-Phrase CRLF     e.g. RTSP/1.0 200 OK
 * </pre>
 *
 * <p>Thread: stateless.
 */
final class RequestLine {
  /** A request or status line of the protocol. */
  static final int YES = 1;

  /** Consistent so far; the line has not ended. */
  static final int MAYBE = 0;

  static final int NO = -1;

  private RequestLine() {}

  /**
   * Reads the first line of {@code [at, at + length)}.
   *
   * @param methods the protocol's methods, each followed by SP
   * @param version the version token ("SIP/2.0", "RTSP/1.")
   * @param uriScheme the Request-URI must start with one of these, or null for any
   */
  static int read(
      MemorySegment s, long at, int length, byte[][] methods, byte[] version, byte[][] uriScheme) {
    if (Bytes.mayStartWith(s, at, length, version)) {
      if (length < version.length + 5) {
        return MAYBE;
      }
      int p = version.length;
      while (p < length && u8(s, at + p) != ' ' && p < version.length + 3) {
        p++; // RTSP/1.0, RTSP/2.0: the minor version
      }
      return p + 4 < length && u8(s, at + p) == ' ' && Bytes.threeDigits(s, at + p + 1) ? YES : NO;
    }
    int method = -1;
    boolean possible = false;
    byte first = s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, at);
    for (byte[] candidate : methods) {
      if (candidate[0] != first) {
        continue;
      }
      if (Bytes.startsWith(s, at, length, candidate)) {
        method = candidate.length;
        break;
      }
      possible |= Bytes.mayStartWith(s, at, length, candidate);
    }
    if (method < 0) {
      return possible ? MAYBE : NO;
    }
    int lf = Lines.end(s, at, length, 0);
    if (lf < 0) {
      return length >= Lines.MAX_LINE || !Bytes.printable(s, at, length) ? NO : MAYBE;
    }
    int content = Lines.contentLength(s, at, 0, lf);
    int space = -1;
    for (int i = content - 1; i > method; i--) {
      if (u8(s, at + i) == ' ') {
        space = i;
        break;
      }
    }
    if (space < 0 || !Bytes.printable(s, at, content)) {
      return NO;
    }
    if (!Bytes.startsWith(s, at + space + 1, content - space - 1, version)) {
      return NO;
    }
    if (uriScheme != null) {
      boolean schemeOk = false;
      for (byte[] scheme : uriScheme) {
        schemeOk |= Bytes.startsWithIgnoreCase(s, at + method, space - method, scheme);
      }
      if (!schemeOk && !(u8(s, at + method) == '*')) {
        return NO;
      }
    }
    return YES;
  }
}
