package org.flowgate.dataplane.live;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.flow.PacketSink;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.packet.PacketParser;
import org.flowgate.dataplane.packet.ResponseBuilder;
import org.flowgate.dataplane.packet.Wire;
import org.flowgate.dataplane.route.Route;
import org.flowgate.dataplane.route.RouteType;

/**
 * One SPU's way out to live interfaces: what the flow forwards is routed, checked and rewritten as
 * a router does, then written to this SPU's transmit ring of the egress port; what the flow builds
 * (a reject's answer) leaves by the port its cause came in on.
 *
 * <pre>
 * forward(packet)   route the (translated) destination in the master instance
 *   local route ─────────────────────────► copy to the host (ping to the device ...)
 *   multicast, broadcast, link-local ────► drop (a router does not forward them)
 *   TTL / hop limit ≤ 1 ─────────────────► ICMP time exceeded back, drop
 *   longer than the egress MTU: IPv4 without DF ─► fragments; DF or IPv6 ─► ICMP too big back
 *   (an ICMP error quotes the packet as it arrived, before NAT, and goes to its sender)
 *   next hop (gateway, or the destination itself) resolved?
 *     yes ─► transmit ring: Ethernet header (neighbour's MAC, port's MAC), the IP packet with
 *            TTL or hop limit one less (IPv4 checksum updated, RFC 1624)
 *     no  ─► the whole frame to the host, which resolves and sends it (bounded; drops counted)
 * flush()           one sendto per port that has frames waiting (end of every batch)
 * </pre>
 *
 * ICMP errors are limited to {@value #ICMP_ERRORS_PER_SECOND} a second per SPU (RFC 1812 §4.3.2.8)
 * and counted only when sent. Nothing here allocates.
 *
 * <p>Thread: its SPU's.
 */
final class LiveSink implements PacketSink {
  static final int ICMP_ERRORS_PER_SECOND = 1000;
  private static final int ETHERTYPE_IPV4 = 0x0800;
  private static final int ETHERTYPE_IPV6 = 0x86dd;

  private final LiveState state;
  private final TxRing[] rings;
  private final FrameQueue toHost;
  private final LiveCapture capture;
  private final SinkCounters counters;
  private final MemorySegment scratch =
      MemorySegment.ofArray(new byte[ResponseBuilder.MAXIMUM_FRAME_BYTES]);
  private final PacketDescriptor arrived = new PacketDescriptor();
  private long icmpTokens = ICMP_ERRORS_PER_SECOND;
  private long icmpRefillNs;

  LiveSink(LiveState state, TxRing[] rings, FrameQueue toHost, LiveCapture capture) {
    this.state = state;
    this.rings = rings;
    this.toHost = toHost;
    this.capture = capture;
    this.counters = new SinkCounters(rings.length);
  }

  SinkCounters counters() {
    return counters;
  }

