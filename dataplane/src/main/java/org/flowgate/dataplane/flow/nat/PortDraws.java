package org.flowgate.dataplane.flow.nat;

import org.flowgate.dataplane.dispatch.NatOwnership;
import org.flowgate.dataplane.nat.NatAddressRange;
import org.flowgate.dataplane.nat.SourceNatPool;

/**
 * The random draws for the ports of one source-pool address: one SplitMix64 sequence (Steele, Lea,
 * Flood, "Fast splittable pseudorandom number generators", 2014) per lane ({@link
 * NatOwnership#LANES}), each seeded from what the configuration says of the pool, the address and
 * the lane. Nothing of the SPU enters the seed: a lane is served by exactly one SPU whatever the
 * SPU count, and its flows reach that SPU in capture order, so 1 SPU and 8 draw the same numbers
 * for the same flows and a replay always hands out the same ports (ADR 0025).
 *
 * <pre>
 *   pool seed   = hash(pool name, address ranges, port range)
 *   lane seed   = fmix64(pool seed ^ fmix64(address) ^ lane * golden)
 *   draw        = SplitMix64 step of the lane's state
 *   start       = draw mod (ports in the range)     (SourceNatPorts takes the first free port of
 *                                                     the lane at or after start, wrapping)
 * </pre>
 *
 * <p>Thread: owned by its SPU's thread. Allocates nothing after construction.
 */
public final class PortDraws {
  private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;

  private final long[] state = new long[NatOwnership.LANES];

  private PortDraws(long poolSeed, long hi, long lo) {
    long address = NatOwnership.mix(NatOwnership.mix(hi) * 31 + lo);
    for (int lane = 0; lane < state.length; lane++) {
      state[lane] = NatOwnership.mix(poolSeed ^ address ^ (lane + 1) * GOLDEN);
    }
  }

  /** The draws for one address of a pool whose {@link #poolSeed} is given. */
  public static PortDraws of(long poolSeed, long hi, long lo) {
    return new PortDraws(poolSeed, hi, lo);
  }

  /** What the configuration says of a pool, hashed: its name, address ranges and port range. */
  public static long poolSeed(SourceNatPool pool) {
    long h = pool.name().hashCode();
    for (NatAddressRange range : pool.addresses()) {
      h = NatOwnership.mix(h * 31 + range.low().hi()) ^ range.low().lo();
      h = NatOwnership.mix(h * 31 + range.high().hi()) ^ range.high().lo();
    }
    if (pool.ports() != null) {
      h = h * 31 + ((long) pool.ports().low() << 16 | pool.ports().high());
    }
    return NatOwnership.mix(h);
  }

  /** The next number of a lane's sequence. */
  public long next(int lane) {
    long z = (state[lane] += GOLDEN);
    z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
    return z ^ (z >>> 31);
  }

  /**
   * Where a lane's search for a free port starts among {@code ports} ports: the lane's next draw,
   * reduced.
   */
  public int nextStart(int lane, int ports) {
    return (int) Long.remainderUnsigned(next(lane), ports);
  }
}
