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
 * @param dynamicApplication application identification's result: {@code Pending} while the payload
 *     is inspected, then the application ({@code junos:HTTP} ...), {@code junos:UNKNOWN} or {@code
 *     INCONCLUSIVE} (ADR 0014)
 * @param nestedApplication the application inside it ({@code junos:FACEBOOK-ACCESS} over HTTP ...),
 *     {@code junos:UNKNOWN} when none
 * @param encryption {@code Yes} or {@code No} from the identified application, {@code Unknown}
 *     until it is known
 * @param maximumTimeoutSeconds the session's configured inactivity timeout
 * @param currentTimeoutSeconds seconds left before the session times out
 * @param state Valid or Invalidated
 * @param startTimeSeconds when the session was created, seconds since the Unix epoch
 * @param durationSeconds seconds since the session was created
 * @param forward the In wing
 * @param reverse the Out wing
 * @param trafficControlRuleSet the application traffic control rule-set the session's policy
 *     applies, once its application is known; {@link #TRAFFIC_CONTROL_NONE} otherwise (ADR 0034)
 * @param trafficControlRule the rule of that rule-set that matched the application, or {@link
 *     #TRAFFIC_CONTROL_NONE}
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
    String nestedApplication,
    String encryption,
    int maximumTimeoutSeconds,
    int currentTimeoutSeconds,
    SessionState state,
    long startTimeSeconds,
    long durationSeconds,
    WingSnapshot forward,
    WingSnapshot reverse,
    ResourceInformation resource,
    String trafficControlRuleSet,
    String trafficControlRule) {

  /**
   * {@code Application traffic control rule-set} and {@code Rule} of a session no rule-set applies
   * to, or whose application is not yet known: Junos prints INVALID (every real extensive sample).
   */
  public static final String TRAFFIC_CONTROL_NONE = "INVALID";

  /** A session without application traffic control (rule-set and rule INVALID). */
  public SessionSnapshot(
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
      String nestedApplication,
      String encryption,
      int maximumTimeoutSeconds,
      int currentTimeoutSeconds,
      SessionState state,
      long startTimeSeconds,
      long durationSeconds,
      WingSnapshot forward,
      WingSnapshot reverse,
      ResourceInformation resource) {
    this(
        sessionId,
        spu,
        status,
        sessionFlags,
        policyName,
        policyId,
        sourceNatPoolName,
        applicationName,
        applicationId,
        dynamicApplication,
        nestedApplication,
        encryption,
        maximumTimeoutSeconds,
        currentTimeoutSeconds,
        state,
        startTimeSeconds,
        durationSeconds,
        forward,
        reverse,
        resource,
        TRAFFIC_CONTROL_NONE,
        TRAFFIC_CONTROL_NONE);
  }

  /**
   * {@code Resource information}: the ALG of a resource-manager session (an ALG's control session
   * or a child it opened a gate for), its group id and its resource id (docs/adr/0027-algs.md).
   */
  public record ResourceInformation(String alg, int groupId, int resourceId) {}

  /** Junos's word for an application that could not be identified (ADR 0014). */
  public static final String DYNAMIC_APPLICATION_UNKNOWN = "junos:UNKNOWN";

  /** {@code Dynamic application} while the session's payload is still inspected. */
  public static final String DYNAMIC_APPLICATION_PENDING = "Pending";

  /** {@code Dynamic application} of a session that ended, or stayed one-sided, undecided. */
  public static final String DYNAMIC_APPLICATION_INCONCLUSIVE = "INCONCLUSIVE";

  /** {@code Encryption} while the application is not known (ADR 0014). */
  public static final String ENCRYPTION_UNKNOWN = "Unknown";

  /**
   * True when application identification named the session's application: the extensive view then
   * adds {@code Dynamic nested application} (reference §1.3: the SSH sample has it, the
   * junos:UNKNOWN one does not; ADR 0014).
   */
  public boolean applicationIdentified() {
    return !dynamicApplication.equals(DYNAMIC_APPLICATION_PENDING)
        && !dynamicApplication.equals(DYNAMIC_APPLICATION_UNKNOWN)
        && !dynamicApplication.equals(DYNAMIC_APPLICATION_INCONCLUSIVE);
  }
}
