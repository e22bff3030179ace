package org.flowgate.config.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowgate.config.text.ConfigParser;
import org.flowgate.config.text.ConfigPrinter;
import org.flowgate.config.text.ConfigStatement;
import org.flowgate.config.text.Diagnostic;
import org.flowgate.config.text.Diagnostics;
import org.flowgate.dataplane.nat.NatConfig;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.junit.jupiter.api.Test;

/** What each {@code security nat} statement becomes in the generation's {@link NatConfig}. */
class NatCompileTest {
  /**
   * Three zones' worth of interfaces (trust 0, untrust 1; ge-0/0/2.0 in routing-instance red, 1).
   */
  static final String BASE =
      """
      set interfaces ge-0/0/0 unit 0 family inet address 192.168.1.1/24
      set interfaces ge-0/0/1 unit 0 family inet address 198.51.100.1/24
      set interfaces ge-0/0/1 unit 0 family inet6 address 2001:db8::1/64
      set interfaces ge-0/0/2 unit 0 family inet address 10.9.0.1/24
      set routing-instances red instance-type virtual-router
      set routing-instances red interface ge-0/0/2.0
      set security zones security-zone trust interfaces ge-0/0/0.0
      set security zones security-zone untrust interfaces ge-0/0/1.0
      """;

  private static NatConfig nat(String text) {
    return Compile.ok(BASE + text).nat();
  }

  @Test
  void sourcePoolsRuleSetsAndRulesAreNumberedInConfigurationOrder() {
    NatConfig nat =
        nat(
            """
        set security address-book global address web 203.0.113.80/32
        set security address-book global address lan range-address 192.168.1.8 to 192.168.1.11
        set security address-book global address-set servers address web
        set security nat source pool p1 address 198.51.100.10/32
        set security nat source pool p1 address 198.51.100.20 to 198.51.100.29
        set security nat source pool p1 overflow-pool interface
        set security nat source pool p2 address 203.0.113.0/30
        set security nat source pool p2 port no-translation
        set security nat source pool p2 overflow-pool p1
        set security nat source pool p3 address 2001:db8:f::/126
        set security nat source pool p3 port range 20000 to 29999
        set security nat source pool p3 routing-instance red
        set security nat source pool p3 address-persistent
        set security nat source rule-set inside from zone trust
        set security nat source rule-set inside to interface ge-0/0/1.0
        set security nat source rule-set inside rule web match source-address 192.168.1.0/24
        set security nat source rule-set inside rule web match source-address-name lan
        set security nat source rule-set inside rule web match destination-address-name servers
        set security nat source rule-set inside rule web match destination-port 80
        set security nat source rule-set inside rule web match destination-port 8000 to 8099
        set security nat source rule-set inside rule web match protocol tcp
        set security nat source rule-set inside rule web then source-nat pool p1
        set security nat source rule-set inside rule rest then source-nat interface
        set security nat source rule-set vr from routing-instance red
        set security nat source rule-set vr to zone untrust
        set security nat source rule-set vr to zone trust
        set security nat source rule-set vr rule bypass match destination-address 10.0.0.0/8
        set security nat source rule-set vr rule bypass match protocol udp
        set security nat source rule-set vr rule bypass match protocol 132
        set security nat source rule-set vr rule bypass then source-nat off
        set security nat source rule-set vr rule hide then source-nat pool p2
        """);
    assertThat(NatLines.sourcePools(nat))
        .containsExactly(
            "4 p1 [198.51.100.10, 198.51.100.20 - 198.51.100.29] port 1024-63487 twin 63488-65535 overflow INTERFACE ri 0",
            "5 p2 [203.0.113.0 - 203.0.113.3] port no-translation overflow POOL:0 ri 0",
            "6 p3 [2001:db8:f:: - 2001:db8:f::3] port 20000-29999 overflow NONE address-persistent ri 1");
    assertThat(NatLines.ruleSets(nat.sourceRuleSets()))
        .containsExactly(
            "1 inside from ZONE[0] to INTERFACE[1]", "2 vr from ROUTING_INSTANCE[1] to ZONE[1, 0]");
    assertThat(NatLines.sourceRules(nat))
        .containsExactly(
            "1 web set=0 pos=1 src=[192.168.1.0/24, 192.168.1.8/30] dst=[203.0.113.80/32] ports=[80, 8000-8099]"
                + " protocols=[6] POOL pool=0",
            "2 rest set=0 pos=2 src=any dst=any ports=[] protocols=[] INTERFACE pool=-1",
            "3 bypass set=1 pos=1 src=any dst=[10.0.0.0/8] ports=[] protocols=[17, 132] OFF pool=-1",
            "4 hide set=1 pos=2 src=any dst=any ports=[] protocols=[] POOL pool=1");
    assertThat(nat.destinationRules()).isEmpty();
    assertThat(nat.staticRules()).isEmpty();
  }

