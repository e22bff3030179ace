package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.ascii;
import static org.flowgate.dataplane.appid.decode.Bytes.u8;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.ApplicationInspector;
import org.flowgate.dataplane.appid.DecodeContext;
import org.flowgate.dataplane.appid.ProtocolDecoder;

/**
 * HTTP/1.x over TCP (RFC 9112 §3, §4): {@code junos:HTTP}, the nested application named by the
 * request's Host; and HTTP/2 with prior knowledge (RFC 9113 §3.3): {@code junos:HTTP2}.
 *
 * <pre>
 *  client: METHOD SP request-target SP HTTP/1.x CRLF          -&gt; provisional junos:HTTP
 *          *( field-name ":" OWS field-value OWS CRLF )         Host: name[:port] names the nested
 *          CRLF                                                 application
 *  server: HTTP/1.x SP 3DIGIT SP reason CRLF                  -&gt; final (alone: provisional)
 *
 *  client: "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"                  -&gt; provisional junos:HTTP2
 *  server: frame | length (24) | type (8) = 4 SETTINGS | ...   -&gt; final
 * </pre>
 */
public final class HttpDecoder extends ProtocolDecoder {
  private static final byte[][] METHODS = {
    ascii("GET "), ascii("POST "), ascii("HEAD "), ascii("PUT "), ascii("DELETE "),
    ascii("OPTIONS "), ascii("CONNECT "), ascii("PATCH "), ascii("TRACE "), ascii("PROPFIND "),
    ascii("PROPPATCH "), ascii("MKCOL "), ascii("COPY "), ascii("MOVE "), ascii("LOCK "),
    ascii("UNLOCK "), ascii("REPORT "), ascii("SEARCH "), ascii("MKCALENDAR "), ascii("ACL ")
  };
  private static final byte[] HTTP_1 = ascii("HTTP/1.");
  private static final byte[] HOST = ascii("HOST:");
  private static final byte[] PREFACE = ascii("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");

  /** Bytes of a request line or header block looked at. */
  private static final int LINE_LIMIT = 8192;

  private final int http;
  private final int http2;

  public HttpDecoder(ApplicationCatalog catalog) {
    super("http");
    this.http = catalog.requireId("junos:HTTP");
    this.http2 = catalog.requireId("junos:HTTP2");
  }

  @Override
  public boolean tcp() {
    return true;
  }

  /**
   * A method (or a status line of a capture that starts with it) from the client; anything from the
   * server, whose status line a capture may have lost while the request stands.
   */
  @Override
  public boolean acceptsFirstByte(int direction, int b) {
    return direction == 1 || (b >= 'A' && b <= 'Z');
  }

  @Override
  public int decodeStream(DecodeContext c) {
    int clientLength = c.streamLength(0);
    int serverLength = c.streamLength(1);
    int client = NEED_MORE;
    long read = c.scratch(ApplicationInspector.SCRATCH_HTTP);
    if (read != 0) {
      client = provisional(http); // the request was read to its end already
      c.nested((int) read);
    } else if (clientLength > 0) {
      client = request(c, c.stream(0), c.streamOffset(0), clientLength, c.streamFull(0));
      if (client == NO_MATCH) {
        // a capture that starts with the server's response has it in the client's place
        if (clientLength > 0
            && serverLength == 0
            && statusLine(c.stream(0), c.streamOffset(0), clientLength) > 0) {
          return provisional(http);
        }
        return NO_MATCH;
      }
    }
    if (serverLength > 0) {
      MemorySegment s = c.stream(1);
      long at = c.streamOffset(1);
      if ((client & APPLICATION_MASK) == http2) {
        if (serverLength >= 9) {
          return u8(s, at + 3) == 4 ? http2 : NO_MATCH;
        }
        return client;
      }
      int status = statusLine(s, at, serverLength);
      if (status < 0) {
        return client == NEED_MORE ? NO_MATCH : client;
      }
      if (status == 0) {
        return client;
      }
      if (client == NEED_MORE) {
        return clientLength == 0 ? provisional(http) : NEED_MORE;
      }
      return client & APPLICATION_MASK;
    }
    return client;
  }

