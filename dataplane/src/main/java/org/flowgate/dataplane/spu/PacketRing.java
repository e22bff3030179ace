package org.flowgate.dataplane.spu;

import org.flowgate.dataplane.ring.SpscWordRing;

/**
 * Packet references from the dispatcher to one SPU. An entry names a frame inside a source's memory
 * (a mapped capture, later a receive ring) instead of copying it, or tells the SPU to move its
 * clock or install a configuration generation at a point of the packet stream.
 *
 * <pre>
 * entry = 5 words
 *   [0] kind u8 &lt;&lt; 56 | source u24 &lt;&lt; 32 | link type u16 &lt;&lt; 16 | capture interface u16
 *   [1] frame offset in the source's segment
 *   [2] timestamp ns
 *   [3] captured length u32 &lt;&lt; 32 | original length u32
 *   [4] the packet's ordinal in the device's input (PACKET only)
 * </pre>
 *
 * <p>Thread: exactly one producer thread and one consumer thread (the SPU's).
 */
public final class PacketRing {
  public static final int PACKET = 1;

  /** Advances the SPU's clock to the entry's timestamp without a packet. */
  public static final int TIME = 2;

  /** Installs a configuration generation (the entry's source names it) at the entry's timestamp. */
  public static final int COMMIT = 3;

  private static final int WORDS = 5;

  private final SpscWordRing ring;

  /** Receives entries on the consumer thread. */
  public interface Consumer {
    void onEntry(
        int kind,
        int source,
        int linkType,
        int captureInterface,
        long frameOffset,
        long timestampNs,
        int capturedLengthBytes,
        int originalLengthBytes,
        long ordinal);
  }

  public PacketRing(int capacity) {
    this.ring = new SpscWordRing(capacity, WORDS);
  }

  /** Producer side: false when the ring is full. */
  public boolean offer(
      int kind,
      int source,
      int linkType,
      int captureInterface,
      long frameOffset,
      long timestampNs,
      int capturedLengthBytes,
      int originalLengthBytes,
      long ordinal) {
    int at = ring.claim();
    if (at < 0) {
      return false;
    }
    long[] words = ring.words();
    words[at] =
        ((long) kind << 56)
            | ((long) (source & 0xff_ffff) << 32)
            | ((long) (linkType & 0xffff) << 16)
            | (captureInterface & 0xffff);
    words[at + 1] = frameOffset;
    words[at + 2] = timestampNs;
    words[at + 3] = ((long) capturedLengthBytes << 32) | (originalLengthBytes & 0xffff_ffffL);
    words[at + 4] = ordinal;
    ring.publish();
    return true;
  }

  /** Consumer side: hands up to {@code limit} entries to the consumer; returns how many. */
  public int drain(Consumer consumer, int limit) {
    long[] words = ring.words();
    int count = 0;
    int at;
    while (count < limit && (at = ring.peek()) >= 0) {
      long meta = words[at];
      long lengths = words[at + 3];
      long frameOffset = words[at + 1];
      long timestampNs = words[at + 2];
      long ordinal = words[at + 4];
      ring.release(); // copied out: the producer may reuse the place
      consumer.onEntry(
          (int) (meta >>> 56),
          (int) (meta >>> 32) & 0xff_ffff,
          (int) (meta >>> 16) & 0xffff,
          (int) meta & 0xffff,
          frameOffset,
          timestampNs,
          (int) (lengths >>> 32),
          (int) lengths,
          ordinal);
      count++;
    }
    return count;
  }

  /** Entries offered so far. */
  public long offered() {
    return ring.published();
  }

  /** Entries the consumer has taken so far (not necessarily finished with). */
  public long taken() {
    return ring.released();
  }
}
