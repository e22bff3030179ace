package org.flowgate.dataplane.spu;

import static org.flowgate.dataplane.session.SessionTable.FORWARD;
import static org.flowgate.dataplane.session.SessionTable.REVERSE;

import java.util.ArrayList;
import java.util.List;
import org.flowgate.dataplane.flow.SessionLifecycle;
import org.flowgate.dataplane.flow.SessionView;
import org.flowgate.dataplane.flow.first.FirstPath;
import org.flowgate.dataplane.flow.nat.NatTranslator;
import org.flowgate.dataplane.nat.NatBinding;
import org.flowgate.dataplane.policy.PolicyAction;
import org.flowgate.dataplane.policy.PolicyTable;
import org.flowgate.dataplane.policy.SecurityPolicy;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.session.CloseReason;
import org.flowgate.dataplane.session.SessionTable;
import org.flowgate.dataplane.zone.FirewallInterface;

/**
 * Carries an SPU's sessions over to a new configuration generation after a commit: their policy,
 * interfaces, application and NAT rules are found again by name. A session whose policy (or NAT
 * rule or pool) is gone closes with reason {@code policy delete}; with {@code policy-rematch},
 * every valid session is looked up again and closes unless the new policies still permit it.
 *
 * <p>Thread: owned by its SPU's thread; runs between packets and visits every record once.
 */
final class ConfigReconciler {
  private final SessionTable table;
  private final SessionLifecycle lifecycle;
  private final NatTranslator nat;
  private final FirstPath firstPath;
  private org.flowgate.dataplane.flow.SessionApplications applications;

  /**
   * The SPU's identification, so that a rematch matches unified policies with each session's
   * application.
   */
  void bindApplications(org.flowgate.dataplane.flow.SessionApplications sessionApplications) {
    this.applications = sessionApplications;
  }

  ConfigReconciler(
      SessionTable table, SessionLifecycle lifecycle, NatTranslator nat, FirstPath firstPath) {
    this.table = table;
    this.lifecycle = lifecycle;
    this.nat = nat;
    this.firstPath = firstPath;
  }

  /**
   * Carries every session from {@code previous} to {@code next}, which the SPU's stages already
   * hold. Returns how many sessions closed.
   */
  int reconcile(RuntimeConfig previous, RuntimeConfig next) {
    int[] policies = new int[previous.policies().size()];
    for (int i = 0; i < policies.length; i++) {
      policies[i] =
          i < PolicyTable.FIRST_USER_POLICY
              ? i
              : policyIndex(next, previous, previous.policies().get(i));
    }
    int[] interfaces = new int[previous.interfaces().size()];
    for (int i = 0; i < interfaces.length; i++) {
      FirewallInterface found = next.interfaceNamed(previous.interfaceAt(i).name());
      interfaces[i] = found == null ? SessionView.UNKNOWN_INTERFACE : found.index();
    }
    boolean rematch = next.settings().policyRematch();
    int closed = 0;
    for (int slot = 0; slot < table.slotLimit(); slot++) {
      if (table.isFree(slot)) {
        continue;
      }
      for (int wing = FORWARD; wing <= REVERSE; wing++) {
        int index = table.interfaceIndex(slot, wing);
        if (index < interfaces.length) {
          table.setInterfaceIndex(slot, wing, interfaces[index]);
        }
      }
      int application = table.application(slot);
      if (application >= 0) {
        table.setApplication(
            slot, next.applicationIndex(previous.applications().get(application).name()));
      }
      boolean natCarried = true;
      if (table.nat(slot) != 0 && previous.nat() != next.nat()) {
        int carried = nat.carry(previous, table.nat(slot), slot);
        natCarried = carried != NatBinding.FAILED;
        table.setNat(slot, natCarried ? carried : 0);
      }
      int policy =
          !natCarried
              ? -1
              : table.policy(slot) < policies.length ? policies[table.policy(slot)] : -1;
      boolean valid = table.isValid(slot);
      if (valid && rematch && policy != PolicyTable.SELF_TRAFFIC) {
        policy = rematch(next, slot);
      }
      if (policy >= 0) {
        table.setPolicy(slot, policy);
        continue;
      }
      table.setPolicy(slot, PolicyTable.DEFAULT_POLICY);
      if (valid) {
        lifecycle.closeOutsidePacket(slot, CloseReason.POLICY_DELETE);
        closed++;
      }
    }
    return closed;
  }

  /** The index of the same policy (by name, scope and zones) in another generation, or -1. */
  private static int policyIndex(
      RuntimeConfig next, RuntimeConfig previous, SecurityPolicy policy) {
    for (int i = PolicyTable.FIRST_USER_POLICY; i < next.policies().size(); i++) {
      SecurityPolicy candidate = next.policies().get(i);
      if (candidate.name().equals(policy.name())
          && candidate.global() == policy.global()
          && zoneNames(next, candidate.fromZones()).equals(zoneNames(previous, policy.fromZones()))
          && zoneNames(next, candidate.toZones()).equals(zoneNames(previous, policy.toZones()))) {
        return i;
      }
    }
    return -1;
  }

  private static List<String> zoneNames(RuntimeConfig config, int[] zones) {
    List<String> names = new ArrayList<>();
    for (int zone : zones) {
      names.add(config.zones().get(zone).name());
    }
    return names;
  }

  /**
   * The policy the new generation gives the session's first packet, or -1 if it would not permit
   * it; the session takes the application that policy matched.
   */
  private int rematch(RuntimeConfig config, int slot) {
    int fromZone = config.zoneOf(table.interfaceIndex(slot, FORWARD));
    boolean toSelf = table.interfaceIndex(slot, REVERSE) == SessionView.LOCAL_INTERFACE;
    int toZone = toSelf ? firstPath.hostZone() : config.zoneOf(table.interfaceIndex(slot, REVERSE));
    long match =
        toSelf && !firstPath.hostPoliciesDecide(fromZone)
            ? (long) PolicyTable.SELF_TRAFFIC << 32
            : config
                .policies()
                .lookup(
                    firstPath.policyScratch(),
                    fromZone,
                    toZone,
                    table.sourceHi(slot, FORWARD),
                    table.sourceLo(slot, FORWARD),
                    table.destinationHi(slot, FORWARD),
                    table.destinationLo(slot, FORWARD),
                    table.protocol(slot),
                    table.sourcePort(slot, FORWARD),
                    table.destinationPort(slot, FORWARD),
                    -1,
                    -1,
                    applications == null
                        ? org.flowgate.dataplane.appid.ApplicationCatalog.PENDING
                        : applications.application(slot),
                    applications == null
                        ? org.flowgate.dataplane.appid.ApplicationCatalog.UNKNOWN
                        : applications.nestedApplication(slot));
    int policy = PolicyTable.policyOf(match);
    if (config.policies().get(policy).action() != PolicyAction.PERMIT) {
      return -1;
    }
    table.setApplication(slot, PolicyTable.applicationOf(match));
    return policy;
  }
}
