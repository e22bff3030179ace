package org.flowgate.dataplane.appqos;

import org.flowgate.dataplane.appid.ApplicationCatalog;

/**
 * One {@code rule NAME} of an application traffic control rule-set, compiled against the
 * generation's application catalog.
 *
 * <pre>
 * match   application-any        every session
 *         application-unknown    sessions identified as junos:UNKNOWN (or INCONCLUSIVE)
 *         application-known      sessions identified as anything else
 *         application NAME       applications[id] (catalog ids)
 *         application-group G    every catalog application whose category is in G
 * then    dscp-code-point        dscp 0..63, -1 when not marked
 *         forwarding-class, loss-priority (names; Flowgate has no queues, they are shown)
 *         rate-limit             limiter indexes into TrafficControl.rateLimiters(), -1 for none
 *         log                    (read; AppQoS logs are not written, ADR 0034)
 * </pre>
 *
 * @param applications by catalog id: true when {@code application} or {@code application-group}
 *     names it (may be shorter than the catalog: ids past its end are not named)
 */
public record AppQosRule(
    String name,
    boolean any,
    boolean unknown,
    boolean known,
    boolean[] applications,
    int dscp,
    String forwardingClass,
    String lossPriority,
    int clientToServerLimiter,
    int serverToClientLimiter,
    boolean lossPriorityHigh,
    boolean log) {

  /** True when the rule's match takes a session identified as {@code application}. */
  public boolean matches(int application) {
    if (any) {
      return true;
    }
    boolean isUnknown =
        application == ApplicationCatalog.UNKNOWN || application == ApplicationCatalog.INCONCLUSIVE;
    if (isUnknown) {
      return unknown;
    }
    if (application >= 0 && application < applications.length && applications[application]) {
      return true;
    }
    return known && application > ApplicationCatalog.INCONCLUSIVE;
  }

  /** True when the rule marks its sessions (DSCP, forwarding class or loss priority). */
  public boolean marks() {
    return dscp >= 0 || forwardingClass != null || lossPriority != null;
  }

  /** True when the rule limits either direction. */
  public boolean limits() {
    return clientToServerLimiter >= 0 || serverToClientLimiter >= 0;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AppQosRule that
        && name.equals(that.name)
        && any == that.any
        && unknown == that.unknown
        && known == that.known
        && java.util.Arrays.equals(applications, that.applications)
        && dscp == that.dscp
        && java.util.Objects.equals(forwardingClass, that.forwardingClass)
        && java.util.Objects.equals(lossPriority, that.lossPriority)
        && clientToServerLimiter == that.clientToServerLimiter
        && serverToClientLimiter == that.serverToClientLimiter
        && lossPriorityHigh == that.lossPriorityHigh
        && log == that.log;
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + java.util.Arrays.hashCode(applications);
  }
}
