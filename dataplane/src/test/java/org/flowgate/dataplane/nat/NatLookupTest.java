package org.flowgate.dataplane.nat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.flowgate.dataplane.net.AddressMatch;
import org.flowgate.dataplane.net.IpAddress;
import org.junit.jupiter.api.Test;

/**
 * Rule-set precedence (reference §6.3): interface over zone over routing instance, then rule order.
 */
class NatLookupTest {
  private static final int TCP = 6;
  private static final int UDP = 17;
  private static final IpAddress INSIDE = IpAddress.parse("10.0.1.10");
  private static final IpAddress SERVER = IpAddress.parse("198.51.100.7");

  private static NatContext context(NatContext.Kind kind, int index) {
    return new NatContext(kind, new int[] {index});
  }

  private static SourceNatRule rule(
      String name, int set, int position, SourceNatRule.Action action, int... protocols) {
    return new SourceNatRule(
        position,
        name,
        set,
        position,
        AddressMatch.ANY,
        AddressMatch.ANY,
        List.of(),
        protocols,
        action,
        -1);
  }

  private static int source(NatLookup lookup, int ingressInterface, int protocol) {
    return lookup.source(
        ingressInterface,
        0,
        0,
        1,
        1,
        0,
        INSIDE.hi(),
        INSIDE.lo(),
        SERVER.hi(),
        SERVER.lo(),
        protocol,
        443);
  }

  @Test
  void theMostSpecificContextWinsWhateverTheConfigurationOrder() {
    List<NatRuleSet> sets =
        List.of(
            new NatRuleSet(
                1,
                "by-instance",
                context(NatContext.Kind.ROUTING_INSTANCE, 0),
                context(NatContext.Kind.ZONE, 1)),
            new NatRuleSet(
                2, "by-zone", context(NatContext.Kind.ZONE, 0), context(NatContext.Kind.ZONE, 1)),
            new NatRuleSet(
                3,
                "by-interface",
                context(NatContext.Kind.INTERFACE, 4),
                context(NatContext.Kind.ZONE, 1)));
    NatLookup lookup =
        new NatLookup(
            new NatConfig(
                List.of(),
                sets,
                List.of(
                    rule("ri", 0, 1, SourceNatRule.Action.INTERFACE),
                    rule("zone", 1, 1, SourceNatRule.Action.INTERFACE),
                    rule("if-udp", 2, 1, SourceNatRule.Action.OFF, UDP)),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of()));
    assertThat(source(lookup, 4, UDP)).as("interface rule set").isEqualTo(2);
    assertThat(source(lookup, 4, TCP))
        .as("no rule of the interface set matches: the zone set decides")
        .isEqualTo(1);
    assertThat(source(lookup, 5, UDP)).as("another interface of the zone").isEqualTo(1);
  }

  @Test
  void withinARuleSetTheFirstMatchingRuleDecidesEvenWhenItIsOff() {
    List<NatRuleSet> sets =
        List.of(
            new NatRuleSet(
                1, "rs", context(NatContext.Kind.ZONE, 0), context(NatContext.Kind.ZONE, 1)));
    NatLookup lookup =
        new NatLookup(
            new NatConfig(
                List.of(),
                sets,
                List.of(
                    rule("no-nat-for-tcp", 0, 1, SourceNatRule.Action.OFF, TCP),
                    rule("rest", 0, 2, SourceNatRule.Action.INTERFACE)),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of()));
    assertThat(source(lookup, 4, TCP)).isEqualTo(0);
    assertThat(source(lookup, 4, UDP)).isEqualTo(1);
    assertThat(
            lookup.source(
                4, 0, 0, 1, 2, 0, INSIDE.hi(), INSIDE.lo(), SERVER.hi(), SERVER.lo(), UDP, 443))
        .as("egress zone 2 is not the rule set's to-zone")
        .isEqualTo(-1);
  }
}
