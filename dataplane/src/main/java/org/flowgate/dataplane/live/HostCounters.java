package org.flowgate.dataplane.live;

import java.util.Map;

/**
 * What the host thread counted: the neighbour protocols in and out, pings answered, and what it
 * could not do, by reason. Written by the host thread only; {@link #into} from any thread gives
 * recent values.
 *
 * <p>Thread: written by the host thread.
 */
final class HostCounters {
  long arpRequestsReceived;
  long arpRepliesReceived;
  long arpRequestsSent;
  long arpRepliesSent;
  long solicitationsReceived;
  long advertisementsReceived;
  long solicitationsSent;
  long advertisementsSent;
  long echoRepliesSent;
  long timeExceededSent;
  long icmpRateLimited;
  long sentAfterResolution;
  long resolutionsFailed;
  long droppedUnresolved;
  long droppedToFlow;
  long droppedTransmit;
  long notAnswered;
  long tableFull;
  long malformed;

  void into(Map<String, Long> totals) {
    SinkCounters.add(totals, "ARP requests received", arpRequestsReceived);
    SinkCounters.add(totals, "ARP replies received", arpRepliesReceived);
    SinkCounters.add(totals, "ARP requests sent", arpRequestsSent);
    SinkCounters.add(totals, "ARP replies sent", arpRepliesSent);
    SinkCounters.add(totals, "neighbour solicitations received", solicitationsReceived);
    SinkCounters.add(totals, "neighbour advertisements received", advertisementsReceived);
    SinkCounters.add(totals, "neighbour solicitations sent", solicitationsSent);
    SinkCounters.add(totals, "neighbour advertisements sent", advertisementsSent);
    SinkCounters.add(totals, "echo replies sent", echoRepliesSent);
    SinkCounters.add(totals, "time exceeded sent before the flow", timeExceededSent);
    SinkCounters.add(totals, "ICMP errors rate-limited by the host", icmpRateLimited);
    SinkCounters.add(totals, "sent after resolution", sentAfterResolution);
    SinkCounters.add(totals, "resolutions failed", resolutionsFailed);
    SinkCounters.add(totals, "dropped: next hop unresolved", droppedUnresolved);
    SinkCounters.add(totals, "dropped: host to flow queue full", droppedToFlow);
    SinkCounters.add(totals, "dropped: host transmit ring full", droppedTransmit);
    SinkCounters.add(totals, "host packets not answered", notAnswered);
    SinkCounters.add(totals, "neighbour table full", tableFull);
    SinkCounters.add(totals, "malformed neighbour frames", malformed);
  }
}
