package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.ascii;
import static org.flowgate.dataplane.appid.decode.Bytes.u32;
import static org.flowgate.dataplane.appid.decode.Bytes.u32le;
import static org.flowgate.dataplane.appid.decode.Bytes.u8;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.DecodeContext;
import org.flowgate.dataplane.appid.DecodeError;
import org.flowgate.dataplane.appid.ProtocolDecoder;
import org.flowgate.dataplane.appid.quic.QuicInitialDecryptor;

/**
 * QUIC over UDP: {@code junos:QUIC}, with the nested application of the server name in the
 * ClientHello of the client's Initial packets (IETF QUIC v1, v2 and drafts, decrypted by {@link
 * QuicInitialDecryptor}), or in the CHLO of Google QUIC (Q043, Q046: sent in clear).
 *
 * <pre>
 *  client Initial (decrypted payload): frames, RFC 9000 §19
 *    PADDING 0x00 | PING 0x01 | ACK 0x02/0x03 | CRYPTO 0x06: offset (varint) | length (varint) | data
 *    CRYPTO data, reassembled by offset into the client stream (a ClientHello may span two
 *    Initials), is a TLS ClientHello ({@link TlsClientHello})          -&gt; provisional
 *  server: a long-header packet of a QUIC version, or version negotiation  -&gt; provisional, and so
 *    final with the client's
 *
 *  Google QUIC Q043: | flags (0x09: version, 8-byte CID) | CID (8) | "Q043" | pn | hash (12) | ...
 *           Q046: | 0xc3 | "Q046" | 0x50 | CID (8) | pn (4) | ...
 *    then a STREAM frame (first byte 0xa0 / 0xa4 ...) holding "CHLO" | tag count (2, LE) | 0 0 |
 *    tags: name (4) | end offset (4, LE) ... | values; tag "SNI\0" is the server name
 * </pre>
 *
 * Initials that fail decryption are counted ({@link DecodeError#QUIC_DECRYPTION}), never thrown.
 */
public final class QuicDecoder extends ProtocolDecoder {
  private static final byte[] CHLO = ascii("CHLO");
  private static final int SNI_TAG = 0x534e_4900; // "SNI\0"

  private final int quic;
  private final TlsClientHello hello = new TlsClientHello();

  public QuicDecoder(ApplicationCatalog catalog) {
    super("quic");
    this.quic = catalog.requireId("junos:QUIC");
  }

  @Override
  public boolean udp() {
    return true;
  }

  @Override
  public int decodeDatagram(
      DecodeContext c, int direction, MemorySegment s, long offset, int length) {
    if (length < 20) {
      return NO_MATCH;
    }
    int first = u8(s, offset);
    if (direction == 1) {
      return server(s, offset, length, first);
    }
    if ((first & 0x80) != 0) {
      int version = (int) u32(s, offset + 1);
      if (QuicInitialDecryptor.supported(version)) {
        return ietfInitial(c, s, offset, length);
      }
      if (QuicInitialDecryptor.googleQuic(version)) {
        return version == 0x5130_3436 && u8(s, offset + 5) == 0x50
            ? chlo(c, s, offset + 30, length - 30)
            : provisional(quic); // Q050 and later encrypt the CHLO
      }
      return NO_MATCH;
    }
    // Google QUIC public header: | flags | CID (8) | version (4) | packet number ...
    if ((first & 0x01) != 0 && (first & 0x08) != 0 && length > 26 && (first & 0x80) == 0) {
      int version = (int) u32(s, offset + 9);
      if (QuicInitialDecryptor.googleQuic(version)) {
        return chlo(c, s, offset + 26, length - 26);
      }
    }
    if ((first & 0xc0) == 0x40 || ((first & 0x88) == 0x08 && (first & 0x01) == 0)) {
      return NEED_MORE; // a later packet (IETF short header, Google QUIC without version)
    }
    return NO_MATCH;
  }

  private int server(MemorySegment s, long offset, int length, int first) {
    if ((first & 0x80) == 0) {
      return NEED_MORE; // short header: says nothing without the client's Initial
    }
    int version = (int) u32(s, offset + 1);
    if (version == 0
        || QuicInitialDecryptor.supported(version)
        || QuicInitialDecryptor.googleQuic(version)) {
      return provisional(quic);
    }
    return NO_MATCH;
  }

