package org.flowgate.dataplane.nat;

/**
 * A rule set of source, destination or static NAT: its contexts and, through the rules that name
 * it, an ordered list of rules.
 *
 * @param id 1-based, in configuration order within its kind of NAT
 * @param to the egress context; null for destination and static rule sets, which have only {@code
 *     from}
 */
public record NatRuleSet(int id, String name, NatContext from, NatContext to) {

  /** Orders rule sets for lookup: more specific {@code from}, then more specific {@code to}. */
  int precedence() {
    return from.kind().specificity() * 4 + (to == null ? 0 : to.kind().specificity());
  }

  boolean matches(
      int ingressInterface,
      int ingressZone,
      int ingressInstance,
      int egressInterface,
      int egressZone,
      int egressInstance) {
    return from.matches(ingressInterface, ingressZone, ingressInstance)
        && (to == null || to.matches(egressInterface, egressZone, egressInstance));
  }
}
