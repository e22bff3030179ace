package org.flowgate.dataplane.flow.first;

import org.flowgate.dataplane.flow.FirstPacket;
import org.flowgate.dataplane.flow.screen.ScreenEngine;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.runtime.RuntimeConfig;

/**
 * Screens, the first stage of the SRX first path (reference §6.1: "Screens → Static NAT → ..."):
 * the ingress zone's {@code security screen ids-option}, through the SPU's {@link ScreenEngine},
 * which also screens the packets of sessions on the fast path. One boolean check when no zone has a
 * screen.
 *
 * <p>Thread: owned by its SPU's thread.
 */
final class Screens implements FirstPathStage {
  private final ScreenEngine engine;

  Screens(ScreenEngine engine) {
    this.engine = engine;
  }

  @Override
  public void install(RuntimeConfig generation) {
    engine.install(generation);
  }

  @Override
  public DropReason apply(FirstPacket first) {
    return engine.onFirstPacket(first);
  }
}
