package org.flowgate.dataplane.flow.screen;

/**
 * The tear-drop screen's memory of fragments: for each datagram (source, destination, protocol,
 * identification) the byte range of the last fragment seen. Junos: when the sum of the offset and
 * size of one fragment differs from that of the next, the fragments overlap, and the packet is a
 * tear-drop attack. Flowgate reads that as: a fragment whose range {@code [offset, offset + size)}
 * intersects the previous fragment's range of the same datagram is an attack.
 *
 * <pre>
 *  fragment [o, e)  line of its datagram holds [po, pe):  o &lt; pe and po &lt; e ─► tear-drop
 *                   otherwise the line holds [o, e) from now on
 * </pre>
 *
 * Out-of-order fragments that do not overlap pass; a duplicate fragment (a retransmission of the
 * same range) overlaps and is an attack, as it would be for the reassembly Junos protects. Lines
 * are direct-mapped: a datagram whose line another takes over is checked from its next fragment.
 *
 * <p>Thread: owned by its SPU's thread.
 */
final class FragmentOverlaps {
  private final int mask;
  private final long[] sourceHi;
  private final long[] sourceLo;
  private final long[] destinationHi;
  private final long[] destinationLo;
  private final long[] datagram; // identification << 8 | protocol
  private final int[] start;
  private final int[] end;
  private final boolean[] used;

  FragmentOverlaps(int lines) {
    if (Integer.bitCount(lines) != 1) {
      throw new IllegalArgumentException("lines must be a power of two");
    }
    mask = lines - 1;
    sourceHi = new long[lines];
    sourceLo = new long[lines];
    destinationHi = new long[lines];
    destinationLo = new long[lines];
    datagram = new long[lines];
    start = new int[lines];
    end = new int[lines];
    used = new boolean[lines];
  }

  /** True when the fragment {@code [offset, offset + bytes)} overlaps the previous one. */
  boolean overlaps(
      long srcHi,
      long srcLo,
      long dstHi,
      long dstLo,
      long identification,
      int protocol,
      int offsetBytes,
      int bytes) {
    long id = identification << 8 | protocol;
    int at = (int) Keys.hash(srcHi ^ dstHi, srcLo ^ dstLo * 31, id) & mask;
    int fragmentEnd = offsetBytes + bytes;
    boolean same =
        used[at]
            && datagram[at] == id
            && sourceLo[at] == srcLo
            && sourceHi[at] == srcHi
            && destinationLo[at] == dstLo
            && destinationHi[at] == dstHi;
    if (same && offsetBytes < end[at] && start[at] < fragmentEnd) {
      return true;
    }
    used[at] = true;
    sourceHi[at] = srcHi;
    sourceLo[at] = srcLo;
    destinationHi[at] = dstHi;
    destinationLo[at] = dstLo;
    datagram[at] = id;
    start[at] = offsetBytes;
    end[at] = fragmentEnd;
    return false;
  }
}
