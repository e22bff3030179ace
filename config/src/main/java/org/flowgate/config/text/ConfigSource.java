package org.flowgate.config.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Configuration bytes as text: strict UTF-8, so that a file that is not UTF-8 is refused with the
 * place of its first bad byte instead of being read with replacement characters (or failing with
 * the JDK's bare {@code Input length = 1}).
 *
 * <p>Stateless and thread-safe.
 */
public final class ConfigSource {
  /** The largest configuration accepted, in bytes: far above any real device's configuration. */
  public static final int MAX_BYTES = 64 << 20;

  private ConfigSource() {}

  /**
   * The text of {@code bytes}, or null after an ERROR at the first byte that is not UTF-8 (its line
   * and column, columns counted as {@link SourceLocation} counts them) or when there are more than
   * {@link #MAX_BYTES}.
   */
  public static String decode(byte[] bytes, String fileName, Diagnostics diagnostics) {
    if (bytes.length > MAX_BYTES) {
      diagnostics.error(
          new SourceLocation(fileName, 1, 1),
          "configuration too large: " + bytes.length + " bytes (at most " + MAX_BYTES + ")");
      return null;
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int offset = in.position();
      out.flip();
      int line = 1;
      int column = 1;
      for (int i = 0; i < out.limit(); i++) {
        if (out.get(i) == '\n') {
          line++;
          column = 1;
        } else {
          column++;
        }
      }
      StringBuilder seen = new StringBuilder();
      for (int i = offset; i < Math.min(bytes.length, offset + result.length()); i++) {
        seen.append(String.format(Locale.ROOT, " 0x%02X", bytes[i] & 0xff));
      }
      diagnostics.error(
          new SourceLocation(fileName, line, column),
          "invalid UTF-8:"
              + seen
              + " at byte offset "
              + offset
              + " (a configuration is UTF-8 text)");
      return null;
    }
    out.flip();
    return out.toString();
  }
}
