package org.flowgate.dataplane.log;

import org.flowgate.dataplane.flow.TracedPacket;
import org.flowgate.dataplane.packet.DropReason;

/**
 * The words of one traced packet in an SPU's trace ring ({@link PacketTraceRecorder}): what {@link
 * TracedPacket} holds, packed so that writing it allocates nothing.
 *
 * <pre>
 *  0 HEADER      spu:16 | filter:16 | ipVersion:8 | protocol:8 | verdict+1:8 | flags:8
 *                (flags: 1 first path, 2 to the device itself)
 *  1 TIME        ns          2 GENERATION
 *  3..6          source hi lo, destination hi lo, as the packet arrived
 *  7 PORTS       source:16 | destination:16 | leaving source:16 | leaving destination:16
 *  8..11         leaving source hi lo, leaving destination hi lo (translated)
 *  12 PLACES     ingress:16 | egress:16 | from zone+1:16 | to zone+1:16
 *  13 POLICY     policy+1:32 | NAT binding:32
 *  14 SESSION    id, -1 for none
 *  15 PACKET     IP length:16 | TCP flags:8 | ICMP type:8 | ICMP code:8 | routing instance:24
 *  16 HASH       key hash:32 | IP id:32
 *  17 FRAME      offset of the frame in its capture
 *  18 ORDINAL    the packet's place in the device's input (the trace file's order)
 *  19 THREAD     the flow thread the device model shows
 * </pre>
 */
public final class TraceEvent {
  public static final int WORDS = 20;

  public static final int HEADER = 0;
  public static final int TIME = 1;
  public static final int GENERATION = 2;
  public static final int SOURCE_HI = 3;
  public static final int SOURCE_LO = 4;
  public static final int DESTINATION_HI = 5;
  public static final int DESTINATION_LO = 6;
  public static final int PORTS = 7;
  public static final int LEAVING_SOURCE_HI = 8;
  public static final int LEAVING_SOURCE_LO = 9;
  public static final int LEAVING_DESTINATION_HI = 10;
  public static final int LEAVING_DESTINATION_LO = 11;
  public static final int PLACES = 12;
  public static final int POLICY = 13;
  public static final int SESSION = 14;
  public static final int PACKET = 15;
  public static final int HASH = 16;
  public static final int FRAME = 17;
  public static final int ORDINAL = 18;
  public static final int THREAD = 19;

  public static final int FIRST_PATH = 1;
  public static final int TO_SELF = 2;

  private static final DropReason[] REASONS = DropReason.values();

  private TraceEvent() {}

  /** Packs a traced packet into {@code words} from {@code at}. */
  static void write(TracedPacket t, long[] words, int at) {
    int flags = (t.firstPath ? FIRST_PATH : 0) | (t.toSelf ? TO_SELF : 0);
    words[at + HEADER] =
        (long) (t.spu & 0xffff) << 48
            | (long) (t.filter & 0xffff) << 32
            | (long) (t.ipVersion & 0xff) << 24
            | (long) (t.protocol & 0xff) << 16
            | (long) ((t.verdict == null ? 0 : t.verdict.ordinal() + 1) & 0xff) << 8
            | flags;
    words[at + TIME] = t.timeNs;
    words[at + GENERATION] = t.generation;
    words[at + SOURCE_HI] = t.sourceHi;
    words[at + SOURCE_LO] = t.sourceLo;
    words[at + DESTINATION_HI] = t.destinationHi;
    words[at + DESTINATION_LO] = t.destinationLo;
    words[at + PORTS] =
        (long) (t.sourcePort & 0xffff) << 48
            | (long) (t.destinationPort & 0xffff) << 32
            | (long) (t.leavingSourcePort & 0xffff) << 16
            | (t.leavingDestinationPort & 0xffff);
    words[at + LEAVING_SOURCE_HI] = t.leavingSourceHi;
    words[at + LEAVING_SOURCE_LO] = t.leavingSourceLo;
    words[at + LEAVING_DESTINATION_HI] = t.leavingDestinationHi;
    words[at + LEAVING_DESTINATION_LO] = t.leavingDestinationLo;
    words[at + PLACES] =
        (long) (t.ingress & 0xffff) << 48
            | (long) (t.egress & 0xffff) << 32
            | (long) ((t.fromZone + 1) & 0xffff) << 16
            | ((t.toZone + 1) & 0xffff);
    words[at + POLICY] = (long) (t.policy + 1) << 32 | (t.natBinding & 0xffff_ffffL);
    words[at + SESSION] = t.sessionId;
    words[at + PACKET] =
        (long) (t.ipLengthBytes & 0xffff) << 48
            | (long) (t.tcpFlags & 0xff) << 40
            | (long) (t.icmpType & 0xff) << 32
            | (long) (t.icmpCode & 0xff) << 24
            | (t.routingInstance & 0xff_ffff);
    words[at + HASH] = (long) t.keyHash << 32 | (t.ipId & 0xffff_ffffL);
    words[at + FRAME] = t.frameOffset;
    words[at + ORDINAL] = t.ordinal;
    words[at + THREAD] = t.thread;
  }

