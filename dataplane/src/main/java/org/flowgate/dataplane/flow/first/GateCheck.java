package org.flowgate.dataplane.flow.first;

import org.flowgate.dataplane.flow.FirstPacket;
import org.flowgate.dataplane.flow.alg.AlgEngine;
import org.flowgate.dataplane.nat.NatBinding;
import org.flowgate.dataplane.packet.DropReason;

/**
 * ALG gates (docs/adr/0027-algs.md): a first packet that matches a gate a control session opened
 * becomes that session's child. When the gate translates (the ALG rewrote the announced endpoint
 * for NAT), its destination moves back to the host that announced it, like destination NAT, before
 * the route lookup; the policy lookup is then skipped and the child runs under its parent's policy.
 * It runs before static and destination NAT, which a gate's child skips: a port forward that also
 * matches the announced port does not take the child from its gate (Junos: the gate is searched
 * with the packet's addresses and ports as it arrives; docs/adr/0039-alg-nat-rewriting.md).
 *
 * <pre>
 *  as announced   server ─► natAddress:natPort   destination becomes client:port (ALG binding)
 *  as forwarded   server ─► client:port          (a capture taken inside the NAT) kept; the In
 *                                                wing is installed as announced
 * </pre>
 *
 * <p>Thread: owned by its SPU's thread.
 */
final class GateCheck implements FirstPathStage {
  private final AlgEngine alg;

  GateCheck(AlgEngine alg) {
    this.alg = alg;
  }

  @Override
  public DropReason apply(FirstPacket first) {
    if (!first.transportHeader || first.natBinding != 0) {
      return null;
    }
    int gate = alg.gateFor(first.packet, first.routingInstance);
    if (gate < 0) {
      return null;
    }
    first.gate = gate;
    if (alg.gateTranslates(gate)) {
      first.gateForwarded = alg.matchedForwarded();
      first.destinationHi = alg.gateToHi(gate);
      first.destinationLo = alg.gateToLo(gate);
      first.destinationPort = alg.gateToPort(gate);
      first.natBinding = NatBinding.ALG_GATE;
    }
    return null;
  }
}
