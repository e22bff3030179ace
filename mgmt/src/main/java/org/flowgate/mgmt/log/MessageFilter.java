package org.flowgate.mgmt.log;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which messages a {@code system syslog} destination takes, by its {@code match-strings} and {@code
 * match} statements: a message that contains any of the strings is taken; otherwise the regular
 * expression decides (found anywhere in the message, not case-sensitive; a leading {@code !} takes
 * the messages it does not find). With neither, every message is taken.
 *
 * <p>Junos uses POSIX extended regular expressions; Java's agree on the usual operators ({@code . *
 * + ? | [] () ^ $}). Junos's {@code .} does not match a space, Java's does.
 *
 * <p>Thread: immutable; safe to share.
 */
public final class MessageFilter {
  public static final MessageFilter ALL = new MessageFilter(null, List.of());

  private final String match;
  private final Pattern pattern;
  private final boolean negated;
  private final List<String> strings;

  private MessageFilter(String match, List<String> strings) {
    this.match = match;
    this.negated = match != null && match.startsWith("!");
    this.pattern =
        match == null
            ? null
            : Pattern.compile(negated ? match.substring(1) : match, Pattern.CASE_INSENSITIVE);
    this.strings = List.copyOf(strings);
  }

  /**
   * @param match {@code match}: the regular expression, or null
   * @param strings {@code match-strings}, possibly empty
   * @throws java.util.regex.PatternSyntaxException when {@code match} is not a regular expression
   */
  public static MessageFilter of(String match, List<String> strings) {
    return match == null && strings.isEmpty() ? ALL : new MessageFilter(match, strings);
  }

  /** True when the destination takes {@code message} (its text after {@code <PRI>}). */
  public boolean accepts(String message) {
    if (pattern == null && strings.isEmpty()) {
      return true;
    }
    for (String string : strings) {
      if (message.contains(string)) {
        return true;
      }
    }
    return pattern != null && pattern.matcher(message).find() != negated;
  }

  @Override
  public String toString() {
    return match == null && strings.isEmpty()
        ? "all"
        : "match " + match + " match-strings " + strings;
  }
}
