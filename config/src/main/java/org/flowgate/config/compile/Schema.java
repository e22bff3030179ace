package org.flowgate.config.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flowgate.config.text.ConfigStatement;

/**
 * What Flowgate implements of the Junos configuration, as a table of statement shapes. A shape is
 * the words of a flattened statement with {@code <name>} standing for any one word, and an optional
 * final {@code ...} for "any further words" (the rule's reader looks at those itself). A statement
 * that no shape matches is not implemented, and the compiler says so with a warning naming it.
 *
 * <pre>
 *   "security zones security-zone &lt;zone&gt; interfaces &lt;interface&gt; ..."
 *        literal   literal   literal      value      literal     value      rest
 * </pre>
 *
 * <p>Rules are tried in table order; the first that matches wins, so a shape with a literal where
 * another has a value must come first.
 *
 * <p>Thread: immutable once built; safe to share.
 *
 * @param <C> what a rule's reader works on (the configuration being read)
 */
final class Schema<C> {
  /** Reads one matched statement into {@code C}. */
  @FunctionalInterface
  interface Reader<C> {
    void read(C into, Match match);
  }

  /** One implemented statement shape and its reader. */
  record Rule<C>(String shape, List<String> words, boolean open, Reader<C> reader) {}

  /**
   * A statement that matched a rule: its values by placeholder name and, for an open shape, the
   * words after the shape.
   */
  record Match(ConfigStatement statement, Map<String, String> values, List<String> rest) {
    String get(String name) {
      String value = values.get(name);
      if (value == null) {
        throw new IllegalArgumentException("no <" + name + "> in the shape");
      }
      return value;
    }
  }

  private final List<Rule<C>> rules = new ArrayList<>();

  /** Adds a rule; see the class comment for the shape syntax. */
  Schema<C> rule(String shape, Reader<C> reader) {
    List<String> words = List.of(shape.split(" "));
    boolean open = words.getLast().equals("...");
    rules.add(new Rule<>(shape, open ? words.subList(0, words.size() - 1) : words, open, reader));
    return this;
  }

  List<Rule<C>> rules() {
    return List.copyOf(rules);
  }

  /** The first rule the statement matches with its values, or null when none does. */
  Matched<C> match(ConfigStatement statement) {
    List<String> words = statement.words();
    for (Rule<C> rule : rules) {
      List<String> shape = rule.words();
      if (rule.open() ? words.size() < shape.size() : words.size() != shape.size()) {
        continue;
      }
      Map<String, String> values = new HashMap<>();
      boolean matches = true;
      for (int i = 0; i < shape.size() && matches; i++) {
        String expected = shape.get(i);
        if (expected.startsWith("<") && expected.endsWith(">")) {
          values.put(expected.substring(1, expected.length() - 1), words.get(i));
        } else {
          matches = expected.equals(words.get(i));
        }
      }
      if (matches) {
        return new Matched<>(
            rule, new Match(statement, values, words.subList(shape.size(), words.size())));
      }
    }
    return null;
  }

  /** A rule together with what it matched. */
  record Matched<C>(Rule<C> rule, Match match) {}
}
