package org.flowgate.config.text;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The parser on any text, in both syntaxes and with either word check: nothing escapes but
 * diagnostics, every diagnostic is located inside the input, and a configuration that parses
 * without errors prints (hierarchical and {@code display set}) to text that parses back to the same
 * statements. Saved inputs and reproducers: {@code ConfigParserFuzzTestInputs/<method>/}.
 */
class ConfigParserFuzzTest {
  @FuzzTest(maxDuration = "10m")
  void junosStatements(byte[] bytes) {
    parse(bytes, ConfigParser.Words.JUNOS);
  }

  @FuzzTest(maxDuration = "10m")
  void anyWords(byte[] bytes) {
    parse(bytes, ConfigParser.Words.ANY);
  }

  private static void parse(byte[] bytes, ConfigParser.Words words) {
    Diagnostics diagnostics = new Diagnostics();
    String text = ConfigSource.decode(bytes, "f.conf", diagnostics);
    if (text == null) {
      return;
    }
    ParsedConfig parsed = ConfigParser.parseConfig(text, "f.conf", diagnostics, words);
    FuzzChecks.locatedInside(diagnostics.all(), text, "f.conf");
    for (ConfigStatement statement : parsed.statements()) {
      if (statement.words().size() > ConfigParser.MAX_STATEMENT_WORDS) {
        throw new AssertionError("statement longer than the limit: " + statement);
      }
      if (statement.words().getFirst().equals("groups")) {
        throw new AssertionError("groups left in the effective configuration: " + statement);
      }
    }
    if (!diagnostics.hasErrors()) {
      FuzzChecks.printsBackTheSame(parsed, words);
    }
  }
}
