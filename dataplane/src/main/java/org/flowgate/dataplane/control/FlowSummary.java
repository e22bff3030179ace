package org.flowgate.dataplane.control;

/**
 * Counters behind {@code show security flow session summary}, for one SPU or added up over all.
 * Sessions-in-use counts every session still in the table, invalidated ones included.
 */
public record FlowSummary(
    int spu,
    long unicastSessions,
    long multicastSessions,
    long servicesOffloadSessions,
    long failedSessions,
    long sessionsInDropFlow,
    long sessionsInUse,
    long validSessions,
    long pendingSessions,
    long invalidatedSessions,
    long sessionsInOtherStates,
    long maximumSessions) {

  /**
   * One SPU's summary. Multicast, services-offload, drop-flow and pending sessions and sessions in
   * other states are 0: Flowgate has none of those features, and installs a session whole in one
   * step (docs/adr/0004).
   */
  static FlowSummary of(
      int spu,
      long validSessions,
      long failedSessions,
      long sessionsInUse,
      long invalidatedSessions,
      long maximumSessions) {
    return new FlowSummary(
        spu,
        validSessions,
        0,
        0,
        failedSessions,
        0,
        sessionsInUse,
        validSessions,
        0,
        invalidatedSessions,
        sessionsInUse - validSessions - invalidatedSessions,
        maximumSessions);
  }

  /** The sum over SPUs, reported as SPU -1. */
  public static FlowSummary total(Iterable<FlowSummary> perSpu) {
    long unicast = 0, multicast = 0, offload = 0, failed = 0, dropFlow = 0, inUse = 0;
    long valid = 0, pending = 0, invalidated = 0, other = 0, maximum = 0;
    for (FlowSummary s : perSpu) {
      unicast += s.unicastSessions;
      multicast += s.multicastSessions;
      offload += s.servicesOffloadSessions;
      failed += s.failedSessions;
      dropFlow += s.sessionsInDropFlow;
      inUse += s.sessionsInUse;
      valid += s.validSessions;
      pending += s.pendingSessions;
      invalidated += s.invalidatedSessions;
      other += s.sessionsInOtherStates;
      maximum += s.maximumSessions;
    }
    return new FlowSummary(
        -1,
        unicast,
        multicast,
        offload,
        failed,
        dropFlow,
        inUse,
        valid,
        pending,
        invalidated,
        other,
        maximum);
  }
}
