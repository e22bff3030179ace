package org.flowgate.dataplane.nat;

import java.util.List;
import org.flowgate.dataplane.net.IpProtocol;

/**
 * The NAT part of one configuration generation: pools, rule sets and rules of source, destination
 * and static NAT, with their lookups in SRX order.
 *
 * <pre>
 * first packet:  static (inbound) ─► else destination ─► route, zones, policy
 *                ─► reverse static (outbound) ─► else source ─► session
 *
 * lookup within one kind:
 *   rule sets whose contexts match, most specific first
 *   (from interface &gt; zone &gt; routing-instance, then the same for to; ties in configuration order)
 *     └─ rules of the set in order: the first that matches decides (its action may be off)
 *   no rule in any matching set ─► no translation of this kind
 * </pre>
 *
 * <p>Thread: immutable; read by every SPU.
 *
 * @param portRandomization source NAT hands out a pool's ports in a seeded random order (the Junos
 *     default); false with {@code security nat source port-randomization disable}, which hands them
 *     out in order
 */
public record NatConfig(
    List<SourceNatPool> sourcePools,
    List<NatRuleSet> sourceRuleSets,
    List<SourceNatRule> sourceRules,
    List<DestinationNatPool> destinationPools,
    List<NatRuleSet> destinationRuleSets,
    List<DestinationNatRule> destinationRules,
    List<NatRuleSet> staticRuleSets,
    List<StaticNatRule> staticRules,
    List<ProxyArpEntry> proxyArp,
    boolean portRandomization) {

  public static final NatConfig NONE =
      new NatConfig(
          List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
          List.of());

  /** NAT with port randomization on, as Junos has it unless told otherwise. */
  public NatConfig(
      List<SourceNatPool> sourcePools,
      List<NatRuleSet> sourceRuleSets,
      List<SourceNatRule> sourceRules,
      List<DestinationNatPool> destinationPools,
      List<NatRuleSet> destinationRuleSets,
      List<DestinationNatRule> destinationRules,
      List<NatRuleSet> staticRuleSets,
      List<StaticNatRule> staticRules,
      List<ProxyArpEntry> proxyArp) {
    this(
        sourcePools,
        sourceRuleSets,
        sourceRules,
        destinationPools,
        destinationRuleSets,
        destinationRules,
        staticRuleSets,
        staticRules,
        proxyArp,
        true);
  }

  /** The same NAT with port randomization on or off. */
  public NatConfig withPortRandomization(boolean on) {
    return new NatConfig(
        sourcePools,
        sourceRuleSets,
        sourceRules,
        destinationPools,
        destinationRuleSets,
        destinationRules,
        staticRuleSets,
        staticRules,
        proxyArp,
        on);
  }

  /** {@code security nat proxy-arp interface IF address A [to B]}: accepted and shown. */
  public record ProxyArpEntry(int interfaceIndex, NatAddressRange addresses) {}

  public NatConfig {
    sourcePools = List.copyOf(sourcePools);
    sourceRuleSets = List.copyOf(sourceRuleSets);
    sourceRules = List.copyOf(sourceRules);
    destinationPools = List.copyOf(destinationPools);
    destinationRuleSets = List.copyOf(destinationRuleSets);
    destinationRules = List.copyOf(destinationRules);
    staticRuleSets = List.copyOf(staticRuleSets);
    staticRules = List.copyOf(staticRules);
    proxyArp = List.copyOf(proxyArp);
  }

  public boolean isEmpty() {
    return sourceRules.isEmpty() && destinationRules.isEmpty() && staticRules.isEmpty();
  }

  static boolean protocolMatches(int[] protocols, int protocol) {
    if (protocols.length == 0) {
      return true;
    }
    for (int p : protocols) {
      if (p == protocol) {
        return true;
      }
    }
    return false;
  }

  /** TCP, UDP and SCTP carry ports a rule can match and translate. */
  public static boolean hasPorts(int protocol) {
    return protocol == IpProtocol.TCP || protocol == IpProtocol.UDP || protocol == IpProtocol.SCTP;
  }
}
