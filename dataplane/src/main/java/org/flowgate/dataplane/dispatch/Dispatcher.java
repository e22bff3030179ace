package org.flowgate.dataplane.dispatch;

import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.packet.PacketParser;
import org.flowgate.dataplane.session.SessionTable;

/**
 * Chooses the SPU that owns a packet, in the role of the SRX central point: a symmetric flow hash
 * of addresses, ports and protocol, so that both directions of a session reach the same SPU; an
 * ICMP error goes where the packet it quotes went; a non-first fragment goes where its first
 * fragment went. See docs/adr/0003-spu-dispatch.md.
 *
 * <p>Thread: owned by the thread that reads packets (the replay thread, later a receive thread).
 */
public final class Dispatcher {
  /**
   * Bit of {@link #keyHashOfLast} (word [5] of a ring entry): its low 32 bits are the session
   * table's key hash of the frame.
   */
  public static final long KEY_HASH_KNOWN = 1L << 32;

  private final int spus;
  private final PacketDescriptor packet = new PacketDescriptor();
  private final int fragmentMask = 4095;
  private final long[] fragmentKeys = new long[4096 * 3];
  private final int[] fragmentSpu = new int[4096];

  private NatDispatch nat = NatDispatch.NONE;
  private GatePlacement gates;
  private boolean fence;

  /** Word [5] of the last frame's ring entry: its session key hash, or 0 (see keyHashOfLast). */
  private long keyHashOfLast;

  public Dispatcher(int spus) {
    this.spus = spus;
  }

  /** Takes the NAT addresses of the generation in force from the next packet on. */
  public void setNat(NatDispatch natDispatch) {
    this.nat = natDispatch;
  }

  /**
   * Places ALG children on the SPU of their gate ({@link GatePlacement}); null while no ALG that
   * opens gates is on.
   */
  public void setGates(GatePlacement placement) {
    this.gates = placement;
  }

  /**
   * What the dispatcher's parse of the last frame leaves its SPU: {@link #KEY_HASH_KNOWN} | the
   * session table's key hash of the frame when the SPU will look its wing up by that hash (ports,
   * not a fragment, not an ICMP error: the condition of {@code SpuAgent.processBatch}), else 0.
   * Always 0 with one SPU, where nothing is parsed here.
   */
  public long keyHashOfLast() {
    return keyHashOfLast;
  }

  /** True when the SPU the last frame went to must have read it before the next is placed. */
  public boolean fenceAfterLast() {
    return fence;
  }

  /** The SPU for one captured frame. */
  public int spuFor(
      java.lang.foreign.MemorySegment segment,
      long frameOffset,
      int capturedLengthBytes,
      int originalLengthBytes,
      int linkType) {
    return spuFor(segment, frameOffset, capturedLengthBytes, originalLengthBytes, linkType, 0);
  }

  /** The SPU for one captured frame, captured at {@code timestampNs} (gates expire by it). */
  public int spuFor(
      java.lang.foreign.MemorySegment segment,
      long frameOffset,
      int capturedLengthBytes,
      int originalLengthBytes,
      int linkType,
      long timestampNs) {
    fence = false;
    keyHashOfLast = 0;
    if (spus == 1) {
      return 0;
    }
    DropReason undecodable =
        PacketParser.parse(
            segment, frameOffset, capturedLengthBytes, originalLengthBytes, linkType, packet);
    if (undecodable != null) {
      return 0; // counted as a drop by SPU 0
    }
    if (packet.hasPorts && !packet.fragment && !packet.icmpError) {
      keyHashOfLast =
          KEY_HASH_KNOWN
              | SessionTable.keyHash(
                      packet.sourceHi,
                      packet.sourceLo,
                      packet.destinationHi,
                      packet.destinationLo,
                      packet.sourcePort,
                      packet.destinationPort,
                      packet.protocol,
                      0)
                  & 0xffff_ffffL;
    }
    if (packet.icmpError) {
      return place(
          packet.quotedSourceHi,
          packet.quotedSourceLo,
          packet.quotedDestinationHi,
          packet.quotedDestinationLo,
          packet.quotedSourcePort,
          packet.quotedDestinationPort,
          packet.quotedProtocol);
    }
    if (packet.fragment && !packet.firstFragment) {
      int entry = fragmentEntry(packet);
      if (fragmentKeys[entry * 3] == (packet.sourceLo ^ packet.sourceHi)
          && fragmentKeys[entry * 3 + 1] == (packet.destinationLo ^ packet.destinationHi)
          && fragmentKeys[entry * 3 + 2] == (packet.fragmentId << 8 | packet.protocol)) {
        return fragmentSpu[entry];
      }
      return spuOf(
          flowHash(
              packet.sourceHi,
              packet.sourceLo,
              packet.destinationHi,
              packet.destinationLo,
              0,
              0,
              packet.protocol));
    }
    if (gates != null) {
      fence = gates.fence(packet);
      if (!gates.isEmpty()) {
        int placed = gates.place(packet, timestampNs);
        if (placed >= 0) {
          return placed;
        }
      }
    }
    int spu =
        place(
            packet.sourceHi,
            packet.sourceLo,
            packet.destinationHi,
            packet.destinationLo,
            packet.sourcePort,
            packet.destinationPort,
            packet.protocol);
    if (packet.fragment) {
      int entry = fragmentEntry(packet);
      fragmentKeys[entry * 3] = packet.sourceLo ^ packet.sourceHi;
      fragmentKeys[entry * 3 + 1] = packet.destinationLo ^ packet.destinationHi;
      fragmentKeys[entry * 3 + 2] = packet.fragmentId << 8 | packet.protocol;
      fragmentSpu[entry] = spu;
    }
    return spu;
  }

  /**
   * The symmetric flow hash, unless NAT addresses say which endpoint decides ({@link NatDispatch}).
   */
  private int place(
      long srcHi, long srcLo, long dstHi, long dstLo, int srcPort, int dstPort, int protocol) {
    return NatOwnership.spuOfLane(
        nat.lane(srcHi, srcLo, dstHi, dstLo, srcPort, dstPort, protocol), spus);
  }

  private int spuOf(int hash) {
    return NatOwnership.spuOf(hash, spus);
  }

  private int fragmentEntry(PacketDescriptor p) {
    long h =
        (p.sourceLo ^ p.sourceHi) * 0x9E37_79B9_7F4A_7C15L
            + (p.destinationLo ^ p.destinationHi)
            + p.fragmentId * 0xC2B2_AE3D_27D4_EB4FL;
    return (int) (h ^ (h >>> 31)) & fragmentMask;
  }

  /**
   * A symmetric hash of a flow: the same for a packet and its reply, so both wings land on one SPU.
   * Each endpoint is mixed on its own and the two are added.
   */
  public static int flowHash(
      long srcHi, long srcLo, long dstHi, long dstLo, int srcPort, int dstPort, int protocol) {
    long h = endpoint(srcHi, srcLo, srcPort) + endpoint(dstHi, dstLo, dstPort) + protocol;
    return (int) NatOwnership.mix(h);
  }

  private static long endpoint(long hi, long lo, int port) {
    return NatOwnership.mix(lo * 0x9E37_79B9_7F4A_7C15L + hi * 0xC2B2_AE3D_27D4_EB4FL + port);
  }
}
