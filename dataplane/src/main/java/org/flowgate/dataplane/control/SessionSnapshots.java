package org.flowgate.dataplane.control;

import static org.flowgate.dataplane.session.SessionTable.FORWARD;
import static org.flowgate.dataplane.session.SessionTable.REVERSE;

import java.util.List;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.application.Application;
import org.flowgate.dataplane.flow.SessionView;
import org.flowgate.dataplane.nat.NatBinding;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.dataplane.net.IpProtocol;
import org.flowgate.dataplane.policy.SecurityPolicy;
import org.flowgate.dataplane.route.Route;
import org.flowgate.dataplane.route.RouteType;
import org.flowgate.dataplane.session.TcpState;

/**
 * Copies a live session into a {@link SessionSnapshot}, computing every displayed value. Runs on
 * the owning SPU's thread, through its {@link SessionView}.
 *
 * <p>Flag words (Flowgate's own bits; the SRX's are undocumented, reference §9):
 *
 * <pre>
 * Flags: natflag / natflag2 / natflag3 / flag
 *   natflag  0x40 NAT lookup done | 0x1 source NAT | 0x2 destination NAT | 0x4 static NAT
 *   natflag2 0x0 (reserved)
 *   natflag3 number of wings installed
 *   flag     0x1 valid | 0x2 TCP established | 0x4 ending (FIN, RST or response seen)
 *            | 0x100 TCP | 0x1000 IPv6 | 0x2000 to or from the device itself
 * Wing flag: 0x20 installed | 0x1 initiator (In) wing | 0x2 FIN sent | 0x4 FIN acknowledged
 * </pre>
 */
public final class SessionSnapshots {
  /** Junos's {@code Status} of a session that no special feature marks. */
  static final String STATUS_NORMAL = "Normal";

  /** Every session has both wings installed: Flowgate installs them in one step. */
  private static final long WINGS_INSTALLED = 2;

  private SessionSnapshots() {}

  public static SessionSnapshot of(SessionView session) {
    SecurityPolicy policy = session.policy();
    Application application = session.application();
    ApplicationCatalog catalog = session.applicationCatalog();
    int dynamicApplication = session.dynamicApplication();
    long flag = 0x1L;
    if (session.protocol() == IpProtocol.TCP) {
      flag |= 0x100;
      if (session.tcpEstablished()) {
        flag |= 0x2;
      }
    }
    if (session.closing()) {
      flag |= 0x4;
    }
    if (session.ipv6()) {
      flag |= 0x1000;
    }
    if (session.toOrFromDevice()) {
      flag |= 0x2000;
    }
    int binding = session.natBinding();
    long natFlag = 0x40L;
    if (NatBinding.sourceKind(binding) == NatBinding.SOURCE_STATIC
        || NatBinding.destinationKind(binding) == NatBinding.DESTINATION_STATIC) {
      natFlag |= 0x4;
    }
    if (NatBinding.sourcePool(binding) || NatBinding.sourceInterface(binding)) {
      natFlag |= 0x1;
    }
    if (NatBinding.destinationKind(binding) == NatBinding.DESTINATION_POOL) {
      natFlag |= 0x2;
    }
    return new SessionSnapshot(
        session.sessionId(),
        session.spu(),
        STATUS_NORMAL,
        List.of(natFlag, 0x0L, WINGS_INSTALLED, flag),
        policy.name(),
        policy.id(),
        session.sourceNatPoolName(),
        application == null ? null : application.name(),
        application == null ? 0 : application.id(),
        catalog.name(dynamicApplication),
        catalog.name(session.nestedApplication()),
        catalog.encryption(dynamicApplication).junosName(),
        session.timeoutSeconds(),
        session.remainingSeconds(),
        session.state(),
        session.startTimeSeconds(),
        session.durationSeconds(),
        wing(session, FORWARD),
        wing(session, REVERSE),
        session.alg() == null
            ? null
            : new SessionSnapshot.ResourceInformation(
                session.alg().resourceName(), session.resourceGroupId(), session.resourceId()),
        session.trafficControlRuleSet(),
        session.trafficControlRule());
  }

  private static WingSnapshot wing(SessionView session, int wing) {
    IpAddress source = new IpAddress(session.sourceHi(wing), session.sourceLo(wing));
    IpAddress destination = new IpAddress(session.destinationHi(wing), session.destinationLo(wing));
    Route route = session.route(wing);
    // A wing's route leads back to where its packets come from: the gateway of that route, or
    // the source itself when it is directly connected.
    IpAddress gateway =
        route != null && route.type() == RouteType.STATIC && route.gateway() != null
            ? route.gateway()
            : source;
    long wingFlag = 0x20L | (wing == FORWARD ? 0x1 : 0);
    TcpState.Fin fin = session.fin(wing);
    if (fin != TcpState.Fin.NONE) {
      wingFlag |= 0x2;
    }
    if (fin == TcpState.Fin.ACKNOWLEDGED) {
      wingFlag |= 0x4;
    }
    return new WingSnapshot(
        wing == FORWARD ? "In" : "Out",
        source,
        session.sourcePort(wing),
        destination,
        session.destinationPort(wing),
        session.protocol(),
        WingSnapshot.CONN_TAG_NONE,
        session.interfaceName(wing),
        session.token(wing),
        wingFlag,
        route == null ? 0 : route.displayValue(),
        gateway,
        WingSnapshot.TUNNEL_NONE,
        WingSnapshot.PORT_SEQUENCE_NONE,
        fin == TcpState.Fin.NONE ? 0 : session.finSequence(wing),
        fin.ordinal(),
        session.packets(wing),
        session.bytes(wing),
        session.cpSessionId());
  }
}