  @Test
  void globalAddressPersistentAndDefaultPortRangeApplyToEveryPoolThatSaysNothingElse() {
    NatConfig nat =
        nat(
            """
        set security nat source address-persistent
        set security nat source pool-default-port-range 2000 to 2999
        set security nat source pool a address 198.51.100.10/32
        set security nat source pool b address 198.51.100.11/32
        set security nat source pool b port range 40000
        set security nat source pool b port range to 40009
        """);
    assertThat(NatLines.sourcePools(nat))
        .containsExactly(
            "4 a [198.51.100.10] port 2000-2999 twin 63488-65535 overflow NONE address-persistent ri 0",
            "5 b [198.51.100.11] port 40000-40009 overflow NONE address-persistent ri 0");
  }

  @Test
  void destinationPoolsAndRulesWithPortsProtocolsAndSourceConditions() {
    NatConfig nat =
        nat(
            """
        set security address-book global address vip 198.51.100.80/32
        set security nat destination pool web address 10.0.2.10/32 port 8080
        set security nat destination pool farm address 10.0.2.20 to 10.0.2.29
        set security nat destination pool red-ssh address 10.9.0.22
        set security nat destination pool red-ssh routing-instance red
        set security nat destination rule-set from-untrust from zone untrust
        set security nat destination rule-set from-untrust rule http match destination-address-name vip
        set security nat destination rule-set from-untrust rule http match destination-port 80
        set security nat destination rule-set from-untrust rule http match destination-port 8080 to 8081
        set security nat destination rule-set from-untrust rule http match protocol tcp
        set security nat destination rule-set from-untrust rule http then destination-nat pool web
        set security nat destination rule-set from-untrust rule others match destination-address 198.51.100.0/28
        set security nat destination rule-set from-untrust rule others match source-address 192.0.2.0/24
        set security nat destination rule-set from-untrust rule others then destination-nat pool farm
        set security nat destination rule-set from-if from interface ge-0/0/1
        set security nat destination rule-set from-if rule keep match destination-address 198.51.100.1/32
        set security nat destination rule-set from-if rule keep then destination-nat off
        set security nat destination rule-set from-if rule ssh match destination-address 198.51.100.22/32
        set security nat destination rule-set from-if rule ssh match destination-port 22
        set security nat destination rule-set from-if rule ssh then destination-nat pool red-ssh
        """);
    assertThat(NatLines.destinationPools(nat))
        .containsExactly(
            "1 web 10.0.2.10 port 8080 ri 0",
            "2 farm 10.0.2.20 - 10.0.2.29 port 0 ri 0",
            "3 red-ssh 10.9.0.22 port 0 ri 1");
    assertThat(NatLines.ruleSets(nat.destinationRuleSets()))
        .containsExactly("1 from-untrust from ZONE[1]", "2 from-if from INTERFACE[1]");
    assertThat(NatLines.destinationRules(nat))
        .containsExactly(
            "1 http set=0 pos=1 src=any dst=[198.51.100.80/32] ports=[80, 8080-8081] protocols=[6] POOL pool=0",
            "2 others set=0 pos=2 src=[192.0.2.0/24] dst=[198.51.100.0/28] ports=[] protocols=[] POOL pool=1",
            "3 keep set=1 pos=1 src=any dst=[198.51.100.1/32] ports=[] protocols=[] OFF pool=-1",
            "4 ssh set=1 pos=2 src=any dst=[198.51.100.22/32] ports=[22] protocols=[] POOL pool=2");
  }

