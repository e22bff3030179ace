package org.flowgate.dataplane.flow.alg;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.alg.Alg;
import org.flowgate.dataplane.net.IpProtocol;
import org.flowgate.dataplane.packet.Wire;

/**
 * The RTSP ALG (RFC 2326): reads the control connection on TCP port 554; the {@code Transport}
 * header of a SETUP request names the client's RTP/RTCP ports, that of its reply the server's, and
 * the ALG opens UDP gates for the media.
 *
 * <pre>
 *  message  start line CRLF *(header CRLF) CRLF [body of Content-Length bytes]
 *           or interleaved data: '$' channel (1) length (2) data
 *  SETUP rtsp://host/stream/track1 RTSP/1.0        RTSP/1.0 200 OK
 *  CSeq: 3                                          CSeq: 3
 *  Transport: RTP/AVP;unicast;client_port=a-b       Transport: RTP/AVP;unicast;client_port=a-b;
 *                                                              server_port=c-d
 *
 *  SETUP (client)  gates  UDP server:any ─► client (as the server knows it):a and :b
 *                  under source NAT: a NAT port pair n, n+1 is taken on the client's translated
 *                  address, the request's client_port becomes n-(n+1) and the gates translate
 *                  back to a and b; the reply's client_port=n-(n+1) becomes a-b again
 *  2xx reply       gates  UDP client:any ─► server (as the client knows it):c and :d
 *  (server)        (the client's RTCP and any media it sends), translated back under
 *                  destination NAT
 *  gates: one-shot, closed unused after {@value #GATE_SECONDS} s or with the control connection
 *  a Transport header without client_port (multicast, interleaved over TCP): no gate
 *  a port that is not a number 1..65535, a range that goes down: malformed, passed without a
 *  gate (counted)
 * </pre>
 *
 * <p>Thread: owned by its SPU's thread.
 */
final class RtspAlg implements Gateway {
  static final int GATE_SECONDS = 120;

  private final Text text = new Text();

  /** Set by {@link #ports}: a range's ends and where its text lies. */
  int low;

  int high;
  long rangeStart;
  long rangeEnd;

  @Override
  public Alg alg() {
    return Alg.RTSP;
  }

  @Override
  public boolean datagrams(int protocol) {
    return false;
  }

  @Override
  public int frame(MemorySegment s, long at, int available, int direction) {
    return messageLength(s, at, available);
  }

  /** The length of the RTSP message at {@code at}: 0 when more bytes are needed, -1 for none. */
  static int messageLength(MemorySegment s, long at, int available) {
    if (available < 1) {
      return 0;
    }
    if (Text.at(s, at) == '$') {
      if (available < 4) {
        return 0;
      }
      int interleaved = 4 + Wire.u16(s, at + 2);
      return available >= interleaved ? interleaved : 0;
    }
    long limit = at + available;
    long headersEnd = -1;
    for (long i = at; i < limit; i++) {
      if (Text.at(s, i) == '\n') {
        if (i + 1 < limit && Text.at(s, i + 1) == '\n') {
          headersEnd = i + 2;
          break;
        }
        if (i + 2 < limit && Text.at(s, i + 1) == '\r' && Text.at(s, i + 2) == '\n') {
          headersEnd = i + 3;
          break;
        }
      }
    }
    if (headersEnd < 0) {
      return 0;
    }
    long body = contentLength(s, at, headersEnd);
    if (body < 0) {
      return -1;
    }
    long total = headersEnd - at + body;
    return total <= available ? (int) total : 0;
  }

  /** The Content-Length of the headers in {@code [at, end)}; 0 when absent, -1 when bad. */
  static long contentLength(MemorySegment s, long at, long end) {
    long line = at;
    while (line < end) {
      long next = Text.indexOf(s, line, end, '\n');
      long lineLimit = next < 0 ? end : next;
      if (Text.startsWith(s, line, lineLimit, "Content-Length:")) {
        long p = Text.skipBlanks(s, line + 15, lineLimit);
        long value = 0;
        int digits = 0;
        while (p < lineLimit && Text.isDigit(Text.at(s, p))) {
          value = value * 10 + Text.at(s, p) - '0';
          if (++digits > 7) {
            return -1;
          }
          p++;
        }
        return digits == 0 ? -1 : value;
      }
      if (next < 0) {
        break;
      }
      line = next + 1;
    }
    return 0;
  }

  @Override
  public boolean mayRewrite(MemorySegment s, long at, int available, int direction) {
    return direction == 0
        ? Text.couldStartWith(s, at, available, "SETUP")
        : Text.couldStartWith(s, at, available, "RTSP/");
  }

