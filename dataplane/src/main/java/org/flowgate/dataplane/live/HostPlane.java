package org.flowgate.dataplane.live;

import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.dataplane.net.IpProtocol;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.packet.PacketParser;
import org.flowgate.dataplane.packet.ResponseBuilder;
import org.flowgate.dataplane.packet.Wire;

/**
 * The device's own host stack on live interfaces, on a thread of its own (the routing engine's
 * part, in SRX terms): it owns the neighbour tables, answers ARP and neighbour solicitations for
 * the device's addresses, resolves next hops for the SPUs, and answers pings the flow let through
 * to the device.
 *
 * <pre>
 *  live source ─(ARP, ND frames)────────┐
 *  SPU k ─(LOCAL: packet to the device)─┼─► host ─► neighbour table ─► Neighbours (SPUs read)
 *  SPU k ─(RESOLVE: frame for a next hop)┘     │─► ARP reply, NA, ARP request, NS ─► its own
 *                                              │   transmit ring per port
 *                                              └─► echo reply ─► live source ─► the flow
 *
 *  neighbour states (RFC 4861 §7.3.2; ARP uses the same, with a 20-minute reachable time):
 *   INCOMPLETE ─answer─► REACHABLE ─reachable time─► STALE ─used─► DELAY ─5 s─► PROBE
 *       │ 3 × 1 s unanswered: gone,                    │ unused 20 min: gone      │ answer: REACHABLE
 *       └ its waiting frames dropped (counted)                                    └ 3 × 1 s: gone
 * </pre>
 *
 * An echo reply goes back through the flow, as an SRX's self-generated traffic does: it counts on
 * the reverse wing of the ping's session and leaves by the route to the pinger. Frames waiting for
 * a neighbour are bounded ({@value #PENDING_PER_NEIGHBOUR} per neighbour); so is the table ({@value
 * #MAXIMUM_NEIGHBOURS} entries). Every refusal is counted.
 *
 * <p>Thread: its own; other threads reach it through its queues and {@link #neighbours()}.
 */
final class HostPlane implements Runnable {
  static final int KIND_LOCAL = 1;
  static final int KIND_RESOLVE = 2;
  static final int KIND_NEIGHBOUR = 3;
  static final int KIND_EXPIRED = 4;
  static final int ICMP_ERRORS_PER_SECOND = 100;

  static final int PENDING_PER_NEIGHBOUR = 16;
  static final int MAXIMUM_NEIGHBOURS = 65_536;
  static final long ARP_REACHABLE_NS = 1_200_000_000_000L;
  static final long ND_REACHABLE_NS = 30_000_000_000L;
  static final long STALE_KEPT_NS = 1_200_000_000_000L;
  static final long DELAY_NS = 5_000_000_000L;
  static final long RETRANSMIT_NS = 1_000_000_000L;
  static final int SOLICITATIONS = 3;
  private static final long TIMER_STEP_NS = 100_000_000L;

  private static final int ETHERTYPE_ARP = 0x0806;
  private static final int ETHERTYPE_IPV4 = 0x0800;
  private static final int ETHERTYPE_IPV6 = 0x86dd;
  private static final long BROADCAST = 0xffff_ffff_ffffL;

  enum State {
    INCOMPLETE,
    REACHABLE,
    STALE,
    DELAY,
    PROBE
  }

  /** A neighbour: mutable, the host thread's alone. */
  private static final class Entry {
    final int port;
    final long hi;
    final long lo;
    long mac = -1;
    State state = State.INCOMPLETE;
    long sinceNs;
    int solicitations;
    boolean used;
    boolean router;
    final ArrayDeque<byte[]> pending = new ArrayDeque<>();

    Entry(int port, long hi, long lo) {
      this.port = port;
      this.hi = hi;
      this.lo = lo;
    }
  }

  private record Key(int port, long hi, long lo) {}

