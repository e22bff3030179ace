package org.flowgate.dataplane.flow.alg;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.alg.Alg;
import org.flowgate.dataplane.net.IpProtocol;

/**
 * The FTP ALG (RFC 959, RFC 2428): reads the control connection's lines and opens a gate for each
 * data connection they announce; under NAT it rewrites the announced address and port.
 *
 * <pre>
 *  client line  PORT h1,h2,h3,h4,p1,p2        gate  server:any ─► h.h.h.h:p (as announced)
 *               EPRT |1|a.b.c.d|p| , |2|v6|p|  same
 *  server line  227 ... (h1,h2,h3,h4,p1,p2)   gate  client:any ─► h.h.h.h:p
 *               229 ... (|||p|)               gate  client:any ─► server (as the client knows
 *                                                   it):p
 *  PASV, EPSV and every other line pass untouched.
 *
 *  under source NAT of the client, a PORT/EPRT naming the client: the address becomes the one it
 *  left with, the port one allocated on it (held by the gate, then by the data session), and the
 *  gate translates back: server:any ─► natAddress:natPort, translated to client:p.
 *  under destination or static NAT of the server, a 227 naming the server: the address becomes
 *  the one the client knows; 229 names no address, its gate translates to the real server.
 *
 *  a line ends with CR LF; with line-break-extension a bare LF ends it too
 *  bad syntax (not six numbers 0..255, port 0, a PORT on an IPv6 connection): passed, no gate,
 *  counted as malformed
 *  an address other than the connection's end (a third host): dropped and counted, unless
 *  allow-mismatch-ip-address, which opens the gate to that host
 *  gates are one-shot and expire unused after {@value #GATE_SECONDS} s
 * </pre>
 *
 * <p>Thread: owned by its SPU's thread.
 */
final class FtpAlg implements Gateway {
  static final int GATE_SECONDS = 60;

  private final Text text = new Text();
  private final int[] numbers = new int[6];
  private boolean bareLf;

  @Override
  public void install(org.flowgate.dataplane.alg.AlgSettings settings) {
    bareLf = settings.ftp().lineBreakExtension();
  }

  @Override
  public Alg alg() {
    return Alg.FTP;
  }

  @Override
  public boolean datagrams(int protocol) {
    return false;
  }

  @Override
  public int frame(MemorySegment s, long at, int available, int direction) {
    long limit = at + available;
    for (long i = at; i < limit; i++) {
      if (Text.at(s, i) == '\n' && (bareLf || (i > at && Text.at(s, i - 1) == '\r'))) {
        return (int) (i - at + 1);
      }
    }
    return 0;
  }

  @Override
  public boolean mayRewrite(MemorySegment s, long at, int available, int direction) {
    return direction == 0
        ? Text.couldStartWith(s, at, available, "PORT")
            || Text.couldStartWith(s, at, available, "EPRT")
        : Text.couldStartWith(s, at, available, "227");
  }

  @Override
  public int message(Inspection i, MemorySegment s, long at, int length) {
    long limit = Text.lineEnd(s, at, at + length);
    if (i.fromClient()) {
      if (Text.startsWith(s, at, limit, "PORT ")) {
        return port(i, s, at, Text.skipBlanks(s, at + 5, limit), limit);
      }
      if (Text.startsWith(s, at, limit, "EPRT ")) {
        return eprt(i, s, at, Text.skipBlanks(s, at + 5, limit), limit);
      }
      return PASS;
    }
    if (Text.startsWith(s, at, limit, "227")) {
      return reply227(i, s, at, limit);
    }
    if (Text.startsWith(s, at, limit, "229")) {
      return reply229(i, s, at, limit);
    }
    return PASS;
  }

  // ------------------------------------------------------------------ client: PORT, EPRT

  private int port(Inspection i, MemorySegment s, long line, long args, long limit) {
    if (i.ipv6 || !text.commaNumbers(s, args, limit, numbers, 6)) {
      i.counters().malformed++;
      return PASS;
    }
    long address = (long) numbers[0] << 24 | numbers[1] << 16 | numbers[2] << 8 | numbers[3];
    int port = numbers[4] << 8 | numbers[5];
    if (port == 0) {
      i.counters().malformed++;
      return PASS;
    }
    long lo = 0x0000_ffff_0000_0000L | address;
    return announcedByClient(i, 0, lo, port, line, args, text.end, false);
  }

  private int eprt(Inspection i, MemorySegment s, long line, long args, long limit) {
    if (args >= limit) {
      i.counters().malformed++;
      return PASS;
    }
    int d = Text.at(s, args);
    if (d < 33 || d > 126) {
      i.counters().malformed++;
      return PASS;
    }
    long family = text.decimal(s, args + 1, limit, 1);
    long at = text.end;
    if ((family != 1 && family != 2) || at >= limit || Text.at(s, at) != d) {
      i.counters().malformed++;
      return PASS;
    }
    long addressStart = at + 1;
    long hi;
    long lo;
    if (family == 1) {
      long v4 = text.ipv4(s, addressStart, limit);
      if (v4 < 0) {
        i.counters().malformed++;
        return PASS;
      }
      hi = 0;
      lo = 0x0000_ffff_0000_0000L | v4;
    } else {
      if (!text.ipv6(s, addressStart, limit)) {
        i.counters().malformed++;
        return PASS;
      }
      hi = text.hi;
      lo = text.lo;
    }
    at = text.end;
    if (at >= limit || Text.at(s, at) != d) {
      i.counters().malformed++;
      return PASS;
    }
    long port = text.decimal(s, at + 1, limit, 5);
    if (port <= 0 || port > 65535 || text.end >= limit || Text.at(s, text.end) != d) {
      i.counters().malformed++;
      return PASS;
    }
    if ((family == 2) != i.ipv6) {
      i.counters().malformed++;
      return PASS;
    }
    return announcedByClient(i, hi, lo, (int) port, line, addressStart, text.end, true);
  }

