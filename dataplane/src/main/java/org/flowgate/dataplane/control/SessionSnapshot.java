package org.flowgate.dataplane.control;

import org.flowgate.dataplane.session.SessionState;

/**
 * One session as {@code show security flow session} shows it, copied out of the owning SPU's table
 * at the moment of the query. Renderers format it; they compute nothing.
 *
 * @param sessionId the session identifier, as the platform numbers it (ADR 0022)
 * @param spu the SPU shard that owns the session (shown as {@code FPC0 PICn} on a multi-SPU table)
 * @param status {@code Normal} (the other SRX statuses come with features that set them)
 * @param sessionFlags natflag, natflag2, natflag3 and flag, as in {@code Flags:
 *     0x40/0x0/0x1/0x8103}
 * @param policyName name of the policy the first packet matched, null for a session without one
 * @param policyId the policy id shown after the slash
 * @param sourceNatPoolName source NAT pool, null when the session is not source-translated
 * @param applicationName matched predefined or custom application, null when none matched
 * @param applicationId internal id of that application
 * @param dynamicApplication application identification result ({@code junos:UNKNOWN} until AppID)
 * @param encryption encryption state of the session ({@code Unknown} until AppID tells)
 * @param maximumTimeoutSeconds the session's configured inactivity timeout
 * @param currentTimeoutSeconds seconds left before the session times out
 * @param state Valid or Invalidated
 * @param startTimeSeconds when the session was created, seconds since the Unix epoch
 * @param durationSeconds seconds since the session was created
 * @param forward the In wing
 * @param reverse the Out wing
 */
public record SessionSnapshot(
    long sessionId,
    int spu,
    String status,
    java.util.List<Long> sessionFlags,
    String policyName,
    long policyId,
    String sourceNatPoolName,
    String applicationName,
    int applicationId,
    String dynamicApplication,
    String encryption,
    int maximumTimeoutSeconds,
    int currentTimeoutSeconds,
    SessionState state,
    long startTimeSeconds,
    long durationSeconds,
    WingSnapshot forward,
    WingSnapshot reverse,
    ResourceInformation resource) {

  /**
   * {@code Resource information}: the ALG of a resource-manager session (an ALG's control session
   * or a child it opened a gate for), its group id and its resource id (docs/adr/0027-algs.md).
   */
  public record ResourceInformation(String alg, int groupId, int resourceId) {}

  /**
   * {@code Dynamic application} until application identification decides (ADR 0014): Junos's word
   * for an application that could not be identified.
   */
  public static final String DYNAMIC_APPLICATION_UNKNOWN = "junos:UNKNOWN";

  /** {@code Encryption} while the application is not known (ADR 0014). */
  public static final String ENCRYPTION_UNKNOWN = "Unknown";
}
