package org.flowgate.dataplane.flow;

import org.flowgate.dataplane.packet.DropReason;

/**
 * What one SPU has counted. Plain fields: only the owning shard thread writes them; others read a
 * copy taken on that thread ({@code control.FlowStatistics}).
 *
 * <p>Thread: owned by its SPU shard's thread.
 */
public final class FlowCounters {
  public long packetsReceived;
  public long packetsForwarded;

  /** Packets whose addresses or ports NAT rewrote. */
  public long packetsTranslated;

  public long packetsDropped;
  public long bytesReceived;
  public long fragments;
  public long icmpErrorsMatched;
  public long sessionsCreated;
  public long sessionsClosed;

  /** Invalidated sessions whose records went back to the free list. */
  public long sessionsReaped;

  public long failedSessions;

  /** TCP RSTs and ICMP unreachables the firewall sent in answer to rejected first packets. */
  public long rejectResponsesSent;

  /**
   * Defects of Flowgate's own caught outside a packet's decision: a timer's (a session's timeout, a
   * gate's expiry), or a session's close while a commit reconciles the table. A packet's are
   * counted as its drop, {@link DropReason#FLOW_FAULT}. Not cleared with the traffic counters.
   */
  public long timerFaults;

  public final long[] drops = new long[DropReason.values().length];

  public void drop(DropReason reason) {
    packetsDropped++;
    drops[reason.ordinal()]++;
  }

  /**
   * {@code clear security flow statistics}: the packet, byte and drop counters back to zero. The
   * session counters stay: the session summary derives the sessions in the table from them.
   */
  public void clearTraffic() {
    packetsReceived = 0;
    packetsForwarded = 0;
    packetsTranslated = 0;
    packetsDropped = 0;
    bytesReceived = 0;
    fragments = 0;
    icmpErrorsMatched = 0;
    rejectResponsesSent = 0;
    java.util.Arrays.fill(drops, 0);
  }

  /** Sessions installed and not yet closed. */
  public long validSessions() {
    return sessionsCreated - sessionsClosed;
  }

  /** Sessions closed and not yet reaped. */
  public long invalidatedSessions() {
    return sessionsClosed - sessionsReaped;
  }
}
