package org.flowgate.dataplane.flow.alg;

import static org.flowgate.dataplane.session.SessionTable.FORWARD;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.flowgate.dataplane.alg.Alg;
import org.flowgate.dataplane.alg.AlgBindings;
import org.flowgate.dataplane.alg.AlgSettings;
import org.flowgate.dataplane.appid.StreamBuffers;
import org.flowgate.dataplane.dispatch.GatePlacement;
import org.flowgate.dataplane.flow.SpuClock;
import org.flowgate.dataplane.flow.nat.NatTranslator;
import org.flowgate.dataplane.net.IpProtocol;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.packet.TcpFlags;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.session.SessionTable;

/**
 * One SPU's application layer gateways: which ALG a new session runs, the control sessions' streams
 * read message by message, the gates they open, the child sessions those gates become, and the
 * resource manager that ties them together (docs/adr/0027-algs.md).
 *
 * <pre>
 *  first path  gateFor(packet) ─► a gate: the session is a child (no policy lookup, the parent's
 *              policy), installed ─► childStarted(slot, gate)
 *              no gate, permitted ─► choose(application, port) ─► controlStarted(slot, alg)
 *  fast path   a control session's packet ─► inspect(slot, wing, packet):
 *                 TCP: in order only (a gap resynchronises at the next message), a message
 *                 split over segments is gathered in a stream buffer (STREAM_BUFFER_BYTES)
 *                 under NAT the unfinished start of a message that may be rewritten is held
 *                 back (ALG_HELD) and sent with its rest as one segment (continueHeld, holdTail,
 *                 holdAhead; docs/adr/0039-alg-nat-rewriting.md)
 *                 whole messages ─► Gateway.message ─► gates, edits
 *                 edits (NAT) ─► payload replaced, sequence shift recorded (ControlStates);
 *                 later segments of that direction shifted, the other direction's ACKs shifted
 *                 back
 *  session end sessionEnding(slot): a control session's group loses its control; a child's
 *              resource goes; the group goes when empty (its gates with it)
 *  timers      expire(): gates past their deadline close
 * </pre>
 *
 * <p>Thread: owned by its SPU's thread. Allocates nothing per packet.
 */
public final class AlgEngine {
  /** The longest control message an ALG gathers over segments. */
  static final int STREAM_BUFFER_BYTES = 2048;

  private static final int STREAM_BUFFERS = 256;

  /**
   * How long bytes held back wait for the rest of their message: a retransmission of them after
   * that lets them go unrewritten (Flowgate's choice; docs/adr/0039-alg-nat-rewriting.md).
   */
  static final int HOLD_SECONDS = 1;

  /** How far past the next expected byte an out-of-order segment may start and be held. */
  private static final int AHEAD_WINDOW_BYTES = 65_535;

  /** readMessages: the segment is held back whole. */
  private static final int HOLD = 2;

  private final int spu;
  private final SessionTable table;
  private final SpuClock clock;
  private final NatTranslator nat;
  private final AlgSessions sessions;
  private final ControlStates controls;
  private final GateTable gates;
  private final ResourceManager resources;
  private final StreamBuffers buffers = new StreamBuffers(STREAM_BUFFERS, STREAM_BUFFER_BYTES);
  private final Inspection inspection = new Inspection(this);
  private final Gateway[] gateways = new Gateway[Alg.values().length];
  private final AlgCounters[] counters = new AlgCounters[Alg.values().length];
  private final byte[] rewritten = new byte[65536 + STREAM_BUFFER_BYTES + MessageEdits.TEXT_BYTES];
  private final byte[] joined = new byte[STREAM_BUFFER_BYTES];
  private AlgSettings settings = AlgSettings.junosDefaults();
  private AlgBindings bindings;
  private GatePlacement.Announcer announcer;
  private org.flowgate.dataplane.flow.SessionLifecycle lifecycle;
  private long natHold;

  /** The device-wide ordinal of the packet being inspected (names the gates it opens). */
  private long ordinal;

  public AlgEngine(int spu, SessionTable table, SpuClock clock, NatTranslator nat) {
    this.spu = spu;
    this.table = table;
    this.clock = clock;
    this.nat = nat;
    int capacity = table.capacity();
    this.sessions = new AlgSessions(capacity);
    int controlCapacity = Math.max(64, Math.min(capacity, 1 << 14));
    this.controls = new ControlStates(controlCapacity);
    this.gates = new GateTable(Math.max(64, Math.min(capacity, 1 << 14)));
    this.resources =
        new ResourceManager(spu, controlCapacity, Math.max(256, Math.min(capacity, 1 << 16)));
    gateways[Alg.FTP.ordinal()] = new FtpAlg();
    gateways[Alg.SIP.ordinal()] =
        new SipAlg(Math.max(64, Math.min(capacity, 1 << 12)), resources.groupCapacity());
    gateways[Alg.TFTP.ordinal()] = new TftpAlg();
    gateways[Alg.SUNRPC.ordinal()] = new SunRpcAlg();
    gateways[Alg.MSRPC.ordinal()] = new MsRpcAlg();
    gateways[Alg.PPTP.ordinal()] = new PptpAlg();
    gateways[Alg.RTSP.ordinal()] = new RtspAlg();
    gateways[Alg.DNS.ordinal()] = new DnsAlg();
    for (int i = 0; i < counters.length; i++) {
      counters[i] = new AlgCounters();
    }
  }

  /** Takes a new generation's {@code security alg} and application bindings. */
  public void install(RuntimeConfig config) {
    settings = config.alg();
    bindings = AlgBindings.of(config.applications(), settings);
    for (Gateway g : gateways) {
      if (g != null) {
        g.install(settings);
      }
    }
  }

  /** Where a child that ends with its control session (PPTP, RTSP) is closed; once. */
  public void setLifecycle(org.flowgate.dataplane.flow.SessionLifecycle sessionLifecycle) {
    this.lifecycle = sessionLifecycle;
  }

  /** Where gates are announced to the dispatcher (several SPUs), or null. */
  public void setAnnouncer(GatePlacement.Announcer placement) {
    this.announcer = placement;
  }

  AlgSettings settings() {
    return settings;
  }

  long nowTick() {
    return clock.nowTick();
  }

  AlgCounters countersOf(int alg) {
    return counters[alg];
  }

  int algOfControl(int control) {
    return controls.alg[control];
  }

  ControlStates controls() {
    return controls;
  }

  // ------------------------------------------------------------------ first path

