package org.flowgate.dataplane.control;

import static org.flowgate.dataplane.session.SessionTable.FORWARD;
import static org.flowgate.dataplane.session.SessionTable.REVERSE;

import org.flowgate.dataplane.application.Application;
import org.flowgate.dataplane.flow.SessionView;
import org.flowgate.dataplane.net.IpPrefix;

/**
 * The filters of {@code show} and {@code clear security flow session} (reference §1.6, §1.7), all
 * ANDed. A null field (or -1) does not filter. Prefixes and ports are those of the In wing, as the
 * session was received; {@code interface} matches the incoming or the outgoing interface.
 *
 * @param family 4 for {@code family inet}, 6 for {@code inet6}, 0 for either
 * @param nat only sessions with address or port translation
 * @param tunnel only sessions with a tunnel wing
 * @param resourceManager only resource-manager (ALG pinhole) sessions
 * @param encrypted only sessions whose encryption is known to be on
 * @param trafficControl only sessions an application traffic control rule-set applies to (ADR 0034)
 */
public record SessionQuery(
    IpPrefix sourcePrefix,
    IpPrefix destinationPrefix,
    int sourcePort,
    int destinationPort,
    int protocol,
    String application,
    String dynamicApplication,
    String interfaceName,
    boolean nat,
    long policyId,
    int family,
    String logicalSystem,
    boolean tunnel,
    boolean resourceManager,
    boolean encrypted,
    long connTag,
    long sessionIdentifier,
    boolean trafficControl) {

  public static final SessionQuery ALL =
      new SessionQuery(
          null, null, -1, -1, -1, null, null, null, false, -1, 0, null, false, false, false, -1, -1,
          false);

  public boolean isAll() {
    return equals(ALL);
  }

  /** The query as a filter evaluated on the SPU's thread against the live record. */
  public SessionFilter toFilter() {
    return this::matches;
  }

  private boolean matches(SessionView session) {
    if (sessionIdentifier >= 0 && session.sessionId() != sessionIdentifier) {
      return false;
    }
    if (protocol >= 0 && session.protocol() != protocol) {
      return false;
    }
    if (sourcePort >= 0 && session.sourcePort(FORWARD) != sourcePort) {
      return false;
    }
    if (destinationPort >= 0 && session.destinationPort(FORWARD) != destinationPort) {
      return false;
    }
    if (family == 4 && session.ipv6() || family == 6 && !session.ipv6()) {
      return false;
    }
    if (sourcePrefix != null
        && !sourcePrefix.contains(session.sourceHi(FORWARD), session.sourceLo(FORWARD))) {
      return false;
    }
    if (destinationPrefix != null
        && !destinationPrefix.contains(
            session.destinationHi(FORWARD), session.destinationLo(FORWARD))) {
      return false;
    }
    if (interfaceName != null
        && !interfaceName.equals(session.interfaceName(FORWARD))
        && !interfaceName.equals(session.interfaceName(REVERSE))) {
      return false;
    }
    if (policyId >= 0 && session.policy().id() != policyId) {
      return false;
    }
    if (application != null) {
      Application matched = session.application();
      if (matched == null || !matched.name().equals(application)) {
        return false;
      }
    }
    if (dynamicApplication != null
        && !dynamicApplication.equalsIgnoreCase(
            session.applicationCatalog().name(session.dynamicApplication()))) {
      return false; // Junos names applications in upper case; any case is accepted
    }
    if (connTag >= 0 && connTag != 0) {
      return false; // connection tags (GTP-U TEID, SCTP vTag) are not kept yet: every tag is 0
    }
    if (logicalSystem != null
        && !logicalSystem.equals("all")
        && !logicalSystem.equals("root-logical-system")) {
      return false; // one logical system: root
    }
    if (nat && session.natBinding() == 0) {
      return false;
    }
    if (resourceManager && session.alg() == null) {
      return false;
    }
    if (trafficControl
        && SessionSnapshot.TRAFFIC_CONTROL_NONE.equals(session.trafficControlRuleSet())) {
      return false;
    }
    // tunnels and known encryption do not exist yet.
    return !tunnel && !encrypted;
  }

  /** Collects filters one at a time, as a command line names them. */
  public static final class Builder {
    public IpPrefix sourcePrefix;
    public IpPrefix destinationPrefix;
    public int sourcePort = -1;
    public int destinationPort = -1;
    public int protocol = -1;
    public String application;
    public String dynamicApplication;
    public String interfaceName;
    public boolean nat;
    public long policyId = -1;
    public int family;
    public String logicalSystem;
    public boolean tunnel;
    public boolean resourceManager;
    public boolean encrypted;
    public long connTag = -1;
    public long sessionIdentifier = -1;
    public boolean trafficControl;

    public SessionQuery build() {
      return new SessionQuery(
          sourcePrefix,
          destinationPrefix,
          sourcePort,
          destinationPort,
          protocol,
          application,
          dynamicApplication,
          interfaceName,
          nat,
          policyId,
          family,
          logicalSystem,
          tunnel,
          resourceManager,
          encrypted,
          connTag,
          sessionIdentifier,
          trafficControl);
    }
  }
}
