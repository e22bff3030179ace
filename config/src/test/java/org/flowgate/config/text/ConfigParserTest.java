package org.flowgate.config.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowgate.config.text.Parse.clean;
import static org.flowgate.config.text.Parse.lines;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigParserTest {
  @Test
  void flattensNestedContainersToFullPaths() {
    assertThat(
            lines(
                clean(
                    """
                    security {
                        policies {
                            from-zone trust to-zone untrust {
                                policy p1 {
                                    match {
                                        application junos-http;
                                    }
                                    then {
                                        permit;
                                    }
                                }
                            }
                        }
                    }
                    """)))
        .containsExactly(
            "security policies from-zone trust to-zone untrust policy p1 match application junos-http",
            "security policies from-zone trust to-zone untrust policy p1 then permit");
  }

  @Test
  void flattensAListLeafToOneStatementPerElement() {
    List<ConfigStatement> statements = clean("match {\n    application [ a b c ];\n}\n");
    assertThat(lines(statements))
        .containsExactly("match application a", "match application b", "match application c");
    assertThat(statements.get(1).location()).isEqualTo(new SourceLocation("t.conf", 2, 21));
  }

  @Test
  void keepsEmptyContainersAsStatements() {
    assertThat(
            lines(
                clean(
                    "interfaces { ge-0/0/0 { unit 0 { family inet; } } ge-0/0/1 { } }\n"
                        + "system { services { } }")))
        .containsExactly(
            "interfaces ge-0/0/0 unit 0 family inet", "interfaces ge-0/0/1", "system services");
  }

  @Test
  void givesEachStatementTheLocationOfItsLine() {
    List<ConfigStatement> statements =
        clean("system {\n    host-name fw1;\n    services { ssh; }\n}\n");
    assertThat(statements)
        .extracting(ConfigStatement::location)
        .containsExactly(new SourceLocation("t.conf", 2, 5), new SourceLocation("t.conf", 3, 16));
  }

  @Test
  void anInactiveContainerMakesEverythingBelowItInactive() {
    assertThat(
            lines(
                clean(
                    """
                    security {
                        inactive: policies {
                            default-policy { deny-all; }
                            policy-rematch;
                        }
                        zones { security-zone trust; }
                    }
                    inactive: system { host-name fw1; }
                    """)))
        .containsExactly(
            "security policies default-policy deny-all (inactive)",
            "security policies policy-rematch (inactive)",
            "security zones security-zone trust",
            "system host-name fw1 (inactive)");
  }

  @Test
  void anInactiveLeafListMarksEveryElement() {
    assertThat(lines(clean("match { inactive: application [ a b ]; source-address any; }")))
        .containsExactly(
            "match application a (inactive)",
            "match application b (inactive)",
            "match source-address any");
  }

  @Test
  void ignoresProtectAndTheLastCommitHeader() {
    assertThat(
            lines(
                clean(
                    "## Last commit: 2018-07-18 11:21:58 PDT by echen\n"
                        + "version 12.1X44;\nprotect: system { host-name fw1; }\n")))
        .containsExactly("version 12.1X44", "system host-name fw1");
  }

  @Test
  void replaceDiscardsWhatWasConfiguredBefore() {
    assertThat(
            lines(
                clean(
                    "system { host-name a; domain-name x; }\n"
                        + "system { replace: host-name b; }\n")))
        .containsExactly("system domain-name x", "system host-name b");
  }

  @Test
  void skipsAnnotationComments() {
    assertThat(lines(clean("system {\n    /* the name */\n    host-name fw1;\n}")))
        .containsExactly("system host-name fw1");
  }

  @Test
  void keepsQuotedWordsAsOneWordWithoutQuotes() {
    assertThat(
            clean("system { login { message \"Authorised use only; { }\"; } }").getFirst().words())
        .containsExactly("system", "login", "message", "Authorised use only; { }");
  }

  @Test
  void readsAFileOfSetLines() {
    List<ConfigStatement> statements =
        clean(
            """
            # comment
            set system host-name fw1
            set security zones security-zone trust interfaces ge-0/0/0.0

            set system services ssh
            """);
    assertThat(lines(statements))
        .containsExactly(
            "system host-name fw1",
            "system services ssh",
            "security zones security-zone trust interfaces ge-0/0/0.0");
    assertThat(statements.getFirst().location()).isEqualTo(new SourceLocation("t.conf", 2, 1));
  }

  @Test
  void setLinesAcceptABracketList() {
    assertThat(lines(clean("set p match application [ a b ]")))
        .containsExactly("p match application a", "p match application b");
  }

  @Test
  void acceptsSetLinesAfterHierarchicalStatements() {
    assertThat(
            lines(
                clean(
                    "system {\n    host-name h;\n}\nset security policies from-zone A to-zone B policy P match source-address any")))
        .containsExactly(
            "system host-name h",
            "security policies from-zone A to-zone B policy P match source-address any");
  }

  @Test
  void deleteRemovesEverythingAtOrBelowThePath() {
    assertThat(
            lines(
                clean(
                    """
                    set a b c
                    set a b d
                    set a e
                    delete a b
                    """)))
        .containsExactly("a e");
  }

  @Test
  void deleteOfALastChildLeavesTheContainer() {
    assertThat(lines(clean("set a b c\ndelete a b c\n"))).containsExactly("a b");
  }

  @Test
  void deactivateMarksASubtreeAndActivateClearsIt() {
    assertThat(
            lines(
                clean(
                    """
                    set a b c
                    set a b d
                    set a e
                    deactivate a b
                    set a b f
                    deactivate a e
                    activate a e
                    """)))
        .containsExactly("a b c (inactive)", "a b d (inactive)", "a b f (inactive)", "a e");
  }

  @Test
  void commandsOnAMissingPathAreWarnings() {
    Diagnostics diagnostics = new Diagnostics();
    ConfigParser.parse(
        "set a b\ndelete a x\ndeactivate y\n", "t.conf", diagnostics, ConfigParser.Words.ANY);
    assertThat(diagnostics.all())
        .extracting(Diagnostic::toString)
        .containsExactly(
            "t.conf:2:1: warning: statement not found: a x",
            "t.conf:3:1: warning: statement not found: y");
  }

  @Test
  void aSetLineAddingBelowALeafMakesItAContainer() {
    assertThat(
            lines(
                clean(
                    "set interfaces st0 unit 0 family inet\nset interfaces st0 unit 0 family inet mtu 1400")))
        .containsExactly("interfaces st0 unit 0 family inet mtu 1400");
  }

  @Test
  void ordersStatementsByTreeNotByLine() {
    assertThat(lines(clean("set a x\nset b y\nset a z\n"))).containsExactly("a x", "a z", "b y");
  }
}