  private final LiveState state;
  private final FrameQueue fromSource;
  private final FrameQueue[] fromSpus;
  private final FrameQueue toFlow;
  private final TxRing[] rings;
  private final LiveCapture capture;
  private final LiveClock clock;
  private final Map<Key, Entry> entries = new HashMap<>();
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final PacketDescriptor packet = new PacketDescriptor();
  private final MemorySegment scratch = MemorySegment.ofArray(new byte[2048]);
  private final HostCounters counters = new HostCounters();
  private long icmpRefillNs;
  private int icmpTokens;
  private volatile boolean running = true;
  private boolean changed;
  private long nextTimersNs;

  HostPlane(
      LiveState state,
      FrameQueue fromSource,
      FrameQueue[] fromSpus,
      FrameQueue toFlow,
      TxRing[] rings,
      LiveCapture capture,
      LiveClock clock) {
    this.state = state;
    this.fromSource = fromSource;
    this.fromSpus = fromSpus;
    this.toFlow = toFlow;
    this.rings = rings;
    this.capture = capture;
    this.clock = clock;
  }

  void stop() {
    running = false;
    state.wakeHost();
  }

  /** Runs {@code question} on the host thread and hands back its answer. */
  <T> CompletableFuture<T> ask(Function<HostPlane, T> question) {
    CompletableFuture<T> answer = new CompletableFuture<>();
    tasks.add(
        () -> {
          try {
            answer.complete(question.apply(this));
          } catch (RuntimeException e) {
            answer.completeExceptionally(e);
          }
        });
    state.wakeHost();
    return answer;
  }

  HostCounters counters() {
    return counters;
  }

  @Override
  public void run() {
    state.host = Thread.currentThread();
    while (running) {
      int work = 0;
      Runnable task;
      while ((task = tasks.poll()) != null) {
        task.run();
        work++;
      }
      work += drain(fromSource);
      for (FrameQueue queue : fromSpus) {
        work += drain(queue);
      }
      long now = clock.nowNs();
      if (now >= nextTimersNs) {
        timers(now);
        nextTimersNs = now + TIMER_STEP_NS;
      }
      if (changed) {
        publish();
      }
      for (TxRing ring : rings) {
        ring.kick();
      }
      if (work == 0) {
        LockSupport.parkNanos(TIMER_STEP_NS);
      }
    }
  }

  private int drain(FrameQueue queue) {
    int handled = 0;
    long slot;
    while (handled < 256 && (slot = queue.peek()) >= 0) {
      int kind = queue.kind(slot);
      int port = queue.port(slot);
      long frame = queue.frame(slot);
      int length = queue.length(slot);
      Forwarding forwarding = state.forwarding;
      if (port >= 0 && port < forwarding.ports().length) {
        switch (kind) {
          case KIND_NEIGHBOUR -> neighbourProtocol(forwarding, port, queue.memory(), frame, length);
          case KIND_LOCAL -> local(forwarding, port, queue.memory(), frame, length);
          case KIND_EXPIRED -> expired(forwarding, port, queue.memory(), frame, length);
          case KIND_RESOLVE ->
              resolve(port, queue.auxHi(slot), queue.auxLo(slot), queue.memory(), frame, length);
          default -> counters.malformed++;
        }
      } else {
        counters.malformed++;
      }
      queue.consume();
      handled++;
    }
    return handled;
  }

  // ---------------------------------------------------------------- ARP and neighbour discovery

  private void neighbourProtocol(
      Forwarding forwarding, int port, MemorySegment memory, long frame, int length) {
    if (length < 14) {
      counters.malformed++;
      return;
    }
    int etherType = Wire.u16(memory, frame + 12);
    if (etherType == ETHERTYPE_ARP) {
      arp(forwarding.ports()[port], memory, frame, length);
    } else if (etherType == ETHERTYPE_IPV6) {
      neighbourDiscovery(forwarding.ports()[port], memory, frame, length);
    } else {
      counters.malformed++;
    }
  }

