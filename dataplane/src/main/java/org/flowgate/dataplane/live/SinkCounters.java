package org.flowgate.dataplane.live;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one SPU's live sink counted: frames sent per port, and every packet it did not send, by
 * reason. Plain fields written by the SPU's thread only; {@link #into} is read from another thread
 * and gives recent values (a 64-bit field never tears), not one consistent instant.
 *
 * <p>Thread: written by its SPU's thread.
 */
final class SinkCounters {
  final long[] framesSent;
  final long[] bytesSent;
  long deliveredToHost;
  long queuedForResolution;
  long answersSent;
  long timeExceededSent;
  long tooBigSent;
  long fragmentsSent;
  long icmpRateLimited;
  long droppedTtlExpired;
  long droppedTooBig;
  long droppedNotEthernet;
  long droppedNoRoute;
  long droppedNotForwardable;
  long droppedEgressNotAttached;
  long droppedTruncated;
  long droppedTransmitRingFull;
  long droppedHostQueueFull;

  SinkCounters(int ports) {
    framesSent = new long[ports];
    bytesSent = new long[ports];
  }

  /** Adds these counters into {@code totals} under their names. */
  void into(Map<String, Long> totals) {
    add(totals, "delivered to the host", deliveredToHost);
    add(totals, "queued for neighbour resolution", queuedForResolution);
    add(totals, "reject answers sent", answersSent);
    add(totals, "ICMP time exceeded sent", timeExceededSent);
    add(totals, "ICMP too big sent", tooBigSent);
    add(totals, "fragments sent", fragmentsSent);
    add(totals, "ICMP errors rate-limited", icmpRateLimited);
    add(totals, "dropped: TTL expired", droppedTtlExpired);
    add(totals, "dropped: too big, DF or IPv6", droppedTooBig);
    add(totals, "dropped: not Ethernet", droppedNotEthernet);
    add(totals, "dropped: no route", droppedNoRoute);
    add(totals, "dropped: multicast, broadcast or link-local", droppedNotForwardable);
    add(totals, "dropped: egress not attached", droppedEgressNotAttached);
    add(totals, "dropped: truncated frame", droppedTruncated);
    add(totals, "dropped: transmit ring full", droppedTransmitRingFull);
    add(totals, "dropped: host queue full", droppedHostQueueFull);
  }

  static void add(Map<String, Long> totals, String name, long value) {
    totals.merge(name, value, Long::sum);
  }

  static Map<String, Long> empty() {
    return new LinkedHashMap<>();
  }
}
