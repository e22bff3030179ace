package org.flowgate.dataplane.replay;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.capture.FrameSpool;
import org.flowgate.dataplane.flow.PacketSink;
import org.flowgate.dataplane.packet.PacketDescriptor;

/**
 * One SPU's packets for {@code replay --write}: forwarded frames as they leave (translated), and
 * the frames the SPU built itself, spooled with their place in the capture so that the SPUs' spools
 * merge back into capture order ({@link ForwardedCapture}). A frame the SPU built in answer to a
 * packet takes the key just after that packet's (keys are byte offsets of record starts, at least a
 * record header apart), so it follows it.
 *
 * <p>Thread: its SPU's.
 */
final class SpoolingSink implements PacketSink {
  private final FrameSpool spool;

  SpoolingSink(FrameSpool spool) {
    this.spool = spool;
  }

  @Override
  public void forward(PacketDescriptor packet) {
    spool.append(
        packet.captureFrameKey,
        packet.timestampNs,
        packet.linkType,
        packet.captureInterfaceId,
        packet.originalLengthBytes,
        packet.segment,
        packet.frameOffset,
        packet.capturedLengthBytes);
  }

  @Override
  public void send(MemorySegment frame, int lengthBytes, PacketDescriptor cause) {
    spool.append(
        cause.captureFrameKey + 1,
        cause.timestampNs,
        cause.linkType,
        cause.captureInterfaceId,
        lengthBytes,
        frame,
        0,
        lengthBytes);
  }
}
