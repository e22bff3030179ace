package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.u16;
import static org.flowgate.dataplane.appid.decode.Bytes.u8;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.ApplicationInspector;
import org.flowgate.dataplane.appid.DecodeContext;
import org.flowgate.dataplane.appid.ProtocolDecoder;

/**
 * DNS over UDP and TCP (RFC 1035 §4.1, TCP framing §4.2.2; RFC 7766): {@code junos:DNS}, and on
 * their own ports multicast DNS (RFC 6762, 5353: {@code junos:MDNS}) and LLMNR (RFC 4795, 5355:
 * {@code junos:LLMNR}).
 *
 * <pre>
 *  header:   | ID (2) | QR | Opcode (4) | AA TC RD | RA Z AD CD | RCODE (4) |
 *            | QDCOUNT | ANCOUNT | NSCOUNT | ARCOUNT |
 *  question: | QNAME: labels (length 1..63, then bytes), ended by 0 | QTYPE (2) | QCLASS (2) |
 *  TCP:      | message length (2) | message |
 * </pre>
 *
 * On port 53 (and 5353, 5355) one well-formed message is proof. Elsewhere a query and a response
 * with the same ID are needed: the query's ID waits in the session's scratch.
 */
public final class DnsDecoder extends ProtocolDecoder {
  private static final int QUERY = 1;
  private static final int RESPONSE = 2;

  private final int dns;
  private final int mdns;
  private final int llmnr;

  public DnsDecoder(ApplicationCatalog catalog) {
    super("dns");
    this.dns = catalog.requireId("junos:DNS");
    this.mdns = catalog.requireId("junos:MDNS");
    this.llmnr = catalog.requireId("junos:LLMNR");
  }

  @Override
  public boolean tcp() {
    return true;
  }

  @Override
  public boolean udp() {
    return true;
  }

  private int wellKnown(DecodeContext c) {
    if (c.port(53)) {
      return dns;
    }
    if (c.port(5353)) {
      return mdns;
    }
    if (c.port(5355)) {
      return llmnr;
    }
    return -1;
  }

  @Override
  public int decodeDatagram(
      DecodeContext c, int direction, MemorySegment s, long offset, int length) {
    int kind = message(s, offset, length);
    if (kind < 0) {
      return NO_MATCH;
    }
    int known = wellKnown(c);
    if (known >= 0) {
      return known;
    }
    int id = u16(s, offset);
    if (kind == QUERY) {
      c.scratch(ApplicationInspector.SCRATCH_DNS, 0x1_0000L | id);
      return provisional(dns);
    }
    long query = c.scratch(ApplicationInspector.SCRATCH_DNS);
    if (query != 0 && (query & 0xffff) == id) {
      return dns;
    }
    return provisional(dns);
  }

  @Override
  public int decodeStream(DecodeContext c) {
    int client = framed(c, 0);
    int server = framed(c, 1);
    if (client < 0 || server < 0) {
      return NO_MATCH;
    }
    int known = wellKnown(c);
    int application = known >= 0 ? known : dns;
    if (client > 0 && server > 0) {
      return application;
    }
    if ((client > 0 && c.streamLength(1) == 0) || (server > 0 && c.streamLength(0) == 0)) {
      return provisional(application);
    }
    return NEED_MORE;
  }

  /** 1 a whole DNS message after its length, 0 not all there yet, -1 not DNS. */
  private static int framed(DecodeContext c, int direction) {
    int length = c.streamLength(direction);
    if (length == 0) {
      return 0;
    }
    MemorySegment s = c.stream(direction);
    long at = c.streamOffset(direction);
    if (length >= 2 && u16(s, at) < 12) {
      return -1;
    }
    if (length < 2 + 12) {
      return c.streamFull(direction) ? -1 : 0;
    }
    int declared = u16(s, at);
    int present = Math.min(declared, length - 2);
    int kind = message(s, at + 2, present);
    if (kind > 0) {
      return 1;
    }
    return present < declared && !c.streamFull(direction) && header(s, at + 2) ? 0 : -1;
  }

  /** True when the 12-byte header's opcode and counts are possible. */
  private static boolean header(MemorySegment s, long at) {
    int opcode = (u16(s, at + 2) >>> 11) & 0xf;
    return opcode <= 6
        && opcode != 3
        && u16(s, at + 4) <= 64
        && u16(s, at + 6) <= 512
        && u16(s, at + 8) <= 512
        && u16(s, at + 10) <= 512;
  }

  /** {@link #QUERY} or {@link #RESPONSE} for a well-formed message, -1 otherwise. */
  static int message(MemorySegment s, long at, int length) {
    if (length < 12) {
      return -1;
    }
    int flags = u16(s, at + 2);
    boolean response = (flags & 0x8000) != 0;
    int opcode = (flags >>> 11) & 0xf;
    if (opcode > 6 || opcode == 3) {
      return -1;
    }
    int questions = u16(s, at + 4);
    int answers = u16(s, at + 6);
    int authority = u16(s, at + 8);
    int additional = u16(s, at + 10);
    if (questions > 64 || answers > 512 || authority > 512 || additional > 512) {
      return -1;
    }
    if (!response && (questions == 0 && opcode != 5 || answers > 64)) {
      return -1; // a query asks something (an UPDATE may carry its zone instead)
    }
    int p = 12;
    if (questions > 0) {
      p = name(s, at, length, p);
      if (p < 0 || p + 4 > length) {
        return -1;
      }
      int qclass = u16(s, at + p + 2) & 0x7fff; // mDNS: top bit asks for a unicast answer
      if (qclass != 1 && qclass != 3 && qclass != 4 && qclass != 254 && qclass != 255) {
        return -1;
      }
    } else if (answers + authority + additional > 0) {
      p = name(s, at, length, p);
      if (p < 0 || p + 10 > length) {
        return -1;
      }
    } else {
      return -1;
    }
    return response ? RESPONSE : QUERY;
  }

  /** Offset after the name at {@code from}, or -1. */
  private static int name(MemorySegment s, long at, int length, int from) {
    int p = from;
    int total = 0;
    while (p < length) {
      int label = u8(s, at + p);
      if (label == 0) {
        return p + 1;
      }
      if ((label & 0xc0) == 0xc0) {
        return p + 2 <= length ? p + 2 : -1; // compression pointer ends the name
      }
      if (label > 63) {
        return -1;
      }
      total += label + 1;
      if (total > 255 || p + 1 + label > length) {
        return -1;
      }
      for (int i = 1; i <= label; i++) {
        int b = u8(s, at + p + i);
        if (b < 0x20 || b == 0x7f) {
          return -1; // control bytes do not appear in names
        }
      }
      p += 1 + label;
    }
    return -1;
  }
}