  /*
   * ARP over Ethernet (RFC 826), from the frame's byte 14:
   *   0 htype 1 | 2 ptype 0x0800 | 4 hlen 6 | 5 plen 4 | 6 oper (1 request, 2 reply)
   *   8 sender MAC | 14 sender IPv4 | 18 target MAC | 24 target IPv4          (28 bytes)
   */
  private void arp(Forwarding.Port port, MemorySegment memory, long frame, int length) {
    long arp = frame + 14;
    if (length < 14 + 28
        || Wire.u16(memory, arp) != 1
        || Wire.u16(memory, arp + 2) != ETHERTYPE_IPV4
        || Wire.u8(memory, arp + 4) != 6
        || Wire.u8(memory, arp + 5) != 4) {
      counters.malformed++;
      return;
    }
    int operation = Wire.u16(memory, arp + 6);
    long senderMac = mac(memory, arp + 8);
    long sender = IpAddress.mappedIpv4((int) Wire.u32(memory, arp + 14));
    long target = IpAddress.mappedIpv4((int) Wire.u32(memory, arp + 24));
    boolean forUs = port.owns(0, target);
    if (operation == 1) {
      counters.arpRequestsReceived++;
    } else if (operation == 2) {
      counters.arpRepliesReceived++;
    } else {
      counters.malformed++;
      return;
    }
    if ((int) sender != 0 && port.onLink(0, sender) && senderMac != BROADCAST) {
      Entry known = entries.get(new Key(port.number(), 0, sender));
      if (known != null) {
        confirm(known, senderMac, true, known.router);
      } else if (forUs) {
        confirm(create(port.number(), 0, sender), senderMac, true, false);
      }
    }
    if (operation == 1 && forUs) {
      int at = ethernet(scratch, senderMac, port.mac(), ETHERTYPE_ARP);
      Wire.setU16(scratch, at, 1);
      Wire.setU16(scratch, at + 2, ETHERTYPE_IPV4);
      Wire.setU8(scratch, at + 4, 6);
      Wire.setU8(scratch, at + 5, 4);
      Wire.setU16(scratch, at + 6, 2);
      writeMac(scratch, at + 8, port.mac());
      Wire.setU32(scratch, at + 14, target & 0xffff_ffffL);
      writeMac(scratch, at + 18, senderMac);
      Wire.setU32(scratch, at + 24, sender & 0xffff_ffffL);
      if (transmit(port.number(), scratch, at + 28)) {
        counters.arpRepliesSent++;
      }
    }
  }

