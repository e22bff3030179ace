package org.flowgate.dataplane.flow.first;

import org.flowgate.dataplane.flow.FirstPacket;
import org.flowgate.dataplane.flow.FlowCounters;
import org.flowgate.dataplane.flow.PacketSink;
import org.flowgate.dataplane.flow.SessionApplications;
import org.flowgate.dataplane.flow.SessionEvents;
import org.flowgate.dataplane.flow.SessionLifecycle;
import org.flowgate.dataplane.flow.SessionNumbering;
import org.flowgate.dataplane.flow.SessionView;
import org.flowgate.dataplane.flow.SpuClock;
import org.flowgate.dataplane.flow.alg.AlgEngine;
import org.flowgate.dataplane.flow.fast.TcpTracker;
import org.flowgate.dataplane.flow.nat.NatTranslator;
import org.flowgate.dataplane.flow.screen.ScreenEngine;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.policy.PolicyTable;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.session.SessionTable;

/**
 * The first path: a packet that matches no session walks the SRX packet-walk stages in order (Junos
 * "Understanding Traffic Processing on SRX Series Devices"; reference §5), each deciding or
 * dropping with a reason.
 *
 * <pre>
 *  FirstPacket ─► Screens ─► SynCheck ─► DnsReplyCheck
 *    ─► GateCheck (an ALG gate: its translation; the policy lookup then takes the parent's)
 *    ─► DestinationNatStage (static, destination; not for a gate's child: the gate translates)
 *    ─► RouteLookup ─► ZoneLookup ─► HostInboundCheck ─► PolicyLookup (permit / deny / reject)
 *    ─► SourceNatStage (reverse static, source) ─► ApplicationIdentification (begins)
 *    ─► InstallSession (two wings, timer, NAT, the application identified so far)
 * </pre>
 *
 * ALGs act at the gate check (a child) and at the install (a control session): a new stage is a
 * class and a line here. After an install the screens count the session for {@code limit-session}.
 *
 * <p>Thread: owned by its SPU's thread. Allocates nothing per packet.
 */
public final class FirstPath {
  private final FirstPacket first;
  private final ScreenEngine screenEngine;
  private final Screens screens;
  private final SynCheck synCheck = new SynCheck();
  private final DnsReplyCheck dnsReplyCheck = new DnsReplyCheck();
  private final DestinationNatStage destinationNat;
  private final GateCheck gates;
  private final RouteLookup route = new RouteLookup();
  private final ZoneLookup zones = new ZoneLookup();
  private final HostInboundCheck hostInbound = new HostInboundCheck();
  private final PolicyLookup policy;
  private final SourceNatStage sourceNat;
  private final ApplicationIdentification applicationIdentification;
  private final InstallSession install;
  private final FirstPathStage[] stages;

  public FirstPath(
      int spu,
      SessionTable table,
      SpuClock clock,
      SessionLifecycle lifecycle,
      TcpTracker tcp,
      NatTranslator nat,
      FlowCounters counters,
      SessionView view,
      SessionNumbering numbering,
      SessionApplications applications,
      AlgEngine alg) {
    this.first = new FirstPacket(spu);
    this.screenEngine = new ScreenEngine(spu, table);
    this.screens = new Screens(screenEngine);
    this.destinationNat = new DestinationNatStage(nat);
    this.gates = new GateCheck(alg);
    this.policy = new PolicyLookup(counters, alg, table, lifecycle, view, applications);
    this.sourceNat = new SourceNatStage(nat, counters);
    this.applicationIdentification = new ApplicationIdentification(applications, policy, nat);
    this.install =
        new InstallSession(
            table,
            clock,
            lifecycle,
            tcp,
            nat,
            counters,
            view,
            numbering,
            applications,
            alg,
            policy);
    this.stages =
        new FirstPathStage[] {
          screens,
          synCheck,
          dnsReplyCheck,
          gates,
          destinationNat,
          route,
          zones,
          hostInbound,
          policy,
          sourceNat,
          applicationIdentification,
          install
        };
  }

  public void setEvents(SessionEvents events) {
    screenEngine.setEvents(events);
    policy.setEvents(events);
    sourceNat.setEvents(events);
    install.setEvents(events);
  }

  public void setSink(PacketSink sink) {
    policy.setSink(sink);
  }

  /** Hands every stage the new generation; policy hit counts start again from zero. */
  public void install(RuntimeConfig generation) {
    for (FirstPathStage stage : stages) {
      stage.install(generation);
    }
  }

  /**
   * Takes a packet that matched no session through the stages; null when a session was installed
   * and the packet is forwarded, else why it was dropped.
   */
  public DropReason process(
      org.flowgate.dataplane.packet.PacketDescriptor packet,
      RuntimeConfig config,
      long nowNs,
      int ingress,
      int routingInstance,
      boolean transportHeader) {
    FirstPacket p = first.reset(packet, config, nowNs, ingress, routingInstance, transportHeader);
    DropReason verdict;
    if ((verdict = screens.apply(p)) != null
        || (verdict = synCheck.apply(p)) != null
        || (verdict = dnsReplyCheck.apply(p)) != null
        || (verdict = gates.apply(p)) != null
        || (verdict = destinationNat.apply(p)) != null
        || (verdict = route.apply(p)) != null
        || (verdict = zones.apply(p)) != null
        || (verdict = hostInbound.apply(p)) != null
        || (verdict = policy.apply(p)) != null
        || (verdict = sourceNat.apply(p)) != null
        || (verdict = applicationIdentification.apply(p)) != null) {
      return verdict;
    }
    verdict = install.apply(p);
    if (verdict == null) {
      screenEngine.sessionInstalled(p.slot);
      verdict = install.algFirstPacket(p); // a datagram ALG reads its first message
    }
    return verdict;
  }

  /** This SPU's screens (the fast path, undecodable packets and session ends reach them too). */
  public ScreenEngine screens() {
    return screenEngine;
  }

  /**
   * The last first packet's walk: what each stage decided, readable until the next first packet
   * (the SPU's per-interface counters and traces read it).
   */
  public FirstPacket current() {
    return first;
  }

  /** First packets each policy decided (by index) since the generation was installed. */
  public long[] policyHits() {
    return policy.hits().clone();
  }

  public void clearPolicyHits() {
    policy.clearHits();
  }

  /** True when junos-host policies decide the zone's traffic to the device. */
  public boolean hostPoliciesDecide(int fromZone) {
    return policy.hostPoliciesDecide(fromZone);
  }

  /** The zone named junos-host, or -1. */
  public int hostZone() {
    return policy.hostZone();
  }

  /**
   * The decision point of unified policies (ADR 0033): identification has just named the
   * application of the session in {@code slot} from {@code packet} (as received). A session under
   * the pre-id default policy is matched to its final policy; returns the drop reason when that
   * denies or rejects it (the session is closed), else null. Allocates nothing.
   */
  public org.flowgate.dataplane.packet.DropReason applicationDecided(
      int slot, org.flowgate.dataplane.packet.PacketDescriptor packet) {
    return policy.rematch(slot, packet, true);
  }

  /** This SPU's policy lookup scratch, for lookups outside the first path (a commit's rematch). */
  public PolicyTable.Scratch policyScratch() {
    return policy.scratch();
  }
}
