package org.flowgate.dataplane.packet;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** CRC-32C (Castagnoli), the SCTP checksum (RFC 9260 Appendix A), over a range of a segment. */
final class Crc32c {
  private static final int[] TABLE = new int[256];

  static {
    for (int n = 0; n < 256; n++) {
      int c = n;
      for (int k = 0; k < 8; k++) {
        c = (c & 1) != 0 ? (c >>> 1) ^ 0x82F6_3B78 : c >>> 1;
      }
      TABLE[n] = c;
    }
  }

  private Crc32c() {}

  /**
   * The CRC of {@code length} bytes from {@code offset}, as SCTP stores it (little-endian word).
   */
  static int of(MemorySegment s, long offset, long length) {
    int crc = -1;
    for (long i = 0; i < length; i++) {
      crc = TABLE[(crc ^ s.get(ValueLayout.JAVA_BYTE, offset + i)) & 0xff] ^ (crc >>> 8);
    }
    return ~crc;
  }
}
