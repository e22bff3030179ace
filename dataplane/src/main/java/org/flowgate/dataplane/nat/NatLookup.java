package org.flowgate.dataplane.nat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The rule lookups of a {@link NatConfig}, with each kind's rule sets put in precedence order once.
 * Every method returns the index of the deciding rule in its list of {@link NatConfig}, or -1.
 *
 * <p>Thread: immutable; any thread.
 */
public final class NatLookup {
  private final NatConfig config;
  private final int[] sourceSets;
  private final int[][] sourceRules;
  private final int[] destinationSets;
  private final int[][] destinationRules;
  private final int[] staticSets;
  private final int[][] staticRules;

  public NatLookup(NatConfig config) {
    this.config = config;
    this.sourceSets = new int[config.sourceRuleSets().size()];
    this.sourceRules =
        order(
            config.sourceRuleSets(),
            config.sourceRules().stream().mapToInt(SourceNatRule::ruleSet).toArray(),
            sourceSets);
    this.destinationSets = new int[config.destinationRuleSets().size()];
    this.destinationRules =
        order(
            config.destinationRuleSets(),
            config.destinationRules().stream().mapToInt(DestinationNatRule::ruleSet).toArray(),
            destinationSets);
    this.staticSets = new int[config.staticRuleSets().size()];
    this.staticRules =
        order(
            config.staticRuleSets(),
            config.staticRules().stream().mapToInt(StaticNatRule::ruleSet).toArray(),
            staticSets);
  }

  public NatConfig config() {
    return config;
  }

  /** Static NAT for a packet arriving from a rule set's context, on its destination. */
  public int staticInbound(
      int ingressInterface,
      int ingressZone,
      int ingressInstance,
      long srcHi,
      long srcLo,
      long dstHi,
      long dstLo,
      int protocol,
      int destinationPort) {
    List<NatRuleSet> sets = config.staticRuleSets();
    for (int k = 0; k < staticSets.length; k++) {
      if (!sets.get(staticSets[k]).from().matches(ingressInterface, ingressZone, ingressInstance)) {
        continue;
      }
      for (int rule : staticRules[k]) {
        if (config
            .staticRules()
            .get(rule)
            .matchesInbound(srcHi, srcLo, dstHi, dstLo, protocol, destinationPort)) {
          return rule;
        }
      }
    }
    return -1;
  }

  /** Reverse static NAT for a packet leaving towards a rule set's context, on its source. */
  public int staticOutbound(
      int egressInterface,
      int egressZone,
      int egressInstance,
      long srcHi,
      long srcLo,
      int protocol,
      int sourcePort) {
    List<NatRuleSet> sets = config.staticRuleSets();
    for (int k = 0; k < staticSets.length; k++) {
      if (!sets.get(staticSets[k]).from().matches(egressInterface, egressZone, egressInstance)) {
        continue;
      }
      for (int rule : staticRules[k]) {
        if (config.staticRules().get(rule).matchesOutbound(srcHi, srcLo, protocol, sourcePort)) {
          return rule;
        }
      }
    }
    return -1;
  }

  /** Destination NAT for a packet as received. */
  public int destination(
      int ingressInterface,
      int ingressZone,
      int ingressInstance,
      long srcHi,
      long srcLo,
      long dstHi,
      long dstLo,
      int protocol,
      int destinationPort) {
    List<NatRuleSet> sets = config.destinationRuleSets();
    for (int k = 0; k < destinationSets.length; k++) {
      if (!sets.get(destinationSets[k])
          .from()
          .matches(ingressInterface, ingressZone, ingressInstance)) {
        continue;
      }
      for (int rule : destinationRules[k]) {
        if (config
            .destinationRules()
            .get(rule)
            .matches(srcHi, srcLo, dstHi, dstLo, protocol, destinationPort)) {
          return rule;
        }
      }
    }
    return -1;
  }

  /** Source NAT for a packet whose destination is already translated, between two contexts. */
  public int source(
      int ingressInterface,
      int ingressZone,
      int ingressInstance,
      int egressInterface,
      int egressZone,
      int egressInstance,
      long srcHi,
      long srcLo,
      long dstHi,
      long dstLo,
      int protocol,
      int destinationPort) {
    List<NatRuleSet> sets = config.sourceRuleSets();
    for (int k = 0; k < sourceSets.length; k++) {
      if (!sets.get(sourceSets[k])
          .matches(
              ingressInterface,
              ingressZone,
              ingressInstance,
              egressInterface,
              egressZone,
              egressInstance)) {
        continue;
      }
      for (int rule : sourceRules[k]) {
        if (config
            .sourceRules()
            .get(rule)
            .matches(srcHi, srcLo, dstHi, dstLo, protocol, destinationPort)) {
          return rule;
        }
      }
    }
    return -1;
  }

  /**
   * True when a packet might be a translated session's reply in the form it leaves the firewall:
   * the reverse of a packet some rule would translate (its destination an inside source a source
   * rule names, its source a destination or static NAT address). A cheap filter that spares the
   * fast path a second lookup for packets no rule could have produced; it may say yes in vain.
   */
  public boolean mayBeForwardedReply(
      long srcHi, long srcLo, long dstHi, long dstLo, int protocol, int sourcePort) {
    for (SourceNatRule rule : config.sourceRules()) {
      if (rule.action() != SourceNatRule.Action.OFF
          && rule.source().matches(dstHi, dstLo)
          && rule.destination().matches(srcHi, srcLo)
          && NatConfig.protocolMatches(rule.protocols(), protocol)
          && PortRange.anyContains(rule.destinationPorts(), sourcePort)) {
        return true;
      }
    }
    for (DestinationNatRule rule : config.destinationRules()) {
      if (rule.action() == DestinationNatRule.Action.POOL
          && rule.destination().matches(srcHi, srcLo)
          && rule.source().matches(dstHi, dstLo)
          && PortRange.anyContains(rule.destinationPorts(), sourcePort)) {
        return true;
      }
    }
    for (StaticNatRule rule : config.staticRules()) {
      if (rule.destination().contains(srcHi, srcLo) || rule.translated().contains(dstHi, dstLo)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Fills {@code setOrder} with rule-set indexes by precedence and returns each set's rules in
   * order.
   */
  private static int[][] order(List<NatRuleSet> ruleSets, int[] ruleSetOfRule, int[] setOrder) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < ruleSets.size(); i++) {
      order.add(i);
    }
    order.sort(
        Comparator.comparingInt((Integer i) -> -ruleSets.get(i).precedence())
            .thenComparingInt(i -> i));
    int[][] rules = new int[ruleSets.size()][];
    for (int k = 0; k < order.size(); k++) {
      int set = order.get(k);
      setOrder[k] = set;
      List<Integer> members = new ArrayList<>();
      for (int r = 0; r < ruleSetOfRule.length; r++) {
        if (ruleSetOfRule[r] == set) {
          members.add(r);
        }
      }
      rules[k] = members.stream().mapToInt(Integer::intValue).toArray();
    }
    return rules;
  }
}
