package org.flowgate.dataplane.flow.first;

import org.flowgate.dataplane.flow.FirstPacket;
import org.flowgate.dataplane.flow.FlowCounters;
import org.flowgate.dataplane.flow.SessionEvents;
import org.flowgate.dataplane.flow.nat.NatTranslator;
import org.flowgate.dataplane.packet.DropReason;

/**
 * Reverse static NAT, else source NAT, on the source of a permitted packet (docs/adr/0012-nat.md).
 * Traffic to the device itself is not source-translated. A pool with nothing left refuses the
 * session: counted as a failed session, logged as the policy's DENY would be.
 *
 * <p>Thread: owned by its SPU's thread.
 */
final class SourceNatStage implements FirstPathStage {
  private final NatTranslator nat;
  private final FlowCounters counters;
  private SessionEvents events = SessionEvents.NONE;

  SourceNatStage(NatTranslator nat, FlowCounters counters) {
    this.nat = nat;
    this.counters = counters;
  }

  void setEvents(SessionEvents sessionEvents) {
    this.events = sessionEvents;
  }

  @Override
  public DropReason apply(FirstPacket first) {
    if (first.toSelf || nat.source(first)) {
      return null;
    }
    counters.failedSessions++;
    first.natFailed = true;
    events.sessionRefused(first);
    return DropReason.NAT_POOL_EXHAUSTED;
  }
}
