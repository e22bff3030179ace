package org.flowgate.dataplane.flow;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.packet.PacketDescriptor;

/**
 * Where one SPU's packets go once decided: the frames it forwards, as they leave (translated), and
 * the frames it builds itself (a reject's RST or ICMP error). A replay discards them or writes them
 * to a capture ({@code --write}); live interfaces send them ({@code dataplane.live}).
 *
 * <p>Thread: called on its SPU's thread only; must not block.
 */
public interface PacketSink {
  /** Drops everything: a replay that writes nothing. */
  PacketSink DISCARD =
      new PacketSink() {
        @Override
        public void forward(PacketDescriptor packet) {}

        @Override
        public void send(MemorySegment frame, int lengthBytes, PacketDescriptor cause) {}
      };

  /**
   * The end of a batch of packets: what was handed over since the last call may leave together (a
   * live sink sends its transmit rings with one system call). Nothing to do for other sinks.
   */
  default void flush() {}

  /** A packet the SPU forwards, readable (and already rewritten) during the call. */
  void forward(PacketDescriptor packet);

  /**
   * A frame the SPU built, of {@code cause}'s link type, going back out where {@code cause} came
   * in; {@code frame} is readable during the call only.
   */
  void send(MemorySegment frame, int lengthBytes, PacketDescriptor cause);
}
