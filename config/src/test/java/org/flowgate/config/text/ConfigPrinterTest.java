package org.flowgate.config.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowgate.config.text.Parse.clean;
import static org.flowgate.config.text.Parse.path;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigPrinterTest {
  /** An SRX configuration in the canonical form Junos prints, so printing must give it back. */
  private static final String CANONICAL =
      """
      system {
          host-name edge-1;
          services {
              ssh;
          }
      }
      interfaces {
          ge-0/0/0 {
              unit 0 {
                  family inet {
                      address 10.0.0.1/24;
                  }
              }
          }
          st0 {
              unit 0 {
                  family inet;
              }
          }
      }
      security {
          address-book {
              global {
                  address SERVER1 10.0.0.2/32;
              }
          }
          nat {
              destination {
                  pool DstPool1 {
                      address 10.0.0.2/32;
                  }
                  rule-set DstNat-RS1 {
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
                  }
              }
          }
          policies {
              from-zone trust to-zone untrust {
                  policy allow-web {
                      match {
                          source-address any;
                          destination-address any;
                          application junos-http;
                          application junos-https;
                      }
                      then {
                          permit;
                          log {
                              session-close;
                          }
                      }
                  }
                  inactive: policy old {
                      match {
                          source-address any;
                          destination-address any;
                          application any;
                      }
                      then {
                          deny;
                      }
                  }
              }
              default-policy {
                  deny-all;
              }
          }
          zones {
              security-zone trust {
                  host-inbound-traffic {
                      system-services {
                          ping;
                          ssh;
                      }
                  }
                  interfaces {
                      ge-0/0/0.0;
                  }
              }
          }
      }
      applications {
          application tcp-8443 {
              protocol tcp;
              destination-port 8443;
          }
      }
      """;

  @Test
  void printsTheCanonicalHierarchicalForm() {
    assertThat(ConfigPrinter.hierarchical(clean(CANONICAL))).isEqualTo(CANONICAL);
  }

  @Test
  void printsOneSetLinePerStatementWithDeactivateAfterTheSubtree() {
    String text =
        """
        system { host-name edge-1; }
        security {
            policies {
                from-zone a to-zone b {
                    inactive: policy old {
                        match { application any; }
                        then { deny; }
                    }
                    policy new { then { permit; } }
                }
            }
        }
        """;
    assertThat(ConfigPrinter.displaySet(clean(text)))
        .isEqualTo(
            """
            set system host-name edge-1
            set security policies from-zone a to-zone b policy old match application any
            set security policies from-zone a to-zone b policy old then deny
            deactivate security policies from-zone a to-zone b policy old
            set security policies from-zone a to-zone b policy new then permit
            """);
  }

  @Test
  void printsTheSubtreeAtAPathRelativeToIt() {
    List<ConfigStatement> statements = clean(CANONICAL);
    assertThat(ConfigPrinter.hierarchical(statements, path("security policies default-policy")))
        .isEqualTo("deny-all;\n");
    assertThat(ConfigPrinter.hierarchical(statements, path("applications")))
        .isEqualTo(
            """
            application tcp-8443 {
                protocol tcp;
                destination-port 8443;
            }
            """);
    assertThat(ConfigPrinter.displaySet(statements, path("security zones")))
        .isEqualTo(
            """
            set security zones security-zone trust host-inbound-traffic system-services ping
            set security zones security-zone trust host-inbound-traffic system-services ssh
            set security zones security-zone trust interfaces ge-0/0/0.0
            """);
    assertThat(ConfigPrinter.hierarchical(statements, path("no such"))).isEmpty();
  }

  @Test
  void quotesWordsThatWouldNotReadBackAsOneWord() {
    assertThat(ConfigPrinter.quote("plain-word/0.1")).isEqualTo("plain-word/0.1");
    assertThat(ConfigPrinter.quote("two words")).isEqualTo("\"two words\"");
    assertThat(ConfigPrinter.quote("")).isEqualTo("\"\"");
    assertThat(ConfigPrinter.quote("say \"hi\\\"")).isEqualTo("\"say \\\"hi\\\\\\\"\"");
    assertThat(ConfigPrinter.quote("a;b")).isEqualTo("\"a;b\"");
    assertThat(ConfigPrinter.quote("#x")).isEqualTo("\"#x\"");
    assertThat(ConfigPrinter.quote("inactive:")).isEqualTo("\"inactive:\"");
  }

  @Test
  void quotesATopLevelWordThatWouldReadAsACommand() {
    List<ConfigStatement> statements =
        List.of(new ConfigStatement(List.of("set", "x"), new SourceLocation("t", 1, 1), false));
    assertThat(ConfigPrinter.hierarchical(statements)).isEqualTo("\"set\" x;\n");
    assertThat(clean(ConfigPrinter.hierarchical(statements)).getFirst().words())
        .containsExactly("set", "x");
  }

  @Test
  void writesInactiveOnceAtTheHighestFullyInactiveLine() {
    String text =
        "inactive: system { host-name a; services { ssh; } }\nsecurity { inactive: flow; policy-rematch; }\n";
    assertThat(ConfigPrinter.hierarchical(clean(text)))
        .isEqualTo(
            """
            inactive: system {
                host-name a;
                services {
                    ssh;
                }
            }
            security {
                inactive: flow;
                policy-rematch;
            }
            """);
  }
}