  /**
   * A data connection the client announced ({@code PORT} or {@code EPRT}): the server will open it.
   * {@code [from, to)} is the text naming it (the six numbers, or EPRT's address|port).
   */
  private int announcedByClient(
      Inspection i, long hi, long lo, int port, long line, long from, long to, boolean eprt) {
    boolean theClient = hi == i.clientHi && lo == i.clientLo;
    if (!theClient && !i.settings().ftp().allowMismatchIpAddress()) {
      i.counters().mismatchDropped++;
      return DROP;
    }
    if (theClient && i.clientTranslated()) {
      int natPort = i.engine.allocateNatPort(i, port, false);
      if (natPort < 0) {
        i.counters().gatesFailed++;
        return PASS;
      }
      long hold = i.engine.lastNatHold();
      if (i.canRewrite) {
        i.edits.begin();
        if (eprt) {
          i.edits.address(i.clientSeenHi, i.clientSeenLo).append('|').decimal(natPort);
        } else {
          i.edits
              .ipv4(i.clientSeenLo, ',')
              .append(',')
              .decimal(natPort >>> 8)
              .append(',')
              .decimal(natPort & 0xff);
        }
        i.edits.replace((int) (from - line), (int) (to - from));
      }
      i.engine.openGate(
          i,
          IpProtocol.TCP,
          false,
          i.serverHi,
          i.serverLo,
          0,
          i.clientSeenHi,
          i.clientSeenLo,
          natPort,
          true,
          hi,
          lo,
          port,
          true,
          GATE_SECONDS,
          hold,
          i.serverInterface);
      return PASS;
    }
    i.engine.openGate(
        i,
        IpProtocol.TCP,
        false,
        i.serverHi,
        i.serverLo,
        0,
        hi,
        lo,
        port,
        false,
        0,
        0,
        0,
        true,
        GATE_SECONDS,
        0,
        i.serverInterface);
    return PASS;
  }

  // ------------------------------------------------------------------ server: 227, 229

  private int reply227(Inspection i, MemorySegment s, long line, long limit) {
    long at = line + 3;
    while (at < limit && !Text.isDigit(Text.at(s, at))) {
      at++;
    }
    if (i.ipv6 || !text.commaNumbers(s, at, limit, numbers, 6)) {
      i.counters().malformed++;
      return PASS;
    }
    long lo =
        0x0000_ffff_0000_0000L
            | ((long) numbers[0] << 24 | numbers[1] << 16 | numbers[2] << 8 | numbers[3]);
    int port = numbers[4] << 8 | numbers[5];
    if (port == 0) {
      i.counters().malformed++;
      return PASS;
    }
    boolean theServer = i.serverHi == 0 && lo == i.serverLo;
    if (!theServer && !i.settings().ftp().allowMismatchIpAddress()) {
      i.counters().mismatchDropped++;
      return DROP;
    }
    boolean translate = theServer && i.serverTranslated();
    if (translate && i.canRewrite) {
      i.edits.begin().ipv4(i.serverSeenLo, ',').append(',').decimal(port >>> 8).append(',');
      i.edits.decimal(port & 0xff).replace((int) (at - line), (int) (text.end - at));
    }
    i.engine.openGate(
        i,
        IpProtocol.TCP,
        false,
        i.clientHi,
        i.clientLo,
        0,
        translate ? i.serverSeenHi : 0,
        translate ? i.serverSeenLo : lo,
        port,
        translate,
        i.serverHi,
        i.serverLo,
        port,
        true,
        GATE_SECONDS,
        0,
        i.clientInterface);
    return PASS;
  }

  private int reply229(Inspection i, MemorySegment s, long line, long limit) {
    long open = Text.indexOf(s, line + 3, limit, '(');
    if (open < 0 || open + 4 >= limit) {
      i.counters().malformed++;
      return PASS;
    }
    int d = Text.at(s, open + 1);
    if (d < 33 || d > 126 || Text.at(s, open + 2) != d || Text.at(s, open + 3) != d) {
      i.counters().malformed++;
      return PASS;
    }
    long port = text.decimal(s, open + 4, limit, 5);
    if (port <= 0 || port > 65535 || text.end >= limit || Text.at(s, text.end) != d) {
      i.counters().malformed++;
      return PASS;
    }
    boolean translate = i.serverTranslated();
    i.engine.openGate(
        i,
        IpProtocol.TCP,
        false,
        i.clientHi,
        i.clientLo,
        0,
        i.serverSeenHi,
        i.serverSeenLo,
        (int) port,
        translate,
        i.serverHi,
        i.serverLo,
        (int) port,
        true,
        GATE_SECONDS,
        0,
        i.clientInterface);
    return PASS;
  }
}
