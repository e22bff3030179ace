package org.flowgate.dataplane.policy;

import org.flowgate.dataplane.net.IpProtocol;

/**
 * {@code security policies pre-id-default-policy then ...}: what a session runs under while unified
 * policies wait for its application (docs/adr/0033). It always permits ({@code Pre ID default
 * policy: permit-all}); the configuration sets its session timeouts per protocol and its logging. A
 * timeout of 0 is not set: the session keeps its application's or protocol's timeout.
 *
 * @param tcpTimeoutSeconds {@code session-timeout tcp}
 * @param udpTimeoutSeconds {@code session-timeout udp}
 * @param icmpTimeoutSeconds {@code session-timeout icmp}
 * @param icmp6TimeoutSeconds {@code session-timeout icmp6}
 * @param ospfTimeoutSeconds {@code session-timeout ospf}
 * @param othersTimeoutSeconds {@code session-timeout others}
 * @param logInit {@code log session-init}
 * @param logClose {@code log session-close}
 */
public record PreIdDefaultPolicy(
    int tcpTimeoutSeconds,
    int udpTimeoutSeconds,
    int icmpTimeoutSeconds,
    int icmp6TimeoutSeconds,
    int ospfTimeoutSeconds,
    int othersTimeoutSeconds,
    boolean logInit,
    boolean logClose) {

  /** Its name as session views and RT_FLOW show it ({@code .../3}: its id). */
  public static final String NAME = "pre-id-default-policy-logical-system-00";

  /** Nothing configured. */
  public static final PreIdDefaultPolicy DEFAULTS =
      new PreIdDefaultPolicy(0, 0, 0, 0, 0, 0, false, false);

  /** Junos's range for each {@code session-timeout}: 4 to 86 400 seconds. */
  public static final int MINIMUM_TIMEOUT_SECONDS = 4;

  public static final int MAXIMUM_TIMEOUT_SECONDS = 86_400;

  /** The configured timeout for {@code protocol}, or 0 when none is. */
  public int timeoutSecondsFor(int protocol) {
    return switch (protocol) {
      case IpProtocol.TCP -> tcpTimeoutSeconds;
      case IpProtocol.UDP -> udpTimeoutSeconds;
      case IpProtocol.ICMP -> icmpTimeoutSeconds;
      case IpProtocol.ICMPV6 -> icmp6TimeoutSeconds;
      case 89 -> ospfTimeoutSeconds;
      default -> othersTimeoutSeconds;
    };
  }
}
