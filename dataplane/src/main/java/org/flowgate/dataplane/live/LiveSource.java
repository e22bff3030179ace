package org.flowgate.dataplane.live;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.locks.LockSupport;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.packet.PacketParser;
import org.flowgate.dataplane.packet.Wire;
import org.flowgate.dataplane.route.Route;
import org.flowgate.dataplane.route.RouteType;
import org.flowgate.dataplane.spu.Ingress;

/**
 * The live packet source: one thread, the central point of a live device, that takes the frames the
 * kernel put in every port's receive ring and hands them to the SPUs through the same {@link
 * Ingress} (and so the same dispatcher and flow-hash ownership) a replay uses. Frames are not
 * copied: an SPU reads each where the kernel wrote it, so a block goes back to the kernel only once
 * every SPU has processed every frame offered from it.
 *
 * <pre>
 *  per port:  ring blocks  [ held by the SPUs ][ being read ][ kernel's ... ]
 *                            ▲ head              ▲ next
 *             (TPACKET_V2: slots, read as soon as each is ready, in batches of up to 256 that
 *              play the blocks' part: one set of marks per batch, released slot by slot)
 *  read block next: for each frame for this host ─► (ARP, ND: a copy to the host)
 *                                                ─► (TTL runs out in transit: to the host only)
 *                                                ─► capture ─► Ingress.offer(port's source, offset)
 *                   then note each SPU's offered count: the block's marks
 *  release block head once Ingress.processedUpTo(its marks)
 *  the host's frames (echo replies) are offered the same way from their queue, released likewise
 *  every 100 ms: every SPU's clock to now (Ingress.advanceTime), so sessions age while idle
 *  nothing to do: poll(every ring, the host's eventfd) for up to 100 ms
 * </pre>
 *
 * Time: each frame's timestamp is the kernel's receive time (CLOCK_REALTIME), never earlier than
 * the frame before; the clock steps use the same clock. Every SPU's clock starts at the first
 * frame, as in a replay, so a capture of the run replays to the same sessions.
 *
 * <p>Thread: its own (the only thread that offers to the Ingress while it runs).
 */
final class LiveSource implements Runnable {
  static final long CLOCK_STEP_NS = 100_000_000L;
  private static final int POLL_MS = 100;

  /** TPACKET_V2: at most this many slots are offered under one set of marks. */
  static final int BATCH_SLOTS = 256;

  /** TPACKET_V2: at most this many batches are held by the SPUs per port. */
  static final int MAXIMUM_BATCHES = 4096;

  private static final int ETHERTYPE_ARP = 0x0806;
  private static final int ETHERTYPE_IPV4 = 0x0800;
  private static final int ETHERTYPE_IPV6 = 0x86dd;

  private final Ingress ingress;
  private final RxRing[] rings;
  private final FrameQueue toHost;
  private final FrameQueue fromHost;
  private final LiveState state;
  private final LiveCapture capture;
  private final LiveClock clock;
  private final int eventFd;
  private final SourceCounters counters;
  private final MemorySegment errno = Linux.errnoSegment();
  private final PacketDescriptor probe = new PacketDescriptor();
  private volatile boolean running = true;

  // per port: which blocks (TPACKET_V3) or batches of slots (TPACKET_V2) the SPUs hold, and each
  // one's marks; for slots also where each batch starts and how many slots it has
  private final int[] sources;
  private final int[] head;
  private final int[] next;
  private final int[] held;
  private final long[][][] marks;
  private final int[] nextSlot;
  private final int[] heldSlots;
  private final int[][] batchFirst;
  private final int[][] batchSlots;

  // the host's frames lent to the SPUs: read counts and marks, oldest first
  private int localSource;
  private final long[] localRead;
  private final long[][] localMarks;
  private int localHead;
  private int localCount;

  private long lastNs = Long.MIN_VALUE;
  private long nextStepNs;
  private boolean started;

