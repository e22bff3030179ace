package org.flowgate.dataplane.flow.first;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.flow.FirstPacket;
import org.flowgate.dataplane.flow.FlowCounters;
import org.flowgate.dataplane.flow.PacketSink;
import org.flowgate.dataplane.flow.SessionApplications;
import org.flowgate.dataplane.flow.SessionEvents;
import org.flowgate.dataplane.flow.SessionLifecycle;
import org.flowgate.dataplane.flow.SessionView;
import org.flowgate.dataplane.flow.alg.AlgEngine;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.packet.ResponseBuilder;
import org.flowgate.dataplane.policy.PolicyAction;
import org.flowgate.dataplane.policy.PolicyTable;
import org.flowgate.dataplane.policy.SecurityPolicy;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.session.CloseReason;
import org.flowgate.dataplane.session.SessionTable;
import org.flowgate.dataplane.session.TcpState;
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
 *   pending  ──► unified policies wait for the application: the pre-id default policy (permit)
 * </pre>
 *
 * <p>Unified policies (ADR 0033): when the application becomes known, {@link #finalMatch} (on the
 * first path, when identification decided without payload) or {@link #rematch} (at the decision
 * point on the fast path) looks the session up again with it. The final policy counts a hit; a
 * permit moves the session to it (its timeout, a CREATE when it logs session-init), a deny or
 * reject closes it ({@code application failure or action}), a reject also answering the packet that
 * decided.
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
  private final SessionTable table;
  private final SessionLifecycle lifecycle;
  private final SessionView view;
  private final SessionApplications applications;

  PolicyLookup(
      FlowCounters counters,
      AlgEngine alg,
      SessionTable table,
      SessionLifecycle lifecycle,
      SessionView view,
      SessionApplications applications) {
    this.counters = counters;
    this.alg = alg;
    this.table = table;
    this.lifecycle = lifecycle;
    this.view = view;
    this.applications = applications;
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
    return decide(first, match);
  }

  /** Counts the hit and applies the policy of a lookup's result to the first packet. */
  private DropReason decide(FirstPacket first, long match) {
    PacketDescriptor packet = first.packet;
    int policy = PolicyTable.policyOf(match);
    first.policy = policy;
    first.application = PolicyTable.applicationOf(match);
    first.policyPending = PolicyTable.pendingOf(match) && !first.toSelf;
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
   * Unified policies on the first path: the policy was left pending, and identification named the
   * application without payload (the IP protocol, an address mapping, the application system
   * cache), so the final policy is matched now, before the session is installed, as Junos does with
   * an application system cache hit. Returns the drop reason when it denies or rejects.
   */
  DropReason finalMatch(FirstPacket first, int application, int nestedApplication) {
    if (!first.policyPending
        || application == org.flowgate.dataplane.appid.ApplicationCatalog.PENDING) {
      return null;
    }
    PacketDescriptor packet = first.packet;
    long match =
        config
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
                packet.icmpCode,
                application,
                nestedApplication);
    return decide(first, match);
  }

  /**
   * The decision point of unified policies on an installed session: identification has just named
   * the application of the session in {@code slot} (the packet in hand decided it, still as
   * received when {@code answerable}). A session under the pre-id default policy is looked up again
   * with it; see the class comment. Returns the drop reason for the packet when the final policy
   * denies or rejects (the session is closed then), else null. Allocates nothing.
   */
  DropReason rematch(int slot, PacketDescriptor packet, boolean answerable) {
    if (table.policy(slot) != PolicyTable.PRE_ID_DEFAULT_POLICY || !table.isValid(slot)) {
      return null;
    }
    int application = applications.application(slot);
    if (application == org.flowgate.dataplane.appid.ApplicationCatalog.PENDING) {
      return null;
    }
    int fromZone = config.zoneOf(table.interfaceIndex(slot, SessionTable.FORWARD));
    int toZone = config.zoneOf(table.interfaceIndex(slot, SessionTable.REVERSE));
    long match =
        config
            .policies()
            .lookup(
                scratch,
                fromZone,
                toZone,
                table.sourceHi(slot, SessionTable.FORWARD),
                table.sourceLo(slot, SessionTable.FORWARD),
                table.sourceHi(slot, SessionTable.REVERSE),
                table.sourceLo(slot, SessionTable.REVERSE),
                table.protocol(slot),
                table.sourcePort(slot, SessionTable.FORWARD),
                table.sourcePort(slot, SessionTable.REVERSE),
                -1,
                -1,
                application,
                applications.nestedApplication(slot));
    int policy = PolicyTable.policyOf(match);
    if (policy < hits.length) {
      hits[policy]++;
    }
    table.setPolicy(slot, policy);
    table.setApplication(slot, PolicyTable.applicationOf(match));
    PolicyAction action = config.policies().get(policy).action();
    if (action == PolicyAction.PERMIT) {
      int bits = table.tcpBits(slot);
      boolean settled =
          table.protocol(slot) == org.flowgate.dataplane.net.IpProtocol.TCP
              ? (bits & TcpState.ESTABLISHED) != 0
              : true;
      if (settled && (bits & TcpState.CLOSING) == 0) {
        table.setTimeoutSeconds(slot, lifecycle.inactivityTimeoutSeconds(slot));
      }
      events.sessionPolicyMatched(view.at(slot));
      return null;
    }
    if (action == PolicyAction.REJECT && answerable) {
      int length = ResponseBuilder.rejectAnswer(packet, answer);
      if (length > 0) {
        sink.send(answer, length, packet);
        counters.rejectResponsesSent++;
      }
    }
    lifecycle.close(slot, CloseReason.APPLICATION_ACTION);
    return action == PolicyAction.DENY ? DropReason.POLICY_DENY : DropReason.POLICY_REJECT;
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
    for (int i = PolicyTable.FIRST_USER_POLICY; i < policies.size(); i++) {
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
