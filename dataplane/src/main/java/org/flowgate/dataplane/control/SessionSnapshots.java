package org.flowgate.dataplane.control;

import static org.flowgate.dataplane.session.SessionTable.FORWARD;
import static org.flowgate.dataplane.session.SessionTable.REVERSE;

import org.flowgate.dataplane.application.Application;
import org.flowgate.dataplane.flow.FlowProcessor;
import org.flowgate.dataplane.nat.NatBinding;
import org.flowgate.dataplane.nat.NatConfig;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.dataplane.policy.SecurityPolicy;
import org.flowgate.dataplane.route.Route;
import org.flowgate.dataplane.route.RouteType;
import org.flowgate.dataplane.route.RoutingInstance;
import org.flowgate.dataplane.session.SessionState;
import org.flowgate.dataplane.session.SessionTable;

/**
 * Copies a live session record into a {@link SessionSnapshot}, computing every displayed value.
 * Runs on the owning SPU's thread.
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
  private SessionSnapshots() {}

  public static SessionSnapshot of(FlowProcessor spu, int slot) {
    SessionTable table = spu.table();
    SecurityPolicy policy = spu.config().policies().get(table.policy(slot));
    int applicationIndex = table.application(slot) - 1;
    Application application =
        applicationIndex >= 0 && applicationIndex < spu.config().applications().size()
            ? spu.config().applications().get(applicationIndex)
            : null;
    long flag = 0x1L;
    if (table.protocol(slot) == 6) {
      flag |= 0x100;
      if (spu.tcpEstablished(slot)) {
        flag |= 0x2;
      }
    }
    if (spu.closing(slot)) {
      flag |= 0x4;
    }
    if (table.isIpv6(slot)) {
      flag |= 0x1000;
    }
    if (table.interfaceIndex(slot, FORWARD) == FlowProcessor.LOCAL_INTERFACE
        || table.interfaceIndex(slot, REVERSE) == FlowProcessor.LOCAL_INTERFACE) {
      flag |= 0x2000;
    }
    int binding = table.nat(slot);
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
    java.util.List<Long> flags = java.util.List.of(natFlag, 0x0L, 2L, flag);
    return new SessionSnapshot(
        spu.sessionId(slot),
        spu.spu(),
        "Normal",
        flags,
        policy.name(),
        policy.id(),
        sourceNatPoolName(spu, binding),
        application == null ? null : application.name(),
        application == null ? 0 : application.id(),
        "junos:UNKNOWN",
        "Unknown",
        table.timeoutSeconds(slot),
        spu.remainingSeconds(slot),
        table.sessionState(slot),
        spu.startTimeSeconds(slot),
        spu.durationSeconds(slot),
        wing(spu, slot, FORWARD),
        wing(spu, slot, REVERSE));
  }

  /**
   * The pool a source translation came from: its name, {@code interface}, or null (shown as Null).
   */
  static String sourceNatPoolName(FlowProcessor spu, int binding) {
    if (NatBinding.sourceInterface(binding)) {
      return "interface";
    }
    if (!NatBinding.sourcePool(binding)) {
      return null;
    }
    NatConfig nat = spu.config().nat();
    int rule = NatBinding.sourceRule(binding);
    if (rule >= nat.sourceRules().size()) {
      return null;
    }
    int pool = nat.sourceRules().get(rule).pool();
    if (NatBinding.sourceKind(binding) == NatBinding.SOURCE_OVERFLOW_POOL) {
      pool = nat.sourcePools().get(pool).overflowPool();
    }
    return nat.sourcePools().get(pool).name();
  }

  private static WingSnapshot wing(FlowProcessor spu, int slot, int wing) {
    SessionTable table = spu.table();
    IpAddress source = new IpAddress(table.sourceHi(slot, wing), table.sourceLo(slot, wing));
    IpAddress destination =
        new IpAddress(table.destinationHi(slot, wing), table.destinationLo(slot, wing));
    int routeNumber = table.route(slot, wing);
    RoutingInstance instance = spu.config().routingInstances().get(table.token(slot, wing) >>> 8);
    Route route =
        routeNumber > 0 && routeNumber <= instance.routes().size()
            ? instance.routes().get(routeNumber - 1)
            : null;
    // A wing's route leads back to where its packets come from: the gateway of that route, or
    // the source itself when it is directly connected.
    IpAddress gateway =
        route != null && route.type() == RouteType.STATIC && route.gateway() != null
            ? route.gateway()
            : source;
    long wingFlag = 0x20L | (wing == FORWARD ? 0x1 : 0);
    int finState = spu.finState(slot, wing);
    if (finState >= 1) {
      wingFlag |= 0x2;
    }
    if (finState == 2) {
      wingFlag |= 0x4;
    }
    return new WingSnapshot(
        wing == FORWARD ? "In" : "Out",
        source,
        table.sourcePort(slot, wing),
        destination,
        table.destinationPort(slot, wing),
        table.protocol(slot),
        0,
        spu.interfaceName(slot, wing),
        table.token(slot, wing),
        wingFlag,
        route == null ? 0 : route.displayValue(),
        gateway,
        0,
        0,
        finState == 0 ? 0 : table.finSequence(slot, wing),
        finState,
        table.packets(slot, wing),
        table.bytes(slot, wing),
        SessionTable.cpSessionId(slot, wing));
  }

  /** True when the slot holds a session (valid, pending or invalidated). */
  public static boolean live(SessionTable table, int slot) {
    return table.state(slot) != 0;
  }

  static boolean valid(SessionTable table, int slot) {
    return table.sessionState(slot) == SessionState.VALID;
  }
}
