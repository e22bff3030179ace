package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.ascii;
import static org.flowgate.dataplane.appid.decode.Bytes.u8;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.DecodeContext;
import org.flowgate.dataplane.appid.ProtocolDecoder;

/**
 * IRC (RFC 2812 §2.3, §3.1; IRCv3 CAP): {@code junos:IRC}.
 *
 * <pre>
 *  client: [PASS p CRLF] [CAP LS CRLF] NICK n CRLF USER u m * :real CRLF   -&gt; provisional
 *  server: ":" servername SP (3DIGIT | NOTICE | PING | CAP) SP ...         -&gt; final
 * </pre>
 */
public final class IrcDecoder extends ProtocolDecoder {
  private static final byte[] NICK = ascii("NICK ");
  private static final byte[][] FIRST = {
    ascii("NICK "), ascii("PASS "), ascii("CAP "), ascii("USER ")
  };
  private static final byte[][] SERVER_WORDS = {ascii("NOTICE "), ascii("PING "), ascii("CAP ")};

  private final int irc;

  public IrcDecoder(ApplicationCatalog catalog) {
    super("irc");
    this.irc = catalog.requireId("junos:IRC");
  }

  @Override
  public boolean tcp() {
    return true;
  }

  @Override
  public boolean acceptsFirstByte(int direction, int b) {
    return direction == 0 ? b == 'N' || b == 'P' || b == 'C' || b == 'U' : b == ':';
  }

  @Override
  public int decodeStream(DecodeContext c) {
    int client = client(c);
    if (client < 0) {
      return NO_MATCH;
    }
    int server = server(c);
    if (server < 0) {
      return NO_MATCH;
    }
    if (client > 0 && server > 0) {
      return irc;
    }
    return client > 0 || server > 0 ? provisional(irc) : NEED_MORE;
  }

  /** 1 an IRC registration (a NICK line among the first), 0 cannot tell, -1 not IRC. */
  private static int client(DecodeContext c) {
    int length = c.streamLength(0);
    if (length == 0) {
      return 0;
    }
    MemorySegment s = c.stream(0);
    long at = c.streamOffset(0);
    boolean first = false;
    for (byte[] word : FIRST) {
      first |= Bytes.mayStartWith(s, at, length, word);
    }
    if (!first || !Lines.text(s, at, length)) {
      return -1;
    }
    int p = 0;
    for (int line = 0; line < 4 && p < length; line++) {
      int next = Lines.next(s, at, length, p);
      if (next < 0) {
        break;
      }
      if (Lines.startsWith(s, at, length, p, NICK)) {
        return 1;
      }
      p = next;
    }
    return 0;
  }

  /** 1 a server message with a prefix, 0 cannot tell, -1 not IRC. */
  private static int server(DecodeContext c) {
    int length = c.streamLength(1);
    if (length == 0) {
      return 0;
    }
    MemorySegment s = c.stream(1);
    long at = c.streamOffset(1);
    if (u8(s, at) != ':') {
      return -1;
    }
    int lf = Lines.end(s, at, length, 0);
    if (lf < 0) {
      return c.streamFull(1) ? -1 : 0;
    }
    int space = Bytes.indexOf(s, at, lf, (byte) ' ');
    if (space < 2 || space + 4 > lf) {
      return -1;
    }
    if (Bytes.threeDigits(s, at + space + 1) && u8(s, at + space + 4) == ' ') {
      return 1;
    }
    for (byte[] word : SERVER_WORDS) {
      if (Bytes.startsWith(s, at + space + 1, lf - space - 1, word)) {
        return 1;
      }
    }
    return -1;
  }
}
