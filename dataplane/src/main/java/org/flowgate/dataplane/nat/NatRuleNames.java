package org.flowgate.dataplane.nat;

import java.util.List;

/** Finds a NAT rule of one generation in another by its rule-set and rule names. */
public final class NatRuleNames {
  private NatRuleNames() {}

  /** The index in {@code rules} of the rule named as {@code wanted} in its rule set, or -1. */
  public static int find(
      List<? extends NatRule> rules,
      List<NatRuleSet> ruleSets,
      NatRule wanted,
      List<NatRuleSet> wantedSets) {
    String set = wantedSets.get(wanted.ruleSet()).name();
    for (int i = 0; i < rules.size(); i++) {
      NatRule candidate = rules.get(i);
      if (candidate.name().equals(wanted.name())
          && ruleSets.get(candidate.ruleSet()).name().equals(set)) {
        return i;
      }
    }
    return -1;
  }
}
