package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.ascii;
import static org.flowgate.dataplane.appid.decode.Bytes.u16;
import static org.flowgate.dataplane.appid.decode.Bytes.u8;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.DecodeContext;

/**
 * MQTT 3.1, 3.1.1 and 5.0 (OASIS MQTT 3.1.1 §2.2, §3.1, §3.2): {@code junos:MQTT}.
 *
 * <pre>
 *  client CONNECT: 0x10 | remaining length (1-4 bytes, 7 bits each) | 0 4 "MQTT" | level 4 or 5
 *                  (or 0 6 "MQIsdp" | level 3) | connect flags (bit 0 reserved 0) | keep alive (2)
 *  server CONNACK: 0x20 | remaining length &gt;= 2 | acknowledge flags (0 or 1) | return code
 * </pre>
 */
public final class MqttDecoder extends TwoSidedDecoder {
  private static final byte[] MQTT = ascii("MQTT");
  private static final byte[] MQISDP = ascii("MQIsdp");

  public MqttDecoder(ApplicationCatalog catalog) {
    super("mqtt", catalog.requireId("junos:MQTT"));
  }

  @Override
  public boolean acceptsFirstByte(int direction, int b) {
    return direction == 0 ? b == 0x10 : b == 0x20;
  }

  @Override
  int side(DecodeContext c, int direction, MemorySegment s, long at, int length, boolean full) {
    int type = u8(s, at);
    if (direction == 1) {
      if (type != 0x20) {
        return -1;
      }
      if (length < 4) {
        return tooShort(full);
      }
      return u8(s, at + 1) >= 2 && u8(s, at + 2) <= 1 ? 1 : -1;
    }
    if (type != 0x10) {
      return -1;
    }
    int p = 1;
    int remaining = 0;
    int shift = 0;
    while (true) {
      if (p >= length) {
        return tooShort(full);
      }
      int b = u8(s, at + p++);
      remaining |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        break;
      }
      shift += 7;
      if (shift > 21) {
        return -1;
      }
    }
    if (remaining < 10) {
      return -1;
    }
    if (length < p + 9) {
      return tooShort(full);
    }
    int nameLength = u16(s, at + p);
    if (nameLength == 4 && Bytes.startsWith(s, at + p + 2, length - p - 2, MQTT)) {
      int level = u8(s, at + p + 6);
      return (level == 4 || level == 5) && (u8(s, at + p + 7) & 1) == 0 ? 1 : -1;
    }
    if (nameLength == 6
        && length >= p + 11
        && Bytes.startsWith(s, at + p + 2, length - p - 2, MQISDP)) {
      return u8(s, at + p + 8) == 3 ? 1 : -1;
    }
    return -1;
  }
}
