package org.flowgate.config.text;

import java.util.Objects;

/**
 * A position in a configuration source: the file (or other source name, such as {@code terminal})
 * and a 1-based line and column. Columns count UTF-16 characters; a tab is one column.
 */
public record SourceLocation(String file, int line, int column) {
  public SourceLocation {
    Objects.requireNonNull(file, "file");
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
    }
  }

  /** {@code file:line:column}, the form compilers and editors understand. */
  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
