package org.flowgate.dataplane.appid.decode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads for decoders over a {@link MemorySegment}: unsigned big- and little-endian integers, ASCII
 * comparisons and searches. Callers check lengths first; nothing here allocates.
 *
 * <p>Thread: stateless.
 */
public final class Bytes {
  private static final ValueLayout.OfShort U16 =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
  private static final ValueLayout.OfShort U16_LE =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfInt U32 =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
  private static final ValueLayout.OfInt U32_LE =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private Bytes() {}

  /** The ASCII bytes of {@code text}, for constants. */
  public static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  public static int u8(MemorySegment s, long at) {
    return s.get(ValueLayout.JAVA_BYTE, at) & 0xff;
  }

  public static int u16(MemorySegment s, long at) {
    return s.get(U16, at) & 0xffff;
  }

  public static int u16le(MemorySegment s, long at) {
    return s.get(U16_LE, at) & 0xffff;
  }

  public static int u24(MemorySegment s, long at) {
    return u8(s, at) << 16 | u16(s, at + 1);
  }

  public static long u32(MemorySegment s, long at) {
    return s.get(U32, at) & 0xffff_ffffL;
  }

  public static long u32le(MemorySegment s, long at) {
    return s.get(U32_LE, at) & 0xffff_ffffL;
  }

  /** True when the {@code length} bytes at {@code at} begin with {@code prefix}. */
  public static boolean startsWith(MemorySegment s, long at, int length, byte[] prefix) {
    if (length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (s.get(ValueLayout.JAVA_BYTE, at + i) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * True when the available bytes agree with {@code prefix} as far as they go: a prefix that has
   * not fully arrived yet still "may start with" it.
   */
  public static boolean mayStartWith(MemorySegment s, long at, int length, byte[] prefix) {
    int n = Math.min(length, prefix.length);
    for (int i = 0; i < n; i++) {
      if (s.get(ValueLayout.JAVA_BYTE, at + i) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** Like {@link #startsWith} ignoring ASCII case; {@code prefix} is written in upper case. */
  public static boolean startsWithIgnoreCase(
      MemorySegment s, long at, int length, byte[] upperPrefix) {
    if (length < upperPrefix.length) {
      return false;
    }
    for (int i = 0; i < upperPrefix.length; i++) {
      if (upper(s.get(ValueLayout.JAVA_BYTE, at + i)) != upperPrefix[i]) {
        return false;
      }
    }
    return true;
  }

  public static byte upper(byte b) {
    return b >= 'a' && b <= 'z' ? (byte) (b - 32) : b;
  }

  /**
   * Offset (from {@code at}) of the first {@code value} in the next {@code length} bytes, or -1.
   */
  public static int indexOf(MemorySegment s, long at, int length, byte value) {
    for (int i = 0; i < length; i++) {
      if (s.get(ValueLayout.JAVA_BYTE, at + i) == value) {
        return i;
      }
    }
    return -1;
  }

  /** Offset of the first CR LF in the next {@code length} bytes, or -1. */
  public static int indexOfCrlf(MemorySegment s, long at, int length) {
    for (int i = 0; i + 1 < length; i++) {
      if (s.get(ValueLayout.JAVA_BYTE, at + i) == '\r'
          && s.get(ValueLayout.JAVA_BYTE, at + i + 1) == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Offset of the first LF in the next {@code length} bytes, or -1. */
  public static int indexOfLf(MemorySegment s, long at, int length) {
    return indexOf(s, at, length, (byte) '\n');
  }

  /** Offset of {@code needle} in the next {@code length} bytes, or -1. */
  public static int indexOf(MemorySegment s, long at, int length, byte[] needle) {
    for (int i = 0; i + needle.length <= length; i++) {
      if (startsWith(s, at + i, length - i, needle)) {
        return i;
      }
    }
    return -1;
  }

  /** True when every byte is printable ASCII (32..126) or tab. */
  public static boolean printable(MemorySegment s, long at, int length) {
    for (int i = 0; i < length; i++) {
      int b = s.get(ValueLayout.JAVA_BYTE, at + i) & 0xff;
      if ((b < 32 || b > 126) && b != '\t') {
        return false;
      }
    }
    return true;
  }

  public static boolean isDigit(MemorySegment s, long at) {
    int b = u8(s, at);
    return b >= '0' && b <= '9';
  }

  /** True when the three bytes at {@code at} are decimal digits (a reply code) . */
  public static boolean threeDigits(MemorySegment s, long at) {
    return isDigit(s, at) && isDigit(s, at + 1) && isDigit(s, at + 2);
  }

  /** A host-name byte: letter, digit, '-', '.', '_' . */
  public static boolean hostByte(int b) {
    return (b >= 'a' && b <= 'z')
        || (b >= 'A' && b <= 'Z')
        || (b >= '0' && b <= '9')
        || b == '-'
        || b == '.'
        || b == '_';
  }
}