  LiveSource(
      Ingress ingress,
      RxRing[] rings,
      FrameQueue toHost,
      FrameQueue fromHost,
      int localCapacity,
      LiveState state,
      LiveCapture capture,
      LiveClock clock,
      int eventFd,
      SourceCounters counters) {
    this.ingress = ingress;
    this.rings = rings;
    this.toHost = toHost;
    this.fromHost = fromHost;
    this.state = state;
    this.capture = capture;
    this.clock = clock;
    this.eventFd = eventFd;
    this.counters = counters;
    int spus = ingress.spuCount();
    this.sources = new int[rings.length];
    this.head = new int[rings.length];
    this.next = new int[rings.length];
    this.held = new int[rings.length];
    this.marks = new long[rings.length][][];
    this.nextSlot = new int[rings.length];
    this.heldSlots = new int[rings.length];
    this.batchFirst = new int[rings.length][];
    this.batchSlots = new int[rings.length][];
    for (int port = 0; port < rings.length; port++) {
      int units = units(rings[port]);
      marks[port] = new long[units][spus];
      batchFirst[port] = new int[units];
      batchSlots[port] = new int[units];
    }
    this.localRead = new long[localCapacity];
    this.localMarks = new long[localCapacity][spus];
  }

  void stop() {
    running = false;
    wake(eventFd);
  }

