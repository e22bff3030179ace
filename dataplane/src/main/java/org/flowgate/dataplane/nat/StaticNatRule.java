package org.flowgate.dataplane.nat;

import org.flowgate.dataplane.net.AddressMatch;
import org.flowgate.dataplane.net.IpPrefix;

/**
 * {@code security nat static rule-set RS rule R}: a bidirectional 1:1 mapping.
 *
 * <pre>
 * match { destination-address 203.0.113.0/24; [destination-port 80 [to 81];] [source-address ...;] }
 * then  { static-nat prefix 10.1.1.0/24 [mapped-port 8080 [to 8081]] [routing-instance R]; }
 *
 *   inbound  (from the rule set's context): destination 203.0.113.x  ─► 10.1.1.x (host bits kept)
 *   outbound (towards that context):        source      10.1.1.x     ─► 203.0.113.x (reverse)
 * </pre>
 *
 * @param id 1-based over all static rules ({@code Rule Id})
 * @param ruleSet index into {@link NatConfig#staticRuleSets()}
 * @param position 1-based place within its rule set
 * @param destinationPort null for any
 * @param mappedPort null to keep ports
 * @param routingInstance the translated side's routing instance (0 by default)
 */
public record StaticNatRule(
    int id,
    String name,
    int ruleSet,
    int position,
    AddressMatch source,
    IpPrefix destination,
    PortRange destinationPort,
    IpPrefix translated,
    PortRange mappedPort,
    int routingInstance)
    implements NatRule {

  boolean matchesInbound(long srcHi, long srcLo, long dstHi, long dstLo, int protocol, int port) {
    return destination.contains(dstHi, dstLo)
        && source.matches(srcHi, srcLo)
        && (destinationPort == null
            || (NatConfig.hasPorts(protocol) && destinationPort.contains(port)));
  }

  boolean matchesOutbound(long srcHi, long srcLo, int protocol, int port) {
    return translated.contains(srcHi, srcLo)
        && (mappedPort == null || (NatConfig.hasPorts(protocol) && mappedPort.contains(port)));
  }
}
