package org.flowgate.dataplane.flow.alg;

/**
 * What one ALG counted on one SPU. Plain fields written by the SPU's thread; queries copy them on
 * that thread.
 */
public final class AlgCounters {
  /** Control sessions the ALG read (installed with it). */
  public long controlSessions;

  /** Control sessions left unread because the control-state pool was empty. */
  public long controlPoolFull;

  /** Packets of control sessions the ALG saw. */
  public long packets;

  /** Whole messages (lines, datagrams, records) it read. */
  public long messages;

  public long gatesOpened;

  /** Gates that could not open: gate table, resource pool or NAT ports exhausted. */
  public long gatesFailed;

  /** Child sessions made through a gate. */
  public long childSessions;

  public long gatesExpired;

  /** Messages whose payload was rewritten for NAT. */
  public long rewrites;

  /** Rewrites not made: the packet was not whole, or the edits did not fit. */
  public long rewritesFailed;

  /**
   * Control sessions whose inspection failed with a fault of the ALG's own (a bug, not the
   * traffic): the session stays and passes, no longer inspected, and the SPU carries on.
   */
  public long inspectionFaults;

  /** Messages the ALG could not read (bad syntax): passed without a gate. */
  public long malformed;

  /** Messages naming another host than the session's end, dropped (no allow-mismatch). */
  public long mismatchDropped;

  /** Messages dropped for another reason the ALG names (oversized, bad header ...). */
  public long dropped;

  /** Messages longer than the ALG reads: skipped to the next message boundary. */
  public long overlong;

  /** Segments after a gap in the stream: read from the next message boundary on. */
  public long outOfOrder;

  /**
   * Segments held back under NAT (DropReason ALG_HELD): they ended inside a message that may need
   * rewriting, came after a gap, or retransmitted held bytes (docs/adr/0039-alg-nat-rewriting.md).
   */
  public long held;

  /** Retransmissions of rewritten bytes dropped because they cut a rewritten message. */
  public long retransmissionsDropped;

  /** DNS messages longer than maximum-message-length. */
  public long oversized;

  /** A copy of these counters. */
  public AlgCounters copy() {
    AlgCounters c = new AlgCounters();
    c.controlSessions = controlSessions;
    c.controlPoolFull = controlPoolFull;
    c.packets = packets;
    c.messages = messages;
    c.gatesOpened = gatesOpened;
    c.gatesFailed = gatesFailed;
    c.childSessions = childSessions;
    c.gatesExpired = gatesExpired;
    c.rewrites = rewrites;
    c.rewritesFailed = rewritesFailed;
    c.inspectionFaults = inspectionFaults;
    c.malformed = malformed;
    c.mismatchDropped = mismatchDropped;
    c.dropped = dropped;
    c.overlong = overlong;
    c.outOfOrder = outOfOrder;
    c.held = held;
    c.retransmissionsDropped = retransmissionsDropped;
    c.oversized = oversized;
    return c;
  }

  /** Adds another SPU's counters to these. */
  public void add(AlgCounters o) {
    controlSessions += o.controlSessions;
    controlPoolFull += o.controlPoolFull;
    packets += o.packets;
    messages += o.messages;
    gatesOpened += o.gatesOpened;
    gatesFailed += o.gatesFailed;
    childSessions += o.childSessions;
    gatesExpired += o.gatesExpired;
    rewrites += o.rewrites;
    rewritesFailed += o.rewritesFailed;
    inspectionFaults += o.inspectionFaults;
    malformed += o.malformed;
    mismatchDropped += o.mismatchDropped;
    dropped += o.dropped;
    overlong += o.overlong;
    outOfOrder += o.outOfOrder;
    held += o.held;
    retransmissionsDropped += o.retransmissionsDropped;
    oversized += o.oversized;
  }
}
