package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.ascii;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.ApplicationCatalog;

/**
 * FTP control connections (RFC 959 §4.2, §5.3; RFC 2228 AUTH; RFC 2389 FEAT): {@code junos:FTP}.
 *
 * <pre>
 *  server: 220 SP text CRLF   (120 = ready soon; 220- continued)
 *  client: USER name, AUTH TLS|SSL, FEAT, SYST, OPTS, HOST, CLNT    -&gt; with the greeting: final
 *  a greeting that says FTP, alone                                   -&gt; provisional
 * </pre>
 *
 * FTP data connections carry no FTP of their own; an SRX knows them from the control connection
 * (ALG), not from their payload.
 */
public final class FtpDecoder extends GreetingProtocolDecoder {
  private static final byte[][] COMMANDS = {
    ascii("USER"),
    ascii("AUTH"),
    ascii("FEAT"),
    ascii("SYST"),
    ascii("OPTS"),
    ascii("HOST"),
    ascii("CLNT"),
    ascii("PASS"),
    ascii("ACCT")
  };
  private static final byte[] FTP = ascii("FTP");
  private static final byte[] READY = ascii("220");
  private static final byte[] READY_SOON = ascii("120");

  public FtpDecoder(ApplicationCatalog catalog) {
    super("ftp", catalog.requireId("junos:FTP"), -1);
  }

  /** A command word from the client; 220 or 120 from the server. */
  @Override
  public boolean acceptsFirstByte(int direction, int b) {
    return direction == 0 ? Character.isLetter(b) && b < 128 : b == '2' || b == '1';
  }

  @Override
  int greeting(MemorySegment s, long at, int length) {
    if (length < 4) {
      return Bytes.mayStartWith(s, at, length, READY)
              || Bytes.mayStartWith(s, at, length, READY_SOON)
          ? 0
          : -1;
    }
    if (!Lines.replyCode(s, at, length, 0)) {
      return -1;
    }
    int code = Lines.code(s, at, 0);
    return code == 220 || code == 120 ? 1 : -1;
  }

  @Override
  boolean greetingNamesProtocol(MemorySegment s, long at, int length) {
    return Lines.contains(s, at, length, 0, FTP);
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
