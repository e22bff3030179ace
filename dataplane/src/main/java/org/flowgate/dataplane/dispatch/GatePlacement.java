package org.flowgate.dataplane.dispatch;

import org.flowgate.dataplane.alg.AlgBindings;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.ring.SpscWordRing;
import org.flowgate.dataplane.runtime.RuntimeConfig;

/**
 * How a child's first packet reaches the SPU that holds its gate, whatever the number of SPUs, in
 * the role of the SRX central point (docs/adr/0027-algs.md). The symmetric flow hash of a data
 * connection's tuple would send it anywhere; instead:
 *
 * <pre>
 *  SPU k opens a gate ─► Announcer.opened ─► ring k (SPU ─► dispatcher, single producer/consumer)
 *
 *  dispatcher, for each packet:
 *    1 pinned flow?            (both directions of every child placed so far, and the translated
 *                               form of its tuple)                     ─► its SPU, refreshed
 *    2 matches a placement?    (a mirror of the announced gates, by destination as announced or as
 *                               forwarded)  ─► the gate's SPU; the flow is pinned; a one-shot
 *                               placement is used up
 *    3 NAT placement, else the symmetric hash (Dispatcher)
 *  after handing SPU k a packet that may open a gate (TCP or UDP with payload, to or from a port
 *  an enabled gate-opening ALG is bound to): the fence. The dispatcher waits until SPU k has
 *  processed it, then drains ring k. So the placements a packet sees are exactly those its
 *  predecessors opened, and the SPU a packet goes to depends on the capture alone.
 *
 *  placements expire at the gate's deadline (capture time), pins after PIN_IDLE_NS without a
 *  packet; both tables are bounded. The mirror is never told of gates an SPU closes early (a
 *  stale placement only pins a flow to an SPU that then looks it up as any first packet).
 * </pre>
 *
 * <p>Thread: {@link Announcer} belongs to one SPU; everything else to the dispatcher's thread.
 */
public final class GatePlacement {
  /** Words per announcement. */
  static final int WORDS = 12;

  /**
   * A pinned flow idle this long (capture time) is forgotten: longer than any session lives idle.
   */
  static final long PIN_IDLE_NS = 4L * 3600 * 1_000_000_000L;

  static final int PLACEMENTS = 1 << 16;
  static final int PINS = 1 << 17;

  private static final int ONE_SHOT = 1;
  private static final int ANY_SOURCE = 2;
  private static final int TRANSLATE = 4;

  /** The SPU side: tells the dispatcher of the gates it opens. */
  public static final class Announcer {
    private final SpscWordRing ring;
    long lost;

    Announcer(SpscWordRing ring) {
      this.ring = ring;
    }

    /** A gate opened: its tuple, its translation and its deadline in capture time. */
    public void opened(
        int protocol,
        boolean anySource,
        long srcHi,
        long srcLo,
        int srcPort,
        long dstHi,
        long dstLo,
        int dstPort,
        boolean translate,
        long toHi,
        long toLo,
        int toPort,
        boolean oneShot,
        long deadlineNs) {
      int at = ring.claim();
      if (at < 0) {
        lost++;
        return;
      }
      long[] w = ring.words();
      w[at] =
          protocol
              | (long)
                      ((oneShot ? ONE_SHOT : 0)
                          | (anySource ? ANY_SOURCE : 0)
                          | (translate ? TRANSLATE : 0))
                  << 8;
      w[at + 1] = srcHi;
      w[at + 2] = srcLo;
      w[at + 3] = (long) srcPort << 32 | dstPort | (long) toPort << 16;
      w[at + 4] = dstHi;
      w[at + 5] = dstLo;
      w[at + 6] = toHi;
      w[at + 7] = toLo;
      w[at + 8] = deadlineNs;
      ring.publish();
    }

    /** Announcements the ring had no room for (the dispatcher drains it at every fence). */
    public long lost() {
      return lost;
    }
  }

  private final SpscWordRing[] rings;
  private final Announcer[] announcers;

  // what may open a gate: ports of gate-opening ALGs (TCP, UDP)
  private boolean[][] fencePorts = new boolean[2][65536];
  private boolean anyFencePort;

