package org.flowgate.mgmt.cli;

import java.io.IOException;
import java.io.PrintWriter;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.NonBlockingReader;

/**
 * Output of one command on its way to the terminal, a screen at a time: after a screenful it shows
 * {@code ---(more)---} and waits for a key, reading it in raw mode so that Ctrl-C arrives as a key
 * rather than a signal. Space shows the next screen, Enter one more line, {@code q} or Ctrl-C
 * abandons the rest of the output ({@link OutputAbandoned}), as on Junos. Output streams through: a
 * session list of any size is never held whole.
 *
 * <pre>
 *  writing ──screen full──► ---(more)--- ──space──► writing (a screen)
 *     ▲                        │  └──enter──► writing (one line)
 *     │                        └──q, Ctrl-C, end of input──► OutputAbandoned
 *     └── interrupt flag set (Ctrl-C while running) ──► OutputAbandoned at the next write
 * </pre>
 *
 * <p>Thread: the terminal's thread; {@link #interrupt()} may be called from a signal handler.
 */
final class Pager implements Appendable {
  private static final String MORE = "---(more)---";

  private final Terminal terminal;
  private final PrintWriter out;
  private final boolean paging;
  private final StringBuilder partial = new StringBuilder();
  private int budget;
  private volatile boolean interrupted;

  Pager(Terminal terminal, boolean noMore) {
    this.terminal = terminal;
    this.out = terminal.writer();
    this.paging = !noMore && terminal.getHeight() > 1;
    this.budget = terminal.getHeight() - 1;
  }

  /** Ctrl-C while the command runs: the output is abandoned at its next line. */
  void interrupt() {
    interrupted = true;
  }

  @Override
  public Appendable append(CharSequence text) {
    if (interrupted) {
      throw new OutputAbandoned();
    }
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        partial.append(text, start, i);
        line(partial);
        partial.setLength(0);
        start = i + 1;
      }
    }
    partial.append(text, start, text.length());
    return this;
  }

  @Override
  public Appendable append(CharSequence text, int start, int end) {
    return append(text.subSequence(start, end));
  }

  @Override
  public Appendable append(char c) {
    return append(String.valueOf(c));
  }

  /** Writes what is left of the last line. */
  void finish() {
    if (!partial.isEmpty()) {
      out.print(partial);
      partial.setLength(0);
    }
    out.flush();
  }

  private void line(CharSequence line) {
    if (paging && budget <= 0) {
      more();
    }
    out.print(line);
    out.print('\n');
    budget--;
    if (out.checkError()) {
      throw new OutputAbandoned(); // the client went away
    }
  }

  private void more() {
    // raw mode before the prompt shows, so a Ctrl-C typed at once is a key, not a signal
    Attributes saved = terminal.enterRawMode();
    int key;
    try {
      out.print(MORE);
      out.flush();
      while (true) {
        if (interrupted) {
          key = 3; // a Ctrl-C that arrived as a signal all the same
          break;
        }
        key = terminal.reader().read(100L);
        if (key != NonBlockingReader.READ_EXPIRED) {
          break;
        }
      }
    } catch (IOException e) {
      key = -1;
    } finally {
      terminal.setAttributes(saved);
    }
    out.print("\r" + " ".repeat(MORE.length()) + "\r");
    if (key < 0 || key == 'q' || key == 'Q' || key == 3 || interrupted) {
      out.flush();
      throw new OutputAbandoned();
    }
    budget = key == '\r' || key == '\n' ? 1 : terminal.getHeight() - 1;
  }
}
