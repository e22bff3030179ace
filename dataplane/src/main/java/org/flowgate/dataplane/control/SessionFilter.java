package org.flowgate.dataplane.control;

import org.flowgate.dataplane.flow.SessionView;

/**
 * Chooses sessions for a query or a clear. Evaluated on the owning SPU's thread against the live
 * record through the SPU's view, so that nothing is copied for sessions that do not match. Outside
 * the data plane, filters come from {@link SessionQuery#toFilter()}.
 */
@FunctionalInterface
public interface SessionFilter {
  SessionFilter ALL = session -> true;

  boolean matches(SessionView session);

  default SessionFilter and(SessionFilter other) {
    return session -> matches(session) && other.matches(session);
  }
}
