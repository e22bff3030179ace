package org.flowgate.dataplane.nat;

/** A rule of source, destination or static NAT, as the views and rule lookups by name see it. */
public sealed interface NatRule permits SourceNatRule, DestinationNatRule, StaticNatRule {
  /** 1-based over the rules of its kind ({@code Rule Id}). */
  int id();

  String name();

  /** Index of its rule set in the rule sets of its kind. */
  int ruleSet();

  /** 1-based place within its rule set ({@code Rule position}). */
  int position();
}
