package org.flowgate.dataplane.runtime;

/**
 * The {@code security flow} knobs the data plane obeys, with Junos defaults (reference §4).
 *
 * @param tcpInitialTimeoutSeconds a TCP session's timeout until its handshake completes (20 s)
 * @param tcpTimeoutSeconds TCP inactivity timeout (1800 s)
 * @param udpTimeoutSeconds UDP inactivity timeout (60 s)
 * @param icmpTimeoutSeconds ICMP and ICMPv6 inactivity timeout (60 s)
 * @param otherTimeoutSeconds inactivity timeout of any other protocol (1800 s)
 * @param closingTimeoutSeconds what is left of a TCP session after its FIN exchange or a RST (2 s)
 * @param responseTimeoutSeconds what is left of an ICMP echo or DNS session once its response has
 *     passed (4 s, as the SRX samples show for echo sessions)
 * @param invalidatedLingerSeconds how long a closed session stays visible as Invalidated before it
 *     is reaped
 * @param synCheck drop a TCP first packet that is not a SYN (off with {@code no-syn-check})
 * @param sequenceCheck drop TCP segments far outside the window (off with {@code no-sequence-check})
 * @param maximumWindowBytes how far a sequence number may stray from the next expected one
 * @param finInvalidateSession end a session at once when its FIN exchange completes
 * @param rstInvalidateSession end a session at once on a RST
 */
public record FlowSettings(
    int tcpInitialTimeoutSeconds,
    int tcpTimeoutSeconds,
    int udpTimeoutSeconds,
    int icmpTimeoutSeconds,
    int otherTimeoutSeconds,
    int closingTimeoutSeconds,
    int responseTimeoutSeconds,
    int invalidatedLingerSeconds,
    boolean synCheck,
    boolean sequenceCheck,
    long maximumWindowBytes,
    boolean finInvalidateSession,
    boolean rstInvalidateSession) {

  public static FlowSettings junosDefaults() {
    return new FlowSettings(20, 1800, 60, 60, 1800, 2, 4, 2, true, true, 1L << 20, false, false);
  }

  public FlowSettings withSynCheck(boolean on) {
    return new FlowSettings(
        tcpInitialTimeoutSeconds, tcpTimeoutSeconds, udpTimeoutSeconds, icmpTimeoutSeconds,
        otherTimeoutSeconds, closingTimeoutSeconds, responseTimeoutSeconds, invalidatedLingerSeconds,
        on, sequenceCheck, maximumWindowBytes, finInvalidateSession, rstInvalidateSession);
  }

  public FlowSettings withSequenceCheck(boolean on) {
    return new FlowSettings(
        tcpInitialTimeoutSeconds, tcpTimeoutSeconds, udpTimeoutSeconds, icmpTimeoutSeconds,
        otherTimeoutSeconds, closingTimeoutSeconds, responseTimeoutSeconds, invalidatedLingerSeconds,
        synCheck, on, maximumWindowBytes, finInvalidateSession, rstInvalidateSession);
  }

  /** The same settings with every inactivity timeout (not the TCP initial one) replaced. */
  public FlowSettings withTimeouts(int tcpSeconds, int udpSeconds, int icmpSeconds, int otherSeconds) {
    return new FlowSettings(
        tcpInitialTimeoutSeconds, tcpSeconds, udpSeconds, icmpSeconds, otherSeconds,
        closingTimeoutSeconds, responseTimeoutSeconds, invalidatedLingerSeconds, synCheck,
        sequenceCheck, maximumWindowBytes, finInvalidateSession, rstInvalidateSession);
  }

  public FlowSettings withInvalidate(boolean fin, boolean rst) {
    return new FlowSettings(
        tcpInitialTimeoutSeconds, tcpTimeoutSeconds, udpTimeoutSeconds, icmpTimeoutSeconds,
        otherTimeoutSeconds, closingTimeoutSeconds, responseTimeoutSeconds, invalidatedLingerSeconds,
        synCheck, sequenceCheck, maximumWindowBytes, fin, rst);
  }

  /** The protocol default inactivity timeout (reference §4). */
  public int timeoutFor(int protocol) {
    return switch (protocol) {
      case 6 -> tcpTimeoutSeconds;
      case 17 -> udpTimeoutSeconds;
      case 1, 58 -> icmpTimeoutSeconds;
      default -> otherTimeoutSeconds;
    };
  }
}
