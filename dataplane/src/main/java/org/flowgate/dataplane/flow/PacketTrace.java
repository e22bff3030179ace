package org.flowgate.dataplane.flow;

/**
 * Who hears about the packets {@code security flow traceoptions} selects: the SPU fills one {@link
 * TracedPacket} per traced packet and hands it over here, on its own thread. The listener copies
 * what it needs and never blocks (the recorder puts it in a bounded ring per SPU and counts what
 * does not fit).
 *
 * <p>Thread: called on the SPU's thread.
 */
public interface PacketTrace {
  /** No one listens: the SPU skips tracing altogether. */
  PacketTrace NONE = packet -> {};

  /** One traced packet, its decisions made; valid only during the call. */
  void traced(TracedPacket packet);
}
