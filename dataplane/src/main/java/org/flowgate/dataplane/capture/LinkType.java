package org.flowgate.dataplane.capture;

/**
 * LINKTYPE_ values (the link-layer header type of a pcap file or pcapng interface) that Flowgate
 * reads and writes. The numbers are those of the tcpdump.org link-layer header types registry.
 */
public final class LinkType {
  /** BSD loopback: a 4-byte address family in the byte order of the capturing host. */
  public static final int NULL = 0;

  /** IEEE 802.3 Ethernet (DLT_EN10MB). */
  public static final int ETHERNET = 1;

  /** PPP, RFC 1661/1662: an optional 0xff03 address/control pair then the protocol. */
  public static final int PPP = 9;

  /** Raw IP; the version nibble says IPv4 or IPv6. */
  public static final int RAW = 101;

  /** Linux cooked capture v1, 16-byte header. */
  public static final int LINUX_SLL = 113;

  /** Linux NFLOG: a 4-byte header then netlink-style TLVs. */
  public static final int NFLOG = 239;

  /** Raw IPv4 only. */
  public static final int IPV4 = 228;

  /** Raw IPv6 only. */
  public static final int IPV6 = 229;

  /** Linux cooked capture v2, 20-byte header. */
  public static final int LINUX_SLL2 = 276;

  private LinkType() {}

  /** True for the link types {@code PacketParser} decodes; frames of any other are dropped. */
  public static boolean isDecoded(int linkType) {
    return switch (linkType) {
      case NULL, ETHERNET, PPP, RAW, LINUX_SLL, NFLOG, IPV4, IPV6, LINUX_SLL2 -> true;
      default -> false;
    };
  }

  /** A short name for messages, or {@code "linktype N"} for a value not listed here. */
  public static String name(int linkType) {
    return switch (linkType) {
      case NULL -> "null";
      case ETHERNET -> "ethernet";
      case PPP -> "ppp";
      case RAW -> "raw";
      case LINUX_SLL -> "linux-sll";
      case NFLOG -> "nflog";
      case IPV4 -> "ipv4";
      case IPV6 -> "ipv6";
      case LINUX_SLL2 -> "linux-sll2";
      default -> "linktype " + linkType;
    };
  }
}
