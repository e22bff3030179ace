package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.u8;

import java.lang.foreign.MemorySegment;

/**
 * ASN.1 BER (ITU-T X.690 §8.1) headers for the decoders of LDAP, SNMP and Kerberos: a tag of one
 * byte, then a length in short form (0..127) or long form (0x81..0x84 followed by 1..4 bytes).
 *
 * <p>Thread: stateless.
 */
final class Ber {
  /** {@link #header} when the bytes end inside the header. */
  static final long SHORT = -2;

  /** {@link #header} for a malformed length. */
  static final long BAD = -1;

  private Ber() {}

  /**
   * Reads the length octets after a tag at {@code at}.
   *
   * @return {@code (headerBytes << 32) | contentLength} (headerBytes counts the tag), or {@link
   *     #SHORT} or {@link #BAD}
   */
  static long header(MemorySegment s, long at, int available) {
    if (available < 2) {
      return SHORT;
    }
    int first = u8(s, at + 1);
    if (first < 0x80) {
      return (2L << 32) | first;
    }
    int octets = first & 0x7f;
    if (octets == 0 || octets > 4) {
      return BAD; // indefinite form, or longer than any message here
    }
    if (available < 2 + octets) {
      return SHORT;
    }
    long length = 0;
    for (int i = 0; i < octets; i++) {
      length = length << 8 | u8(s, at + 2 + i);
    }
    if (length > Integer.MAX_VALUE) {
      return BAD;
    }
    return ((long) (2 + octets) << 32) | length;
  }

  static int headerBytes(long header) {
    return (int) (header >>> 32);
  }

  static int contentLength(long header) {
    return (int) header;
  }

  /**
   * Reads an INTEGER (tag 0x02) of 1..4 content bytes at {@code at}.
   *
   * @return {@code (totalBytes << 32) | value}, or -1
   */
  static long integer(MemorySegment s, long at, int available) {
    if (available < 3 || u8(s, at) != 0x02) {
      return -1;
    }
    int length = u8(s, at + 1);
    if (length < 1 || length > 4 || available < 2 + length) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < length; i++) {
      value = value << 8 | u8(s, at + 2 + i);
    }
    return ((long) (2 + length) << 32) | (value & 0xffff_ffffL);
  }
}
