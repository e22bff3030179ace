package org.flowgate.dataplane.appqos;

import java.util.List;

/** {@code rule-sets NAME}: its rules in configuration order; the first that matches applies. */
public record AppQosRuleSet(String name, List<AppQosRule> rules) {
  public AppQosRuleSet {
    rules = List.copyOf(rules);
  }

  /** The index of the first rule matching {@code application}, or -1. */
  public int match(int application) {
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i).matches(application)) {
        return i;
      }
    }
    return -1;
  }
}
