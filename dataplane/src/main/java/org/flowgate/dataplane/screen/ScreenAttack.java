package org.flowgate.dataplane.screen;

/**
 * What a screen detects, one constant per line of {@code show security screen statistics}, in the
 * order Junos prints them (the order of the {@code ids-statistics-*} elements of the {@code
 * get-ids-statistics} reply). Each names its statistics label, its XML element, and the RT_IDS
 * message it is logged as. ADR 0024 says where each word comes from.
 *
 * <pre>
 * constant             statistics label         element (ids-statistics-…)  log tag          attack-name
 * ICMP_FLOOD           ICMP flood               icmp-flood                  RT_SCREEN_ICMP   ICMP flood!
 * TCP_SYN_FLOOD_SOURCE TCP SYN flood src        syn-flood-src               …_TCP_SRC_IP     SYN flood!
 * ...
 * </pre>
 *
 * Attacks that Flowgate does not detect ({@link #detected()} false: the IPv6 extension-header
 * screens, the tunnel screens, the SYN-ACK-ACK proxy) are listed so that the view has every line
 * Junos prints; their configuration statements are warned about as not implemented, so their
 * counters stay 0 because nothing can count them.
 */
public enum ScreenAttack {
  ICMP_FLOOD("ICMP flood", "icmp-flood", LogTag.RT_SCREEN_ICMP, "ICMP flood!"),
  UDP_FLOOD("UDP flood", "udp-flood", LogTag.RT_SCREEN_UDP, "UDP flood!"),
  TCP_WINNUKE("TCP winnuke", "winnuke", LogTag.RT_SCREEN_TCP, "WinNuke attack!"),
  TCP_PORT_SCAN("TCP port scan", "tcp-port-scan", LogTag.RT_SCREEN_TCP, "TCP port scan!"),
  UDP_PORT_SCAN("UDP port scan", "udp-port-scan", LogTag.RT_SCREEN_UDP, "UDP port scan!"),
  ICMP_ADDRESS_SWEEP(
      "ICMP address sweep", "address-sweep", LogTag.RT_SCREEN_ICMP, "ICMP address sweep!"),
  TCP_SWEEP("TCP sweep", "tcp-sweep", LogTag.RT_SCREEN_TCP, "TCP sweep!"),
  UDP_SWEEP("UDP sweep", "udp-sweep", LogTag.RT_SCREEN_UDP, "UDP sweep!"),
  IP_TEAR_DROP("IP tear drop", "tear-drop", LogTag.RT_SCREEN_IP, "Tear-drop attack!"),
  TCP_SYN_FLOOD("TCP SYN flood", "syn-flood", LogTag.RT_SCREEN_TCP, "SYN flood!"),
  TCP_SYN_FLOOD_SOURCE(
      "TCP SYN flood src", "syn-flood-src", LogTag.RT_SCREEN_TCP_SRC_IP, "SYN flood!"),
  TCP_SYN_FLOOD_DESTINATION(
      "TCP SYN flood dst", "syn-flood-dst", LogTag.RT_SCREEN_TCP_DST_IP, "SYN flood!"),
  IP_SPOOFING("IP spoofing", "ip-spoofing", LogTag.RT_SCREEN_IP, "IP spoofing!"),
  ICMP_PING_OF_DEATH(
      "ICMP ping of death", "ping-of-death", LogTag.RT_SCREEN_ICMP, "Ping of Death!"),
  IP_SOURCE_ROUTE_OPTION(
      "IP source route option",
      "ip-option-src-route",
      LogTag.RT_SCREEN_IP,
      "Source Route IP option!"),
  TCP_LAND_ATTACK("TCP land attack", "land", LogTag.RT_SCREEN_TCP, "Land attack!"),
  TCP_SYN_FRAGMENT("TCP SYN fragment", "syn-fragment", LogTag.RT_SCREEN_TCP, "SYN fragment!"),
  TCP_NO_FLAG("TCP no flag", "tcp-no-flag", LogTag.RT_SCREEN_TCP, "No TCP flag!"),
  IP_UNKNOWN_PROTOCOL(
      "IP unknown protocol", "unknown-protocol", LogTag.RT_SCREEN_IP, "Unknown protocol!"),
  IP_BAD_OPTIONS("IP bad options", "ip-option-bad", LogTag.RT_SCREEN_IP, "Bad IP option!"),
  IP_RECORD_ROUTE_OPTION(
      "IP record route option",
      "ip-option-record-route",
      LogTag.RT_SCREEN_IP,
      "Record Route IP option!"),
  IP_TIMESTAMP_OPTION(
      "IP timestamp option", "ip-option-timestamp", LogTag.RT_SCREEN_IP, "Timestamp IP option!"),
  IP_SECURITY_OPTION(
      "IP security option", "ip-option-security", LogTag.RT_SCREEN_IP, "Security IP option!"),
  IP_LOOSE_SOURCE_ROUTE_OPTION(
      "IP loose source route option",
      "ip-option-loose-src-route",
      LogTag.RT_SCREEN_IP,
      "Loose Source Route IP option!"),
  IP_STRICT_SOURCE_ROUTE_OPTION(
      "IP strict source route option",
      "ip-option-strict-src-route",
      LogTag.RT_SCREEN_IP,
      "Strict Source Route IP option!"),
  IP_STREAM_OPTION(
      "IP stream option", "ip-option-stream", LogTag.RT_SCREEN_IP, "Stream IP option!"),
  ICMP_FRAGMENT("ICMP fragment", "icmp-fragment", LogTag.RT_SCREEN_ICMP, "ICMP fragment!"),
  ICMP_LARGE_PACKET(
      "ICMP large packet", "icmp-large-pkt", LogTag.RT_SCREEN_ICMP, "Large ICMP packet!"),
  TCP_SYN_FIN("TCP SYN FIN", "syn-fin", LogTag.RT_SCREEN_TCP, "SYN and FIN bits!"),
  TCP_FIN_NO_ACK("TCP FIN no ACK", "fin-no-ack", LogTag.RT_SCREEN_TCP, "FIN but no ACK bit!"),
  SOURCE_SESSION_LIMIT(
      "Source session limit",
      "src-session-limit",
      LogTag.RT_SCREEN_SESSION_LIMIT,
      "Src IP session limit!"),
  TCP_SYN_ACK_ACK_PROXY("TCP SYN-ACK-ACK proxy", "syn-ack-ack-proxy", null, null),
  IP_BLOCK_FRAGMENT("IP block fragment", "block-fragment", LogTag.RT_SCREEN_IP, "IP fragment!"),
  DESTINATION_SESSION_LIMIT(
      "Destination session limit",
      "dst-session-limit",
      LogTag.RT_SCREEN_SESSION_LIMIT,
      "Dst IP session limit!"),
  IPV6_EXTENSION_HEADER("IPv6 extension header", "ipv6-ext-header", null, null),
  IPV6_EXTENSION_HOP_BY_HOP_OPTION(
      "IPv6 extension hop by hop option", "ipv6-ext-hbyh-option", null, null),
  IPV6_EXTENSION_DESTINATION_OPTION(
      "IPv6 extension destination option", "ipv6-ext-dst-option", null, null),
  IPV6_EXTENSION_HEADER_LIMIT("IPv6 extension header limit", "ipv6-ext-header-limit", null, null),
  IPV6_MALFORMED_HEADER("IPv6 malformed header", "ipv6-malformed-header", null, null),
  ICMPV6_MALFORMED_PACKET("ICMPv6 malformed packet", "icmpv6-malformed-packet", null, null),
  IP_TUNNEL_SUMMARY("IP tunnel summary", "ip-tunnel-summary", null, null);