  /*
   * Neighbour discovery (RFC 4861), an ICMPv6 message straight after the 40-byte IPv6 header,
   * hop limit 255:
   *   NS (135): 0 type | 1 code 0 | 2 checksum | 4 reserved | 8 target (16) | 24 options
   *   NA (136): 0 type | 1 code 0 | 2 checksum | 4 R S O flags, reserved | 8 target | 24 options
   *   option: 0 type (1 source, 2 target link-layer address) | 1 length in 8 bytes | 2 MAC
   */
  private void neighbourDiscovery(
      Forwarding.Port port, MemorySegment memory, long frame, int length) {
    long ip = frame + 14;
    if (length < 14 + 40 + 24
        || Wire.u8(memory, ip + 6) != IpProtocol.ICMPV6
        || Wire.u8(memory, ip + 7) != 255) {
      return; // another ICMPv6 message, or not from the link: the flow had it
    }
    long icmp = ip + 40;
    int type = Wire.u8(memory, icmp);
    if ((type != 135 && type != 136) || Wire.u8(memory, icmp + 1) != 0) {
      return; // router solicitations and advertisements, redirects: not for a firewall
    }
    int icmpBytes = Math.min(Wire.u16(memory, ip + 4), length - 54);
    long sourceHi = Wire.u64(memory, ip + 8);
    long sourceLo = Wire.u64(memory, ip + 16);
    long targetHi = Wire.u64(memory, icmp + 8);
    long targetLo = Wire.u64(memory, icmp + 16);
    long linkAddress = linkLayerOption(memory, icmp + 24, icmpBytes - 24, type == 135 ? 1 : 2);
    if (type == 135) {
      counters.solicitationsReceived++;
      if (!port.owns(targetHi, targetLo)) {
        return;
      }
      boolean duplicateCheck = sourceHi == 0 && sourceLo == 0;
      if (!duplicateCheck && linkAddress >= 0) {
        Entry known = entries.get(new Key(port.number(), sourceHi, sourceLo));
        if (known == null) {
          known = create(port.number(), sourceHi, sourceLo);
        }
        if (known != null && known.mac != linkAddress) {
          known.mac = linkAddress;
          known.state = State.STALE;
          known.sinceNs = clock.nowNs();
          flushPending(known);
          changed = true;
        }
      }
      long toMac = duplicateCheck || linkAddress < 0 ? mac(memory, frame + 6) : linkAddress;
      advertise(
          port,
          targetHi,
          targetLo,
          duplicateCheck ? 0xff02_0000_0000_0000L : sourceHi,
          duplicateCheck ? 1 : sourceLo,
          duplicateCheck ? 0x3333_0000_0001L : toMac,
          !duplicateCheck);
      return;
    }
    counters.advertisementsReceived++;
    int flags = Wire.u8(memory, icmp + 4);
    Entry known = entries.get(new Key(port.number(), targetHi, targetLo));
    if (known == null) {
      return; // unsolicited, for nothing we asked about (RFC 4861 §7.2.5)
    }
    boolean solicited = (flags & 0x40) != 0;
    boolean override = (flags & 0x20) != 0;
    boolean router = (flags & 0x80) != 0;
    if (linkAddress < 0 && known.mac < 0) {
      return;
    }
    if (known.state == State.INCOMPLETE
        || override
        || linkAddress < 0
        || linkAddress == known.mac) {
      confirm(known, linkAddress < 0 ? known.mac : linkAddress, solicited, router);
    }
  }

  private static long linkLayerOption(MemorySegment memory, long at, int bytes, int wanted) {
    long end = at + bytes;
    while (at + 8 <= end) {
      int type = Wire.u8(memory, at);
      int units = Wire.u8(memory, at + 1);
      if (units == 0) {
        return -1;
      }
      if (type == wanted && units == 1) {
        return mac(memory, at + 2);
      }
      at += units * 8L;
    }
    return -1;
  }

  /** A neighbour answered (or announced itself): its address is known and fresh. */
  private void confirm(Entry entry, long mac, boolean reachable, boolean router) {
    if (entry == null) {
      return;
    }
    if (entry.mac != mac) {
      entry.mac = mac;
      changed = true;
    }
    entry.router = router;
    entry.state = reachable ? State.REACHABLE : State.STALE;
    entry.sinceNs = clock.nowNs();
    entry.solicitations = 0;
    flushPending(entry);
  }

  private Entry create(int port, long hi, long lo) {
    if (entries.size() >= MAXIMUM_NEIGHBOURS) {
      counters.tableFull++;
      return null;
    }
    Entry entry = new Entry(port, hi, lo);
    entry.sinceNs = clock.nowNs();
    entries.put(new Key(port, hi, lo), entry);
    return entry;
  }

  /** Sends the frames that waited for this neighbour. */
  private void flushPending(Entry entry) {
    byte[] waiting;
    while ((waiting = entry.pending.poll()) != null) {
      MemorySegment frame = MemorySegment.ofArray(waiting);
      writeMac(frame, 0, entry.mac);
      if (transmit(entry.port, frame, waiting.length)) {
        counters.sentAfterResolution++;
      }
    }
  }

  // ---------------------------------------------------------------- SPUs' frames

