package org.flowgate.mgmt.cli;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * Asks the user at the terminal in the middle of a command: yes/no questions, passwords without
 * echo, and text until Ctrl-D ({@code load merge terminal}).
 *
 * <p>Thread: the terminal's.
 */
final class TerminalPrompter implements CliSession.Prompter {
  private final LineReader reader;
  private final Terminal terminal;

  TerminalPrompter(LineReader reader, Terminal terminal) {
    this.reader = reader;
    this.terminal = terminal;
  }

  @Override
  public boolean confirm(String question, boolean fallback) {
    try {
      String answer = reader.readLine(question + " [yes,no] (" + (fallback ? "yes" : "no") + ") ");
      String a = answer.strip().toLowerCase(java.util.Locale.ROOT);
      return a.isEmpty() ? fallback : a.startsWith("y");
    } catch (UserInterruptException | EndOfFileException e) {
      return false;
    }
  }

  @Override
  public String secret(String prompt) {
    try {
      return reader.readLine(prompt, '\0');
    } catch (UserInterruptException | EndOfFileException e) {
      return null;
    }
  }

  @Override
  public String untilEndOfInput(String banner) {
    terminal.writer().println(banner);
    terminal.writer().flush();
    StringBuilder text = new StringBuilder();
    while (true) {
      try {
        text.append(reader.readLine("")).append('\n');
      } catch (EndOfFileException e) {
        return text.toString();
      } catch (UserInterruptException e) {
        return null;
      }
      if (text.length() > 16 * 1024 * 1024) {
        return null;
      }
    }
  }
}
