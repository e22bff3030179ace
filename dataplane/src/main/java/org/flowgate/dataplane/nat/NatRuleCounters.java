package org.flowgate.dataplane.nat;

/**
 * Per-rule counters of one kind of NAT, indexed like the rules in {@link NatConfig}: {@code
 * Translation hits} (first packets the rule decided), {@code Successful sessions} and {@code Failed
 * sessions} (a translation that could not be made, as from an exhausted pool), and {@code Number of
 * sessions} (live sessions the rule translated).
 */
public record NatRuleCounters(long[] hits, long[] successful, long[] failed, long[] sessions) {

  public static NatRuleCounters of(int rules) {
    return new NatRuleCounters(new long[rules], new long[rules], new long[rules], new long[rules]);
  }

  /** The element-wise sum of this and {@code other} (counters of another SPU). */
  public NatRuleCounters plus(NatRuleCounters other) {
    return new NatRuleCounters(
        add(hits, other.hits),
        add(successful, other.successful),
        add(failed, other.failed),
        add(sessions, other.sessions));
  }

  public NatRuleCounters copy() {
    return new NatRuleCounters(hits.clone(), successful.clone(), failed.clone(), sessions.clone());
  }

  static long[] add(long[] a, long[] b) {
    long[] sum = new long[Math.max(a.length, b.length)];
    for (int i = 0; i < sum.length; i++) {
      sum[i] = (i < a.length ? a[i] : 0) + (i < b.length ? b[i] : 0);
    }
    return sum;
  }
}
