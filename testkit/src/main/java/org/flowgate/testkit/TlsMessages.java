package org.flowgate.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * TLS handshake records for captures that need a real TLS start (RFC 8446): a ClientHello naming a
 * server (server_name, RFC 6066 §3) and a ServerHello, each in one handshake record.
 *
 * <pre>
 *  record     type 22 (handshake) | version 0x0301 | length(2) | handshake message
 *  message    type (1 ClientHello, 2 ServerHello) | length(3) | body
 *  ClientHello body  version 0x0303 | random(32) | session id(0) | suites 0x1301 0x1302
 *                    | compression null | extensions: server_name, supported_versions (TLS 1.3)
 *  ServerHello body  version 0x0303 | random(32) | session id(0) | suite 0x1301 | null
 *                    | extensions: supported_versions (TLS 1.3)
 * </pre>
 */
public final class TlsMessages {
  private TlsMessages() {}

  /** A ClientHello naming {@code serverName}, in a handshake record. */
  public static byte[] clientHello(String serverName) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {3, 3});
    body.writeBytes(new byte[32]);
    body.write(0);
    body.writeBytes(new byte[] {0, 4, 0x13, 0x01, 0x13, 0x02});
    body.writeBytes(new byte[] {1, 0});
    byte[] name = serverName.getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream extensions = new ByteArrayOutputStream();
    // server_name: list length, host_name (0), name length, name
    extension(extensions, 0, concat(u16(name.length + 3), new byte[] {0}, u16(name.length), name));
    extension(extensions, 43, new byte[] {2, 3, 4}); // supported_versions: TLS 1.3
    byte[] ext = extensions.toByteArray();
    body.writeBytes(u16(ext.length));
    body.writeBytes(ext);
    return record(handshake(1, body.toByteArray()));
  }

  /** A ServerHello choosing TLS 1.3, in a handshake record. */
  public static byte[] serverHello() {
    byte[] body =
        concat(
            new byte[] {3, 3},
            new byte[32],
            new byte[] {0, 0x13, 0x01, 0},
            u16(6),
            new byte[] {0, 43, 0, 2, 3, 4});
    return record(handshake(2, body));
  }

  private static byte[] handshake(int type, byte[] body) {
    return concat(
        new byte[] {
          (byte) type, (byte) (body.length >>> 16), (byte) (body.length >>> 8), (byte) body.length
        },
        body);
  }

  private static byte[] record(byte[] fragment) {
    return concat(new byte[] {22, 3, 1}, u16(fragment.length), fragment);
  }

  private static void extension(ByteArrayOutputStream out, int type, byte[] data) {
    out.writeBytes(u16(type));
    out.writeBytes(u16(data.length));
    out.writeBytes(data);
  }

  private static byte[] u16(int value) {
    return new byte[] {(byte) (value >>> 8), (byte) value};
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