  /** The RT_IDS message an attack is logged as; the fields it carries differ by tag. */
  public enum LogTag {
    /** attack-name, source and destination address, zone, interface, action. */
    RT_SCREEN_ICMP,
    /** as ICMP, with protocol-id. */
    RT_SCREEN_IP,
    /** as ICMP, with source and destination port. */
    RT_SCREEN_TCP,
    /** as TCP. */
    RT_SCREEN_UDP,
    /** the source address only (syn-flood source-threshold). */
    RT_SCREEN_TCP_SRC_IP,
    /** the destination address only (syn-flood destination-threshold). */
    RT_SCREEN_TCP_DST_IP,
    /** as IP (limit-session). */
    RT_SCREEN_SESSION_LIMIT
  }

  private static final ScreenAttack[] ALL = values();

  private final String label;
  private final String element;
  private final LogTag logTag;
  private final String attackName;

  ScreenAttack(String label, String element, LogTag logTag, String attackName) {
    this.label = label;
    this.element = element;
    this.logTag = logTag;
    this.attackName = attackName;
  }

  /** The label of the {@code show security screen statistics} line. */
  public String label() {
    return label;
  }

  /** The XML element of the statistic: {@code ids-statistics-} and this. */
  public String element() {
    return "ids-statistics-" + element;
  }

  /** The RT_IDS message tag; null for an attack Flowgate does not detect. */
  public LogTag logTag() {
    return logTag;
  }

  /** The {@code attack-name} of its RT_IDS message; null when not detected. */
  public String attackName() {
    return attackName;
  }

  /** True when Flowgate detects this attack; false for the lines kept only for the view. */
  public boolean detected() {
    return logTag != null;
  }

  /** The attack with this ordinal (an event's attack word), or null. */
  public static ScreenAttack of(int ordinal) {
    return ordinal >= 0 && ordinal < ALL.length ? ALL[ordinal] : null;
  }

  public static int count() {
    return ALL.length;
  }
}
