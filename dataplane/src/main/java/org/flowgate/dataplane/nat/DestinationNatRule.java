package org.flowgate.dataplane.nat;

import java.util.List;
import org.flowgate.dataplane.net.AddressMatch;

/**
 * {@code security nat destination rule-set RS rule R}: match the packet as received, then translate
 * its destination to a pool (or {@code off}).
 *
 * @param id 1-based over all destination rules ({@code Rule Id})
 * @param ruleSet index into {@link NatConfig#destinationRuleSets()}
 * @param position 1-based place within its rule set
 * @param destinationPorts empty for any
 * @param protocols empty for any
 * @param pool index into {@link NatConfig#destinationPools()} for {@link Action#POOL}, else -1
 */
public record DestinationNatRule(
    int id,
    String name,
    int ruleSet,
    int position,
    AddressMatch source,
    AddressMatch destination,
    List<PortRange> destinationPorts,
    int[] protocols,
    Action action,
    int pool)
    implements NatRule {

  public enum Action {
    OFF,
    POOL
  }

  boolean matches(
      long srcHi, long srcLo, long dstHi, long dstLo, int protocol, int destinationPort) {
    return source.matches(srcHi, srcLo)
        && destination.matches(dstHi, dstLo)
        && NatConfig.protocolMatches(protocols, protocol)
        && PortRange.anyContains(destinationPorts, destinationPort);
  }
}