  @Override
  public void forward(PacketDescriptor p) {
    if (p.linkType != LinkType.ETHERNET) {
      counters.droppedNotEthernet++;
      return;
    }
    Forwarding forwarding = state.forwarding;
    long ipEnd = p.l3Offset + p.ipLengthBytes;
    if (ipEnd > p.frameOffset + p.capturedLengthBytes) {
      counters.droppedTruncated++;
      return;
    }
    Route route = forwarding.route(p.destinationHi, p.destinationLo);
    if (route == null) {
      counters.droppedNoRoute++;
      return;
    }
    if (route.type() == RouteType.LOCAL) {
      toHost(p, HostPlane.KIND_LOCAL, p.captureInterfaceId, 0, 0);
      return;
    }
    if (route.type() != RouteType.DIRECT && route.type() != RouteType.STATIC) {
      counters.droppedNoRoute++;
      return;
    }
    if (!forwardable(p)) {
      counters.droppedNotForwardable++;
      return;
    }
    int port = forwarding.portOf(route.interfaceIndex());
    if (port < 0) {
      counters.droppedEgressNotAttached++;
      return;
    }
    if (p.ttl <= 1) {
      counters.droppedTtlExpired++;
      answerWithError(p, forwarding, false, 0);
      return;
    }
    Forwarding.Port out = forwarding.ports()[port];
    boolean gateway = route.gateway() != null;
    long nextHi = gateway ? route.gateway().hi() : p.destinationHi;
    long nextLo = gateway ? route.gateway().lo() : p.destinationLo;
    Neighbours neighbours = state.neighbours;
    int neighbour = neighbours.find(port, nextHi, nextLo);
    long mac = -1;
    if (neighbour >= 0) {
      neighbours.markUsed(neighbour);
      mac = neighbours.mac(neighbour);
    }
    if (p.ipLengthBytes > out.mtuBytes()) {
      boolean dontFragment =
          p.ipVersion == 6 || (Wire.u16(p.segment, p.l3Offset + 6) & 0x4000) != 0;
      if (dontFragment) {
        counters.droppedTooBig++;
        answerWithError(p, forwarding, true, out.mtuBytes());
        return;
      }
      fragment(p, out, mac, nextHi, nextLo);
      return;
    }
    emit(p, out, mac, nextHi, nextLo, 0, p.ipLengthBytes, -1, false);
  }

  /** False for destinations a router never forwards: multicast, broadcast, link-local. */
  static boolean forwardable(PacketDescriptor p) {
    if (p.ipVersion == 6) {
      long top = p.destinationHi >>> 48;
      return (top >>> 8) != 0xff && (top & 0xffc0) != 0xfe80;
    }
    int destination = (int) p.destinationLo;
    return (destination >>> 28) != 0xe
        && destination != -1
        && (destination >>> 16) != 0xa9fe; // 169.254/16
  }

  /**
   * Writes one frame out of {@code p}'s IP packet: the whole packet ({@code fragmentOffset} -1) or
   * the fragment carrying {@code dataBytes} of its payload from {@code dataOffset}, with its own
   * IPv4 header. To the transmit ring when the neighbour is known ({@code mac >= 0}), else to the
   * host, which resolves it first.
   */
  private void emit(
      PacketDescriptor p,
      Forwarding.Port out,
      long mac,
      long nextHi,
      long nextLo,
      int dataOffset,
      int dataBytes,
      int fragmentOffset,
      boolean lastFragment) {
    int headerBytes = fragmentOffset < 0 ? 0 : (Wire.u8(p.segment, p.l3Offset) & 0x0f) * 4;
    int ipBytes = headerBytes + dataBytes;
    int frameBytes = 14 + ipBytes;
    TxRing ring = rings[out.number()];
    MemorySegment memory;
    long at;
    if (mac >= 0) {
      if (frameBytes > ring.maximumFrameBytes()) {
        counters.droppedTooBig++;
        return;
      }
      at = ring.claim();
      if (at < 0) {
        ring.kick();
        at = ring.claim();
        if (at < 0) {
          counters.droppedTransmitRingFull++;
          return;
        }
      }
      memory = ring.memory();
    } else {
      if (frameBytes > toHost.largestFrameBytes()) {
        counters.droppedHostQueueFull++;
        return;
      }
      at = toHost.claim();
      if (at < 0) {
        counters.droppedHostQueueFull++;
        return;
      }
      memory = toHost.memory();
    }
    writeMac(memory, at, mac < 0 ? 0 : mac);
    writeMac(memory, at + 6, out.mac());
    Wire.setU16(memory, at + 12, p.ipVersion == 6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4);
    long l3 = at + 14;
    if (fragmentOffset < 0) {
      MemorySegment.copy(p.segment, p.l3Offset, memory, l3, ipBytes);
      decrementTtl(memory, l3, p.ipVersion);
    } else {
      MemorySegment.copy(p.segment, p.l3Offset, memory, l3, headerBytes);
      MemorySegment.copy(
          p.segment, p.l3Offset + headerBytes + dataOffset, memory, l3 + headerBytes, dataBytes);
      int flags = Wire.u16(p.segment, p.l3Offset + 6);
      boolean more = !lastFragment || (flags & 0x2000) != 0;
      int offsetUnits = (flags & 0x1fff) + fragmentOffset / 8;
      Wire.setU16(memory, l3 + 2, ipBytes);
      Wire.setU16(memory, l3 + 6, (more ? 0x2000 : 0) | offsetUnits);
      Wire.setU8(memory, l3 + 8, p.ttl - 1);
      Wire.setU16(memory, l3 + 10, 0);
      Wire.setU16(memory, l3 + 10, Wire.checksum(Wire.sum(memory, l3, headerBytes)));
      counters.fragmentsSent++;
    }
    if (mac >= 0) {
      ring.commit(frameBytes);
      counters.framesSent[out.number()]++;
      counters.bytesSent[out.number()] += frameBytes;
      if (capture != null) {
        capture.sent(out.number(), p.timestampNs, memory, at, frameBytes);
      }
      if (ring.unsent() >= 64) {
        ring.kick();
      }
    } else {
      toHost.publish(frameBytes, HostPlane.KIND_RESOLVE, out.number(), nextHi, nextLo);
      counters.queuedForResolution++;
      state.wakeHost();
    }
  }

