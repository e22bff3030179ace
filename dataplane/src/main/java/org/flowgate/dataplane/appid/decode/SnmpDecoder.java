package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.u8;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.DecodeContext;
import org.flowgate.dataplane.appid.ProtocolDecoder;

/**
 * SNMP v1, v2c (RFC 1157 §4, RFC 3416 §3) and v3 (RFC 3412 §6) over UDP: {@code junos:SNMP}. One
 * message whose BER structure holds is proof (traps travel one way).
 *
 * <pre>
 *  SEQUENCE (0x30) {
 *    version INTEGER 0 (v1) | 1 (v2c) | 3 (v3)
 *    v1/v2c: community OCTET STRING (0x04) | PDU [0xa0 get .. 0xa8 report]
 *    v3:     msgGlobalData SEQUENCE (0x30) { msgID INTEGER, ... } ...
 *  }
 * </pre>
 */
public final class SnmpDecoder extends ProtocolDecoder {
  private final int snmp;

  public SnmpDecoder(ApplicationCatalog catalog) {
    super("snmp");
    this.snmp = catalog.requireId("junos:SNMP");
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
  public int decodeDatagram(
      DecodeContext c, int direction, MemorySegment s, long offset, int length) {
    if (length < 12 || u8(s, offset) != 0x30) {
      return NO_MATCH;
    }
    long sequence = Ber.header(s, offset, length);
    if (sequence < 0 || Ber.headerBytes(sequence) + Ber.contentLength(sequence) != length) {
      return NO_MATCH;
    }
    int p = Ber.headerBytes(sequence);
    long version = Ber.integer(s, offset + p, length - p);
    if (version < 0) {
      return NO_MATCH;
    }
    int v = (int) version;
    p += (int) (version >>> 32);
    if (p + 2 > length) {
      return NO_MATCH;
    }
    if (v == 3) {
      return u8(s, offset + p) == 0x30 ? snmp : NO_MATCH;
    }
    if (v > 1 || u8(s, offset + p) != 0x04) {
      return NO_MATCH;
    }
    long community = Ber.header(s, offset + p, length - p);
    if (community < 0) {
      return NO_MATCH;
    }
    p += Ber.headerBytes(community) + Ber.contentLength(community);
    if (p >= length) {
      return NO_MATCH;
    }
    int pdu = u8(s, offset + p);
    return pdu >= 0xa0 && pdu <= 0xa8 ? snmp : NO_MATCH;
  }
}
