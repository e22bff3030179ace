package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.u32;
import static org.flowgate.dataplane.appid.decode.Bytes.u8;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.ApplicationInspector;
import org.flowgate.dataplane.appid.DecodeContext;
import org.flowgate.dataplane.appid.ProtocolDecoder;

/**
 * IKE / ISAKMP (RFC 7296 §3.1, RFC 2408 §3.1) on UDP 500 and 4500, and ESP in UDP (RFC 3948 §2) on
 * 4500: {@code junos:IKE}, {@code junos:ESP}.
 *
 * <pre>
 *  ISAKMP header: | initiator SPI (8) != 0 | responder SPI (8) | next payload (any: the corpus has
 *                 127 ...) | version 0x10 (IKEv1)
 *                 or 0x20 (IKEv2) | exchange type | flags | message id (4) | length (4) = datagram |
 *  on 4500:       | non-ESP marker 0x00000000 | ISAKMP header ... |       (IKE)
 *                 | SPI (4) != 0 | sequence (4) | payload ... |          (ESP in UDP)
 *                 | 0xff |                                             (NAT keep-alive)
 *  ESP in UDP has no more structure than its SPI and sequence number, so it takes two datagrams of
 *  one direction with the same SPI and the next sequence number (scratch ESP_CLIENT / _SERVER).
 * </pre>
 */
public final class IkeDecoder extends ProtocolDecoder {
  private static final ValueLayout.OfLong U64 =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

  private final int ike;
  private final int esp;

  public IkeDecoder(ApplicationCatalog catalog) {
    super("ike");
    this.ike = catalog.requireId("junos:IKE");
    this.esp = catalog.requireId("junos:ESP");
  }

  @Override
  public boolean udp() {
    return true;
  }

  @Override
  public int decodeDatagram(
      DecodeContext c, int direction, MemorySegment s, long offset, int length) {
    if (c.port(4500)) {
      if (length == 1 && u8(s, offset) == 0xff) {
        return NEED_MORE; // NAT-T keep-alive: says nothing yet
      }
      if (length >= 4 + 28 && u32(s, offset) == 0) {
        return isakmp(s, offset + 4, length - 4) ? ike : NO_MATCH;
      }
      if (length < 16 || u32(s, offset) == 0) {
        return NO_MATCH;
      }
      long spi = u32(s, offset);
      long sequence = u32(s, offset + 4);
      int slot =
          direction == 0
              ? ApplicationInspector.SCRATCH_ESP_CLIENT
              : ApplicationInspector.SCRATCH_ESP_SERVER;
      long previous = c.scratch(slot);
      c.scratch(slot, 1L << 62 | spi << 30 | (sequence & 0x3fff_ffffL));
      if (previous == 0) {
        return NEED_MORE;
      }
      boolean sameSpi = ((previous >>> 30) & 0xffff_ffffL) == spi;
      boolean next = ((sequence - previous) & 0x3fff_ffffL) == 1;
      return sameSpi && next ? provisional(esp) : NO_MATCH;
    }
    return isakmp(s, offset, length) ? ike : NO_MATCH;
  }

  private static boolean isakmp(MemorySegment s, long at, int length) {
    if (length < 28 || s.get(U64, at) == 0) {
      return false;
    }
    int version = u8(s, at + 17);
    int exchange = u8(s, at + 18);
    long declared = u32(s, at + 24);
    if (declared != length) {
      return false;
    }
    if (version == 0x10) {
      return exchange <= 6 || exchange == 32 || exchange == 33;
    }
    if (version == 0x20) {
      return exchange >= 34 && exchange <= 37 || exchange == 43;
    }
    return false;
  }
}
