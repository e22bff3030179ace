package org.flowgate.config.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The same configuration written both ways flattens to the same statements. */
class HierarchicalEqualsSetFormTest {
  static Stream<Arguments> pairs() {
    return Stream.of(
        Arguments.argumentSet(
            "policy with a list and log",
            """
            security {
                policies {
                    from-zone trust to-zone untrust {
                        policy allow-web {
                            match {
                                source-address any;
                                destination-address any;
                                application [ junos-http junos-https ];
                            }
                            then {
                                permit;
                                log { session-close; }
                            }
                        }
                    }
                    default-policy { deny-all; }
                }
            }
            """,
            """
            set security policies from-zone trust to-zone untrust policy allow-web match source-address any
            set security policies from-zone trust to-zone untrust policy allow-web match destination-address any
            set security policies from-zone trust to-zone untrust policy allow-web match application junos-http
            set security policies from-zone trust to-zone untrust policy allow-web match application junos-https
            set security policies from-zone trust to-zone untrust policy allow-web then permit
            set security policies from-zone trust to-zone untrust policy allow-web then log session-close
            set security policies default-policy deny-all
            """),
        Arguments.argumentSet(
            "interfaces with an empty family",
            """
            interfaces {
                ge-0/0/0 { unit 0 { family inet { address 10.0.0.1/24; } } }
                st0 { unit 0 { family inet; } }
            }
            """,
            """
            set interfaces ge-0/0/0 unit 0 family inet address 10.0.0.1/24
            set interfaces st0 unit 0 family inet
            """),
        Arguments.argumentSet(
            "inactive subtree",
            """
            security {
                inactive: nat {
                    source {
                        rule-set rs { from zone trust; to zone untrust; }
                    }
                }
            }
            """,
            """
            set security nat source rule-set rs from zone trust
            set security nat source rule-set rs to zone untrust
            deactivate security nat
            """),
        Arguments.argumentSet(
            "quoted words",
            "system { login { message \"no entry; go away\"; } }",
            "set system login message \"no entry; go away\""),
        Arguments.argumentSet(
            "groups with a wildcard",
            """
            groups {
                G { interfaces { <*> { unit 0 { family inet; } } } }
            }
            apply-groups G;
            interfaces { ge-0/0/1 { mtu 1500; } }
            """,
            """
            set groups G interfaces <*> unit 0 family inet
            set apply-groups G
            set interfaces ge-0/0/1 mtu 1500
            """));
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void flattensToTheSameStatements(String hierarchical, String setForm) {
    assertThat(Parse.lines(Parse.clean(hierarchical))).isEqualTo(Parse.lines(Parse.clean(setForm)));
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void printsTheSameDisplaySetAsTheSetForm(String hierarchical, String setForm) {
    List<ConfigStatement> configured =
        ConfigParser.parseConfig(hierarchical, "h.conf", new Diagnostics()).configured();
    List<ConfigStatement> fromSet =
        ConfigParser.parseConfig(setForm, "s.conf", new Diagnostics()).configured();
    assertThat(ConfigPrinter.displaySet(configured)).isEqualTo(ConfigPrinter.displaySet(fromSet));
  }
}