  // placements (the mirror of gates), chained by destination and by translated destination
  private final int[] placementFlags = new int[PLACEMENTS];
  private final byte[] placementProtocol = new byte[PLACEMENTS];
  private final byte[] placementSpu = new byte[PLACEMENTS];
  private final long[] srcHi = new long[PLACEMENTS];
  private final long[] srcLo = new long[PLACEMENTS];
  private final int[] srcPort = new int[PLACEMENTS];
  private final long[] dstHi = new long[PLACEMENTS];
  private final long[] dstLo = new long[PLACEMENTS];
  private final int[] dstPort = new int[PLACEMENTS];
  private final long[] toHi = new long[PLACEMENTS];
  private final long[] toLo = new long[PLACEMENTS];
  private final int[] toPort = new int[PLACEMENTS];
  private final long[] deadlineNs = new long[PLACEMENTS];
  private final int[] byDestination = new int[PLACEMENTS];
  private final int[] byTranslated = new int[PLACEMENTS];
  private final int[] nextByDestination = new int[PLACEMENTS];
  private final int[] nextByTranslated = new int[PLACEMENTS];
  private final int[] placementFree = new int[PLACEMENTS];
  private int placementFreeCount = PLACEMENTS;
  private int placements;

  // pins: open addressing on the flow's canonical tuple
  private final long[] pinAHi = new long[PINS];
  private final long[] pinALo = new long[PINS];
  private final long[] pinBHi = new long[PINS];
  private final long[] pinBLo = new long[PINS];
  private final int[] pinPorts = new int[PINS];
  private final int[] pinProtocolSpu = new int[PINS]; // 0: empty; protocol << 8 | spu + 1
  private final long[] pinSeenNs = new long[PINS];
  private int pins;

  long placedByGate;
  long placedByPin;
  long pinsLost;
  long placementsLost;

  public GatePlacement(int spus) {
    rings = new SpscWordRing[spus];
    announcers = new Announcer[spus];
    for (int spu = 0; spu < spus; spu++) {
      rings[spu] = new SpscWordRing(1024, WORDS);
      announcers[spu] = new Announcer(rings[spu]);
    }
    java.util.Arrays.fill(byDestination, -1);
    java.util.Arrays.fill(byTranslated, -1);
    for (int i = 0; i < PLACEMENTS; i++) {
      placementFree[i] = PLACEMENTS - 1 - i;
    }
  }

  /** SPU {@code spu}'s announcer (handed to its ALG engine). */
  public Announcer announcer(int spu) {
    return announcers[spu];
  }

  /** Takes the gate-opening ports of a generation. */
  public void install(RuntimeConfig config) {
    fencePorts = AlgBindings.gateOpeningPorts(config.applications(), config.alg());
    boolean any = false;
    for (boolean[] ports : fencePorts) {
      for (boolean port : ports) {
        any |= port;
      }
    }
    anyFencePort = any;
  }

  /** True when the SPU that takes this packet must have read it before the next is placed. */
  public boolean fence(PacketDescriptor p) {
    if (!anyFencePort || p.payloadBytes == 0 || !p.hasPorts) {
      return false;
    }
    int which = p.protocol == 6 ? 0 : p.protocol == 17 ? 1 : -1;
    return which >= 0 && (fencePorts[which][p.sourcePort] || fencePorts[which][p.destinationPort]);
  }

  /** Mirrors the gates SPU {@code spu} announced since the last drain. */
  public void drain(int spu) {
    SpscWordRing ring = rings[spu];
    int at;
    while ((at = ring.peek()) >= 0) {
      long[] w = ring.words();
      add(spu, w, at);
      ring.release();
    }
  }

  private void add(int spu, long[] w, int at) {
    if (placementFreeCount == 0) {
      placementsLost++;
      return;
    }
    int p = placementFree[--placementFreeCount];
    placementProtocol[p] = (byte) w[at];
    placementFlags[p] = (int) (w[at] >>> 8) & 0xff | 0x100; // 0x100: used
    placementSpu[p] = (byte) spu;
    srcHi[p] = w[at + 1];
    srcLo[p] = w[at + 2];
    srcPort[p] = (int) (w[at + 3] >>> 32);
    dstPort[p] = (int) (w[at + 3] & 0xffff);
    toPort[p] = (int) ((w[at + 3] >>> 16) & 0xffff);
    dstHi[p] = w[at + 4];
    dstLo[p] = w[at + 5];
    toHi[p] = w[at + 6];
    toLo[p] = w[at + 7];
    deadlineNs[p] = w[at + 8];
    int b = bucket(placementProtocol[p] & 0xff, dstHi[p], dstLo[p], dstPort[p]);
    nextByDestination[p] = byDestination[b];
    byDestination[b] = p;
    if ((placementFlags[p] & TRANSLATE) != 0) {
      int t = bucket(placementProtocol[p] & 0xff, toHi[p], toLo[p], toPort[p]);
      nextByTranslated[p] = byTranslated[t];
      byTranslated[t] = p;
    }
    placements++;
  }

