package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.u16;
import static org.flowgate.dataplane.appid.decode.Bytes.u8;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.DecodeContext;
import org.flowgate.dataplane.appid.ProtocolDecoder;

/**
 * NetBIOS over UDP: the name service on 137 (RFC 1002 §4.2) and the datagram service on 138 (§4.4):
 * {@code junos:NETBIOS}. Both are broadcast-heavy and one-way, so one message is proof.
 *
 * <pre>
 *  name service:  | NAME_TRN_ID | flags: R | opcode (4) 0 query 5 registration 6 release 7 WACK
 *                 8 refresh | ... | QDCOUNT | ANCOUNT | NSCOUNT | ARCOUNT | name: 0x20 | 32 bytes
 *                 'A'..'P' (half-ASCII encoded) | scope labels | 0 | type 0x20 NB / 0x21 NBSTAT |
 *                 class 1 |
 *  datagram:      | MSG_TYPE 0x10..0x16 | FLAGS | DGM_ID (2) | SOURCE_IP (4) | SOURCE_PORT (2) |
 *                 [DGM_LENGTH (2) | PACKET_OFFSET (2) | SOURCE_NAME: 0x20 | 32 bytes ...]
 * </pre>
 */
public final class NetbiosDecoder extends ProtocolDecoder {
  private final int netbios;

  public NetbiosDecoder(ApplicationCatalog catalog) {
    super("netbios");
    this.netbios = catalog.requireId("junos:NETBIOS");
  }

  @Override
  public boolean udp() {
    return true;
  }

  @Override
  public int decodeDatagram(
      DecodeContext c, int direction, MemorySegment s, long offset, int length) {
    if (c.port(137)) {
      return nameService(s, offset, length) ? netbios : NO_MATCH;
    }
    if (c.port(138)) {
      return datagram(s, offset, length) ? netbios : NO_MATCH;
    }
    return NO_MATCH;
  }

  private static boolean nameService(MemorySegment s, long at, int length) {
    if (length < 12 + 34 + 4) {
      return false;
    }
    int opcode = (u16(s, at + 2) >>> 11) & 0xf;
    if (opcode != 0 && (opcode < 5 || opcode > 9)) {
      return false;
    }
    int records = u16(s, at + 4) + u16(s, at + 6) + u16(s, at + 8) + u16(s, at + 10);
    return records >= 1 && records <= 8 && encodedName(s, at + 12, length - 12);
  }

  private static boolean datagram(MemorySegment s, long at, int length) {
    if (length < 10) {
      return false;
    }
    int type = u8(s, at);
    if (type < 0x10 || type > 0x16) {
      return false;
    }
    if (type >= 0x10 && type <= 0x12) {
      return length >= 14 + 34
          && u16(s, at + 10) + 14 <= length
          && encodedName(s, at + 14, length - 14);
    }
    return true; // error, query and response datagrams carry no name header
  }

  /** 0x20 then 32 bytes 'A'..'P', then a scope or 0. */
  private static boolean encodedName(MemorySegment s, long at, int length) {
    if (length < 34 || u8(s, at) != 0x20) {
      return false;
    }
    for (int i = 1; i <= 32; i++) {
      int b = u8(s, at + i);
      if (b < 'A' || b > 'P') {
        return false;
      }
    }
    return true;
  }
}
