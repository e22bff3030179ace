package org.flowgate.config.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

/** Test helpers: parse text and look at statements as {@code set}-like strings. */
final class Parse {
  private Parse() {}

  /** Parses {@code text}, failing on any diagnostic. */
  static List<ConfigStatement> clean(String text) {
    Diagnostics diagnostics = new Diagnostics();
    List<ConfigStatement> statements =
        ConfigParser.parse(text, "t.conf", diagnostics, ConfigParser.Words.ANY);
    assertThat(diagnostics.all()).as("diagnostics of%n%s", text).isEmpty();
    return statements;
  }

  /** Each statement as its words joined by spaces, with {@code (inactive)} after inactive ones. */
  static List<String> lines(List<ConfigStatement> statements) {
    return statements.stream().map(s -> s.path() + (s.inactive() ? " (inactive)" : "")).toList();
  }

  static List<String> path(String words) {
    return Arrays.asList(words.split(" "));
  }
}
