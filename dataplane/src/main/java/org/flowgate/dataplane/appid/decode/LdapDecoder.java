package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.u8;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.DecodeContext;
import org.flowgate.dataplane.appid.ProtocolDecoder;

/**
 * LDAP over TCP (RFC 4511 §4.1.1) and CLDAP over UDP (RFC 1798): {@code junos:LDAP}.
 *
 * <pre>
 *  LDAPMessage ::= SEQUENCE (0x30) { messageID INTEGER (0x02), protocolOp [APPLICATION n], ... }
 *  requests:  0x60 bind, 0x42 unbind, 0x63 search, 0x66 modify, 0x68 add, 0x4a delete,
 *             0x6c modifyDN, 0x6e compare, 0x50 abandon, 0x77 extended
 *  responses: 0x61 bind, 0x64 search entry, 0x65 search done, 0x73 reference, 0x67 modify,
 *             0x69 add, 0x6b delete, 0x6d modifyDN, 0x6f compare, 0x78 extended, 0x79 intermediate
 * </pre>
 */
public final class LdapDecoder extends ProtocolDecoder {
  private final int ldap;

  public LdapDecoder(ApplicationCatalog catalog) {
    super("ldap");
    this.ldap = catalog.requireId("junos:LDAP");
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
  public boolean acceptsFirstByte(int direction, int b) {
    return b == 0x30;
  }

  @Override
  public int decodeStream(DecodeContext c) {
    int client =
        c.streamLength(0) > 0 ? message(c.stream(0), c.streamOffset(0), c.streamLength(0), 0) : 0;
    int server =
        c.streamLength(1) > 0 ? message(c.stream(1), c.streamOffset(1), c.streamLength(1), 1) : 0;
    if (client < 0 || server < 0) {
      return NO_MATCH;
    }
    if (client > 0 && server > 0) {
      return ldap;
    }
    if ((client > 0 && c.streamLength(1) == 0) || (server > 0 && c.streamLength(0) == 0)) {
      return provisional(ldap);
    }
    if ((client == 0 && c.streamFull(0)) || (server == 0 && c.streamFull(1))) {
      return NO_MATCH;
    }
    return NEED_MORE;
  }

  @Override
  public int decodeDatagram(
      DecodeContext c, int direction, MemorySegment s, long offset, int length) {
    if (!c.port(389)) {
      return NO_MATCH;
    }
    int answer = message(s, offset, length, direction);
    return answer > 0 ? provisional(ldap) : NO_MATCH;
  }

  /** 1 an LDAP message of this direction, 0 too short to tell, -1 not LDAP. */
  static int message(MemorySegment s, long at, int length, int direction) {
    if (u8(s, at) != 0x30) {
      return -1;
    }
    long sequence = Ber.header(s, at, length);
    if (sequence == Ber.SHORT) {
      return 0;
    }
    if (sequence == Ber.BAD || Ber.contentLength(sequence) < 5) {
      return -1;
    }
    int p = Ber.headerBytes(sequence);
    long id = Ber.integer(s, at + p, length - p);
    if (id < 0) {
      return length - p < 6 ? 0 : -1;
    }
    p += (int) (id >>> 32);
    if (p >= length) {
      return 0;
    }
    int op = u8(s, at + p);
    boolean ok =
        switch (op) {
          case 0x60, 0x42, 0x63, 0x66, 0x68, 0x4a, 0x6c, 0x6e, 0x50, 0x77 -> direction == 0;
          case 0x61, 0x64, 0x65, 0x73, 0x67, 0x69, 0x6b, 0x6d, 0x6f, 0x78, 0x79 -> direction == 1;
          default -> false;
        };
    return ok ? 1 : -1;
  }
}