  /**
   * The ALG a new permitted session runs ({@link Alg#ordinal()}), or -1: the one its application
   * names, else its well-known port's, when that ALG is on and implemented.
   */
  public int choose(int application, int protocol, int destinationPort) {
    if (bindings == null) {
      return -1;
    }
    int alg = bindings.choose(application, protocol, destinationPort);
    return alg >= 0
            && gateways[alg] != null
            && (protocol == IpProtocol.TCP
                ? gateways[alg].streams()
                : gateways[alg].datagrams(protocol))
        ? alg
        : -1;
  }

  /**
   * The gate a first packet matches, or -1. Expired gates close first. {@link #matchedForwarded}
   * tells whether it matched in the translated form.
   */
  public int gateFor(PacketDescriptor p, int routingInstance) {
    if (gates.isEmpty()) {
      return -1;
    }
    expire();
    if (gates.isEmpty()) {
      return -1;
    }
    return gates.lookup(
        p.protocol,
        routingInstance,
        p.sourceHi,
        p.sourceLo,
        p.sourcePort,
        p.destinationHi,
        p.destinationLo,
        p.destinationPort);
  }

  /** True when the last {@link #gateFor} matched the gate's translated (forwarded) destination. */
  public boolean matchedForwarded() {
    return gates.matchedForwarded;
  }

  /** True when the gate moves its child's destination (NAT inside the payload). */
  public boolean gateTranslates(int gate) {
    return gates.translates(gate);
  }

  public long gateDestinationHi(int gate) {
    return gates.destinationHi[gate];
  }

  public long gateDestinationLo(int gate) {
    return gates.destinationLo[gate];
  }

  public int gateDestinationPort(int gate) {
    return gates.destinationPort[gate];
  }

  public long gateToHi(int gate) {
    return gates.toHi[gate];
  }

  public long gateToLo(int gate) {
    return gates.toLo[gate];
  }

  public int gateToPort(int gate) {
    return gates.toPort[gate];
  }

  /** The policy the gate's control session was permitted by: its children run under it. */
  public int gatePolicy(int gate) {
    return resources.groupPolicy[gates.group[gate]];
  }

  /** The application of the gate's control session. */
  public int gateApplication(int gate) {
    return resources.groupApplication[gates.group[gate]];
  }

  /** A session came through a gate: it joins the gate's group in place of the gate. */
  public void childStarted(int slot, int gate) {
    int alg = gates.alg[gate];
    if (resources.groupSignalling[gates.group[gate]]) {
      // a SIP registration's gate admits signalling (an incoming INVITE to the registered
      // Contact): the session reads its messages as a control session of its own
      controlStarted(slot, alg);
      return;
    }
    int resource = gates.resource[gate];
    int group = gates.group[gate];
    long hold = resource >= 0 ? resources.resourceNat[resource] : 0;
    if (gates.oneShot(gate)) {
      if (resource >= 0) {
        resources.becameSession(resource, slot);
      }
      gates.resource[gate] = ResourceManager.NONE;
      gates.close(gate);
    } else {
      resource = resources.addResource(group, ResourceManager.SESSION, slot);
      hold = 0;
    }
    counters[alg].childSessions++;
    if (resource < 0) {
      return;
    }
    resources.resourceNat[resource] = hold;
    resources.resourceId[resource] = (int) table.sessionId(slot); // a child: its session id
    sessions.set(slot, Alg.of(alg), AlgSessions.CHILD, resource);
    table.setFlags(slot, table.flags(slot) | SessionTable.FLAG_ALG);
  }

  /** A permitted session runs {@code alg}: it becomes a control session with its own group. */
  public void controlStarted(int slot, int alg) {
    if (gateways[alg].watchesOnly()) {
      // the DNS ALG checks each message and keeps nothing: no group, no control state
      sessions.set(slot, Alg.of(alg), AlgSessions.WATCHED, 0);
      table.setFlags(
          slot, table.flags(slot) | SessionTable.FLAG_ALG | SessionTable.FLAG_ALG_INSPECT);
      counters[alg].controlSessions++;
      return;
    }
    int group =
        resources.openGroup(
            alg, 0, clock.nowTick(), table.policy(slot), table.application(slot), -1);
    if (group < 0) {
      counters[alg].controlPoolFull++;
      return;
    }
    int control = controls.take(slot, alg, group);
    if (control < 0) {
      resources.releaseControl(group);
      counters[alg].controlPoolFull++;
      return;
    }
    resources.groupControl[group] = control;
    int resource = resources.addResource(group, ResourceManager.SESSION, slot);
    if (resource < 0) {
      controls.give(control);
      resources.releaseControl(group);
      counters[alg].controlPoolFull++;
      return;
    }
    controls.scratch[control * ControlStates.SCRATCH + ControlStates.SCRATCH - 1] = resource;
    // ids the same whatever the SPU count: the control session's id names its group and itself
    resources.groupId[group] = (int) table.sessionId(slot);
    resources.resourceId[resource] = (int) table.sessionId(slot);
    sessions.set(slot, Alg.of(alg), AlgSessions.CONTROL, control);
    table.setFlags(slot, table.flags(slot) | SessionTable.FLAG_ALG | SessionTable.FLAG_ALG_INSPECT);
    counters[alg].controlSessions++;
  }

  // ------------------------------------------------------------------ fast path

  /**
   * A packet of a control session on {@code wing} (the NAT translator already rewrote its header
   * when {@code translated}): read, gates opened, payload rewritten and sequence numbers shifted.
   * Returns null to forward, else why it is dropped.
   */
  public DropReason inspect(
      int slot, int wing, PacketDescriptor p, boolean transportHeader, boolean translated) {
    if (!transportHeader) {
      return null;
    }
    int role = sessions.role(slot);
    if (role == AlgSessions.WATCHED) {
      Alg watched = sessions.alg(slot);
      if (watched == null) {
        return null;
      }
      int alg = watched.ordinal();
      try {
        return inspectDatagram(gateways[alg], counters[alg], slot, -1, wing, p, translated);
      } catch (RuntimeException fault) {
        counters[alg].inspectionFaults++;
        table.setFlags(slot, table.flags(slot) & ~SessionTable.FLAG_ALG_INSPECT);
        return null;
      }
    }
    if (role != AlgSessions.CONTROL) {
      return null;
    }
    int control = sessions.handle(slot);
    int alg = controls.alg[control];
    try {
      return inspectControl(slot, wing, p, translated, control, alg);
    } catch (RuntimeException fault) {
      // a fault of the ALG's own must not stop the SPU: the control session passes uninspected
      counters[alg].inspectionFaults++;
      if (gateways[alg] instanceof SipAlg sip) {
        sip.fault();
      }
      table.setFlags(slot, table.flags(slot) & ~SessionTable.FLAG_ALG_INSPECT);
      return null;
    }
  }

