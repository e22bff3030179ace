package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.u16;
import static org.flowgate.dataplane.appid.decode.Bytes.u8;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.DecodeContext;
import org.flowgate.dataplane.appid.DecodeError;
import org.flowgate.dataplane.appid.ProtocolDecoder;

/**
 * TLS over TCP (RFC 8446 §5.1 records; RFC 5246 for 1.0-1.2): {@code junos:SSL}, or the application
 * its server port names ({@code junos:IMAPS} on 993 ...), with the nested application of the
 * ClientHello's server name.
 *
 * <pre>
 *  record: | type (1): 22 handshake, 21 alert, 20 change_cipher_spec | version (2): 03 0x |
 *          | length (2) &lt;= 2^14 + 2048 | fragment ... |
 *  client: handshake records carrying a ClientHello ({@link TlsClientHello}), possibly split over
 *          several records and TCP segments          -&gt; provisional
 *  server: a handshake record whose first message is a ServerHello (type 2), or an alert
 *                                                    -&gt; final
 *  SSL 2.0 compatible ClientHello: | 1 len (15) | 1 | version (2) | ...   -&gt; provisional junos:SSL
 *  a capture that starts mid-session: a side whose stream starts with a record (application data,
 *  alert ...) whose next record, when present, starts right after it   -&gt; as for a hello
 * </pre>
 *
 * <p>A record header with an impossible length is counted ({@link DecodeError#LENGTH_OUT_OF_RANGE})
 * and rules TLS out.
 */
public final class TlsDecoder extends ProtocolDecoder {
  /** Largest record fragment RFC 8446 §5.2 allows (2^14 + 256 for ciphertext; 2048 as 1.2 did). */
  public static final int MAX_RECORD_BYTES = (1 << 14) + 2048;

  private static final int HANDSHAKE = 22;
  private static final int ALERT = 21;
  private static final int CHANGE_CIPHER_SPEC = 20;
  private static final int APPLICATION_DATA = 23;

  /** {@link #record} answers. */
  public static final int RECORD = 1;

  public static final int TOO_SHORT = 0;
  public static final int NOT_TLS = -1;
  public static final int ABSURD_LENGTH = -2;

  private final int ssl;
  private final TlsClientHello hello = new TlsClientHello();

  public TlsDecoder(ApplicationCatalog catalog) {
    super("tls");
    this.ssl = catalog.requireId("junos:SSL");
  }

  @Override
  public boolean tcp() {
    return true;
  }

  /**
   * Whether a TLS record of {@code type} (any of change_cipher_spec, alert, handshake,
   * application_data when {@code type} is -1) starts at {@code at}.
   *
   * @return {@link #RECORD}, {@link #TOO_SHORT} (fewer than 5 bytes, consistent so far), {@link
   *     #NOT_TLS} or {@link #ABSURD_LENGTH}
   */
  public static int record(MemorySegment s, long at, int length, int type) {
    if (length < 1) {
      return TOO_SHORT;
    }
    int first = u8(s, at);
    boolean typeOk =
        type < 0 ? first >= CHANGE_CIPHER_SPEC && first <= APPLICATION_DATA : first == type;
    if (!typeOk) {
      return NOT_TLS;
    }
    if (length < 2) {
      return TOO_SHORT;
    }
    if (u8(s, at + 1) != 3) {
      return NOT_TLS;
    }
    if (length < 3) {
      return TOO_SHORT;
    }
    if (u8(s, at + 2) > 4) {
      return NOT_TLS;
    }
    if (length < 5) {
      return TOO_SHORT;
    }
    int recordLength = u16(s, at + 3);
    if (recordLength == 0 || recordLength > MAX_RECORD_BYTES) {
      return ABSURD_LENGTH;
    }
    return RECORD;
  }

  /** A record type, or an SSL 2.0 header's high bit from the client. */
  @Override
  public boolean acceptsFirstByte(int direction, int b) {
    return (b >= 20 && b <= 23) || (direction == 0 && b >= 0x80);
  }

  @Override
  public int decodeStream(DecodeContext c) {
    int clientLength = c.streamLength(0);
    int serverLength = c.streamLength(1);
    int clientAnswer = NEED_MORE;
    if (clientLength > 0) {
      clientAnswer = clientHello(c, c.stream(0), c.streamOffset(0), clientLength, c.streamFull(0));
      if (clientAnswer == NO_MATCH) {
        return NO_MATCH;
      }
    }
    if (serverLength > 0) {
      MemorySegment s = c.stream(1);
      long at = c.streamOffset(1);
      int record = record(s, at, serverLength, -1);
      if (record == ABSURD_LENGTH) {
        c.error(DecodeError.LENGTH_OUT_OF_RANGE);
        return NO_MATCH;
      }
      if (record == NOT_TLS) {
        return NO_MATCH;
      }
      if (record == TOO_SHORT) {
        return clientAnswer;
      }
      if (u8(s, at) == HANDSHAKE && serverLength >= 6 && u8(s, at + 5) != 2) {
        return NO_MATCH; // a server's first handshake message is a ServerHello
      }
      if (!nextRecordFits(s, at, serverLength)) {
        return NO_MATCH;
      }
      if (clientLength > 0 && clientAnswer != NEED_MORE) {
        return clientAnswer & APPLICATION_MASK; // both sides: final
      }
      if (clientLength == 0) {
        c.nested(ApplicationCatalog.UNKNOWN);
        return provisional(application(c)); // only the server's side was seen
      }
    }
    return clientAnswer;
  }

