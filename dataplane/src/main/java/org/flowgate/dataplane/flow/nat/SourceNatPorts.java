package org.flowgate.dataplane.flow.nat;

import org.flowgate.dataplane.dispatch.NatOwnership;
import org.flowgate.dataplane.nat.NatAddressRange;
import org.flowgate.dataplane.nat.PortRange;
import org.flowgate.dataplane.nat.SourceNatPool;
import org.flowgate.dataplane.net.IpAddress;

/**
 * The addresses and ports of one source pool that one SPU hands out, and takes back when sessions
 * end.
 *
 * <pre>
 * per pool address (created on first use):
 *   bitmap over the pool's port range ─ bit set = port in use      (port translation)
 *   bitmap over 0 .. 65535            ─ bit set = source port held  (port no-translation)
 *   count of ports in use
 *
 * an (address, port) belongs to SPU owner(address, port) of N ({@link NatOwnership}); this SPU
 * takes only its own, so no two SPUs ever hand out the same pair and every reply, dispatched by
 * the pair it is addressed to, reaches the SPU that owns the session.
 * </pre>
 *
 * <p>Choice, deterministic for a given capture and configuration, and the same whatever the SPU
 * count: the address is picked by a hash of the inside source address (so one host keeps one pool
 * address while it has ports left, and always with {@code address-persistent}); the port is a free
 * one on the flow's own lane ({@link NatOwnership#laneOf}). With port randomization (the Junos
 * default) it is the first free port of the lane at or after a random place in the range, drawn
 * from the address's {@link PortDraws} for that lane (seeded from the pool, the address and the
 * lane, never the SPU); with {@code port-randomization disable} it is the next free one of the lane
 * after the last one handed out on that address and lane, in order. The flow's lane is served by
 * this SPU whatever N is, and its flows arrive in capture order, so 1 SPU and 8 pick the same pair.
 * Only when an address has no free port left on the lane does the search take any port this SPU
 * owns (then the choice depends on N).
 *
 * <pre>
 * per pool address, per lane (64):  next bit to try (in order) | random draws    "lane full" bit
 *   randomized:  start = draws.nextStart(lane, range) ─► first free port of the lane at or after
 *   in order:    start = after the last one handed out on the lane ─►  start (wrapping)
 * </pre>
 *
 * <p>Thread: owned by its SPU's thread.
 */
final class SourceNatPorts {
  private static final int ADDRESS_LIMIT = 65536;

  private final SourceNatPool pool;
  private final NatOwnership ownership;
  private final int addressCount;
  private final int portLow;
  private final int portCount;
  private final long[][] inUse;
  private final long[] portsInUse;

  /**
   * Per address (created on first use), per lane, where the search for a free port starts: after
   * the last port handed out on that lane.
   */
  private final int[][] nextBit;

  /** Per address, a bit per lane that had no free port at the last search. */
  private final long[] laneFull;

  private final long[] addressHi;
  private final long[] addressLo;

  /** True when ports are drawn at random (the Junos default), false to hand them out in order. */
  private final boolean randomized;

  /** {@link PortDraws#poolSeed} of the pool. */
  private final long poolSeed;

  /** Per address (created on first use when randomized), its draws per lane. */
  private final PortDraws[] draws;

  long hits;
  long failed;

  /** The pool's port blocks on this SPU; null when the pool hands out single ports. */
  private final PortBlocks blocks;

  /** The twin ports of each address (created on first use); null when the pool keeps none. */
  private final long[][] twinInUse;

  private final long[] twinPortsInUse;

  /** A pool whose ports are handed out in order ({@code port-randomization disable}). */
  SourceNatPorts(SourceNatPool pool, NatOwnership ownership) {
    this(pool, ownership, false);
  }

  SourceNatPorts(SourceNatPool pool, NatOwnership ownership, boolean randomized) {
    this.pool = pool;
    this.ownership = ownership;
    this.randomized = randomized;
    this.poolSeed = PortDraws.poolSeed(pool);
    this.addressCount = (int) Math.min(pool.addressCount(), ADDRESS_LIMIT);
    this.portLow = pool.portTranslation() ? pool.ports().low() : 0;
    this.portCount = pool.portTranslation() ? pool.ports().size() : 65536;
    this.inUse = new long[addressCount][];
    this.portsInUse = new long[addressCount];
    this.nextBit = new int[addressCount][];
    this.laneFull = new long[addressCount];
    this.addressHi = new long[addressCount];
    this.addressLo = new long[addressCount];
    this.draws = new PortDraws[randomized ? addressCount : 0];
    int index = 0;
    for (NatAddressRange range : pool.addresses()) {
      for (long offset = 0; offset < range.size() && index < addressCount; offset++, index++) {
        IpAddress address = range.at(offset);
        addressHi[index] = address.hi();
        addressLo[index] = address.lo();
      }
    }
    this.blocks =
        pool.allocatesBlocks() ? new PortBlocks(this, pool.blockAllocation(), ownership) : null;
    boolean twins = pool.portTranslation() && pool.twinPorts() != null;
    this.twinInUse = twins ? new long[addressCount][] : null;
    this.twinPortsInUse = new long[twins ? addressCount : 0];
  }