  /** A frame an SPU could not send for want of the next hop's address. */
  private void resolve(int port, long hi, long lo, MemorySegment memory, long frame, int length) {
    Entry entry = entries.get(new Key(port, hi, lo));
    if (entry != null && entry.mac >= 0) {
      writeMac(memory, frame, entry.mac);
      if (transmit(port, memory.asSlice(frame, length), length)) {
        counters.sentAfterResolution++;
      }
      return;
    }
    if (entry == null) {
      entry = create(port, hi, lo);
      if (entry == null) {
        counters.droppedUnresolved++;
        return;
      }
      solicit(entry, false);
    }
    if (entry.pending.size() >= PENDING_PER_NEIGHBOUR) {
      counters.droppedUnresolved++;
      return;
    }
    byte[] copy = new byte[length];
    MemorySegment.copy(memory, java.lang.foreign.ValueLayout.JAVA_BYTE, frame, copy, 0, length);
    entry.pending.add(copy);
  }

  /** A packet the flow let through to the device itself: pings are answered. */
  private void local(
      Forwarding forwarding, int port, MemorySegment memory, long frame, int length) {
    if (PacketParser.parse(memory, frame, length, length, LinkType.ETHERNET, packet) != null
        || !packet.icmpEcho
        || (packet.fragment && !packet.firstFragment)) {
      counters.notAnswered++;
      return;
    }
    boolean request = packet.ipVersion == 4 ? packet.icmpType == 8 : packet.icmpType == 128;
    if (!request || packet.fragment) {
      counters.notAnswered++;
      return;
    }
    long at = toFlow.claim();
    if (at < 0 || length > toFlow.largestFrameBytes()) {
      counters.droppedToFlow++;
      return;
    }
    MemorySegment out = toFlow.memory();
    long ipEnd = packet.l3Offset + packet.ipLengthBytes;
    int frameBytes = (int) (ipEnd - frame);
    MemorySegment.copy(memory, frame, out, at, frameBytes);
    writeMac(out, at, mac(memory, frame + 6));
    writeMac(out, at + 6, forwarding.ports()[port].mac());
    long l3 = at + (packet.l3Offset - frame);
    long icmp = at + (packet.l4Offset - frame);
    int icmpBytes = (int) (ipEnd - packet.l4Offset);
    if (packet.ipVersion == 4) {
      int headerBytes = (Wire.u8(out, l3) & 0x0f) * 4;
      Wire.setU32(out, l3 + 12, packet.destinationLo & 0xffff_ffffL);
      Wire.setU32(out, l3 + 16, packet.sourceLo & 0xffff_ffffL);
      Wire.setU16(out, l3 + 6, 0);
      Wire.setU8(out, l3 + 8, 64);
      Wire.setU16(out, l3 + 10, 0);
      Wire.setU16(out, l3 + 10, Wire.checksum(Wire.sum(out, l3, headerBytes)));
      Wire.setU8(out, icmp, 0);
      Wire.setU16(out, icmp + 2, 0);
      Wire.setU16(out, icmp + 2, Wire.checksum(Wire.sum(out, icmp, icmpBytes)));
    } else {
      Wire.setU64(out, l3 + 8, packet.destinationHi);
      Wire.setU64(out, l3 + 16, packet.destinationLo);
      Wire.setU64(out, l3 + 24, packet.sourceHi);
      Wire.setU64(out, l3 + 32, packet.sourceLo);
      Wire.setU8(out, l3 + 7, 64);
      Wire.setU8(out, icmp, 129);
      Wire.setU16(out, icmp + 2, 0);
      Wire.setU16(out, icmp + 2, icmpv6Checksum(out, l3, icmp, icmpBytes));
    }
    toFlow.publish(frameBytes, KIND_LOCAL, port, 0, 0);
    counters.echoRepliesSent++;
    state.wakeSource();
  }

