package org.flowgate.dataplane.flow;

import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.runtime.RuntimeConfig;

/**
 * A first packet on its way through the first path: the packet as received, and what each stage
 * decided so far. One per SPU, reset for every first packet; no stage keeps a reference to it.
 *
 * <pre>
 *  reset        packet, ingress interface, routing instance, from-zone; tuple = packet's
 *  static/destination NAT   tuple.destination (translated), natBinding (destination side)
 *  route        egress, toSelf
 *  zones        toZone
 *  policy       policy, application
 *  source NAT   tuple.source (translated), natBinding (whole)
 *  install      slot
 * </pre>
 *
 * The tuple is the packet as it will leave: the Out wing is its reverse.
 *
 * <p>Thread: owned by its SPU's thread.
 */
public final class FirstPacket implements SessionEvents.Refused {
  /** The packet; its headers are readable until the first path returns. */
  public PacketDescriptor packet;

  /** False for a non-first fragment (no transport header of its own). */
  public boolean transportHeader;

  public int ingress;
  public int routingInstance;

  /** Zone index of the ingress interface, -1 for none (the device itself). */
  public int fromZone;

  // the tuple after translation
  public long sourceHi;
  public long sourceLo;
  public int sourcePort;
  public long destinationHi;
  public long destinationLo;
  public int destinationPort;

  /** The NAT binding word ({@code nat.NatBinding}), 0 without translation. */
  public int natBinding;

  public int egress;
  public boolean toSelf;

  /** Zone index of the egress interface, -1 for the device itself. */
  public int toZone;

  public int policy;

  /** Index of the application the policy matched, -1 for none. */
  public int application;

  /**
   * Set when the policy is the pre-id default policy because unified policies wait for the
   * session's application (ADR 0033): the final policy is matched once it is known.
   */
  public boolean policyPending;

  /** Set when the policy permitted the packet but source NAT could not translate it. */
  public boolean natFailed;

  /** The ALG gate the packet came through (flow.alg.AlgEngine), or -1. */
  public int gate;

  /**
   * True when it matched the gate in its translated form (a capture taken inside the NAT): it goes
   * out as it is, and the session's In wing is the gate's announced destination.
   */
  public boolean gateForwarded;

  /** The session table slot the install took, -1 until then. */
  public int slot;

  private final int spu;
  private RuntimeConfig config;
  private long nowNs;

  public FirstPacket(int spu) {
    this.spu = spu;
  }

  /** Starts the walk of a new first packet. */
  public FirstPacket reset(
      PacketDescriptor received,
      RuntimeConfig generation,
      long timeNs,
      int ingressInterface,
      int instance,
      boolean hasTransportHeader) {
    packet = received;
    config = generation;
    nowNs = timeNs;
    transportHeader = hasTransportHeader;
    ingress = ingressInterface;
    routingInstance = instance;
    fromZone = generation.zoneOf(ingressInterface);
    sourceHi = received.sourceHi;
    sourceLo = received.sourceLo;
    sourcePort = received.sourcePort;
    destinationHi = received.destinationHi;
    destinationLo = received.destinationLo;
    destinationPort = received.destinationPort;
    natBinding = 0;
    egress = -1;
    toSelf = false;
    toZone = -1;
    policy = -1;
    application = -1;
    policyPending = false;
    natFailed = false;
    gate = -1;
    gateForwarded = false;
    slot = -1;
    return this;
  }

  // ------------------------------------------------------------------ SessionEvents.Refused

  @Override
  public int spu() {
    return spu;
  }

  @Override
  public long nowNs() {
    return nowNs;
  }

  @Override
  public RuntimeConfig config() {
    return config;
  }

  @Override
  public PacketDescriptor packet() {
    return packet;
  }

  @Override
  public int ingressInterface() {
    // a denial to the device itself names .local..0 as its incoming interface (reference §3.2)
    return toSelf ? SessionView.LOCAL_INTERFACE : ingress;
  }

  @Override
  public int fromZone() {
    return fromZone;
  }

  @Override
  public int toZone() {
    return toZone;
  }

  @Override
  public int policyIndex() {
    return policy;
  }

  @Override
  public boolean natFailed() {
    return natFailed;
  }
}
