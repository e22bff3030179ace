package org.flowgate.dataplane.flow.fast;

import static org.flowgate.dataplane.session.SessionTable.FORWARD;
import static org.flowgate.dataplane.session.SessionTable.REVERSE;

import org.flowgate.dataplane.flow.FlowCounters;
import org.flowgate.dataplane.flow.SessionApplications;
import org.flowgate.dataplane.flow.SessionLifecycle;
import org.flowgate.dataplane.flow.SessionTrafficControl;
import org.flowgate.dataplane.flow.SpuClock;
import org.flowgate.dataplane.flow.alg.AlgEngine;
import org.flowgate.dataplane.flow.nat.NatTranslator;
import org.flowgate.dataplane.net.IpProtocol;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.packet.TcpFlags;
import org.flowgate.dataplane.runtime.FlowSettings;
import org.flowgate.dataplane.session.CloseReason;
import org.flowgate.dataplane.session.SessionTable;
import org.flowgate.dataplane.session.TcpState;

/**
 * The fast path: a packet whose wing is in the session table.
 *
 * <pre>
 * onSession(slot, wing)  due? ──► close, go to the first path (SESSION_INVALIDATED)
 *                        TCP: new SYN on an ending session ──► close, first path
 *                             out of window ──► drop (TCP_OUT_OF_WINDOW)
 *                             count, refresh, TcpTracker
 *                        other: count, refresh; a response (ICMP echo reply, DNS answer) on the
 *                               Out wing shortens the session (response received)
 *                        application identification: a pending session's payload is inspected
 *                        (a bit of the record says pending; a decided session costs nothing);
 *                        the packet that decides may move it to its final policy or end it
 *                        (unified policies, Decisions)
 *                        NAT: the packet leaves as the reverse of the other wing
 *                        application traffic control: rate limit, DSCP; AppTrack updates
 *                        ALG control session: AlgEngine.inspect reads it (gates, payload
 *                        rewrite, sequence shift) and may drop it
 * replyAsForwarded       a translated session's reply in the form it leaves the firewall
 *                        (a capture taken on one side): counted on the Out wing, not rewritten
 * icmpError              an ICMP error about a session's packet: counted on the opposite wing,
 *                        translated back when the quoted packet left translated
 * </pre>
 *
 * Returns null when the packet is forwarded, a drop reason, or {@link
 * DropReason#SESSION_INVALIDATED} when the session ended and the packet takes the first path.
 *
 * <p>Thread: owned by its SPU's thread. Allocates nothing.
 */
public final class FastPath {
  private final SessionTable table;
  private final SpuClock clock;
  private final SessionLifecycle lifecycle;
  private final TcpTracker tcp;
  private final NatTranslator nat;
  private final FlowCounters counters;
  private final AlgEngine alg;
  private final SessionApplications applications;
  private FlowSettings settings;

  /** Who matches a session again when identification names its application (ADR 0033). */
  public interface Decisions {
    Decisions NONE = (slot, packet) -> null;

    /** The packet decided the session's application; a drop reason when its policy now refuses. */
    DropReason applicationDecided(int slot, PacketDescriptor packet);
  }

  private Decisions decisions = Decisions.NONE;

  /** Application traffic control and tracking (ADR 0034); null until the SPU wires it. */
  private SessionTrafficControl trafficControl;

  /**
   * The session slot and wing the last packet was counted on (-1 when it found none): the SPU reads
   * them for its per-interface counters and traces.
   */
  public int lastSlot = -1;

  public int lastWing;

  public FastPath(
      SessionTable table,
      SpuClock clock,
      SessionLifecycle lifecycle,
      TcpTracker tcp,
      NatTranslator nat,
      FlowCounters counters,
      SessionApplications applications,
      AlgEngine alg) {
    this.alg = alg;
    this.table = table;
    this.applications = applications;
    this.clock = clock;
    this.lifecycle = lifecycle;
    this.tcp = tcp;
    this.nat = nat;
    this.counters = counters;
  }

  public void setDecisions(Decisions applicationDecisions) {
    this.decisions = applicationDecisions;
  }

  /** Wires application traffic control and tracking; once, before the first packet. */
  public void setTrafficControl(SessionTrafficControl sessionTrafficControl) {
    this.trafficControl = sessionTrafficControl;
  }

  public void install(FlowSettings flow) {
    this.settings = flow;
  }

  /** A packet on one wing of a session, as received. */
  public DropReason onSession(
      int slot, int wing, PacketDescriptor packet, boolean transportHeader) {
    return onWing(slot, wing, packet, transportHeader, false);
  }

