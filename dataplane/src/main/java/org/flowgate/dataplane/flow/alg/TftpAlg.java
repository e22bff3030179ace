package org.flowgate.dataplane.flow.alg;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.alg.Alg;
import org.flowgate.dataplane.net.IpProtocol;

/**
 * The TFTP ALG (RFC 1350): a read or write request to the server's port 69 opens a gate for the
 * transfer, which the server answers from a port of its own choosing (its transfer identifier).
 *
 * <pre>
 *  request (client ─► server:69)
 *   2 bytes        string    1 byte   string   1 byte   [options (RFC 2347): name 0 value 0 ...]
 *  +--------------+---------+-------+---------+-------+
 *  | 01 RRQ/02 WRQ| file    |   0   |  mode   |   0   |
 *  +--------------+---------+-------+---------+-------+
 *
 *  gate  UDP  server:any ─► client:port (as the server knows the client: its NAT address and
 *        port under source NAT, translated back to the client's own)
 *        one-shot, closes unused after {@value #GATE_SECONDS} s
 *  the first datagram through it (DATA for a read, ACK 0 for a write) makes the child session
 *  server:tid ◄─► client:port; the rest of the transfer is the child's
 *
 *  an empty file name, a missing NUL, a mode other than netascii/octet/mail: malformed, passed
 *  without a gate (counted); DATA, ACK, ERROR or OACK on the control session pass untouched
 * </pre>
 *
 * No address is carried inside TFTP, so there is nothing to rewrite under NAT.
 *
 * <p>Thread: owned by its SPU's thread.
 */
final class TftpAlg implements Gateway {
  static final int GATE_SECONDS = 60;

  static final int RRQ = 1;
  static final int WRQ = 2;

  /** {@link #request}: the message is not a request (DATA, ACK, ERROR, OACK). */
  static final int NOT_A_REQUEST = 0;

  /** {@link #request}: a request that does not parse. */
  static final int MALFORMED = -1;

  @Override
  public Alg alg() {
    return Alg.TFTP;
  }

  @Override
  public boolean streams() {
    return false;
  }

  @Override
  public boolean datagrams(int protocol) {
    return protocol == IpProtocol.UDP;
  }

  @Override
  public int frame(MemorySegment s, long at, int available, int direction) {
    return available; // a datagram is one message
  }

  @Override
  public boolean mayRewrite(MemorySegment s, long at, int available, int direction) {
    return false;
  }

  /**
   * What the {@code length} bytes at {@code at} are: {@link #RRQ} or {@link #WRQ} for a well-formed
   * request, {@link #NOT_A_REQUEST}, or {@link #MALFORMED}. Never reads beyond the message.
   */
  static int request(MemorySegment s, long at, int length) {
    if (length < 2) {
      return MALFORMED;
    }
    int opcode = Text.at(s, at) << 8 | Text.at(s, at + 1);
    if (opcode != RRQ && opcode != WRQ) {
      return opcode >= 3 && opcode <= 6 ? NOT_A_REQUEST : MALFORMED;
    }
    long limit = at + length;
    long nameEnd = Text.indexOf(s, at + 2, limit, 0);
    if (nameEnd < 0 || nameEnd == at + 2) {
      return MALFORMED;
    }
    long modeEnd = Text.indexOf(s, nameEnd + 1, limit, 0);
    if (modeEnd < 0) {
      return MALFORMED;
    }
    long mode = nameEnd + 1;
    boolean known =
        modeIs(s, mode, modeEnd, "netascii")
            || modeIs(s, mode, modeEnd, "octet")
            || modeIs(s, mode, modeEnd, "mail");
    return known ? opcode : MALFORMED;
  }

  private static boolean modeIs(MemorySegment s, long from, long end, String mode) {
    return end - from == mode.length() && Text.startsWith(s, from, end, mode);
  }

  @Override
  public int message(Inspection i, MemorySegment s, long at, int length) {
    if (!i.fromClient()) {
      return PASS; // an ERROR from port 69 itself
    }
    int kind = request(s, at, length);
    if (kind == MALFORMED) {
      i.counters().malformed++;
      return PASS;
    }
    if (kind == NOT_A_REQUEST) {
      return PASS;
    }
    i.engine.openGate(
        i,
        IpProtocol.UDP,
        false,
        i.serverHi,
        i.serverLo,
        0,
        i.clientSeenHi,
        i.clientSeenLo,
        i.clientSeenPort,
        i.clientTranslated() || i.clientSeenPort != i.clientPort,
        i.clientHi,
        i.clientLo,
        i.clientPort,
        true,
        GATE_SECONDS,
        0,
        i.serverInterface);
    return PASS;
  }
}