  /**
   * Finds {@code name=low[-high]} in the Transport header of the message's headers {@code [at,
   * limit)}: 1 when found (setting {@link #low}, {@link #high}, {@link #rangeStart}, {@link
   * #rangeEnd}), 0 when there is no such parameter, -1 when its value is malformed.
   */
  int ports(MemorySegment s, long at, long limit, String name) {
    long line = at;
    while (line < limit) {
      long next = Text.indexOf(s, line, limit, '\n');
      long lineLimit = next < 0 ? limit : next;
      if (lineLimit == line || (lineLimit == line + 1 && Text.at(s, line) == '\r')) {
        return 0; // the end of the headers
      }
      if (Text.startsWith(s, line, lineLimit, "Transport:")) {
        for (long p = line + 10; p + name.length() < lineLimit; p++) {
          int before = Text.at(s, p - 1);
          if ((before == ';' || before == ':' || before == ' ')
              && Text.startsWith(s, p, lineLimit, name)
              && Text.at(s, p + name.length()) == '=') {
            return range(s, p + name.length() + 1, lineLimit);
          }
        }
        return 0;
      }
      if (next < 0) {
        break;
      }
      line = next + 1;
    }
    return 0;
  }

  private int range(MemorySegment s, long from, long limit) {
    long a = text.decimal(s, from, limit, 5);
    if (a <= 0 || a > 65535) {
      return -1;
    }
    long b = a;
    long end = text.end;
    if (end < limit && Text.at(s, end) == '-') {
      b = text.decimal(s, end + 1, limit, 5);
      if (b < a || b > 65535) {
        return -1;
      }
      end = text.end;
    }
    low = (int) a;
    high = (int) b;
    rangeStart = from;
    rangeEnd = end;
    return 1;
  }

  @Override
  public int message(Inspection i, MemorySegment s, long at, int length) {
    if (Text.at(s, at) == '$') {
      return PASS;
    }
    long limit = at + length;
    if (i.fromClient()) {
      if (!Text.startsWith(s, at, limit, "SETUP ")) {
        return PASS;
      }
      int found = ports(s, at, limit, "client_port");
      if (found < 0) {
        i.counters().malformed++;
      }
      if (found <= 0) {
        return PASS;
      }
      return setup(i, at);
    }
    if (!Text.startsWith(s, at, limit, "RTSP/")) {
      return PASS;
    }
    long status = Text.indexOf(s, at, limit, ' ');
    if (status < 0 || status + 1 >= limit || Text.at(s, status + 1) != '2') {
      return PASS;
    }
    int client = ports(s, at, limit, "client_port");
    if (client < 0) {
      i.counters().malformed++;
      return PASS;
    }
    long mapping = i.scratch(0);
    if (client > 0 && (mapping & 1) != 0) {
      int original = (int) (mapping >>> 1) & 0xffff;
      int nat = (int) (mapping >>> 17) & 0xffff;
      if (low == nat && nat != original && i.canRewrite) {
        i.edits.begin().decimal(original);
        if (high != low) {
          i.edits.append('-').decimal(original + (high - low));
        }
        i.edits.replace((int) (rangeStart - at), (int) (rangeEnd - rangeStart));
      }
    }
    int server = ports(s, at, limit, "server_port");
    if (server < 0) {
      i.counters().malformed++;
      return PASS;
    }
    if (server == 0) {
      return PASS;
    }
    for (int port = low; port <= high && port <= low + 1; port++) {
      i.engine.openGate(
          i,
          IpProtocol.UDP,
          false,
          i.clientHi,
          i.clientLo,
          0,
          i.serverSeenHi,
          i.serverSeenLo,
          port,
          i.serverTranslated(),
          i.serverHi,
          i.serverLo,
          port,
          true,
          GATE_SECONDS,
          0,
          i.clientInterface);
    }
    return PASS;
  }

  private int setup(Inspection i, long message) {
    int a = low;
    int count = Math.min(2, high - low + 1);
    int announced = a;
    long hold = 0;
    boolean translate = i.clientTranslated();
    if (translate) {
      int natPort = i.engine.allocateNatPort(i, a, count == 2);
      if (natPort < 0) {
        i.counters().gatesFailed++;
        return PASS;
      }
      hold = i.engine.lastNatHold();
      announced = natPort;
      if (i.canRewrite) {
        i.edits.begin().decimal(natPort);
        if (high != low) {
          i.edits.append('-').decimal(natPort + (high - low));
        }
        i.edits.replace((int) (rangeStart - message), (int) (rangeEnd - rangeStart));
      }
    }
    i.scratch(0, 1 | (long) a << 1 | (long) announced << 17);
    for (int k = 0; k < count; k++) {
      i.engine.openGate(
          i,
          IpProtocol.UDP,
          false,
          i.serverHi,
          i.serverLo,
          0,
          i.clientSeenHi,
          i.clientSeenLo,
          announced + k,
          translate,
          i.clientHi,
          i.clientLo,
          a + k,
          true,
          GATE_SECONDS,
          k == 0 ? hold : 0,
          i.serverInterface);
    }
    return PASS;
  }

  @Override
  public boolean childrenEndWithControl() {
    return true;
  }
}
