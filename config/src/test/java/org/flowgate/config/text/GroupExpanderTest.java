package org.flowgate.config.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowgate.config.text.Parse.clean;
import static org.flowgate.config.text.Parse.lines;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupExpanderTest {
  private static final String COMMON =
      """
      groups {
          common {
              system {
                  domain-name example.net;
              }
          }
      }
      apply-groups common;
      system {
          host-name fw1;
      }
      """;

  @Test
  void applyGroupsAtTheRootInheritsTheGroupsStatements() {
    assertThat(lines(clean(COMMON)))
        .containsExactly("system host-name fw1", "system domain-name example.net");
  }

  @Test
  void inheritedStatementsPointAtTheGroupsLine() {
    ConfigStatement inherited = clean(COMMON).get(1);
    assertThat(inherited.location()).isEqualTo(new SourceLocation("t.conf", 4, 13));
  }

  @Test
  void keepsTheGroupsAndTheConfigurationAsWrittenApart() {
    ParsedConfig parsed = ConfigParser.parseConfig(COMMON, "t.conf", new Diagnostics());
    assertThat(lines(parsed.groups()))
        .containsExactly("groups common system domain-name example.net");
    assertThat(lines(parsed.configured()))
        .containsExactly(
            "groups common system domain-name example.net",
            "apply-groups common",
            "system host-name fw1");
  }

  @Test
  void aWildcardAppliesToEveryMatchingConfiguredName() {
    assertThat(
            lines(
                clean(
                    """
                    groups {
                        G {
                            interfaces {
                                <*> { unit 0 { family inet; } }
                            }
                        }
                        H {
                            interfaces {
                                "<ge-*>" { mtu 9000; }
                            }
                        }
                    }
                    apply-groups [ G H ];
                    interfaces {
                        ge-0/0/0 { description a; }
                        xe-0/0/1 { description b; }
                    }
                    """)))
        .containsExactly(
            "interfaces ge-0/0/0 description a",
            "interfaces ge-0/0/0 unit 0 family inet",
            "interfaces ge-0/0/0 mtu 9000",
            "interfaces xe-0/0/1 description b",
            "interfaces xe-0/0/1 unit 0 family inet");
  }

  @Test
  void aWildcardWithNothingToMatchAddsNothing() {
    assertThat(
            lines(
                clean(
                    "groups { G { interfaces { <*> { mtu 9000; } } } }\n"
                        + "apply-groups G;\nsystem { host-name a; }")))
        .containsExactly("system host-name a");
  }

  @Test
  void applyGroupsAtALevelInheritsTheGroupsStatementsUnderThatPath() {
    assertThat(
            lines(
                clean(
                    """
                    set groups log-all security policies from-zone <*> to-zone <*> policy <*> then log session-close
                    set groups log-all system host-name not-inherited
                    set security policies from-zone a to-zone b policy p then permit
                    set security policies apply-groups log-all
                    """)))
        .containsExactly(
            "security policies from-zone a to-zone b policy p then permit",
            "security policies from-zone a to-zone b policy p then log session-close");
  }

  @Test
  void configuredValuesWinOverInheritedOnes() {
    assertThat(
            lines(
                clean(
                    "groups { G { system { host-name from-group; time-zone UTC; } } }\n"
                        + "apply-groups G;\nsystem { host-name configured; }")))
        .containsExactly("system host-name configured", "system time-zone UTC");
  }

  @Test
  void theFirstListedGroupWins() {
    assertThat(
            lines(
                clean(
                    "groups { A { system { host-name a; } } B { system { host-name b; } } }\n"
                        + "apply-groups [ A B ];")))
        .containsExactly("system host-name a");
  }

  @Test
  void aDeeperApplyGroupsWinsOverOneAbove() {
    assertThat(
            lines(
                clean(
                    "groups { A { system { host-name a; } } B { system { host-name b; } } }\n"
                        + "apply-groups A;\nsystem { apply-groups B; }")))
        .containsExactly("system host-name b");
  }

  @Test
  void groupsAddValuesToKeywordsWithSeveralValues() {
    assertThat(
            lines(
                clean(
                    "groups { G { system { services { ssh; } } } }\n"
                        + "apply-groups G;\nsystem { services { netconf; telnet; } }")))
        .containsExactly(
            "system services netconf", "system services telnet", "system services ssh");
  }

  @Test
  void applyGroupsExceptKeepsAGroupOutOfASubtree() {
    assertThat(
            lines(
                clean(
                    """
                    groups { G { interfaces { <*> { mtu 9000; } } } }
                    apply-groups G;
                    interfaces {
                        ge-0/0/0 { unit 0; }
                        ge-0/0/1 { apply-groups-except G; unit 0; }
                    }
                    """)))
        .containsExactly(
            "interfaces ge-0/0/0 unit 0",
            "interfaces ge-0/0/0 mtu 9000",
            "interfaces ge-0/0/1 unit 0");
  }

  @Test
  void anInactiveApplyGroupsIsNotApplied() {
    assertThat(
            lines(
                clean(
                    "groups { G { system { time-zone UTC; } } }\n"
                        + "inactive: apply-groups G;\nsystem { host-name a; }")))
        .containsExactly("system host-name a");
  }

  @Test
  void inactiveGroupStatementsAreInheritedInactive() {
    assertThat(
            lines(
                clean(
                    "groups { G { system { inactive: time-zone UTC; } } }\n"
                        + "apply-groups G;\nsystem { host-name a; }")))
        .containsExactly("system host-name a", "system time-zone UTC (inactive)");
  }

  @Test
  void anUndefinedGroupIsAnErrorAtItsName() {
    Diagnostics diagnostics = new Diagnostics();
    List<ConfigStatement> statements =
        ConfigParser.parse(
            "groups { G { system { time-zone UTC; } } }\napply-groups [ G missing ];\n",
            "t.conf",
            diagnostics);
    assertThat(diagnostics.all())
        .extracting(Diagnostic::toString)
        .containsExactly("t.conf:2:18: error: undefined group 'missing'");
    assertThat(lines(statements)).containsExactly("system time-zone UTC");
  }

  @Test
  void wildcardPatternsMatchLikeJunos() {
    assertThat(GroupExpander.matches("<*>", "anything")).isTrue();
    assertThat(GroupExpander.matches("<ge-*>", "ge-0/0/0")).isTrue();
    assertThat(GroupExpander.matches("<ge-*>", "xe-0/0/0")).isFalse();
    assertThat(GroupExpander.matches("<ge-0/0/[0-3]>", "ge-0/0/2")).isTrue();
    assertThat(GroupExpander.matches("<ge-0/0/[0-3]>", "ge-0/0/5")).isFalse();
    assertThat(GroupExpander.matches("<?e-0/0/0>", "xe-0/0/0")).isTrue();
    assertThat(GroupExpander.matches("<a.b>", "axb")).isFalse();
  }
}