  private DropReason inspectControl(
      int slot, int wing, PacketDescriptor p, boolean translated, int control, int alg) {
    Gateway gateway = gateways[alg];
    ordinal = p.ordinal;
    AlgCounters c = counters[alg];
    c.packets++;
    if (p.protocol != IpProtocol.TCP) {
      return gateway.datagrams(p.protocol)
          ? inspectDatagram(gateway, c, slot, control, wing, p, translated)
          : null;
    }
    int stream = ControlStates.stream(control, wing);
    int other = ControlStates.stream(control, 1 - wing);
    boolean mayWrite = translated && nat.owns(p);
    long sequence = p.tcpSequence;
    if (mayWrite && (p.tcpFlags & TcpFlags.ACK) != 0 && controls.adjusted(other)) {
      PacketSurgery.setAcknowledgement(
          p, controls.originalAck(other, (int) p.tcpAcknowledgement) & 0xffff_ffffL);
    }
    int length = p.tcpPayloadBytes;
    if ((p.tcpFlags & TcpFlags.SYN) != 0) {
      controls.expected[stream] = (int) sequence + 1;
      controls.flags[stream] |= ControlStates.SEQUENCE_KNOWN;
      return null;
    }
    if (length <= 0) {
      shift(p, stream, (int) sequence, mayWrite);
      return null;
    }
    if ((controls.flags[stream] & ControlStates.SEQUENCE_KNOWN) == 0) {
      controls.expected[stream] = (int) sequence;
      controls.flags[stream] |= ControlStates.SEQUENCE_KNOWN;
    }
    int seq = (int) sequence;
    if ((controls.flags[stream] & ControlStates.HELD) != 0) {
      int held = continueHeld(c, p, length, mayWrite, stream, seq);
      if (held == HOLD) {
        return DropReason.ALG_HELD;
      }
      seq = (int) p.tcpSequence; // joined: the packet now starts where the held bytes did
      length = p.tcpPayloadBytes;
    }
    int expected = controls.expected[stream];
    if (seq != expected) {
      if (ControlStates.serialAtLeast(expected, seq + length)) {
        // a retransmission of bytes already read
        if (rewrittenBetween(stream, seq, seq + length)) {
          if (mayWrite && resendRewritten(p, stream, seq, length)) {
            return null;
          }
          c.retransmissionsDropped++;
          return DropReason.ALG_DROPPED;
        }
        shift(p, stream, seq, mayWrite);
        return null;
      }
      c.outOfOrder++;
      if (ControlStates.serialAtLeast(seq, expected)
          && holdAhead(p, length, mayWrite, stream, seq, expected)) {
        // a gap: the segment waits for the one that fills it, and leaves joined to it
        c.held++;
        return DropReason.ALG_HELD;
      }
      // a gap or an overlap: what was buffered is lost, read again from the next boundary
      dropBuffer(stream);
      controls.flags[stream] |= ControlStates.SKIPPING;
    }
    controls.expected[stream] = seq + length;
    int verdict = readMessages(gateway, c, slot, control, wing, p, length, mayWrite, stream, seq);
    if (verdict == HOLD) {
      return DropReason.ALG_HELD;
    }
    if (verdict == Gateway.DROP) {
      return DropReason.ALG_DROPPED;
    }
    return null;
  }

  /**
   * A segment of a direction that holds bytes back ({@link ControlStates#HELD}): joins them when it
   * continues them, holds again when it is their retransmission within {@link #HOLD_SECONDS}, else
   * releases them (they were never forwarded: the sender sends them again, and they pass
   * unrewritten). Returns {@link #HOLD} when the segment is dropped, else 0 (the packet, joined or
   * not, goes on as an in-order or out-of-order segment of the direction).
   *
   * <pre>
   *  behind  held [heldSeq, expected)  segment at expected  ─► held bytes inserted before its
   *          (the start of a message)                          payload, sequence heldSeq
   *  ahead   held [heldSeq, +buffered) segment [expected, heldSeq) ─► held bytes appended
   *          (after a gap)
   *  either  segment inside the held bytes, younger than HOLD_SECONDS ─► dropped (held)
   *          anything else ─► released
   * </pre>
   */
  private int continueHeld(
      AlgCounters c, PacketDescriptor p, int length, boolean mayWrite, int stream, int seq) {
    int heldStart = controls.heldSeq[stream];
    int heldLength = controls.buffered[stream];
    int heldEnd = heldStart + heldLength;
    boolean ahead = (controls.flags[stream] & ControlStates.AHEAD) != 0;
    int expected = controls.expected[stream];
    boolean writable = mayWrite && PacketSurgery.whole(p);
    if (writable && !ahead && seq == expected) {
      copyHeld(stream, heldLength);
      releaseHold(stream);
      if (PacketSurgery.replacePayload(p, 0, 0, joined, 0, heldLength, nat.frameLimit())) {
        PacketSurgery.setSequence(p, heldStart & 0xffff_ffffL);
        controls.expected[stream] = heldStart;
        return 0;
      }
      return release(c, stream, heldStart, false);
    }
    if (writable && ahead && seq == expected && seq + length == heldStart) {
      copyHeld(stream, heldLength);
      releaseHold(stream);
      if (PacketSurgery.replacePayload(p, length, 0, joined, 0, heldLength, nat.frameLimit())) {
        return 0;
      }
      return 0; // the held bytes are lost: their sender sends them again
    }
    if (!ahead && seq == heldStart && !ControlStates.serialAtLeast(heldEnd, seq + length)) {
      // a retransmission that carries every held byte and more (the sender coalesced): it says all
      // the held bytes say, and is read as the in-order segment it now is
      releaseHold(stream);
      controls.expected[stream] = heldStart;
      return 0;
    }
    if (ControlStates.serialAtLeast(seq, heldStart)
        && ControlStates.serialAtLeast(heldEnd, seq + length)
        && clock.nowTick() - controls.heldTick[stream] < SpuClock.ticks(HOLD_SECONDS)) {
      c.held++; // their retransmission: the message may still complete
      return HOLD;
    }
    return release(c, stream, heldStart, ahead);
  }

  /** Lets held bytes go unrewritten: read again from the next message boundary. */
  private int release(AlgCounters c, int stream, int heldStart, boolean ahead) {
    releaseHold(stream);
    if (!ahead) {
      c.rewritesFailed++; // the message they began leaves as it came
      controls.expected[stream] = heldStart;
      controls.flags[stream] |= ControlStates.SKIPPING;
    }
    return 0;
  }

