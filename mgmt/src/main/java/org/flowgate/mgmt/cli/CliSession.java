package org.flowgate.mgmt.cli;

import java.util.List;

/**
 * What an interactive CLI or an SSH exec request talks to: one logged-in user's commands, in
 * operational or configuration mode. The terminal side ({@link InteractiveCli}) owns prompting,
 * editing and paging; the session owns meaning.
 *
 * <p>Thread: the thread of the terminal it serves.
 */
public interface CliSession {
  /** The prompt, {@code user@host> } or {@code user@host# }. */
  String prompt();

  /** A line to print before the prompt ({@code [edit]} in configuration mode), or null. */
  default String banner() {
    return null;
  }

  /** Words that complete the last word of {@code line}, for TAB. */
  List<String> completions(String line);

  /** What {@code ?} shows after {@code line} (the line does not end in {@code ?}). */
  String help(String line);

  /**
   * Runs one line, writing its output to {@code out} as it is produced. An exception thrown by
   * {@code out} (the user abandoned the output) propagates.
   *
   * @return false when the line ends the session ({@code exit} in operational mode)
   */
  boolean run(String line, Appendable out, Prompter prompter);

  /** True when the line's output should not page ({@code | no-more}). */
  boolean noMore(String line);

  /** Asks the user for more input in the middle of a command. */
  interface Prompter {
    /** A yes/no question; {@code fallback} when there is no one to answer. */
    boolean confirm(String question, boolean fallback);

    /** A line typed without echo (a password), or null when there is no terminal. */
    String secret(String prompt);

    /** Lines until end of input (Ctrl-D), for {@code load ... terminal}; null without terminal. */
    String untilEndOfInput(String banner);
  }

  /** A prompter for exec requests and NETCONF: nobody to ask. */
  Prompter NO_ONE =
      new Prompter() {
        @Override
        public boolean confirm(String question, boolean fallback) {
          return fallback;
        }

        @Override
        public String secret(String prompt) {
          return null;
        }

        @Override
        public String untilEndOfInput(String banner) {
          return null;
        }
      };
}