  /** IPv4 without DF, longer than the egress MTU: fragments of 8-byte multiples (RFC 791). */
  private void fragment(
      PacketDescriptor p, Forwarding.Port out, long mac, long nextHi, long nextLo) {
    int headerBytes = (Wire.u8(p.segment, p.l3Offset) & 0x0f) * 4;
    int payloadBytes = p.ipLengthBytes - headerBytes;
    int chunk = ((out.mtuBytes() - headerBytes) / 8) * 8;
    if (chunk <= 0) {
      counters.droppedTooBig++;
      return;
    }
    for (int offset = 0; offset < payloadBytes; offset += chunk) {
      int bytes = Math.min(chunk, payloadBytes - offset);
      emit(p, out, mac, nextHi, nextLo, offset, bytes, offset, offset + bytes >= payloadBytes);
    }
  }

  /** TTL (IPv4, checksum updated incrementally) or hop limit (IPv6) one less. */
  private static void decrementTtl(MemorySegment memory, long l3, int ipVersion) {
    if (ipVersion == 6) {
      Wire.setU8(memory, l3 + 7, Wire.u8(memory, l3 + 7) - 1);
      return;
    }
    int old = Wire.u16(memory, l3 + 8);
    int updated = old - 0x100;
    Wire.setU16(memory, l3 + 8, updated);
    long sum = (~Wire.u16(memory, l3 + 10) & 0xffff) + (~old & 0xffff) + updated;
    Wire.setU16(memory, l3 + 10, Wire.checksum(sum));
  }

  /**
   * Sends an ICMP time exceeded or too-big about {@code p} back where it came from, about the
   * packet as its sender sent it: the flow has already run, and when NAT rewrote {@code p} its
   * source may be the firewall's own outside address and its destination a translated one. The
   * error quotes the frame as it arrived ({@link PacketDescriptor#arrivedSegment}) and goes to its
   * source, so the sender finds its own socket in it (RFC 1191 path MTU discovery behind source or
   * destination NAT), as an SRX's reverse translation of the error gives.
   */
  private void answerWithError(
      PacketDescriptor forwarded, Forwarding forwarding, boolean tooBig, int mtuBytes) {
    PacketDescriptor p = asSent(forwarded);
    if (p == null) {
      return;
    }
    int port = p.captureInterfaceId;
    if (port < 0 || port >= rings.length || !ResponseBuilder.mayAnswerWithError(p)) {
      return;
    }
    Forwarding.Port in = forwarding.ports()[port];
    long fromHi;
    long fromLo;
    if (p.ipVersion == 6) {
      fromHi = in.ipv6Hi() != 0 ? in.ipv6Hi() : in.linkLocalHi();
      fromLo = in.ipv6Hi() != 0 ? in.ipv6Lo() : in.linkLocalLo();
    } else {
      if (in.ipv4() == 0) {
        return;
      }
      fromHi = 0;
      fromLo = in.ipv4();
    }
    if (!takeIcmpToken(p.timestampNs)) {
      counters.icmpRateLimited++;
      return;
    }
    int length =
        tooBig
            ? ResponseBuilder.packetTooBig(p, scratch, mtuBytes, fromHi, fromLo)
            : ResponseBuilder.timeExceeded(p, scratch, fromHi, fromLo);
    if (length > 0 && transmit(port, scratch, length, p.timestampNs)) {
      if (tooBig) {
        counters.tooBigSent++;
      } else {
        counters.timeExceededSent++;
      }
    }
  }

