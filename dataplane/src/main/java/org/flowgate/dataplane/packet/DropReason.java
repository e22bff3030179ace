package org.flowgate.dataplane.packet;

/**
 * Why a frame was not forwarded. Every drop in the data plane names one of these and is counted per
 * reason; nothing throws out of the packet path.
 */
public enum DropReason {
  // --- decoding (PacketParser) ---
  /**
   * A frame of a capture file that was truncated while it was replayed: its bytes were gone when
   * the SPU came to read them (docs/adr/0018-captures-that-shrink.md).
   */
  CAPTURE_TRUNCATED("capture truncated while replayed"),
  /** A record with no captured bytes (legal in pcap and pcapng: caplen 0). */
  EMPTY_FRAME("empty frame"),
  /** The link type of the capture is not one Flowgate decodes. */
  UNSUPPORTED_LINK_TYPE("unsupported link type"),
  /** The frame ends inside its link-layer header (Ethernet, VLAN tags, SLL, PPPoE ...). */
  TRUNCATED_LINK_HEADER("truncated link-layer header"),
  /** A well-formed frame that carries no IP (ARP, LLDP, STP, PPP control ...). */
  NOT_IP("not an IP packet"),
  TRUNCATED_IP_HEADER("truncated IP header"),
  BAD_IP_VERSION("bad IP version"),
  /** IPv4 header length below 5 words or past the frame. */
  BAD_IP_HEADER_LENGTH("bad IPv4 header length"),
  /** IPv4 total length shorter than its header, or longer than the frame on the wire. */
  BAD_IP_TOTAL_LENGTH("bad IP total length"),
  /** An IPv4 option whose length runs past the header or is below 2. */
  BAD_IP_OPTIONS("bad IPv4 options"),
  /** An IPv6 extension header chain that runs past the packet. */
  BAD_IPV6_EXTENSION_HEADER("bad IPv6 extension header"),
  /** A fragment whose offset and length run past 65535 bytes. */
  BAD_FRAGMENT("bad fragment"),
  TRUNCATED_TCP_HEADER("truncated TCP header"),
  /** TCP data offset below 5 words or past the segment. */
  BAD_TCP_DATA_OFFSET("bad TCP data offset"),
  TRUNCATED_UDP_HEADER("truncated UDP header"),
  BAD_UDP_LENGTH("bad UDP length"),
  TRUNCATED_ICMP_HEADER("truncated ICMP header"),
  TRUNCATED_SCTP_HEADER("truncated SCTP header"),
  /**
   * ICMP (protocol 1) inside IPv6, or ICMPv6 (58) inside IPv4: no host sends either, and an error
   * of the other family would otherwise be matched to a session of the family it quotes.
   */
  ICMP_IP_VERSION_MISMATCH("ICMP of the other IP version"),
  /** An ICMP error whose quoted header is too short to name a session. */
  BAD_ICMP_ERROR_QUOTE("bad quoted header in ICMP error"),

  // --- flow (first path and fast path) ---
  /** A TCP first packet that is not a SYN, with syn-check on (the Junos default). */
  TCP_NO_SYN("TCP first packet not SYN"),
  /** A TCP segment outside the window of its session, with sequence checking on. */
  TCP_OUT_OF_WINDOW("TCP sequence check failed"),
  /** A first packet that found the session table full (counted as Failed-sessions). */
  SESSION_TABLE_FULL("session table full"),
  /** A non-first fragment whose first fragment was not seen. */
  FRAGMENT_WITHOUT_FIRST("fragment without first fragment"),
  /** An ICMP error that quotes a packet of no session: it never creates one. */
  ICMP_ERROR_WITHOUT_SESSION("ICMP error without session"),
  /**
   * A first packet to UDP port 53 whose DNS header says it is a response (QR = 1): a DNS reply with
   * no request, dropped without a session unless {@code security flow allow-dns-reply}.
   */
  DNS_REPLY_WITHOUT_REQUEST("DNS reply without request"),
  /** No route to the destination in the routing instance. */
  NO_ROUTE("no route"),
  /** A discard or reject route matched. */
  ROUTE_DISCARD("route discard"),

