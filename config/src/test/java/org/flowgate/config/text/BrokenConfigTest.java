package org.flowgate.config.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A corpus of broken configurations, each with every diagnostic it must give, in order. */
class BrokenConfigTest {
  static Stream<Arguments> corpus() {
    return Stream.of(
        broken(
            "missing semicolon before a closing brace",
            "system {\n    host-name fw1\n}\n",
            "b.conf:3:1: error: syntax error, expecting ';' or '{'"),
        broken(
            "missing closing brace",
            "system {\n    host-name fw1;\n",
            "b.conf:1:8: error: missing closing brace"),
        broken(
            "extra closing brace",
            "system {\n    host-name fw1;\n}\n}\n",
            "b.conf:4:1: error: syntax error, unexpected '}'"),
        broken(
            "stray semicolon",
            "system {\n    ;\n    host-name fw1;\n}\n",
            "b.conf:2:5: error: syntax error, unexpected ';'"),
        broken(
            "brace with no statement",
            "system {\n    { ssh; }\n    host-name fw1;\n}\n",
            "b.conf:2:5: error: syntax error, expecting <statement>"),
        broken(
            "unterminated string",
            "system {\n    host-name \"fw1;\n}\n",
            "b.conf:2:15: error: unterminated string",
            "b.conf:4:1: error: syntax error, expecting ';' or '{'",
            "b.conf:1:8: error: missing closing brace"),
        broken(
            "unterminated comment",
            "system { host-name fw1; }\n/* open\nset x\n",
            "b.conf:2:1: error: unterminated comment"),
        broken(
            "apply-groups naming an undefined group",
            "apply-groups missing;\nsystem { host-name a; }\n",
            "b.conf:1:1: error: undefined group 'missing'"),
        broken(
            "set with no path",
            "set system host-name a\nset\nset system domain-name b\n",
            "b.conf:2:1: error: syntax error, expecting <statement> after 'set'"),
        broken(
            "delete with no path",
            "set system host-name a\ndelete   \n",
            "b.conf:2:1: error: syntax error, expecting <statement> after 'delete'"),
        broken(
            "list without its closing bracket",
            "match { application [ a b; }\n",
            "b.conf:1:26: error: syntax error, expecting ']'"),
        broken(
            "list without its semicolon",
            "match { application [ a b ] }\n",
            "b.conf:1:29: error: syntax error, expecting ';'"),
        broken(
            "list where a statement should start",
            "system { [ a ]; host-name x; }\n",
            "b.conf:1:10: error: syntax error, unexpected '['"),
        broken(
            "brace in a set line",
            "set a { b\nset c d\n",
            "b.conf:1:7: error: syntax error, unexpected '{'"),
        broken(
            "hierarchical statement left open before a set line",
            "system host-name a\nset c d\n",
            "b.conf:2:1: error: syntax error, expecting ';' or '{'"),
        broken(
            "several errors reported in one pass",
            """
            system {
                host-name fw1
            }
            security {
                ;
                zones {
                    security-zone trust
                }
                policies { policy-rematch; }
            }
            set
            """,
            "b.conf:3:1: error: syntax error, expecting ';' or '{'",
            "b.conf:5:5: error: syntax error, unexpected ';'",
            "b.conf:8:5: error: syntax error, expecting ';' or '{'",
            "b.conf:11:1: error: syntax error, expecting <statement> after 'set'"));
  }

  private static Arguments broken(String name, String text, String... expected) {
    return Arguments.argumentSet(name, text, List.of(expected));
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void reportsEveryErrorWithItsLocation(String text, List<String> expected) {
    Diagnostics diagnostics = new Diagnostics();
    ConfigParser.parse(text, "b.conf", diagnostics, ConfigParser.Words.ANY);
    assertThat(diagnostics.all())
        .extracting(Diagnostic::toString)
        .containsExactlyElementsOf(expected);
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void keepsWhatCanBeReadAroundErrors(String text, List<String> expected) {
    List<ConfigStatement> statements =
        ConfigParser.parse(text, "b.conf", new Diagnostics(), ConfigParser.Words.ANY);
    if (text.contains("policy-rematch")) {
      assertThat(Parse.lines(statements)).contains("security policies policy-rematch");
    }
    if (text.contains("set c d")) {
      assertThat(Parse.lines(statements)).contains("c d");
    }
    if (text.contains("    host-name fw1;\n}\n")) {
      assertThat(Parse.lines(statements)).contains("system host-name fw1");
    }
  }
}
