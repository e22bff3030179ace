package org.flowgate.dataplane.flow;

import org.flowgate.dataplane.packet.DropReason;

/**
 * What the flow decided for one traced packet, as the trace lines tell it: the packet as it
 * arrived, the path it took (first or fast), where it came in and went out, the zones, policy and
 * NAT of a first packet, the session it belongs to, and the verdict. One per SPU, refilled for each
 * traced packet.
 *
 * <p>Thread: owned by its SPU's thread.
 */
public final class TracedPacket {
  public int spu;

  /**
   * The flow thread the device model shows ({@code (thd N)}, {@code find flow: table 0xN}): the SPU
   * on a platform that shows its SPUs, 0 on a vSRX, whose shards are not the device's to show.
   */
  public int thread;

  /** The packet's place in the device's input (its ingress ordinal): the trace file's order. */
  public long ordinal;

  public long generation;

  /** The packet filter it matched (its index in the generation's traceoptions). */
  public int filter;

  public long timeNs;
  public int ipVersion;
  public int protocol;
  public int ipLengthBytes;
  public long ipId;
  public int tcpFlags;
  public int icmpType;
  public int icmpCode;

  /** Where the frame starts in its capture (the {@code @0x...} of the trace). */
  public long frameOffset;

  // as it arrived
  public long sourceHi;
  public long sourceLo;
  public long destinationHi;
  public long destinationLo;
  public int sourcePort;
  public int destinationPort;

  /** The session key's hash the lookup used. */
  public int keyHash;

  public boolean firstPath;
  public int ingress;
  public int egress;
  public boolean toSelf;
  public int fromZone;
  public int toZone;
  public int routingInstance;

  /** The policy a first packet matched, -1 when it did not get that far. */
  public int policy;

  /** The first packet's NAT binding word ({@code nat.NatBinding}). */
  public int natBinding;

  // as it leaves (translated), when forwarded
  public long leavingSourceHi;
  public long leavingSourceLo;
  public long leavingDestinationHi;
  public long leavingDestinationLo;
  public int leavingSourcePort;
  public int leavingDestinationPort;

  /** The session it made or found, -1 for none. */
  public long sessionId;

  /** Null when forwarded. */
  public DropReason verdict;
}