  /**
   * A packet whose TTL or hop limit ran out in transit, as it arrived (before any NAT): ICMP time
   * exceeded back out of its port to the frame's sender, from that interface's address (RFC 1812
   * §4.3.2.4), at most {@value #ICMP_ERRORS_PER_SECOND} a second.
   */
  private void expired(
      Forwarding forwarding, int port, MemorySegment memory, long frame, int length) {
    if (PacketParser.parse(memory, frame, length, length, LinkType.ETHERNET, packet) != null) {
      counters.notAnswered++;
      return;
    }
    Forwarding.Port in = forwarding.ports()[port];
    long fromHi;
    long fromLo;
    if (packet.ipVersion == 6) {
      fromHi = in.ipv6Hi() != 0 ? in.ipv6Hi() : in.linkLocalHi();
      fromLo = in.ipv6Hi() != 0 ? in.ipv6Lo() : in.linkLocalLo();
    } else if (in.ipv4() != 0) {
      fromHi = 0;
      fromLo = in.ipv4();
    } else {
      counters.notAnswered++;
      return;
    }
    long now = clock.nowNs();
    if (now - icmpRefillNs >= 1_000_000_000L) {
      icmpRefillNs = now;
      icmpTokens = ICMP_ERRORS_PER_SECOND;
    }
    if (icmpTokens <= 0) {
      counters.icmpRateLimited++;
      return;
    }
    icmpTokens--;
    int bytes = ResponseBuilder.timeExceeded(packet, scratch, fromHi, fromLo);
    if (bytes > 0 && transmit(port, scratch, bytes)) {
      counters.timeExceededSent++;
    } else {
      counters.notAnswered++;
    }
  }

  // ---------------------------------------------------------------- solicitations

  /** Asks for a neighbour's address: broadcast (multicast for IPv6), or unicast to confirm it. */
  private void solicit(Entry entry, boolean unicast) {
    entry.solicitations++;
    entry.sinceNs = clock.nowNs();
    Forwarding.Port port = state.forwarding.ports()[entry.port];
    if (IpAddress.isIpv4(entry.hi, entry.lo)) {
      if (port.ipv4() == 0) {
        return;
      }
      int at = ethernet(scratch, unicast ? entry.mac : BROADCAST, port.mac(), ETHERTYPE_ARP);
      Wire.setU16(scratch, at, 1);
      Wire.setU16(scratch, at + 2, ETHERTYPE_IPV4);
      Wire.setU8(scratch, at + 4, 6);
      Wire.setU8(scratch, at + 5, 4);
      Wire.setU16(scratch, at + 6, 1);
      writeMac(scratch, at + 8, port.mac());
      Wire.setU32(scratch, at + 14, port.ipv4() & 0xffff_ffffL);
      writeMac(scratch, at + 18, 0);
      Wire.setU32(scratch, at + 24, entry.lo & 0xffff_ffffL);
      if (transmit(entry.port, scratch, at + 28)) {
        counters.arpRequestsSent++;
      }
      return;
    }
    boolean global = port.ipv6Hi() != 0 && (entry.hi >>> 54) != (0xfe80L >>> 6);
    long fromHi = global ? port.ipv6Hi() : port.linkLocalHi();
    long fromLo = global ? port.ipv6Lo() : port.linkLocalLo();
    long toHi = unicast ? entry.hi : 0xff02_0000_0000_0000L;
    long toLo = unicast ? entry.lo : 0x0000_0001_ff00_0000L | (entry.lo & 0xff_ffffL);
    long toMac = unicast ? entry.mac : 0x3333_ff00_0000L | (entry.lo & 0xff_ffffL);
    int at = ipv6(scratch, toMac, port.mac(), fromHi, fromLo, toHi, toLo, 32);
    Wire.setU8(scratch, at, 135);
    Wire.setU8(scratch, at + 1, 0);
    Wire.setU16(scratch, at + 2, 0);
    Wire.setU32(scratch, at + 4, 0);
    Wire.setU64(scratch, at + 8, entry.hi);
    Wire.setU64(scratch, at + 16, entry.lo);
    Wire.setU8(scratch, at + 24, 1); // source link-layer address
    Wire.setU8(scratch, at + 25, 1);
    writeMac(scratch, at + 26, port.mac());
    Wire.setU16(scratch, at + 2, icmpv6Checksum(scratch, 14, at, 32));
    if (transmit(entry.port, scratch, at + 32)) {
      counters.solicitationsSent++;
    }
  }

