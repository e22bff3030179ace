package org.flowgate.config.compile;

import static org.assertj.core.api.Assertions.assertThat;

import org.flowgate.config.text.Diagnostic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each broken configuration gives exactly one error, at the statement that is wrong. */
class BrokenConfigsTest {
  @ParameterizedTest(name = "{2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      set security policies from-zone a to-zone nowhere policy p then permit|1:1|security-zone nowhere is not defined (policy p from-zone a to-zone nowhere)
      set security address-book global address x 10.0.0.300/24|2:1|invalid prefix '10.0.0.300/24' for address x
      set applications application x destination-port 70000|2:1|invalid destination-port '70000' in application x: a port is 0 to 65535, a range P-Q with P <= Q, or a name such as http
      set applications application x protocol tcp destination-port 90-80|2:1|invalid destination-port '90-80' in application x: a port is 0 to 65535, a range P-Q with P <= Q, or a name such as http
      set security zones security-zone a interfaces ge-0/0/9.0|2:1|interface ge-0/0/9.0 is not configured under interfaces (security-zone a)
      set routing-instances r interface ge-0/0/9.0|2:1|interface ge-0/0/9.0 is not configured under interfaces (routing-instance r)
      set routing-options static route 10.0.0.0/8 next-hop ge-0/0/9.0|2:1|next-hop ge-0/0/9.0 is neither an address nor an interface configured under interfaces
      set security policies from-zone a to-zone a policy p match destination-address nothing|2:1|destination-address nothing is not defined in the address books of security-zone a (policy p from-zone a to-zone a)
      set security policies from-zone a to-zone a policy p match application no-app|2:1|application no-app is not defined (policy p from-zone a to-zone a)
      set applications application-set s application no-app|2:1|application no-app of application-set s is not defined
      set interfaces ge-0/0/0 unit 0 family inet address 1.2.3.4/33|2:1|invalid inet address '1.2.3.4/33'
      set system syslog file messages any loud|2:37|syntax error: loud [edit system syslog file messages any]
      set system syslog file ../etc/passwd any any|2:1|invalid syslog file name '../etc/passwd': a name, without directories
      set system syslog file f match "RT_FLOW_(SESSION"|2:1|invalid match 'RT_FLOW_(SESSION': Unclosed group
      set system syslog file f match "a/b"|2:1|invalid match 'a/b': a regular expression must not contain / or %
      set system syslog host 192.0.2.9 port 0|2:1|invalid port '0': 1 to 65535
      set system syslog host 192.0.2.9 source-address fw.example|2:1|invalid source-address 'fw.example'
      set security flow aging early-ageout 0|2:1|invalid early-ageout '0': 1 to 65535 seconds
      set security flow aging high-watermark 101|2:1|invalid high-watermark '101': 0 to 100 percent
      set security flow aging low-watermark half|2:1|invalid low-watermark 'half': 0 to 100 percent
      """)
  void reportsTheErrorAtTheStatement(String broken, String lineColumn, String message) {
    String text =
        broken.startsWith("set security policies from-zone a to-zone nowhere")
            ? broken + "\nset security zones security-zone a\n"
            : "set security zones security-zone a\n"
                + broken
                + "\n"
                + "set security policies from-zone a to-zone a policy p then permit\n";
    CompileResult result = JunosCompiler.load(text, "b.conf");
    assertThat(result.ok()).isFalse();
    assertThat(result.errors())
        .extracting(Diagnostic::toString)
        .containsExactly("b.conf:" + lineColumn + ": error: " + message);
  }
}
