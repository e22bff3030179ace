package org.flowgate.mgmt.reply;

import java.util.List;

/**
 * {@code show security policies hit-count}: one row per policy, first the built-in defaults, with
 * the first packets each decided (summed over the SPUs).
 *
 * @param logicalSystem {@code root-logical-system}
 */
public record PolicyHitCountReply(String logicalSystem, List<Row> rows) implements ViewReply {
  public PolicyHitCountReply {
    rows = List.copyOf(rows);
  }

  /**
   * One row.
   *
   * @param index the row number
   * @param action {@code Permit}, {@code Deny} or {@code Reject}
   */
  public record Row(
      int index, String fromZone, String toZone, String name, long count, String action) {}
}
