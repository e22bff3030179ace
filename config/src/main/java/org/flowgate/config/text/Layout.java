package org.flowgate.config.text;

import java.util.Map;
import java.util.Set;

/**
 * Which words the printer puts on one line, until the schema tree can say so.
 *
 * <p>The flattened statements do not record how Junos groups words into lines ({@code from-zone
 * trust to-zone untrust {}, {@code address 10.0.0.1/24;}); the printer rebuilds that grouping
 * from the shape of the tree and these few SRX keywords. Any grouping parses back to the same
 * statements, so these tables decide only how Junos-like the output looks, never its meaning.
 */
final class Layout {
  /** Keywords followed by a name on the same line: {@code policy p1 {}, {@code unit 0 {}. */
  static final Set<String> NAMED =
      Set.of(
          "address-set",
          "application",
          "application-set",
          "filter",
          "family",
          "from-zone",
          "functional-zone",
          "gateway",
          "group",
          "interface",
          "neighbor",
          "policy",
          "policy-statement",
          "pool",
          "prefix-list",
          "proposal",
          "routing-instance",
          "rule",
          "rule-set",
          "security-zone",
          "term",
          "unit",
          "user",
          "vpn",
          "address",
          "ids-option",
          "route");

  /** A named keyword whose name is followed by a second keyword and name on the same line. */
  static final Map<String, String> COMPOUND = Map.of("from-zone", "to-zone");

  /**
   * Keywords printed on one line with everything below them when that is a single path: {@code from
   * zone untrust;}, {@code destination-nat pool p1;}, {@code range-address a to b;}.
   */
  static final Set<String> CHAINS =
      Set.of(
          "from",
          "to",
          "destination-nat",
          "range-address",
          "range",
          "pool-default-port-range",
          "pool-default-twin-port-range");

  /**
   * Containers of keywords: printed with braces even when everything in them is a bare keyword
   * ({@code then { permit; }}, {@code system-services { ping; ssh; }}).
   */
  static final Set<String> CONTAINERS =
      Set.of(
          "then",
          "match",
          "log",
          "count",
          "system-services",
          "protocols",
          "host-inbound-traffic",
          "interfaces",
          "default-policy",
          "source-nat",
          "static-nat",
          "permit",
          "deny",
          "reject",
          "security",
          "system",
          "policies",
          "zones",
          "nat",
          "applications",
          "services",
          "routing-options",
          "flow",
          "screen",
          "syslog",
          "login");

  private Layout() {}
}
