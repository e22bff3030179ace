package org.flowgate.dataplane.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * The security policies in SRX lookup order: the policies of the (from-zone, to-zone) context top
 * down, then the global policies, then the default policy; the first match wins. Entries 0 and 1 are
 * the built-ins every SRX shows: {@code self-traffic-policy/1} and the default policy {@code
 * default-policy-logical-system-00/2}.
 *
 * <p>Thread: immutable once built; read by every SPU.
 */
public final class PolicyTable {
  public static final int SELF_TRAFFIC = 0;
  public static final int DEFAULT_POLICY = 1;
  public static final String DEFAULT_POLICY_NAME = "default-policy-logical-system-00";

  private final List<SecurityPolicy> policies;
  private final PolicyAction defaultAction;
  private final int zoneCount;
  private final int[][] byZonePair;
  private final int[] global;

  private PolicyTable(List<SecurityPolicy> policies, PolicyAction defaultAction, int zoneCount) {
    this.policies = policies;
    this.defaultAction = defaultAction;
    this.zoneCount = Math.max(1, zoneCount);
    List<List<Integer>> pairs = new ArrayList<>();
    for (int i = 0; i < this.zoneCount * this.zoneCount; i++) {
      pairs.add(new ArrayList<>());
    }
    List<Integer> globals = new ArrayList<>();
    for (int i = DEFAULT_POLICY + 1; i < policies.size(); i++) {
      SecurityPolicy policy = policies.get(i);
      if (policy.global()) {
        globals.add(i);
      } else {
        pairs.get(policy.fromZone() * this.zoneCount + policy.toZone()).add(i);
      }
    }
    this.byZonePair = pairs.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    this.global = globals.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Builds the table from the user's policies in configuration order (zone-pair and global ones
   * mixed; each keeps its place within its own list).
   */
  public static PolicyTable of(PolicyAction defaultAction, List<SecurityPolicy> userPolicies, int zoneCount) {
    List<SecurityPolicy> all = new ArrayList<>();
    all.add(SecurityPolicy.builtIn(1, "self-traffic-policy", PolicyAction.PERMIT));
    all.add(SecurityPolicy.builtIn(2, DEFAULT_POLICY_NAME, defaultAction));
    all.addAll(userPolicies);
    return new PolicyTable(List.copyOf(all), defaultAction, zoneCount);
  }

  public List<SecurityPolicy> policies() {
    return policies;
  }

  public PolicyAction defaultAction() {
    return defaultAction;
  }

  public SecurityPolicy get(int index) {
    return policies.get(index);
  }

  public int size() {
    return policies.size();
  }

  /** True when any zone-pair policy exists for the context. */
  public boolean hasContext(int fromZone, int toZone) {
    return fromZone >= 0 && toZone >= 0 && byZonePair[fromZone * zoneCount + toZone].length > 0;
  }

  /**
   * The first policy that matches, packed as {@code policyIndex << 32 | (application + 1)} where
   * {@code application} is the index in {@link RuntimeConfig#applications()} of the application
   * that matched (-1 for a policy with {@code application any}); the default policy when none does.
   */
  public long lookup(RuntimeConfig config, int fromZone, int toZone, long srcHi, long srcLo, long dstHi,
      long dstLo, int protocol, int sourcePort, int destinationPort, int icmpType, int icmpCode) {
    if (fromZone >= 0 && toZone >= 0) {
      long found = firstMatch(config, byZonePair[fromZone * zoneCount + toZone], fromZone, toZone,
          srcHi, srcLo, dstHi, dstLo, protocol, sourcePort, destinationPort, icmpType, icmpCode);
      if (found >= 0) {
        return found;
      }
    }
    long found = firstMatch(config, global, fromZone, toZone, srcHi, srcLo, dstHi, dstLo, protocol,
        sourcePort, destinationPort, icmpType, icmpCode);
    return found >= 0 ? found : (long) DEFAULT_POLICY << 32;
  }

  private long firstMatch(RuntimeConfig config, int[] candidates, int fromZone, int toZone, long srcHi,
      long srcLo, long dstHi, long dstLo, int protocol, int sourcePort, int destinationPort,
      int icmpType, int icmpCode) {
    for (int index : candidates) {
      SecurityPolicy policy = policies.get(index);
      if (!SecurityPolicy.contains(policy.fromZones(), fromZone)
          || !SecurityPolicy.contains(policy.toZones(), toZone)
          || !policy.source().matches(srcHi, srcLo)
          || !policy.destination().matches(dstHi, dstLo)) {
        continue;
      }
      int[] applications = policy.applications();
      if (applications.length == 0) {
        return (long) index << 32;
      }
      for (int application : applications) {
        if (config.applications().get(application)
            .matchingTerm(protocol, sourcePort, destinationPort, icmpType, icmpCode) >= 0) {
          return (long) index << 32 | (application + 1);
        }
      }
    }
    return -1;
  }
}
