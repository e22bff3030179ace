package org.flowgate.dataplane.flow.first;

import org.flowgate.dataplane.flow.FirstPacket;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.runtime.RuntimeConfig;

/**
 * One step of the SRX first-packet walk (see {@link FirstPath}). A stage reads what earlier stages
 * wrote into the {@link FirstPacket}, adds its own decision, and returns null to go on or the
 * reason the packet is dropped. A stage allocates nothing per packet.
 *
 * <p>Thread: a stage belongs to one SPU and runs on its thread.
 */
public interface FirstPathStage {
  /** Decides for one first packet: null to go on, else why it is dropped. */
  DropReason apply(FirstPacket packet);

  /** Takes what it needs of a new generation, between packets. */
  default void install(RuntimeConfig generation) {}
}
