package org.flowgate.dataplane.flow.nat;

import org.flowgate.dataplane.dispatch.NatOwnership;
import org.flowgate.dataplane.nat.PortBlockAllocation;

/**
 * The port blocks of one {@code port block-allocation} pool that one SPU hands out: which host
 * holds which block, which block of a host is active, and how many ports of each block are in use
 * (docs/adr/0038-port-block-allocation-and-twin-ports.md). The ports themselves are the bits of the
 * pool's {@link SourceNatPorts} bitmap.
 *
 * <pre>
 * pool address a, port range [low, high]:
 *   block k = ports low + k*size .. low + (k+1)*size - 1      k = 0 .. blocksPerAddress-1
 *   lane of block k = lane of (a, low + k*size)   ─ every port of a block is on its lane
 *                                                   ({@link org.flowgate.dataplane.dispatch.NatDispatch})
 *
 * host (internal address) ─► placed on lane L by its address alone (NatDispatch, set B)
 *   host record: blocks[0 .. count-1] (address, block), active index, active since (ns)
 *   new session:  active block not full and not older than the active-block timeout
 *                   ─► its first free port
 *                 else (count &lt; maximum-blocks-per-host) ─► a free block on lane L, from the
 *                   host's home address on, lowest block first ─► active   (RT_SRC_NAT_PBA_ALLOC)
 *                 else ─► none (the pool's failure)
 *   session ends: its block's count drops; a block with no port in use goes back to the pool
 *                 unless it is the active block of a host that still has sessions
 *                                                                      (RT_SRC_NAT_PBA_RELEASE)
 * </pre>
 *
 * All hosts of a lane reach the SPU serving that lane in capture order and only take blocks of that
 * lane, lowest first, so one SPU and N hand out the same blocks and ports.
 *
 * <p>Thread: owned by its SPU's thread. Nothing is allocated per session except when the host table
 * grows (doubling) or an address is first used.
 */
final class PortBlocks {
  /** Hears blocks allocated and released ({@code used} is the host's block count after). */
  interface Events {
    Events NONE = (allocated, hostHi, hostLo, addressIndex, lowPort, used, nowNs) -> {};

    void block(
        boolean allocated,
        long hostHi,
        long hostLo,
        int addressIndex,
        int lowPort,
        int used,
        long nowNs);
  }

  private final SourceNatPorts ports;
  private final NatOwnership ownership;
  private final int size;
  private final int perAddress;
  private final int maximumPerHost;
  private final long activeTimeoutNs;

  /** Per address (on first use): holder record + 1 of each block, 0 when free. */
  private final int[][] holder;

  /** Per address (on first use): ports in use of each block. */
  private final int[][] used;

  /** Per address (on first use): block indexes grouped by lane, and where each lane starts. */
  private final int[][] byLane;

  private final int[][] laneStart;

  /** Per address, a bit per lane whose blocks were all held at the last search. */
  private final long[] laneFull;

  // host records: stable ids, reused through a free list
  private long[] hostHi = new long[16];
  private long[] hostLo = new long[16];
  private int[] blockCount = new int[16];
  private int[] active = new int[16];
  private long[] activeSinceNs = new long[16];
  private int[] blockAddress;
  private int[] blockIndex;
  private int[] freeRecords = new int[16];
  private int freeCount;
  private int records;

  /** Open addressing from host address to record + 1; -1 a removed entry. */
  private int[] index = new int[32];

  private int indexUsed;
  private int indexRemoved;

  private Events events = Events.NONE;

  PortBlocks(SourceNatPorts ports, PortBlockAllocation settings, NatOwnership ownership) {
    this.ports = ports;
    this.ownership = ownership;
    this.size = settings.blockSize();
    this.perAddress = settings.blocksIn(ports.pool().ports());
    this.maximumPerHost = settings.maximumBlocksPerHost();
    this.activeTimeoutNs = settings.activeBlockTimeoutSeconds() * 1_000_000_000L;
    int addresses = ports.addressCount();
    this.holder = new int[addresses][];
    this.used = new int[addresses][];
    this.byLane = new int[addresses][];
    this.laneStart = new int[addresses][];
    this.laneFull = new long[addresses];
    this.blockAddress = new int[16 * maximumPerHost];
    this.blockIndex = new int[16 * maximumPerHost];
  }

