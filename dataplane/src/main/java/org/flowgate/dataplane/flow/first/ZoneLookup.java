package org.flowgate.dataplane.flow.first;

import org.flowgate.dataplane.flow.FirstPacket;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.runtime.RuntimeConfig;

/**
 * Zones from the interfaces: the to-zone is the egress interface's (none, -1, for traffic to the
 * device itself; the policy stage decides which policies apply to it). The from-zone was known from
 * the ingress interface before destination NAT.
 *
 * <p>Thread: owned by its SPU's thread.
 */
final class ZoneLookup implements FirstPathStage {
  private RuntimeConfig config;

  @Override
  public void install(RuntimeConfig generation) {
    config = generation;
  }

  @Override
  public DropReason apply(FirstPacket first) {
    first.toZone = config.zoneOf(first.egress);
    return null;
  }
}
