package org.flowgate.config.text;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * The lexer on any bytes: decoding refuses what is not UTF-8 with a located error; the tokens end
 * with exactly one END, their locations advance and lie inside the text, and every diagnostic is
 * located inside it. Saved inputs and reproducers: {@code ConfigLexerFuzzTestInputs/tokens/}.
 */
class ConfigLexerFuzzTest {
  @FuzzTest(maxDuration = "10m")
  void tokens(byte[] bytes) {
    Diagnostics diagnostics = new Diagnostics();
    String text = ConfigSource.decode(bytes, "f.conf", diagnostics);
    if (text == null) {
      if (diagnostics.errors().size() != 1) {
        throw new AssertionError("undecodable input without exactly one error: " + diagnostics);
      }
      return;
    }
    List<Token> tokens = ConfigLexer.tokenize(text, "f.conf", diagnostics);
    if (tokens.isEmpty() || tokens.getLast().kind() != Token.Kind.END) {
      throw new AssertionError("tokens do not end with END: " + tokens);
    }
    SourceLocation previous = null;
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (token.kind() == Token.Kind.END && i != tokens.size() - 1) {
        throw new AssertionError("END before the end: " + tokens);
      }
      SourceLocation at = token.location();
      if (previous != null
          && (at.line() < previous.line()
              || (at.line() == previous.line() && at.column() <= previous.column()))) {
        throw new AssertionError("token locations do not advance: " + previous + " then " + at);
      }
      previous = at;
    }
    FuzzChecks.locatedInside(
        tokens.stream()
            .map(t -> new Diagnostic(Diagnostic.Severity.WARNING, t.location(), t.text()))
            .toList(),
        text,
        "f.conf");
    FuzzChecks.locatedInside(diagnostics.all(), text, "f.conf");
  }
}