  private int ietfInitial(DecodeContext c, MemorySegment s, long offset, int length) {
    QuicInitialDecryptor decryptor = c.quic();
    byte[] plain = c.workBytes();
    int plainLength = decryptor.decrypt(s, offset, length, plain, null, false);
    if (plainLength < 0) {
      switch (plainLength) {
        case QuicInitialDecryptor.NOT_INITIAL -> {
          return NEED_MORE; // 0-RTT or Handshake before the Initial arrived
        }
        case QuicInitialDecryptor.BAD_HEADER -> c.error(DecodeError.QUIC_HEADER);
        default -> c.error(DecodeError.QUIC_DECRYPTION);
      }
      return NO_MATCH;
    }
    MemorySegment payload = c.workSegment();
    int streamLength = 0;
    int p = 0;
    while (p < plainLength) {
      int type = payload.get(java.lang.foreign.ValueLayout.JAVA_BYTE, p) & 0xff;
      if (type == 0x00 || type == 0x01) {
        p++;
        continue;
      }
      if (type == 0x02 || type == 0x03) {
        p = skipAck(payload, p + 1, plainLength, type == 0x03);
        if (p < 0) {
          c.error(DecodeError.QUIC_FRAMES);
          return NO_MATCH;
        }
        continue;
      }
      if (type != 0x06) {
        break; // CONNECTION_CLOSE or a frame an Initial may not carry: stop reading
      }
      long cryptoOffset = varint(payload, p + 1, plainLength);
      int q = p + 1 + varintBytes(payload, p + 1);
      long cryptoLength = varint(payload, q, plainLength);
      if (cryptoOffset < 0 || cryptoLength < 0) {
        c.error(DecodeError.QUIC_FRAMES);
        return NO_MATCH;
      }
      q += varintBytes(payload, q);
      if (cryptoLength > plainLength - q) {
        c.error(DecodeError.QUIC_FRAMES);
        return NO_MATCH;
      }
      streamLength = c.placeClientStream(cryptoOffset, payload, q, (int) cryptoLength);
      p = q + (int) cryptoLength;
    }
    if (streamLength == 0) {
      streamLength = c.streamLength(0);
    }
    if (streamLength == 0) {
      return NEED_MORE;
    }
    int result = hello.parse(c.stream(0), c.streamOffset(0), streamLength);
    if (result == TlsClientHello.MALFORMED) {
      c.error(DecodeError.MALFORMED);
      return NO_MATCH;
    }
    if (result == TlsClientHello.PARTIAL && hello.serverNameOffset < 0 && !c.streamFull(0)) {
      return NEED_MORE; // the rest of the ClientHello comes in the next Initial
    }
    if (hello.serverNameOffset >= 0) {
      c.serverName(c.stream(0), hello.serverNameOffset, hello.serverNameLength);
    }
    return provisional(quic);
  }

  /** The ClientHello of the last Initial read (server name, ALPN, versions), for tests. */
  public TlsClientHello lastClientHello() {
    return hello;
  }

  private int chlo(DecodeContext c, MemorySegment s, long at, int length) {
    int window = Math.min(length, 64);
    int found = Bytes.indexOf(s, at, window, CHLO);
    if (found < 0) {
      return provisional(quic); // a Google QUIC packet without a CHLO in clear
    }
    long chlo = at + found;
    int left = length - found;
    if (left < 8) {
      return provisional(quic);
    }
    int tags = Bytes.u16le(s, chlo + 4);
    long values = chlo + 8 + 8L * tags;
    long previous = 0;
    for (int i = 0; i < tags && 8 + 8 * i + 8 <= left; i++) {
      long tag = u32(s, chlo + 8 + 8L * i);
      long end = u32le(s, chlo + 8 + 8L * i + 4);
      if (end < previous || values + end > at + length) {
        break;
      }
      if (tag == SNI_TAG && end - previous > 0 && end - previous <= 255) {
        c.serverName(s, values + previous, (int) (end - previous));
        break;
      }
      previous = end;
    }
    return provisional(quic);
  }

  private static int skipAck(MemorySegment s, int at, int limit, boolean ecn) {
    int p = at;
    long largest = varint(s, p, limit);
    if (largest < 0) {
      return -1;
    }
    p += varintBytes(s, p);
    if (varint(s, p, limit) < 0) {
      return -1;
    }
    p += varintBytes(s, p); // delay
    long ranges = varint(s, p, limit);
    if (ranges < 0 || ranges > 256) {
      return -1;
    }
    p += varintBytes(s, p);
    long fields = 1 + 2 * ranges + (ecn ? 3 : 0);
    for (long i = 0; i < fields; i++) {
      if (varint(s, p, limit) < 0) {
        return -1;
      }
      p += varintBytes(s, p);
    }
    return p;
  }

  /** RFC 9000 §16 variable-length integer at {@code at}, or -1 past {@code limit}. */
  private static long varint(MemorySegment s, int at, int limit) {
    if (at >= limit) {
      return -1;
    }
    int bytes = varintBytes(s, at);
    if (at + bytes > limit) {
      return -1;
    }
    long value = u8(s, at) & 0x3f;
    for (int i = 1; i < bytes; i++) {
      value = value << 8 | u8(s, at + i);
    }
    return value;
  }

  private static int varintBytes(MemorySegment s, int at) {
    return 1 << (u8(s, at) >>> 6);
  }
}
