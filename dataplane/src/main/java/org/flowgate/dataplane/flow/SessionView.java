package org.flowgate.dataplane.flow;

import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.application.Application;
import org.flowgate.dataplane.nat.NatBinding;
import org.flowgate.dataplane.nat.NatConfig;
import org.flowgate.dataplane.policy.SecurityPolicy;
import org.flowgate.dataplane.route.Route;
import org.flowgate.dataplane.route.RoutingInstance;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.session.SessionState;
import org.flowgate.dataplane.session.SessionTable;
import org.flowgate.dataplane.session.TcpState;
import org.flowgate.dataplane.zone.FirewallInterface;

/**
 * One SPU's sessions as the rest of Flowgate reads them: a flyweight positioned on a slot with
 * {@link #at}, answering in the words the views use (names, seconds, states) and hiding how the
 * record stores them (index + 1, tick counts, bit fields). Filters, snapshots and session logs read
 * sessions only through it.
 *
 * <p>Thread: owned by its SPU's thread; positioned and read there (queries and listeners run on
 * that thread).
 */
public final class SessionView {
  /** The interface index of the device itself ({@code .local..0}). */
  public static final int LOCAL_INTERFACE = 0xffff;

  /** The interface index of a wing whose interface a new configuration no longer has. */
  public static final int UNKNOWN_INTERFACE = 0xfffe;

  private final int spu;
  private final SessionTable table;
  private final SpuClock clock;
  private final SessionNumbering numbering;
  private SessionLifecycle lifecycle;
  private org.flowgate.dataplane.flow.alg.AlgEngine alg;
  private SessionApplications applications;
  private SessionTrafficControl trafficControl;
  private RuntimeConfig config;
  private int slot;

  public SessionView(int spu, SessionTable table, SpuClock clock, SessionNumbering numbering) {
    this.numbering = numbering;
    this.spu = spu;
    this.table = table;
    this.clock = clock;
  }

  /** Wires the lifecycle whose timeouts {@link #remainingSeconds} reports; once. */
  public void bind(SessionLifecycle sessionLifecycle) {
    this.lifecycle = sessionLifecycle;
  }

  /** Wires the ALGs whose groups and resources the view reports; once. */
  public void bindAlg(org.flowgate.dataplane.flow.alg.AlgEngine algEngine) {
    this.alg = algEngine;
  }

  /** The ALG of a control or child session ({@code Resource information}), or null. */
  public org.flowgate.dataplane.alg.Alg alg() {
    return alg == null ? null : alg.algOf(slot);
  }

  /** The session's resource-manager group id, 0 for none. */
  public int resourceGroupId() {
    return alg == null ? 0 : alg.groupIdOf(slot);
  }

  /** The session's resource-manager resource id, 0 for none. */
  public int resourceId() {
    return alg == null ? 0 : alg.resourceIdOf(slot);
  }

  /** Wires the application identification whose results the view reports; once. */
  public void bindApplications(SessionApplications sessionApplications) {
    this.applications = sessionApplications;
  }

  /** Wires application traffic control and tracking, whose rule-set and rule the view reports. */
  public void bindTrafficControl(SessionTrafficControl sessionTrafficControl) {
    this.trafficControl = sessionTrafficControl;
  }

  /** {@code Application traffic control rule-set}: its name, or INVALID (ADR 0034). */
  public String trafficControlRuleSet() {
    return trafficControl == null
        ? org.flowgate.dataplane.control.SessionSnapshot.TRAFFIC_CONTROL_NONE
        : trafficControl.ruleSetName(slot);
  }

  /** {@code Rule} of the rule-set: the rule that matched the application, or INVALID. */
  public String trafficControlRule() {
    return trafficControl == null
        ? org.flowgate.dataplane.control.SessionSnapshot.TRAFFIC_CONTROL_NONE
        : trafficControl.ruleName(slot);
  }

  /** Takes the generation whose names the view reports. */
  public void install(RuntimeConfig generation) {
    this.config = generation;
  }

  /** Positions the view on {@code slot} and returns it. */
  public SessionView at(int slotNumber) {
    this.slot = slotNumber;
    return this;
  }

  // ------------------------------------------------------------------ the SPU

  public int spu() {
    return spu;
  }

  public RuntimeConfig config() {
    return config;
  }

  public long nowNs() {
    return clock.nowNs();
  }

  public long epochNs() {
    return clock.epochNs();
  }

  /** Slots in this SPU's table. */
  public int capacity() {
    return table.capacity();
  }

  // ------------------------------------------------------------------ the session

  public int slot() {
    return slot;
  }

  /** True when the slot holds a session (valid or invalidated). */
  public boolean live() {
    return !table.isFree(slot);
  }

  public boolean valid() {
    return table.isValid(slot);
  }

  public SessionState state() {
    return table.sessionState(slot);
  }

  /** The session identifier, as the platform numbers sessions ({@link SessionNumbering}). */
  public long sessionId() {
    return table.sessionId(slot);
  }

  public int protocol() {
    return table.protocol(slot);
  }

  public boolean ipv6() {
    return table.isIpv6(slot);
  }

  public long sourceHi(int wing) {
    return table.sourceHi(slot, wing);
  }

  public long sourceLo(int wing) {
    return table.sourceLo(slot, wing);
  }

  public long destinationHi(int wing) {
    return table.destinationHi(slot, wing);
  }