  /** Multicast beyond the link: Flowgate routes no multicast (no PIM, no multicast routes). */
  NO_MULTICAST_ROUTE("no multicast route"),
  /** Traffic to the firewall itself that the ingress zone's host-inbound-traffic does not allow. */
  HOST_INBOUND_DENIED("host-inbound traffic not allowed"),
  /** The security policy (or the default policy) denied the first packet. */
  POLICY_DENY("policy deny"),
  /** The security policy rejected the first packet. */
  POLICY_REJECT("policy reject"),
  /** Source NAT found no address or port left in the rule's pool (nor its overflow). */
  NAT_POOL_EXHAUSTED("source NAT pool exhausted"),
  /**
   * An application layer gateway dropped the packet: a command naming a third host, a malformed DNS
   * message, an oversized one with oversize-message-drop (the ALG's counters say which).
   */
  ALG_DROPPED("dropped by ALG"),
  /**
   * An ALG held the segment back: it ended inside a control message that NAT must rewrite, and goes
   * out with the rest of the message (docs/adr/0027-algs.md).
   */
  ALG_HELD("held by ALG until its message is whole"),
  /**
   * The flow failed on the packet with a defect of Flowgate's own (an exception in a first-path
   * stage, the fast path or a session listener): the packet is dropped, the SPU goes on. A count
   * here is a bug to report; the same input will show it again.
   */
  FLOW_FAULT("flow fault"),
  /** A packet of a session that is already invalidated and waiting to be reaped. */
  SESSION_INVALIDATED("session invalidated"),

  // --- screens (security screen ids-option of the ingress zone; docs/adr/0024-screens.md) ---
  // Named as Junos names the screen (the line of show security screen statistics that counts it);
  // shown there, not among the flow statistics' drop reasons.
  SCREEN_ICMP_FLOOD("ICMP flood"),
  SCREEN_UDP_FLOOD("UDP flood"),
  SCREEN_TCP_WINNUKE("TCP winnuke"),
  SCREEN_TCP_PORT_SCAN("TCP port scan"),
  SCREEN_UDP_PORT_SCAN("UDP port scan"),
  SCREEN_ICMP_ADDRESS_SWEEP("ICMP address sweep"),
  SCREEN_TCP_SWEEP("TCP sweep"),
  SCREEN_UDP_SWEEP("UDP sweep"),
  SCREEN_IP_TEAR_DROP("IP tear drop"),
  SCREEN_TCP_SYN_FLOOD("TCP SYN flood"),
  SCREEN_TCP_SYN_FLOOD_SOURCE("TCP SYN flood src"),
  SCREEN_TCP_SYN_FLOOD_DESTINATION("TCP SYN flood dst"),
  SCREEN_IP_SPOOFING("IP spoofing"),
  SCREEN_ICMP_PING_OF_DEATH("ICMP ping of death"),
  SCREEN_IP_SOURCE_ROUTE_OPTION("IP source route option"),
  SCREEN_TCP_LAND_ATTACK("TCP land attack"),
  SCREEN_TCP_SYN_FRAGMENT("TCP SYN fragment"),
  SCREEN_TCP_NO_FLAG("TCP no flag"),
  SCREEN_IP_UNKNOWN_PROTOCOL("IP unknown protocol"),
  SCREEN_IP_BAD_OPTIONS("IP bad options"),
  SCREEN_IP_RECORD_ROUTE_OPTION("IP record route option"),
  SCREEN_IP_TIMESTAMP_OPTION("IP timestamp option"),
  SCREEN_IP_SECURITY_OPTION("IP security option"),
  SCREEN_IP_LOOSE_SOURCE_ROUTE_OPTION("IP loose source route option"),
  SCREEN_IP_STRICT_SOURCE_ROUTE_OPTION("IP strict source route option"),
  SCREEN_IP_STREAM_OPTION("IP stream option"),
  SCREEN_ICMP_FRAGMENT("ICMP fragment"),
  SCREEN_ICMP_LARGE_PACKET("ICMP large packet"),
  SCREEN_TCP_SYN_FIN("TCP SYN FIN"),
  SCREEN_TCP_FIN_NO_ACK("TCP FIN no ACK"),
  SCREEN_SOURCE_SESSION_LIMIT("Source session limit"),
  SCREEN_IP_BLOCK_FRAGMENT("IP block fragment"),
  SCREEN_DESTINATION_SESSION_LIMIT("Destination session limit");

  private final String description;

  DropReason(String description) {
    this.description = description;
  }

  /** True for the drops of a screen, which {@code show security screen statistics} counts. */
  public boolean screen() {
    return name().startsWith("SCREEN_");
  }

  /** Words an operator reads in {@code show security flow statistics} style output. */
  public String description() {
    return description;
  }
}
