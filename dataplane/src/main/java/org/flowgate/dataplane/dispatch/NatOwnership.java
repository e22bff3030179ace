package org.flowgate.dataplane.dispatch;

/**
 * Which SPU owns a translated endpoint (address, port): the same function decides where the
 * dispatcher sends a packet addressed to a source-NAT address and which pairs an SPU's allocator
 * may hand out (docs/adr/0003-spu-dispatch.md, 0012-nat.md).
 *
 * <pre>
 * hash (32 bits) ─► lane = top 6 bits (0..63) ─► SPU = lane mod N
 * </pre>
 *
 * Every flow and every translated endpoint falls on one of {@link #LANES} lanes whatever the SPU
 * count; lanes are dealt to SPUs. An allocator that gives a flow a port on the flow's own lane
 * makes the same choice with 1 SPU or 8 (docs/adr/0022-device-model.md).
 *
 * <p>Thread: immutable; any thread.
 */
public record NatOwnership(int spu, int spus) {

  public static final NatOwnership SINGLE = new NatOwnership(0, 1);

  public boolean owns(long hi, long lo, int port) {
    return spus == 1 || ownerOf(hi, lo, port, spus) == spu;
  }

  /** The SPU of {@code spus} that owns an endpoint. */
  public static int ownerOf(long hi, long lo, int port, int spus) {
    return spuOf(endpointHash(hi, lo, port), spus);
  }

  /** A hash of one endpoint alone. */
  public static int endpointHash(long hi, long lo, int port) {
    return (int) mix(lo * 0x9E37_79B9_7F4A_7C15L + hi * 0xC2B2_AE3D_27D4_EB4FL + port);
  }

  /** The 64-bit finaliser of MurmurHash3 (fmix64): every input bit reaches every output bit. */
  public static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xFF51_AFD7_ED55_8CCDL;
    h ^= h >>> 33;
    h *= 0xC4CE_B9FE_1A85_EC53L;
    h ^= h >>> 33;
    return h;
  }

  /** How many lanes the hashes fall on: more than any SPU count, a power of two. */
  public static final int LANES = 64;

  /** The lane of a 32-bit hash: its top six bits. */
  public static int laneOf(int hash) {
    return hash >>> 26;
  }

  /** The lane of one endpoint. */
  public static int laneOf(long hi, long lo, int port) {
    return laneOf(endpointHash(hi, lo, port));
  }

  /** The SPU of {@code spus} that a lane is dealt to. */
  public static int spuOfLane(int lane, int spus) {
    return lane % spus;
  }

  /** Whether this SPU serves a lane. */
  public boolean ownsLane(int lane) {
    return spuOfLane(lane, spus) == spu;
  }

  /** Maps a 32-bit hash onto {@code spus} through its lane. */
  public static int spuOf(int hash, int spus) {
    return spuOfLane(laneOf(hash), spus);
  }
}