  /** Wakes the thread polling the eventfd (adds 1 to its counter, eventfd(2)); any thread. */
  static void wake(int eventFd) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment one = arena.allocate(ValueLayout.JAVA_LONG);
      one.set(ValueLayout.JAVA_LONG, 0, 1L);
      Linux.write(Linux.errnoSegment(), eventFd, one, 8);
    }
  }

  @Override
  public void run() {
    for (int port = 0; port < rings.length; port++) {
      sources[port] = ingress.addSource(rings[port].memory());
    }
    localSource = ingress.addSource(fromHost.memory());
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment pollfds = arena.allocate(Linux.POLLFD, rings.length + 1L);
      for (int port = 0; port < rings.length; port++) {
        pollfds.set(ValueLayout.JAVA_INT, port * 8L, rings[port].fd());
        pollfds.set(ValueLayout.JAVA_SHORT, port * 8L + 4, Linux.POLLIN);
      }
      pollfds.set(ValueLayout.JAVA_INT, rings.length * 8L, eventFd);
      pollfds.set(ValueLayout.JAVA_SHORT, rings.length * 8L + 4, Linux.POLLIN);
      MemorySegment drained = arena.allocate(ValueLayout.JAVA_LONG);
      int idle = 0;
      while (running) {
        int work = 0;
        for (int port = 0; port < rings.length; port++) {
          work += readBlocks(port);
          work += releaseBlocks(port);
        }
        work += offerHostFrames();
        work += releaseHostFrames();
        stepClocks();
        if (work > 0) {
          idle = 0;
          continue;
        }
        if (anyHeld()) { // the SPUs are busy with frames of ours: look again soon
          if (++idle < 32) {
            Thread.onSpinWait();
          } else {
            LockSupport.parkNanos(20_000);
          }
          continue;
        }
        for (int i = 0; i <= rings.length; i++) {
          pollfds.set(ValueLayout.JAVA_SHORT, i * 8L + 6, (short) 0);
        }
        int timeoutMs = started ? POLL_MS : 1000;
        if (Linux.poll(errno, pollfds, rings.length + 1L, timeoutMs) > 0
            && pollfds.get(ValueLayout.JAVA_SHORT, rings.length * 8L + 6) != 0) {
          Linux.read(errno, eventFd, drained, 8);
        }
      }
    }
  }

  private boolean anyHeld() {
    for (int count : held) {
      if (count > 0) {
        return true;
      }
    }
    return localCount > 0;
  }

  /** How many blocks, or batches of slots, a port's SPUs may hold at once. */
  private static int units(RxRing ring) {
    return ring.layout() == RxRing.Layout.FRAMES
        ? Math.min(ring.frames(), MAXIMUM_BATCHES)
        : ring.blocks();
  }

  /**
   * Reads what the kernel handed over: whole blocks (TPACKET_V3), or (TPACKET_V2) every slot ready
   * now, up to {@value #BATCH_SLOTS}, as one batch with one set of marks.
   */
  private int readBlocks(int port) {
    RxRing ring = rings[port];
    if (ring.layout() == RxRing.Layout.FRAMES) {
      return readSlots(port, ring);
    }
    int blocks = 0;
    while (held[port] < ring.blocks() && ring.ready(next[port])) {
      int block = next[port];
      int packets = ring.packets(block);
      long frame = ring.firstFrame(block);
      for (int i = 0; i < packets; i++) {
        offerFrame(port, ring, frame);
        frame = ring.nextFrame(frame);
      }
      ingress.offeredMarks(marks[port][block]);
      next[port] = block + 1 == ring.blocks() ? 0 : block + 1;
      held[port]++;
      blocks++;
    }
    return blocks;
  }

  private int readSlots(int port, RxRing ring) {
    int slots = ring.frames();
    int batches = marks[port].length;
    int read = 0;
    while (held[port] < batches) {
      int first = nextSlot[port];
      int slot = first;
      int count = 0;
      while (count < BATCH_SLOTS && heldSlots[port] + count < slots && ring.slotReady(slot)) {
        offerFrame(port, ring, ring.slot(slot));
        slot = slot + 1 == slots ? 0 : slot + 1;
        count++;
      }
      if (count == 0) {
        break;
      }
      int batch = next[port];
      batchFirst[port][batch] = first;
      batchSlots[port][batch] = count;
      ingress.offeredMarks(marks[port][batch]);
      nextSlot[port] = slot;
      heldSlots[port] += count;
      next[port] = batch + 1 == batches ? 0 : batch + 1;
      held[port]++;
      read++;
    }
    return read;
  }

  private void offerFrame(int port, RxRing ring, long frame) {
    int type = ring.packetType(frame);
    int captured = ring.capturedBytes(frame);
    if (type == RxRing.PACKET_OUTGOING || type == RxRing.PACKET_OTHERHOST) {
      counters.notForUs[port]++;
      return;
    }
    if ((ring.status(frame) & RxRing.TP_STATUS_VLAN_VALID) != 0) {
      counters.tagged[port]++;
      return;
    }
    int length = ring.lengthBytes(frame);
    if (captured < length) { // larger than a slot (an MTU raised after the ring was made)
      counters.truncated[port]++;
      return;
    }
    long data = ring.data(frame);
    MemorySegment memory = ring.memory();
    long timestampNs = Math.max(lastNs, ring.timestampNs(frame));
    lastNs = timestampNs;
    counters.framesReceived[port]++;
    counters.bytesReceived[port] += length;
    if (captured >= 14) {
      int etherType = Wire.u16(memory, data + 12);
      if (etherType == ETHERTYPE_ARP
          || (etherType == ETHERTYPE_IPV6 && neighbourDiscovery(memory, data, captured))) {
        if (toHost.offer(memory, data, captured, HostPlane.KIND_NEIGHBOUR, port, 0, 0)) {
          state.wakeHost();
        } else {
          counters.hostQueueFull++;
        }
      } else if (expiresHere(memory, data, captured, etherType)) {
        // answered before the flow, which may translate its addresses: the time exceeded goes to
        // the real sender, as traceroute through a NAT needs (docs/adr/0026)
        counters.ttlExpired[port]++;
        if (toHost.offer(memory, data, captured, HostPlane.KIND_EXPIRED, port, 0, 0)) {
          state.wakeHost();
        } else {
          counters.hostQueueFull++;
        }
        return;
      }
    }
    offer(sources[port], memory, port, data, timestampNs, captured, length);
  }

  /**
   * True for an IP packet whose TTL or hop limit runs out here: one a router would forward (a route
   * that is not the device's own address; not multicast, broadcast or link-local). Only a TTL of 0
   * or 1 costs a parse.
   */
  private boolean expiresHere(MemorySegment memory, long data, int captured, int etherType) {
    int limit;
    if (etherType == ETHERTYPE_IPV4 && captured >= 14 + 20) {
      limit = Wire.u8(memory, data + 14 + 8);
    } else if (etherType == ETHERTYPE_IPV6 && captured >= 14 + 40) {
      limit = Wire.u8(memory, data + 14 + 7);
    } else {
      return false;
    }
    if (limit > 1
        || PacketParser.parse(memory, data, captured, captured, LinkType.ETHERNET, probe) != null
        || !LiveSink.forwardable(probe)) {
      return false;
    }
    Route route = state.forwarding.route(probe.destinationHi, probe.destinationLo);
    return route != null && route.type() != RouteType.LOCAL;
  }

  /** ICMPv6 types 133 to 137 straight after the IPv6 header. */
  private static boolean neighbourDiscovery(MemorySegment memory, long data, int captured) {
    if (captured < 14 + 40 + 4 || Wire.u8(memory, data + 14 + 6) != 58) {
      return false;
    }
    int type = Wire.u8(memory, data + 14 + 40);
    return type >= 133 && type <= 137;
  }

  private void offer(
      int source,
      MemorySegment memory,
      int port,
      long data,
      long timestampNs,
      int captured,
      int length) {
    if (!started) {
      started = true;
      ingress.advanceTime(timestampNs); // every SPU's clock starts at the first frame
      nextStepNs = timestampNs + CLOCK_STEP_NS;
    }
    if (capture != null) {
      capture.received(port, timestampNs, memory, data, captured, length);
    }
    ingress.offer(source, memory, LinkType.ETHERNET, port, data, timestampNs, captured, length);
  }

  private int releaseBlocks(int port) {
    RxRing ring = rings[port];
    boolean slots = ring.layout() == RxRing.Layout.FRAMES;
    int units = marks[port].length;
    int released = 0;
    while (held[port] > 0 && ingress.processedUpTo(marks[port][head[port]])) {
      int unit = head[port];
      if (slots) { // in ring order, so the kernel finds the slot after its last one free first
        int slot = batchFirst[port][unit];
        for (int i = batchSlots[port][unit]; i > 0; i--) {
          ring.releaseSlot(slot);
          slot = slot + 1 == ring.frames() ? 0 : slot + 1;
        }
        heldSlots[port] -= batchSlots[port][unit];
      } else {
        ring.release(unit);
      }
      head[port] = unit + 1 == units ? 0 : unit + 1;
      held[port]--;
      released++;
    }
    return released;
  }

  /** Offers the host's frames (its echo replies) to the flow, as frames of the "local" port. */
  private int offerHostFrames() {
    int offered = 0;
    long slot;
    while (localCount < localRead.length && (slot = fromHost.peek()) >= 0) {
      long timestampNs = Math.max(lastNs, clock.nowNs());
      lastNs = timestampNs;
      int length = fromHost.length(slot);
      offer(
          localSource,
          fromHost.memory(),
          rings.length,
          fromHost.frame(slot),
          timestampNs,
          length,
          length);
      fromHost.advance();
      int at = (localHead + localCount) % localRead.length;
      localRead[at] = fromHost.readCount();
      ingress.offeredMarks(localMarks[at]);
      localCount++;
      offered++;
    }
    return offered;
  }

  private int releaseHostFrames() {
    int released = 0;
    while (localCount > 0 && ingress.processedUpTo(localMarks[localHead])) {
      fromHost.releaseTo(localRead[localHead]);
      localHead = (localHead + 1) % localRead.length;
      localCount--;
      released++;
    }
    return released;
  }

  /** Moves every SPU's clock to now every {@link #CLOCK_STEP_NS}, once the first frame came. */
  private void stepClocks() {
    if (!started) {
      return;
    }
    long now = clock.nowNs();
    if (now >= nextStepNs) {
      lastNs = Math.max(lastNs, now);
      ingress.advanceTime(lastNs);
      nextStepNs = now + CLOCK_STEP_NS;
    }
  }
}
