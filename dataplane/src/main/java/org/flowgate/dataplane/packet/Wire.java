package org.flowgate.dataplane.packet;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Network byte order over memory segments, in one place: the header readers and writers of the
 * packet package all use these. Unaligned layouts, because headers sit at any offset.
 *
 * <p>Thread: stateless; any thread. Allocates nothing.
 */
public final class Wire {
  public static final ValueLayout.OfShort U16 =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
  public static final ValueLayout.OfInt U32 =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
  public static final ValueLayout.OfLong U64 =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

  private Wire() {}

  public static int u8(MemorySegment s, long at) {
    return s.get(ValueLayout.JAVA_BYTE, at) & 0xff;
  }

  public static int u16(MemorySegment s, long at) {
    return s.get(U16, at) & 0xffff;
  }

  public static long u32(MemorySegment s, long at) {
    return s.get(U32, at) & 0xffff_ffffL;
  }

  public static long u64(MemorySegment s, long at) {
    return s.get(U64, at);
  }

  public static void setU8(MemorySegment s, long at, int value) {
    s.set(ValueLayout.JAVA_BYTE, at, (byte) value);
  }

  public static void setU16(MemorySegment s, long at, int value) {
    s.set(U16, at, (short) value);
  }

  public static void setU32(MemorySegment s, long at, long value) {
    s.set(U32, at, (int) value);
  }

  public static void setU64(MemorySegment s, long at, long value) {
    s.set(U64, at, value);
  }

  /** The 16-bit ones'-complement sum of {@code length} bytes (RFC 1071), not yet folded. */
  public static long sum(MemorySegment s, long at, int length) {
    long total = 0;
    int i = 0;
    for (; i + 1 < length; i += 2) {
      total += u16(s, at + i);
    }
    if (i < length) {
      total += u8(s, at + i) << 8;
    }
    return total;
  }

  /** Folds a ones'-complement sum to 16 bits and complements it: the checksum to write. */
  public static int checksum(long sum) {
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return ~(int) sum & 0xffff;
  }
}