  /** Static NAT and proxy ARP/NDP in the hierarchical form, with the containers Junos displays. */
  static final String STATIC_HIERARCHICAL =
      """
      security {
          address-book {
              global {
                  address public-web 203.0.113.10/32;
                  address inside-web 10.1.1.10/32;
              }
          }
          nat {
              static {
                  rule-set from-untrust {
                      from zone untrust;
                      rule web {
                          match {
                              source-address [ 192.0.2.0/24 198.18.0.0/15 ];
                              destination-address-name public-web;
                              destination-port {
                                  80 to 81;
                              }
                          }
                          then {
                              static-nat {
                                  prefix-name {
                                      inside-web;
                                      mapped-port 8080 to 8081;
                                  }
                              }
                          }
                      }
                      rule subnet {
                          match {
                              destination-address 203.0.113.0/25;
                          }
                          then {
                              static-nat {
                                  prefix {
                                      10.1.1.0/25;
                                      routing-instance red;
                                  }
                              }
                          }
                      }
                  }
              }
              proxy-arp {
                  interface ge-0/0/1.0 {
                      address {
                          203.0.113.10/32;
                          203.0.113.20/32 to 203.0.113.29/32;
                      }
                  }
              }
              proxy-ndp {
                  interface ge-0/0/1.0 {
                      address {
                          2001:db8::10/128;
                      }
                  }
              }
          }
      }
      """;

  @Test
  void staticRulesMapPrefixesAndPortsOneToOneAndProxyArpNamesItsInterface() {
    NatConfig nat = nat(STATIC_HIERARCHICAL);
    assertThat(NatLines.ruleSets(nat.staticRuleSets()))
        .containsExactly("1 from-untrust from ZONE[1]");
    assertThat(NatLines.staticRules(nat))
        .containsExactly(
            "1 web set=0 pos=1 src=[192.0.2.0/24, 198.18.0.0/15] dst=203.0.113.10/32 port=80-81 -> 10.1.1.10/32"
                + " mapped=8080-8081 ri 0",
            "2 subnet set=0 pos=2 src=any dst=203.0.113.0/25 port=any -> 10.1.1.0/25 mapped=none ri 1");
    assertThat(NatLines.proxyArp(nat))
        .containsExactly("1 203.0.113.10", "1 203.0.113.20 - 203.0.113.29", "1 2001:db8::10");
  }

  /**
   * {@code show configuration | display set} of a hierarchical NAT configuration compiles to the
   * same NAT.
   */
  @Test
  void theDisplaySetFormOfHierarchicalNatCompilesToTheSameModel() {
    String hierarchical =
        BASE
            + STATIC_HIERARCHICAL
            + """
        security {
            nat {
                source {
                    pool out {
                        address {
                            198.51.100.10/32 to 198.51.100.19/32;
                        }
                        port {
                            range 2000 to 2999;
                        }
                    }
                    rule-set inside {
                        from zone trust;
                        to zone untrust;
                        rule all {
                            match {
                                source-address 192.168.1.0/24;
                                destination-port [ 80 443 ];
                                protocol [ tcp udp ];
                            }
                            then {
                                source-nat {
                                    pool {
                                        out;
                                    }
                                }
                            }
                        }
                    }
                }
                destination {
                    pool web {
                        address 192.168.1.80/32 port 8080;
                    }
                    rule-set in {
                        from zone untrust;
                        rule http {
                            match {
                                destination-address 198.51.100.80/32;
                                destination-port {
                                    80;
                                }
                            }
                            then {
                                destination-nat {
                                    pool {
                                        web;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        """;
    String displaySet =
        ConfigPrinter.displaySet(
            ConfigParser.parseConfig(hierarchical, "h.conf", new Diagnostics()).configured());
    assertThat(displaySet)
        .contains(
            "set security nat source pool out address 198.51.100.10/32 to 198.51.100.19/32",
            "set security nat source rule-set inside rule all then source-nat pool out",
            "set security nat static rule-set from-untrust rule web then static-nat prefix-name mapped-port 8080 to 8081");
    NatConfig fromHierarchy = Compile.ok(hierarchical).nat();
    NatConfig fromSet = Compile.ok(displaySet).nat();
    assertThat(NatLines.sourceRules(fromHierarchy))
        .containsExactly(
            "1 all set=0 pos=1 src=[192.168.1.0/24] dst=any ports=[80, 443] protocols=[6, 17] POOL pool=0");
    assertThat(NatLines.all(fromSet)).isEqualTo(NatLines.all(fromHierarchy)).hasSize(12);
  }

