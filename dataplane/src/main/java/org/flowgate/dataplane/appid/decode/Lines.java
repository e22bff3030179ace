package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.u8;

import java.lang.foreign.MemorySegment;

/**
 * Line reads for the text protocols (SMTP, FTP, POP3, IMAP, NNTP, IRC, SIP, RTSP): a line ends with
 * LF (a CR before it is part of the terminator). Offsets are relative to a stream's first byte.
 *
 * <p>Thread: stateless.
 */
final class Lines {
  /** Longest line a text decoder reads before it gives up on a stream. */
  static final int MAX_LINE = 1024;

  private Lines() {}

  /** Offset of the LF that ends the line starting at {@code from}, or -1 when it has not come. */
  static int end(MemorySegment s, long at, int length, int from) {
    int window = Math.min(length - from, MAX_LINE);
    if (window <= 0) {
      return -1;
    }
    int lf = Bytes.indexOfLf(s, at + from, window);
    return lf < 0 ? -1 : from + lf;
  }

  /** Offset of the first byte after the line that starts at {@code from}, or -1. */
  static int next(MemorySegment s, long at, int length, int from) {
    int lf = end(s, at, length, from);
    return lf < 0 ? -1 : lf + 1;
  }

  /** Length of the line's content (without CR LF) when {@code lf} is its LF. */
  static int contentLength(MemorySegment s, long at, int from, int lf) {
    return lf > from && u8(s, at + lf - 1) == '\r' ? lf - 1 - from : lf - from;
  }

  /** True when the line at {@code from} starts with {@code upperPrefix}, any case. */
  static boolean startsWith(MemorySegment s, long at, int length, int from, byte[] upperPrefix) {
    return Bytes.startsWithIgnoreCase(s, at + from, length - from, upperPrefix);
  }

  /** True when the line at {@code from} is exactly {@code upperWord} (any case) before CR LF. */
  static boolean is(MemorySegment s, long at, int length, int from, byte[] upperWord) {
    int lf = end(s, at, length, from);
    return lf >= 0
        && contentLength(s, at, from, lf) == upperWord.length
        && startsWith(s, at, length, from, upperWord);
  }

  /**
   * True when a reply line starts at {@code from}: three digits then SP, '-' or the end of line.
   */
  static boolean replyCode(MemorySegment s, long at, int length, int from) {
    if (length - from < 4 || !Bytes.threeDigits(s, at + from)) {
      return false;
    }
    int separator = u8(s, at + from + 3);
    return separator == ' ' || separator == '-' || separator == '\r' || separator == '\n';
  }

  /** The reply code at {@code from} as a number (call after {@link #replyCode}). */
  static int code(MemorySegment s, long at, int from) {
    return (u8(s, at + from) - '0') * 100
        + (u8(s, at + from + 1) - '0') * 10
        + (u8(s, at + from + 2) - '0');
  }

  /** True when {@code upperNeedle} occurs in the line at {@code from}, any case. */
  static boolean contains(MemorySegment s, long at, int length, int from, byte[] upperNeedle) {
    int lf = end(s, at, length, from);
    int stop = lf < 0 ? Math.min(length, from + MAX_LINE) : lf;
    for (int i = from; i + upperNeedle.length <= stop; i++) {
      if (Bytes.startsWithIgnoreCase(s, at + i, stop - i, upperNeedle)) {
        return true;
      }
    }
    return false;
  }

  /** True when the bytes are printable text lines (letters, digits, punctuation, CR, LF, tab). */
  static boolean text(MemorySegment s, long at, int length) {
    int n = Math.min(length, MAX_LINE);
    for (int i = 0; i < n; i++) {
      int b = u8(s, at + i);
      if ((b < 32 || b > 126) && b != '\r' && b != '\n' && b != '\t') {
        return false;
      }
    }
    return true;
  }
}
