package org.flowgate.dataplane.flow.nat;

import java.util.ArrayList;
import java.util.List;
import org.flowgate.dataplane.dispatch.NatOwnership;
import org.flowgate.dataplane.nat.PersistentBinding;
import org.flowgate.dataplane.nat.PersistentBindings;

/**
 * One SPU's persistent NAT bindings (docs/adr/0025-nat-and-operator-views.md): an internal
 * transport address (address, port, protocol) and the reflexive one source NAT gave it, kept while
 * sessions use it and for the rule's inactivity timeout after the last one ends.
 *
 * <pre>
 * binding b (struct of arrays, capacity fixed at construction):
 *   internal  hi lo port protocol        ─ chained index by internal key  (outbound sessions)
 *   reflexive hi lo port                 ─ chained index by reflexive key (inbound, and the end
 *                                                                          of any session)
 *   rule, pool (-1: interface), egress, allocation, port held
 *   sessions, expiresNs (0 while sessions &gt; 0)
 *   enodes: up to ENODES remote (address, port) the internal host sent to (target-host[-port])
 *
 * lifecycle:  add ─► join ... leave ─► sessions 0: expiresNs = now + timeout ─► expired:
 *             removed, its address and port go back (lazily: on lookup, a few per first packet,
 *             and on every query)
 * </pre>
 *
 * <p>Thread: owned by its SPU's thread. Allocates nothing after construction.
 */
final class PersistentNatTable {
  /** Remote endpoints kept per binding for {@code target-host} and {@code target-host-port}. */
  static final int ENODES = PersistentBindings.ENODES_PER_BINDING;

  private final int capacity;
  private final int mask;
  private final int[] internalHead;
  private final int[] reflexiveHead;
  private final int[] internalNext;
  private final int[] reflexiveNext;
  private final boolean[] used;
  private final long[] internalHi;
  private final long[] internalLo;
  private final int[] internalPort;
  private final int[] protocol;
  private final long[] reflexiveHi;
  private final long[] reflexiveLo;
  private final int[] reflexivePort;
  private final int[] rule;
  private final int[] pool;
  private final int[] egress;
  private final long[] allocation;
  private final boolean[] portHeld;
  private final int[] kind;
  private final int[] sessions;
  private final long[] expiresNs;
  private final long[] enodeHi;
  private final long[] enodeLo;
  private final int[] enodePort;
  private final int[] enodes;
  private int free;
  private int inUse;
  private int enodesInUse;
  private int sweepCursor;

  /** Bindings that could not be made because the table was full. */
  long refusedFull;

  /** Remote endpoints not kept because their binding had {@link #ENODES} already. */
  long enodesNotKept;

  PersistentNatTable(int capacity) {
    this.capacity = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
    this.mask = this.capacity - 1;
    internalHead = new int[this.capacity];
    reflexiveHead = new int[this.capacity];
    java.util.Arrays.fill(internalHead, -1);
    java.util.Arrays.fill(reflexiveHead, -1);
    internalNext = new int[this.capacity];
    reflexiveNext = new int[this.capacity];
    used = new boolean[this.capacity];
    internalHi = new long[this.capacity];
    internalLo = new long[this.capacity];
    internalPort = new int[this.capacity];
    protocol = new int[this.capacity];
    reflexiveHi = new long[this.capacity];
    reflexiveLo = new long[this.capacity];
    reflexivePort = new int[this.capacity];
    rule = new int[this.capacity];
    pool = new int[this.capacity];
    egress = new int[this.capacity];
    allocation = new long[this.capacity];
    portHeld = new boolean[this.capacity];
    kind = new int[this.capacity];
    sessions = new int[this.capacity];
    expiresNs = new long[this.capacity];
    enodeHi = new long[this.capacity * ENODES];
    enodeLo = new long[this.capacity * ENODES];
    enodePort = new int[this.capacity * ENODES];
    enodes = new int[this.capacity];
    for (int b = 0; b < this.capacity; b++) {
      internalNext[b] = b + 1 < this.capacity ? b + 1 : -1; // the free list
    }
    free = 0;
  }

  int capacity() {
    return capacity;
  }

  int inUse() {
    return inUse;
  }

  int enodesInUse() {
    return enodesInUse;
  }

  private static int hash(long hi, long lo, int port, int protocol) {
    return NatOwnership.endpointHash(hi ^ ((long) protocol << 56), lo, port);
  }

