package org.flowgate.dataplane.flow.first;

import static org.flowgate.dataplane.session.SessionTable.FORWARD;
import static org.flowgate.dataplane.session.SessionTable.REVERSE;

import org.flowgate.dataplane.flow.FirstPacket;
import org.flowgate.dataplane.flow.FlowCounters;
import org.flowgate.dataplane.flow.SessionApplications;
import org.flowgate.dataplane.flow.SessionEvents;
import org.flowgate.dataplane.flow.SessionLifecycle;
import org.flowgate.dataplane.flow.SessionNumbering;
import org.flowgate.dataplane.flow.SessionView;
import org.flowgate.dataplane.flow.SpuClock;
import org.flowgate.dataplane.flow.alg.AlgEngine;
import org.flowgate.dataplane.flow.fast.TcpTracker;
import org.flowgate.dataplane.flow.nat.NatTranslator;
import org.flowgate.dataplane.net.IpProtocol;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.packet.TcpFlags;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.session.SessionTable;
import org.flowgate.dataplane.zone.Zone;

/**
 * Installs the session with both wings (reference §1.2): In is the packet as received, Out the
 * reverse of the packet as it leaves (translated); both go into the index, the timer is armed, the
 * NAT binding starts, the first packet is counted and rewritten, and the application identified so
 * far is recorded (its first packet inspected). A full table refuses the session (counted as
 * failed, its NAT taken back). A child of an ALG gate joins the gate's group; a session whose
 * application (or well-known port) runs an ALG becomes a control session.
 *
 * <p>Thread: owned by its SPU's thread.
 */
final class InstallSession implements FirstPathStage {
  private final SessionTable table;
  private final SpuClock clock;
  private final SessionLifecycle lifecycle;
  private final TcpTracker tcp;
  private final NatTranslator nat;
  private final FlowCounters counters;
  private final SessionView view;
  private final SessionNumbering numbering;
  private final AlgEngine alg;
  private final SessionApplications applications;
  private final PolicyLookup policy;
  private SessionEvents events = SessionEvents.NONE;
  private RuntimeConfig config;

  InstallSession(
      SessionTable table,
      SpuClock clock,
      SessionLifecycle lifecycle,
      TcpTracker tcp,
      NatTranslator nat,
      FlowCounters counters,
      SessionView view,
      SessionNumbering numbering,
      SessionApplications applications,
      AlgEngine alg,
      PolicyLookup policy) {
    this.policy = policy;
    this.alg = alg;
    this.numbering = numbering;
    this.applications = applications;
    this.table = table;
    this.clock = clock;
    this.lifecycle = lifecycle;
    this.tcp = tcp;
    this.nat = nat;
    this.counters = counters;
    this.view = view;
  }

  void setEvents(SessionEvents sessionEvents) {
    this.events = sessionEvents;
  }

  @Override
  public void install(RuntimeConfig generation) {
    config = generation;
  }

  @Override
  public DropReason apply(FirstPacket first) {
    int slot = table.allocate();
    if (slot < 0) {
      nat.abandon(first);
      applications.abandon();
      counters.failedSessions++;
      return DropReason.SESSION_TABLE_FULL;
    }
    first.slot = slot;
    PacketDescriptor packet = first.packet;
    table.setSessionId(slot, numbering.next(packet.ordinal));
    table.setFlags(slot, packet.ipVersion == 6 ? SessionTable.FLAG_IPV6 : 0);
    table.setProtocol(slot, packet.protocol);
    table.setValid(slot);
    boolean forwarded = first.gateForwarded;
    table.setWingKey(
        slot,
        FORWARD,
        packet.sourceHi,
        packet.sourceLo,
        forwarded ? alg.gateDestinationHi(first.gate) : packet.destinationHi,
        forwarded ? alg.gateDestinationLo(first.gate) : packet.destinationLo,
        packet.sourcePort,
        forwarded ? alg.gateDestinationPort(first.gate) : packet.destinationPort);
    table.setWingKey(
        slot,
        REVERSE,
        first.destinationHi,
        first.destinationLo,
        first.sourceHi,
        first.sourceLo,
        first.destinationPort,
        first.sourcePort);
    table.setToken(slot, FORWARD, token(first.ingress, first.routingInstance));
    table.setToken(slot, REVERSE, token(first.egress, first.routingInstance));
    table.setInterfaceIndex(slot, FORWARD, first.ingress);
    table.setInterfaceIndex(slot, REVERSE, first.egress);
    table.setPolicy(slot, first.policy);
    table.setApplication(slot, first.application);
    table.setCreatedTick(slot, clock.nowTick());
    table.setLastTick(slot, clock.nowTick());
    table.setTimeoutSeconds(slot, lifecycle.inactivityTimeoutSeconds(slot));
    table.count(slot, FORWARD, packet.ipLengthBytes);
    table.indexWing(slot, FORWARD);
    table.indexWing(slot, REVERSE);
    // the payload as received, before NAT moves the frame; true when it decided the application
    boolean decided = applications.started(slot, first);
    if (first.natBinding != 0) {
      table.setNat(slot, first.natBinding);
      if (!forwarded) {
        nat.started(first); // a child caught as forwarded already left translated
      }
    }
    if (first.gate >= 0) {
      alg.childStarted(slot, first.gate);
    } else if (!first.toSelf) {
      int which = alg.choose(first.application, packet.protocol, first.destinationPort);
      if (which >= 0) {
        alg.controlStarted(slot, which); // it reads the first packet after the install
      }
    }
    counters.sessionsCreated++;
    if (packet.protocol == IpProtocol.TCP) {
      int bits = TcpTracker.initialBits(packet, first.transportHeader);
      if (first.transportHeader
          && (packet.tcpFlags & (TcpFlags.SYN | TcpFlags.ACK)) == TcpFlags.SYN) {
        table.setTimeoutSeconds(slot, config.settings().tcpInitialTimeoutSeconds());
      }
      table.setTcpBits(slot, bits);
      if (first.transportHeader) {
        tcp.track(slot, FORWARD, packet, bits);
      }
    }
    lifecycle.started(slot);
    events.sessionCreated(view.at(slot));
    // unified policies: the first packet named the application, the session is matched again
    // (a deny closes it)
    return decided && policy != null ? policy.rematch(slot, packet, false) : null;
  }

  /**
   * After the install: a datagram control session (TFTP, Sun RPC over UDP, DNS ...) reads its first
   * packet as its first message, in the form it leaves (translated). Null to forward it.
   */
  DropReason algFirstPacket(FirstPacket first) {
    return alg.firstPacket(
        first.slot,
        first.packet,
        first.transportHeader,
        first.natBinding != 0 && !first.gateForwarded);
  }

  /**
   * A wing's session token: its routing instance and its interface's zone id; the device's own wing
   * ({@code .local..0}) is in {@code junos-host}, whether or not a policy names that zone.
   */
  private int token(int interfaceIndex, int routingInstance) {
    int zone = config.zoneOf(interfaceIndex);
    int zoneId =
        zone >= 0
            ? config.zones().get(zone).id()
            : interfaceIndex == SessionView.LOCAL_INTERFACE ? Zone.JUNOS_HOST_ID : 0;
    return (routingInstance << 8) | (zoneId & 0xff);
  }
}
