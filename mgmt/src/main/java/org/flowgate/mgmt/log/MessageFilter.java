package org.flowgate.mgmt.log;

import java.util.List;
import java.util.regex.Pattern;
import org.flowgate.mgmt.regex.BoundedRegex;

/**
 * Which messages a {@code system syslog} destination takes, by its {@code match-strings} and {@code
 * match} statements: a message that contains any of the strings is taken; otherwise the regular
 * expression decides (found anywhere in the message, not case-sensitive; a leading {@code !} takes
 * the messages it does not find). With neither, every message is taken.
 *
 * <p>Junos uses POSIX extended regular expressions; Java's agree on the usual operators ({@code . *
 * + ? | [] () ^ $}). Junos's {@code .} does not match a space, Java's does.
 *
 * <p>The expression's work is bounded ({@link BoundedRegex#findOnce}); one that cannot decide a
 * message within it takes the message, so that no log line is lost to a filter.
 *
 * <p>Thread: immutable; safe to share.
 */
public final class MessageFilter {
  public static final MessageFilter ALL = new MessageFilter(null, List.of());

  private final String match;
  private final BoundedRegex pattern;
  private final boolean negated;
  private final List<String> strings;

  private MessageFilter(String match, List<String> strings) {
    this.match = match;
    this.negated = match != null && match.startsWith("!");
    this.pattern =
        match == null
            ? null
            : BoundedRegex.compile(negated ? match.substring(1) : match, Pattern.CASE_INSENSITIVE);
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
    if (pattern == null) {
      return false;
    }
    try {
      return pattern.findOnce(message) != negated;
    } catch (BoundedRegex.TooComplex e) {
      return true; // an expression that cannot decide in bounded time loses no message
    }
  }

  @Override
  public String toString() {
    return match == null && strings.isEmpty()
        ? "all"
        : "match " + match + " match-strings " + strings;
  }
}