  private static int bucket(int protocol, long hi, long lo, int port) {
    long h = lo * 0x9E37_79B9_7F4A_7C15L ^ hi * 0xC2B2_AE3D_27D4_EB4FL;
    h += ((long) port << 8 | protocol) * 0x1656_67B1_9E37_79F9L;
    h ^= h >>> 31;
    h *= 0xBF58_476D_1CE4_E5B9L;
    h ^= h >>> 29;
    return (int) h & (PLACEMENTS - 1);
  }

  /** True when no gate was ever announced and no flow is pinned: nothing to look at. */
  public boolean isEmpty() {
    return placements == 0 && pins == 0;
  }

  /** The SPU that holds the packet's flow or gate, or -1 when neither places it. */
  public int place(PacketDescriptor packet, long timestampNs) {
    int pinned = pinned(packet, timestampNs);
    if (pinned >= 0) {
      placedByPin++;
      return pinned;
    }
    if (placements == 0) {
      return -1;
    }
    int p = match(packet, timestampNs);
    if (p < 0) {
      return -1;
    }
    int spu = placementSpu[p];
    placedByGate++;
    pin(
        packet.protocol,
        packet.sourceHi,
        packet.sourceLo,
        packet.sourcePort,
        packet.destinationHi,
        packet.destinationLo,
        packet.destinationPort,
        spu,
        timestampNs);
    if ((placementFlags[p] & TRANSLATE) != 0) {
      // the other form of the child's tuple: announced when it arrived as forwarded, and back
      boolean forwarded =
          packet.destinationLo == toLo[p]
              && packet.destinationHi == toHi[p]
              && packet.destinationPort == toPort[p];
      if (forwarded) {
        pin(
            packet.protocol,
            packet.sourceHi,
            packet.sourceLo,
            packet.sourcePort,
            dstHi[p],
            dstLo[p],
            dstPort[p],
            spu,
            timestampNs);
      } else {
        pin(
            packet.protocol,
            packet.sourceHi,
            packet.sourceLo,
            packet.sourcePort,
            toHi[p],
            toLo[p],
            toPort[p],
            spu,
            timestampNs);
      }
    }
    if ((placementFlags[p] & ONE_SHOT) != 0) {
      remove(p);
    }
    return spu;
  }

  private int match(PacketDescriptor q, long nowNs) {
    int p = byDestination[bucket(q.protocol, q.destinationHi, q.destinationLo, q.destinationPort)];
    while (p >= 0) {
      int next = nextByDestination[p];
      if (deadlineNs[p] - nowNs < 0) {
        remove(p);
      } else if (dstLo[p] == q.destinationLo
          && dstHi[p] == q.destinationHi
          && dstPort[p] == q.destinationPort
          && sourceMatches(p, q)) {
        return p;
      }
      p = next;
    }
    p = byTranslated[bucket(q.protocol, q.destinationHi, q.destinationLo, q.destinationPort)];
    while (p >= 0) {
      int next = nextByTranslated[p];
      if (deadlineNs[p] - nowNs < 0) {
        remove(p);
      } else if (toLo[p] == q.destinationLo
          && toHi[p] == q.destinationHi
          && toPort[p] == q.destinationPort
          && sourceMatches(p, q)) {
        return p;
      }
      p = next;
    }
    return -1;
  }

  private boolean sourceMatches(int p, PacketDescriptor q) {
    return (placementProtocol[p] & 0xff) == q.protocol
        && ((placementFlags[p] & ANY_SOURCE) != 0
            || (srcLo[p] == q.sourceLo && srcHi[p] == q.sourceHi))
        && (srcPort[p] == 0 || srcPort[p] == q.sourcePort);
  }

  private void remove(int p) {
    unlink(
        byDestination,
        nextByDestination,
        bucket(placementProtocol[p] & 0xff, dstHi[p], dstLo[p], dstPort[p]),
        p);
    if ((placementFlags[p] & TRANSLATE) != 0) {
      unlink(
          byTranslated,
          nextByTranslated,
          bucket(placementProtocol[p] & 0xff, toHi[p], toLo[p], toPort[p]),
          p);
    }
    placementFlags[p] = 0;
    placementFree[placementFreeCount++] = p;
    placements--;
  }

