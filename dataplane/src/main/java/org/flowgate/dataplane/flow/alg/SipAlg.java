package org.flowgate.dataplane.flow.alg;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.flowgate.dataplane.alg.Alg;
import org.flowgate.dataplane.alg.AlgSettings;
import org.flowgate.dataplane.flow.SpuClock;
import org.flowgate.dataplane.net.IpProtocol;

/**
 * The SIP ALG (RFC 3261 messages, RFC 4566 SDP, RFC 3264 offers and answers) over UDP and TCP:
 * reads each message, follows the calls (INVITE dialogs) by Call-ID and tags, opens RTP and RTCP
 * gates for the media each SDP announces, and under NAT rewrites the addresses and ports inside the
 * message (docs/adr/0032-sip-alg.md).
 *
 * <pre>
 *  message    start line        INVITE sip:b@host SIP/2.0   |   SIP/2.0 200 OK
 *             headers           Name: value, folded lines (CRLF + space) continue the value,
 *                               compact names i f t v m l c; at most MAXIMUM_HEADERS lines
 *             CRLF
 *             body              Content-Length bytes (UDP: the rest of the datagram without it)
 *  TCP        messages framed by the blank line and Content-Length, gathered over segments
 *             by AlgEngine (bounded per session); CR LF between messages is a keep-alive
 *  datagram   one message; blanks only: a keep-alive
 *
 *  calls      SipCalls: SETUP, PROCEEDING, ESTABLISHED, TEARDOWN; each call has its own
 *             resource-manager group (parent: the signalling session's), holding its gates and
 *             media sessions
 *  SDP        c= (session or media level), m= port: gates (any source) to address:port (RTP) and
 *             address:port+1 (RTCP), UDP, reusable until inactive-media-timeout; port 0 or
 *             address 0.0.0.0 (hold) opens none
 *  NAT        the sender's own address becomes the one it is translated to, the receiver's
 *             translated address its own, in the Request-URI, Via, Contact, From, To, Route and
 *             Record-Route; in the SDP c= and o=; an announced media port of a source-translated
 *             sender becomes a pair of NAT ports (RTP, RTCP) the gate holds; Content-Length
 *             follows the body
 *  errors     not SIP (no start line, a missing Call-ID, From, To or CSeq, Content-Length past the
 *             datagram): decode error, dropped (UDP) or passed (TCP); an unknown method: dropped
 *             (UDP) as Junos does without application-screen unknown-message; an SDP that
 *             cannot be read: decode error, passed without gates; a host name in c=: IP resolve
 *             error, no gate
 * </pre>
 *
 * <p>Thread: owned by its SPU's thread. Allocates nothing per message (the views' snapshots do).
 */
final class SipAlg implements Gateway {
  static final int MAXIMUM_HEADERS = 128;
  static final int MAXIMUM_CONTACTS = 16;
  static final int MAXIMUM_RECORD_ROUTES = 16;
  private static final int SPANS = 32;
  private static final int MEDIA = 8;

  private static final int V_VIA = 1;
  private static final int V_OTHER = 2;
  private static final int V_CONTACT = 3;

  /** The longest registration Flowgate keeps (Flowgate's bound: a week). */
  static final int MAXIMUM_EXPIRES_SECONDS = 7 * 24 * 3600;

  /** A registration whose registrar named no expiry: RFC 3261 10.2.1.1's default, 3600 s. */
  static final int DEFAULT_EXPIRES_SECONDS = 3600;

  private final Text text = new Text();
  private final SipCalls calls;

  /** The call (or registration) a resource-manager group belongs to, by group index; NONE. */
  private final int[] callOfGroup;

  private final SipCounters counters = new SipCounters();
  private final MessageEdits body = new MessageEdits();
  private AlgSettings.Sip knobs = AlgSettings.Sip.DEFAULTS;

  // ---- the message being read
  private boolean request;
  private int method;
  private int code;
  private long uriStart;
  private long uriEnd;
  private long callIdStart;
  private long callIdEnd;
  private long fromStart;
  private long fromEnd;
  private long toStart;
  private long toEnd;
  private long cseqNumber;
  private int cseqMethod;
  private long lengthStart;
  private long lengthEnd;
  private long contactStart;
  private long contactEnd;
  private long expiresHeader;
  private long contentLength;
  private boolean sdp;
  private long bodyStart;
  private long bodyEnd;
  private int spans;
  private final long[] spanStart = new long[SPANS];
  private final long[] spanEnd = new long[SPANS];
  private final int[] spanKind = new int[SPANS];

  // ---- address substitutions for NAT (at most two: the sender's, the receiver's)
  private int substitutions;
  private final long[] oldHi = new long[2];
  private final long[] oldLo = new long[2];
  private final int[] oldPort = new int[2];
  private final long[] newHi = new long[2];
  private final long[] newLo = new long[2];
  private final int[] newPort = new int[2];

  // ---- the SDP being read
  private boolean sessionAddressKnown;
  private boolean sessionAddressName;
  private long sessionHi;
  private long sessionLo;
  private int media;
  private final int[] mediaPort = new int[MEDIA];
  private final boolean[] mediaAddressKnown = new boolean[MEDIA];
  private final boolean[] mediaAddressName = new boolean[MEDIA];
  private final long[] mediaHi = new long[MEDIA];
  private final long[] mediaLo = new long[MEDIA];
  private final int[] mediaNatPort = new int[MEDIA];

  SipAlg(int callCapacity, int groupCapacity) {
    calls = new SipCalls(callCapacity);
    callOfGroup = new int[groupCapacity];
    java.util.Arrays.fill(callOfGroup, SipCalls.NONE);
  }

  @Override
  public Alg alg() {
    return Alg.SIP;
  }

  @Override
  public boolean datagrams(int protocol) {
    return protocol == IpProtocol.UDP;
  }

  @Override
  public void install(AlgSettings settings) {
    knobs = settings.sip();
  }

  // ------------------------------------------------------------------ TCP framing

