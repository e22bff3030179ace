package org.flowgate.dataplane.control;

/**
 * One row of {@code show security monitoring}: an SPU's load and session table.
 *
 * @param cpuPercent CPU time of the SPU's thread over the engine's lifetime, in percent
 * @param memoryPercent how full the SPU's session table is, in percent
 * @param cpSessions central-point sessions: Flowgate keeps none (docs/adr/0003)
 */
public record SpuMonitor(
    int spu,
    int cpuPercent,
    int memoryPercent,
    long flowSessions,
    long flowSessionsMaximum,
    long cpSessions,
    long cpSessionsMaximum) {
  /** Flowgate has no separate central point, so it keeps no CP sessions (docs/adr/0003). */
  public static final long CP_SESSIONS_NONE = 0;
}
