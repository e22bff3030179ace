package org.flowgate.config.text;

import java.util.List;

/**
 * What every configuration fuzz target asserts beyond "no exception": diagnostics name a place
 * inside the input, and parse, print, parse gives the same statements.
 */
public final class FuzzChecks {
  private FuzzChecks() {}

  /**
   * Fails unless every diagnostic names {@code fileName} and a line and column inside {@code text}.
   */
  public static void locatedInside(List<Diagnostic> diagnostics, String text, String fileName) {
    int[] lineLengths = lineLengths(text);
    for (Diagnostic diagnostic : diagnostics) {
      SourceLocation at = diagnostic.location();
      if (!at.file().equals(fileName)
          || at.line() > lineLengths.length
          || at.column() > lineLengths[at.line() - 1] + 1) {
        throw new AssertionError(
            "diagnostic outside the input (" + lineLengths.length + " lines): " + diagnostic);
      }
    }
  }

  private static int[] lineLengths(String text) {
    int lines = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        lines++;
      }
    }
    int[] lengths = new int[lines];
    int line = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      } else {
        lengths[line]++;
      }
    }
    return lengths;
  }

  /**
   * Printing {@code parsed}'s configuration (both forms) and parsing it again gives the same
   * statements, active and inactive alike, and no diagnostic.
   */
  public static void printsBackTheSame(ParsedConfig parsed, ConfigParser.Words words) {
    List<ConfigStatement> configured = parsed.configured();
    for (String printed :
        List.of(ConfigPrinter.hierarchical(configured), ConfigPrinter.displaySet(configured))) {
      Diagnostics again = new Diagnostics();
      ParsedConfig reparsed = ConfigParser.parseConfig(printed, "printed", again, words);
      if (!again.isEmpty()) {
        throw new AssertionError("printed configuration has diagnostics:\n" + again + printed);
      }
      if (!same(configured, reparsed.configured())) {
        throw new AssertionError(
            "printed configuration reads back differently:\n"
                + printed
                + "\nwas "
                + configured
                + "\nnow "
                + reparsed.configured());
      }
    }
  }

  private static boolean same(List<ConfigStatement> a, List<ConfigStatement> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).words().equals(b.get(i).words())
          || a.get(i).inactive() != b.get(i).inactive()) {
        return false;
      }
    }
    return true;
  }
}