  @Override
  public int frame(MemorySegment s, long at, int available, int direction) {
    long limit = at + available;
    long i = at;
    while (i < limit && (Text.at(s, i) == '\r' || Text.at(s, i) == '\n')) {
      i++;
    }
    if (i > at) {
      return (int) (i - at); // CR LF between messages: a keep-alive of its own
    }
    long headersEnd = headersEnd(s, at, limit);
    if (headersEnd < 0) {
      return 0;
    }
    long length = 0;
    long line = at;
    while (line < headersEnd) {
      long next = Text.indexOf(s, line, headersEnd, '\n');
      long lineEnd = next < 0 ? headersEnd : next;
      if (isHeader(s, line, lineEnd, "content-length") || isHeader(s, line, lineEnd, "l")) {
        long colon = Text.indexOf(s, line, lineEnd, ':');
        long v = text.decimal(s, Text.skipBlanks(s, colon + 1, lineEnd), lineEnd, 6);
        if (v < 0) {
          return -1;
        }
        length = v;
      }
      line = lineEnd + 1;
    }
    if (headersEnd - at + length > maximumMessageBytes()) {
      return -1;
    }
    long total = headersEnd - at + length;
    return total > available ? 0 : (int) total;
  }

  @Override
  public boolean mayRewrite(MemorySegment s, long at, int available, int direction) {
    return true;
  }

  /** Where the body starts (after the blank line), or -1. */
  private static long headersEnd(MemorySegment s, long from, long limit) {
    for (long i = from; i < limit; i++) {
      if (Text.at(s, i) != '\n') {
        continue;
      }
      if (i + 1 < limit && Text.at(s, i + 1) == '\n') {
        return i + 2;
      }
      if (i + 2 < limit && Text.at(s, i + 1) == '\r' && Text.at(s, i + 2) == '\n') {
        return i + 3;
      }
    }
    return -1;
  }

  /** True when the line is the header {@code name} (any case, blanks before the colon). */
  private static boolean isHeader(MemorySegment s, long line, long end, String name) {
    if (!Text.startsWith(s, line, end, name)) {
      return false;
    }
    long at = Text.skipBlanks(s, line + name.length(), end);
    return at < end && Text.at(s, at) == ':';
  }

  // ------------------------------------------------------------------ one message

  @Override
  public int message(Inspection i, MemorySegment s, long at, int length) {
    counters.totalPacketIn++;
    expire(i.engine);
    long end = at + length;
    long first = at;
    while (first < end && isBlank(Text.at(s, first))) {
      first++;
    }
    if (first == end) {
      return PASS; // a keep-alive
    }
    if (!parse(s, at, end)) {
      counters.decodeError++;
      i.counters().malformed++;
      return dropOnError(i);
    }
    if (request && method == SipCounters.OTHER) {
      counters.table[SipCounters.OTHER * SipCounters.COLUMNS]++;
      counters.unknownMethod++;
      return dropOnError(i);
    }
    if (contacts > MAXIMUM_CONTACTS) {
      counters.contactExceededMaximum++;
    }
    if (recordRoutes > MAXIMUM_RECORD_ROUTES) {
      counters.recordRouteExceededMaximum++;
    }
    registerNatPort = -1;
    int call = follow(i, s);
    if (call == DROPPED) {
      return dropOnError(i);
    }
    substitutions(i);
    body.clear();
    if (sdp && call != SipCalls.NONE && calls.group[call] != SipCalls.NONE) {
      readSdp(i, s, at, call);
    }
    if (i.canRewrite && (substitutions > 0 || !body.isEmpty())) {
      rewrite(i, s, at);
    }
    body.clear();
    return PASS;
  }

  private static final int DROPPED = -2;

  private int dropOnError(Inspection i) {
    if (i.protocol == IpProtocol.UDP) {
      counters.droppedOnError++;
      i.counters().dropped++;
      return DROP;
    }
    return PASS; // dropping a segment would stall the TCP stream: passed, counted
  }

  private static boolean isBlank(int c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0;
  }

  private int contacts;
  private int recordRoutes;

  /** Reads the start line and headers; false when this is not a SIP message. */
  private boolean parse(MemorySegment s, long at, long end) {
    request = false;
    method = -1;
    code = 0;
    callIdStart = callIdEnd = fromStart = fromEnd = toStart = toEnd = -1;
    cseqNumber = -1;
    cseqMethod = -1;
    lengthStart = lengthEnd = -1;
    contactStart = contactEnd = -1;
    expiresHeader = -1;
    contentLength = -1;
    sdp = false;
    spans = 0;
    contacts = 0;
    recordRoutes = 0;
    long lineEnd = Text.indexOf(s, at, end, '\n');
    if (lineEnd < 0) {
      return false;
    }
    long startEnd = Text.lineEnd(s, at, lineEnd + 1);
    if (Text.startsWith(s, at, startEnd, "SIP/2.0 ")) {
      long c = text.decimal(s, at + 8, startEnd, 3);
      if (c < 100 || c > 699 || text.end - (at + 8) != 3) {
        return false;
      }
      code = (int) c;
    } else {
      long sp = Text.indexOf(s, at, startEnd, ' ');
      if (sp <= at || !token(s, at, sp)) {
        return false;
      }
      long sp2 = Text.indexOf(s, sp + 1, startEnd, ' ');
      if (sp2 < 0 || sp2 == sp + 1 || !Text.startsWith(s, sp2 + 1, startEnd, "SIP/2.0")) {
        return false;
      }
      request = true;
      method = methodOf(s, at, sp);
      uriStart = sp + 1;
      uriEnd = sp2;
    }
    long line = lineEnd + 1;
    int headers = 0;
    while (true) {
      if (line >= end) {
        return false; // no blank line: not a whole message
      }
      long next = Text.indexOf(s, line, end, '\n');
      long thisEnd = next < 0 ? end : next;
      long content = Text.lineEnd(s, line, thisEnd + (next < 0 ? 0 : 1));
      if (content == line) {
        bodyStart = next < 0 ? end : next + 1;
        break;
      }
      // folded continuation lines (RFC 3261 7.3.1) belong to this header's value
      long valueEnd = content;
      long after = next < 0 ? end : next + 1;
      while (after < end && (Text.at(s, after) == ' ' || Text.at(s, after) == '\t')) {
        long n = Text.indexOf(s, after, end, '\n');
        long e = n < 0 ? end : n;
        valueEnd = Text.lineEnd(s, after, e + (n < 0 ? 0 : 1));
        after = n < 0 ? end : n + 1;
      }
      if (++headers > MAXIMUM_HEADERS) {
        return false;
      }
      if (!header(s, line, content, valueEnd)) {
        return false;
      }
      line = after;
    }
    if (callIdStart < 0 || fromStart < 0 || toStart < 0 || cseqNumber < 0) {
      return false;
    }
    long available = end - bodyStart;
    if (contentLength >= 0) {
      if (contentLength > available) {
        return false;
      }
      bodyEnd = bodyStart + contentLength;
    } else {
      bodyEnd = end;
    }
    return true;
  }