  /** The pool's blocks on this SPU, null unless it allocates blocks. */
  PortBlocks blocks() {
    return blocks;
  }

  int addressCount() {
    return addressCount;
  }

  int portLow() {
    return portLow;
  }

  /** Twin ports in use per address (zeros when the pool keeps none). */
  long[] twinPortsInUse() {
    return twinPortsInUse.length == 0 ? new long[addressCount] : twinPortsInUse.clone();
  }

  SourceNatPool pool() {
    return pool;
  }

  long[] portsInUse() {
    return portsInUse.clone();
  }

  long addressHi(int addressIndex) {
    return addressHi[addressIndex];
  }

  long addressLo(int addressIndex) {
    return addressLo[addressIndex];
  }

  /** The index of a pool address, or -1. */
  int indexOf(long hi, long lo) {
    long base = 0;
    for (NatAddressRange range : pool.addresses()) {
      if (range.contains(hi, lo)) {
        long index = base + range.offsetOf(hi, lo);
        return index < addressCount ? (int) index : -1;
      }
      base += range.size();
    }
    return -1;
  }

  /**
   * Takes an address and port for an inside endpoint. Returns {@code addressIndex << 16 | port}, or
   * -1 when the pool has nothing this SPU may hand out.
   *
   * @param lane the flow's lane as the dispatcher placed it ({@link NatOwnership#LANES})
   * @param hasPorts false for protocols without ports (the address alone is translated)
   */
  long allocate(long insideHi, long insideLo, int insidePort, boolean hasPorts, int lane) {
    return allocate(insideHi, insideLo, insidePort, hasPorts, lane, 0);
  }

  /** As {@link #allocate(long, long, int, boolean, int)}, at {@code nowNs} (port blocks age). */
  long allocate(
      long insideHi, long insideLo, int insidePort, boolean hasPorts, int lane, long nowNs) {
    if (blocks != null && hasPorts) {
      return blocks.allocate(insideHi, insideLo, lane, home(insideHi, insideLo), nowNs);
    }
    int home =
        (int) Long.remainderUnsigned(NatOwnership.mix(insideHi * 31 + insideLo), addressCount);
    int tries = pool.addressPersistent() ? 1 : addressCount;
    boolean onLane = pool.portTranslation() && hasPorts && ownership.ownsLane(lane);
    for (int pass = onLane ? 0 : 1; pass < 2; pass++) {
      for (int t = 0; t < tries; t++) {
        int addressIndex = (home + t) % addressCount;
        long hi = addressHi[addressIndex];
        long lo = addressLo[addressIndex];
        if (!hasPorts) {
          if (ownership.owns(hi, lo, 0)) {
            portsInUse[addressIndex]++;
            return (long) addressIndex << 16;
          }
          continue;
        }
        int port =
            !pool.portTranslation()
                ? takeExact(addressIndex, hi, lo, insidePort)
                : pass == 0
                    ? takeOnLane(addressIndex, hi, lo, lane)
                    : takeOwned(addressIndex, hi, lo);
        if (port >= 0) {
          return (long) addressIndex << 16 | port;
        }
      }
    }
    return -1;
  }

  /** The address a host starts its search at: a hash of the host's address. */
  int home(long insideHi, long insideLo) {
    return (int) Long.remainderUnsigned(NatOwnership.mix(insideHi * 31 + insideLo), addressCount);
  }

