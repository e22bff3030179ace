package org.flowgate.mgmt.log;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends one line per message to a local file, as {@code system syslog file} does; the file and
 * its directories are created when the first line comes.
 *
 * <p>Thread: see {@link LogSink}.
 */
public final class FileSink extends LogSink {
  private final Path file;
  private Writer writer;

  public FileSink(Path file, int bufferLines) {
    super("file " + file, bufferLines);
    this.file = file;
    start();
  }

  @Override
  protected void send(String line) throws IOException {
    if (writer == null) {
      Path directory = file.toAbsolutePath().getParent();
      if (directory != null) {
        Files.createDirectories(directory);
      }
      writer =
          Files.newBufferedWriter(
              file,
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              StandardOpenOption.APPEND,
              StandardOpenOption.WRITE);
    }
    writer.write(line);
    writer.write('\n');
  }

  @Override
  protected void flushTransport() throws IOException {
    if (writer != null) {
      writer.flush();
    }
  }

  @Override
  protected void closeTransport() {
    if (writer != null) {
      try {
        writer.close();
      } catch (IOException ignored) {
        // the lines it held are lost; they were counted as sent
      }
      writer = null;
    }
  }
}