  private void copyHeld(int stream, int heldLength) {
    MemorySegment.copy(
        buffers.slab(),
        java.lang.foreign.ValueLayout.JAVA_BYTE,
        buffers.offset(controls.buffer[stream]),
        joined,
        0,
        heldLength);
  }

  private void releaseHold(int stream) {
    dropBuffer(stream);
    controls.flags[stream] &= ~(ControlStates.HELD | ControlStates.AHEAD);
  }

  /**
   * Holds an out-of-order segment of a NAT-translated control session (it may carry the end of a
   * message to rewrite, which must not leave before its start): true when held.
   */
  private boolean holdAhead(
      PacketDescriptor p, int length, boolean mayWrite, int stream, int seq, int expected) {
    if (!mayWrite
        || !PacketSurgery.whole(p)
        || controls.buffer[stream] >= 0
        || (controls.flags[stream] & ControlStates.SKIPPING) != 0
        || length > STREAM_BUFFER_BYTES
        || seq - expected > AHEAD_WINDOW_BYTES) {
      return false;
    }
    int b = buffers.take();
    if (b < 0) {
      return false;
    }
    MemorySegment.copy(p.segment, p.payloadOffset, buffers.slab(), buffers.offset(b), length);
    controls.buffer[stream] = b;
    controls.buffered[stream] = length;
    controls.heldSeq[stream] = seq;
    controls.heldTick[stream] = clock.nowTick();
    controls.flags[stream] |= ControlStates.HELD | ControlStates.AHEAD;
    return true;
  }

  /**
   * A retransmission of bytes inside a rewritten message: sent again as they were rewritten (the
   * record keeps them when they fit), so the receiver gets the same bytes at the same numbers.
   */
  private boolean resendRewritten(PacketDescriptor p, int stream, int seq, int length) {
    if (!PacketSurgery.whole(p)) {
      return false;
    }
    int first = stream * ControlStates.RECORDS;
    for (int r = first; r < first + controls.records[stream]; r++) {
      int replacementLength = controls.replacementLength[r];
      if (replacementLength >= 0
          && ControlStates.serialAtLeast(seq, controls.start[r])
          && ControlStates.serialAtLeast(controls.end[r], seq + length)) {
        System.arraycopy(
            controls.replacement,
            r * ControlStates.REPLACEMENT_BYTES,
            joined,
            0,
            replacementLength);
        if (!PacketSurgery.replacePayload(
            p, 0, length, joined, 0, replacementLength, nat.frameLimit())) {
          return false;
        }
        PacketSurgery.setSequence(p, (controls.start[r] + controls.before[r]) & 0xffff_ffffL);
        return true;
      }
    }
    return false;
  }

  /**
   * The first packet of a session just installed (already translated when {@code translated}): a
   * datagram control or DNS session reads it as its first message (a SIP INVITE, a TFTP request), a
   * TCP control session learns its sequence from the SYN, as later packets on the fast path.
   * Returns null to forward, else why it is dropped (the session stays).
   */
  public DropReason firstPacket(
      int slot, PacketDescriptor p, boolean transportHeader, boolean translated) {
    if ((table.flags(slot) & SessionTable.FLAG_ALG_INSPECT) == 0) {
      return null;
    }
    return inspect(slot, FORWARD, p, transportHeader, translated);
  }

  /**
   * One datagram of a control (or watched) session: its payload is one message. A fragment is not
   * read (its message is not whole here); a rewrite changes the UDP length and checksum.
   *
   * <pre>
   *  datagram ─► whole? no (a fragment) ─► pass unread
   *           ─► Gateway.message(whole payload) ─► DROP ─► ALG_DROPPED
   *                                            └► edits (NAT) ─► payload replaced (PacketSurgery)
   * </pre>
   */
  private DropReason inspectDatagram(
      Gateway gateway,
      AlgCounters c,
      int slot,
      int control,
      int wing,
      PacketDescriptor p,
      boolean translated) {
    ordinal = p.ordinal;
    if (control < 0) {
      c.packets++; // a control session's datagram was counted by inspectControl
    }
    int length = p.payloadBytes;
    if (p.fragment || length <= 0) {
      return null;
    }
    int available = (int) Math.min(length, Math.max(0, frameEnd(p) - p.payloadOffset));
    if (available < length) {
      return null; // the capture cut the datagram short: nothing to read it by
    }
    Inspection i = inspection;
    if (control >= 0) {
      i.reset(table, slot, control, controls.group[control], wing);
    } else {
      i.reset(table, slot, -1, -1, wing);
      i.watchedAlg = gateway.alg().ordinal();
    }
    MemorySegment s = p.segment;
    long payload = p.payloadOffset;
    c.messages++;
    boolean writable = translated && nat.owns(p);
    if (!writable && control < 0 && gateway.doctors(wing) && nat.hasStaticRules()) {
      // DNS doctoring rewrites replies of sessions NAT leaves alone too
      writable = nat.makeWritable(p, true);
      s = p.segment;
      payload = p.payloadOffset;
    }
    i.canRewrite = writable && PacketSurgery.whole(p);
    i.edits.base = 0;
    int verdict = gateway.message(i, s, payload, length);
    if (verdict == Gateway.DROP) {
      i.edits.clear();
      return DropReason.ALG_DROPPED;
    }
    if (i.changedInPlace) {
      PacketSurgery.transportChecksum(p);
      c.rewrites++;
    }
    if (i.edits.isEmpty()) {
      return null;
    }
    if (i.edits.overflow) {
      c.rewritesFailed++;
      i.edits.clear();
      return null;
    }
    int written = i.edits.apply(s, payload, length, rewritten, 0);
    if (PacketSurgery.replacePayload(p, 0, length, rewritten, 0, written, nat.frameLimit())) {
      c.rewrites++;
    } else {
      c.rewritesFailed++;
    }
    i.edits.clear();
    return null;
  }

  private boolean rewrittenBetween(int stream, int from, int to) {
    int first = stream * ControlStates.RECORDS;
    for (int r = first; r < first + controls.records[stream]; r++) {
      if (ControlStates.serialAtLeast(controls.end[r] - 1, from)
          && ControlStates.serialAtLeast(to - 1, controls.start[r])) {
        return true;
      }
    }
    return false;
  }

  private void shift(PacketDescriptor p, int stream, int seq, boolean mayWrite) {
    if (mayWrite && controls.adjusted(stream)) {
      int offset = controls.offsetAt(stream, seq);
      if (offset != 0) {
        PacketSurgery.setSequence(p, (seq + offset) & 0xffff_ffffL);
      }
    }
  }