  /**
   * Takes a port on one given address of the pool for an ALG (an endpoint a control session
   * announced, which the child flow will reach as this address and port): the next free port on
   * {@code lane}, the control session's, so that 1 SPU or N choose the same one and the dispatcher
   * sends the child to this SPU; else any port this SPU owns. With {@code pair}, an even port whose
   * odd neighbour is taken too (RTP and RTCP). -1 when this SPU has none left there.
   */
  int allocateOn(int addressIndex, int insidePort, boolean pair, int lane) {
    if (addressIndex < 0 || addressIndex >= addressCount) {
      return -1;
    }
    long hi = addressHi[addressIndex];
    long lo = addressLo[addressIndex];
    if (!pool.portTranslation()) {
      return takeExact(addressIndex, hi, lo, insidePort);
    }
    if (!pair) {
      int port = ownership.ownsLane(lane) ? takeOnLane(addressIndex, hi, lo, lane) : -1;
      return port >= 0 ? port : takeOwned(addressIndex, hi, lo);
    }
    if (twinInUse != null) {
      return takeTwin(addressIndex, hi, lo, lane);
    }
    long[] bits = bitmap(addressIndex);
    for (int bit = (portLow & 1) == 0 ? 0 : 1; bit + 1 < portCount; bit += 2) {
      int port = portLow + bit;
      if ((bits[bit >>> 6] & (1L << bit)) != 0
          || (bits[(bit + 1) >>> 6] & (1L << (bit + 1))) != 0
          || !ownership.owns(hi, lo, port)
          || !ownership.owns(hi, lo, port + 1)) {
        continue;
      }
      take(addressIndex, bit);
      take(addressIndex, bit + 1);
      return port;
    }
    return -1;
  }

  /**
   * An even twin port and its odd neighbour (RTP and RTCP), from the pool's twin ports: the first
   * free pair whose even port is on {@code lane} and whose odd one this SPU owns too (so the
   * control session's SPU receives both media flows whatever N is), else any pair this SPU owns
   * both of. Returns the even port, or -1.
   */
  private int takeTwin(int addressIndex, long hi, long lo, int lane) {
    PortRange twins = pool.twinPorts();
    long[] bits = twinInUse[addressIndex];
    if (bits == null) {
      bits = new long[(twins.size() + 63) >>> 6];
      twinInUse[addressIndex] = bits;
    }
    int first = (twins.low() & 1) == 0 ? 0 : 1;
    for (int pass = ownership.ownsLane(lane) ? 0 : 1; pass < 2; pass++) {
      for (int bit = first; bit + 1 < twins.size(); bit += 2) {
        int port = twins.low() + bit;
        if ((bits[bit >>> 6] & (1L << bit)) != 0
            || (bits[(bit + 1) >>> 6] & (1L << (bit + 1))) != 0
            || (pass == 0
                ? NatOwnership.laneOf(hi, lo, port) != lane || !ownership.owns(hi, lo, port + 1)
                : !ownership.owns(hi, lo, port) || !ownership.owns(hi, lo, port + 1))) {
          continue;
        }
        bits[bit >>> 6] |= 1L << bit;
        bits[(bit + 1) >>> 6] |= 1L << (bit + 1);
        twinPortsInUse[addressIndex] += 2;
        return port;
      }
    }
    return -1;
  }

  /** True when {@code port} is one of the pool's twin ports. */
  private boolean isTwin(int port) {
    return twinInUse != null && pool.twinPorts().contains(port);
  }

  /** The next free port of an address on a lane, or -1 (and the lane is marked full). */
  private int takeOnLane(int addressIndex, long hi, long lo, int lane) {
    if ((laneFull[addressIndex] & (1L << lane)) != 0) {
      return -1;
    }
    int start =
        randomized ? draws(addressIndex).nextStart(lane, portCount) : nextBits(addressIndex)[lane];
    int bit = nextFree(addressIndex, start, hi, lo, lane);
    if (bit < 0) {
      laneFull[addressIndex] |= 1L << lane;
      return -1;
    }
    if (!randomized) {
      nextBits(addressIndex)[lane] = bit + 1 < portCount ? bit + 1 : 0;
    }
    return take(addressIndex, bit);
  }

  /** Any free port of an address this SPU owns, or -1. */
  private int takeOwned(int addressIndex, long hi, long lo) {
    int bit = nextFree(addressIndex, 0, hi, lo, -1);
    return bit < 0 ? -1 : take(addressIndex, bit);
  }

