package org.flowgate.dataplane.flow.alg;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Reading ASCII protocol text straight from a packet or a reassembly buffer, without copying it
 * into strings. Parsers that find a number or an address leave where it ended in {@link #end} of a
 * per-SPU cursor.
 *
 * <p>Thread: a cursor belongs to one SPU; the static methods are stateless.
 */
final class Text {
  /** Where the last parse stopped. */
  long end;

  /** The value of the last parsed IPv6 address. */
  long hi;

  long lo;

  static int at(MemorySegment s, long at) {
    return s.get(ValueLayout.JAVA_BYTE, at) & 0xff;
  }

  static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  static int lower(int c) {
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
  }

  /** True when the bytes at {@code at} start with {@code word}, in any case. */
  static boolean startsWith(MemorySegment s, long at, long limit, String word) {
    if (limit - at < word.length()) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      if (lower(at(s, at + i)) != lower(word.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * True when the {@code available} bytes could be the start of a line beginning with {@code word}
   * (they are a prefix of it, or begin with it).
   */
  static boolean couldStartWith(MemorySegment s, long at, int available, String word) {
    int n = Math.min(available, word.length());
    for (int i = 0; i < n; i++) {
      if (lower(at(s, at + i)) != lower(word.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The offset of the first {@code c} in {@code [from, limit)}, or -1. */
  static long indexOf(MemorySegment s, long from, long limit, int c) {
    for (long i = from; i < limit; i++) {
      if (at(s, i) == c) {
        return i;
      }
    }
    return -1;
  }

  /** Skips spaces and tabs. */
  static long skipBlanks(MemorySegment s, long from, long limit) {
    while (from < limit && (at(s, from) == ' ' || at(s, from) == '\t')) {
      from++;
    }
    return from;
  }

  /** The end of the line's content: before its CR LF (or LF). */
  static long lineEnd(MemorySegment s, long from, long limit) {
    long end = limit;
    if (end > from && at(s, end - 1) == '\n') {
      end--;
    }
    if (end > from && at(s, end - 1) == '\r') {
      end--;
    }
    return end;
  }

  /**
   * Reads a decimal number of at most {@code maximumDigits} digits at {@code from}; -1 when there
   * is none. Sets {@link #end}.
   */
  long decimal(MemorySegment s, long from, long limit, int maximumDigits) {
    long value = 0;
    long i = from;
    while (i < limit && isDigit(at(s, i))) {
      if (i - from == maximumDigits) {
        end = i;
        return -1;
      }
      value = value * 10 + (at(s, i) - '0');
      i++;
    }
    end = i;
    return i == from ? -1 : value;
  }

  /** Reads a dotted IPv4 address; -1 when there is none. Sets {@link #end}. */
  long ipv4(MemorySegment s, long from, long limit) {
    long address = 0;
    long i = from;
    for (int part = 0; part < 4; part++) {
      if (part > 0) {
        if (i >= limit || at(s, i) != '.') {
          return -1;
        }
        i++;
      }
      long b = decimal(s, i, limit, 3);
      if (b < 0 || b > 255) {
        return -1;
      }
      address = address << 8 | b;
      i = end;
    }
    end = i;
    return address;
  }

  /**
   * Reads an IPv6 address (RFC 4291 §2.2 text: groups, one {@code ::}, an IPv4 tail) into {@link
   * #hi} and {@link #lo}; false when there is none. Sets {@link #end}.
   */
  boolean ipv6(MemorySegment s, long from, long limit) {
    long[] groups = groupScratch;
    int count = 0;
    int gap = -1;
    long i = from;
    if (limit - i >= 2 && at(s, i) == ':' && at(s, i + 1) == ':') {
      gap = 0;
      i += 2;
    }
    while (i < limit && count < 8) {
      long start = i;
      int value = 0;
      int digits = 0;
      while (i < limit && digits < 5 && hex(at(s, i)) >= 0) {
        value = value << 4 | hex(at(s, i));
        digits++;
        i++;
      }
      if (digits == 0) {
        break;
      }
      if (digits > 4) {
        return false;
      }
      if (i < limit && at(s, i) == '.' && count <= 6) {
        long v4 = ipv4(s, start, limit);
        if (v4 < 0) {
          return false;
        }
        groups[count++] = (v4 >>> 16) & 0xffff;
        groups[count++] = v4 & 0xffff;
        i = end;
        break;
      }
      groups[count++] = value;
      if (i + 1 < limit && at(s, i) == ':' && at(s, i + 1) == ':') {
        if (gap >= 0) {
          return false;
        }
        gap = count;
        i += 2;
      } else if (i < limit && at(s, i) == ':') {
        i++;
      } else {
        break;
      }
    }
    if (gap < 0 && count != 8 || gap >= 0 && count > 7) {
      return false;
    }
    long h = 0;
    long l = 0;
    int missing = 8 - count;
    int g = 0;
    for (int k = 0; k < 8; k++) {
      long value;
      if (gap >= 0 && k >= gap && k < gap + missing) {
        value = 0;
      } else {
        value = groups[g++];
      }
      if (k < 4) {
        h = h << 16 | value;
      } else {
        l = l << 16 | value;
      }
    }
    hi = h;
    lo = l;
    end = i;
    return true;
  }

  private final long[] groupScratch = new long[8];

  static int hex(int c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    c = lower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
  }

  /**
   * Reads {@code count} comma-separated numbers 0..255 (FTP's {@code h1,h2,h3,h4,p1,p2}) into
   * {@code out}; false when they are not there. Sets {@link #end}.
   */
  boolean commaNumbers(MemorySegment s, long from, long limit, int[] out, int count) {
    long i = from;
    for (int k = 0; k < count; k++) {
      if (k > 0) {
        i = skipBlanks(s, i, limit);
        if (i >= limit || at(s, i) != ',') {
          return false;
        }
        i = skipBlanks(s, i + 1, limit);
      }
      long v = decimal(s, i, limit, 3);
      if (v < 0 || v > 255) {
        return false;
      }
      out[k] = (int) v;
      i = end;
    }
    end = i;
    return true;
  }
}
