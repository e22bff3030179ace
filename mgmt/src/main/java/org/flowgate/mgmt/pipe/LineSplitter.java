package org.flowgate.mgmt.pipe;

import java.util.function.Consumer;

/**
 * Splits text arriving in pieces (a session at a time, a flushed buffer of XML) into the lines a
 * {@link LineSink} takes; {@link #finish} hands on a last line without its newline and ends the
 * chain. Thread: confined to the command's thread.
 */
public final class LineSplitter implements Consumer<CharSequence> {
  private final LineSink sink;
  private final StringBuilder partial = new StringBuilder();

  public LineSplitter(LineSink sink) {
    this.sink = sink;
  }

  @Override
  public void accept(CharSequence text) {
    // one copy per line: search the builder or string in place rather than copying it whole
    StringBuilder builder = text instanceof StringBuilder b ? b : null;
    String string = builder == null ? text.toString() : null;
    int length = text.length();
    int start = 0;
    int newline;
    while ((newline = builder != null ? builder.indexOf("\n", start) : string.indexOf('\n', start))
        >= 0) {
      if (partial.isEmpty()) {
        sink.line(
            builder != null ? builder.substring(start, newline) : string.substring(start, newline));
      } else {
        partial.append(text, start, newline);
        sink.line(partial.toString());
        partial.setLength(0);
      }
      start = newline + 1;
    }
    partial.append(text, start, length);
  }

  /** Ends the output. */
  public void finish() {
    if (!partial.isEmpty()) {
      sink.line(partial.toString());
      partial.setLength(0);
    }
    sink.finish();
  }

  /** A {@link java.io.Writer} into this splitter, for the XML and JSON writers. */
  public java.io.Writer writer() {
    return new java.io.Writer() {
      @Override
      public void write(char[] buffer, int offset, int length) {
        accept(java.nio.CharBuffer.wrap(buffer, offset, length).toString());
      }

      @Override
      public void write(String text, int offset, int length) {
        accept(text.substring(offset, offset + length));
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
  }
}