  @Test
  void
      unimplementedNatStatementsWarnAtTheirLocationAndRulesWithoutAnImplementedActionAreNotInstalled() {
    // static-nat inet and a pool of the other family are NAT64: rules v6 and six are not installed
    CompileResult result =
        JunosCompiler.load(
            BASE
                + """
        set security nat source pool p address 198.51.100.10/32
        set security nat source pool p host-address-base 192.168.1.0
        set security nat source pool p pool-utilization-alarm raise-threshold 90
        set security nat source pool p port port-overloading-factor 2
        set security nat source rule-set r description "to the internet"
        set security nat source rule-set r from zone trust
        set security nat source rule-set r to zone untrust
        set security nat source rule-set r rule a match source-port 1024 to 65535
        set security nat source rule-set r rule a then source-nat pool p
        set security nat source rule-set r rule a then source-nat pool persistent-nat permit any-remote-host
        set security nat source rule-set r rule b then source-nat interface persistent-nat permit target-host
        set security nat destination pool d address 192.168.1.10/32
        set security nat destination rule-set i from zone untrust
        set security nat destination rule-set i rule a match destination-address 198.51.100.10/32
        set security nat destination rule-set i rule a then destination-nat pool d
        set security nat destination rule-set i rule a then destination-nat pool rule-session-count-alarm raise-threshold 10
        set security nat static rule-set s from zone untrust
        set security nat static rule-set s rule v6 match destination-address 64:ff9b::/96
        set security nat static rule-set s rule v6 then static-nat inet
        set security nat traceoptions flag all
        set security nat source pool v4 address 198.51.100.64/32
        set security nat source rule-set r rule six match source-address 2001:db8:1::/48
        set security nat source rule-set r rule six then source-nat pool v4
        set security nat source pool p port deterministic block-size 128
        """,
            "w.conf");
    assertThat(result.errors()).isEmpty();
    assertThat(result.warnings())
        .extracting(Diagnostic::toString)
        .containsExactly(
            "w.conf:10:1: warning: statement not implemented: security nat source pool p host-address-base 192.168.1.0"
                + " (addresses are taken from the pool, not shifted)",
            "w.conf:11:1: warning: statement not implemented: security nat source pool p pool-utilization-alarm"
                + " raise-threshold 90",
            "w.conf:12:1: warning: statement not implemented: security nat source pool p port port-overloading-factor 2",
            "w.conf:32:1: warning: statement not implemented: security nat source pool p port deterministic"
                + " block-size 128 (the pool hands out single ports; show security nat source deterministic"
                + " lists none)",
            "w.conf:16:1: warning: statement not implemented: security nat source rule-set r rule a match source-port"
                + " 1024 to 65535 (the rule matches any source port)",
            "w.conf:24:1: warning: statement not implemented: security nat destination rule-set i rule a then"
                + " destination-nat pool rule-session-count-alarm raise-threshold 10 (no alarm is raised)",
            "w.conf:27:1: warning: statement not implemented: security nat static rule-set s rule v6 then static-nat"
                + " inet (the rule is not installed)",
            "w.conf:28:1: warning: statement not implemented: security nat traceoptions flag all",
            "w.conf:31:1: warning: source NAT rule-set r rule six translates IPv6 sources to source NAT pool v4 of IPv4"
                + " addresses (NAT64): not implemented, the rule is not installed");
    NatConfig nat = result.config().nat();
    assertThat(NatLines.sourceRules(nat))
        .containsExactly(
            "1 a set=0 pos=1 src=any dst=any ports=[] protocols=[] POOL pool=0"
                + " persistent=any-remote-host/address-port-mapping/300/30",
            "2 b set=0 pos=2 src=any dst=any ports=[] protocols=[] INTERFACE pool=-1"
                + " persistent=target-host/address-port-mapping/300/30");
    assertThat(NatLines.destinationRules(nat))
        .containsExactly(
            "1 a set=0 pos=1 src=any dst=[198.51.100.10/32] ports=[] protocols=[] POOL pool=0");
    assertThat(nat.staticRuleSets()).hasSize(1);
    assertThat(nat.staticRules()).isEmpty();
  }