  private DropReason onWing(
      int slot,
      int wing,
      PacketDescriptor packet,
      boolean transportHeader,
      boolean alreadyTranslated) {
    lastSlot = slot;
    lastWing = wing;
    if (lifecycle.due(slot)) {
      lifecycle.closeAsDue(slot); // due, but its timer has not fired yet
      return DropReason.SESSION_INVALIDATED;
    }
    if (packet.protocol == IpProtocol.TCP && transportHeader) {
      int bits = table.tcpBits(slot);
      if ((packet.tcpFlags & (TcpFlags.SYN | TcpFlags.ACK)) == TcpFlags.SYN
          && (bits & TcpState.CLOSING) != 0) {
        lifecycle.closeAsDue(slot); // a new connection reuses the tuple of an ending one
        return DropReason.SESSION_INVALIDATED;
      }
      if (!tcp.inWindow(slot, wing, packet, bits)) {
        return DropReason.TCP_OUT_OF_WINDOW;
      }
      table.count(slot, wing, packet.ipLengthBytes);
      table.setLastTick(slot, clock.nowTick());
      tcp.track(slot, wing, packet, bits);
      if (table.isApplicationPending(slot)
          && applications.onPacket(slot, wing, packet, transportHeader)) {
        DropReason refused = decisions.applicationDecided(slot, packet);
        if (refused != null) {
          return refused;
        }
      }
      boolean translate = table.nat(slot) != 0 && !alreadyTranslated;
      if (translate) {
        nat.translateOnWing(slot, wing, packet, transportHeader);
      }
      if (trafficControl != null && trafficControl.active) {
        DropReason limited = trafficControl.onPacket(slot, wing, packet, transportHeader);
        if (limited != null) {
          return limited;
        }
      }
      if ((table.flags(slot) & SessionTable.FLAG_ALG_INSPECT) != 0) {
        return alg.inspect(slot, wing, packet, transportHeader, translate);
      }
      return null;
    }
    table.count(slot, wing, packet.ipLengthBytes);
    table.setLastTick(slot, clock.nowTick());
    if (table.isApplicationPending(slot)
        && applications.onPacket(slot, wing, packet, transportHeader)) {
      DropReason refused = decisions.applicationDecided(slot, packet);
      if (refused != null) {
        return refused;
      }
    }
    boolean translate = table.nat(slot) != 0 && !alreadyTranslated;
    if (translate) {
      nat.translateOnWing(slot, wing, packet, transportHeader);
    }
    if (trafficControl != null && trafficControl.active) {
      DropReason limited = trafficControl.onPacket(slot, wing, packet, transportHeader);
      if (limited != null) {
        return limited;
      }
    }
    if ((table.flags(slot) & SessionTable.FLAG_ALG_INSPECT) != 0) {
      DropReason verdict = alg.inspect(slot, wing, packet, transportHeader, translate);
      if (verdict != null) {
        return verdict;
      }
    }
    if (wing == REVERSE && isResponseThatCloses(slot, packet)) {
      lifecycle.shorten(slot, settings.responseTimeoutSeconds(), CloseReason.RESPONSE_RECEIVED);
    }
    return null;
  }

  /** An ICMP echo reply, or a DNS response (the DNS ALG closes the session on its response). */
  private boolean isResponseThatCloses(int slot, PacketDescriptor packet) {
    if (packet.icmpEcho) {
      return packet.icmpType == 0 || packet.icmpType == 129;
    }
    // the DNS ALG closes a DNS session on its response; with security alg dns disable it lives on
    return packet.protocol == IpProtocol.UDP
        && table.destinationPort(slot, FORWARD) == 53
        && alg.watched(slot, org.flowgate.dataplane.alg.Alg.DNS);
  }

  /**
   * A capture taken on one side of the firewall holds a translated session's replies as they leave
   * it (the reverse of the In wing: {@code server -> inside host} behind source NAT, {@code VIP ->
   * client} in front of destination NAT), not as they arrive. Such a packet is the session's reply:
   * it counts on the Out wing and goes out unchanged. Returns {@code SESSION_INVALIDATED} when it
   * is not one.
   */
  public DropReason replyAsForwarded(
      PacketDescriptor packet, int routingInstance, boolean transportHeader) {
    int mirrored =
        table.lookup(
            packet.destinationHi,
            packet.destinationLo,
            packet.sourceHi,
            packet.sourceLo,
            packet.destinationPort,
            packet.sourcePort,
            packet.protocol,
            routingInstance);
    if (mirrored < 0 || table.nat(SessionTable.slotOf(mirrored)) == 0) {
      return DropReason.SESSION_INVALIDATED;
    }
    int slot = SessionTable.slotOf(mirrored);
    if (SessionTable.wingOf(mirrored) == FORWARD) {
      return onWing(slot, REVERSE, packet, transportHeader, true);
    }
    if (table.isAlg(slot)) {
      // an ALG child caught in its forwarded form (a capture inside the NAT): server ─► client
      return onWing(slot, FORWARD, packet, transportHeader, true);
    }
    return DropReason.SESSION_INVALIDATED;
  }

  /** An ICMP error: counted on the session of the packet it quotes. */
  public DropReason icmpError(PacketDescriptor packet, int routingInstance) {
    int reference =
        table.lookup(
            packet.quotedSourceHi,
            packet.quotedSourceLo,
            packet.quotedDestinationHi,
            packet.quotedDestinationLo,
            packet.quotedSourcePort,
            packet.quotedDestinationPort,
            packet.quotedProtocol,
            routingInstance);
    int wing;
    if (reference >= 0) {
      wing = 1 - SessionTable.wingOf(reference); // the error travels against the packet it quotes
    } else {
      // the quoted packet left translated: it is the reverse of a wing, and the error travels on it
      reference =
          table.lookup(
              packet.quotedDestinationHi,
              packet.quotedDestinationLo,
              packet.quotedSourceHi,
              packet.quotedSourceLo,
              packet.quotedDestinationPort,
              packet.quotedSourcePort,
              packet.quotedProtocol,
              routingInstance);
      if (reference < 0) {
        return DropReason.ICMP_ERROR_WITHOUT_SESSION;
      }
      wing = SessionTable.wingOf(reference);
      if (table.nat(SessionTable.slotOf(reference)) != 0) {
        nat.translateIcmpError(SessionTable.slotOf(reference), wing, packet);
      }
    }
    int slot = SessionTable.slotOf(reference);
    lastSlot = slot;
    lastWing = wing;
    table.count(slot, wing, packet.ipLengthBytes);
    table.setLastTick(slot, clock.nowTick());
    counters.icmpErrorsMatched++;
    return null;
  }
}