  private int readMessages(
      Gateway gateway,
      AlgCounters c,
      int slot,
      int control,
      int wing,
      PacketDescriptor p,
      int length,
      boolean mayWrite,
      int stream,
      int seq) {
    Inspection i = inspection;
    i.reset(table, slot, control, controls.group[control], wing);
    MemorySegment s = p.segment;
    long payload = p.payloadOffset;
    long end = payload + Math.min(length, Math.max(0, frameEnd(p) - payload));
    long at = payload;
    int verdict = Gateway.PASS;
    if ((controls.flags[stream] & ControlStates.SKIPPING) != 0) {
      long boundary = gateway.resynchronise(s, at, end);
      if (boundary < 0) {
        return Gateway.PASS;
      }
      at = boundary;
      controls.flags[stream] &= ~ControlStates.SKIPPING;
    }
    int buffer = controls.buffer[stream];
    if (buffer >= 0) {
      // the start of a message came in an earlier segment: gather until it is whole
      MemorySegment slab = buffers.slab();
      long base = buffers.offset(buffer);
      int held = controls.buffered[stream];
      int room = STREAM_BUFFER_BYTES - held;
      int copy = (int) Math.min(room, end - at);
      MemorySegment.copy(s, at, slab, base + held, copy);
      int available = held + copy;
      int message = gateway.frame(slab, base, available, wing);
      if (message == 0) {
        if (available == STREAM_BUFFER_BYTES) {
          c.overlong++;
          dropBuffer(stream);
          controls.flags[stream] |= ControlStates.SKIPPING;
        } else {
          controls.buffered[stream] = available;
        }
        return Gateway.PASS;
      }
      c.messages++;
      i.canRewrite = false; // its first bytes already left
      i.edits.base = 0;
      verdict |= gateway.message(i, slab, base, message);
      if (!i.edits.isEmpty()) {
        c.rewritesFailed++;
        i.edits.clear();
      }
      at += message - held;
      dropBuffer(stream);
    }
    i.canRewrite = mayWrite && PacketSurgery.whole(p);
    long heldFrom = -1;
    while (at < end) {
      int available = (int) (end - at);
      int message = gateway.frame(s, at, available, wing);
      if (message <= 0) {
        if (message < 0 || available > STREAM_BUFFER_BYTES) {
          c.overlong++; // past the bound: what is not read leaves as it came
          controls.flags[stream] |= ControlStates.SKIPPING;
          break;
        }
        int b = buffers.take();
        if (b < 0) {
          c.overlong++;
          controls.flags[stream] |= ControlStates.SKIPPING;
          break;
        }
        MemorySegment.copy(s, at, buffers.slab(), buffers.offset(b), available);
        controls.buffer[stream] = b;
        controls.buffered[stream] = available;
        if (i.canRewrite
            && end == payload + length
            && verdict != Gateway.DROP
            && gateway.mayRewrite(s, at, available, wing)) {
          heldFrom = at; // its start must not leave before the rest: held back (below)
        }
        break;
      }
      c.messages++;
      i.edits.base = (int) (at - payload);
      verdict |= gateway.message(i, s, at, message);
      at += message;
    }
    if (heldFrom >= 0) {
      return holdTail(c, p, length, stream, seq, (int) (heldFrom - payload));
    }
    if (verdict == Gateway.DROP || i.edits.isEmpty()) {
      i.edits.clear();
      shift(p, stream, seq, mayWrite);
      return verdict;
    }
    if (i.edits.overflow) {
      c.rewritesFailed++;
      i.edits.clear();
      shift(p, stream, seq, mayWrite);
      return verdict;
    }
    int written = i.edits.apply(s, payload, length, rewritten, 0);
    int delta = written - length;
    int offset = controls.offsetAt(stream, seq);
    if (!PacketSurgery.replacePayload(p, 0, length, rewritten, 0, written, nat.frameLimit())) {
      c.rewritesFailed++;
      i.edits.clear();
      shift(p, stream, seq, mayWrite);
      return verdict;
    }
    c.rewrites++;
    if (offset != 0) {
      PacketSurgery.setSequence(p, (seq + offset) & 0xffff_ffffL);
    }
    if (delta != 0) {
      controls.record(stream, seq, seq + length, delta, rewritten, 0, written);
    }
    i.edits.clear();
    return verdict;
  }

  /**
   * The unfinished message from {@code cut} to the segment's end is held back: the bytes before it
   * (whole messages, rewritten when their edits ask) leave as the segment, the rest waits in the
   * stream buffer for the segment that completes it (continueHeld). Returns {@link #HOLD} when
   * nothing is left to forward.
   */
  private int holdTail(
      AlgCounters c, PacketDescriptor p, int length, int stream, int seq, int cut) {
    Inspection i = inspection;
    controls.flags[stream] |= ControlStates.HELD;
    controls.heldSeq[stream] = seq + cut;
    controls.heldTick[stream] = clock.nowTick();
    c.held++;
    if (cut == 0) {
      i.edits.clear();
      return HOLD;
    }
    if (i.edits.overflow) {
      c.rewritesFailed++;
      i.edits.clear();
    }
    boolean edited = !i.edits.isEmpty();
    int written = i.edits.apply(p.segment, p.payloadOffset, cut, rewritten, 0);
    i.edits.clear();
    int offset = controls.offsetAt(stream, seq);
    if (!PacketSurgery.replacePayload(p, 0, length, rewritten, 0, written, nat.frameLimit())) {
      // cannot happen for a whole packet that shrinks; should it, the held bytes go as they came
      releaseHold(stream);
      c.held--;
      if (edited) {
        c.rewritesFailed++;
      }
      shift(p, stream, seq, true);
      return Gateway.PASS;
    }
    if (edited) {
      c.rewrites++;
    }
    if (offset != 0) {
      PacketSurgery.setSequence(p, (seq + offset) & 0xffff_ffffL);
    }
    if (written != cut) {
      controls.record(stream, seq, seq + cut, written - cut, rewritten, 0, written);
    }
    return Gateway.PASS;
  }

  private static long frameEnd(PacketDescriptor p) {
    return p.frameOffset + p.capturedLengthBytes;
  }

  private void dropBuffer(int stream) {
    int b = controls.buffer[stream];
    if (b >= 0) {
      buffers.give(b);
      controls.buffer[stream] = -1;
      controls.buffered[stream] = 0;
    }
  }

  // ------------------------------------------------------------------ for the ALGs

