package org.flowgate.dataplane.runtime;

import java.util.List;

/**
 * The security policies in SRX lookup order: the zone-pair policies, then global policies, then
 * the default policy. Entries 0 and 1 are the built-ins every SRX shows: {@code
 * self-traffic-policy/1} and the default policy {@code default-policy-logical-system-00/2}.
 *
 * <p>Thread: immutable once built.
 */
public record PolicyTable(List<SecurityPolicy> policies, PolicyAction defaultAction) {
  public static final int SELF_TRAFFIC = 0;
  public static final int DEFAULT_POLICY = 1;
  public static final String DEFAULT_POLICY_NAME = "default-policy-logical-system-00";

  /** Builds the table from the user's policies, in lookup order, after the two built-ins. */
  public static PolicyTable of(PolicyAction defaultAction, List<SecurityPolicy> userPolicies) {
    var all = new java.util.ArrayList<SecurityPolicy>();
    all.add(new SecurityPolicy(1, "self-traffic-policy", -1, -1, List.of(), List.of(), -1, PolicyAction.PERMIT));
    all.add(new SecurityPolicy(2, DEFAULT_POLICY_NAME, -1, -1, List.of(), List.of(), -1, defaultAction));
    all.addAll(userPolicies);
    return new PolicyTable(List.copyOf(all), defaultAction);
  }

  /** Index of the first policy that matches, or {@link #DEFAULT_POLICY}. */
  public int lookup(int fromZone, int toZone, long srcHi, long srcLo, long dstHi, long dstLo, int protocol) {
    for (int i = DEFAULT_POLICY + 1; i < policies.size(); i++) {
      if (policies.get(i).matches(fromZone, toZone, srcHi, srcLo, dstHi, dstLo, protocol)) {
        return i;
      }
    }
    return DEFAULT_POLICY;
  }

  public SecurityPolicy get(int index) {
    return policies.get(index);
  }
}
