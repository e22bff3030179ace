package org.flowgate.dataplane.flow.alg;

/**
 * One SPU's gates (pinholes): connections an ALG expects because a control session announced them.
 * A first packet that matches a gate becomes a child session of the gate's group without a policy
 * lookup (docs/adr/0027-algs.md).
 *
 * <pre>
 * gate = protocol, routing instance,
 *        source address (or any), source port (or any: 0),
 *        destination address, destination port (0: any, for GRE, which has no ports),
 *        translation: the destination the child's packets go to, when NAT moved it,
 *        group and resource (ResourceManager), ALG, one-shot or reusable, deadline
 *
 * lookup by the packet's destination endpoint:
 *   buckets[hash(protocol, destination, port, instance)] ─► gate ─► next ─► ...   (as announced)
 *   translated[hash(protocol, translation, port, instance)] ─► ...                  (as forwarded)
 * the second chain finds a first packet that already carries the translated destination: a
 * capture taken on the inside of the NAT (the session is then installed as if it had arrived
 * announced, and the packet goes out as it is)
 *
 * expiry: a DeadlineHeap by deadline tick; an unused gate goes when it is due
 * </pre>
 *
 * <p>Thread: owned by its SPU's thread. Allocates nothing after construction.
 */
final class GateTable {
  static final int NONE = -1;

  static final int USED = 1;
  static final int ANY_SOURCE = 2;
  static final int TRANSLATE = 4;
  static final int ONE_SHOT = 8;
  static final int IPV6 = 16;

  private final int capacity;
  final byte[] flags;
  final byte[] protocol;
  final byte[] alg;
  final int[] routingInstance;
  final long[] sourceHi;
  final long[] sourceLo;
  final int[] sourcePort;
  final long[] destinationHi;
  final long[] destinationLo;
  final int[] destinationPort;
  final long[] toHi;
  final long[] toLo;
  final int[] toPort;
  final int[] group;
  final int[] resource;
  final long[] createdTick;
  final int[] children;

  /** The interface the child's first packet is expected on (its zone is the gate's), or -1. */
  final int[] arrivesOn;

  final DeadlineHeap expiry;

  private final int[] buckets;
  private final int[] next;
  private final int[] translatedBuckets;
  private final int[] translatedNext;
  private final int mask;
  private final int[] free;
  private int freeCount;
  private int translating;

  /** Set by {@link #lookup}: the match was on the translated (forwarded) destination. */
  boolean matchedForwarded;