  /**
   * A NAT port for an endpoint a control message announced, on the address its session left with;
   * -1 when none is left. {@link #lastNatHold} then says what the gate holds.
   */
  int allocateNatPort(Inspection i, int insidePort, boolean pair) {
    int port = nat.allocateAlgPort(i.slot, insidePort, pair);
    natHold = port < 0 ? 0 : nat.algHold();
    return port;
  }

  /** DNS doctoring: what an A record naming {@code address} carries to the inspected client. */
  long doctoredAddress(Inspection i, int address) {
    return nat.doctoredAddress(i.clientInterface, i.routingInstance, address);
  }

  long lastNatHold() {
    return natHold;
  }

  /**
   * Opens a gate in the inspected session's group: {@code src*} (0 port: any) to {@code dst*},
   * translated to {@code to*} when {@code translate}; it holds {@code natHold} and closes unused
   * after {@code seconds}.
   */
  void openGate(
      Inspection i,
      int protocol,
      boolean anySource,
      long srcHi,
      long srcLo,
      int srcPort,
      long dstHi,
      long dstLo,
      int dstPort,
      boolean translate,
      long toHi,
      long toLo,
      int toPort,
      boolean oneShot,
      int seconds,
      long hold,
      int arrivesOn) {
    int alg = controls.alg[i.control];
    long now = clock.nowTick();
    long deadline = now + SpuClock.ticks(seconds);
    int gate =
        gates.open(
            alg,
            protocol,
            i.routingInstance,
            anySource,
            srcHi,
            srcLo,
            srcPort,
            dstHi,
            dstLo,
            dstPort,
            translate,
            toHi,
            toLo,
            toPort,
            oneShot,
            i.ipv6,
            i.group,
            now,
            deadline);
    if (gate < 0) {
      counters[alg].gatesFailed++;
      if (hold != 0) {
        nat.releaseAlgPort(hold);
      }
      return;
    }
    int resource = resources.addResource(i.group, ResourceManager.GATE, gate);
    if (resource < 0) {
      gates.close(gate);
      counters[alg].gatesFailed++;
      if (hold != 0) {
        nat.releaseAlgPort(hold);
      }
      return;
    }
    resources.resourceNat[resource] = hold;
    resources.resourceId[resource] = (int) ordinal; // a gate: the packet that announced it
    gates.resource[gate] = resource;
    gates.arrivesOn[gate] = arrivesOn;
    counters[alg].gatesOpened++;
    if (announcer != null) {
      announcer.opened(
          protocol,
          anySource,
          srcHi,
          srcLo,
          srcPort,
          dstHi,
          dstLo,
          dstPort,
          translate,
          toHi,
          toLo,
          toPort,
          oneShot,
          clock.nowNs() + seconds * 1_000_000_000L);
    }
  }

  long ordinal() {
    return ordinal;
  }

  /**
   * A group of its own for a conversation inside a control session (a SIP call), a child of the
   * session's group, under the same policy; held by the control state until {@link #endCallGroup}.
   * Its id is {@code id} (the announcing packet's ordinal: the same for 1 or N SPUs). -1 when the
   * pool is empty.
   */
  int openCallGroup(Inspection i, int id) {
    int alg = controls.alg[i.control];
    int group =
        resources.openGroup(
            alg,
            i.control,
            clock.nowTick(),
            resources.groupPolicy[i.group],
            resources.groupApplication[i.group],
            i.group);
    if (group < 0) {
      counters[alg].gatesFailed++;
      return -1;
    }
    resources.groupId[group] = id;
    return group;
  }

  /** The group's gates admit signalling (a SIP registration): a child is a control session. */
  void markSignallingGroup(int group) {
    resources.groupSignalling[group] = true;
  }

  /** Ticks since the last packet of the group's sessions; Long.MAX_VALUE when it has none. */
  long idleTicksOfGroupSessions(int group) {
    long now = clock.nowTick();
    long idle = Long.MAX_VALUE;
    for (int r = resources.groupHead[group];
        r != ResourceManager.NONE;
        r = resources.resourceNext[r]) {
      if (resources.resourceKind[r] == ResourceManager.SESSION) {
        idle = Math.min(idle, SessionTable.elapsed(now, table.lastTick(resources.resourceRef[r])));
      }
    }
    return idle;
  }

  /** A conversation's group ends: its gates close now; its sessions keep it until they end. */
  void endCallGroup(int group) {
    closeGroupGates(group);
    resources.releaseControl(group);
  }

  /** The group's open gates close now; the group and its sessions stay. */
  void closeGroupGates(int group) {
    int r = resources.groupHead[group];
    while (r != ResourceManager.NONE) {
      int next = resources.resourceNext[r];
      if (resources.resourceKind[r] == ResourceManager.GATE) {
        int gate = resources.resourceRef[r];
        gates.resource[gate] = ResourceManager.NONE;
        gates.close(gate);
        releaseResource(r);
      }
      r = next;
    }
  }

  /** The open gate of {@code group} to this destination, or -1. */
  int gateIn(int group, int protocol, long hi, long lo, int port) {
    for (int r = resources.groupHead[group];
        r != ResourceManager.NONE;
        r = resources.resourceNext[r]) {
      if (resources.resourceKind[r] != ResourceManager.GATE) {
        continue;
      }
      int g = resources.resourceRef[r];
      if (gates.used(g)
          && (gates.protocol[g] & 0xff) == protocol
          && gates.destinationPort[g] == port
          && gates.destinationLo[g] == lo
          && gates.destinationHi[g] == hi) {
        return g;
      }
    }
    return -1;
  }

  /**
   * The announced (translated) port of the open gate of {@code group} that leads to this inside
   * endpoint, or -1: a message announcing it again gets the same NAT port.
   */
  int gatePortTranslatingTo(int group, long hi, long lo, int port) {
    for (int r = resources.groupHead[group];
        r != ResourceManager.NONE;
        r = resources.resourceNext[r]) {
      if (resources.resourceKind[r] != ResourceManager.GATE) {
        continue;
      }
      int g = resources.resourceRef[r];
      if (gates.used(g)
          && gates.translates(g)
          && gates.toPort[g] == port
          && gates.toLo[g] == lo
          && gates.toHi[g] == hi) {
        return gates.destinationPort[g];
      }
    }
    return -1;
  }