  /** {@code p} itself, or the frame it was before NAT moved it, decoded again; null if it fails. */
  private PacketDescriptor asSent(PacketDescriptor p) {
    if (p.arrivedSegment == null) {
      return p;
    }
    if (PacketParser.parse(
            p.arrivedSegment,
            p.arrivedFrameOffset,
            p.arrivedLengthBytes,
            p.originalLengthBytes,
            p.linkType,
            arrived)
        != null) {
      return null; // it decoded once before the flow: cannot happen, and then nothing to quote
    }
    arrived.captureInterfaceId = p.captureInterfaceId;
    arrived.timestampNs = p.timestampNs;
    return arrived;
  }

  private boolean takeIcmpToken(long nowNs) {
    if (nowNs - icmpRefillNs >= 1_000_000_000L) {
      icmpRefillNs = nowNs;
      icmpTokens = ICMP_ERRORS_PER_SECOND;
    }
    if (icmpTokens <= 0) {
      return false;
    }
    icmpTokens--;
    return true;
  }

  @Override
  public void send(MemorySegment frame, int lengthBytes, PacketDescriptor cause) {
    int port = cause.captureInterfaceId;
    if (cause.linkType != LinkType.ETHERNET || port < 0 || port >= rings.length) {
      return; // built for a frame of the host's own: nowhere on a wire to answer
    }
    if (transmit(port, frame, lengthBytes, cause.timestampNs)) {
      counters.answersSent++;
    }
  }

  /** Copies a frame this SPU built to the port's ring, from the port's own MAC. */
  private boolean transmit(int port, MemorySegment frame, int lengthBytes, long timestampNs) {
    TxRing ring = rings[port];
    if (lengthBytes > ring.maximumFrameBytes()) {
      return false;
    }
    long at = ring.claim();
    if (at < 0) {
      ring.kick();
      at = ring.claim();
      if (at < 0) {
        counters.droppedTransmitRingFull++;
        return false;
      }
    }
    MemorySegment memory = ring.memory();
    MemorySegment.copy(frame, 0, memory, at, lengthBytes);
    writeMac(memory, at + 6, state.forwarding.ports()[port].mac());
    ring.commit(lengthBytes);
    counters.framesSent[port]++;
    counters.bytesSent[port] += lengthBytes;
    if (capture != null) {
      capture.sent(port, timestampNs, memory, at, lengthBytes);
    }
    return true;
  }

  /** A packet for the device itself, copied whole to the host with the port it came in on. */
  private void toHost(PacketDescriptor p, int kind, int port, long hi, long lo) {
    if (!toHost.offer(p.segment, p.frameOffset, p.capturedLengthBytes, kind, port, hi, lo)) {
      counters.droppedHostQueueFull++;
      return;
    }
    counters.deliveredToHost++;
    state.wakeHost();
  }

  @Override
  public void flush() {
    for (TxRing ring : rings) {
      ring.kick();
    }
  }

  private static void writeMac(MemorySegment memory, long at, long mac) {
    Wire.setU16(memory, at, (int) (mac >>> 32));
    Wire.setU32(memory, at + 2, mac & 0xffff_ffffL);
  }
}
