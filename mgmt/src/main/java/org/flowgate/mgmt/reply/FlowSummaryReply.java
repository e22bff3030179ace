package org.flowgate.mgmt.reply;

import java.util.List;
import org.flowgate.dataplane.control.FlowSummary;

/**
 * The answer to {@code show security flow session summary}: the counters of each SPU.
 *
 * @param multiSpu true when the table is spread over several SPUs, so each SPU gets its own block
 * @param perSpu one summary per SPU in SPU order; a single-SPU reply has exactly one
 */
public record FlowSummaryReply(boolean multiSpu, List<FlowSummary> perSpu) {
  public FlowSummaryReply {
    perSpu = List.copyOf(perSpu);
  }

  /** A reply from a single-SPU table. */
  public static FlowSummaryReply singleSpu(FlowSummary summary) {
    return new FlowSummaryReply(false, List.of(summary));
  }
}
