package org.flowgate.config.compile;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.flowgate.dataplane.nat.DestinationNatPool;
import org.flowgate.dataplane.nat.DestinationNatRule;
import org.flowgate.dataplane.nat.NatConfig;
import org.flowgate.dataplane.nat.NatContext;
import org.flowgate.dataplane.nat.NatRuleSet;
import org.flowgate.dataplane.nat.PortRange;
import org.flowgate.dataplane.nat.SourceNatPool;
import org.flowgate.dataplane.nat.SourceNatRule;
import org.flowgate.dataplane.nat.StaticNatRule;
import org.flowgate.dataplane.net.AddressMatch;

/**
 * A compiled {@link NatConfig} as one line per pool, rule set and rule (the records hold arrays, so
 * they are compared as text). Every field is written.
 */
final class NatLines {
  private NatLines() {}

  static List<String> sourcePools(NatConfig nat) {
    return nat.sourcePools().stream()
        .map(
            p ->
                p.id()
                    + " "
                    + p.name()
                    + " "
                    + p.addresses()
                    + " port "
                    + (p.portTranslation() ? range(p.ports()) : "no-translation")
                    + (p.twinPorts() != null ? " twin " + range(p.twinPorts()) : "")
                    + " overflow "
                    + p.overflow()
                    + (p.overflow() == SourceNatPool.Overflow.POOL ? ":" + p.overflowPool() : "")
                    + (p.addressPersistent() ? " address-persistent" : "")
                    + " ri "
                    + p.routingInstance())
        .toList();
  }

  static List<String> destinationPools(NatConfig nat) {
    return nat.destinationPools().stream()
        .map(
            (DestinationNatPool p) ->
                p.id()
                    + " "
                    + p.name()
                    + " "
                    + p.addresses()
                    + " port "
                    + p.port()
                    + " ri "
                    + p.routingInstance())
        .toList();
  }

  static List<String> ruleSets(List<NatRuleSet> sets) {
    return sets.stream()
        .map(
            s ->
                s.id()
                    + " "
                    + s.name()
                    + " from "
                    + context(s.from())
                    + (s.to() == null ? "" : " to " + context(s.to())))
        .toList();
  }

  static List<String> sourceRules(NatConfig nat) {
    return nat.sourceRules().stream()
        .map(
            (SourceNatRule r) ->
                r.id()
                    + " "
                    + r.name()
                    + " set="
                    + r.ruleSet()
                    + " pos="
                    + r.position()
                    + " src="
                    + addresses(r.source())
                    + " dst="
                    + addresses(r.destination())
                    + " ports="
                    + ports(r.destinationPorts())
                    + " protocols="
                    + Arrays.toString(r.protocols())
                    + " "
                    + r.action()
                    + " pool="
                    + r.pool()
                    + (r.persistentNat() == null
                        ? ""
                        : " persistent="
                            + r.persistentNat().type().junosName()
                            + "/"
                            + r.persistentNat().mappingType()
                            + "/"
                            + r.persistentNat().inactivityTimeoutSeconds()
                            + "/"
                            + r.persistentNat().maximumSessions()))
        .toList();
  }

  static List<String> destinationRules(NatConfig nat) {
    return nat.destinationRules().stream()
        .map(
            (DestinationNatRule r) ->
                r.id()
                    + " "
                    + r.name()
                    + " set="
                    + r.ruleSet()
                    + " pos="
                    + r.position()
                    + " src="
                    + addresses(r.source())
                    + " dst="
                    + addresses(r.destination())
                    + " ports="
                    + ports(r.destinationPorts())
                    + " protocols="
                    + Arrays.toString(r.protocols())
                    + " "
                    + r.action()
                    + " pool="
                    + r.pool())
        .toList();
  }

  static List<String> staticRules(NatConfig nat) {
    return nat.staticRules().stream()
        .map(
            (StaticNatRule r) ->
                r.id()
                    + " "
                    + r.name()
                    + " set="
                    + r.ruleSet()
                    + " pos="
                    + r.position()
                    + " src="
                    + addresses(r.source())
                    + " dst="
                    + r.destination()
                    + " port="
                    + (r.destinationPort() == null ? "any" : range(r.destinationPort()))
                    + " -> "
                    + r.translated()
                    + " mapped="
                    + (r.mappedPort() == null ? "none" : range(r.mappedPort()))
                    + " ri "
                    + r.routingInstance())
        .toList();
  }

  static List<String> proxyArp(NatConfig nat) {
    return nat.proxyArp().stream().map(p -> p.interfaceIndex() + " " + p.addresses()).toList();
  }

  /** Everything, for comparing two compilations. */
  static List<String> all(NatConfig nat) {
    return java.util.stream.Stream.of(
            sourcePools(nat),
            ruleSets(nat.sourceRuleSets()),
            sourceRules(nat),
            destinationPools(nat),
            ruleSets(nat.destinationRuleSets()),
            destinationRules(nat),
            ruleSets(nat.staticRuleSets()),
            staticRules(nat),
            proxyArp(nat))
        .flatMap(List::stream)
        .toList();
  }

  private static String context(NatContext context) {
    return context.kind() + Arrays.toString(context.indexes());
  }

  private static String addresses(AddressMatch match) {
    if (match.prefixes().isEmpty()) {
      return match.negate() ? "nothing" : "any";
    }
    return (match.negate() ? "!" : "") + match.prefixes();
  }

  private static String ports(List<PortRange> ranges) {
    return ranges.stream().map(NatLines::range).collect(Collectors.joining(", ", "[", "]"));
  }

  private static String range(PortRange range) {
    return range.low() == range.high()
        ? Integer.toString(range.low())
        : range.low() + "-" + range.high();
  }
}