  private static boolean token(MemorySegment s, long from, long to) {
    for (long k = from; k < to; k++) {
      int c = Text.at(s, k);
      if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static int methodOf(MemorySegment s, long from, long to) {
    int n = (int) (to - from);
    List<String> names = SipCounters.METHODS;
    for (int m = 0; m < names.size() - 1; m++) {
      String name = names.get(m);
      if (name.length() != n) {
        continue;
      }
      boolean same = true;
      for (int k = 0; k < n && same; k++) {
        same = Text.at(s, from + k) == name.charAt(k); // methods are case-sensitive (RFC 3261 7.1)
      }
      if (same) {
        return m;
      }
    }
    return SipCounters.OTHER;
  }

  /** One header line {@code [line, lineEnd)}, its value running to {@code valueEnd}. */
  private boolean header(MemorySegment s, long line, long lineEnd, long valueEnd) {
    long colon = Text.indexOf(s, line, lineEnd, ':');
    if (colon <= line) {
      return false;
    }
    long nameEnd = colon;
    while (nameEnd > line && (Text.at(s, nameEnd - 1) == ' ' || Text.at(s, nameEnd - 1) == '\t')) {
      nameEnd--;
    }
    if (!token(s, line, nameEnd)) {
      return false;
    }
    long v = Text.skipBlanks(s, colon + 1, valueEnd);
    long ve = valueEnd;
    while (ve > v && (Text.at(s, ve - 1) == ' ' || Text.at(s, ve - 1) == '\t')) {
      ve--;
    }
    if (named(s, line, nameEnd, "call-id", "i")) {
      callIdStart = v;
      callIdEnd = ve;
    } else if (named(s, line, nameEnd, "from", "f")) {
      fromStart = v;
      fromEnd = ve;
      span(v, ve, V_OTHER);
    } else if (named(s, line, nameEnd, "to", "t")) {
      toStart = v;
      toEnd = ve;
      span(v, ve, V_OTHER);
    } else if (named(s, line, nameEnd, "cseq", null)) {
      cseqNumber = text.decimal(s, v, ve, 10);
      if (cseqNumber < 0) {
        return false;
      }
      long m = Text.skipBlanks(s, text.end, ve);
      long me = m;
      while (me < ve && Text.at(s, me) != ' ' && Text.at(s, me) != '\t') {
        me++;
      }
      if (me == m) {
        return false;
      }
      cseqMethod = methodOf(s, m, me);
    } else if (named(s, line, nameEnd, "content-length", "l")) {
      long n = text.decimal(s, v, ve, 6);
      if (n < 0 || Text.skipBlanks(s, text.end, ve) != ve) {
        return false;
      }
      contentLength = n;
      lengthStart = v;
      lengthEnd = text.end;
    } else if (named(s, line, nameEnd, "content-type", "c")) {
      sdp = Text.startsWith(s, v, ve, "application/sdp");
    } else if (named(s, line, nameEnd, "via", "v")) {
      span(v, ve, V_VIA);
    } else if (named(s, line, nameEnd, "contact", "m")) {
      contacts++;
      if (contactStart < 0) {
        contactStart = v;
        contactEnd = ve;
      }
      span(v, ve, contacts == 1 ? V_CONTACT : V_OTHER);
    } else if (named(s, line, nameEnd, "expires", null)) {
      expiresHeader = text.decimal(s, v, ve, 10);
    } else if (named(s, line, nameEnd, "record-route", null)) {
      recordRoutes++;
      span(v, ve, V_OTHER);
    } else if (named(s, line, nameEnd, "route", null)) {
      span(v, ve, V_OTHER);
    }
    return true;
  }

  private void span(long from, long to, int kind) {
    if (spans < SPANS) {
      spanStart[spans] = from;
      spanEnd[spans] = to;
      spanKind[spans] = kind;
      spans++;
    }
  }

  private static boolean named(MemorySegment s, long from, long to, String name, String compact) {
    int n = (int) (to - from);
    return n == name.length() && Text.startsWith(s, from, to, name)
        || compact != null && n == compact.length() && Text.startsWith(s, from, to, compact);
  }

  // ------------------------------------------------------------------ calls

  /** Counts the message and moves its call; the call, NONE without one, or DROPPED. */
  private int follow(Inspection i, MemorySegment s) {
    long now = i.nowTick();
    int call = calls.find(i.control, s, callIdStart, (int) (callIdEnd - callIdStart));
    int d = i.direction;
    if (request) {
      long key = cseqNumber << 5 | method;
      boolean again = call != SipCalls.NONE && calls.lastRequest[call * 2 + d] == key;
      count(method, 0, again);
      if (call != SipCalls.NONE) {
        calls.lastRequest[call * 2 + d] = key;
      }
      if (method == SipCounters.REGISTER) {
        return register(i, s, call, now);
      }
      if (call != SipCalls.NONE && calls.registration(call)) {
        return SipCalls.NONE; // another method on a registration's Call-ID: no call of its own
      }
      if (method == SipCounters.INVITE) {
        if (call == SipCalls.NONE) {
          if (toTagLength(s) > 0) {
            return SipCalls.NONE; // a re-INVITE of a call this ALG did not see begin
          }
          call = calls.open(i.control, s, callIdStart, (int) (callIdEnd - callIdStart), now);
          if (call == SipCalls.NONE) {
            counters.callDroppedToLimit++;
            counters.callError++;
            return DROPPED;
          }
          calls.lastRequest[call * 2 + d] = key;
          tag(call, s, false, fromStart, fromEnd);
          int group = i.engine.openCallGroup(i, (int) i.engine.ordinal());
          if (group < 0) {
            counters.resourceManagerError++;
          }
          calls.group[call] = group;
          if (group >= 0) {
            callOfGroup[group] = call;
          }
        }
        calls.method[call] = (byte) method;
        if (calls.state[call] == SipCalls.TEARDOWN) {
          calls.state[call] = SipCalls.SETUP; // a new INVITE of the call (after a 401/407)
        }
        if (calls.state[call] != SipCalls.ESTABLISHED) {
          calls.deadlines.schedule(call, now + SpuClock.ticks(knobs.cTimeoutMinutes() * 60));
        }
      } else if (call != SipCalls.NONE) {
        calls.method[call] = (byte) method;
        if (method == SipCounters.BYE
            || method == SipCounters.CANCEL && calls.state[call] != SipCalls.ESTABLISHED) {
          tearDown(i, call, now);
        }
      }
      return call;
    }
    int column = code / 100;
    long key = (cseqNumber << 5 | cseqMethod) << 10 | code;
    boolean again = call != SipCalls.NONE && calls.lastResponse[call * 2 + d] == key;
    count(cseqMethod, column, again);
    if (call == SipCalls.NONE) {
      return SipCalls.NONE;
    }
    calls.lastResponse[call * 2 + d] = key;
    if (calls.registration(call)) {
      if (cseqMethod == SipCounters.REGISTER) {
        registered(i, s, call, column, now);
      }
      return SipCalls.NONE;
    }
    if (cseqMethod == SipCounters.INVITE) {
      if (column == 1) {
        if (calls.state[call] == SipCalls.SETUP) {
          calls.state[call] = SipCalls.PROCEEDING;
        }
        tag(call, s, true, toStart, toEnd);
      } else if (column == 2) {
        calls.state[call] = SipCalls.ESTABLISHED;
        tag(call, s, true, toStart, toEnd);
        calls.deadlines.schedule(
            call,
            calls.startedTick[call] + SpuClock.ticks(knobs.maximumCallDurationMinutes() * 60));
        if (calls.group[call] != SipCalls.NONE) {
          i.engine.scheduleGroupGates(calls.group[call], knobs.inactiveMediaTimeoutSeconds());
        }
      } else if (calls.state[call] != SipCalls.ESTABLISHED) {
        tearDown(i, call, now);
      }
    }
    return call;
  }

  // ------------------------------------------------------------------ registrations

  /** The Contact of the message being read (readContact): address and port. */
  private long contactHi;

  private long contactLo;
  private int contactPort;

  /** This REGISTER's Contact port as the outside will see it, -1: the Contact keeps its port. */
  private int registerNatPort;

  private int registerInsidePort;

  /**
   * A REGISTER: its Contact is kept (with, when the registering host is translated, a NAT port of
   * its own that the Contact now names) until the registrar answers. Returns NONE: a registration
   * is no call (no SDP is read for it).
   */
  private int register(Inspection i, MemorySegment s, int call, long now) {
    if (call != SipCalls.NONE && !calls.registration(call)) {
      return SipCalls.NONE; // a REGISTER on a call's Call-ID: not followed
    }
    if (!readContact(s, contactStart, contactEnd)) {
      return SipCalls.NONE; // a query (no Contact), "*" (removal: the 2xx says so), or a name
    }
    int length = (int) (callIdEnd - callIdStart);
    if (call == SipCalls.NONE) {
      call = calls.find(SipCalls.DETACHED, s, callIdStart, length);
      if (call != SipCalls.NONE) {
        calls.rekey(call, i.control); // refreshed on a new signalling session
      }
    }
    if (call != SipCalls.NONE
        && (calls.contactHi[call] != contactHi
            || calls.contactLo[call] != contactLo
            || calls.contactPort[call] != contactPort
            || calls.registeredByClient[call] != i.fromClient())) {
      end(i.engine, call); // another Contact: the old binding goes
      call = SipCalls.NONE;
    }
    if (call == SipCalls.NONE) {
      call = calls.open(i.control, s, callIdStart, length, now);
      if (call == SipCalls.NONE) {
        counters.callDroppedToLimit++;
        counters.callError++;
        return SipCalls.NONE; // passes, no pinhole
      }
      calls.state[call] = SipCalls.REGISTERING;
      calls.contactHi[call] = contactHi;
      calls.contactLo[call] = contactLo;
      calls.contactPort[call] = contactPort;
      calls.registeredByClient[call] = i.fromClient();
      calls.lastRequest[call * 2 + i.direction] = cseqNumber << 5 | method;
    }
    calls.method[call] = (byte) SipCounters.REGISTER;
    if (calls.state[call] == SipCalls.REGISTERING) {
      calls.deadlines.schedule(call, now + SpuClock.ticks(knobs.cTimeoutMinutes() * 60));
    }
    boolean fromClient = i.fromClient();
    boolean translated = fromClient ? i.clientTranslated() : i.serverTranslated();
    long privateHi = fromClient ? i.clientHi : i.serverHi;
    long privateLo = fromClient ? i.clientLo : i.serverLo;
    if (!translated || !i.canRewrite || contactHi != privateHi || contactLo != privateLo) {
      calls.contactNatPort[call] = -1;
      return SipCalls.NONE;
    }
    int signallingPort = fromClient ? i.clientPort : i.serverPort;
    if (contactPort == signallingPort) {
      // the Contact is the signalling endpoint: it takes the signalling session's own binding,
      // as the header substitution writes it (an INVITE from the registrar then comes back on that
      // session; from anyone else, or once the session ended, through the registration's gate)
      calls.contactNatPort[call] = fromClient ? i.clientSeenPort : i.serverSeenPort;
      return SipCalls.NONE;
    }
    int group = calls.group[call];
    int natPort =
        group == SipCalls.NONE
            ? -1
            : i.engine.gatePortTranslatingTo(group, contactHi, contactLo, contactPort);
    if (natPort < 0 && calls.hold[call] != 0) {
      natPort = calls.contactNatPort[call];
    }
    if (natPort < 0) {
      if (fromClient) {
        natPort = i.engine.allocateNatPort(i, contactPort, false);
        if (natPort < 0) {
          counters.natError++;
          calls.contactNatPort[call] = -1;
          return SipCalls.NONE;
        }
        calls.hold[call] = i.engine.lastNatHold();
      } else {
        natPort = contactPort; // destination or static NAT of the registering host keeps its port
      }
    }
    calls.contactNatPort[call] = natPort;
    registerNatPort = natPort;
    registerInsidePort = contactPort;
    return SipCalls.NONE;
  }

  /**
   * The registrar's answer to a REGISTER: a 2xx with an expiry opens (or keeps open for that long)
   * the gate that admits requests to the Contact; Expires 0 removes it; a refusal of a first
   * REGISTER forgets it.
   */
  private void registered(Inspection i, MemorySegment s, int call, int column, long now) {
    if (column == 1) {
      return;
    }
    if (column != 2) {
      if (calls.state[call] == SipCalls.REGISTERING) {
        end(i.engine, call);
      }
      return;
    }
    long expires = contactExpires(s, contactStart, contactEnd);
    if (expires < 0) {
      expires = expiresHeader >= 0 ? expiresHeader : DEFAULT_EXPIRES_SECONDS;
    }
    if (expires == 0) {
      end(i.engine, call); // unregistered
      return;
    }
    int seconds = (int) Math.min(expires, MAXIMUM_EXPIRES_SECONDS);
    calls.state[call] = SipCalls.REGISTERED;
    calls.deadlines.schedule(call, now + SpuClock.ticks(seconds));
    int group = calls.group[call];
    if (group == SipCalls.NONE) {
      group = i.engine.openCallGroup(i, (int) i.engine.ordinal());
      if (group < 0) {
        counters.resourceManagerError++;
        end(i.engine, call);
        return;
      }
      calls.group[call] = group;
      callOfGroup[group] = call;
      i.engine.markSignallingGroup(group);
    }
    boolean byClient = calls.registeredByClient[call];
    int natPort = calls.contactNatPort[call];
    boolean translate = natPort >= 0;
    long hi = translate ? (byClient ? i.clientSeenHi : i.serverSeenHi) : calls.contactHi[call];
    long lo = translate ? (byClient ? i.clientSeenLo : i.serverSeenLo) : calls.contactLo[call];
    int port = translate ? natPort : calls.contactPort[call];
    int existing = i.engine.gateIn(group, i.protocol, hi, lo, port);
    if (existing >= 0) {
      i.engine.scheduleGate(existing, seconds);
      return;
    }
    // from the registrar (any port): the phone's other sessions on the same port (to other
    // hosts) keep their replies, which a gate from anyone would steer to this SPU (several SPUs)
    long registrarHi = byClient ? i.serverHi : i.clientHi;
    long registrarLo = byClient ? i.serverLo : i.clientLo;
    int saved = i.group;
    i.group = group;
    try {
      long failedBefore = i.counters().gatesFailed;
      i.engine.openGate(
          i,
          i.protocol,
          false,
          registrarHi,
          registrarLo,
          0,
          hi,
          lo,
          port,
          translate,
          calls.contactHi[call],
          calls.contactLo[call],
          calls.contactPort[call],
          false,
          seconds,
          calls.hold[call],
          byClient ? i.serverInterface : i.clientInterface);
      calls.hold[call] = 0; // the gate holds the NAT port now (or gave it back)
      if (i.counters().gatesFailed != failedBefore) {
        counters.resourceManagerError++;
      }
    } finally {
      i.group = saved;
    }
  }

  /**
   * Reads a Contact value's URI ({@code [name] <sip:user@host:port;params>;params} or a bare URI):
   * false for "*", a host name or what cannot be read; else the address and port (5060 when none)
   * in contactHi, contactLo, contactPort.
   */
  private boolean readContact(MemorySegment s, long from, long to) {
    if (from < 0) {
      return false;
    }
    long uri = -1;
    for (long k = from; k + 4 <= to; k++) {
      if (Text.startsWith(s, k, to, "sip:")) {
        uri = k + 4;
        break;
      }
      if (Text.startsWith(s, k, to, "sips:")) {
        uri = k + 5;
        break;
      }
    }
    if (uri < 0) {
      return false;
    }
    long uriEnd = uri;
    while (uriEnd < to && ";>?,".indexOf(Text.at(s, uriEnd)) < 0 && !isBlank(Text.at(s, uriEnd))) {
      uriEnd++;
    }
    long at = Text.indexOf(s, uri, uriEnd, '@');
    long host = at < 0 ? uri : at + 1;
    long after;
    if (host < uriEnd && Text.at(s, host) == '[') {
      if (!text.ipv6(s, host + 1, uriEnd) || text.end >= uriEnd || Text.at(s, text.end) != ']') {
        return false;
      }
      contactHi = text.hi;
      contactLo = text.lo;
      after = text.end + 1;
    } else {
      long v4 = text.ipv4(s, host, uriEnd);
      if (v4 < 0) {
        return false;
      }
      contactHi = 0;
      contactLo = 0x0000_ffff_0000_0000L | v4;
      after = text.end;
    }
    contactPort = 5060;
    if (after < uriEnd && Text.at(s, after) == ':') {
      long port = text.decimal(s, after + 1, uriEnd, 5);
      if (port <= 0 || port > 65535 || text.end != uriEnd) {
        return false;
      }
      contactPort = (int) port;
    } else if (after != uriEnd) {
      return false;
    }
    return true;
  }

  /** The {@code expires} parameter of a Contact value (after its URI), or -1. */
  private long contactExpires(MemorySegment s, long from, long to) {
    if (from < 0) {
      return -1;
    }
    long close = Text.indexOf(s, from, to, '>');
    long k = close < 0 ? from : close;
    for (; k < to; k++) {
      if (Text.at(s, k) == ';') {
        long p = Text.skipBlanks(s, k + 1, to);
        if (Text.startsWith(s, p, to, "expires")) {
          long eq = Text.skipBlanks(s, p + 7, to);
          if (eq < to && Text.at(s, eq) == '=') {
            return text.decimal(s, Text.skipBlanks(s, eq + 1, to), to, 10);
          }
        }
      }
    }
    return -1;
  }

  /**
   * How much longer a call's media gate stays open when it is due: the inactive-media timer runs
   * from the last packet of the call's media sessions (Junos: the gates close when the media has
   * been inactive for inactive-media-timeout), so media that flows keeps them; 0 closes it.
   */
  @Override
  public int keepGateSeconds(AlgEngine engine, int group) {
    int call = group >= 0 && group < callOfGroup.length ? callOfGroup[group] : SipCalls.NONE;
    if (call == SipCalls.NONE
        || calls.registration(call)
        || calls.state[call] == SipCalls.TEARDOWN) {
      return 0;
    }
    long idle = engine.idleTicksOfGroupSessions(group);
    long timeout = SpuClock.ticks(knobs.inactiveMediaTimeoutSeconds());
    if (idle >= timeout) {
      return 0;
    }
    return (int) Math.max(1, SpuClock.ticksToSeconds(timeout - idle));
  }

  private void count(int row, int column, boolean again) {
    int k = row * SipCounters.COLUMNS + column;
    if (again) {
      counters.retransmitted[k]++;
    } else {
      counters.table[k]++;
    }
  }

  /** The call ends: its gates close and its group goes after t4-interval. */
  private void tearDown(Inspection i, int call, long now) {
    calls.state[call] = SipCalls.TEARDOWN;
    calls.deadlines.schedule(call, now + SpuClock.ticks(knobs.t4IntervalSeconds()));
    if (calls.group[call] != SipCalls.NONE) {
      i.engine.scheduleGroupGates(calls.group[call], knobs.t4IntervalSeconds());
    }
  }

  private int toTagLength(MemorySegment s) {
    long t = tagStart(s, toStart, toEnd);
    return t < 0 ? 0 : (int) (text.end - t);
  }

  private void tag(int call, MemorySegment s, boolean to, long from, long end) {
    long t = tagStart(s, from, end);
    if (t >= 0) {
      calls.setTag(to, call, s, t, (int) (text.end - t));
    }
  }

  /** The value of the header's {@code tag} parameter (its end in text.end), or -1. */
  private long tagStart(MemorySegment s, long from, long end) {
    boolean quoted = false;
    boolean inUri = false;
    for (long k = from; k < end; k++) {
      int c = Text.at(s, k);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == '<') {
        inUri = true;
      } else if (!quoted && c == '>') {
        inUri = false;
      } else if (!quoted && !inUri && c == ';') {
        long p = Text.skipBlanks(s, k + 1, end);
        if (Text.startsWith(s, p, end, "tag")) {
          long eq = Text.skipBlanks(s, p + 3, end);
          if (eq < end && Text.at(s, eq) == '=') {
            long v = Text.skipBlanks(s, eq + 1, end);
            long e = v;
            while (e < end && Text.at(s, e) != ';' && !isBlank(Text.at(s, e))) {
              e++;
            }
            text.end = e;
            return v;
          }
        }
      }
    }
    return -1;
  }

  /** Ends the calls whose deadline passed: their gates close, their groups are let go. */
  void expire(AlgEngine engine) {
    long now = engine.nowTick();
    while (calls.deadlines.due(now)) {
      end(engine, calls.deadlines.first());
    }
  }

  private void end(AlgEngine engine, int call) {
    int group = calls.group[call];
    if (calls.hold[call] != 0) {
      engine.releaseNatHold(calls.hold[call]);
      calls.hold[call] = 0;
    }
    calls.close(call);
    if (group != SipCalls.NONE) {
      callOfGroup[group] = SipCalls.NONE;
      engine.endCallGroup(group);
    }
  }

  @Override
  public void ending(AlgEngine engine, int control) {
    for (int c = 0; c < calls.capacity(); c++) {
      if (calls.used(c) && calls.control[c] == control) {
        if (calls.state[c] == SipCalls.REGISTERED) {
          calls.detach(c); // a registration outlives its signalling session (until Expires)
        } else {
          end(engine, c);
        }
      }
    }
  }

  // ------------------------------------------------------------------ NAT substitutions

  /** Which addresses this message's text must change, from whom it comes and to whom it goes. */
  private void substitutions(Inspection i) {
    substitutions = 0;
    senderTranslated = i.fromClient() ? i.clientTranslated() : i.serverTranslated();
    if (!i.canRewrite) {
      return;
    }
    if (i.fromClient()) {
      if (i.clientTranslated()) {
        substitute(
            i.clientHi, i.clientLo, i.clientPort, i.clientSeenHi, i.clientSeenLo, i.clientSeenPort);
      }
      if (i.serverTranslated()) {
        substitute(
            i.serverSeenHi, i.serverSeenLo, i.serverSeenPort, i.serverHi, i.serverLo, i.serverPort);
      }
    } else {
      if (i.serverTranslated()) {
        substitute(
            i.serverHi, i.serverLo, i.serverPort, i.serverSeenHi, i.serverSeenLo, i.serverSeenPort);
      }
      if (i.clientTranslated()) {
        substitute(
            i.clientSeenHi, i.clientSeenLo, i.clientSeenPort, i.clientHi, i.clientLo, i.clientPort);
      }
    }
  }

  private void substitute(long hi, long lo, int port, long toHi, long toLo, int toPort) {
    oldHi[substitutions] = hi;
    oldLo[substitutions] = lo;
    oldPort[substitutions] = port;
    newHi[substitutions] = toHi;
    newLo[substitutions] = toLo;
    newPort[substitutions] = toPort;
    substitutions++;
  }

  /** The substitution whose old address this is, or -1. */
  private int substitutionOf(long hi, long lo) {
    for (int k = 0; k < substitutions; k++) {
      if (oldHi[k] == hi && oldLo[k] == lo) {
        return k;
      }
    }
    return -1;
  }

  /** Writes the edits: start line and headers in order, Content-Length, then the body's. */
  private void rewrite(Inspection i, MemorySegment s, long at) {
    MessageEdits e = i.edits;
    if (request) {
      addresses(e, s, at, uriStart, uriEnd, V_OTHER);
    }
    long bodyDelta = body.delta();
    boolean lengthDone = lengthStart < 0 || bodyDelta == 0;
    for (int k = 0; k < spans; k++) {
      if (!lengthDone && lengthStart < spanStart[k]) {
        e.begin().decimal(contentLength + bodyDelta);
        e.replace((int) (lengthStart - at), (int) (lengthEnd - lengthStart));
        lengthDone = true;
      }
      addresses(e, s, at, spanStart[k], spanEnd[k], spanKind[k]);
    }
    if (!lengthDone) {
      e.begin().decimal(contentLength + bodyDelta);
      e.replace((int) (lengthStart - at), (int) (lengthEnd - lengthStart));
    }
    e.appendAll(body);
  }

  /**
   * Replaces, in {@code [from, to)}, each address a substitution names (IPv4 as a word, IPv6 in
   * brackets), with its port when the port follows and is the substituted one. A Via without a port
   * gets the new one when it is not 5060.
   */
  private void addresses(MessageEdits e, MemorySegment s, long at, long from, long to, int kind) {
    boolean via = kind == V_VIA;
    for (long k = from; k < to; k++) {
      int c = Text.at(s, k);
      long hi;
      long lo;
      long addressEnd;
      boolean bracket = false;
      if (Text.isDigit(c) && (k == from || !wordChar(Text.at(s, k - 1)))) {
        long v4 = text.ipv4(s, k, to);
        if (v4 < 0 || text.end < to && wordChar(Text.at(s, text.end))) {
          while (k + 1 < to && wordChar(Text.at(s, k + 1))) {
            k++;
          }
          continue;
        }
        hi = 0;
        lo = 0x0000_ffff_0000_0000L | v4;
        addressEnd = text.end;
      } else if (c == '['
          && text.ipv6(s, k + 1, to)
          && text.end < to
          && Text.at(s, text.end) == ']') {
        hi = text.hi;
        lo = text.lo;
        addressEnd = text.end;
        bracket = true;
        k++;
      } else {
        continue;
      }
      int sub = substitutionOf(hi, lo);
      long replaceEnd = addressEnd;
      long after = bracket ? addressEnd + 1 : addressEnd;
      boolean portMatched = false;
      boolean hasPort = after < to && Text.at(s, after) == ':';
      // a REGISTER's Contact names the NAT port its registration holds (registerNatPort)
      boolean registering =
          kind == V_CONTACT && registerNatPort >= 0 && sub >= 0 && senderSubstitution(sub);
      int writePort = sub >= 0 ? newPort[sub] : 0;
      if (hasPort) {
        long port = text.decimal(s, after + 1, to, 5);
        if (registering && port == registerInsidePort) {
          portMatched = true;
          replaceEnd = text.end;
          writePort = registerNatPort;
        } else if (port >= 0 && sub >= 0 && port == oldPort[sub]) {
          portMatched = true;
          replaceEnd = text.end;
        }
      }
      if (sub >= 0) {
        e.begin().address(newHi[sub], newLo[sub]);
        if (bracket) {
          e.append(']');
        }
        if (portMatched) {
          e.append(':').decimal(writePort);
        } else if (registering && !hasPort && registerInsidePort == 5060) {
          if (registerNatPort != 5060) {
            e.append(':').decimal(registerNatPort);
          }
        } else if (via
            && !(after < to && Text.at(s, after) == ':')
            && newPort[sub] != 5060
            && oldPort[sub] == 5060) {
          e.append(':').decimal(newPort[sub]);
        }
        long editEnd = portMatched ? replaceEnd : bracket ? addressEnd + 1 : addressEnd;
        e.replace((int) (k - at), (int) (editEnd - k));
      }
      k = Math.max(k, (portMatched ? replaceEnd : after) - 1);
    }
  }

  private static boolean wordChar(int c) {
    return Text.isDigit(c) || c == '.' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  // ------------------------------------------------------------------ SDP

  /**
   * Reads the SDP body: the media it announces get gates in the call's group; under NAT the edits
   * for c=, o= and m= are gathered in {@link #body}.
   */
  private void readSdp(Inspection i, MemorySegment s, long at, int call) {
    sessionAddressKnown = false;
    sessionAddressName = false;
    media = 0;
    boolean malformed = false;
    // pass 1: addresses and ports
    long line = bodyStart;
    while (line < bodyEnd) {
      long next = Text.indexOf(s, line, bodyEnd, '\n');
      long end = Text.lineEnd(s, line, next < 0 ? bodyEnd : next + 1);
      if (end - line >= 2 && Text.at(s, line + 1) == '=') {
        int kind = Text.at(s, line);
        if (kind == 'c') {
          int r = connection(s, line + 2, end);
          if (r < 0) {
            malformed = true;
          } else if (media == 0) {
            sessionAddressKnown = r == 1;
            sessionAddressName = r == 2;
            sessionHi = text.hi;
            sessionLo = text.lo;
          } else {
            mediaAddressKnown[media - 1] = r == 1;
            mediaAddressName[media - 1] = r == 2;
            mediaHi[media - 1] = text.hi;
            mediaLo[media - 1] = text.lo;
          }
        } else if (kind == 'm') {
          long sp = Text.indexOf(s, line + 2, end, ' ');
          long port = sp < 0 ? -1 : text.decimal(s, sp + 1, end, 5);
          if (port < 0 || port > 65535) {
            malformed = true;
          } else if (media < MEDIA) {
            mediaPort[media] = (int) port;
            mediaAddressKnown[media] = false;
            mediaAddressName[media] = false;
            mediaNatPort[media] = -1;
            media++;
          }
        }
      } else if (end > line) {
        malformed = true; // not "x=value"
      }
      line = next < 0 ? bodyEnd : next + 1;
    }
    if (malformed) {
      counters.decodeError++;
      i.counters().malformed++;
      return;
    }
    int group = calls.group[call];
    boolean onHold = false;
    for (int m = 0; m < media; m++) {
      if (mediaPort[m] == 0) {
        continue; // a refused or removed stream
      }
      boolean known = mediaAddressKnown[m] || !mediaAddressName[m] && sessionAddressKnown;
      boolean name = mediaAddressName[m] || !mediaAddressKnown[m] && sessionAddressName;
      if (!known) {
        if (name) {
          counters.ipResolveError++;
        } else {
          counters.decodeError++;
          i.counters().malformed++;
        }
        continue;
      }
      long hi = mediaAddressKnown[m] ? mediaHi[m] : sessionHi;
      long lo = mediaAddressKnown[m] ? mediaLo[m] : sessionLo;
      if (hi == 0 && (lo == 0x0000_ffff_0000_0000L || lo == 0)) {
        onHold = true;
        continue; // 0.0.0.0: on hold (RFC 2543)
      }
      mediaGates(i, group, m, hi, lo, mediaPort[m]);
    }
    if (onHold && !knobs.retainHoldResource()) {
      i.engine.closeGroupGates(group); // the call is on hold: its media gates are let go
    }
    if (i.canRewrite) {
      sdpEdits(i, s, at);
    }
  }

  /** A c= value: 1 and the address in text.hi/lo, 2 for a host name, -1 when it cannot be read. */
  private int connection(MemorySegment s, long from, long end) {
    if (!Text.startsWith(s, from, end, "IN ")) {
      return -1;
    }
    long type = Text.skipBlanks(s, from + 3, end);
    boolean v4 = Text.startsWith(s, type, end, "IP4 ");
    boolean v6 = Text.startsWith(s, type, end, "IP6 ");
    if (!v4 && !v6) {
      return -1;
    }
    long a = Text.skipBlanks(s, type + 4, end);
    if (a >= end) {
      return -1;
    }
    if (v4) {
      long address = text.ipv4(s, a, end);
      if (address >= 0 && (text.end == end || Text.at(s, text.end) == '/')) {
        text.hi = 0;
        text.lo = 0x0000_ffff_0000_0000L | address;
        return 1;
      }
    } else if (text.ipv6(s, a, end) && (text.end == end || Text.at(s, text.end) == '/')) {
      return 1;
    }
    for (long k = a; k < end; k++) {
      int c = Text.at(s, k);
      if (!(wordChar(c) || c == '-' || c == ':')) {
        return -1;
      }
    }
    return 2; // a host name: the ALG resolves none
  }

  /** The RTP and RTCP gates of one announced stream, translated when the sender is. */
  private void mediaGates(Inspection i, int group, int m, long hi, long lo, int port) {
    boolean fromClient = i.fromClient();
    boolean senderTranslated = fromClient ? i.clientTranslated() : i.serverTranslated();
    long privateHi = fromClient ? i.clientHi : i.serverHi;
    long privateLo = fromClient ? i.clientLo : i.serverLo;
    int saved = i.group;
    i.group = group; // the gates belong to the call's group
    try {
      if (senderTranslated && hi == privateHi && lo == privateLo) {
        long publicHi = fromClient ? i.clientSeenHi : i.serverSeenHi;
        long publicLo = fromClient ? i.clientSeenLo : i.serverSeenLo;
        int natPort = i.engine.gatePortTranslatingTo(group, hi, lo, port);
        long hold = 0;
        if (natPort < 0) {
          if (fromClient) {
            natPort = i.engine.allocateNatPort(i, port, true);
            if (natPort < 0) {
              counters.natError++;
              return;
            }
            hold = i.engine.lastNatHold();
          } else {
            natPort = port; // destination or static NAT of the server keeps its ports
          }
        }
        mediaNatPort[m] = natPort;
        gate(i, publicHi, publicLo, natPort, true, hi, lo, port, hold);
        gate(i, publicHi, publicLo, natPort + 1, true, hi, lo, port + 1, 0);
      } else {
        gate(i, hi, lo, port, false, 0, 0, 0, 0);
        if (port < 65535) {
          gate(i, hi, lo, port + 1, false, 0, 0, 0, 0);
        }
      }
    } finally {
      i.group = saved;
    }
  }

  private void gate(
      Inspection i,
      long hi,
      long lo,
      int port,
      boolean translate,
      long toHi,
      long toLo,
      int toPort,
      long hold) {
    int seconds = knobs.inactiveMediaTimeoutSeconds();
    int existing = i.engine.gateIn(i.group, IpProtocol.UDP, hi, lo, port);
    if (existing >= 0) {
      i.engine.scheduleGate(existing, seconds); // the same stream announced again
      if (hold != 0) {
        i.engine.releaseNatHold(hold);
      }
      return;
    }
    long failedBefore = i.counters().gatesFailed;
    i.engine.openGate(
        i,
        IpProtocol.UDP,
        true,
        0,
        0,
        0,
        hi,
        lo,
        port,
        translate,
        toHi,
        toLo,
        toPort,
        false,
        seconds,
        hold,
        i.clientInterface);
    if (i.counters().gatesFailed != failedBefore) {
      counters.resourceManagerError++;
    }
  }

  /** Pass 2 over the SDP: the sender's address in c= and o=, its NAT ports in m=. */
  private void sdpEdits(Inspection i, MemorySegment s, long at) {
    int m = -1;
    long line = bodyStart;
    while (line < bodyEnd) {
      long next = Text.indexOf(s, line, bodyEnd, '\n');
      long end = Text.lineEnd(s, line, next < 0 ? bodyEnd : next + 1);
      int kind = end - line >= 2 ? Text.at(s, line) : 0;
      if (kind == 'm') {
        m++;
        long sp = Text.indexOf(s, line + 2, end, ' ');
        if (m < MEDIA && mediaNatPort[m] >= 0 && mediaNatPort[m] != mediaPort[m]) {
          text.decimal(s, sp + 1, end, 5);
          body.begin().decimal(mediaNatPort[m]);
          body.replace((int) (sp + 1 - at), (int) (text.end - sp - 1));
        }
      } else if (kind == 'c' || kind == 'o') {
        long a = kind == 'c' ? line + 2 : nthField(s, line + 2, end, 5);
        if (a >= 0) {
          long type = kind == 'c' ? Text.skipBlanks(s, a + 3, end) : nthField(s, line + 2, end, 4);
          long address = type < 0 ? -1 : Text.skipBlanks(s, type + 4, end);
          if (address >= 0 && address < end) {
            sdpAddress(s, at, address, end);
          }
        }
      }
      line = next < 0 ? bodyEnd : next + 1;
    }
  }

  /** The start of the {@code n}th blank-separated field (from 0), or -1. */
  private static long nthField(MemorySegment s, long from, long end, int n) {
    long k = from;
    for (int f = 0; f < n; f++) {
      while (k < end && Text.at(s, k) != ' ') {
        k++;
      }
      k = Text.skipBlanks(s, k, end);
      if (k >= end) {
        return -1;
      }
    }
    return k;
  }

  /** The sender's own address in an SDP line becomes the one it is translated to. */
  private void sdpAddress(MemorySegment s, long at, long address, long end) {
    long hi;
    long lo;
    long v4 = text.ipv4(s, address, end);
    if (v4 >= 0 && (text.end == end || Text.at(s, text.end) == '/')) {
      hi = 0;
      lo = 0x0000_ffff_0000_0000L | v4;
    } else if (text.ipv6(s, address, end)) {
      hi = text.hi;
      lo = text.lo;
    } else {
      return;
    }
    long addressEnd = text.end;
    // only the sender's own address: the first substitution when the sender is translated
    int sub = substitutionOf(hi, lo);
    if (sub < 0 || !senderSubstitution(sub)) {
      return;
    }
    body.begin().address(newHi[sub], newLo[sub]);
    body.replace((int) (address - at), (int) (addressEnd - address));
  }

  /**
   * True for the sender's own substitution: {@link #substitutions} adds it first, when the sender
   * is translated (the receiver's maps a public address back, and has no place in the SDP).
   */
  private boolean senderSubstitution(int sub) {
    return sub == 0 && senderTranslated;
  }

  private boolean senderTranslated;

  /** A fault of the ALG's own stopped the reading of a session (AlgEngine counts it too). */
  void fault() {
    counters.stackError++;
  }

  // ------------------------------------------------------------------ views

  SipCounters counters() {
    return counters.copy();
  }

  void clearCounters() {
    counters.clear();
  }

  /** Ends every call this SPU follows (not the registrations). */
  void clearCalls(AlgEngine engine) {
    for (int c = 0; c < calls.capacity(); c++) {
      if (calls.used(c) && !calls.registration(c)) {
        end(engine, c);
      }
    }
  }

  List<AlgEngine.SipCallSnapshot> calls(AlgEngine engine, int spu) {
    expire(engine);
    List<AlgEngine.SipCallSnapshot> out = new ArrayList<>();
    for (int c = 0; c < calls.capacity(); c++) {
      if (!calls.used(c) || calls.registration(c)) {
        continue; // a registration is no call
      }
      int group = calls.group[c];
      out.add(
          new AlgEngine.SipCallSnapshot(
              spu,
              calls.callIdText(c),
              SipCounters.METHODS.get(calls.method[c]),
              SipCalls.stateName(calls.state[c]),
              group == SipCalls.NONE ? 0 : engine.groupIdOfIndex(group),
              calls.fromTagText(c),
              calls.toTagText(c)));
    }
    return out;
  }
}
