package org.flowgate.dataplane.packet;

import java.lang.foreign.MemorySegment;

/**
 * What the data plane knows about one packet after decoding: a flyweight that {@link PacketParser}
 * fills in place for every packet, so the per-packet path allocates nothing.
 *
 * <p>Thread: owned by one thread (an SPU shard, or the dispatcher); never shared.
 *
 * <p>Addresses are 128 bits for both families: an IPv4 address is kept IPv4-mapped ({@code
 * ::ffff:a.b.c.d}, RFC 4291 §2.5.5.2), so {@code hi == 0} and {@code lo == 0x0000_ffff_0000_0000L |
 * ipv4}. Ports follow the SRX reading of reference §0: for TCP, UDP and SCTP the transport ports;
 * for an ICMP or ICMPv6 echo request the identifier as source port and the sequence number as
 * destination port, and for an echo reply the other way round, so that a reply matches the reverse
 * wing of its request's session; zero for protocols without ports.
 */
public final class PacketDescriptor {
  /** The bytes of the frame: {@code [frameOffset, frameOffset + capturedLengthBytes)}. */
  public MemorySegment segment;

  public long frameOffset;
  public int capturedLengthBytes;
  public int originalLengthBytes;
  public long timestampNs;

  /**
   * The frame as it arrived, once a rewrite (NAT) has moved the packet into an SPU's frame buffer:
   * {@code [arrivedFrameOffset, arrivedFrameOffset + arrivedLengthBytes)} of this segment, readable
   * while the packet is processed. Null while the packet is still where it arrived. An ICMP error
   * the device builds about a packet it cannot forward quotes this, the packet as its sender sent
   * it, and goes to that sender (RFC 1812 §4.3.2.3), whatever NAT made of it.
   */
  public MemorySegment arrivedSegment;

  public long arrivedFrameOffset;
  public int arrivedLengthBytes;

  /** Link type of the frame (pcap LINKTYPE_*). */
  public int linkType;

  /**
   * Where the frame lies in the replay: capture number in bits 48 and up, byte offset below. Frames
   * in capture order have growing keys; a NAT rewrite leaves it as it was.
   */
  public long captureFrameKey;

  /**
   * The packet's place in the device's input, counted from 1 by the ingress whatever SPU it goes
   * to; 0 when no ingress counted it. A session created by this packet takes it as its id on a vSRX
   * (docs/adr/0022), so ids rise steadily and do not depend on the number of SPU shards.
   */
  public long ordinal;

  /** Capture interface: pcapng interface id, 0 for classic pcap. */
  public int captureInterfaceId;

  /** Outer 802.1Q / 802.1ad VLAN id, or -1 when untagged. */
  public int vlanId;

  /** Inner VLAN id of a Q-in-Q frame, or -1. */
  public int innerVlanId;

  /** Source MAC address in the low 48 bits, or -1 when the link has none. */
  public long sourceMac;

  /** Offset of the IP header in {@link #segment}. */
  public long l3Offset;

  /** Offset of the transport header in {@link #segment}, 0 when the packet carries none. */
  public long l4Offset;

  /** 4 or 6. */
  public int ipVersion;

  public long sourceHi;
  public long sourceLo;
  public long destinationHi;
  public long destinationLo;

  /** Transport protocol number: the IPv4 protocol, or the last IPv6 next-header. */
  public int protocol;

  /** IP bytes as the header says: IPv4 total length, or 40 + IPv6 payload length. */
  public int ipLengthBytes;

  public int ttl;

  /** True for any fragment (IPv4 MF or offset, or an IPv6 fragment header). */
  public boolean fragment;

  /** True for the fragment at offset 0 (it carries the transport header). */
  public boolean firstFragment;

  public boolean moreFragments;
  public int fragmentOffsetBytes;

  /** IPv4 identification or IPv6 fragment-header identification. */
  public long fragmentId;

  /** True when the ports fields hold values from this packet (false for non-first fragments). */
  public boolean hasPorts;

  public int sourcePort;
  public int destinationPort;

  /** TCP flags byte (FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10, URG 0x20, ECE, CWR). */
  public int tcpFlags;

  public long tcpSequence;
  public long tcpAcknowledgement;
  public int tcpWindow;
  public int tcpPayloadBytes;

