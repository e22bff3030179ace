package org.flowgate.config.text;

import java.util.List;
import java.util.Objects;

/**
 * One flattened configuration statement: the full path of words a {@code set} line would carry, for
 * example {@code [security, policies, from-zone, trust, to-zone, untrust, policy, p1, match,
 * application, junos-http]}.
 *
 * <p>Words are stored unquoted and unescaped. {@code location} is where the statement was written
 * (for an inherited statement, its line in the group). {@code inactive} is true when the statement
 * or any container above it is deactivated.
 */
public record ConfigStatement(List<String> words, SourceLocation location, boolean inactive) {
  public ConfigStatement {
    words = List.copyOf(words);
    Objects.requireNonNull(location, "location");
    if (words.isEmpty()) {
      throw new IllegalArgumentException("a statement has at least one word");
    }
  }

  /** True when this statement is {@code path} itself or lies below it. */
  public boolean isAtOrBelow(List<String> path) {
    return words.size() >= path.size() && words.subList(0, path.size()).equals(path);
  }

  /** The words joined by single spaces, unquoted: for messages and debugging, not for output. */
  public String path() {
    return String.join(" ", words);
  }
}
