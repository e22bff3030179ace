package org.flowgate.mgmt.cli;

import java.io.PrintWriter;
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
 * The interactive Junos-style CLI on a JLine terminal: the session's prompt, TAB completes a word,
 * {@code ?} lists what may come next without disturbing the line, history with the arrow keys, and
 * output longer than the screen pages with {@code ---(more)---} ({@link Pager}: space, enter, q or
 * Ctrl-C) unless the line ends in {@code | no-more}. Ctrl-C at the prompt clears the line, while a
 * command runs it abandons the output; neither ends the CLI. {@code exit} (or end of input) leaves.
 *
 * <p>A line longer than {@link #MAXIMUM_LINE_CHARACTERS} is refused with an error as soon as it
 * reaches that length, so pasting a huge line costs a bounded amount of redrawing.
 *
 * <p>Thread: the caller's; the terminal's streams are injected, so tests need no TTY.
 */
public final class InteractiveCli {
  /**
   * The longest command line accepted (a 4096-bit ssh-rsa key line fits); Junos does not document
   * its own.
   */
  public static final int MAXIMUM_LINE_CHARACTERS = 1024;

  private final CliSession session;

  /** A CLI over a session ({@link CliSession}): operational and configuration mode. */
  public InteractiveCli(CliSession session) {
    this.session = session;
  }

  /** The operational commands of {@code commands} at {@code user@hostName>}. */
  public InteractiveCli(OperationalCommands commands, String user, String hostName) {
    this(new OperationalSession(commands, user, hostName));
  }

  public void run(Terminal terminal) {
    LineReader reader =
        LineReaderBuilder.builder()
            .terminal(terminal)
            .appName("flowgate")
            .completer(
                (lineReader, parsed, candidates) -> {
                  String upToCursor = parsed.line().substring(0, parsed.cursor());
                  for (String word : session.completions(upToCursor)) {
                    candidates.add(new Candidate(word, word, null, null, null, null, true));
                  }
                })
            .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
            .option(LineReader.Option.BRACKETED_PASTE, true)
            .build();
    reader
        .getWidgets()
        .put(
            "junos-help",
            () -> {
              String buffer = reader.getBuffer().toString();
              reader.printAbove(session.help(buffer).stripTrailing());
              return true;
            });
    reader
        .getKeyMaps()
        .get(LineReader.MAIN)
        .bind(new Reference("junos-help"), KeyMap.translate("?"));
    LineLimit.install(reader, MAXIMUM_LINE_CHARACTERS);
    PrintWriter out = terminal.writer();
    TerminalPrompter prompter = new TerminalPrompter(reader, terminal);
    while (true) {
      String banner = session.banner();
      if (banner != null) {
        out.println(banner);
      }
      String line;
      try {
        line = reader.readLine(session.prompt());
      } catch (UserInterruptException e) {
        continue;
      } catch (EndOfFileException e) {
        break;
      }
      if (line.length() > MAXIMUM_LINE_CHARACTERS) {
        out.println("error: line too long (more than " + MAXIMUM_LINE_CHARACTERS + " characters)");
        out.flush();
        continue;
      }
      String command = line.strip();
      if (command.isEmpty()) {
        continue;
      }
      Pager pager = new Pager(terminal, session.noMore(command));
      Terminal.SignalHandler previous =
          terminal.handle(Terminal.Signal.INT, signal -> pager.interrupt());
      boolean more;
      try {
        more = session.run(command, pager, prompter);
        pager.finish();
      } catch (OutputAbandoned e) {
        more = true;
        out.println();
      } finally {
        terminal.handle(Terminal.Signal.INT, previous);
      }
      out.flush();
      if (!more) {
        break;
      }
    }
    out.flush();
  }

  /** The operational commands alone, as {@code flowgate cli} offers them. */
  private record OperationalSession(OperationalCommands commands, String user, String hostName)
      implements CliSession {
    @Override
    public String prompt() {
      return user + "@" + hostName + "> ";
    }

    @Override
    public List<String> completions(String line) {
      return commands.completions(line);
    }

    @Override
    public String help(String line) {
      String separator = line.isEmpty() || line.endsWith(" ") ? "" : " ";
      return commands.execute(line + separator + "?");
    }

    @Override
    public boolean run(String line, Appendable out, Prompter prompter) {
      if (line.equals("exit") || line.equals("quit")) {
        return false;
      }
      commands.execute(line, out);
      return true;
    }

    @Override
    public boolean noMore(String line) {
      return OperationalCommands.noMore(line);
    }
  }
}