  /** Reads the client's side: NO_MATCH, NEED_MORE or a provisional answer. */
  private int clientHello(DecodeContext c, MemorySegment s, long at, int length, boolean full) {
    int first = u8(s, at);
    if ((first & 0x80) != 0) {
      return sslv2(c, s, at, length);
    }
    if (first != HANDSHAKE) {
      return midSession(c, s, at, length, full);
    }
    int record = record(s, at, length, HANDSHAKE);
    if (record == ABSURD_LENGTH) {
      c.error(DecodeError.LENGTH_OUT_OF_RANGE);
      return NO_MATCH;
    }
    if (record == NOT_TLS) {
      return NO_MATCH;
    }
    if (record == TOO_SHORT) {
      return full ? NO_MATCH : NEED_MORE;
    }
    int recordLength = u16(s, at + 3);
    MemorySegment helloSegment = s;
    long helloAt = at + 5;
    int helloAvailable = Math.min(recordLength, length - 5);
    boolean inFirstRecord =
        length < 5 + recordLength || (length >= 9 && 4 + Bytes.u24(s, at + 6) <= recordLength);
    if (!inFirstRecord) {
      // the message continues in further records: gather their fragments
      int gathered = gather(c, s, at, length);
      if (gathered < 0) {
        c.error(DecodeError.LENGTH_OUT_OF_RANGE);
        return NO_MATCH;
      }
      helloSegment = c.workSegment();
      helloAt = 0;
      helloAvailable = gathered;
    }
    int result = hello.parse(helloSegment, helloAt, helloAvailable);
    if (result == TlsClientHello.MALFORMED) {
      c.error(DecodeError.MALFORMED);
      return NO_MATCH;
    }
    if (result == TlsClientHello.PARTIAL && hello.serverNameOffset < 0 && !full) {
      return NEED_MORE;
    }
    if (hello.serverNameOffset >= 0) {
      c.serverName(helloSegment, hello.serverNameOffset, hello.serverNameLength);
    }
    return provisional(application(c));
  }

  /** The ClientHello as last parsed (server name, ALPN, versions), for tests and tracing. */
  public TlsClientHello lastClientHello() {
    return hello;
  }

  /**
   * Copies the handshake bytes of consecutive handshake records into the work segment.
   *
   * @return bytes gathered, or -1 for a record with an impossible length
   */
  private static int gather(DecodeContext c, MemorySegment s, long at, int length) {
    MemorySegment work = c.workSegment();
    int room = (int) work.byteSize();
    int gathered = 0;
    long p = at;
    long end = at + length;
    while (p + 5 <= end && gathered < room) {
      int record = record(s, p, (int) (end - p), HANDSHAKE);
      if (record == ABSURD_LENGTH) {
        return -1;
      }
      if (record != RECORD) {
        break;
      }
      int fragment = u16(s, p + 3);
      int present = (int) Math.min(fragment, end - p - 5);
      int copy = Math.min(present, room - gathered);
      MemorySegment.copy(s, p + 5, work, gathered, copy);
      gathered += copy;
      if (present < fragment) {
        break;
      }
      p += 5 + fragment;
    }
    return gathered;
  }

  /**
   * A client stream that starts with a record other than a handshake: the capture began after the
   * handshake. Provisional junos:SSL when the record header holds and the next record, if it has
   * arrived, starts right after it.
   */
  private int midSession(DecodeContext c, MemorySegment s, long at, int length, boolean full) {
    int record = record(s, at, length, -1);
    if (record == ABSURD_LENGTH) {
      c.error(DecodeError.LENGTH_OUT_OF_RANGE);
      return NO_MATCH;
    }
    if (record == NOT_TLS) {
      return NO_MATCH;
    }
    if (record == TOO_SHORT) {
      return full ? NO_MATCH : NEED_MORE;
    }
    return nextRecordFits(s, at, length) ? provisional(application(c)) : NO_MATCH;
  }

  /** True when the record after the first one, if present, has a valid header. */
  private static boolean nextRecordFits(MemorySegment s, long at, int length) {
    int first = u16(s, at + 3);
    int next = 5 + first;
    if (length <= next) {
      return true;
    }
    int record = record(s, at + next, length - next, -1);
    return record == RECORD || record == TOO_SHORT;
  }

  private int sslv2(DecodeContext c, MemorySegment s, long at, int length) {
    // | 1 | length (15) | msg_type 1 CLIENT-HELLO | version (2) | cipher_specs len (2) | ...
    if (length < 5) {
      return NEED_MORE;
    }
    int recordLength = u16(s, at) & 0x7fff;
    int version = u16(s, at + 3);
    if (u8(s, at + 2) != 1 || recordLength < 9 || (version != 0x0002 && (version >>> 8) != 3)) {
      return NO_MATCH;
    }
    return provisional(ssl);
  }

  /**
   * The application of TLS to the server's port; when the capture began with the server's packet
   * the well-known port is the "client's", so that one is tried second.
   */
  private int application(DecodeContext c) {
    int byPort = c.catalog().sslApplication(c.serverPort());
    if (byPort < 0 && c.clientPort() < c.serverPort()) {
      byPort = c.catalog().sslApplication(c.clientPort());
    }
    return byPort >= 0 ? byPort : ssl;
  }
}
