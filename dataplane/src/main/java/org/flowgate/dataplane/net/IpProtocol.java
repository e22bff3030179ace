package org.flowgate.dataplane.net;

/** IP protocol numbers (IANA "Assigned Internet Protocol Numbers") that Flowgate treats apart. */
public final class IpProtocol {
  public static final int ICMP = 1;
  public static final int TCP = 6;
  public static final int UDP = 17;
  public static final int GRE = 47;
  public static final int ESP = 50;
  public static final int ICMPV6 = 58;
  public static final int SCTP = 132;

  private IpProtocol() {}

  /** ICMP for IPv4 or IPv6. */
  public static boolean isIcmp(int protocol) {
    return protocol == ICMP || protocol == ICMPV6;
  }
}
