package org.flowgate.mgmt.reply;

import java.util.ArrayList;
import java.util.List;
import org.flowgate.dataplane.control.FlowStatistics;
import org.flowgate.dataplane.control.FlowSummary;

/**
 * {@code show security flow statistics}: the counters of each SPU and their sum.
 *
 * @param perSpu true when the device shows a block per SPU and a summary (high-end layout)
 * @param spus one block per SPU, in SPU order
 * @param total the sum over the SPUs (SPU -1)
 */
public record FlowStatisticsReply(boolean perSpu, List<Counters> spus, Counters total)
    implements ViewReply {
  public FlowStatisticsReply {
    spus = List.copyOf(spus);
  }

  /**
   * The counters of one SPU (or the sum), under the labels of the vSRX 24.4 text.
   *
   * @param drops packets dropped per reason, every reason in the engine's order
   */
  public record Counters(
      int spu,
      long currentSessions,
      long packetsReceived,
      long packetsTransmitted,
      long packetsForwardedQueued,
      long packetsCopied,
      long packetsDropped,
      long servicesOffloadPackets,
      long fragmentPackets,
      long preFragmentsGenerated,
      long postFragmentsGenerated,
      List<FlowStatistics.DropCounter> drops) {
    public Counters {
      drops = List.copyOf(drops);
    }
  }

  /**
   * The reply from the engine's counters per SPU and its summaries (for the valid sessions).
   * Transmitted packets are the forwarded ones and the TCP RSTs / ICMP unreachables sent for
   * rejected first packets.
   */
  public static FlowStatisticsReply of(
      DeviceModel device, List<FlowStatistics> perSpu, List<FlowSummary> summaries) {
    List<Counters> spus = new ArrayList<>();
    for (int i = 0; i < perSpu.size(); i++) {
      long valid = i < summaries.size() ? summaries.get(i).validSessions() : 0;
      spus.add(counters(perSpu.get(i), valid));
    }
    long valid = summaries.stream().mapToLong(FlowSummary::validSessions).sum();
    return new FlowStatisticsReply(
        device.perSpuBlocks(), spus, counters(FlowStatistics.total(perSpu), valid));
  }

  private static Counters counters(FlowStatistics s, long validSessions) {
    return new Counters(
        s.spu(),
        validSessions,
        s.packetsReceived(),
        s.packetsForwarded() + s.rejectResponsesSent(),
        Placeholders.PACKETS_QUEUED,
        Placeholders.PACKETS_COPIED,
        s.packetsDropped(),
        Placeholders.SERVICES_OFFLOAD_PACKETS,
        s.fragments(),
        Placeholders.FRAGMENTS_GENERATED,
        Placeholders.FRAGMENTS_GENERATED,
        s.dropCounters());
  }
}
