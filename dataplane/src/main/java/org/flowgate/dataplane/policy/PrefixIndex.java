package org.flowgate.dataplane.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct prefixes of one address family in one policy list, and for any address the chain of
 * those that contain it, deepest first. Addresses are 128-bit unsigned numbers; an IPv4 family
 * index holds IPv4 addresses in the low 32 bits (prefix length + 96), so one code path serves both.
 *
 * <p>Prefixes are either nested or disjoint, so their starts and ends cut the address space into
 * elementary intervals, each inside exactly the same prefixes throughout. An interval keeps the
 * deepest prefix (a node) containing it; a node keeps its nearest enclosing node:
 *
 * <pre>
 *   prefixes:  10.0.0.0/8 (node 0)   10.1.0.0/16 (node 1)   10.1.2.3/32 (node 2)
 *
 *   address:  0.0.0.0   10.0.0.0   10.1.0.0  10.1.2.3  10.1.2.4   10.2.0.0   11.0.0.0
 *   interval: |   -1    |    0     |    1     |   2     |    1     |    0     |   -1 ...
 *
 *   parent:   node 2 -> node 1 -> node 0 -> none
 * </pre>
 *
 * <p>A lookup is one binary search over the interval starts, then a walk up the parents. Memory is
 * linear in the number of distinct prefixes (at most two interval starts each).
 *
 * <p>Thread: immutable once built.
 */
final class PrefixIndex {
  static final PrefixIndex EMPTY = new Builder().build();

  private final long[] startHi;
  private final long[] startLo;

  /**
   * When every start fits in 32 bits (an IPv4 index): per interval {@code start << 32 | node}, the
   * start's sign bit flipped so a signed compare orders starts as unsigned. The search's last probe
   * lands on the node it needs, one cache miss fewer than two arrays. Null otherwise.
   */
  private final long[] startAndNode32;

  private final int[] deepest;
  private final int[] parent;

  private PrefixIndex(long[] startHi, long[] startLo, int[] deepest, int[] parent) {
    this.deepest = deepest;
    this.parent = parent;
    boolean narrow = true;
    for (int i = 0; i < startHi.length; i++) {
      narrow &= startHi[i] == 0 && startLo[i] >>> 32 == 0;
    }
    if (narrow) {
      startAndNode32 = new long[startLo.length];
      for (int i = 0; i < startLo.length; i++) {
        startAndNode32[i] =
            (long) ((int) startLo[i] ^ Integer.MIN_VALUE) << 32 | (deepest[i] & 0xffff_ffffL);
      }
      this.startHi = null;
      this.startLo = null;
    } else {
      startAndNode32 = null;
      this.startHi = startHi;
      this.startLo = startLo;
    }
  }

  int nodeCount() {
    return parent.length;
  }

  int intervalCount() {
    return deepest.length;
  }

  /** Approximate heap bytes of the arrays. */
  long sizeBytes() {
    long perInterval = startAndNode32 != null ? 8 + 4 : 8 + 8 + 4;
    return 64 + perInterval * deepest.length + 4L * parent.length;
  }

  /** The deepest node containing the address, or -1 for none. */
  int deepestNode(long hi, long lo) {
    if (startAndNode32 != null) {
      if (hi != 0 || lo >>> 32 != 0) {
        return deepest[deepest.length - 1]; // above every start
      }
      long key =
          (long) ((int) lo ^ Integer.MIN_VALUE) << 32
              | 0xffff_ffffL; // >= every entry with its start
      int base = 0;
      for (int n = startAndNode32.length; n > 1; ) {
        int half = n >>> 1;
        base = startAndNode32[base + half] <= key ? base + half : base;
        n -= half;
      }
      return (int) startAndNode32[base];
    }
    // the last start <= (hi, lo); start 0 is always (0, 0). Branch-free halving: random addresses
    // would mispredict a branch on every step
    int base = 0;
    for (int n = startHi.length; n > 1; ) {
      int half = n >>> 1;
      int middle = base + half;
      long middleHi = startHi[middle];
      boolean atOrBelow =
          middleHi == hi
              ? Long.compareUnsigned(startLo[middle], lo) <= 0
              : Long.compareUnsigned(middleHi, hi) < 0;
      base = atOrBelow ? middle : base;
      n -= half;
    }
    return deepest[base];
  }

