package org.flowgate.dataplane.control;

import org.flowgate.dataplane.flow.FlowProcessor;

/**
 * Chooses sessions for a query or a clear. Evaluated on the owning SPU's thread against the live
 * record, so that nothing is copied for sessions that do not match.
 */
@FunctionalInterface
public interface SessionFilter {
  SessionFilter ALL = (spu, slot) -> true;

  boolean matches(FlowProcessor spu, int slot);

  default SessionFilter and(SessionFilter other) {
    return (spu, slot) -> matches(spu, slot) && other.matches(spu, slot);
  }
}
