package org.flowgate.dataplane.flow;

import org.flowgate.dataplane.packet.PacketDescriptor;

/**
 * Remembers the ports of first fragments so that the later fragments of the same datagram (same
 * addresses, protocol and identification, RFC 791 §3.2 / RFC 8200 §4.5) follow it into its session.
 * A fixed direct-mapped table: a newer datagram may push out an older one, and an entry is
 * forgotten after {@link #LIFETIME_NS}, the usual reassembly limit.
 *
 * <p>Thread: owned by its SPU shard's thread.
 */
public final class FragmentTracker {
  static final long LIFETIME_NS = 60_000_000_000L;

  private final int mask;
  private final long[] keys; // srcHi, srcLo, dstHi, dstLo, id << 8 | protocol
  private final int[] ports; // sport << 16 | dport
  private final long[] seenNs;

  public FragmentTracker(int entries) {
    int size = Integer.highestOneBit(entries);
    this.mask = size - 1;
    this.keys = new long[size * 5];
    this.ports = new int[size];
    this.seenNs = new long[size];
  }

  public void remember(PacketDescriptor packet, long nowNs) {
    int entry = entry(packet);
    int base = entry * 5;
    keys[base] = packet.sourceHi;
    keys[base + 1] = packet.sourceLo;
    keys[base + 2] = packet.destinationHi;
    keys[base + 3] = packet.destinationLo;
    keys[base + 4] = packet.fragmentId << 8 | packet.protocol;
    ports[entry] = packet.sourcePort << 16 | packet.destinationPort;
    seenNs[entry] = nowNs == 0 ? 1 : nowNs;
  }

  /** Gives a non-first fragment the ports of its first fragment; false when that was not seen. */
  public boolean resolve(PacketDescriptor packet, long nowNs) {
    int entry = entry(packet);
    int base = entry * 5;
    if (seenNs[entry] == 0
        || nowNs - seenNs[entry] > LIFETIME_NS
        || keys[base] != packet.sourceHi
        || keys[base + 1] != packet.sourceLo
        || keys[base + 2] != packet.destinationHi
        || keys[base + 3] != packet.destinationLo
        || keys[base + 4] != (packet.fragmentId << 8 | packet.protocol)) {
      return false;
    }
    packet.sourcePort = ports[entry] >>> 16;
    packet.destinationPort = ports[entry] & 0xffff;
    packet.hasPorts = true;
    return true;
  }

  private int entry(PacketDescriptor packet) {
    long h =
        packet.sourceLo * 0x9E37_79B9_7F4A_7C15L ^ packet.destinationLo * 0xC2B2_AE3D_27D4_EB4FL;
    h ^= packet.sourceHi * 31 + packet.destinationHi;
    h += packet.fragmentId * 0x1656_67B1_9E37_79F9L + packet.protocol;
    h ^= h >>> 29;
    return (int) h & mask;
  }
}
