package org.flowgate.dataplane.appqos;

import java.util.List;

/**
 * {@code class-of-service application-traffic-control} compiled: the rate limiters, the rule-sets,
 * and which rule-set each policy applies ({@code then permit application-services
 * application-traffic-control rule-set NAME}).
 *
 * @param ruleSetOfPolicy by policy index of the generation's {@code PolicyTable}: the rule-set
 *     index, -1 for none (indexes past the end: none)
 */
public record TrafficControl(
    List<RateLimiter> rateLimiters, List<AppQosRuleSet> ruleSets, int[] ruleSetOfPolicy) {
  public static final TrafficControl NONE = new TrafficControl(List.of(), List.of(), new int[0]);

  public TrafficControl {
    rateLimiters = List.copyOf(rateLimiters);
    ruleSets = List.copyOf(ruleSets);
    ruleSetOfPolicy = ruleSetOfPolicy.clone();
  }

  /** The rule-set the policy at {@code policyIndex} applies, or -1. */
  public int ruleSetOf(int policyIndex) {
    return policyIndex >= 0 && policyIndex < ruleSetOfPolicy.length
        ? ruleSetOfPolicy[policyIndex]
        : -1;
  }

  /** True when some policy applies a rule-set (else the fast path has nothing to do). */
  public boolean active() {
    for (int ruleSet : ruleSetOfPolicy) {
      if (ruleSet >= 0) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TrafficControl that
        && rateLimiters.equals(that.rateLimiters)
        && ruleSets.equals(that.ruleSets)
        && java.util.Arrays.equals(ruleSetOfPolicy, that.ruleSetOfPolicy);
  }

  @Override
  public int hashCode() {
    return rateLimiters.hashCode() * 31 + java.util.Arrays.hashCode(ruleSetOfPolicy);
  }
}
