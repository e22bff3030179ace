package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.ascii;
import static org.flowgate.dataplane.appid.decode.Bytes.u16;
import static org.flowgate.dataplane.appid.decode.Bytes.u8;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.DecodeContext;

/**
 * AMQP 0-9-1 (AMQP 0-9-1 §4.2.2 protocol header, §4.2.3 frames) and AMQP 1.0 (OASIS AMQP 1.0 §2.2):
 * {@code junos:AMQP}.
 *
 * <pre>
 *  client: "AMQP" | 0 0 9 1        (0-9-1)     "AMQP" | 1 1 0 9 (0-9)
 *          "AMQP" | id 0..3 | 1 0 0  (1.0: 0 AMQP, 2 TLS, 3 SASL)
 *  server: frame | type 1 METHOD | channel 0 (2) | size (4) | class 10 (2) | method 10 (2): Start
 *          or the 1.0 header echoed ("AMQP" ...)
 * </pre>
 */
public final class AmqpDecoder extends TwoSidedDecoder {
  private static final byte[] AMQP = ascii("AMQP");

  public AmqpDecoder(ApplicationCatalog catalog) {
    super("amqp", catalog.requireId("junos:AMQP"));
  }

  @Override
  public boolean acceptsFirstByte(int direction, int b) {
    return b == 'A' || (direction == 1 && b == 1);
  }

  @Override
  int side(DecodeContext c, int direction, MemorySegment s, long at, int length, boolean full) {
    if (Bytes.mayStartWith(s, at, length, AMQP)) {
      if (length < 8) {
        return tooShort(full);
      }
      int a = u8(s, at + 4);
      int b = u8(s, at + 5);
      int v = u8(s, at + 6);
      int w = u8(s, at + 7);
      boolean v091 = a == 0 && b == 0 && v == 9 && w == 1;
      boolean v09 = a == 1 && b == 1 && v == 0 && w == 9;
      boolean v10 = a <= 3 && b == 1 && v == 0 && w == 0;
      return v091 || v09 || v10 ? 1 : -1;
    }
    if (direction == 0) {
      return -1;
    }
    if (length < 11) {
      return tooShort(full);
    }
    return u8(s, at) == 1 && u16(s, at + 1) == 0 && u16(s, at + 7) == 10 && u16(s, at + 9) == 10
        ? 1
        : -1;
  }
}
