package org.flowgate.dataplane.nat;

import java.util.List;
import org.flowgate.dataplane.net.AddressMatch;

/**
 * {@code security nat source rule-set RS rule R}: match the (already destination-translated)
 * packet, then translate its source with an action.
 *
 * @param id 1-based over all source rules, in configuration order ({@code Rule Id})
 * @param ruleSet index into {@link NatConfig#sourceRuleSets()}
 * @param position 1-based place within its rule set ({@code Rule position})
 * @param destinationPorts empty for any
 * @param protocols empty for any
 * @param pool index into {@link NatConfig#sourcePools()} for {@link Action#POOL}, else -1
 * @param persistentNat the rule's {@code persistent-nat}, null without
 */
public record SourceNatRule(
    int id,
    String name,
    int ruleSet,
    int position,
    AddressMatch source,
    AddressMatch destination,
    List<PortRange> destinationPorts,
    int[] protocols,
    Action action,
    int pool,
    PersistentNat persistentNat)
    implements NatRule {

  /** A rule without persistent NAT. */
  public SourceNatRule(
      int id,
      String name,
      int ruleSet,
      int position,
      AddressMatch source,
      AddressMatch destination,
      List<PortRange> destinationPorts,
      int[] protocols,
      Action action,
      int pool) {
    this(
        id,
        name,
        ruleSet,
        position,
        source,
        destination,
        destinationPorts,
        protocols,
        action,
        pool,
        null);
  }

  public enum Action {
    OFF,
    INTERFACE,
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
