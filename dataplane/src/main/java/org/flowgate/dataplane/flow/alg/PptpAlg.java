package org.flowgate.dataplane.flow.alg;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.alg.Alg;
import org.flowgate.dataplane.net.IpProtocol;
import org.flowgate.dataplane.packet.Wire;

/**
 * The PPTP ALG (RFC 2637): reads the control connection on TCP port 1723; a call that connects
 * (Outgoing-Call-Reply or Incoming-Call-Reply with result 1) opens gates for the call's enhanced
 * GRE tunnel (IP protocol 47).
 *
 * <pre>
 *  control message (big-endian)
 *   0 length (2) | 2 PPTP message type (2) = 1 control | 4 magic cookie 0x1A2B3C4D (4)
 *   | 8 control message type (2) | 10 reserved (2) | 12 ...
 *   7  Outgoing-Call-Request   12 call id (2)
 *   8  Outgoing-Call-Reply     12 call id (2) | 14 peer's call id (2) | 16 result code (1) 1 = connected
 *   9  Incoming-Call-Request   12 call id (2)
 *   10 Incoming-Call-Reply     12 call id (2) | 14 peer's call id (2) | 16 result code (1) 1 = connect
 *
 *  a connected call opens two gates, one per direction, GRE between the two ends:
 *    client ─► server (as the client knows it; translated back under destination NAT)
 *    server ─► client (as the server knows it; translated back under source NAT)
 *  whichever packet comes first makes the child; the other direction is its reverse wing
 *  Flowgate's session key has no GRE call id (a GRE packet has no ports): the child is keyed by
 *  addresses and protocol, so the calls between one pair of hosts share one GRE session, and the
 *  call ids are not translated under NAT (scratch word 0 keeps the last call's ids for the views)
 *  gates: one-shot, closed unused after {@value #GATE_SECONDS} s or with the control connection
 *  a message whose length is under 12, whose cookie is not the magic one, or whose type is not 1:
 *  malformed, passed without a gate (counted), the stream read again from the next segment
 * </pre>
 *
 * <p>Thread: owned by its SPU's thread.
 */
final class PptpAlg implements Gateway {
  static final int GATE_SECONDS = 60;
  static final long MAGIC_COOKIE = 0x1A2B_3C4DL;

  static final int OUTGOING_CALL_REPLY = 8;
  static final int INCOMING_CALL_REPLY = 10;

  /** Set by {@link #connected}: the call's ids. */
  int callId;

  int peerCallId;

  @Override
  public Alg alg() {
    return Alg.PPTP;
  }

  @Override
  public boolean datagrams(int protocol) {
    return false;
  }

  @Override
  public long resynchronise(MemorySegment s, long at, long end) {
    return at < end ? at : -1;
  }

  @Override
  public int frame(MemorySegment s, long at, int available, int direction) {
    if (available < 8) {
      return 0;
    }
    int length = Wire.u16(s, at);
    if (length < 12 || Wire.u32(s, at + 4) != MAGIC_COOKIE) {
      return -1;
    }
    return available >= length ? length : 0;
  }

  @Override
  public boolean mayRewrite(MemorySegment s, long at, int available, int direction) {
    return false;
  }

  /**
   * Reads a control message: 1 for a call reply that connected (setting {@link #callId} and {@link
   * #peerCallId}), 0 for any other message, -1 when it does not parse.
   */
  int connected(MemorySegment s, long at, int length) {
    if (length < 12) {
      return -1;
    }
    int declared = Wire.u16(s, at);
    if (declared != length || Wire.u16(s, at + 2) != 1 || Wire.u32(s, at + 4) != MAGIC_COOKIE) {
      return -1;
    }
    int type = Wire.u16(s, at + 8);
    if (type != OUTGOING_CALL_REPLY && type != INCOMING_CALL_REPLY) {
      return 0;
    }
    if (length < 17) {
      return -1;
    }
    if (Text.at(s, at + 16) != 1) {
      return 0; // the call did not connect
    }
    callId = Wire.u16(s, at + 12);
    peerCallId = Wire.u16(s, at + 14);
    return 1;
  }

  @Override
  public int message(Inspection i, MemorySegment s, long at, int length) {
    int kind = connected(s, at, length);
    if (kind < 0) {
      i.counters().malformed++;
      return PASS;
    }
    if (kind == 0) {
      return PASS;
    }
    i.scratch(0, (long) callId << 16 | peerCallId);
    i.engine.openGate(
        i,
        IpProtocol.GRE,
        false,
        i.clientHi,
        i.clientLo,
        0,
        i.serverSeenHi,
        i.serverSeenLo,
        0,
        i.serverTranslated(),
        i.serverHi,
        i.serverLo,
        0,
        true,
        GATE_SECONDS,
        0,
        i.clientInterface);
    i.engine.openGate(
        i,
        IpProtocol.GRE,
        false,
        i.serverHi,
        i.serverLo,
        0,
        i.clientSeenHi,
        i.clientSeenLo,
        0,
        i.clientTranslated(),
        i.clientHi,
        i.clientLo,
        0,
        true,
        GATE_SECONDS,
        0,
        i.serverInterface);
    return PASS;
  }

  @Override
  public boolean childrenEndWithControl() {
    return true;
  }
}