  /**
   * Offset in {@link #segment} of the first transport payload byte (after the TCP header with its
   * options, or the 8-byte UDP header); 0 when the packet carries no TCP or UDP header.
   */
  public long payloadOffset;

  /**
   * Transport payload bytes present in the frame from {@link #payloadOffset}: what was captured of
   * the TCP payload or of the UDP datagram (never past the header's length); 0 when none.
   */
  public int payloadBytes;

  /**
   * The session table's key hash of this packet's wing ({@code SessionTable.keyHash} of its
   * addresses, ports and protocol), when {@link #keyHashKnown}: the dispatcher computed it from its
   * own parse of the same frame and handed it over in the ring entry, so the SPU does not hash the
   * key again (docs/adr/0036). Set by the SPU's shard after each parse; the parser leaves it alone.
   */
  public int keyHash;

  /** True when {@link #keyHash} holds the hash the dispatcher computed for this frame. */
  public boolean keyHashKnown;

  public int icmpType;
  public int icmpCode;

  /**
   * True for a UDP datagram to or from port 53 whose payload starts with a DNS header saying QR = 1
   * (a response). Decoded only for port 53 and only when at least 3 payload bytes are present (the
   * QR bit is the top bit of the third); false otherwise.
   */
  public boolean dnsResponse;

  /** True for ICMP echo request/reply (v4 8/0, v6 128/129). */
  public boolean icmpEcho;

  /**
   * True for an ICMP error (v4 3, 4, 5, 11, 12; v6 1, 2, 3, 4) whose quoted header was decoded into
   * the {@code quoted*} fields. Such a packet belongs to the session of the packet it quotes.
   */
  public boolean icmpError;

  public long quotedSourceHi;
  public long quotedSourceLo;
  public long quotedDestinationHi;
  public long quotedDestinationLo;
  public int quotedProtocol;
  public int quotedSourcePort;
  public int quotedDestinationPort;

  /** Offsets in {@link #segment} of the quoted IP header and of its transport header (0: none). */
  public long quotedL3Offset;

  public long quotedL4Offset;

  /** Resets every field to the state of an undecoded frame. */
  public void clear() {
    segment = null;
    clearAllButSegment();
  }

  /**
   * {@link #clear}, then {@link #segment} = {@code frames}, stored only when it changes: it is the
   * one reference among the fields, and a reference store is the one costly write on the per-packet
   * path (G1 fences it, once the descriptor has been promoted to the old generation).
   */
  void clearFor(MemorySegment frames) {
    clearAllButSegment();
    if (segment != frames) {
      segment = frames;
    }
  }

  private void clearAllButSegment() {
    if (arrivedSegment != null) {
      arrivedSegment = null; // a reference store only for the packets NAT moved
    }
    arrivedFrameOffset = 0;
    arrivedLengthBytes = 0;
    frameOffset = 0;
    capturedLengthBytes = 0;
    originalLengthBytes = 0;
    timestampNs = 0;
    captureInterfaceId = 0;
    linkType = 0;
    captureFrameKey = 0;
    ordinal = 0;
    vlanId = -1;
    innerVlanId = -1;
    sourceMac = -1;
    l3Offset = 0;
    l4Offset = 0;
    ipVersion = 0;
    sourceHi = sourceLo = destinationHi = destinationLo = 0;
    protocol = 0;
    ipLengthBytes = 0;
    ttl = 0;
    fragment = firstFragment = moreFragments = false;
    fragmentOffsetBytes = 0;
    fragmentId = 0;
    hasPorts = false;
    sourcePort = destinationPort = 0;
    tcpFlags = 0;
    tcpSequence = tcpAcknowledgement = 0;
    tcpWindow = tcpPayloadBytes = 0;
    payloadOffset = 0;
    payloadBytes = 0;
    icmpType = icmpCode = 0;
    dnsResponse = false;
    icmpEcho = icmpError = false;
    quotedSourceHi = quotedSourceLo = quotedDestinationHi = quotedDestinationLo = 0;
    quotedProtocol = quotedSourcePort = quotedDestinationPort = 0;
    quotedL3Offset = quotedL4Offset = 0;
  }
}
