package org.flowgate.dataplane.flow.screen;

/** Hashing of the screens' table keys: an address (two longs) and a small word. */
final class Keys {
  private Keys() {}

  /** A 64-bit mix (the murmur3 finaliser) of the key; spreads IPv4-mapped addresses well. */
  static long hash(long hi, long lo, long extra) {
    long h = hi * 0x9e37_79b9_7f4a_7c15L ^ lo ^ extra * 0xc2b2_ae3d_27d4_eb4fL;
    h ^= h >>> 33;
    h *= 0xff51_afd7_ed55_8ccdL;
    h ^= h >>> 33;
    h *= 0xc4ce_b9fe_1a85_ec53L;
    h ^= h >>> 33;
    return h;
  }

  /**
   * An address folded to one long for the distinct-value sets of the sweeps: exact for IPv4
   * (IPv4-mapped addresses have {@code hi == 0}), a 64-bit fold for IPv6.
   */
  static long fold(long hi, long lo) {
    return hi == 0 ? lo : hash(hi, lo, 0);
  }
}
