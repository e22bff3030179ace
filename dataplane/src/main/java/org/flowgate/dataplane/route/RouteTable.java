package org.flowgate.dataplane.route;

import java.util.Arrays;
import org.flowgate.dataplane.net.IpPrefix;

/**
 * Longest-prefix match over one routing instance's routes: a binary trie per family, in int arrays
 * so that a lookup walks at most 32 (IPv4) or 128 (IPv6) nodes and allocates nothing.
 *
 * <p>Thread: built by the configuration thread, then immutable and read by any SPU.
 */
public final class RouteTable {
  private static final int IPV4_ROOT = 0;
  private static final int IPV6_ROOT = 1;

  private int[] zero = new int[64];
  private int[] one = new int[64];
  private int[] routeAt = new int[64];
  private int nodes = 2;

  public RouteTable() {
    Arrays.fill(routeAt, -1);
  }

  /** Adds (or replaces) the route index for a prefix. Configuration time only. */
  public void add(IpPrefix prefix, int routeIndex) {
    int node = prefix.isIpv4() ? IPV4_ROOT : IPV6_ROOT;
    long hi = prefix.address().hi();
    long lo = prefix.address().lo();
    int totalBits = prefix.isIpv4() ? 32 : 128;
    for (int depth = 0; depth < prefix.length(); depth++) {
      boolean bit = bit(hi, lo, totalBits, depth);
      int[] children = bit ? one : zero;
      if (children[node] == 0) {
        ensureCapacity();
        children = bit ? one : zero;
        children[node] = nodes++;
      }
      node = children[node];
    }
    routeAt[node] = routeIndex;
  }

  /** The index of the longest matching route for the address, or -1. */
  public int lookup(long hi, long lo) {
    boolean ipv4 = hi == 0 && (lo & 0xffff_ffff_0000_0000L) == 0x0000_ffff_0000_0000L;
    int node = ipv4 ? IPV4_ROOT : IPV6_ROOT;
    int totalBits = ipv4 ? 32 : 128;
    int best = routeAt[node];
    for (int depth = 0; depth < totalBits; depth++) {
      node = bit(hi, lo, totalBits, depth) ? one[node] : zero[node];
      if (node == 0) {
        break;
      }
      if (routeAt[node] >= 0) {
        best = routeAt[node];
      }
    }
    return best;
  }

  private static boolean bit(long hi, long lo, int totalBits, int depth) {
    if (totalBits == 32) {
      return ((lo >>> (31 - depth)) & 1) != 0;
    }
    return depth < 64 ? ((hi >>> (63 - depth)) & 1) != 0 : ((lo >>> (127 - depth)) & 1) != 0;
  }

  private void ensureCapacity() {
    if (nodes == zero.length) {
      int size = zero.length * 2;
      zero = Arrays.copyOf(zero, size);
      one = Arrays.copyOf(one, size);
      int old = routeAt.length;
      routeAt = Arrays.copyOf(routeAt, size);
      Arrays.fill(routeAt, old, size, -1);
    }
  }
}