  /** The binding of an internal transport address, or -1. */
  int findInternal(long hi, long lo, int port, int proto) {
    for (int b = internalHead[hash(hi, lo, port, proto) & mask]; b >= 0; b = internalNext[b]) {
      if (internalLo[b] == lo
          && internalHi[b] == hi
          && internalPort[b] == port
          && protocol[b] == proto) {
        return b;
      }
    }
    return -1;
  }

  /** The binding of a reflexive transport address, or -1. */
  int findReflexive(long hi, long lo, int port, int proto) {
    for (int b = reflexiveHead[hash(hi, lo, port, proto) & mask]; b >= 0; b = reflexiveNext[b]) {
      if (reflexiveLo[b] == lo
          && reflexiveHi[b] == hi
          && reflexivePort[b] == port
          && protocol[b] == proto) {
        return b;
      }
    }
    return -1;
  }

  /** A new binding, or -1 when the table is full (counted). */
  int add(
      long inHi,
      long inLo,
      int inPort,
      int proto,
      long refHi,
      long refLo,
      int refPort,
      int ruleIndex,
      int poolIndex,
      int egressInterface,
      long poolAllocation,
      boolean holdsPort,
      int sourceKind) {
    int b = free;
    if (b < 0) {
      refusedFull++;
      return -1;
    }
    free = internalNext[b];
    used[b] = true;
    inUse++;
    internalHi[b] = inHi;
    internalLo[b] = inLo;
    internalPort[b] = inPort;
    protocol[b] = proto;
    reflexiveHi[b] = refHi;
    reflexiveLo[b] = refLo;
    reflexivePort[b] = refPort;
    rule[b] = ruleIndex;
    pool[b] = poolIndex;
    egress[b] = egressInterface;
    allocation[b] = poolAllocation;
    portHeld[b] = holdsPort;
    kind[b] = sourceKind;
    sessions[b] = 0;
    expiresNs[b] = 0;
    enodes[b] = 0;
    int i = hash(inHi, inLo, inPort, proto) & mask;
    internalNext[b] = internalHead[i];
    internalHead[i] = b;
    int r = hash(refHi, refLo, refPort, proto) & mask;
    reflexiveNext[b] = reflexiveHead[r];
    reflexiveHead[r] = b;
    return b;
  }

  /**
   * Binding {@code b} of {@code old} (an earlier generation's table) as a binding of this one, with
   * its rule, pool, egress and pool allocation as this generation numbers them: no session, its
   * inactivity timeout running as it was, and the remote endpoints its host sent to (the permits of
   * {@code target-host}). -1 when this table is full.
   */
  int carryIdle(
      PersistentNatTable old,
      int b,
      int ruleIndex,
      int poolIndex,
      int egressInterface,
      long poolAllocation) {
    int n =
        add(
            old.internalHi[b],
            old.internalLo[b],
            old.internalPort[b],
            old.protocol[b],
            old.reflexiveHi[b],
            old.reflexiveLo[b],
            old.reflexivePort[b],
            ruleIndex,
            poolIndex,
            egressInterface,
            poolAllocation,
            old.portHeld[b],
            old.kind[b]);
    if (n < 0) {
      return -1;
    }
    expiresNs[n] = old.expiresNs[b];
    for (int e = 0; e < old.enodes[b]; e++) {
      int from = b * ENODES + e;
      int to = n * ENODES + e;
      enodeHi[to] = old.enodeHi[from];
      enodeLo[to] = old.enodeLo[from];
      enodePort[to] = old.enodePort[from];
    }
    enodes[n] = old.enodes[b];
    enodesInUse += enodes[n];
    return n;
  }

  /** True when binding {@code b} has no session and waits out its inactivity timeout. */
  boolean idle(int b, long nowNs) {
    return used[b] && sessions[b] == 0 && expiresNs[b] != 0 && nowNs < expiresNs[b];
  }

  int protocolOf(int b) {
    return protocol[b];
  }

  /** A session starts to use binding {@code b}; {@code remote*} is where its packets go. */
  void join(int b, long remoteHi, long remoteLo, int remotePort) {
    sessions[b]++;
    expiresNs[b] = 0;
    for (int e = 0; e < enodes[b]; e++) {
      int at = b * ENODES + e;
      if (enodeHi[at] == remoteHi && enodeLo[at] == remoteLo && enodePort[at] == remotePort) {
        return;
      }
    }
    if (enodes[b] == ENODES) {
      enodesNotKept++;
      return;
    }
    int at = b * ENODES + enodes[b]++;
    enodeHi[at] = remoteHi;
    enodeLo[at] = remoteLo;
    enodePort[at] = remotePort;
    enodesInUse++;
  }