  /**
   * The gate now closes {@code seconds} from now. A later deadline is announced again, so that with
   * several SPUs the dispatcher's placement lives as long as the gate (an earlier one is not: a
   * stale placement only sends a flow to the SPU that holds the gate's group).
   */
  void scheduleGate(int gate, int seconds) {
    long deadline = clock.nowTick() + SpuClock.ticks(seconds);
    boolean later = (int) (deadline - gates.expiry.deadline(gate)) > 0;
    gates.expiry.schedule(gate, deadline);
    if (later && announcer != null) {
      announcer.opened(
          gates.protocol[gate] & 0xff,
          gates.anySource(gate),
          gates.sourceHi[gate],
          gates.sourceLo[gate],
          gates.sourcePort[gate],
          gates.destinationHi[gate],
          gates.destinationLo[gate],
          gates.destinationPort[gate],
          gates.translates(gate),
          gates.toHi[gate],
          gates.toLo[gate],
          gates.toPort[gate],
          gates.oneShot(gate),
          clock.nowNs() + seconds * 1_000_000_000L);
    }
  }

  /** Every open gate of the group now closes {@code seconds} from now. */
  void scheduleGroupGates(int group, int seconds) {
    for (int r = resources.groupHead[group];
        r != ResourceManager.NONE;
        r = resources.resourceNext[r]) {
      if (resources.resourceKind[r] == ResourceManager.GATE) {
        scheduleGate(resources.resourceRef[r], seconds);
      }
    }
  }

  void releaseNatHold(long hold) {
    nat.releaseAlgPort(hold);
  }

  int groupIdOfIndex(int group) {
    return resources.groupId[group];
  }

  // ------------------------------------------------------------------ ends and timers

  /**
   * Closes every gate past its deadline: called each time the SPU's clock moves (virtual time in a
   * replay), so an unused gate goes when it is due whether or not a packet asks for it. Constant
   * time when no gate is due.
   */
  public void expire() {
    if (gates.isEmpty()) {
      return;
    }
    long now = clock.nowTick();
    int gate;
    while ((gate = gates.due(now)) != GateTable.NONE) {
      int keep = gateways[gates.alg[gate]].keepGateSeconds(this, gates.group[gate]);
      if (keep > 0) {
        scheduleGate(gate, keep); // still in use (SIP media that flows)
        continue;
      }
      counters[gates.alg[gate]].gatesExpired++;
      closeGate(gate);
    }
  }

  private void closeGate(int gate) {
    int resource = gates.resource[gate];
    gates.close(gate);
    if (resource >= 0) {
      releaseResource(resource);
    }
  }

  private void releaseResource(int resource) {
    long hold = resources.resourceNat[resource];
    if (hold != 0) {
      nat.releaseAlgPort(hold);
      resources.resourceNat[resource] = 0;
    }
    resources.removeResource(resource);
  }

  /** A session is ending: its ALG state goes; a group with nothing left goes with it. */
  public void sessionEnding(int slot) {
    if ((table.flags(slot) & SessionTable.FLAG_ALG) == 0) {
      return;
    }
    int role = sessions.role(slot);
    int handle = sessions.handle(slot);
    sessions.clear(slot);
    table.setFlags(
        slot, table.flags(slot) & ~(SessionTable.FLAG_ALG | SessionTable.FLAG_ALG_INSPECT));
    if (role == AlgSessions.CHILD) {
      releaseResource(handle);
      return;
    }
    if (role != AlgSessions.CONTROL) {
      return;
    }
    int control = handle;
    int group = controls.group[control];
    int resource =
        (int) controls.scratch[control * ControlStates.SCRATCH + ControlStates.SCRATCH - 1];
    dropBuffer(ControlStates.stream(control, 0));
    dropBuffer(ControlStates.stream(control, 1));
    Gateway gateway = gateways[controls.alg[control]];
    if (gateway != null) {
      gateway.ending(this, control); // its own conversations (SIP calls) end with it
    }
    boolean keepGates = gateway.gatesOutliveControl();
    controls.give(control);
    if (gateway.childrenEndWithControl() && lifecycle != null) {
      // PPTP's GRE and RTSP's media end with their control connection (parent closed)
      for (int c = resources.groupHead[group];
          c != ResourceManager.NONE;
          c = resources.resourceNext[c]) {
        if (c != resource && resources.resourceKind[c] == ResourceManager.SESSION) {
          int child = resources.resourceRef[c];
          // its deadline (the child's last packet) is past: it ends at the next tick, also when
          // the control session ended from a timer (SessionTable.schedule)
          lifecycle.shorten(child, 0, org.flowgate.dataplane.session.CloseReason.PARENT_CLOSED);
        }
      }
    }
    // the group's gates close with its control session; its children live on (Junos: an FTP
    // transfer outlives its control connection until the data session ends)
    int r = keepGates ? ResourceManager.NONE : resources.groupHead[group];
    while (r != ResourceManager.NONE) {
      int next = resources.resourceNext[r];
      if (resources.resourceKind[r] == ResourceManager.GATE) {
        int gate = resources.resourceRef[r];
        gates.resource[gate] = ResourceManager.NONE;
        gates.close(gate);
        releaseResource(r);
      }
      r = next;
    }
    if (resource >= 0 && resources.resourceKind[resource] == ResourceManager.SESSION) {
      resources.removeResource(resource);
    }
    resources.releaseControl(group);
  }

  // ------------------------------------------------------------------ views

  /** The session's ALG, or null. */
  public Alg algOf(int slot) {
    return (table.flags(slot) & SessionTable.FLAG_ALG) == 0
            || sessions.role(slot) == AlgSessions.WATCHED
        ? null
        : sessions.alg(slot);
  }

  /** True when the ALG checks the session's messages (a DNS session under its DNS ALG). */
  public boolean watched(int slot, Alg alg) {
    return (table.flags(slot) & SessionTable.FLAG_ALG) != 0
        && sessions.role(slot) == AlgSessions.WATCHED
        && sessions.alg(slot) == alg;
  }

  /** The session's resource-manager group id, or 0. */
  public int groupIdOf(int slot) {
    if ((table.flags(slot) & SessionTable.FLAG_ALG) == 0
        || sessions.role(slot) == AlgSessions.WATCHED) {
      return 0;
    }
    int handle = sessions.handle(slot);
    if (sessions.role(slot) == AlgSessions.CONTROL) {
      return resources.groupId[controls.group[handle]];
    }
    return resources.groupId[resources.resourceGroup[handle]];
  }

  /** The session's resource id, or 0. */
  public int resourceIdOf(int slot) {
    if ((table.flags(slot) & SessionTable.FLAG_ALG) == 0
        || sessions.role(slot) == AlgSessions.WATCHED) {
      return 0;
    }
    int handle = sessions.handle(slot);
    if (sessions.role(slot) == AlgSessions.CONTROL) {
      int resource =
          (int) controls.scratch[handle * ControlStates.SCRATCH + ControlStates.SCRATCH - 1];
      return resources.resourceId[resource];
    }
    return resources.resourceId[handle];
  }

