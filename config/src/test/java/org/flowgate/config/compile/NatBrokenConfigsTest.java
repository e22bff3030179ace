package org.flowgate.config.compile;

import static org.assertj.core.api.Assertions.assertThat;

import org.flowgate.config.text.Diagnostic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each broken NAT configuration gives exactly one error, at the statement that is wrong. The broken
 * statements (separated by {@code ;}) follow a valid base of eleven lines, so they start at line
 * 12.
 */
class NatBrokenConfigsTest {
  static final String BASE =
      """
      set interfaces ge-0/0/0 unit 0 family inet address 192.168.1.1/24
      set interfaces ge-0/0/1 unit 0 family inet address 198.51.100.1/24
      set security zones security-zone trust interfaces ge-0/0/0.0
      set security zones security-zone untrust interfaces ge-0/0/1.0
      set security address-book global address two range-address 10.0.0.1 to 10.0.0.2
      set security nat source pool p address 198.51.100.10/32
      set security nat destination pool d address 192.168.1.10/32
      set security nat source rule-set r from zone trust
      set security nat source rule-set r to zone untrust
      set security nat destination rule-set i from zone untrust
      set security nat static rule-set s from zone untrust
      """;

  @ParameterizedTest(name = "{2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      set security nat source rule-set r rule x then source-nat pool nope|12:1|source NAT pool nope is not defined (source NAT rule-set r rule x)
      set security nat source rule-set r rule x then source-nat pool d|12:1|d is a destination NAT pool, not a source NAT pool (source NAT rule-set r rule x)
      set security nat destination rule-set i rule x match destination-address 198.51.100.9/32; set security nat destination rule-set i rule x then destination-nat pool p|13:1|p is a source NAT pool, not a destination NAT pool (destination NAT rule-set i rule x)
      set security nat source pool p overflow-pool q|12:1|source NAT pool q is not defined (overflow-pool of source NAT pool p)
      set security nat source pool p overflow-pool p|12:1|overflow-pool of source NAT pool p is the pool itself
      set security nat source rule-set q from zone nowhere; set security nat source rule-set q to zone untrust|12:1|security-zone nowhere is not defined (source NAT rule-set q)
      set security nat destination rule-set j from interface ge-0/0/9|12:1|interface ge-0/0/9.0 is not configured under interfaces (destination NAT rule-set j)
      set security nat destination rule-set j from routing-instance blue|12:1|routing-instance blue is not defined (destination NAT rule-set j)
      set security nat source pool p routing-instance blue|12:1|routing-instance blue is not defined (source NAT pool p)
      set security nat source rule-set r rule x match destination-address-name nothing; set security nat source rule-set r rule x then source-nat off|12:1|destination-address-name nothing is not defined in the global address book (source NAT rule-set r rule x)
      set security nat destination rule-set i rule x match destination-address 198.51.100.9/32; set security nat destination rule-set i rule x match source-address-name nothing; set security nat destination rule-set i rule x then destination-nat off|13:1|source-address-name nothing is not defined in the global address book (destination NAT rule-set i rule x)
      set security nat static rule-set t rule x match destination-address 203.0.113.1/32; set security nat static rule-set t rule x then static-nat prefix 10.1.1.1/32|12:1|static NAT rule-set t has no from: a rule set needs from zone, interface or routing-instance
      set security nat source rule-set q from zone trust|12:1|source NAT rule-set q has no to: a source NAT rule set needs to zone, interface or routing-instance
      set security nat destination rule-set i from interface ge-0/0/1.0|12:1|destination NAT rule-set i has from zone and from interface: a rule set's from is interfaces, zones or routing instances, not a mix
      set security nat destination pool e routing-instance default|12:1|destination NAT pool e has no address
      set security nat source pool e description "nothing yet"|12:1|source NAT pool e has no address
      set security nat destination pool e address 192.168.1.11 port 70000|12:1|invalid port '70000' for destination NAT pool e: 1 to 65535
      set security nat destination pool e address 192.168.1.11 port 0|12:1|invalid port '0' for destination NAT pool e: 1 to 65535
      set security nat source pool p port range 3000 to 2000|12:1|invalid port range 3000 to 2000 of source NAT pool p: the low port is above the high one
      set security nat source pool p port range 2000 to 65536|12:1|invalid port range '65536' (source NAT pool p): a port is 0 to 65535
      set security nat source pool p port range to 3000|12:1|port range to 3000 of source NAT pool p has no low port: port range LOW to HIGH
      set security nat source pool-default-port-range 5000 to 4000|12:1|invalid pool-default-port-range 5000 to 4000: the low port is above the high one
      set security nat source pool p address 198.51.100.20 to 198.51.100.12|12:1|invalid address range 198.51.100.20 to 198.51.100.12 for source NAT pool p: the range is empty (its start is above its end, or the families differ)
      set security nat source pool p address 198.51.100.300/32|12:1|invalid address '198.51.100.300/32' for source NAT pool p
      set security nat source rule-set r rule x match destination-port 90 to 80; set security nat source rule-set r rule x then source-nat off|12:1|invalid destination-port 90 to 80 (source NAT rule-set r rule x): the low port is above the high one
      set security nat source rule-set r rule x match protocol bogus; set security nat source rule-set r rule x then source-nat off|12:1|invalid protocol 'bogus' (source NAT rule-set r rule x): a protocol name such as tcp, or a number 0 to 255
      set security nat source rule-set r rule x match source-address 10.0.0.0/40; set security nat source rule-set r rule x then source-nat off|12:1|invalid source-address '10.0.0.0/40' (source NAT rule-set r rule x)
      set security nat source rule-set r rule x then source-nat off; set security nat source rule-set r rule x then source-nat interface|13:1|source NAT rule-set r rule x has both source-nat off and source-nat interface: a rule has one action
      set security nat static rule-set s rule x match destination-address 203.0.113.0/24; set security nat static rule-set s rule x then static-nat prefix 10.1.1.0/25|13:1|static-nat prefix 10.1.1.0/25 is not as long as destination-address 203.0.113.0/24 (static NAT rule-set s rule x): static NAT maps a prefix onto one of the same length
      set security nat static rule-set s rule x match destination-address 203.0.113.1/32; set security nat static rule-set s rule x then static-nat prefix 2001:db8::1/128|13:1|static-nat prefix 2001:db8::1/128 and destination-address 203.0.113.1/32 are of different families (static NAT rule-set s rule x)
      set security nat static rule-set s rule x match destination-address 203.0.113.0/31; set security nat static rule-set s rule x then static-nat prefix-name two|13:1|static-nat prefix-name two stands for 2 prefixes (static NAT rule-set s rule x): static NAT maps one prefix
      set security nat static rule-set s rule x match destination-address-name two; set security nat static rule-set s rule x then static-nat prefix 10.1.1.0/31|12:1|destination-address-name two stands for 2 prefixes (static NAT rule-set s rule x): static NAT maps one prefix
      set security nat static rule-set s rule x match destination-address 203.0.113.1/32; set security nat static rule-set s rule x then static-nat prefix-name none|13:1|static-nat prefix-name none is not defined in the global address book (static NAT rule-set s rule x)
      set security nat static rule-set s rule x match destination-address 203.0.113.1/32; set security nat static rule-set s rule x match destination-port 80 to 81; set security nat static rule-set s rule x then static-nat prefix 10.1.1.1/32 mapped-port 8080|14:1|static-nat mapped-port 8080 is not as wide as destination-port 80 to 81 (static NAT rule-set s rule x): static NAT maps ports one to one
      set security nat static rule-set s rule x match destination-address 203.0.113.1/32; set security nat static rule-set s rule x then static-nat prefix 10.1.1.1/32 mapped-port 8080|13:1|static-nat mapped-port needs match destination-port (static NAT rule-set s rule x)
      set security nat static rule-set s rule x then static-nat prefix 10.1.1.1/32|12:1|static NAT rule-set s rule x has no match destination-address
      set security nat static rule-set s rule x match destination-address 203.0.113.1/32|12:1|static NAT rule-set s rule x has no then static-nat
      set security nat static rule-set s rule x match destination-address 203.0.113.1/32; set security nat static rule-set s rule x then static-nat prefix routing-instance default|13:1|static-nat prefix of static NAT rule-set s rule x names no prefix
      set security nat static rule-set s rule x match destination-address 203.0.113.1/32; set security nat static rule-set s rule x then static-nat prefix 10.1.1.1/32 routing-instance red|13:1|routing-instance red is not defined (static NAT rule-set s rule x)
      set security nat proxy-arp interface ge-0/0/7.0 address 198.51.100.10|12:1|interface ge-0/0/7.0 is not configured under interfaces (proxy-arp)
      set security nat proxy-arp interface ge-0/0/1.0 address 2001:db8::10|12:1|invalid address '2001:db8::10' for proxy-arp interface ge-0/0/1.0: proxy-arp takes IPv4 addresses (proxy-ndp is for IPv6)
      set security nat proxy-ndp interface ge-0/0/1.0 address 198.51.100.10 to 198.51.100.12|12:1|invalid address '198.51.100.10 to 198.51.100.12' for proxy-ndp interface ge-0/0/1.0: proxy-ndp takes IPv6 addresses
      """)
  void reportsTheErrorAtTheStatement(String broken, String lineColumn, String message) {
    String text = BASE + broken.replace("; ", "\n") + "\n";
    CompileResult result = JunosCompiler.load(text, "n.conf");
    assertThat(result.ok()).isFalse();
    assertThat(result.errors())
        .extracting(Diagnostic::toString)
        .containsExactly("n.conf:" + lineColumn + ": error: " + message);
  }
}