  void setEvents(Events events) {
    this.events = events;
  }

  int blockSize() {
    return size;
  }

  int blocksPerAddress() {
    return perAddress;
  }

  /**
   * A port for a session of host {@code (hi, lo)} placed on {@code lane}: {@code addressIndex << 16
   * | port}, or -1.
   */
  long allocate(long hi, long lo, int lane, int home, long nowNs) {
    int record = find(hi, lo);
    if (record >= 0) {
      int a = active[record];
      if (a >= 0) {
        boolean old = activeTimeoutNs > 0 && nowNs - activeSinceNs[record] >= activeTimeoutNs;
        if (!old) {
          int port = takeIn(blockAddress[slot(record, a)], blockIndex[slot(record, a)]);
          if (port >= 0) {
            return (long) blockAddress[slot(record, a)] << 16 | port;
          }
        }
        active[record] = -1; // full or too old: inactive from now on
        int address = blockAddress[slot(record, a)];
        int block = blockIndex[slot(record, a)];
        if (used[address][block] == 0) {
          release(record, a, nowNs);
          record = find(hi, lo);
        }
      }
    }
    if (record >= 0 && blockCount[record] >= maximumPerHost) {
      return -1;
    }
    if (!ownership.ownsLane(lane)) {
      return -1; // the dispatcher places a block pool's hosts on their lane: not ours
    }
    int addresses = ports.addressCount();
    for (int t = 0; t < addresses; t++) {
      int address = (home + t) % addresses;
      if ((laneFull[address] & (1L << lane)) != 0) {
        continue;
      }
      int block = freeBlockOnLane(address, lane);
      if (block < 0) {
        laneFull[address] |= 1L << lane;
        continue;
      }
      if (record < 0) {
        record = newRecord(hi, lo);
      }
      int k = blockCount[record]++;
      blockAddress[slot(record, k)] = address;
      blockIndex[slot(record, k)] = block;
      holder[address][block] = record + 1;
      active[record] = k;
      activeSinceNs[record] = nowNs;
      events.block(true, hi, lo, address, lowPort(block), blockCount[record], nowNs);
      return (long) address << 16 | takeIn(address, block);
    }
    return -1;
  }

  /** A port of a block (its bit {@code bit} of the pool's range) went back at {@code nowNs}. */
  void released(int address, int bit, long nowNs) {
    int block = bit / size;
    if (block >= perAddress || used[address] == null || used[address][block] == 0) {
      return; // a port no block count holds (carried over without its host)
    }
    used[address][block]--;
    int record = holder[address][block] - 1;
    if (record < 0 || used[address][block] > 0) {
      return;
    }
    if (portsInUse(record) == 0) {
      // the host's last session: every block it holds goes back, the active one last
      while (blockCount[record] > 0) {
        int k = blockCount[record] - 1;
        if (k == active[record] && k > 0) {
          k--;
        }
        boolean last = blockCount[record] == 1;
        release(record, k, nowNs);
        if (last) {
          return;
        }
      }
      return;
    }
    int k = positionOf(record, address, block);
    if (k != active[record]) {
      release(record, k, nowNs);
    }
  }

  /**
   * A carried-over session of host {@code (hi, lo)} holds port bit {@code bit} of {@code address}
   * (already marked in the pool's bitmap): its block becomes the host's again, active if the host
   * has none.
   */
  void reserved(int address, int bit, long hi, long lo, long nowNs) {
    int block = bit / size;
    if (block >= perAddress) {
      return;
    }
    blocksOf(address);
    used[address][block]++;
    if (holder[address][block] != 0) {
      return;
    }
    int record = find(hi, lo);
    if (record < 0) {
      record = newRecord(hi, lo);
    }
    if (blockCount[record] >= maximumPerHost) {
      return; // a smaller maximum than before: the block stays held by the session alone
    }
    int k = blockCount[record]++;
    blockAddress[slot(record, k)] = address;
    blockIndex[slot(record, k)] = block;
    holder[address][block] = record + 1;
    if (active[record] < 0) {
      active[record] = k;
      activeSinceNs[record] = nowNs;
    }
  }

