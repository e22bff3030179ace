package org.flowgate.dataplane.runtime;

import org.flowgate.dataplane.net.IpProtocol;

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
 * @param sequenceCheck drop TCP segments far outside the window (off with {@code
 *     no-sequence-check})
 * @param maximumWindowBytes how far a sequence number may stray from the next expected one
 * @param finInvalidateSession end a session at once when its FIN exchange completes
 * @param rstInvalidateSession end a session at once on a RST
 * @param policyRematch on commit, re-evaluate sessions against the new policies instead of only
 *     closing those whose policy is gone
 * @param earlyAgeoutSeconds {@code aging early-ageout}: the timeout every session has while the
 *     session table is crowded (20 s)
 * @param highWatermarkPercent {@code aging high-watermark}: aggressive ageing starts when the
 *     sessions in use exceed this percentage of the table (100: never)
 * @param lowWatermarkPercent {@code aging low-watermark}: aggressive ageing stops when they fall
 *     below this percentage (100)
 * @param allowDnsReply {@code allow-dns-reply}: a first packet to UDP port 53 whose DNS header says
 *     it is a response may create a session (by default it is dropped)
 * @param trace {@code traceoptions}: which packets the SPUs trace, and to which file
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
    boolean rstInvalidateSession,
    boolean policyRematch,
    int earlyAgeoutSeconds,
    int highWatermarkPercent,
    int lowWatermarkPercent,
    boolean allowDnsReply,
    TraceOptions trace) {

  public FlowSettings {
    if (trace == null) {
      throw new IllegalArgumentException("trace options are NONE, not null");
    }
    if (earlyAgeoutSeconds < 1) {
      throw new IllegalArgumentException("early-ageout must be at least 1 second");
    }
    if (highWatermarkPercent < 0
        || highWatermarkPercent > 100
        || lowWatermarkPercent < 0
        || lowWatermarkPercent > 100) {
      throw new IllegalArgumentException("watermarks are percentages, 0 to 100");
    }
  }

  public static FlowSettings junosDefaults() {
    return new Builder().build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public FlowSettings withSynCheck(boolean on) {
    return toBuilder().synCheck(on).build();
  }

  public FlowSettings withSequenceCheck(boolean on) {
    return toBuilder().sequenceCheck(on).build();
  }

  /** The same settings with every inactivity timeout (not the TCP initial one) replaced. */
  public FlowSettings withTimeouts(
      int tcpSeconds, int udpSeconds, int icmpSeconds, int otherSeconds) {
    return toBuilder()
        .tcpTimeoutSeconds(tcpSeconds)
        .udpTimeoutSeconds(udpSeconds)
        .icmpTimeoutSeconds(icmpSeconds)
        .otherTimeoutSeconds(otherSeconds)
        .build();
  }

  public FlowSettings withInvalidate(boolean fin, boolean rst) {
    return toBuilder().finInvalidateSession(fin).rstInvalidateSession(rst).build();
  }

  /** The protocol default inactivity timeout (reference §4). */
  public int timeoutFor(int protocol) {
    return switch (protocol) {
      case IpProtocol.TCP -> tcpTimeoutSeconds;
      case IpProtocol.UDP -> udpTimeoutSeconds;
      case 1, 58 -> icmpTimeoutSeconds;
      default -> otherTimeoutSeconds;
    };
  }

  /**
   * Builds settings from the Junos defaults; the configuration compiler sets what is configured.
   */
  public static final class Builder {
    private int tcpInitialTimeoutSeconds = 20;
    private int tcpTimeoutSeconds = 1800;
    private int udpTimeoutSeconds = 60;
    private int icmpTimeoutSeconds = 60;
    private int otherTimeoutSeconds = 1800;
    private int closingTimeoutSeconds = 2;
    private int responseTimeoutSeconds = 4;
    private int invalidatedLingerSeconds = 2;
    private boolean synCheck = true;
    private boolean sequenceCheck = true;
    private long maximumWindowBytes = 1L << 20;
    private boolean finInvalidateSession;
    private boolean rstInvalidateSession;
    private boolean policyRematch;
    private int earlyAgeoutSeconds = 20;
    private int highWatermarkPercent = 100;
    private int lowWatermarkPercent = 100;
    private boolean allowDnsReply;
    private TraceOptions trace = TraceOptions.NONE;

    public Builder() {}

    private Builder(FlowSettings s) {
      tcpInitialTimeoutSeconds = s.tcpInitialTimeoutSeconds;
      tcpTimeoutSeconds = s.tcpTimeoutSeconds;
      udpTimeoutSeconds = s.udpTimeoutSeconds;
      icmpTimeoutSeconds = s.icmpTimeoutSeconds;
      otherTimeoutSeconds = s.otherTimeoutSeconds;
      closingTimeoutSeconds = s.closingTimeoutSeconds;
      responseTimeoutSeconds = s.responseTimeoutSeconds;
      invalidatedLingerSeconds = s.invalidatedLingerSeconds;
      synCheck = s.synCheck;
      sequenceCheck = s.sequenceCheck;
      maximumWindowBytes = s.maximumWindowBytes;
      finInvalidateSession = s.finInvalidateSession;
      rstInvalidateSession = s.rstInvalidateSession;
      policyRematch = s.policyRematch;
      earlyAgeoutSeconds = s.earlyAgeoutSeconds;
      highWatermarkPercent = s.highWatermarkPercent;
      lowWatermarkPercent = s.lowWatermarkPercent;
      allowDnsReply = s.allowDnsReply;
      trace = s.trace;
    }

    public Builder tcpInitialTimeoutSeconds(int seconds) {
      tcpInitialTimeoutSeconds = seconds;
      return this;
    }

    public Builder tcpTimeoutSeconds(int seconds) {
      tcpTimeoutSeconds = seconds;
      return this;
    }

    public Builder udpTimeoutSeconds(int seconds) {
      udpTimeoutSeconds = seconds;
      return this;
    }

    public Builder icmpTimeoutSeconds(int seconds) {
      icmpTimeoutSeconds = seconds;
      return this;
    }

    public Builder otherTimeoutSeconds(int seconds) {
      otherTimeoutSeconds = seconds;
      return this;
    }

    public Builder closingTimeoutSeconds(int seconds) {
      closingTimeoutSeconds = seconds;
      return this;
    }

    public Builder responseTimeoutSeconds(int seconds) {
      responseTimeoutSeconds = seconds;
      return this;
    }

    public Builder invalidatedLingerSeconds(int seconds) {
      invalidatedLingerSeconds = seconds;
      return this;
    }

    public Builder synCheck(boolean on) {
      synCheck = on;
      return this;
    }

    public Builder sequenceCheck(boolean on) {
      sequenceCheck = on;
      return this;
    }

    public Builder maximumWindowBytes(long bytes) {
      maximumWindowBytes = bytes;
      return this;
    }

    public Builder finInvalidateSession(boolean on) {
      finInvalidateSession = on;
      return this;
    }

    public Builder rstInvalidateSession(boolean on) {
      rstInvalidateSession = on;
      return this;
    }

    public Builder policyRematch(boolean on) {
      policyRematch = on;
      return this;
    }

    public Builder earlyAgeoutSeconds(int seconds) {
      earlyAgeoutSeconds = seconds;
      return this;
    }

    public Builder highWatermarkPercent(int percent) {
      highWatermarkPercent = percent;
      return this;
    }

    public Builder lowWatermarkPercent(int percent) {
      lowWatermarkPercent = percent;
      return this;
    }

    public Builder allowDnsReply(boolean on) {
      allowDnsReply = on;
      return this;
    }

    public Builder trace(TraceOptions options) {
      trace = options;
      return this;
    }

    public FlowSettings build() {
      return new FlowSettings(
          tcpInitialTimeoutSeconds,
          tcpTimeoutSeconds,
          udpTimeoutSeconds,
          icmpTimeoutSeconds,
          otherTimeoutSeconds,
          closingTimeoutSeconds,
          responseTimeoutSeconds,
          invalidatedLingerSeconds,
          synCheck,
          sequenceCheck,
          maximumWindowBytes,
          finInvalidateSession,
          rstInvalidateSession,
          policyRematch,
          earlyAgeoutSeconds,
          highWatermarkPercent,
          lowWatermarkPercent,
          allowDnsReply,
          trace);
    }
  }
}
