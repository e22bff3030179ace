package org.flowgate.dataplane.live;

/**
 * The resolved neighbours as SPUs read them: (port, address) to Ethernet address, in an
 * open-addressing table of primitive arrays. The host thread, which owns the neighbour table,
 * builds a new one whenever a neighbour appears, changes its address or goes, and publishes it
 * through a volatile reference; an SPU reads whichever one is current, without locks or allocation.
 *
 * <p>The one thing SPUs write is the {@code used} mark of an entry they forwarded to (a plain byte,
 * written only when not yet set, so a busy entry's cache line stays shared): it tells the host
 * which neighbours are worth confirming before their entries age out.
 *
 * <p>Thread: immutable but for the marks; any thread.
 */
final class Neighbours {
  static final Neighbours EMPTY = new Neighbours(0);

  private final int[] ports;
  private final long[] his;
  private final long[] los;
  private final long[] macs;
  private final byte[] used;
  private final int mask;
  private final int size;

  private Neighbours(int entries) {
    int slots = Integer.highestOneBit(Math.max(4, entries * 2 + 1)) << 1;
    this.ports = new int[slots];
    java.util.Arrays.fill(ports, -1);
    this.his = new long[slots];
    this.los = new long[slots];
    this.macs = new long[slots];
    this.used = new byte[slots];
    this.mask = slots - 1;
    this.size = 0;
  }

  private Neighbours(Neighbours table, int size) {
    this.ports = table.ports;
    this.his = table.his;
    this.los = table.los;
    this.macs = table.macs;
    this.used = table.used;
    this.mask = table.mask;
    this.size = size;
  }

  /** Builds a table; entries are given as parallel arrays of {@code count}. */
  static Neighbours of(int count, int[] ports, long[] his, long[] los, long[] macs) {
    Neighbours table = new Neighbours(count);
    for (int i = 0; i < count; i++) {
      int slot = hash(ports[i], his[i], los[i]) & table.mask;
      while (table.ports[slot] >= 0) {
        slot = (slot + 1) & table.mask;
      }
      table.ports[slot] = ports[i];
      table.his[slot] = his[i];
      table.los[slot] = los[i];
      table.macs[slot] = macs[i];
    }
    return new Neighbours(table, count);
  }

  static int hash(int port, long hi, long lo) {
    long h = (hi * 0x9e37_79b9_7f4a_7c15L) ^ (lo * 0xc2b2_ae3d_27d4_eb4fL) ^ port;
    return (int) (h ^ (h >>> 29) ^ (h >>> 43));
  }

  /** The slot of the neighbour, or -1 when it is not resolved. */
  int find(int port, long hi, long lo) {
    int slot = hash(port, hi, lo) & mask;
    while (true) {
      int at = ports[slot];
      if (at < 0) {
        return -1;
      }
      if (at == port && his[slot] == hi && los[slot] == lo) {
        return slot;
      }
      slot = (slot + 1) & mask;
    }
  }

  long mac(int slot) {
    return macs[slot];
  }

  /** Notes that a packet went to this neighbour. */
  void markUsed(int slot) {
    if (used[slot] == 0) {
      used[slot] = 1;
    }
  }

  /** True when a packet went to the neighbour since the last call; clears the mark (host only). */
  boolean takeUsed(int port, long hi, long lo) {
    int slot = find(port, hi, lo);
    if (slot < 0 || used[slot] == 0) {
      return false;
    }
    used[slot] = 0;
    return true;
  }

  int size() {
    return size;
  }
}
