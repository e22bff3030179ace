package org.flowgate.dataplane.flow.fast;

import static org.flowgate.dataplane.session.SessionTable.FORWARD;
import static org.flowgate.dataplane.session.SessionTable.REVERSE;

import org.flowgate.dataplane.flow.SessionLifecycle;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.packet.TcpFlags;
import org.flowgate.dataplane.runtime.FlowSettings;
import org.flowgate.dataplane.session.CloseReason;
import org.flowgate.dataplane.session.SessionTable;
import org.flowgate.dataplane.session.TcpState;

/**
 * Follows the TCP exchange of a session (RFC 9293 §3.5, with Junos's timeouts and checks) in the
 * record's TCP bits ({@link TcpState}).
 *
 * <pre>
 *   SYN ──► SYN/ACK (Out wing) ──► ACK (In wing): established; timeout tcp-initial (20 s) becomes
 *                                                 the application's or protocol's
 *   FIN on a wing ──► the other wing ACKs FIN+1 : that wing's FIN state sent → acknowledged
 *   both FINs acknowledged : closing, 2 s left (at once with fin-invalidate-session)
 *   RST                    : closing, 2 s left (at once with rst-invalidate-session)
 *   sequence check         : a segment more than the window away from the wing's next sequence
 *                            is dropped (tcp-session no-sequence-check turns it off)
 *   SYN on an established session : passes, changes no state (not its sequence either)
 * </pre>
 *
 * <p>Thread: owned by its SPU's thread.
 */
public final class TcpTracker {
  private final SessionTable table;
  private final SessionLifecycle lifecycle;
  private FlowSettings settings;

  public TcpTracker(SessionTable table, SessionLifecycle lifecycle) {
    this.table = table;
    this.lifecycle = lifecycle;
  }

  public void install(FlowSettings flow) {
    this.settings = flow;
  }

  /** The TCP bits of a session its first packet starts (a SYN, or mid-stream without syn-check). */
  public static int initialBits(PacketDescriptor first, boolean transportHeader) {
    boolean syn =
        transportHeader && (first.tcpFlags & (TcpFlags.SYN | TcpFlags.ACK)) == TcpFlags.SYN;
    return syn ? TcpState.SYN : TcpState.SYN | TcpState.SYN_ACK | TcpState.ESTABLISHED;
  }

  /** True when the segment lies within the window of the wing's expected sequence. */
  public boolean inWindow(int slot, int wing, PacketDescriptor packet, int bits) {
    if (!settings.sequenceCheck()
        || (bits & (TcpState.SEQUENCE_KNOWN << wing)) == 0
        || (packet.tcpFlags & (TcpFlags.SYN | TcpFlags.RST)) != 0) {
      return true;
    }
    long distance = (int) (packet.tcpSequence - table.nextSequence(slot, wing));
    return distance <= settings.maximumWindowBytes() && distance >= -settings.maximumWindowBytes();
  }

  /** Takes one segment on {@code wing} into the session's TCP state; may shorten or close it. */
  public void track(int slot, int wing, PacketDescriptor packet, int bits) {
    int flags = packet.tcpFlags;
    if ((bits & TcpState.ESTABLISHED) != 0 && (flags & TcpFlags.SYN) != 0) {
      // A SYN or SYN/ACK on an established connection (a late duplicate of the handshake, or a
      // stray one with an unrelated sequence number) passes but changes nothing: taking its
      // sequence would put the real stream out of window. Linux conntrack ignores it the same
      // way (ESTABLISHED + SYN/ACK: "ignore"); a new SYN on a closing session starts a new one
      // before this (FastPath).
      return;
    }
    long end =
        packet.tcpSequence
            + packet.tcpPayloadBytes
            + ((flags & TcpFlags.SYN) != 0 ? 1 : 0)
            + ((flags & TcpFlags.FIN) != 0 ? 1 : 0);
    if ((bits & (TcpState.SEQUENCE_KNOWN << wing)) == 0
        || (int) (end - table.nextSequence(slot, wing)) > 0) {
      table.setNextSequence(slot, wing, end & 0xffff_ffffL);
      bits |= TcpState.SEQUENCE_KNOWN << wing;
    }
    if (wing == REVERSE
        && (flags & (TcpFlags.SYN | TcpFlags.ACK)) == (TcpFlags.SYN | TcpFlags.ACK)) {
      bits |= TcpState.SYN_ACK;
    }
    if ((bits & TcpState.ESTABLISHED) == 0
        && wing == FORWARD
        && (flags & (TcpFlags.SYN | TcpFlags.ACK)) == TcpFlags.ACK
        && (bits & TcpState.SYN_ACK) != 0) {
      bits |= TcpState.ESTABLISHED;
      table.setTimeoutSeconds(slot, lifecycle.inactivityTimeoutSeconds(slot));
    }
    if ((flags & TcpFlags.FIN) != 0 && (bits & (TcpState.FIN_SENT << wing)) == 0) {
      table.setFinSequence(
          slot, wing, (packet.tcpSequence + packet.tcpPayloadBytes) & 0xffff_ffffL);
      bits |= TcpState.FIN_SENT << wing;
    }
    int other = 1 - wing;
    if ((flags & TcpFlags.ACK) != 0
        && (bits & (TcpState.FIN_SENT << other)) != 0
        && (int) (packet.tcpAcknowledgement - (table.finSequence(slot, other) + 1)) >= 0) {
      bits |= TcpState.FIN_ACKED << other;
    }
    if ((flags & TcpFlags.RST) != 0) {
      bits |= TcpState.RST;
    }
    table.setTcpBits(slot, bits);
    if ((bits & TcpState.CLOSING) != 0) {
      return;
    }
    if ((bits & TcpState.BOTH_FINS_ACKED) == TcpState.BOTH_FINS_ACKED) {
      if (settings.finInvalidateSession()) {
        lifecycle.close(slot, CloseReason.TCP_FIN);
      } else {
        lifecycle.shorten(slot, settings.closingTimeoutSeconds(), CloseReason.TCP_FIN);
      }
    } else if ((flags & TcpFlags.RST) != 0) {
      if (settings.rstInvalidateSession()) {
        lifecycle.close(slot, CloseReason.TCP_RST);
      } else {
        lifecycle.shorten(slot, settings.closingTimeoutSeconds(), CloseReason.TCP_RST);
      }
    }
  }
}