  /** A session of binding {@code b} ended: with none left, the binding waits {@code timeout}. */
  void leave(int b, long nowNs, long timeoutNs) {
    if (sessions[b] > 0 && --sessions[b] == 0) {
      expiresNs[b] = nowNs + timeoutNs;
    }
  }

  /** True when a binding has no session and its inactivity timeout has passed. */
  boolean expired(int b, long nowNs) {
    return used[b] && sessions[b] == 0 && expiresNs[b] != 0 && nowNs >= expiresNs[b];
  }

  /** True when a remote endpoint is one the binding's internal host sent to. */
  boolean sentTo(int b, long remoteHi, long remoteLo, int remotePort, boolean withPort) {
    for (int e = 0; e < enodes[b]; e++) {
      int at = b * ENODES + e;
      if (enodeHi[at] == remoteHi
          && enodeLo[at] == remoteLo
          && (!withPort || enodePort[at] == remotePort)) {
        return true;
      }
    }
    return false;
  }

  /** Removes binding {@code b}; its pool address and port are the caller's to give back. */
  void remove(int b) {
    unlink(
        internalHead,
        internalNext,
        hash(internalHi[b], internalLo[b], internalPort[b], protocol[b]) & mask,
        b);
    unlink(
        reflexiveHead,
        reflexiveNext,
        hash(reflexiveHi[b], reflexiveLo[b], reflexivePort[b], protocol[b]) & mask,
        b);
    used[b] = false;
    inUse--;
    enodesInUse -= enodes[b];
    enodes[b] = 0;
    internalNext[b] = free;
    free = b;
  }

  private static void unlink(int[] head, int[] next, int bucket, int b) {
    if (head[bucket] == b) {
      head[bucket] = next[b];
      return;
    }
    for (int p = head[bucket]; p >= 0; p = next[p]) {
      if (next[p] == b) {
        next[p] = next[b];
        return;
      }
    }
  }

  /**
   * The next binding at or after the sweep cursor that has expired, looking at no more than {@code
   * budget} slots; -1 when none was found there. Called a few slots per first packet, so expired
   * bindings go back without a timer of their own.
   */
  int nextExpired(long nowNs, int budget) {
    for (int n = 0; n < budget; n++) {
      int b = sweepCursor;
      sweepCursor = (sweepCursor + 1) & mask;
      if (expired(b, nowNs)) {
        return b;
      }
    }
    return -1;
  }

  boolean used(int b) {
    return used[b];
  }

  int rule(int b) {
    return rule[b];
  }

  int pool(int b) {
    return pool[b];
  }

  int egress(int b) {
    return egress[b];
  }

  long allocation(int b) {
    return allocation[b];
  }

  boolean portHeld(int b) {
    return portHeld[b];
  }

  int kind(int b) {
    return kind[b];
  }

  int sessions(int b) {
    return sessions[b];
  }

  long internalHi(int b) {
    return internalHi[b];
  }

  long internalLo(int b) {
    return internalLo[b];
  }

  int internalPort(int b) {
    return internalPort[b];
  }

  long reflexiveHi(int b) {
    return reflexiveHi[b];
  }

  long reflexiveLo(int b) {
    return reflexiveLo[b];
  }

  int reflexivePort(int b) {
    return reflexivePort[b];
  }

  /** Copies of the bindings in use, in slot order, for management. */
  List<PersistentBinding> snapshot(int spu, long nowNs) {
    List<PersistentBinding> all = new ArrayList<>();
    for (int b = 0; b < capacity; b++) {
      if (used[b]) {
        all.add(
            new PersistentBinding(
                spu,
                internalHi[b],
                internalLo[b],
                internalPort[b],
                protocol[b],
                reflexiveHi[b],
                reflexiveLo[b],
                reflexivePort[b],
                rule[b],
                pool[b],
                sessions[b],
                sessions[b] > 0
                    ? -1
                    : Math.max(0, (expiresNs[b] - nowNs + 999_999_999) / 1_000_000_000)));
      }
    }
    return all;
  }
}