  // ------------------------------------------------------------------ the view

  /** One block as {@code show security nat source port-block} lists it. */
  record Held(
      long hostHi,
      long hostLo,
      int addressIndex,
      int lowPort,
      int portsUsed,
      boolean active,
      long leftSeconds) {}

  /** Every block held on this SPU, with its state at {@code nowNs}. */
  java.util.List<Held> held(long nowNs) {
    java.util.List<Held> out = new java.util.ArrayList<>();
    for (int record = 0; record < records; record++) {
      for (int k = 0; k < blockCount[record]; k++) {
        int address = blockAddress[slot(record, k)];
        int block = blockIndex[slot(record, k)];
        boolean isActive = k == active[record];
        long left = -1;
        if (isActive && activeTimeoutNs > 0) {
          long remaining = activeSinceNs[record] + activeTimeoutNs - nowNs;
          if (remaining <= 0) {
            isActive = false; // the next session of the host takes a new block
          } else {
            left = (remaining + 999_999_999L) / 1_000_000_000L;
          }
        }
        out.add(
            new Held(
                hostHi[record],
                hostLo[record],
                address,
                lowPort(block),
                used[address][block],
                isActive,
                left));
      }
    }
    return out;
  }

  /** Blocks held on this SPU. */
  long blocksHeld() {
    long total = 0;
    for (int record = 0; record < records; record++) {
      total += blockCount[record];
    }
    return total;
  }

  // ------------------------------------------------------------------ blocks

  private int lowPort(int block) {
    return ports.portLow() + block * size;
  }

  /** The first free port of a block, taken; -1 when the block is full. */
  private int takeIn(int address, int block) {
    long[] bits = ports.bitmap(address);
    int from = block * size;
    for (int bit = from; bit < from + size; bit++) {
      long word = bits[bit >>> 6];
      if (word == -1L) {
        bit |= 63; // a full word
        continue;
      }
      if ((word & (1L << bit)) == 0) {
        used[address][block]++;
        return ports.take(address, bit);
      }
    }
    return -1;
  }

  /** The lowest free block of an address on a lane, or -1. */
  private int freeBlockOnLane(int address, int lane) {
    blocksOf(address);
    int[] lanes = byLane[address];
    int[] start = laneStart[address];
    for (int i = start[lane]; i < start[lane + 1]; i++) {
      int block = lanes[i];
      if (holder[address][block] == 0 && used[address][block] == 0) {
        return block;
      }
    }
    return -1;
  }

  /** The address's block tables, made on its first use: blocks grouped by lane, lowest first. */
  private void blocksOf(int address) {
    if (holder[address] != null) {
      return;
    }
    holder[address] = new int[perAddress];
    used[address] = new int[perAddress];
    long hi = ports.addressHi(address);
    long lo = ports.addressLo(address);
    int[] count = new int[NatOwnership.LANES + 1];
    int[] laneOfBlock = new int[perAddress];
    for (int block = 0; block < perAddress; block++) {
      laneOfBlock[block] = NatOwnership.laneOf(hi, lo, lowPort(block));
      count[laneOfBlock[block] + 1]++;
    }
    for (int lane = 0; lane < NatOwnership.LANES; lane++) {
      count[lane + 1] += count[lane];
    }
    int[] start = count.clone();
    int[] lanes = new int[perAddress];
    for (int block = 0; block < perAddress; block++) {
      lanes[count[laneOfBlock[block]]++] = block;
    }
    byLane[address] = lanes;
    laneStart[address] = start;
  }

