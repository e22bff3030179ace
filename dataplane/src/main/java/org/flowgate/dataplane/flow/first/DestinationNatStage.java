package org.flowgate.dataplane.flow.first;

import org.flowgate.dataplane.flow.FirstPacket;
import org.flowgate.dataplane.flow.nat.NatTranslator;
import org.flowgate.dataplane.packet.DropReason;

/**
 * Static NAT, else destination NAT, on the packet as received (docs/adr/0012-nat.md): the route
 * lookup and the policy that follow see the translated destination. A packet that came through an
 * ALG gate is not translated again: the gate, looked up first as Junos does, says where it goes
 * (docs/adr/0039-alg-nat-rewriting.md).
 *
 * <p>Thread: owned by its SPU's thread.
 */
final class DestinationNatStage implements FirstPathStage {
  private final NatTranslator nat;

  DestinationNatStage(NatTranslator nat) {
    this.nat = nat;
  }

  @Override
  public DropReason apply(FirstPacket first) {
    if (first.gate >= 0) {
      return null;
    }
    nat.destination(first);
    return null;
  }
}
