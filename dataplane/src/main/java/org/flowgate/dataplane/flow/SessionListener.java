package org.flowgate.dataplane.flow;

import org.flowgate.dataplane.session.CloseReason;

/**
 * Hears sessions start and end on an SPU, on the SPU's own thread, while the record is still
 * readable. Session logging (RT_FLOW) and tests listen here; a listener must not block.
 */
public interface SessionListener {
  SessionListener NONE = new SessionListener() {};

  default void sessionCreated(FlowProcessor spu, int slot) {}

  default void sessionClosed(FlowProcessor spu, int slot, CloseReason reason) {}

  /** A first packet denied or rejected by policy. */
  default void sessionDenied(FlowProcessor spu, int policyIndex) {}
}