  @Test
  void readingsThatChangeWhatIsWrittenAreWarnings() {
    CompileResult result =
        JunosCompiler.load(
            BASE
                + """
        set security nat source pool p address 198.51.100.7/29
        set security nat destination pool d address 192.168.1.10
        set security nat destination pool d address 192.168.1.11
        set security nat destination rule-set i from zone untrust
        set security nat destination rule-set i rule a match destination-address 198.51.100.10/32
        set security nat destination rule-set i rule a match destination-address 198.51.100.11/32
        set security nat destination rule-set i rule a then destination-nat pool d
        set security nat destination rule-set i rule b then destination-nat off
        set security nat source rule-set r from zone trust
        set security nat source rule-set r to zone untrust
        set security nat source rule-set r rule a match source-address 192.168.1.0/24
        """,
            "w.conf");
    assertThat(result.errors()).isEmpty();
    assertThat(result.warnings())
        .extracting(Diagnostic::toString)
        .containsExactly(
            "w.conf:9:1: warning: address 198.51.100.7/29 of source NAT pool p has bits set beyond its length:"
                + " taken as 198.51.100.0/29",
            "w.conf:11:1: warning: address 192.168.1.11 replaces address 192.168.1.10 of destination NAT pool d:"
                + " a destination pool has one address or range",
            "w.conf:14:1: warning: destination-address 198.51.100.11/32 replaces destination-address 198.51.100.10/32"
                + " in destination NAT rule-set i rule a: a destination NAT rule matches one destination",
            "w.conf:19:1: warning: source NAT rule-set r rule a has no then source-nat: read as off",
            "w.conf:16:1: warning: destination NAT rule-set i rule b has no match destination-address: it matches any"
                + " destination");
    NatConfig nat = result.config().nat();
    assertThat(NatLines.sourcePools(nat))
        .containsExactly(
            "4 p [198.51.100.0 - 198.51.100.7] port 1024-63487 twin 63488-65535 overflow NONE ri 0");
    assertThat(NatLines.destinationPools(nat)).containsExactly("1 d 192.168.1.11 port 0 ri 0");
    assertThat(NatLines.destinationRules(nat).getFirst()).contains("dst=[198.51.100.11/32]");
    assertThat(NatLines.sourceRules(nat))
        .containsExactly(
            "1 a set=0 pos=1 src=[192.168.1.0/24] dst=any ports=[] protocols=[] OFF pool=-1");
  }

  @Test
  void persistentNatIsReadWithItsDefaultsAndPortRandomizationCanBeDisabled() {
    CompileResult result =
        JunosCompiler.load(
            BASE
                + """
        set security nat source port-randomization disable
        set security nat source pool-default-twin-port-range 64000 to 65535
        set security nat source pool p address 198.51.100.10/32
        set security nat source rule-set r from zone trust
        set security nat source rule-set r to zone untrust
        set security nat source rule-set r rule a then source-nat pool p
        set security nat source rule-set r rule a then source-nat pool persistent-nat permit target-host-port
        set security nat source rule-set r rule a then source-nat pool persistent-nat address-mapping
        set security nat source rule-set r rule a then source-nat pool persistent-nat inactivity-timeout 1800
        set security nat source rule-set r rule a then source-nat pool persistent-nat max-session-number 8
        set security nat source rule-set r rule b then source-nat interface persistent-nat inactivity-timeout 30
        set security nat source rule-set r rule c then source-nat off
        set security nat source rule-set r rule c then source-nat pool persistent-nat block-ext-session
        """,
            "p.conf");
    assertThat(result.errors())
        .extracting(Diagnostic::toString)
        .containsExactly(
            "p.conf:19:1: error: invalid inactivity-timeout '30' (source NAT rule-set r rule b):"
                + " 60 to 7200 seconds",
            "p.conf:19:1: error: source NAT rule-set r rule b has persistent-nat without permit"
                + " (any-remote-host | target-host | target-host-port)",
            "p.conf:21:1: error: source NAT rule-set r rule c has persistent-nat without permit"
                + " (any-remote-host | target-host | target-host-port)");
    assertThat(result.warnings())
        .extracting(Diagnostic::toString)
        .containsExactly(
            "p.conf:21:1: warning: statement not implemented: security nat source rule-set r rule c then"
                + " source-nat pool persistent-nat block-ext-session (outside hosts the binding permits"
                + " may open sessions)");
    NatConfig nat =
        nat(
            """
        set security nat source port-randomization disable
        set security nat source pool-default-twin-port-range 64000 to 65535
        set security nat source pool p address 198.51.100.10/32
        set security nat source rule-set r from zone trust
        set security nat source rule-set r to zone untrust
        set security nat source rule-set r rule a then source-nat pool p
        set security nat source rule-set r rule a then source-nat pool persistent-nat permit target-host-port
        set security nat source rule-set r rule a then source-nat pool persistent-nat address-mapping
        set security nat source rule-set r rule a then source-nat pool persistent-nat inactivity-timeout 1800
        set security nat source rule-set r rule a then source-nat pool persistent-nat max-session-number 8
        set security nat source rule-set r rule b then source-nat interface persistent-nat permit any-remote-host
        """);
    assertThat(nat.portRandomization()).isFalse();
    assertThat(NatLines.sourcePools(nat))
        .containsExactly("4 p [198.51.100.10] port 1024-63487 twin 64000-65535 overflow NONE ri 0");
    assertThat(NatLines.sourceRules(nat))
        .containsExactly(
            "1 a set=0 pos=1 src=any dst=any ports=[] protocols=[] POOL pool=0"
                + " persistent=target-host-port/address-mapping/1800/8",
            "2 b set=0 pos=2 src=any dst=any ports=[] protocols=[] INTERFACE pool=-1"
                + " persistent=any-remote-host/address-port-mapping/300/30");
    assertThat(nat("").portRandomization()).as("the Junos default").isTrue();
  }