  /** A neighbour advertisement for one of the port's addresses (R set: a firewall routes). */
  private void advertise(
      Forwarding.Port port,
      long targetHi,
      long targetLo,
      long toHi,
      long toLo,
      long toMac,
      boolean solicited) {
    int at = ipv6(scratch, toMac, port.mac(), targetHi, targetLo, toHi, toLo, 32);
    Wire.setU8(scratch, at, 136);
    Wire.setU8(scratch, at + 1, 0);
    Wire.setU16(scratch, at + 2, 0);
    Wire.setU32(scratch, at + 4, (0x80L | (solicited ? 0x40 : 0) | 0x20) << 24);
    Wire.setU64(scratch, at + 8, targetHi);
    Wire.setU64(scratch, at + 16, targetLo);
    Wire.setU8(scratch, at + 24, 2); // target link-layer address
    Wire.setU8(scratch, at + 25, 1);
    writeMac(scratch, at + 26, port.mac());
    Wire.setU16(scratch, at + 2, icmpv6Checksum(scratch, 14, at, 32));
    if (transmit(port.number(), scratch, at + 32)) {
      counters.advertisementsSent++;
    }
  }

  // ---------------------------------------------------------------- timers

  private void timers(long now) {
    Neighbours published = state.neighbours;
    Iterator<Entry> all = entries.values().iterator();
    while (all.hasNext()) {
      Entry entry = all.next();
      if (entry.mac >= 0 && published.takeUsed(entry.port, entry.hi, entry.lo)) {
        entry.used = true;
      }
      long age = now - entry.sinceNs;
      boolean ipv4 = IpAddress.isIpv4(entry.hi, entry.lo);
      switch (entry.state) {
        case INCOMPLETE -> {
          if (age >= RETRANSMIT_NS) {
            if (entry.solicitations >= SOLICITATIONS) {
              counters.droppedUnresolved += entry.pending.size();
              counters.resolutionsFailed++;
              all.remove();
              changed = true;
            } else {
              solicit(entry, false);
            }
          }
        }
        case REACHABLE -> {
          if (age >= (ipv4 ? ARP_REACHABLE_NS : ND_REACHABLE_NS)) {
            entry.state = State.STALE;
            entry.sinceNs = now;
            if (ipv4) { // ARP has no stale use: confirm it now if it is used, else forget it
              expireOrProbe(all, entry);
            } else {
              entry.used = false;
            }
          }
        }
        case STALE -> {
          if (entry.used) {
            entry.state = State.DELAY;
            entry.sinceNs = now;
          } else if (age >= STALE_KEPT_NS) {
            all.remove();
            changed = true;
          }
        }
        case DELAY -> {
          if (age >= DELAY_NS) {
            entry.state = State.PROBE;
            entry.solicitations = 0;
            solicit(entry, true);
          }
        }
        case PROBE -> {
          if (age >= RETRANSMIT_NS) {
            if (entry.solicitations >= SOLICITATIONS) {
              all.remove();
              changed = true;
            } else {
              solicit(entry, true);
            }
          }
        }
      }
    }
  }

  private void expireOrProbe(Iterator<Entry> all, Entry entry) {
    if (entry.used) {
      entry.used = false;
      entry.state = State.PROBE;
      entry.solicitations = 0;
      solicit(entry, true);
    } else {
      all.remove();
      changed = true;
    }
  }

  /** Publishes the resolved neighbours for the SPUs. */
  private void publish() {
    changed = false;
    int count = 0;
    int[] ports = new int[entries.size()];
    long[] his = new long[ports.length];
    long[] los = new long[ports.length];
    long[] macs = new long[ports.length];
    Neighbours previous = state.neighbours;
    for (Entry entry : entries.values()) {
      if (entry.mac < 0) {
        continue;
      }
      if (previous.takeUsed(entry.port, entry.hi, entry.lo)) {
        entry.used = true;
      }
      ports[count] = entry.port;
      his[count] = entry.hi;
      los[count] = entry.lo;
      macs[count] = entry.mac;
      count++;
    }
    state.neighbours = Neighbours.of(count, ports, his, los, macs);
  }

