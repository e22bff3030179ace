package org.flowgate.dataplane.flow.alg;

import static org.flowgate.dataplane.session.SessionTable.FORWARD;
import static org.flowgate.dataplane.session.SessionTable.REVERSE;

import org.flowgate.dataplane.alg.AlgSettings;
import org.flowgate.dataplane.session.SessionTable;

/**
 * What an ALG sees of one message of a control session, and what it may do about it: the session's
 * four endpoints (as each side knows the other, which NAT may make differ), the direction, the
 * edits it may ask for, and gates it may open. One per SPU, reset for each message.
 *
 * <pre>
 *   client ──────────────► firewall ──────────────► server
 *   client           serverSeen   │   clientSeen          server
 *   (In source)      (In dest.)   │   (Out dest.)         (Out source)
 *   clientSeen != client: the client's source was translated (source or reverse static NAT)
 *   serverSeen != server: the server's address was translated (destination or static NAT)
 * direction 0: the message comes from the client (the initiator), 1: from the server
 * </pre>
 *
 * <p>Thread: owned by its SPU's thread.
 */
final class Inspection {
  final AlgEngine engine;
  final MessageEdits edits = new MessageEdits();

  int slot;

  /** The control state, or -1 for a watched session (DNS), which has none. */
  int control;

  /** A watched session's ALG (its ordinal); unused for a control session. */
  int watchedAlg;

  int group;
  int direction;
  int protocol;
  int routingInstance;
  boolean ipv6;

  /** The message may be rewritten: the packet is NAT-translated, whole and writable. */
  boolean canRewrite;

  /**
   * The ALG changed bytes of the datagram in place, keeping its length (DNS doctoring): the engine
   * computes its transport checksum anew.
   */
  boolean changedInPlace;

  long clientHi;
  long clientLo;
  int clientPort;
  long serverSeenHi;
  long serverSeenLo;
  int serverSeenPort;
  long serverHi;
  long serverLo;
  int serverPort;
  long clientSeenHi;
  long clientSeenLo;
  int clientSeenPort;

  /** Interfaces of the session's wings: where a child from the client or the server arrives. */
  int clientInterface;

  int serverInterface;

  Inspection(AlgEngine engine) {
    this.engine = engine;
  }

  /** Positions on a control session's message. */
  void reset(SessionTable table, int sessionSlot, int controlEntry, int groupIndex, int fromWing) {
    slot = sessionSlot;
    control = controlEntry;
    group = groupIndex;
    direction = fromWing;
    protocol = table.protocol(sessionSlot);
    routingInstance = table.token(sessionSlot, FORWARD) >>> 8;
    ipv6 = table.isIpv6(sessionSlot);
    clientHi = table.sourceHi(sessionSlot, FORWARD);
    clientLo = table.sourceLo(sessionSlot, FORWARD);
    clientPort = table.sourcePort(sessionSlot, FORWARD);
    serverSeenHi = table.destinationHi(sessionSlot, FORWARD);
    serverSeenLo = table.destinationLo(sessionSlot, FORWARD);
    serverSeenPort = table.destinationPort(sessionSlot, FORWARD);
    serverHi = table.sourceHi(sessionSlot, REVERSE);
    serverLo = table.sourceLo(sessionSlot, REVERSE);
    serverPort = table.sourcePort(sessionSlot, REVERSE);
    clientSeenHi = table.destinationHi(sessionSlot, REVERSE);
    clientSeenLo = table.destinationLo(sessionSlot, REVERSE);
    clientSeenPort = table.destinationPort(sessionSlot, REVERSE);
    clientInterface = table.interfaceIndex(sessionSlot, FORWARD);
    serverInterface = table.interfaceIndex(sessionSlot, REVERSE);
    edits.clear();
    canRewrite = false;
    changedInPlace = false;
  }

  boolean clientTranslated() {
    return clientLo != clientSeenLo || clientHi != clientSeenHi;
  }

  boolean serverTranslated() {
    return serverLo != serverSeenLo || serverHi != serverSeenHi;
  }

  boolean fromClient() {
    return direction == 0;
  }

  AlgSettings settings() {
    return engine.settings();
  }

  long nowTick() {
    return engine.nowTick();
  }

  /** This ALG's counters. */
  AlgCounters counters() {
    return engine.countersOf(control < 0 ? watchedAlg : engine.algOfControl(control));
  }

  /** The scratch words of the control state: index 0 .. {@link ControlStates#SCRATCH} - 1. */
  /** The session slot's ALG state words are the control state's; a watched session has none. */
  long scratch(int index) {
    return engine.controls().scratch[control * ControlStates.SCRATCH + index];
  }

  void scratch(int index, long value) {
    engine.controls().scratch[control * ControlStates.SCRATCH + index] = value;
  }
}
