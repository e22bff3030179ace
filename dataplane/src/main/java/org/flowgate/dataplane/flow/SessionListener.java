package org.flowgate.dataplane.flow;

import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.session.CloseReason;

/**
 * Hears sessions start and end on an SPU, on the SPU's own thread, while the record is still
 * readable. Session logging (RT_FLOW) and tests listen here; a listener must not block.
 */
public interface SessionListener {
  SessionListener NONE = new SessionListener() {};

  default void sessionCreated(FlowProcessor spu, int slot) {}

  default void sessionClosed(FlowProcessor spu, int slot, CloseReason reason) {}

  /**
   * A first packet denied or rejected by policy. The packet is readable only during the call.
   *
   * @param fromZone zone index of the ingress interface, -1 for none
   * @param toZone zone index of the egress interface, -1 for the device itself
   */
  default void sessionDenied(
      FlowProcessor spu,
      PacketDescriptor packet,
      int ingressInterface,
      int fromZone,
      int toZone,
      int policyIndex) {}

  /**
   * A first packet its policy permitted but source NAT could not translate: the rule's pool (and
   * overflow) had no address or port left. The packet is readable only during the call.
   */
  default void sessionNatFailed(
      FlowProcessor spu,
      PacketDescriptor packet,
      int ingressInterface,
      int fromZone,
      int toZone,
      int policyIndex) {}
}
