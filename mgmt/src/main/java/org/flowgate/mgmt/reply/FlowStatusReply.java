package org.flowgate.mgmt.reply;

/**
 * {@code show security flow status}: how this engine forwards. IPv4 and IPv6 take the flow path;
 * packets reach SPUs by a hash of their flow; each SPU keeps a flow's packets in order in software.
 */
public record FlowStatusReply(
    String inetMode,
    String inet6Mode,
    String mplsMode,
    String isoMode,
    String tracingStatus,
    String distributionMode,
    String gtpuDistribution,
    String ipsecPerformanceAcceleration,
    String orderingMode)
    implements ViewReply {

  /** Flowgate's status: every value a fact of its design, or a declared placeholder. */
  public static FlowStatusReply flowgate() {
    return flowgate(false);
  }

  /**
   * Flowgate's status with {@code Flow trace status} {@code on} while {@code security flow
   * traceoptions} traces packets (a file and a flag configured).
   */
  public static FlowStatusReply flowgate(boolean tracing) {
    return new FlowStatusReply(
        "flow based",
        "flow based",
        Placeholders.MPLS_ISO_FORWARDING_MODE,
        Placeholders.MPLS_ISO_FORWARDING_MODE,
        tracing ? "on" : "off",
        "Hash-based",
        Placeholders.GTPU_DISTRIBUTION,
        Placeholders.IPSEC_PERFORMANCE_ACCELERATION,
        "Software");
  }
}