  /**
   * The first free bit from {@code start} on (wrapping) whose port is on {@code lane}, or which
   * this SPU owns when {@code lane} is -1; -1 if none.
   */
  private int nextFree(int addressIndex, int start, long hi, long lo, int lane) {
    long[] bits = bitmap(addressIndex);
    for (int n = 0; n < portCount; n++) {
      int bit = start + n < portCount ? start + n : start + n - portCount;
      if ((bits[bit >>> 6] & (1L << bit)) != 0) {
        int word = bits[bit >>> 6] == -1L ? 63 - (bit & 63) : 0; // skip a full word
        n += word;
        continue;
      }
      int port = portLow + bit;
      if (lane >= 0 ? NatOwnership.laneOf(hi, lo, port) == lane : ownership.owns(hi, lo, port)) {
        return bit;
      }
    }
    return -1;
  }

  int take(int addressIndex, int bit) {
    bitmap(addressIndex)[bit >>> 6] |= 1L << bit;
    portsInUse[addressIndex]++;
    return portLow + bit;
  }

  private int takeExact(int addressIndex, long hi, long lo, int port) {
    long[] bits = bitmap(addressIndex);
    if ((bits[port >>> 6] & (1L << port)) != 0 || !ownership.owns(hi, lo, port)) {
      return -1;
    }
    bits[port >>> 6] |= 1L << port;
    portsInUse[addressIndex]++;
    return port;
  }

  /**
   * Marks an address and port a session already holds (carried over from an earlier generation).
   */
  void reserve(long allocation, boolean hasPorts) {
    int addressIndex = (int) (allocation >>> 16);
    if (addressIndex >= addressCount) {
      return;
    }
    if (hasPorts && isTwin((int) (allocation & 0xffff))) {
      int bit = (int) (allocation & 0xffff) - pool.twinPorts().low();
      if (twinInUse[addressIndex] == null) {
        twinInUse[addressIndex] = new long[(pool.twinPorts().size() + 63) >>> 6];
      }
      twinInUse[addressIndex][bit >>> 6] |= 1L << bit;
      twinPortsInUse[addressIndex]++;
      return;
    }
    portsInUse[addressIndex]++;
    if (hasPorts) {
      int bit = (int) (allocation & 0xffff) - portLow;
      if (bit >= 0 && bit < portCount) {
        bitmap(addressIndex)[bit >>> 6] |= 1L << bit;
      }
    }
  }

  /** Gives back what {@link #allocate} returned. */
  void release(long allocation, boolean hasPorts) {
    release(allocation, hasPorts, 0);
  }

  /** Gives back what {@link #allocate} returned, at {@code nowNs} (a block may go back too). */
  void release(long allocation, boolean hasPorts, long nowNs) {
    int addressIndex = (int) (allocation >>> 16);
    int port = (int) (allocation & 0xffff);
    if (addressIndex >= addressCount) {
      return;
    }
    if (hasPorts && isTwin(port)) {
      long[] bits = twinInUse[addressIndex];
      int bit = port - pool.twinPorts().low();
      if (bits != null && (bits[bit >>> 6] & (1L << bit)) != 0) {
        bits[bit >>> 6] &= ~(1L << bit);
        twinPortsInUse[addressIndex]--;
      }
      return;
    }
    if (blocks != null && hasPorts && inUse[addressIndex] != null) {
      int bit = port - portLow;
      if (bit >= 0 && bit < portCount && (inUse[addressIndex][bit >>> 6] & (1L << bit)) != 0) {
        inUse[addressIndex][bit >>> 6] &= ~(1L << bit);
        portsInUse[addressIndex]--;
        blocks.released(addressIndex, bit, nowNs);
      }
      return;
    }
    portsInUse[addressIndex]--;
    if (hasPorts && inUse[addressIndex] != null) {
      int bit = port - portLow;
      inUse[addressIndex][bit >>> 6] &= ~(1L << bit);
      if (laneFull[addressIndex] != 0) {
        laneFull[addressIndex] &=
            ~(1L << NatOwnership.laneOf(addressHi[addressIndex], addressLo[addressIndex], port));
      }
    }
  }

  private PortDraws draws(int addressIndex) {
    PortDraws d = draws[addressIndex];
    if (d == null) {
      d = PortDraws.of(poolSeed, addressHi[addressIndex], addressLo[addressIndex]);
      draws[addressIndex] = d;
    }
    return d;
  }

  private int[] nextBits(int addressIndex) {
    int[] next = nextBit[addressIndex];
    if (next == null) {
      next = new int[NatOwnership.LANES];
      nextBit[addressIndex] = next;
    }
    return next;
  }

  long[] bitmap(int addressIndex) {
    long[] bits = inUse[addressIndex];
    if (bits == null) {
      bits = new long[(portCount + 63) >>> 6];
      inUse[addressIndex] = bits;
    }
    return bits;
  }
}
