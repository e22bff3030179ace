package org.flowgate.mgmt.netconf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * NETCONF message framing over SSH (RFC 6242). Both sides start with end-of-message framing for the
 * hellos; when both hellos announce {@code urn:ietf:params:netconf:base:1.1} every later message is
 * chunked.
 *
 * <pre>
 * end-of-message (§4.3, base:1.0):   message ]]>]]>
 * chunked (§4.2, base:1.1):          \n#LEN\n DATA(LEN bytes) ... \n#LEN\n DATA \n##\n
 *                                    LEN: 1 to 4294967295, decimal, no leading zero
 * </pre>
 *
 * A message longer than {@link #MAXIMUM_MESSAGE_BYTES}, a chunk header that is not well-formed, or
 * a stream that ends inside a message is a {@link FramingException}: the session answers what it
 * can and closes, as RFC 6242 asks.
 *
 * <p>Thread: one reader thread per session.
 */
public final class Framing {
  /** The largest message accepted: a whole configuration fits many times. */
  public static final int MAXIMUM_MESSAGE_BYTES = 32 * 1024 * 1024;

  private static final byte[] END_OF_MESSAGE = "]]>]]>".getBytes(StandardCharsets.US_ASCII);

  /**
   * For each length matched of {@link #END_OF_MESSAGE}, the longest proper suffix of it that is
   * also its prefix (Knuth-Morris-Pratt): {@code ]]>]]>} gives 0 1 0 1 2 3.
   */
  private static final int[] FALLBACK = {0, 1, 0, 1, 2, 3};

  /** The input broke the framing rules; the session must end. */
  public static final class FramingException extends IOException {
    FramingException(String message) {
      super(message);
    }
  }

  private final InputStream in;
  private final OutputStream out;
  private volatile boolean chunked;

  public Framing(InputStream in, OutputStream out) {
    this.in = in;
    this.out = out;
  }

  /** From now on, chunked framing (both hellos announced base:1.1). */
  public void useChunked() {
    chunked = true;
  }

  public boolean chunked() {
    return chunked;
  }

  /** The next message, or null at a clean end of input between messages. */
  public String read() throws IOException {
    return chunked ? readChunked() : readEndOfMessage();
  }

  private String readEndOfMessage() throws IOException {
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    int matched = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (message.size() == 0 && matched == 0) {
          return null;
        }
        String rest = message.toString(StandardCharsets.UTF_8).strip();
        if (rest.isEmpty()) {
          return null;
        }
        throw new FramingException("input ended inside a message");
      }
      if (b == END_OF_MESSAGE[matched]) {
        matched++;
        if (matched == END_OF_MESSAGE.length) {
          return message.toString(StandardCharsets.UTF_8);
        }
        continue;
      }
      if (matched > 0) {
        // Fall back to the longest end of what matched that is still a start of the delimiter
        // (so "]" + "]]>]]>" ends the message "]"): the bytes dropped from the front are data.
        int kept = matched;
        do {
          kept = FALLBACK[kept - 1];
        } while (kept > 0 && b != END_OF_MESSAGE[kept]);
        if (b == END_OF_MESSAGE[kept]) {
          message.write(END_OF_MESSAGE, 0, matched + 1 - (kept + 1));
          matched = kept + 1;
          continue;
        }
        message.write(END_OF_MESSAGE, 0, matched);
        matched = 0;
      }
      message.write(b);
      if (message.size() > MAXIMUM_MESSAGE_BYTES) {
        throw new FramingException("message longer than " + MAXIMUM_MESSAGE_BYTES + " bytes");
      }
    }
  }

  private String readChunked() throws IOException {
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    boolean chunkRead = false;
    while (true) {
      int first = in.read();
      if (first < 0 && message.size() == 0) {
        return null;
      }
      // some clients send blank lines between messages: skip them before a message starts
      while (first == '\n' && message.size() == 0) {
        int next = in.read();
        if (next == '#') {
          first = '#';
          break;
        }
        if (next < 0) {
          return null;
        }
        first = next;
      }
      if (first == '\n') {
        first = in.read();
      }
      if (first != '#') {
        throw new FramingException("chunk header expected, got " + describe(first));
      }
      int second = in.read();
      if (second == '#') {
        if (!chunkRead) { // RFC 6242 §4.2: chunked-message = 1*chunk end-of-chunks
          throw new FramingException("end of chunks before any chunk");
        }
        expect('\n');
        return message.toString(StandardCharsets.UTF_8);
      }
      long length = 0;
      int digits = 0;
      int c = second;
      while (c >= '0' && c <= '9') {
        if (digits == 0 && c == '0') {
          throw new FramingException("chunk size with a leading zero");
        }
        length = length * 10 + (c - '0');
        if (++digits > 10 || length > 4294967295L) {
          throw new FramingException("chunk size too large");
        }
        c = in.read();
      }
      if (digits == 0 || c != '\n') {
        throw new FramingException("chunk header is not #LENGTH followed by a newline");
      }
      if (message.size() + length > MAXIMUM_MESSAGE_BYTES) {
        throw new FramingException("message longer than " + MAXIMUM_MESSAGE_BYTES + " bytes");
      }
      byte[] data = in.readNBytes((int) length);
      if (data.length != length) {
        throw new FramingException("input ended inside a chunk (the chunk header lied)");
      }
      message.write(data);
      chunkRead = true;
      expect('\n');
    }
  }

  private void expect(int wanted) throws IOException {
    int c = in.read();
    if (c != wanted) {
      throw new FramingException("expected a newline after the chunk, got " + describe(c));
    }
  }

  private static String describe(int c) {
    return c < 0 ? "end of input" : c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : "byte " + c;
  }

  /** Closes both streams: a read blocked on the input ends ({@code kill-session}). */
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      // closing anyway
    }
    try {
      out.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  /**
   * Writes one message in the current framing and flushes it.
   *
   * @throws IllegalArgumentException for an empty message in chunked framing: a chunk holds 1 to
   *     4294967295 bytes, so there is no way to send one (Flowgate never does)
   */
  public synchronized void write(String message) throws IOException {
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    if (chunked && bytes.length == 0) {
      throw new IllegalArgumentException("an empty message has no chunked framing (RFC 6242 4.2)");
    }
    if (chunked) {
      out.write(("\n#" + bytes.length + "\n").getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.write("\n##\n".getBytes(StandardCharsets.US_ASCII));
    } else {
      out.write(bytes);
      out.write(END_OF_MESSAGE);
      out.write('\n');
    }
    out.flush();
  }
}
