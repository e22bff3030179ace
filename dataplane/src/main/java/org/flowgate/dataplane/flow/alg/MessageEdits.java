package org.flowgate.dataplane.flow.alg;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The rewrites an ALG asks for in one message, in order: each replaces {@code oldLength} bytes at
 * an offset of the message with text written here. The text is built without allocating: decimal
 * numbers, IPv4 addresses with dots or commas (FTP's {@code h1,h2,h3,h4,p1,p2}), compressed IPv6
 * addresses (RFC 5952).
 *
 * <pre>
 *  message:  |....AAAA.......BB.....|        edits (at 4, old 4, "CCCCCC"), (at 15, old 2, "D")
 *  result:   |....CCCCCC.......D.....|       delta +1
 * </pre>
 *
 * <p>Thread: one per SPU, reused for every message. Overflow (more edits or text than it holds)
 * makes the whole set void: the message then goes out unchanged and is counted.
 */
final class MessageEdits {
  static final int MAXIMUM_EDITS = 24;
  static final int TEXT_BYTES = 2048;

  final int[] at = new int[MAXIMUM_EDITS];
  final int[] oldLength = new int[MAXIMUM_EDITS];
  final int[] textStart = new int[MAXIMUM_EDITS];
  final int[] textLength = new int[MAXIMUM_EDITS];
  final byte[] text = new byte[TEXT_BYTES];
  int count;

  /** Where the message being read starts in the payload: edits are kept relative to the payload. */
  int base;

  private int used;
  private int mark;
  boolean overflow;

  void clear() {
    count = 0;
    base = 0;
    used = 0;
    overflow = false;
  }

  boolean isEmpty() {
    return count == 0;
  }

  /** The change of the message's length the edits make. */
  int delta() {
    int delta = 0;
    for (int i = 0; i < count; i++) {
      delta += textLength[i] - oldLength[i];
    }
    return delta;
  }

  /** Starts the text of the next edit. */
  MessageEdits begin() {
    mark = used;
    return this;
  }

  MessageEdits append(int b) {
    if (used < TEXT_BYTES) {
      text[used++] = (byte) b;
    } else {
      overflow = true;
    }
    return this;
  }

  MessageEdits append(String ascii) {
    for (int i = 0; i < ascii.length(); i++) {
      append(ascii.charAt(i));
    }
    return this;
  }

  /** Copies {@code length} bytes of a segment into the text. */
  MessageEdits append(MemorySegment s, long from, int length) {
    for (int i = 0; i < length; i++) {
      append(s.get(ValueLayout.JAVA_BYTE, from + i));
    }
    return this;
  }

  MessageEdits decimal(long value) {
    if (value == Long.MIN_VALUE) {
      return append("-9223372036854775808"); // its negation does not fit
    }
    if (value < 0) {
      append('-');
      value = -value;
    }
    if (value >= 10) {
      decimal(value / 10);
    }
    return append((int) ('0' + value % 10));
  }

  /** An IPv4 address with {@code separator} between its bytes ({@code .} or {@code ,}). */
  MessageEdits ipv4(long lo, char separator) {
    int v = (int) lo;
    decimal((v >>> 24) & 0xff).append(separator);
    decimal((v >>> 16) & 0xff).append(separator);
    decimal((v >>> 8) & 0xff).append(separator);
    return decimal(v & 0xff);
  }

  /** An address as text: dotted IPv4 for a mapped address, else compressed IPv6 (RFC 5952). */
  MessageEdits address(long hi, long lo) {
    if (hi == 0 && (lo >>> 32) == 0xffff) {
      return ipv4(lo, '.');
    }
    int[] groups = groupsScratch;
    for (int i = 0; i < 4; i++) {
      groups[i] = (int) (hi >>> (48 - 16 * i)) & 0xffff;
      groups[i + 4] = (int) (lo >>> (48 - 16 * i)) & 0xffff;
    }
    int bestStart = -1;
    int bestLength = 0;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength && j - i > 1) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        append(':');
        if (i == 0) {
          append(':');
        }
        i += bestLength - 1;
        continue;
      }
      hex(groups[i]);
      if (i < 7) {
        append(':');
      }
    }
    return this;
  }

  private final int[] groupsScratch = new int[8];

  private void hex(int value) {
    boolean started = false;
    for (int shift = 12; shift >= 0; shift -= 4) {
      int digit = (value >>> shift) & 0xf;
      if (digit != 0 || started || shift == 0) {
        append(digit < 10 ? '0' + digit : 'a' + digit - 10);
        started = true;
      }
    }
  }

  /** Ends the current text: it replaces {@code length} bytes at {@code offset} of the message. */
  void replace(int offset, int length) {
    if (count == MAXIMUM_EDITS || overflow) {
      overflow = true;
      return;
    }
    offset += base;
    if (count > 0 && offset < at[count - 1] + oldLength[count - 1]) {
      overflow = true; // out of order or overlapping: refuse the whole set
      return;
    }
    at[count] = offset;
    oldLength[count] = length;
    textStart[count] = mark;
    textLength[count] = used - mark;
    count++;
  }

  /**
   * Appends another set's edits after these (their offsets already relative to the same payload,
   * and after every edit here); overflow voids the whole set.
   */
  void appendAll(MessageEdits other) {
    if (other.overflow) {
      overflow = true;
      return;
    }
    for (int k = 0; k < other.count; k++) {
      begin();
      for (int b = 0; b < other.textLength[k]; b++) {
        append(other.text[other.textStart[k] + b]);
      }
      replace(other.at[k] - other.base, other.oldLength[k]);
    }
  }

  /**
   * Writes the edited message (the original's {@code length} bytes at {@code from}) into {@code
   * out} at {@code outOffset}; returns the bytes written.
   */
  int apply(MemorySegment source, long from, int length, byte[] out, int outOffset) {
    int written = outOffset;
    int read = 0;
    for (int i = 0; i < count; i++) {
      int copy = at[i] - read;
      MemorySegment.copy(source, ValueLayout.JAVA_BYTE, from + read, out, written, copy);
      written += copy;
      System.arraycopy(text, textStart[i], out, written, textLength[i]);
      written += textLength[i];
      read = at[i] + oldLength[i];
    }
    MemorySegment.copy(source, ValueLayout.JAVA_BYTE, from + read, out, written, length - read);
    written += length - read;
    return written - outOffset;
  }
}