  public long destinationLo(int wing) {
    return table.destinationLo(slot, wing);
  }

  public int sourcePort(int wing) {
    return table.sourcePort(slot, wing);
  }

  public int destinationPort(int wing) {
    return table.destinationPort(slot, wing);
  }

  public int token(int wing) {
    return table.token(slot, wing);
  }

  /** The routing instance the session's key belongs to. */
  public int routingInstance() {
    return table.token(slot, SessionTable.FORWARD) >>> 8;
  }

  public int interfaceIndex(int wing) {
    return table.interfaceIndex(slot, wing);
  }

  /** True when either wing is the device itself. */
  public boolean toOrFromDevice() {
    return table.interfaceIndex(slot, SessionTable.FORWARD) == LOCAL_INTERFACE
        || table.interfaceIndex(slot, SessionTable.REVERSE) == LOCAL_INTERFACE;
  }

  /** Name of the wing's interface: {@code .local..0} for the device, {@code unknown} if gone. */
  public String interfaceName(int wing) {
    int index = table.interfaceIndex(slot, wing);
    if (index == LOCAL_INTERFACE) {
      return RuntimeConfig.LOCAL_INTERFACE;
    }
    FirewallInterface found = index < config.interfaces().size() ? config.interfaceAt(index) : null;
    return found == null ? "unknown" : found.name();
  }

  /**
   * The wing's route in its routing instance: where its packets come from (the route to the wing's
   * source), looked up in the running generation; null when none.
   */
  public Route route(int wing) {
    RoutingInstance instance = config.routingInstances().get(table.token(slot, wing) >>> 8);
    int route = instance.table().lookup(table.sourceHi(slot, wing), table.sourceLo(slot, wing));
    return route >= 0 && route < instance.routes().size() ? instance.routes().get(route) : null;
  }

  public int policyIndex() {
    return table.policy(slot);
  }

  public SecurityPolicy policy() {
    return config.policies().get(table.policy(slot));
  }

  /** Index of the matched application in the generation, or -1 for none. */
  public int applicationIndex() {
    return table.application(slot);
  }

  /** The application the policy matched, or null. */
  public Application application() {
    int index = table.application(slot);
    return index >= 0 && index < config.applications().size()
        ? config.applications().get(index)
        : null;
  }

  /**
   * The dynamic application's id in {@link #applicationCatalog()}: {@link
   * ApplicationCatalog#PENDING} while inspected, then the application, {@code junos:UNKNOWN} or
   * {@code INCONCLUSIVE}.
   */
  public int dynamicApplication() {
    return applications.application(slot);
  }

  /** The nested application's id ({@link ApplicationCatalog#UNKNOWN} when none). */
  public int nestedApplication() {
    return applications.nestedApplication(slot);
  }

  /** Names the ids of {@link #dynamicApplication()} and {@link #nestedApplication()}. */
  public ApplicationCatalog applicationCatalog() {
    return applications.catalog();
  }

  /** The NAT binding word ({@link NatBinding}); 0 when untranslated. */
  public int natBinding() {
    return table.nat(slot);
  }

  /** The pool a source translation came from: its name, {@code interface}, or null (no pool). */
  public String sourceNatPoolName() {
    int binding = table.nat(slot);
    if (NatBinding.sourceInterface(binding)) {
      return "interface";
    }
    if (!NatBinding.sourcePool(binding)) {
      return null;
    }
    NatConfig nat = config.nat();
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

  /** The inactivity timeout the session has now, seconds. */
  public int timeoutSeconds() {
    return table.timeoutSeconds(slot);
  }

  /** Seconds before the session times out ({@code Timeout}); 0 once invalidated. */
  public int remainingSeconds() {
    return lifecycle.remainingSeconds(slot);
  }

  /**
   * When the session was created, in seconds since the Unix epoch (the clock's time: the capture's
   * timestamps in a replay), to the nearest second of its tick: modern releases print {@code Start
   * time} so (the 25.x extensive samples: {@code Start time: 1757835486}).
   */
  public long startTimeSeconds() {
    return Math.round(clock.timeOfTickNs(table.createdTick(slot)) / 1e9);
  }

  /** Seconds since the session was created. */
  public long durationSeconds() {
    return clock.secondsSince(table.createdTick(slot));
  }

  public long createdTick() {
    return table.createdTick(slot);
  }

  public long lastTick() {
    return table.lastTick(slot);
  }

  public long nowTick() {
    return clock.nowTick();
  }

  public boolean tcpEstablished() {
    return TcpState.established(table.tcpBits(slot));
  }

  /** True once the session's timeout was shortened because it is ending. */
  public boolean closing() {
    return TcpState.closing(table.tcpBits(slot));
  }

  /** The wing's TCP FIN state; {@link TcpState.Fin#NONE} for other protocols. */
  public TcpState.Fin fin(int wing) {
    return table.protocol(slot) == org.flowgate.dataplane.net.IpProtocol.TCP
        ? TcpState.fin(table.tcpBits(slot), wing)
        : TcpState.Fin.NONE;
  }

  public long finSequence(int wing) {
    return table.finSequence(slot, wing);
  }

  public long packets(int wing) {
    return table.packets(slot, wing);
  }

  public long bytes(int wing) {
    return table.bytes(slot, wing);
  }

  /** The central point's id of the session, the same on both wings (0 where there is none). */
  public long cpSessionId() {
    return numbering.cpSessionId(slot);
  }
}
