package org.flowgate.dataplane.packet;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The JDK's CRC-32C (Castagnoli: the SCTP checksum, RFC 9260 Appendix A) over a range of a segment,
 * with the buffer view it reads through made once: an SPU binds it to its frame buffer, where NAT
 * rewrites packets, so that recomputing an SCTP checksum allocates nothing.
 *
 * <p>Thread: owned by one thread (an SPU's).
 */
public final class Crc32cScratch {
  private final CRC32C crc = new CRC32C();
  private final MemorySegment bound;
  private final ByteBuffer view;

  /** A scratch for any segment: each use makes a buffer view (tests, tools). */
  public Crc32cScratch() {
    this.bound = null;
    this.view = null;
  }

  /** A scratch whose uses on {@code frame} read through one view made now. */
  public Crc32cScratch(MemorySegment frame) {
    this.bound = frame;
    this.view = frame.asByteBuffer();
  }

  /** The CRC-32C of {@code length} bytes of {@code s} from {@code offset}. */
  int of(MemorySegment s, long offset, long length) {
    ByteBuffer bytes = s == bound ? view : s.asByteBuffer();
    bytes.clear().position((int) offset).limit((int) (offset + length));
    crc.reset();
    crc.update(bytes);
    return (int) crc.getValue();
  }
}
