package org.flowgate.mgmt.pipe;

/**
 * A stage of the pipe chain: takes output a line at a time (without its newline); {@link #finish}
 * ends it, after which a stage that waits for the end ({@code count}, {@code last}) writes.
 *
 * <p>Thread: confined to the command's thread.
 */
public interface LineSink {
  void line(String line);

  void finish();
}