  private static void unlink(int[] heads, int[] links, int b, int p) {
    int at = heads[b];
    int previous = -1;
    while (at >= 0) {
      if (at == p) {
        if (previous < 0) {
          heads[b] = links[p];
        } else {
          links[previous] = links[p];
        }
        return;
      }
      previous = at;
      at = links[at];
    }
  }

  // ------------------------------------------------------------------ pins

  private int pinned(PacketDescriptor q, long nowNs) {
    if (pins == 0) {
      return -1;
    }
    boolean swap =
        lower(
            q.destinationHi,
            q.destinationLo,
            q.destinationPort,
            q.sourceHi,
            q.sourceLo,
            q.sourcePort);
    long aHi = swap ? q.destinationHi : q.sourceHi;
    long aLo = swap ? q.destinationLo : q.sourceLo;
    long bHi = swap ? q.sourceHi : q.destinationHi;
    long bLo = swap ? q.sourceLo : q.destinationLo;
    int ports =
        swap ? q.destinationPort << 16 | q.sourcePort : q.sourcePort << 16 | q.destinationPort;
    int at = pinSlot(aHi, aLo, bHi, bLo, ports, q.protocol);
    for (int probe = 0; probe < 16; probe++, at = (at + 1) & (PINS - 1)) {
      int tag = pinProtocolSpu[at];
      if (tag == 0) {
        return -1;
      }
      if ((tag >>> 8) == q.protocol
          && pinPorts[at] == ports
          && pinALo[at] == aLo
          && pinBLo[at] == bLo
          && pinAHi[at] == aHi
          && pinBHi[at] == bHi) {
        if (nowNs - pinSeenNs[at] > PIN_IDLE_NS) {
          return -1; // idle too long: the flow is over (its slot is reused by the next pin)
        }
        pinSeenNs[at] = nowNs;
        return (tag & 0xff) - 1;
      }
    }
    return -1;
  }

  private void pin(
      int protocol,
      long sHi,
      long sLo,
      int sPort,
      long dHi,
      long dLo,
      int dPort,
      int spu,
      long nowNs) {
    boolean swap = lower(dHi, dLo, dPort, sHi, sLo, sPort);
    long aHi = swap ? dHi : sHi;
    long aLo = swap ? dLo : sLo;
    long bHi = swap ? sHi : dHi;
    long bLo = swap ? sLo : dLo;
    int ports = swap ? dPort << 16 | sPort : sPort << 16 | dPort;
    int at = pinSlot(aHi, aLo, bHi, bLo, ports, protocol);
    for (int probe = 0; probe < 16; probe++, at = (at + 1) & (PINS - 1)) {
      int tag = pinProtocolSpu[at];
      boolean same =
          tag != 0
              && (tag >>> 8) == protocol
              && pinPorts[at] == ports
              && pinALo[at] == aLo
              && pinBLo[at] == bLo
              && pinAHi[at] == aHi
              && pinBHi[at] == bHi;
      if (tag == 0 || same || nowNs - pinSeenNs[at] > PIN_IDLE_NS) {
        if (tag == 0) {
          pins++;
        }
        pinAHi[at] = aHi;
        pinALo[at] = aLo;
        pinBHi[at] = bHi;
        pinBLo[at] = bLo;
        pinPorts[at] = ports;
        pinProtocolSpu[at] = protocol << 8 | (spu + 1);
        pinSeenNs[at] = nowNs;
        return;
      }
    }
    pinsLost++;
  }

  private static boolean lower(long aHi, long aLo, int aPort, long bHi, long bLo, int bPort) {
    if (aHi != bHi) {
      return Long.compareUnsigned(aHi, bHi) < 0;
    }
    if (aLo != bLo) {
      return Long.compareUnsigned(aLo, bLo) < 0;
    }
    return aPort < bPort;
  }

  private static int pinSlot(long aHi, long aLo, long bHi, long bLo, int ports, int protocol) {
    long h =
        NatOwnership.mix(aLo * 0x9E37_79B9_7F4A_7C15L + aHi)
            + NatOwnership.mix(bLo * 0xC2B2_AE3D_27D4_EB4FL + bHi)
            + ports * 31L
            + protocol;
    return (int) NatOwnership.mix(h) & (PINS - 1);
  }

  /** Children placed by a gate, packets placed by a pin, and what did not fit. */
  public long[] counters() {
    return new long[] {placedByGate, placedByPin, pinsLost, placementsLost};
  }
}
