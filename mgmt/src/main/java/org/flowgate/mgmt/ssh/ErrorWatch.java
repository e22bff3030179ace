package org.flowgate.mgmt.ssh;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.flowgate.mgmt.cli.OutputAbandoned;

/**
 * The output of an exec request on its way to the client, watched for the answers that make the
 * exit status non-zero: a line starting {@code error:}, {@code syntax error} or {@code unknown
 * command}, or a caret line under a bad word. Writes through in UTF-8 as the output comes.
 *
 * <p>Thread: the exec request's.
 */
final class ErrorWatch implements Appendable {
  private final OutputStream out;
  private final StringBuilder line = new StringBuilder();
  private boolean failed;
  private int linesSeen;

  ErrorWatch(OutputStream out) {
    this.out = out;
  }

  boolean failed() {
    return failed;
  }

  @Override
  public Appendable append(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        look(line);
        line.setLength(0);
      } else if (line.length() < 256) {
        line.append(c);
      }
    }
    try {
      out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new OutputAbandoned();
    }
    return this;
  }

  private void look(CharSequence text) {
    if (linesSeen++ > 4) {
      return; // an error answer says so in its first lines
    }
    String s = text.toString();
    if (s.startsWith("error:")
        || s.startsWith("syntax error")
        || s.matches("\\s*\\^")
        || s.endsWith("is ambiguous.")) {
      failed = true;
    }
  }

  @Override
  public Appendable append(CharSequence text, int start, int end) {
    return append(text.subSequence(start, end));
  }

  @Override
  public Appendable append(char c) {
    return append(String.valueOf(c));
  }

  void flush() throws IOException {
    if (!line.isEmpty()) {
      look(line);
    }
    out.flush();
  }
}