  private void release(int record, int k, long nowNs) {
    int address = blockAddress[slot(record, k)];
    int block = blockIndex[slot(record, k)];
    holder[address][block] = 0;
    laneFull[address] &=
        ~(1L
            << NatOwnership.laneOf(
                ports.addressHi(address), ports.addressLo(address), lowPort(block)));
    int last = blockCount[record] - 1;
    blockAddress[slot(record, k)] = blockAddress[slot(record, last)];
    blockIndex[slot(record, k)] = blockIndex[slot(record, last)];
    blockCount[record] = last;
    if (active[record] == k) {
      active[record] = -1;
    } else if (active[record] == last) {
      active[record] = k;
    }
    events.block(false, hostHi[record], hostLo[record], address, lowPort(block), last, nowNs);
    if (last == 0) {
      forget(record);
    }
  }

  private int positionOf(int record, int address, int block) {
    for (int k = 0; k < blockCount[record]; k++) {
      if (blockAddress[slot(record, k)] == address && blockIndex[slot(record, k)] == block) {
        return k;
      }
    }
    throw new IllegalStateException("block not held by its holder");
  }

  private long portsInUse(int record) {
    long total = 0;
    for (int k = 0; k < blockCount[record]; k++) {
      total += used[blockAddress[slot(record, k)]][blockIndex[slot(record, k)]];
    }
    return total;
  }

  private int slot(int record, int k) {
    return record * maximumPerHost + k;
  }

  // ------------------------------------------------------------------ host records

  private int find(long hi, long lo) {
    int mask = index.length - 1;
    for (int i = hash(hi, lo) & mask; ; i = (i + 1) & mask) {
      int entry = index[i];
      if (entry == 0) {
        return -1;
      }
      if (entry > 0 && hostHi[entry - 1] == hi && hostLo[entry - 1] == lo) {
        return entry - 1;
      }
    }
  }

  private int newRecord(long hi, long lo) {
    int record;
    if (freeCount > 0) {
      record = freeRecords[--freeCount];
    } else {
      if (records == hostHi.length) {
        growRecords();
      }
      record = records++;
    }
    hostHi[record] = hi;
    hostLo[record] = lo;
    blockCount[record] = 0;
    active[record] = -1;
    if ((indexUsed + indexRemoved + 1) * 4 > index.length * 3) {
      rehash(indexUsed * 2 + 2 > index.length / 2 ? index.length * 2 : index.length);
    }
    int mask = index.length - 1;
    int i = hash(hi, lo) & mask;
    while (index[i] > 0) {
      i = (i + 1) & mask;
    }
    if (index[i] < 0) {
      indexRemoved--;
    }
    index[i] = record + 1;
    indexUsed++;
    return record;
  }

  private void forget(int record) {
    int mask = index.length - 1;
    for (int i = hash(hostHi[record], hostLo[record]) & mask; ; i = (i + 1) & mask) {
      if (index[i] == record + 1) {
        index[i] = -1;
        indexUsed--;
        indexRemoved++;
        break;
      }
    }
    if (freeCount == freeRecords.length) {
      freeRecords = java.util.Arrays.copyOf(freeRecords, freeRecords.length * 2);
    }
    freeRecords[freeCount++] = record;
    active[record] = -1;
  }

  private void growRecords() {
    int capacity = hostHi.length * 2;
    hostHi = java.util.Arrays.copyOf(hostHi, capacity);
    hostLo = java.util.Arrays.copyOf(hostLo, capacity);
    blockCount = java.util.Arrays.copyOf(blockCount, capacity);
    active = java.util.Arrays.copyOf(active, capacity);
    activeSinceNs = java.util.Arrays.copyOf(activeSinceNs, capacity);
    blockAddress = java.util.Arrays.copyOf(blockAddress, capacity * maximumPerHost);
    blockIndex = java.util.Arrays.copyOf(blockIndex, capacity * maximumPerHost);
  }

  private void rehash(int capacity) {
    int[] old = index;
    index = new int[capacity];
    indexRemoved = 0;
    int mask = capacity - 1;
    for (int entry : old) {
      if (entry > 0) {
        int i = hash(hostHi[entry - 1], hostLo[entry - 1]) & mask;
        while (index[i] != 0) {
          i = (i + 1) & mask;
        }
        index[i] = entry;
      }
    }
  }

  private static int hash(long hi, long lo) {
    return (int) NatOwnership.mix(hi * 0x9E37_79B9_7F4A_7C15L + lo);
  }
}
