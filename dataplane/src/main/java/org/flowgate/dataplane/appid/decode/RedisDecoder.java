package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.u8;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.DecodeContext;

/**
 * Redis serialization protocol RESP2/RESP3 (redis.io "Redis serialization protocol specification"):
 * {@code junos:REDIS}.
 *
 * <pre>
 *  client: an array of bulk strings   *N CRLF $len CRLF bytes CRLF ...     (N 1..1024)
 *  server: + simple string | - error | : integer | $ bulk | * array | % map | _ null ... CRLF
 * </pre>
 */
public final class RedisDecoder extends TwoSidedDecoder {
  public RedisDecoder(ApplicationCatalog catalog) {
    super("redis", catalog.requireId("junos:REDIS"));
  }

  @Override
  public boolean acceptsFirstByte(int direction, int b) {
    return direction == 0 ? b == '*' : "+-:$*%_,#!=(|~>".indexOf(b) >= 0;
  }

  @Override
  int side(DecodeContext c, int direction, MemorySegment s, long at, int length, boolean full) {
    int first = u8(s, at);
    if (direction == 0) {
      if (first != '*') {
        return -1;
      }
      int elements = number(s, at + 1, length - 1);
      if (elements == -2) {
        return tooShort(full);
      }
      if (elements < 1 || elements > 1024) {
        return -1;
      }
      int bulk = 1 + digits(elements) + 2;
      if (length <= bulk) {
        return tooShort(full);
      }
      if (u8(s, at + bulk) != '$') {
        return -1;
      }
      int size = number(s, at + bulk + 1, length - bulk - 1);
      if (size == -2) {
        return tooShort(full);
      }
      return size >= 1 && size <= 512 ? 1 : -1;
    }
    if (c.streamLength(0) == 0) {
      return 0;
    }
    if ("+-:$*%_,#!=(|~>".indexOf(first) < 0) {
      return -1;
    }
    int lf = Lines.end(s, at, length, 0);
    if (lf < 0) {
      return tooShort(full);
    }
    return lf > 0 && u8(s, at + lf - 1) == '\r' && Bytes.printable(s, at, lf - 1) ? 1 : -1;
  }

  /** Decimal number ended by CR LF: its value, -1 when malformed, -2 when not ended yet. */
  private static int number(MemorySegment s, long at, int length) {
    int value = 0;
    for (int i = 0; i < Math.min(length, 8); i++) {
      int b = u8(s, at + i);
      if (b == '\r') {
        if (i == 0) {
          return -1;
        }
        if (i + 1 >= length) {
          return -2;
        }
        return u8(s, at + i + 1) == '\n' ? value : -1;
      }
      if (b < '0' || b > '9') {
        return -1;
      }
      value = value * 10 + (b - '0');
    }
    return length < 8 ? -2 : -1;
  }

  private static int digits(int value) {
    return value < 10 ? 1 : value < 100 ? 2 : value < 1000 ? 3 : 4;
  }
}