  /**
   * The index of the last element {@code <= key} in an ascending array whose first element is
   * {@code <= key}. Branch-free halving (the comparison feeds a conditional move).
   */
  static int lastAtOrBelow(int[] sorted, int key) {
    int base = 0;
    for (int n = sorted.length; n > 1; ) {
      int half = n >>> 1;
      base = sorted[base + half] <= key ? base + half : base;
      n -= half;
    }
    return base;
  }

  /** The nearest node enclosing {@code node}, or -1. */
  int parent(int node) {
    return parent[node];
  }

  private record Prefix(long hi, long lo, int length) {}

  /** Collects prefixes; each distinct one becomes a node numbered in order of first appearance. */
  static final class Builder {
    private final Map<Prefix, Integer> nodes = new HashMap<>();
    private final List<Prefix> order = new ArrayList<>();

    /** The node of the prefix {@code hi:lo/length} (host bits are ignored), added if new. */
    int node(long hi, long lo, int length) {
      Prefix prefix = new Prefix(hi & hiMask(length), lo & loMask(length), length);
      Integer existing = nodes.get(prefix);
      if (existing != null) {
        return existing;
      }
      int id = order.size();
      nodes.put(prefix, id);
      order.add(prefix);
      return id;
    }

    /** The node of an IPv4 prefix. */
    int ipv4Node(int address, int length) {
      return node(0, address & 0xffff_ffffL, length + 96);
    }

    PrefixIndex build() {
      int[] lengths = order.stream().mapToInt(Prefix::length).distinct().sorted().toArray();
      // boundaries: 0, each prefix's first address and the address after its last
      long[] points = new long[2 + order.size() * 4];
      int count = 1; // (0, 0) is the first start
      for (Prefix prefix : order) {
        points[count * 2] = prefix.hi;
        points[count * 2 + 1] = prefix.lo;
        count++;
        long endHi = prefix.hi | ~hiMask(prefix.length);
        long endLo = prefix.lo | ~loMask(prefix.length);
        if (endHi != -1L || endLo != -1L) {
          long nextLo = endLo + 1;
          points[count * 2] = nextLo == 0 ? endHi + 1 : endHi;
          points[count * 2 + 1] = nextLo;
          count++;
        }
      }
      Integer[] sorted = new Integer[count];
      for (int i = 0; i < count; i++) {
        sorted[i] = i;
      }
      Arrays.sort(
          sorted,
          (a, b) -> {
            int order = Long.compareUnsigned(points[a * 2], points[b * 2]);
            return order != 0 ? order : Long.compareUnsigned(points[a * 2 + 1], points[b * 2 + 1]);
          });
      long[] hi = new long[count];
      long[] lo = new long[count];
      int intervals = 0;
      for (int i : sorted) {
        long h = points[i * 2];
        long l = points[i * 2 + 1];
        if (intervals == 0 || hi[intervals - 1] != h || lo[intervals - 1] != l) {
          hi[intervals] = h;
          lo[intervals] = l;
          intervals++;
        }
      }
      int[] deepest = new int[intervals];
      for (int i = 0; i < intervals; i++) {
        deepest[i] = deepestContaining(hi[i], lo[i], lengths, 129);
      }
      int[] parent = new int[order.size()];
      for (int node = 0; node < parent.length; node++) {
        Prefix prefix = order.get(node);
        parent[node] = deepestContaining(prefix.hi, prefix.lo, lengths, prefix.length);
      }
      return new PrefixIndex(
          Arrays.copyOf(hi, intervals), Arrays.copyOf(lo, intervals), deepest, parent);
    }

    /** The longest prefix shorter than {@code belowLength} that holds the address, or -1. */
    private int deepestContaining(long hi, long lo, int[] lengths, int belowLength) {
      for (int i = lengths.length - 1; i >= 0; i--) {
        int length = lengths[i];
        if (length >= belowLength) {
          continue;
        }
        Integer node = nodes.get(new Prefix(hi & hiMask(length), lo & loMask(length), length));
        if (node != null) {
          return node;
        }
      }
      return -1;
    }
  }

  static long hiMask(int length) {
    return length >= 64 ? -1L : length == 0 ? 0 : -1L << (64 - length);
  }

  static long loMask(int length) {
    return length <= 64 ? 0 : length == 128 ? -1L : -1L << (128 - length);
  }
}
