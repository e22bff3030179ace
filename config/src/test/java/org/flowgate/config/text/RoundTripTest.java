package org.flowgate.config.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random configuration trees (seeded, so every failure can be replayed) survive printing in either
 * form and parsing back: same words, same order, same inactive flags.
 */
class RoundTripTest {
  private static final List<String> WORDS =
      List.of(
          "system",
          "security",
          "policies",
          "policy",
          "from-zone",
          "to-zone",
          "then",
          "match",
          "permit",
          "unit",
          "family",
          "inet",
          "interfaces",
          "address",
          "application",
          "from",
          "zone",
          "destination-nat",
          "pool",
          "log",
          "ge-0/0/0",
          "10.0.0.1/24",
          "<*>",
          "p1",
          "two words",
          "",
          "semi;colon",
          "quote\"d",
          "back\\slash",
          "{brace}",
          "#hash",
          "/*c*/",
          "inactive:",
          "set",
          "delete",
          "[x]",
          "x-1");

  static LongStream seeds() {
    return LongStream.range(0, 300);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void hierarchicalOutputParsesBackToTheSameStatements(long seed) {
    List<ConfigStatement> statements = randomStatements(new Random(seed));
    String printed = ConfigPrinter.hierarchical(statements);
    assertThat(Parse.lines(parse(printed)))
        .as("seed %d printed as%n%s", seed, printed)
        .isEqualTo(Parse.lines(statements));
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void displaySetOutputParsesBackToTheSameStatements(long seed) {
    List<ConfigStatement> statements = randomStatements(new Random(seed));
    String printed = ConfigPrinter.displaySet(statements);
    assertThat(Parse.lines(parse(printed)))
        .as("seed %d printed as%n%s", seed, printed)
        .isEqualTo(Parse.lines(statements));
  }

  private static List<ConfigStatement> parse(String text) {
    Diagnostics diagnostics = new Diagnostics();
    List<ConfigStatement> statements =
        ConfigParser.parse(text, "r.conf", diagnostics, ConfigParser.Words.ANY);
    assertThat(diagnostics.all()).as("diagnostics of%n%s", text).isEmpty();
    return statements;
  }

  /** The leaves of a random tree, depth first: a valid flattened configuration. */
  private static List<ConfigStatement> randomStatements(Random random) {
    ConfigTree tree = new ConfigTree();
    SourceLocation somewhere = new SourceLocation("r.conf", 1, 1);
    int count = 1 + random.nextInt(25);
    for (int i = 0; i < count; i++) {
      List<String> path = new ArrayList<>();
      int length = 1 + random.nextInt(7);
      for (int j = 0; j < length; j++) {
        path.add(WORDS.get(random.nextInt(WORDS.size())));
      }
      tree.set(path, somewhere, random.nextInt(6) == 0);
    }
    return tree.statements();
  }
}