  /** 1: a status line; 0: could still become one; -1: is not one. */
  private static int statusLine(MemorySegment s, long at, int length) {
    if (!Bytes.mayStartWith(s, at, length, HTTP_1)) {
      return -1;
    }
    if (length < 12) {
      return 0;
    }
    int minor = u8(s, at + 7);
    if ((minor != '0' && minor != '1') || u8(s, at + 8) != ' ' || !Bytes.threeDigits(s, at + 9)) {
      return -1;
    }
    return 1;
  }

  private int request(DecodeContext c, MemorySegment s, long at, int length, boolean full) {
    if (Bytes.mayStartWith(s, at, length, PREFACE)) {
      return length >= PREFACE.length ? provisional(http2) : (full ? NO_MATCH : NEED_MORE);
    }
    int method = -1;
    boolean possible = false;
    byte first = s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, at);
    for (byte[] candidate : METHODS) {
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
      return possible && !full ? NEED_MORE : NO_MATCH;
    }
    int window = Math.min(length, LINE_LIMIT);
    int lineEnd = Bytes.indexOfCrlf(s, at, window);
    if (lineEnd < 0) {
      if (!Bytes.printable(s, at, window)) {
        return NO_MATCH;
      }
      return full || window == LINE_LIMIT ? NO_MATCH : NEED_MORE;
    }
    // METHOD SP target SP HTTP/1.x
    int versionAt = lineEnd - 9;
    if (versionAt <= method
        || u8(s, at + versionAt) != ' '
        || !Bytes.startsWith(s, at + versionAt + 1, 8, HTTP_1)
        || (u8(s, at + lineEnd - 1) != '0' && u8(s, at + lineEnd - 1) != '1')
        || !Bytes.printable(s, at, lineEnd)) {
      return NO_MATCH;
    }
    long target = at + method;
    int targetLength = versionAt - method;
    if (headers(c, s, at, lineEnd + 2, window, target, targetLength)) {
      c.scratch(
          ApplicationInspector.SCRATCH_HTTP, 1L << 32 | (c.nestedApplication() & 0xffff_ffffL));
    }
    return provisional(http);
  }

  /**
   * Finds Host among the header lines and reports it with the target.
   *
   * @return true when the header block was read to its end (Host found, or the empty line)
   */
  private static boolean headers(
      DecodeContext c,
      MemorySegment s,
      long at,
      int from,
      int window,
      long target,
      int targetLength) {
    int p = from;
    while (p < window) {
      int lineLength = Bytes.indexOfCrlf(s, at + p, window - p);
      if (lineLength <= 0) {
        break; // the empty line ends the header block, or the rest has not arrived
      }
      if (Bytes.startsWithIgnoreCase(s, at + p, lineLength, HOST)) {
        int v = p + HOST.length;
        int end = p + lineLength;
        while (v < end && (u8(s, at + v) == ' ' || u8(s, at + v) == '\t')) {
          v++;
        }
        while (end > v && (u8(s, at + end - 1) == ' ' || u8(s, at + end - 1) == '\t')) {
          end--;
        }
        int hostEnd = v;
        if (v < end && u8(s, at + v) == '[') {
          v++; // [IPv6 literal]:port
          hostEnd = v;
          while (hostEnd < end && u8(s, at + hostEnd) != ']') {
            hostEnd++;
          }
        } else {
          while (hostEnd < end && u8(s, at + hostEnd) != ':') {
            hostEnd++;
          }
        }
        c.httpRequest(s, at + v, hostEnd - v, s, target, targetLength);
        return true;
      }
      p += lineLength + 2;
    }
    c.httpRequest(null, 0, 0, s, target, targetLength);
    return p < window && Bytes.indexOfCrlf(s, at + p, window - p) == 0;
  }
}
