package org.flowgate.mgmt.archfixture;

import org.flowgate.dataplane.flow.SessionLifecycle;

/**
 * Test fixture, not product code: a management class that reaches past the engine's query set into
 * an SPU's lifecycle. {@code LayeringTest} shows that its rules catch it.
 */
public final class ReachesIntoAnSpu {
  private ReachesIntoAnSpu() {}

  /** Would end a session behind its SPU's back. */
  public static void closeBehindTheSpusBack(SessionLifecycle lifecycle, int slot) {
    lifecycle.closeAsDue(slot);
  }
}