  /** The packet's place in the device's input. */
  public static long ordinal(long[] e) {
    return e[ORDINAL];
  }

  /** The flow thread the device model shows ({@code (thd N)}). */
  public static int thread(long[] e) {
    return (int) e[THREAD];
  }

  public static int spu(long[] e) {
    return (int) (e[HEADER] >>> 48) & 0xffff;
  }

  public static int filter(long[] e) {
    return (int) (e[HEADER] >>> 32) & 0xffff;
  }

  public static int ipVersion(long[] e) {
    return (int) (e[HEADER] >>> 24) & 0xff;
  }

  public static int protocol(long[] e) {
    return (int) (e[HEADER] >>> 16) & 0xff;
  }

  /** Null when the packet was forwarded. */
  public static DropReason verdict(long[] e) {
    int v = (int) (e[HEADER] >>> 8) & 0xff;
    return v == 0 || v > REASONS.length ? null : REASONS[v - 1];
  }

  public static boolean firstPath(long[] e) {
    return (e[HEADER] & FIRST_PATH) != 0;
  }

  public static boolean toSelf(long[] e) {
    return (e[HEADER] & TO_SELF) != 0;
  }

  public static int sourcePort(long[] e) {
    return (int) (e[PORTS] >>> 48) & 0xffff;
  }

  public static int destinationPort(long[] e) {
    return (int) (e[PORTS] >>> 32) & 0xffff;
  }

  public static int leavingSourcePort(long[] e) {
    return (int) (e[PORTS] >>> 16) & 0xffff;
  }

  public static int leavingDestinationPort(long[] e) {
    return (int) e[PORTS] & 0xffff;
  }

  /** The ingress interface index; 0xffff for the device itself or none. */
  public static int ingress(long[] e) {
    return (int) (e[PLACES] >>> 48) & 0xffff;
  }

  public static int egress(long[] e) {
    return (int) (e[PLACES] >>> 32) & 0xffff;
  }

  /** Zone index, -1 for none. */
  public static int fromZone(long[] e) {
    return ((int) (e[PLACES] >>> 16) & 0xffff) - 1;
  }

  public static int toZone(long[] e) {
    return ((int) e[PLACES] & 0xffff) - 1;
  }

  /** Policy index, -1 when the packet did not reach the policy. */
  public static int policy(long[] e) {
    return (int) (e[POLICY] >>> 32) - 1;
  }

  public static int natBinding(long[] e) {
    return (int) e[POLICY];
  }

  public static int ipLength(long[] e) {
    return (int) (e[PACKET] >>> 48) & 0xffff;
  }

  public static int tcpFlags(long[] e) {
    return (int) (e[PACKET] >>> 40) & 0xff;
  }

  public static int icmpType(long[] e) {
    return (int) (e[PACKET] >>> 32) & 0xff;
  }

  public static int icmpCode(long[] e) {
    return (int) (e[PACKET] >>> 24) & 0xff;
  }

  public static int routingInstance(long[] e) {
    return (int) e[PACKET] & 0xff_ffff;
  }

  public static int keyHash(long[] e) {
    return (int) (e[HASH] >>> 32);
  }

  public static long ipId(long[] e) {
    return e[HASH] & 0xffff_ffffL;
  }
}