  /** A copy of one ALG's counters. */
  public AlgCounters counters(Alg alg) {
    return counters[alg.ordinal()].copy();
  }

  /** The SIP calls this SPU follows, for {@code show security alg sip calls}. */
  public List<SipCallSnapshot> sipCalls() {
    expire();
    return ((SipAlg) gateways[Alg.SIP.ordinal()]).calls(this, spu);
  }

  /** A copy of the SIP ALG's counters, for {@code show security alg sip counters}. */
  public SipCounters sipCounters() {
    return ((SipAlg) gateways[Alg.SIP.ordinal()]).counters();
  }

  /** {@code show security alg sunrpc portmap}: the mappings this SPU's Sun RPC ALG learnt. */
  public List<PortMapping> sunRpcPortmap() {
    return ((SunRpcAlg) gateways[Alg.SUNRPC.ordinal()]).portmap(spu, clock.nowTick());
  }

  /** {@code show security alg msrpc object-id-map}: the UUIDs this SPU's MS-RPC ALG learnt. */
  public List<ObjectIdMapping> msRpcObjectIds() {
    return ((MsRpcAlg) gateways[Alg.MSRPC.ordinal()]).objectIds(spu, clock.nowTick());
  }

  /** {@code clear security alg sunrpc portmap}: the table empties (its gates stay). */
  public void clearSunRpcPortmap() {
    ((SunRpcAlg) gateways[Alg.SUNRPC.ordinal()]).clearPortmap();
  }

  /** {@code clear security alg sip counters}: the SIP ALG's counters start again from 0. */
  public void clearSipCounters() {
    ((SipAlg) gateways[Alg.SIP.ordinal()]).clearCounters();
  }

  /**
   * {@code clear security alg sip calls}: every call ends (its media gates close, its group goes
   * when its sessions end); registrations stay.
   */
  public void clearSipCalls() {
    ((SipAlg) gateways[Alg.SIP.ordinal()]).clearCalls(this);
  }

  /** One Sun RPC mapping: the server, the port, its protocol and the program there. */
  public record PortMapping(int spu, long hi, long lo, int port, int protocol, long program) {}

  /** One MS-RPC interface UUID (time_low first in {@code uuidHi}) and its object id. */
  public record ObjectIdMapping(int spu, long uuidHi, long uuidLo, long objectId) {}

  /** One SIP call as {@code show security alg sip calls} shows it. */
  public record SipCallSnapshot(
      int spu,
      String callId,
      String method,
      String state,
      int groupId,
      String fromTag,
      String toTag) {}

  /** The gates open now, for {@code show security flow gate}. */
  public List<GateSnapshot> gates() {
    expire();
    List<GateSnapshot> out = new ArrayList<>();
    long now = clock.nowTick();
    for (int g = 0; g < gates.capacity(); g++) {
      if (!gates.used(g)) {
        continue;
      }
      int resource = gates.resource[g];
      int group = gates.group[g];
      out.add(
          new GateSnapshot(
              spu,
              Alg.of(gates.alg[g]),
              gates.protocol[g] & 0xff,
              gates.ipv6(g),
              gates.anySource(g),
              gates.sourceHi[g],
              gates.sourceLo[g],
              gates.sourcePort[g],
              gates.destinationHi[g],
              gates.destinationLo[g],
              gates.destinationPort[g],
              gates.translates(g),
              gates.toHi[g],
              gates.toLo[g],
              gates.toPort[g],
              SpuClock.ticksToSeconds(Math.max(0, gates.expiry.deadline(g) - now)),
              resources.groupId[group],
              resource >= 0 ? resources.resourceId[resource] : 0,
              gates.oneShot(g),
              gates.arrivesOn[g],
              gates.routingInstance[g]));
    }
    return out;
  }

  /** The groups in use, for {@code show security resource-manager group active}. */
  public List<GroupSnapshot> groups() {
    List<GroupSnapshot> out = new ArrayList<>();
    for (int g = 0; g < resources.groupCapacity(); g++) {
      if (!resources.groupUsed[g]) {
        continue;
      }
      List<ResourceSnapshot> members = new ArrayList<>();
      for (int r = resources.groupHead[g];
          r != ResourceManager.NONE;
          r = resources.resourceNext[r]) {
        boolean session = resources.resourceKind[r] == ResourceManager.SESSION;
        long sessionId = session ? table.sessionId(resources.resourceRef[r]) : 0;
        members.add(new ResourceSnapshot(resources.resourceId[r], session, sessionId));
      }
      out.add(
          new GroupSnapshot(
              spu,
              resources.groupId[g],
              Alg.of(resources.groupAlg[g]),
              resources.groupControl[g] != ResourceManager.NONE,
              List.copyOf(members.reversed())));
    }
    return out;
  }

  /** Pool sizes and use, for {@code show security resource-manager summary}. */
  public ResourceSummary summary() {
    return new ResourceSummary(
        resources.groupCapacity(),
        resources.groupsInUse(),
        resources.resourceCapacity(),
        resources.resourcesInUse(),
        gates.capacity(),
        gates.inUse());
  }

  /** One gate as {@code show security flow gate} shows it. */
  public record GateSnapshot(
      int spu,
      Alg alg,
      int protocol,
      boolean ipv6,
      boolean anySource,
      long sourceHi,
      long sourceLo,
      int sourcePort,
      long destinationHi,
      long destinationLo,
      int destinationPort,
      boolean translates,
      long toHi,
      long toLo,
      int toPort,
      long remainingSeconds,
      int groupId,
      int resourceId,
      boolean oneShot,
      int interfaceIndex,
      int routingInstance) {}

  /** One resource-manager group and its resources. */
  public record GroupSnapshot(
      int spu, int groupId, Alg alg, boolean hasControl, List<ResourceSnapshot> resources) {}

  /** A resource: a gate or a session ({@code sessionId}). */
  public record ResourceSnapshot(int resourceId, boolean session, long sessionId) {}

  /** The resource manager's pools on one SPU. */
  public record ResourceSummary(
      int groups, int groupsInUse, int resources, int resourcesInUse, int gates, int gatesInUse) {
    public ResourceSummary plus(ResourceSummary o) {
      return new ResourceSummary(
          groups + o.groups,
          groupsInUse + o.groupsInUse,
          resources + o.resources,
          resourcesInUse + o.resourcesInUse,
          gates + o.gates,
          gatesInUse + o.gatesInUse);
    }
  }

  /** The session table in use (for the side storage's size). */
  int sessionCapacity() {
    return sessions.capacity();
  }

  static boolean forwardWing(int wing) {
    return wing == FORWARD;
  }
}
