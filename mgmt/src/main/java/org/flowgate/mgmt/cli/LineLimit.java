package org.flowgate.mgmt.cli;

import org.jline.reader.LineReader;
import org.jline.reader.Widget;

/**
 * Keeps the line being edited to at most a number of characters: typed or pasted characters past it
 * are dropped (with a bell), so a huge paste costs bounded work instead of a redraw of an
 * ever-longer line per character. The reader's {@code self-insert} widget is replaced by name,
 * which every key bound to it resolves at dispatch.
 *
 * <p>Thread: the line reader's.
 */
final class LineLimit {
  private LineLimit() {}

  static void install(LineReader reader, int maximumCharacters) {
    Widget insert = reader.getWidgets().get(LineReader.SELF_INSERT);
    reader
        .getWidgets()
        .put(
            LineReader.SELF_INSERT,
            () -> {
              if (reader.getBuffer().length() >= maximumCharacters) {
                drainPaste(reader);
                return true;
              }
              return insert.apply();
            });
  }

  /**
   * Drops the rest of a paste in one go (one redraw, not one per character): printable characters
   * already waiting are read and discarded; the first control character (Enter, Ctrl-C ...) is
   * handed back to the reader as typed.
   */
  private static void drainPaste(LineReader reader) {
    try {
      org.jline.utils.NonBlockingReader input = reader.getTerminal().reader();
      while (true) {
        int c = input.read(1L);
        if (c < 0) {
          return; // nothing waiting (or end of input)
        }
        if (c < ' ' || c == 127) {
          reader.runMacro(String.valueOf((char) c));
          return;
        }
      }
    } catch (java.io.IOException e) {
      // the terminal is gone: the reader will see end of input
    }
  }
}
