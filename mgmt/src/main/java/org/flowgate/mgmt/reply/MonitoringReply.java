package org.flowgate.mgmt.reply;

import java.util.List;

/** {@code show security monitoring}: one row per SPU. */
public record MonitoringReply(List<Row> rows) implements ViewReply {
  public MonitoringReply {
    rows = List.copyOf(rows);
  }

  /**
   * One SPU: where it sits, its load and its session table.
   *
   * @param cpuPercent CPU time of the SPU's thread over the engine's lifetime, in percent
   * @param memoryPercent how full the SPU's session table is, in percent
   */
  public record Row(
      int fpc,
      int pic,
      int cpuPercent,
      int memoryPercent,
      long flowSessions,
      long flowSessionsMaximum,
      long cpSessions,
      long cpSessionsMaximum) {}
}
