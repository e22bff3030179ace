package org.flowgate.config.compile;

import static org.assertj.core.api.Assertions.assertThat;

import org.flowgate.config.text.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 10, item 8: a word that is not a Junos statement is a syntax error at that word, so a typo
 * can no longer make a policy fail open; a Junos statement Flowgate does not implement stays a
 * warning.
 */
class StrictStatementsTest {
  private static final String BASE =
      """
      set security zones security-zone trust
      set security zones security-zone untrust
      set security address-book global address h 10.9.9.9/32
      """;

  private static CompileResult load(String line) {
    return JunosCompiler.load(BASE + line + "\n", "s.conf");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      set security policies from-zone trust to-zone untrust policy p match source-adress h|4:70|syntax error: source-adress [edit security policies from-zone trust to-zone untrust policy p match]
      set security policies from-zone trust to-zone untrust policy p then permitt|4:69|syntax error: permitt [edit security policies from-zone trust to-zone untrust policy p then]
      set security policies from-zone trust to-zone untrust policy p then denyy|4:69|syntax error: denyy [edit security policies from-zone trust to-zone untrust policy p then]
      set security zones security-zone trust host-inbound-traffic all|4:61|syntax error: all [edit security zones security-zone trust host-inbound-traffic]
      set security zones security-zone trust host-inbound-traffic system-services sshh|4:77|syntax error: sshh [edit security zones security-zone trust host-inbound-traffic system-services]
      set securty policies default-policy permit-all|4:5|syntax error: securty [edit]
      set security policies default-policy permit-everything|4:38|syntax error: permit-everything [edit security policies default-policy]
      set applications application a protocl tcp|4:32|syntax error: protocl [edit applications application a]
      set applications application a application-protocol htp|4:53|syntax error: htp [edit applications application a application-protocol]
      set system host-name|4:12|syntax error, expecting <data> [edit system host-name]
      set interfaces ge-0/0/0 unit 0 family inet adress 10.0.0.1/24|4:44|syntax error: adress [edit interfaces ge-0/0/0 unit 0 family inet]
      set security nat source rule-set r rule x then source-nat interfac|4:59|syntax error: interfac [edit security nat source rule-set r rule x then source-nat]
      set groups G security policies from-zone a to-zone b policy p then permitt|4:68|syntax error: permitt [edit groups G security policies from-zone a to-zone b policy p then]
      """)
  void refusesAWordThatIsNotAJunosStatement(String line, String lineColumn, String message) {
    CompileResult result = load(line);
    assertThat(result.ok()).isFalse();
    assertThat(result.errors())
        .extracting(Diagnostic::toString)
        .containsExactly("s.conf:" + lineColumn + ": error: " + message);
  }

  @Test
  void aTypoInTheHierarchicalFormPointsAtTheWord() {
    CompileResult result =
        JunosCompiler.load(
            """
            security {
                zones { security-zone trust; security-zone untrust; }
                policies {
                    from-zone trust to-zone untrust {
                        policy p {
                            match { source-adress any; destination-address any; application any; }
                            then { permit; }
                        }
                    }
                }
            }
            """,
            "h.conf");
    assertThat(result.errors())
        .extracting(Diagnostic::toString)
        .containsExactly(
            "h.conf:6:25: error: syntax error: source-adress [edit security policies from-zone"
                + " trust to-zone untrust policy p match]");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      set security ike proposal p authentication-method pre-shared-keys
      set security screen ids-option s ip ipv6-malformed-header
      set security policies from-zone trust to-zone untrust policy p then permit application-services idp
      set snmp community public
      set protocols ospf area 0.0.0.0 interface all passive
      set system ntp server 192.0.2.1
      """)
  void keepsAJunosStatementFlowgateDoesNotImplementAWarning(String line) {
    CompileResult result = load(line + "\nset security policies default-policy deny-all");
    assertThat(result.ok()).as("%s", result.diagnostics()).isTrue();
    assertThat(result.warnings())
        .extracting(Diagnostic::message)
        .anyMatch(m -> m.startsWith("statement not implemented: "));
  }

  @Test
  void acceptsOneLinersOfSeveralLeaves() {
    CompileResult result =
        load(
            """
            set applications application a protocol tcp destination-port 8080 inactivity-timeout 60
            set security nat source pool p address 192.0.2.0/24
            set security nat source pool p port range 2000 to 3000
            set system syslog file messages any any
            set interfaces ge-0/0/0 unit 0 family inet address 10.0.0.1/24 primary""");
    assertThat(result.errors()).isEmpty();
  }

  @Test
  void aWildcardInAGroupStandsForNamesAndKeywords() {
    CompileResult result =
        load(
            """
            set groups G interfaces <ge-*> unit <*> family inet
            set groups G security zones security-zone <*> host-inbound-traffic system-services ping
            set apply-groups G""");
    assertThat(result.errors()).isEmpty();
  }
}