  /** The neighbours, sorted by interface and address (on the host thread). */
  List<NeighbourEntry> list() {
    long now = clock.nowNs();
    Forwarding forwarding = state.forwarding;
    List<NeighbourEntry> out = new ArrayList<>(entries.size());
    for (Entry entry : entries.values()) {
      boolean ipv4 = IpAddress.isIpv4(entry.hi, entry.lo);
      long lifetime =
          switch (entry.state) {
            case INCOMPLETE, PROBE -> RETRANSMIT_NS * (SOLICITATIONS - entry.solicitations + 1);
            case REACHABLE -> ipv4 ? ARP_REACHABLE_NS : ND_REACHABLE_NS;
            case STALE -> STALE_KEPT_NS;
            case DELAY -> DELAY_NS;
          };
      long left = Math.max(0, lifetime - (now - entry.sinceNs)) / 1_000_000_000L;
      out.add(
          new NeighbourEntry(
              forwarding.ports()[entry.port].interfaceName(),
              new IpAddress(entry.hi, entry.lo),
              entry.mac,
              entry.state.name().toLowerCase(java.util.Locale.ROOT),
              left,
              entry.router));
    }
    out.sort(
        java.util.Comparator.comparing(NeighbourEntry::interfaceName)
            .thenComparing(NeighbourEntry::address));
    return out;
  }

  // ---------------------------------------------------------------- frames

  private boolean transmit(int port, MemorySegment frame, int length) {
    TxRing ring = rings[port];
    if (length > ring.maximumFrameBytes()) {
      counters.droppedTransmit++;
      return false;
    }
    long at = ring.claim();
    if (at < 0) {
      ring.kick();
      at = ring.claim();
      if (at < 0) {
        counters.droppedTransmit++;
        return false;
      }
    }
    MemorySegment.copy(frame, 0, ring.memory(), at, length);
    ring.commit(length);
    if (capture != null) {
      capture.sent(port, clock.nowNs(), ring.memory(), at, length);
    }
    return true;
  }

  private static int ethernet(MemorySegment out, long to, long from, int etherType) {
    writeMac(out, 0, to);
    writeMac(out, 6, from);
    Wire.setU16(out, 12, etherType);
    return 14;
  }

  /** An Ethernet and IPv6 header (hop limit 255, ICMPv6); returns where the ICMPv6 goes. */
  private static int ipv6(
      MemorySegment out,
      long toMac,
      long fromMac,
      long fromHi,
      long fromLo,
      long toHi,
      long toLo,
      int payloadBytes) {
    int at = ethernet(out, toMac, fromMac, ETHERTYPE_IPV6);
    Wire.setU32(out, at, 6L << 28);
    Wire.setU16(out, at + 4, payloadBytes);
    Wire.setU8(out, at + 6, IpProtocol.ICMPV6);
    Wire.setU8(out, at + 7, 255);
    Wire.setU64(out, at + 8, fromHi);
    Wire.setU64(out, at + 16, fromLo);
    Wire.setU64(out, at + 24, toHi);
    Wire.setU64(out, at + 32, toLo);
    return at + 40;
  }

  /** The ICMPv6 checksum over the pseudo-header (RFC 8200 §8.1) and the message. */
  private static int icmpv6Checksum(MemorySegment out, long l3, long icmp, int bytes) {
    long sum = Wire.sum(out, icmp, bytes) + bytes + IpProtocol.ICMPV6 + Wire.sum(out, l3 + 8, 32);
    return Wire.checksum(sum);
  }

  private static long mac(MemorySegment memory, long at) {
    return ((long) Wire.u16(memory, at) << 32) | Wire.u32(memory, at + 2);
  }

  private static void writeMac(MemorySegment out, long at, long mac) {
    Wire.setU16(out, at, (int) (mac >>> 32));
    Wire.setU32(out, at + 2, mac & 0xffff_ffffL);
  }
}
