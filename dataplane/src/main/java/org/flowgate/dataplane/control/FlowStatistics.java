package org.flowgate.dataplane.control;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.flowgate.dataplane.packet.DropReason;

/**
 * A copy of one SPU's counters (or their sum, SPU -1).
 *
 * @param timerFaults defects caught in timers and commits ({@code FlowCounters.timerFaults})
 */
public record FlowStatistics(
    int spu,
    long packetsReceived,
    long packetsForwarded,
    long packetsDropped,
    long bytesReceived,
    long fragments,
    long icmpErrorsMatched,
    long sessionsCreated,
    long sessionsClosed,
    long failedSessions,
    long rejectResponsesSent,
    long[] dropsByReason,
    long timerFaults) {

  public long drops(DropReason reason) {
    return dropsByReason[reason.ordinal()];
  }

  /** The non-zero drop counters, in {@link DropReason} order. */
  public Map<DropReason, Long> dropCounts() {
    Map<DropReason, Long> counts = new EnumMap<>(DropReason.class);
    for (DropReason reason : DropReason.values()) {
      if (dropsByReason[reason.ordinal()] != 0) {
        counts.put(reason, dropsByReason[reason.ordinal()]);
      }
    }
    return counts;
  }

  /** A drop reason as operators read it and the packets dropped for it. */
  public record DropCounter(String reason, long packets) {}

  /** Every drop reason, in {@link DropReason} order, with its count (zeros included). */
  public List<DropCounter> dropCounters() {
    DropReason[] reasons = DropReason.values();
    List<DropCounter> counters = new java.util.ArrayList<>(reasons.length);
    for (DropReason reason : reasons) {
      if (reason.screen()) {
        continue; // shown by show security screen statistics, as Junos shows them
      }
      counters.add(new DropCounter(reason.description(), dropsByReason[reason.ordinal()]));
    }
    return counters;
  }

  public static FlowStatistics total(List<FlowStatistics> perSpu) {
    long[] drops = new long[DropReason.values().length];
    long received = 0, forwarded = 0, dropped = 0, bytes = 0, fragments = 0, icmp = 0;
    long created = 0, closed = 0, failed = 0, rejects = 0, timerFaults = 0;
    for (FlowStatistics s : perSpu) {
      received += s.packetsReceived;
      forwarded += s.packetsForwarded;
      dropped += s.packetsDropped;
      bytes += s.bytesReceived;
      fragments += s.fragments;
      icmp += s.icmpErrorsMatched;
      created += s.sessionsCreated;
      closed += s.sessionsClosed;
      failed += s.failedSessions;
      rejects += s.rejectResponsesSent;
      timerFaults += s.timerFaults;
      for (int i = 0; i < drops.length; i++) {
        drops[i] += s.dropsByReason[i];
      }
    }
    return new FlowStatistics(
        -1,
        received,
        forwarded,
        dropped,
        bytes,
        fragments,
        icmp,
        created,
        closed,
        failed,
        rejects,
        drops,
        timerFaults);
  }

  /** A copy of one SPU's counters, taken on its thread. */
  public static FlowStatistics of(int spu, org.flowgate.dataplane.flow.FlowCounters counters) {
    return new FlowStatistics(
        spu,
        counters.packetsReceived,
        counters.packetsForwarded,
        counters.packetsDropped,
        counters.bytesReceived,
        counters.fragments,
        counters.icmpErrorsMatched,
        counters.sessionsCreated,
        counters.sessionsClosed,
        counters.failedSessions,
        counters.rejectResponsesSent,
        counters.drops.clone(),
        counters.timerFaults);
  }
}
