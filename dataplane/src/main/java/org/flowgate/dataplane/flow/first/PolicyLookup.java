package org.flowgate.dataplane.flow.first;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.flow.FirstPacket;
import org.flowgate.dataplane.flow.FlowCounters;
import org.flowgate.dataplane.flow.PacketSink;
import org.flowgate.dataplane.flow.SessionEvents;
import org.flowgate.dataplane.flow.alg.AlgEngine;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.packet.ResponseBuilder;
import org.flowgate.dataplane.policy.PolicyAction;
import org.flowgate.dataplane.policy.PolicyTable;
import org.flowgate.dataplane.policy.SecurityPolicy;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.zone.Zone;

/**
 * Security policy: the zone pair's policies, then the global ones, then the default policy (ADR
 * 0013). Traffic to the device itself runs under {@code self-traffic-policy}, unless policies
 * {@code to-zone junos-host} decide its zone's traffic. Every first packet counts a hit on the
 * policy that decided it.
 *
 * <pre>
 *   permit ──► go on
 *   deny   ──► drop (POLICY_DENY), a DENY event for the session log
 *   reject ──► drop (POLICY_REJECT), a DENY event, and an answer built and sent back:
 *              TCP RST, or ICMP port unreachable for UDP; other protocols none (reference §6.2)
 *   through an ALG gate ──► no lookup: the parent's policy and application
 * </pre>
 *
 * <p>Thread: owned by its SPU's thread; its lookup scratch is this SPU's.
 */
final class PolicyLookup implements FirstPathStage {
  private final PolicyTable.Scratch scratch = new PolicyTable.Scratch();
  private final MemorySegment answer =
      MemorySegment.ofArray(new byte[ResponseBuilder.MAXIMUM_FRAME_BYTES]);
  private final FlowCounters counters;
  private SessionEvents events = SessionEvents.NONE;
  private PacketSink sink = PacketSink.DISCARD;
  private RuntimeConfig config;
  private long[] hits = new long[0];

  /** The zone named junos-host, or -1. */
  private int hostZone = -1;

  /** By from-zone: true when junos-host policies decide that zone's traffic to the device. */
  private boolean[] hostPoliciesFrom = new boolean[0];

  private final AlgEngine alg;

  PolicyLookup(FlowCounters counters, AlgEngine alg) {
    this.counters = counters;
    this.alg = alg;
  }

  void setEvents(SessionEvents sessionEvents) {
    this.events = sessionEvents;
  }

  void setSink(PacketSink packetSink) {
    this.sink = packetSink;
  }

  /** First packets each policy decided (by index) since the generation was installed. */
  long[] hits() {
    return hits;
  }

  void clearHits() {
    java.util.Arrays.fill(hits, 0);
  }

  @Override
  public void install(RuntimeConfig generation) {
    config = generation;
    hits = new long[generation.policies().size()];
    hostPolicies(generation);
  }

  @Override
  public DropReason apply(FirstPacket first) {
    PacketDescriptor packet = first.packet;
    if (first.gate >= 0 && !first.toSelf) {
      // an ALG child: no lookup, its parent's policy (docs/adr/0027-algs.md)
      first.policy = alg.gatePolicy(first.gate);
      first.application = alg.gateApplication(first.gate);
      return null;
    }
    long match =
        first.toSelf
            ? hostPolicy(first)
            : config
                .policies()
                .lookup(
                    scratch,
                    first.fromZone,
                    first.toZone,
                    packet.sourceHi,
                    packet.sourceLo,
                    first.destinationHi,
                    first.destinationLo,
                    packet.protocol,
                    packet.sourcePort,
                    first.destinationPort,
                    packet.icmpType,
                    packet.icmpCode);
    int policy = PolicyTable.policyOf(match);
    first.policy = policy;
    first.application = PolicyTable.applicationOf(match);
    if (policy < hits.length) {
      hits[policy]++;
    }
    PolicyAction action = config.policies().get(policy).action();
    if (action == PolicyAction.PERMIT) {
      return null;
    }
    events.sessionRefused(first);
    if (action == PolicyAction.DENY) {
      return DropReason.POLICY_DENY;
    }
    int length = ResponseBuilder.rejectAnswer(packet, answer);
    if (length > 0) {
      sink.send(answer, length, packet);
      counters.rejectResponsesSent++;
    }
    return DropReason.POLICY_REJECT;
  }

  /**
   * The policy for traffic to the device itself that its ingress zone's host-inbound-traffic let
   * through: {@code self-traffic-policy}, unless junos-host policies decide that zone's traffic;
   * then the usual lookup with to-zone junos-host (zone pair, global, default policy).
   */
  private long hostPolicy(FirstPacket first) {
    if (!hostPoliciesDecide(first.fromZone)) {
      return (long) PolicyTable.SELF_TRAFFIC << 32;
    }
    PacketDescriptor packet = first.packet;
    return config
        .policies()
        .lookup(
            scratch,
            first.fromZone,
            hostZone,
            packet.sourceHi,
            packet.sourceLo,
            packet.destinationHi,
            packet.destinationLo,
            packet.protocol,
            packet.sourcePort,
            packet.destinationPort,
            packet.icmpType,
            packet.icmpCode);
  }

  /** True when junos-host policies decide the zone's traffic to the device. */
  boolean hostPoliciesDecide(int fromZone) {
    return fromZone >= 0 && fromZone < hostPoliciesFrom.length && hostPoliciesFrom[fromZone];
  }

  int hostZone() {
    return hostZone;
  }

  PolicyTable.Scratch scratch() {
    return scratch;
  }

  /**
   * Which zones' traffic to the device junos-host policies decide: those with a zone-pair policy
   * {@code from-zone Z to-zone junos-host}, and every zone a global policy naming {@code to-zone
   * junos-host} may come from. Other zones keep {@code self-traffic-policy}, as without any such
   * policy. Computed once per configuration.
   */
  private void hostPolicies(RuntimeConfig next) {
    hostZone = next.zoneIndex(Zone.JUNOS_HOST);
    hostPoliciesFrom = new boolean[next.zones().size()];
    if (hostZone < 0) {
      return;
    }
    PolicyTable policies = next.policies();
    for (int from = 0; from < hostPoliciesFrom.length; from++) {
      hostPoliciesFrom[from] = policies.hasContext(from, hostZone);
    }
    for (int i = PolicyTable.DEFAULT_POLICY + 1; i < policies.size(); i++) {
      SecurityPolicy policy = policies.get(i);
      if (!policy.global() || !names(policy.toZones(), hostZone)) {
        continue;
      }
      for (int from = 0; from < hostPoliciesFrom.length; from++) {
        hostPoliciesFrom[from] |= policy.fromZones().length == 0 || names(policy.fromZones(), from);
      }
    }
  }

  /** True when the list names {@code zone} itself (an empty list, "any", names none). */
  private static boolean names(int[] zones, int zone) {
    for (int candidate : zones) {
      if (candidate == zone) {
        return true;
      }
    }
    return false;
  }
}
