package org.flowgate.mgmt.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.flowgate.mgmt.command.OperationalCommands;
import org.jline.keymap.KeyMap;
import org.jline.reader.Candidate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Reference;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The interactive Junos-style CLI on a JLine terminal: prompt {@code user@host>}, TAB completes a
 * word from the command tree, {@code ?} lists what may come next without disturbing the line,
 * history with the arrow keys, and output longer than the screen pages with {@code ---(more)---}
 * (space for a page, enter for a line, q to stop) unless the line ends in {@code | no-more}. {@code
 * exit} or {@code quit} (or end of input) leaves.
 *
 * <p>Thread: the caller's; the terminal's streams are injected, so tests need no TTY.
 */
public final class InteractiveCli {
  private static final String MORE = "---(more)---";

  private final OperationalCommands commands;
  private final String prompt;

  public InteractiveCli(OperationalCommands commands, String user, String hostName) {
    this.commands = commands;
    this.prompt = user + "@" + hostName + "> ";
  }

  public void run(Terminal terminal) {
    LineReader reader =
        LineReaderBuilder.builder()
            .terminal(terminal)
            .appName("flowgate")
            .completer(
                (lineReader, parsed, candidates) -> {
                  String upToCursor = parsed.line().substring(0, parsed.cursor());
                  for (String word : commands.completions(upToCursor)) {
                    candidates.add(new Candidate(word, word, null, null, null, null, true));
                  }
                })
            .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
            .build();
    reader
        .getWidgets()
        .put(
            "junos-help",
            () -> {
              String buffer = reader.getBuffer().toString();
              String separator = buffer.isEmpty() || buffer.endsWith(" ") ? "" : " ";
              reader.printAbove(commands.execute(buffer + separator + "?").stripTrailing());
              return true;
            });
    reader
        .getKeyMaps()
        .get(LineReader.MAIN)
        .bind(new Reference("junos-help"), KeyMap.translate("?"));
    PrintWriter out = terminal.writer();
    while (true) {
      String line;
      try {
        line = reader.readLine(prompt);
      } catch (UserInterruptException e) {
        continue;
      } catch (EndOfFileException e) {
        break;
      }
      String command = line.strip();
      if (command.isEmpty()) {
        continue;
      }
      if (command.equals("exit") || command.equals("quit")) {
        break;
      }
      page(terminal, commands.execute(command), OperationalCommands.noMore(command));
      out.flush();
    }
    out.flush();
  }

  /** Writes output a screen at a time when the terminal says how tall it is. */
  private static void page(Terminal terminal, String output, boolean noMore) {
    PrintWriter out = terminal.writer();
    List<String> lines = output.lines().toList();
    int pageLines = terminal.getHeight() - 1;
    if (noMore || pageLines <= 0 || lines.size() <= pageLines) {
      out.print(output);
      return;
    }
    int shown = 0;
    int budget = pageLines;
    try {
      while (shown < lines.size()) {
        for (; budget > 0 && shown < lines.size(); budget--) {
          out.println(lines.get(shown++));
        }
        if (shown >= lines.size()) {
          break;
        }
        out.print(MORE);
        out.flush();
        int key = terminal.reader().read();
        out.print("\r" + " ".repeat(MORE.length()) + "\r");
        if (key == 'q' || key == 'Q' || key < 0) {
          break;
        }
        budget = key == '\r' || key == '\n' ? 1 : pageLines;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
