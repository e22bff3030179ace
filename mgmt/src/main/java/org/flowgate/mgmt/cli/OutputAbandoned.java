package org.flowgate.mgmt.cli;

/**
 * Thrown by a CLI's output when the user stops it ({@code q} or Ctrl-C at {@code ---(more)---},
 * Ctrl-C while a command runs, or a client that went away): the command unwinds, its remaining
 * output is dropped, and the CLI prompts again.
 */
public final class OutputAbandoned extends RuntimeException {
  public OutputAbandoned() {
    super("output abandoned", null, false, false);
  }
}
