package org.flowgate.dataplane.flow.alg;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.alg.Alg;
import org.flowgate.dataplane.alg.AlgSettings;
import org.flowgate.dataplane.net.IpProtocol;
import org.flowgate.dataplane.packet.Wire;

/**
 * The DNS ALG's checks on each UDP DNS message of a session to port 53 (Junos 10.1 release notes,
 * "DNS doctoring support": the ALG drops a message longer than maximum-message-length, a domain
 * name over 255 bytes, a label over 63 bytes, and a compression pointer loop). It keeps nothing per
 * session (the session is watched, no resource-manager group); closing the session on its response
 * is the fast path's ({@code FastPath.isResponseThatCloses}, only while the ALG is on).
 *
 * <pre>
 *  header (12)  id | flags | qdcount | ancount | nscount | arcount
 *  question     name | type (2) | class (2)                       × qdcount
 *  record       name | type (2) | class (2) | ttl (4) | rdlength (2) | rdata   × an+ns+ar
 *  name         labels: length (0..63) bytes ... 0, or a pointer 11xxxxxx xxxxxxxx (RFC 1035
 *               §4.1.4) to an earlier name
 *
 *  longer than maximum-message-length (512): counted oversized; dropped with
 *    oversize-message-drop, else passed unread
 *  doctoring none: no other check
 *  shorter than the header, a question or record running past the message (counts beyond it), a
 *  label length with 01/10 high bits or over 63, a name over 255 bytes, a pointer that does not
 *  point back before the one followed last (a loop, or a forward jump): dropped (counted)
 * </pre>
 *
 * Doctoring (no {@code doctoring} statement): in a reply, the first {@value
 * #MAXIMUM_DOCTORED_RECORDS} A records (class IN, 4 bytes, any section) naming an address of a
 * static NAT rule carry the address the client knows the host by ({@code
 * NatTranslator.doctoredAddress}); the length stays, the UDP checksum is computed anew, the message
 * counted as a rewrite. AAAA records are not translated (Junos: "the DNS ALG supports only IPv4
 * addresses"). DNS over TCP is not read.
 *
 * <p>Thread: owned by its SPU's thread.
 */
final class DnsAlg implements Gateway {
  static final int OK = 0;
  static final int SHORT_HEADER = 1;
  static final int BEYOND_MESSAGE = 2;
  static final int BAD_LABEL = 3;
  static final int NAME_TOO_LONG = 4;
  static final int POINTER_LOOP = 5;

  static final int MAXIMUM_NAME_BYTES = 255;

  /** "The DNS ALG can translate the first 32 A-records in a single DNS reply" (Junos 10.1). */
  static final int MAXIMUM_DOCTORED_RECORDS = 32;

  static final int TYPE_A = 1;
  static final int CLASS_IN = 1;

  private AlgSettings.Dns settings = AlgSettings.Dns.DEFAULTS;

  /** Set by {@link #name}: where the name's bytes end in the message (after its 0 or pointer). */
  private long nameEnd;

  @Override
  public Alg alg() {
    return Alg.DNS;
  }

  @Override
  public void install(AlgSettings algSettings) {
    settings = algSettings.dns();
  }

  @Override
  public boolean watchesOnly() {
    return true;
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
    return available;
  }

  @Override
  public boolean mayRewrite(MemorySegment s, long at, int available, int direction) {
    return false;
  }

  @Override
  public int message(Inspection i, MemorySegment s, long at, int length) {
    if (length > settings.maximumMessageLengthBytes()) {
      i.counters().oversized++;
      if (settings.oversizeMessageDrop()) {
        i.counters().dropped++;
        return DROP;
      }
      return PASS;
    }
    if (settings.doctoring() == AlgSettings.Doctoring.NONE) {
      return PASS;
    }
    if (check(s, at, length) != OK) {
      i.counters().dropped++;
      return DROP;
    }
    if (settings.doctoring() == AlgSettings.Doctoring.FULL
        && i.canRewrite
        && !i.fromClient()
        && (Wire.u16(s, at + 2) & 0x8000) != 0) {
      doctor(i, s, at, length);
    }
    return PASS;
  }

