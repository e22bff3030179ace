package org.flowgate.dataplane.appid.decode;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.DecodeContext;
import org.flowgate.dataplane.appid.ProtocolDecoder;

/**
 * The common shape of the text protocols where the server greets first and the client answers with
 * commands (SMTP, FTP, POP3, IMAP, NNTP), with their STARTTLS upgrade:
 *
 * <pre>
 *  server: greeting line(s)                         e.g. "220 mail.example ESMTP"
 *  client: command CRLF, command CRLF ...           e.g. "EHLO x", "STARTTLS", then a TLS record
 *
 *  greeting + a decisive command (MAIL, USER, LOGIN ...)      -&gt; final: the plain application
 *  the upgrade command, then a TLS handshake record            -&gt; final: the TLS application
 *  greeting + an opening command (EHLO, CAPA, CAPABILITY ...)  -&gt; provisional plain: a STARTTLS
 *                                                                may still follow
 *  greeting alone that names the protocol, or a client alone   -&gt; provisional plain
 * </pre>
 *
 * <p>Subclasses classify the greeting and each client command line.
 */
abstract class GreetingProtocolDecoder extends ProtocolDecoder {
  /** {@link #command} answers. */
  static final int NOT_THIS = -1;

  static final int OPENING = 1; // valid, a STARTTLS may follow
  static final int DECISIVE = 2; // valid, the session is plain
  static final int UPGRADE = 3; // the STARTTLS of this protocol
  static final int AMBIGUOUS = 4; // decisive after this protocol's greeting, but shared (USER ...)

  private final int plain;
  private final int encrypted;

  GreetingProtocolDecoder(String name, int plain, int encrypted) {
    super(name);
    this.plain = plain;
    this.encrypted = encrypted;
  }

  @Override
  public final boolean tcp() {
    return true;
  }

  /**
   * Reads the start of the server's first line.
   *
   * @return 1 a greeting of this protocol, 0 cannot tell yet, -1 not this protocol
   */
  abstract int greeting(MemorySegment s, long at, int length);

  /** True when a greeting alone is enough for a provisional answer (it names the protocol). */
  abstract boolean greetingNamesProtocol(MemorySegment s, long at, int length);

  /** Classifies a complete client line {@code [from, lf)}. */
  abstract int command(MemorySegment s, long at, int length, int from, int lf);

  /**
   * True when the first bytes of the client's stream (up to its first CR or LF, as far as they have
   * come) could be a command of this protocol: a cheap test made before any line is read.
   */
  abstract boolean mayBecomeCommand(MemorySegment s, long at, int length);

  @Override
  public final int decodeStream(DecodeContext c) {
    int greeted = 0;
    int serverLength = c.streamLength(1);
    if (serverLength > 0) {
      MemorySegment s = c.stream(1);
      long at = c.streamOffset(1);
      greeted = greeting(s, at, serverLength);
      if (greeted < 0) {
        return NO_MATCH;
      }
    }
    int clientLength = c.streamLength(0);
    if (clientLength == 0) {
      if (greeted > 0 && greetingNamesProtocol(c.stream(1), c.streamOffset(1), serverLength)) {
        return provisional(plain);
      }
      return NEED_MORE;
    }
    MemorySegment s = c.stream(0);
    long at = c.streamOffset(0);
    if (!mayBecomeCommand(s, at, clientLength)) {
      return NO_MATCH; // e.g. a TLS record or an HTTP request: no line needs reading
    }
    int first = NOT_THIS;
    int p = 0;
    while (p < clientLength) {
      int lf = Lines.end(s, at, clientLength, p);
      if (lf < 0) {
        if (p == 0) {
          return c.streamFull(0) ? NO_MATCH : NEED_MORE;
        }
        break;
      }
      int kind = command(s, at, clientLength, p, lf);
      if (p == 0) {
        if (kind == NOT_THIS) {
          return NO_MATCH;
        }
        first = kind;
      }
      if (kind == UPGRADE && encrypted >= 0) {
        int after = lf + 1;
        if (after < clientLength) {
          int record = TlsDecoder.record(s, at + after, clientLength - after, 22);
          if (record == TlsDecoder.RECORD || record == TlsDecoder.TOO_SHORT) {
            return encrypted; // the client speaks TLS right after the upgrade command
          }
        } else {
          return provisional(plain); // upgrade asked: wait for the handshake
        }
      }
      if ((kind == DECISIVE || kind == AMBIGUOUS) && greeted > 0) {
        return plain;
      }
      if (kind == NOT_THIS) {
        break; // not a command: what came before decides
      }
      p = lf + 1;
    }
    if (greeted > 0 || (first != AMBIGUOUS && first != NOT_THIS)) {
      return provisional(plain);
    }
    return NEED_MORE;
  }

  /** Classifies the command word at {@code from} against upper-case words ending in SP or EOL. */
  static boolean word(MemorySegment s, long at, int length, int from, int lf, byte[] upperWord) {
    int content = Lines.contentLength(s, at, from, lf);
    if (content < upperWord.length || !Lines.startsWith(s, at, length, from, upperWord)) {
      return false;
    }
    return content == upperWord.length || Bytes.u8(s, at + from + upperWord.length) == ' ';
  }

  /**
   * True when the bytes start with one of {@code upperWords} (any case) followed by SP, CR or LF,
   * or are, as far as they have come, the start of one.
   */
  static boolean prefixOfAny(MemorySegment s, long at, int length, byte[][] upperWords) {
    for (byte[] word : upperWords) {
      int n = Math.min(length, word.length);
      boolean agree = true;
      for (int i = 0; i < n && agree; i++) {
        agree = Bytes.upper(s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, at + i)) == word[i];
      }
      if (!agree) {
        continue;
      }
      if (length <= word.length) {
        return true;
      }
      int after = Bytes.u8(s, at + word.length);
      if (after == ' ' || after == '\r' || after == '\n') {
        return true;
      }
    }
    return false;
  }
}
