package org.flowgate.mgmt.reply;

/**
 * The answer to {@code clear security flow session …}: how many sessions the command closed
 * (reference §1.7: {@code 1 active sessions cleared}, "sessions" even for one).
 *
 * @param clearedSessions sessions closed over all SPUs
 */
public record FlowSessionClearReply(long clearedSessions) {
  public FlowSessionClearReply {
    if (clearedSessions < 0) {
      throw new IllegalArgumentException("clearedSessions < 0: " + clearedSessions);
    }
  }
}
