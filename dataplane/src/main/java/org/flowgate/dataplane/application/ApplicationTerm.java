package org.flowgate.dataplane.application;

/**
 * One term of an application: what a first packet must carry to be this application.
 *
 * @param protocol IP protocol, -1 for any
 * @param icmpType ICMP or ICMPv6 type, -1 for any
 * @param icmpCode ICMP code, -1 for any
 * @param inactivityTimeoutSeconds the session timeout this term gives, 0 for the protocol default,
 *     {@link #NEVER} for {@code inactivity-timeout never}
 */
public record ApplicationTerm(
    int protocol,
    int sourcePortLow,
    int sourcePortHigh,
    int destinationPortLow,
    int destinationPortHigh,
    int icmpType,
    int icmpCode,
    int inactivityTimeoutSeconds) {

  /** {@code inactivity-timeout never}: the longest timeout a session record holds (68 years). */
  public static final int NEVER = Integer.MAX_VALUE;

  /** A TCP or UDP term for one destination port range, any source port. */
  public static ApplicationTerm ports(int protocol, int destinationLow, int destinationHigh) {
    return new ApplicationTerm(protocol, 0, 65535, destinationLow, destinationHigh, -1, -1, 0);
  }

  public ApplicationTerm withTimeout(int seconds) {
    return new ApplicationTerm(
        protocol,
        sourcePortLow,
        sourcePortHigh,
        destinationPortLow,
        destinationPortHigh,
        icmpType,
        icmpCode,
        seconds);
  }

  /**
   * True when a first packet matches. Ports are compared for TCP, UDP and SCTP only; ICMP matches
   * on type and code (an echo's "ports" are its identifier and sequence).
   */
  public boolean matches(
      int packetProtocol, int sourcePort, int destinationPort, int type, int code) {
    if (protocol >= 0 && protocol != packetProtocol) {
      return false;
    }
    if (packetProtocol == 1 || packetProtocol == 58) {
      return (icmpType < 0 || icmpType == type) && (icmpCode < 0 || icmpCode == code);
    }
    if (packetProtocol == 6 || packetProtocol == 17 || packetProtocol == 132) {
      return sourcePort >= sourcePortLow
          && sourcePort <= sourcePortHigh
          && destinationPort >= destinationPortLow
          && destinationPort <= destinationPortHigh;
    }
    return true;
  }
}