  GateTable(int capacity) {
    this.capacity = capacity;
    flags = new byte[capacity];
    protocol = new byte[capacity];
    alg = new byte[capacity];
    routingInstance = new int[capacity];
    sourceHi = new long[capacity];
    sourceLo = new long[capacity];
    sourcePort = new int[capacity];
    destinationHi = new long[capacity];
    destinationLo = new long[capacity];
    destinationPort = new int[capacity];
    toHi = new long[capacity];
    toLo = new long[capacity];
    toPort = new int[capacity];
    group = new int[capacity];
    resource = new int[capacity];
    createdTick = new long[capacity];
    children = new int[capacity];
    arrivesOn = new int[capacity];
    expiry = new DeadlineHeap(capacity);
    int size = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1);
    mask = size - 1;
    buckets = new int[size];
    translatedBuckets = new int[size];
    java.util.Arrays.fill(buckets, NONE);
    java.util.Arrays.fill(translatedBuckets, NONE);
    next = new int[capacity];
    translatedNext = new int[capacity];
    free = new int[capacity];
    for (int i = 0; i < capacity; i++) {
      free[i] = capacity - 1 - i;
    }
    freeCount = capacity;
  }

  int capacity() {
    return capacity;
  }

  int inUse() {
    return capacity - freeCount;
  }

  boolean isEmpty() {
    return freeCount == capacity;
  }

  boolean used(int gate) {
    return (flags[gate] & USED) != 0;
  }

  private int bucket(int protocolNumber, long hi, long lo, int port, int instance) {
    long h = lo * 0x9E37_79B9_7F4A_7C15L ^ hi * 0xC2B2_AE3D_27D4_EB4FL;
    h += ((long) port << 16 | protocolNumber) * 0x1656_67B1_9E37_79F9L + instance;
    h ^= h >>> 29;
    h *= 0xBF58_476D_1CE4_E5B9L;
    h ^= h >>> 32;
    return (int) h & mask;
  }

  /**
   * Opens a gate; returns its index, or NONE when the table is full. {@code sourcePort} 0 is any,
   * {@code anySource} leaves the source address open; {@code translate} moves the child's
   * destination to {@code to*}.
   */
  int open(
      int algOrdinal,
      int protocolNumber,
      int instance,
      boolean anySource,
      long srcHi,
      long srcLo,
      int srcPort,
      long dstHi,
      long dstLo,
      int dstPort,
      boolean translate,
      long xHi,
      long xLo,
      int xPort,
      boolean oneShot,
      boolean ipv6,
      int groupIndex,
      long nowTick,
      long deadlineTick) {
    if (freeCount == 0) {
      return NONE;
    }
    int g = free[--freeCount];
    flags[g] =
        (byte)
            (USED
                | (anySource ? ANY_SOURCE : 0)
                | (translate ? TRANSLATE : 0)
                | (oneShot ? ONE_SHOT : 0)
                | (ipv6 ? IPV6 : 0));
    alg[g] = (byte) algOrdinal;
    protocol[g] = (byte) protocolNumber;
    routingInstance[g] = instance;
    sourceHi[g] = anySource ? 0 : srcHi;
    sourceLo[g] = anySource ? 0 : srcLo;
    sourcePort[g] = srcPort;
    destinationHi[g] = dstHi;
    destinationLo[g] = dstLo;
    destinationPort[g] = dstPort;
    toHi[g] = translate ? xHi : dstHi;
    toLo[g] = translate ? xLo : dstLo;
    toPort[g] = translate ? xPort : dstPort;
    group[g] = groupIndex;
    resource[g] = NONE;
    createdTick[g] = nowTick;
    children[g] = 0;
    arrivesOn[g] = -1;
    int b = bucket(protocolNumber, dstHi, dstLo, dstPort, instance);
    next[g] = buckets[b];
    buckets[b] = g;
    if (translate) {
      int t = bucket(protocolNumber, xHi, xLo, xPort, instance);
      translatedNext[g] = translatedBuckets[t];
      translatedBuckets[t] = g;
      translating++;
    }
    expiry.schedule(g, deadlineTick);
    return g;
  }

  /** Closes a gate: out of both chains and the expiry heap, back to the free list. */
  void close(int g) {
    if ((flags[g] & USED) == 0) {
      return;
    }
    unlink(
        buckets,
        next,
        bucket(
            protocol[g] & 0xff,
            destinationHi[g],
            destinationLo[g],
            destinationPort[g],
            routingInstance[g]),
        g);
    if ((flags[g] & TRANSLATE) != 0) {
      unlink(
          translatedBuckets,
          translatedNext,
          bucket(protocol[g] & 0xff, toHi[g], toLo[g], toPort[g], routingInstance[g]),
          g);
      translating--;
    }
    expiry.remove(g);
    flags[g] = 0;
    free[freeCount++] = g;
  }

  private static void unlink(int[] heads, int[] links, int b, int g) {
    int at = heads[b];
    int previous = NONE;
    while (at != NONE) {
      if (at == g) {
        if (previous == NONE) {
          heads[b] = links[g];
        } else {
          links[previous] = links[g];
        }
        return;
      }
      previous = at;
      at = links[at];
    }
  }

  /**
   * The gate a first packet matches, or NONE: first as announced, then (for translating gates) as
   * forwarded, setting {@link #matchedForwarded}.
   */
  int lookup(
      int protocolNumber,
      int instance,
      long srcHi,
      long srcLo,
      int srcPort,
      long dstHi,
      long dstLo,
      int dstPort) {
    matchedForwarded = false;
    int g = buckets[bucket(protocolNumber, dstHi, dstLo, dstPort, instance)];
    while (g != NONE) {
      if (destinationLo[g] == dstLo
          && destinationHi[g] == dstHi
          && destinationPort[g] == dstPort
          && sourceMatches(g, protocolNumber, instance, srcHi, srcLo, srcPort)) {
        return g;
      }
      g = next[g];
    }
    if (translating == 0) {
      return NONE;
    }
    g = translatedBuckets[bucket(protocolNumber, dstHi, dstLo, dstPort, instance)];
    while (g != NONE) {
      if (toLo[g] == dstLo
          && toHi[g] == dstHi
          && toPort[g] == dstPort
          && sourceMatches(g, protocolNumber, instance, srcHi, srcLo, srcPort)) {
        matchedForwarded = true;
        return g;
      }
      g = translatedNext[g];
    }
    return NONE;
  }

  private boolean sourceMatches(
      int g, int protocolNumber, int instance, long srcHi, long srcLo, int srcPort) {
    return (protocol[g] & 0xff) == protocolNumber
        && routingInstance[g] == instance
        && ((flags[g] & ANY_SOURCE) != 0 || (sourceLo[g] == srcLo && sourceHi[g] == srcHi))
        && (sourcePort[g] == 0 || sourcePort[g] == srcPort);
  }

  /** True when the gate closes once a child came through it. */
  boolean oneShot(int g) {
    return (flags[g] & ONE_SHOT) != 0;
  }

  boolean translates(int g) {
    return (flags[g] & TRANSLATE) != 0;
  }

  boolean anySource(int g) {
    return (flags[g] & ANY_SOURCE) != 0;
  }

  boolean ipv6(int g) {
    return (flags[g] & IPV6) != 0;
  }

  /** The first gate due at {@code nowTick}, or NONE. */
  int due(long nowTick) {
    return expiry.due(nowTick) ? expiry.first() : NONE;
  }
}
