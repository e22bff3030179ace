package org.flowgate.dataplane.appqos;

import java.util.List;

/** {@code rule-sets NAME}: its rules in configuration order; the first that matches applies. */
public record AppQosRuleSet(String name, List<AppQosRule> rules) {
  public AppQosRuleSet {
    rules = List.copyOf(rules);
  }

  /**
   * The index of the first rule matching the session's {@code application} or, when identification
   * named one, its {@code nestedApplication} ({@code junos:YOUTUBE} over {@code junos:SSL}), or -1:
   * as unified policies match either (docs/adr/0033, 0044).
   */
  public int match(int application, int nestedApplication) {
    if (nestedApplication == org.flowgate.dataplane.appid.ApplicationCatalog.UNKNOWN
        || nestedApplication == org.flowgate.dataplane.appid.ApplicationCatalog.PENDING) {
      return match(application);
    }
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i).matches(application) || rules.get(i).matches(nestedApplication)) {
        return i;
      }
    }
    return -1;
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
