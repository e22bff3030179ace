package org.flowgate.mgmt.render;

/**
 * IP protocol numbers as Junos prints them after the {@code ;} of a session wing ({@code
 * 100.1.0.2/1 --> 100.2.0.2/43583;icmp}). The names are the keywords the {@code protocol} filter of
 * {@code show security flow session} accepts, plus {@code icmp6} and {@code ipv6} seen in session
 * output; any other protocol is printed as its decimal number.
 */
public final class ProtocolNames {
  private static final String[] NAMES = new String[256];

  static {
    NAMES[1] = "icmp";
    NAMES[2] = "igmp";
    NAMES[4] = "ipip";
    NAMES[6] = "tcp";
    NAMES[8] = "egp";
    NAMES[17] = "udp";
    NAMES[41] = "ipv6";
    NAMES[46] = "rsvp";
    NAMES[47] = "gre";
    NAMES[50] = "esp";
    NAMES[51] = "ah";
    NAMES[58] = "icmp6";
    NAMES[89] = "ospf";
    NAMES[103] = "pim";
    NAMES[112] = "vrrp";
    NAMES[132] = "sctp";
  }

  private ProtocolNames() {}

  /** The Junos name of IP protocol {@code protocol}, or its decimal number when it has none. */
  public static String name(int protocol) {
    if (protocol >= 0 && protocol < NAMES.length && NAMES[protocol] != null) {
      return NAMES[protocol];
    }
    return Integer.toString(protocol);
  }
}
