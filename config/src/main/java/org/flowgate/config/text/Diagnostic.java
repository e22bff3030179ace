package org.flowgate.config.text;

import java.util.Locale;
import java.util.Objects;

/**
 * One problem found in a configuration, with the place it was found. Messages use the Junos wording
 * where Junos has one ({@code syntax error}, {@code missing closing brace}, {@code statement not
 * found}).
 */
public record Diagnostic(Severity severity, SourceLocation location, String message) {
  /** How bad a diagnostic is: an ERROR makes the configuration unusable, a WARNING does not. */
  public enum Severity {
    ERROR,
    WARNING
  }

  public Diagnostic {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(message, "message");
  }

  /** For example {@code edge.conf:12:5: error: syntax error, expecting ';' or '{'}. */
  @Override
  public String toString() {
    return location + ": " + severity.name().toLowerCase(Locale.ROOT) + ": " + message;
  }
}
