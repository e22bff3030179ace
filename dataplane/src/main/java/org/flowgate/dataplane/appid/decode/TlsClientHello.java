package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.u16;
import static org.flowgate.dataplane.appid.decode.Bytes.u24;
import static org.flowgate.dataplane.appid.decode.Bytes.u8;

import java.lang.foreign.MemorySegment;

/**
 * Reads a TLS ClientHello handshake message (RFC 8446 §4.1.2; RFC 5246 §7.4.1.2 for TLS 1.2) for
 * what application identification needs: the server name (RFC 6066 §3), the first ALPN protocol
 * (RFC 7301) and the versions offered (RFC 8446 §4.2.1). Used over TLS records by {@link
 * TlsDecoder} and over QUIC CRYPTO frames by {@link QuicDecoder}. A flyweight: {@link #parse} fills
 * the fields, offsets point into the parsed segment.
 *
 * <pre>
 *  handshake  | msg_type = 1 | length (24) | body ...
 *  body       | legacy_version (2) | random (32) | session_id len (1) + id (0..32)
 *             | cipher_suites len (2) + suites | compression len (1) + methods
 *             | extensions len (2) | extension: type (2) | length (2) | data ... |
 *  server_name (type 0):           | list len (2) | name_type 0 | name len (2) | host_name ... |
 *  ALPN (type 16):                 | list len (2) | proto len (1) | proto ... | ... |
 *  supported_versions (type 43):   | list len (1) | version (2) ... |
 * </pre>
 *
 * <p>Partial input is read as far as it goes: a server name that arrived is found even when the
 * rest of the message has not.
 *
 * <p>Thread: one per decoder, confined to its SPU.
 */
public final class TlsClientHello {
  /** The message is a ClientHello and was read to its end. */
  public static final int COMPLETE = 1;

  /** A ClientHello so far; its end has not arrived. */
  public static final int PARTIAL = 0;

  /** Not a ClientHello, or a field runs past the message. */
  public static final int MALFORMED = -1;

  private static final int EXTENSION_SERVER_NAME = 0;
  private static final int EXTENSION_ALPN = 16;
  private static final int EXTENSION_SUPPORTED_VERSIONS = 43;

  /** {@code legacy_version} of the body, e.g. 0x0303. */
  public int legacyVersion;

  /** Highest version in supported_versions (0x0304 for TLS 1.3), or {@link #legacyVersion}. */
  public int highestVersion;

  /** Offset of the server name in the parsed segment, or -1. */
  public long serverNameOffset;

  public int serverNameLength;

  /** Offset of the first ALPN protocol name, or -1. */
  public long alpnOffset;

  public int alpnLength;

  /** Declared body length of the message. */
  public int declaredLength;

  /**
   * Parses a handshake message that starts at {@code at}, of which {@code available} bytes are
   * present.
   *
   * @return {@link #COMPLETE}, {@link #PARTIAL} or {@link #MALFORMED}
   */
  public int parse(MemorySegment s, long at, int available) {
    legacyVersion = 0;
    highestVersion = 0;
    serverNameOffset = -1;
    serverNameLength = 0;
    alpnOffset = -1;
    alpnLength = 0;
    declaredLength = 0;
    if (available < 1) {
      return PARTIAL;
    }
    if (u8(s, at) != 1) {
      return MALFORMED;
    }
    if (available < 4) {
      return PARTIAL;
    }
    declaredLength = u24(s, at + 1);
    if (declaredLength < 38) {
      return MALFORMED;
    }
    long body = at + 4;
    long end = body + declaredLength; // the message's end
    long present = at + available; // what has arrived
    long limit = Math.min(end, present);
    if (limit - body < 2) {
      return PARTIAL;
    }
    legacyVersion = u16(s, body);
    highestVersion = legacyVersion;
    if ((legacyVersion >>> 8) != 3) {
      return MALFORMED;
    }
    long p = body + 2 + 32;
    // session id
    if (p + 1 > limit) {
      return PARTIAL;
    }
    int sessionIdLength = u8(s, p);
    if (sessionIdLength > 32) {
      return MALFORMED;
    }
    p += 1 + sessionIdLength;
    // cipher suites
    if (p + 2 > limit) {
      return p + 2 > end ? MALFORMED : PARTIAL;
    }
    int suitesLength = u16(s, p);
    if (suitesLength < 2 || (suitesLength & 1) != 0) {
      return MALFORMED;
    }
    p += 2 + suitesLength;
    // compression methods
    if (p + 1 > limit) {
      return p + 1 > end ? MALFORMED : PARTIAL;
    }
    int compressionLength = u8(s, p);
    if (compressionLength < 1) {
      return MALFORMED;
    }
    p += 1 + compressionLength;
    if (p == end) {
      return COMPLETE; // no extensions (TLS 1.0-1.2 allow it)
    }
    if (p + 2 > limit) {
      return p + 2 > end ? MALFORMED : PARTIAL;
    }
    long extensionsEnd = p + 2 + u16(s, p);
    if (extensionsEnd > end) {
      return MALFORMED;
    }
    p += 2;
    while (p + 4 <= Math.min(extensionsEnd, present)) {
      int type = u16(s, p);
      int length = u16(s, p + 2);
      long data = p + 4;
      if (data + length > extensionsEnd) {
        return MALFORMED;
      }
      if (data + length <= present) {
        switch (type) {
          case EXTENSION_SERVER_NAME -> serverName(s, data, length);
          case EXTENSION_ALPN -> alpn(s, data, length);
          case EXTENSION_SUPPORTED_VERSIONS -> supportedVersions(s, data, length);
          default -> {}
        }
      }
      p = data + length;
    }
    return end <= present ? COMPLETE : PARTIAL;
  }

  private void serverName(MemorySegment s, long data, int length) {
    if (length < 5) {
      return;
    }
    int listLength = u16(s, data);
    long p = data + 2;
    long listEnd = data + 2 + Math.min(listLength, length - 2);
    while (p + 3 <= listEnd) {
      int nameType = u8(s, p);
      int nameLength = u16(s, p + 1);
      if (p + 3 + nameLength > listEnd) {
        return;
      }
      if (nameType == 0 && nameLength > 0 && validHost(s, p + 3, nameLength)) {
        serverNameOffset = p + 3;
        serverNameLength = nameLength;
        return;
      }
      p += 3 + nameLength;
    }
  }

  private static boolean validHost(MemorySegment s, long at, int length) {
    if (length > 255) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (!Bytes.hostByte(u8(s, at + i))) {
        return false;
      }
    }
    return true;
  }

  private void alpn(MemorySegment s, long data, int length) {
    if (length < 3) {
      return;
    }
    int listLength = u16(s, data);
    int first = u8(s, data + 2);
    if (listLength + 2 <= length && first > 0 && 1 + first <= listLength) {
      alpnOffset = data + 3;
      alpnLength = first;
    }
  }

  private void supportedVersions(MemorySegment s, long data, int length) {
    if (length < 3) {
      return;
    }
    int listLength = u8(s, data);
    for (int i = 0; i + 1 < listLength && 1 + i + 1 < length; i += 2) {
      int version = u16(s, data + 1 + i);
      if ((version & 0x0f0f) == 0x0a0a) {
        continue; // GREASE (RFC 8701)
      }
      if ((version >>> 8) == 3 && version > highestVersion) {
        highestVersion = version;
      }
    }
  }
}
