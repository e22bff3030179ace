package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.ascii;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.ApplicationCatalog;

/**
 * POP3 (RFC 1939 §4-§7, RFC 2449 CAPA) and its STLS upgrade (RFC 2595 §4): {@code junos:POP3}, or
 * {@code junos:POP3S} once TLS starts after STLS.
 *
 * <pre>
 *  server: +OK text CRLF
 *  client: CAPA                                   opening
 *          USER, PASS, APOP, AUTH, STAT, LIST ... decisive with the greeting
 *          STLS CRLF, then a TLS record           junos:POP3S
 * </pre>
 */
public final class Pop3Decoder extends GreetingProtocolDecoder {
  private static final byte[] OK = ascii("+OK");
  private static final byte[] CAPA = ascii("CAPA");
  private static final byte[] STLS = ascii("STLS");
  private static final byte[] APOP = ascii("APOP");
  private static final byte[][] DECISIVE_WORDS = {
    ascii("USER"),
    ascii("PASS"),
    ascii("AUTH"),
    ascii("STAT"),
    ascii("LIST"),
    ascii("RETR"),
    ascii("UIDL"),
    ascii("TOP"),
    ascii("DELE"),
    ascii("QUIT"),
    ascii("NOOP")
  };
  private static final byte[][] FIRST_WORDS = {
    CAPA, STLS, APOP, ascii("USER"), ascii("AUTH"), ascii("QUIT")
  };

  public Pop3Decoder(ApplicationCatalog catalog) {
    super("pop3", catalog.requireId("junos:POP3"), catalog.requireId("junos:POP3S"));
  }

  /** A command word from the client; +OK from the server. */
  @Override
  public boolean acceptsFirstByte(int direction, int b) {
    return direction == 0 ? Character.isLetter(b) && b < 128 : b == '+';
  }

  @Override
  int greeting(MemorySegment s, long at, int length) {
    if (length < 4) {
      return Bytes.mayStartWith(s, at, length, OK) ? 0 : -1;
    }
    return Bytes.startsWith(s, at, length, OK)
            && (Bytes.u8(s, at + 3) == ' ' || Bytes.u8(s, at + 3) == '\r')
        ? 1
        : -1;
  }

  @Override
  boolean greetingNamesProtocol(MemorySegment s, long at, int length) {
    return true; // "+OK" opening a connection is POP3's alone
  }

  @Override
  int command(MemorySegment s, long at, int length, int from, int lf) {
    if (word(s, at, length, from, lf, CAPA)) {
      return OPENING;
    }
    if (word(s, at, length, from, lf, STLS)) {
      return UPGRADE;
    }
    if (word(s, at, length, from, lf, APOP)) {
      return DECISIVE;
    }
    for (byte[] word : DECISIVE_WORDS) {
      if (word(s, at, length, from, lf, word)) {
        return AMBIGUOUS;
      }
    }
    return NOT_THIS;
  }

  @Override
  boolean mayBecomeCommand(MemorySegment s, long at, int length) {
    return prefixOfAny(s, at, length, FIRST_WORDS);
  }
}
