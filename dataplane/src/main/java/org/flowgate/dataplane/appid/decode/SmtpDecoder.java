package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.ascii;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.ApplicationCatalog;

/**
 * SMTP (RFC 5321 §3.1, §4.1) and its STARTTLS upgrade (RFC 3207): {@code junos:SMTP}, or {@code
 * junos:SMTPS} once the client starts TLS after STARTTLS.
 *
 * <pre>
 *  server: 220 SP text CRLF   (or 220- continued; 554 refuses)
 *  client: EHLO / HELO domain CRLF                 opening
 *          MAIL FROM:, RCPT TO:, DATA, AUTH, BDAT  decisive
 *          STARTTLS CRLF, then a TLS record        junos:SMTPS
 * </pre>
 */
public final class SmtpDecoder extends GreetingProtocolDecoder {
  private static final byte[] EHLO = ascii("EHLO");
  private static final byte[] HELO = ascii("HELO");
  private static final byte[] LHLO = ascii("LHLO");
  private static final byte[] STARTTLS = ascii("STARTTLS");
  private static final byte[][] DECISIVE_WORDS = {
    ascii("MAIL"), ascii("RCPT"), ascii("DATA"), ascii("AUTH"), ascii("BDAT"), ascii("VRFY")
  };
  private static final byte[][] OPENING_WORDS = {EHLO, HELO, LHLO};
  private static final byte[] SMTP = ascii("SMTP");
  private static final byte[] READY = ascii("220");

  public SmtpDecoder(ApplicationCatalog catalog) {
    super("smtp", catalog.requireId("junos:SMTP"), catalog.requireId("junos:SMTPS"));
  }

  /** A command word from the client; 220 or 554 from the server. */
  @Override
  public boolean acceptsFirstByte(int direction, int b) {
    return direction == 0 ? Character.isLetter(b) && b < 128 : b == '2' || b == '5';
  }

  @Override
  int greeting(MemorySegment s, long at, int length) {
    if (length < 4) {
      return Bytes.mayStartWith(s, at, length, READY) ? 0 : -1;
    }
    if (!Lines.replyCode(s, at, length, 0)) {
      return -1;
    }
    int code = Lines.code(s, at, 0);
    return code == 220 || code == 554 ? 1 : -1;
  }

  @Override
  boolean greetingNamesProtocol(MemorySegment s, long at, int length) {
    return Lines.contains(s, at, length, 0, SMTP);
  }

  @Override
  int command(MemorySegment s, long at, int length, int from, int lf) {
    for (byte[] word : OPENING_WORDS) {
      if (word(s, at, length, from, lf, word)) {
        return OPENING;
      }
    }
    if (word(s, at, length, from, lf, STARTTLS)) {
      return UPGRADE;
    }
    for (byte[] word : DECISIVE_WORDS) {
      if (word(s, at, length, from, lf, word)) {
        return DECISIVE;
      }
    }
    return NOT_THIS;
  }

  @Override
  boolean mayBecomeCommand(MemorySegment s, long at, int length) {
    return prefixOfAny(s, at, length, OPENING_WORDS);
  }
}