  @Override
  public boolean doctors(int wing) {
    return wing == org.flowgate.dataplane.session.SessionTable.REVERSE
        && settings.doctoring() == AlgSettings.Doctoring.FULL;
  }

  /**
   * Translates the A records of a reply that {@link #check} accepted, in place: the first {@value
   * #MAXIMUM_DOCTORED_RECORDS} A records of any section whose address a static NAT rule names.
   */
  private void doctor(Inspection i, MemorySegment s, long at, int length) {
    long limit = at + length;
    int questions = Wire.u16(s, at + 4);
    int records = Wire.u16(s, at + 6) + Wire.u16(s, at + 8) + Wire.u16(s, at + 10);
    long p = at + 12;
    for (int q = 0; q < questions; q++) {
      name(s, at, p, limit);
      p = nameEnd + 4;
    }
    int addressRecords = 0;
    for (int r = 0; r < records; r++) {
      name(s, at, p, limit);
      long fixed = nameEnd;
      int rdlength = Wire.u16(s, fixed + 8);
      long rdata = fixed + 10;
      if (Wire.u16(s, fixed) == TYPE_A && Wire.u16(s, fixed + 2) == CLASS_IN && rdlength == 4) {
        if (++addressRecords > MAXIMUM_DOCTORED_RECORDS) {
          return;
        }
        long address = Wire.u32(s, rdata);
        long doctored = i.engine.doctoredAddress(i, (int) address);
        if (doctored >= 0 && doctored != address) {
          Wire.setU32(s, rdata, doctored);
          i.changedInPlace = true;
        }
      }
      p = rdata + rdlength;
    }
  }

  /** Checks a whole DNS message: {@link #OK} or why it is malformed. Never reads past it. */
  int check(MemorySegment s, long at, int length) {
    if (length < 12) {
      return SHORT_HEADER;
    }
    long limit = at + length;
    int questions = Wire.u16(s, at + 4);
    int records = Wire.u16(s, at + 6) + Wire.u16(s, at + 8) + Wire.u16(s, at + 10);
    long p = at + 12;
    for (int q = 0; q < questions; q++) {
      int verdict = name(s, at, p, limit);
      if (verdict != OK) {
        return verdict;
      }
      p = nameEnd + 4;
      if (p > limit) {
        return BEYOND_MESSAGE;
      }
    }
    for (int r = 0; r < records; r++) {
      int verdict = name(s, at, p, limit);
      if (verdict != OK) {
        return verdict;
      }
      p = nameEnd + 10;
      if (p > limit) {
        return BEYOND_MESSAGE;
      }
      p += Wire.u16(s, p - 2);
      if (p > limit) {
        return BEYOND_MESSAGE;
      }
    }
    return OK;
  }

  /**
   * Reads the name at {@code from} of the message at {@code message}: {@link #OK} (setting {@link
   * #nameEnd}) or why it is malformed. Each pointer must point before the last one followed, so the
   * walk ends.
   */
  private int name(MemorySegment s, long message, long from, long limit) {
    long p = from;
    long floor = from; // a pointer must land before this
    int nameBytes = 0;
    long end = -1;
    while (true) {
      if (p >= limit) {
        return BEYOND_MESSAGE;
      }
      int b = Text.at(s, p);
      if ((b & 0xc0) == 0xc0) {
        if (p + 2 > limit) {
          return BEYOND_MESSAGE;
        }
        long target = message + (((b & 0x3f) << 8) | Text.at(s, p + 1));
        if (end < 0) {
          end = p + 2;
        }
        if (target >= floor || target < message + 12) {
          return POINTER_LOOP;
        }
        floor = target;
        p = target;
        continue;
      }
      if ((b & 0xc0) != 0) {
        return BAD_LABEL; // 01 and 10: extended and reserved label types
      }
      if (b == 0) {
        nameBytes += 1;
        if (nameBytes > MAXIMUM_NAME_BYTES) {
          return NAME_TOO_LONG;
        }
        nameEnd = end < 0 ? p + 1 : end;
        return OK;
      }
      nameBytes += b + 1;
      if (nameBytes > MAXIMUM_NAME_BYTES) {
        return NAME_TOO_LONG;
      }
      p += b + 1;
    }
  }
}
