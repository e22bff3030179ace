package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.ascii;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.ApplicationCatalog;

/**
 * NNTP (RFC 3977 §5.1, §6-§8): {@code junos:NNTP}.
 *
 * <pre>
 *  server: 200 | 201 SP text CRLF        (posting allowed / not allowed)
 *  client: MODE READER, CAPABILITIES, GROUP, ARTICLE, LIST, AUTHINFO, XOVER ... -&gt; final
 * </pre>
 */
public final class NntpDecoder extends GreetingProtocolDecoder {
  private static final byte[][] COMMANDS = {
    ascii("MODE"),
    ascii("CAPABILITIES"),
    ascii("GROUP"),
    ascii("ARTICLE"),
    ascii("LIST"),
    ascii("AUTHINFO"),
    ascii("XOVER"),
    ascii("OVER"),
    ascii("NEWGROUPS"),
    ascii("NEWNEWS"),
    ascii("LISTGROUP"),
    ascii("POST"),
    ascii("IHAVE"),
    ascii("HEAD"),
    ascii("BODY"),
    ascii("XHDR")
  };
  private static final byte[][] NAMES = {ascii("NNTP"), ascii("NEWS"), ascii("INN")};
  private static final byte[] READY = ascii("20");

  public NntpDecoder(ApplicationCatalog catalog) {
    super("nntp", catalog.requireId("junos:NNTP"), -1);
  }

  /** A command word from the client; 200 or 201 from the server. */
  @Override
  public boolean acceptsFirstByte(int direction, int b) {
    return direction == 0 ? Character.isLetter(b) && b < 128 : b == '2';
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
    return code == 200 || code == 201 ? 1 : -1;
  }

  @Override
  boolean greetingNamesProtocol(MemorySegment s, long at, int length) {
    for (byte[] name : NAMES) {
      if (Lines.contains(s, at, length, 0, name)) {
        return true;
      }
    }
    return false;
  }

  @Override
  int command(MemorySegment s, long at, int length, int from, int lf) {
    for (byte[] word : COMMANDS) {
      if (word(s, at, length, from, lf, word)) {
        return AMBIGUOUS;
      }
    }
    return NOT_THIS;
  }

  @Override
  boolean mayBecomeCommand(MemorySegment s, long at, int length) {
    return prefixOfAny(s, at, length, COMMANDS);
  }
}
