package org.flowgate.dataplane.appid;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Protocol payloads for tests, built byte by byte from their specifications. */
final class Payloads {
  private Payloads() {}

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] hex(String text) {
    return HexFormat.of().parseHex(text.replaceAll("\\s", ""));
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  static byte[] slice(byte[] bytes, int from, int to) {
    return java.util.Arrays.copyOfRange(bytes, from, to);
  }

  /**
   * A TLS 1.3-style ClientHello handshake message (RFC 8446 §4.1.2) with server_name, ALPN,
   * supported_versions and a padding extension of {@code paddingBytes} (RFC 7685).
   */
  static byte[] clientHello(String serverName, String alpn, int paddingBytes) {
    return clientHello(serverName, alpn, paddingBytes, false);
  }

  /**
   * A ClientHello as above; {@code paddingFirst} puts the padding extension (standing for a large
   * post-quantum key share) before server_name, so that the name comes late in the message.
   */
  static byte[] clientHello(
      String serverName, String alpn, int paddingBytes, boolean paddingFirst) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {3, 3});
    body.writeBytes(new byte[32]); // random
    body.write(0); // session id
    body.writeBytes(new byte[] {0, 4, 0x13, 0x01, 0x13, 0x02}); // cipher suites
    body.writeBytes(new byte[] {1, 0}); // compression: null
    ByteArrayOutputStream extensions = new ByteArrayOutputStream();
    if (paddingFirst && paddingBytes > 0) {
      extension(extensions, 21, new byte[paddingBytes]);
    }
    if (serverName != null) {
      byte[] name = ascii(serverName);
      extension(
          extensions, 0, concat(u16(name.length + 3), new byte[] {0}, u16(name.length), name));
    }
    if (alpn != null) {
      byte[] protocol = ascii(alpn);
      extension(
          extensions,
          16,
          concat(u16(protocol.length + 1), new byte[] {(byte) protocol.length}, protocol));
    }
    extension(extensions, 43, new byte[] {4, 0x0a, 0x0a, 3, 4}); // GREASE, TLS 1.3
    if (!paddingFirst && paddingBytes > 0) {
      extension(extensions, 21, new byte[paddingBytes]);
    }
    byte[] ext = extensions.toByteArray();
    body.writeBytes(u16(ext.length));
    body.writeBytes(ext);
    byte[] b = body.toByteArray();
    return concat(
        new byte[] {1, (byte) (b.length >>> 16), (byte) (b.length >>> 8), (byte) b.length}, b);
  }

  /** {@code handshake} in one TLS handshake record. */
  static byte[] record(int type, byte[] fragment) {
    return concat(new byte[] {(byte) type, 3, 1}, u16(fragment.length), fragment);
  }

  /** A ServerHello in a handshake record. */
  static byte[] serverHello() {
    byte[] body =
        concat(
            new byte[] {3, 3},
            new byte[32],
            new byte[] {0, 0x13, 0x01, 0},
            u16(6),
            new byte[] {0, 43, 0, 2, 3, 4});
    return record(
        22, concat(new byte[] {2, 0, (byte) (body.length >>> 8), (byte) body.length}, body));
  }

  static byte[] u16(int value) {
    return new byte[] {(byte) (value >>> 8), (byte) value};
  }

  static byte[] u32(long value) {
    return new byte[] {
      (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value
    };
  }

  private static void extension(ByteArrayOutputStream out, int type, byte[] data) {
    out.writeBytes(u16(type));
    out.writeBytes(u16(data.length));
    out.writeBytes(data);
  }
}
