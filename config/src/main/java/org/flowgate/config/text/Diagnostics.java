package org.flowgate.config.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the diagnostics of one configuration load, in the order they were found.
 *
 * <p>Not thread-safe: owned by the thread that loads the configuration.
 */
public final class Diagnostics {
  private final List<Diagnostic> all = new ArrayList<>();

  public void error(SourceLocation location, String message) {
    all.add(new Diagnostic(Diagnostic.Severity.ERROR, location, message));
  }

  public void warning(SourceLocation location, String message) {
    all.add(new Diagnostic(Diagnostic.Severity.WARNING, location, message));
  }

  /** Every diagnostic so far, oldest first. */
  public List<Diagnostic> all() {
    return List.copyOf(all);
  }

  public List<Diagnostic> errors() {
    return all.stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
  }

  public List<Diagnostic> warnings() {
    return all.stream().filter(d -> d.severity() == Diagnostic.Severity.WARNING).toList();
  }

  public boolean hasErrors() {
    return all.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
  }

  public boolean isEmpty() {
    return all.isEmpty();
  }

  /** One diagnostic per line, as a compiler prints them. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (Diagnostic diagnostic : all) {
      text.append(diagnostic).append('\n');
    }
    return text.toString();
  }
}