  @Test
  void theDefaultRoutingInstanceIsTheMasterOne() {
    NatConfig nat =
        nat(
            """
        set security nat source pool p address 198.51.100.10/32
        set security nat source pool p routing-instance default
        set security nat source rule-set r from routing-instance default
        set security nat source rule-set r to routing-instance red
        set security nat source rule-set r rule a then source-nat pool p
        """);
    assertThat(NatLines.sourcePools(nat))
        .containsExactly("4 p [198.51.100.10] port 1024-63487 twin 63488-65535 overflow NONE ri 0");
    assertThat(NatLines.ruleSets(nat.sourceRuleSets()))
        .containsExactly("1 r from ROUTING_INSTANCE[0] to ROUTING_INSTANCE[1]");
  }

  @Test
  void aConfigurationWithoutNatHasAnEmptyOne() {
    RuntimeConfig config = Compile.ok(BASE);
    assertThat(config.nat().isEmpty()).isTrue();
    assertThat(NatLines.all(config.nat())).isEmpty();
  }

  /** The real vSRX port-forwarding configuration behind show-flow-session-nat-dnat-1.txt. */
  @Test
  void theDestinationNatSampleCompilesToItsTwoPortForwards() throws IOException {
    Path file =
        SharedConfigsCompileTest.sharedDir().resolve("junos/samples/config-display-set-dnat-1.txt");
    assumeTrue(
        Files.isRegularFile(file),
        () -> "skipped: " + file + " not found (../shared is not beside the project)");
    String text = Files.readString(file, StandardCharsets.UTF_8);
    text = text.substring(text.indexOf('\n') + 1);
    CompileResult result = JunosCompiler.load(text, "dnat.conf");
    assertThat(result.diagnostics()).extracting(Diagnostic::toString).isEmpty();
    NatConfig nat = result.config().nat();
    assertThat(NatLines.destinationPools(nat))
        .containsExactly("1 DstPool1 10.0.0.2 port 0 ri 0", "2 DstPool2 10.0.0.3 port 0 ri 0");
    assertThat(NatLines.ruleSets(nat.destinationRuleSets()))
        .containsExactly("1 DstNat-RS1 from ZONE[1]");
    assertThat(NatLines.destinationRules(nat))
        .containsExactly(
            "1 DstNatR1 set=0 pos=1 src=any dst=[172.17.42.1/32] ports=[80] protocols=[] POOL pool=0",
            "2 DstNatR2 set=0 pos=2 src=any dst=[172.17.42.1/32] ports=[22] protocols=[] POOL pool=1");
    assertThat(result.config().zones().get(1).name()).isEqualTo("untrust");

    // show configuration security nat: the tree as written; its display set form compiles alike
    List<ConfigStatement> statements =
        ConfigParser.parseConfig(text, "dnat.conf", new Diagnostics()).configured();
    assertThat(
            ConfigPrinter.hierarchical(
                statements, List.of("security", "nat", "destination", "rule-set")))
        .startsWith(
            """
            DstNat-RS1 {
                from zone untrust;
                rule DstNatR1 {
                    match {
                        destination-address 172.17.42.1/32;
                        destination-port 80;
                    }
                    then {
                        destination-nat pool DstPool1;
                    }
                }
            """);
    assertThat(NatLines.all(Compile.ok(ConfigPrinter.hierarchical(statements)).nat()))
        .isEqualTo(NatLines.all(nat));
  }
}
