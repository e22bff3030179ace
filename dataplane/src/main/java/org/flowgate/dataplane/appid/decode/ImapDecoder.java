package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.ascii;
import static org.flowgate.dataplane.appid.decode.Bytes.u8;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.ApplicationCatalog;

/**
 * IMAP (RFC 9051 §7.1, §6) and STARTTLS (RFC 9051 §6.2.1): {@code junos:IMAP}, or {@code
 * junos:IMAPS} once TLS starts after STARTTLS.
 *
 * <pre>
 *  server: * OK [...] text CRLF        (* PREAUTH, * BYE)
 *  client: tag SP CAPABILITY | ID | NOOP CRLF              opening
 *          tag SP LOGIN | AUTHENTICATE | SELECT | ... CRLF  decisive
 *          tag SP STARTTLS CRLF, then a TLS record          junos:IMAPS
 *  tag: 1*&lt;ASTRING-CHAR except "+"&gt;
 * </pre>
 */
public final class ImapDecoder extends GreetingProtocolDecoder {
  private static final byte[][] GREETINGS = {ascii("* OK"), ascii("* PREAUTH"), ascii("* BYE")};
  private static final byte[][] OPENING_WORDS = {ascii("CAPABILITY"), ascii("ID"), ascii("NOOP")};
  private static final byte[] STARTTLS = ascii("STARTTLS");
  private static final byte[][] DECISIVE_WORDS = {
    ascii("LOGIN"),
    ascii("AUTHENTICATE"),
    ascii("SELECT"),
    ascii("EXAMINE"),
    ascii("LIST"),
    ascii("LSUB"),
    ascii("STATUS"),
    ascii("LOGOUT"),
    ascii("ENABLE"),
    ascii("FETCH"),
    ascii("UID"),
    ascii("NAMESPACE"),
    ascii("IDLE"),
    ascii("APPEND")
  };
  private static final byte[] IMAP = ascii("IMAP");
  private static final byte[] UNTAGGED = ascii("* ");

  public ImapDecoder(ApplicationCatalog catalog) {
    super("imap", catalog.requireId("junos:IMAP"), catalog.requireId("junos:IMAPS"));
  }

  /** A tag from the client; an untagged response from the server. */
  @Override
  public boolean acceptsFirstByte(int direction, int b) {
    return direction == 0 ? b > ' ' && b < 127 : b == '*';
  }

  @Override
  int greeting(MemorySegment s, long at, int length) {
    for (byte[] greeting : GREETINGS) {
      if (Bytes.startsWithIgnoreCase(s, at, length, greeting)) {
        return 1;
      }
    }
    return length < 9 && Bytes.mayStartWith(s, at, length, UNTAGGED) ? 0 : -1;
  }

  @Override
  boolean greetingNamesProtocol(MemorySegment s, long at, int length) {
    return Lines.contains(s, at, length, 0, IMAP);
  }

  @Override
  int command(MemorySegment s, long at, int length, int from, int lf) {
    int word = afterTag(s, at, from, lf);
    if (word < 0) {
      return NOT_THIS;
    }
    for (byte[] opening : OPENING_WORDS) {
      if (word(s, at, length, word, lf, opening)) {
        return OPENING;
      }
    }
    if (word(s, at, length, word, lf, STARTTLS)) {
      return UPGRADE;
    }
    for (byte[] decisive : DECISIVE_WORDS) {
      if (word(s, at, length, word, lf, decisive)) {
        return DECISIVE;
      }
    }
    return NOT_THIS;
  }

  /** Offset of the command word after "tag SP", or -1. */
  private static int afterTag(MemorySegment s, long at, int from, int lf) {
    int p = from;
    while (p < lf && p - from <= 64) {
      int b = u8(s, at + p);
      if (b == ' ') {
        return p > from ? p + 1 : -1;
      }
      if (b <= ' ' || b >= 127 || b == '(' || b == ')' || b == '{' || b == '*' || b == '%'
          || b == '"' || b == '\\' || b == '+') {
        return -1;
      }
      p++;
    }
    return -1;
  }

  /** A tag (printable, no SP) then SP within the first 65 bytes, as far as they have come. */
  @Override
  boolean mayBecomeCommand(MemorySegment s, long at, int length) {
    int window = Math.min(length, 65);
    for (int i = 0; i < window; i++) {
      int b = u8(s, at + i);
      if (b == ' ') {
        return i > 0;
      }
      if (b <= ' ' || b >= 127 || b == '(' || b == ')' || b == '{' || b == '*' || b == '%'
          || b == '"' || b == '\\' || b == '+') {
        return false;
      }
    }
    return length < 65;
  }
}
