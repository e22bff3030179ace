package org.flowgate.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A TLS ClientHello with a server name and its ServerHello (RFC 8446 §4.1.2, §4.1.3; server_name
 * RFC 6066 §3; ALPN RFC 7301), each in one handshake record, for captures that need TLS an
 * identification can read.
 *
 * <pre>
 *  record      type 22 (handshake) | version 3.1 | length u16 | handshake message
 *  ClientHello 1 | length u24 | version 3.3 | random[32] | session id len 0
 *              | cipher suites len 4: 0x1301 0x1302 | compression len 1: null
 *              | extensions len u16: server_name (0), ALPN (16, when given),
 *                supported_versions (43): TLS 1.3
 *  ServerHello 2 | length u24 | version 3.3 | random[32] | session id len 0 | 0x1301 | null
 *              | extensions: supported_versions (43): TLS 1.3
 * </pre>
 */
public final class TlsMessages {
  private TlsMessages() {}

  /** A ClientHello naming {@code serverName}, without ALPN. */
  public static byte[] clientHello(String serverName) {
    return clientHello(serverName, null);
  }

  /** A ClientHello naming {@code serverName}, offering {@code alpn} (null: no ALPN). */
  public static byte[] clientHello(String serverName, String alpn) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {3, 3});
    body.writeBytes(new byte[32]);
    body.write(0);
    body.writeBytes(new byte[] {0, 4, 0x13, 0x01, 0x13, 0x02});
    body.writeBytes(new byte[] {1, 0});
    ByteArrayOutputStream extensions = new ByteArrayOutputStream();
    byte[] name = serverName.getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream list = new ByteArrayOutputStream();
    list.writeBytes(u16(name.length + 3));
    list.write(0); // host_name
    list.writeBytes(u16(name.length));
    list.writeBytes(name);
    extension(extensions, 0, list.toByteArray());
    if (alpn != null) {
      byte[] protocol = alpn.getBytes(StandardCharsets.US_ASCII);
      ByteArrayOutputStream protocols = new ByteArrayOutputStream();
      protocols.writeBytes(u16(protocol.length + 1));
      protocols.write(protocol.length);
      protocols.writeBytes(protocol);
      extension(extensions, 16, protocols.toByteArray());
    }
    extension(extensions, 43, new byte[] {2, 3, 4});
    byte[] ext = extensions.toByteArray();
    body.writeBytes(u16(ext.length));
    body.writeBytes(ext);
    return record(handshake(1, body.toByteArray()));
  }

  /** A ServerHello choosing TLS 1.3 and TLS_AES_128_GCM_SHA256. */
  public static byte[] serverHello() {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {3, 3});
    body.writeBytes(new byte[32]);
    body.writeBytes(new byte[] {0, 0x13, 0x01, 0});
    body.writeBytes(u16(6));
    body.writeBytes(new byte[] {0, 43, 0, 2, 3, 4});
    return record(handshake(2, body.toByteArray()));
  }

  private static byte[] handshake(int type, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(type);
    out.write(body.length >>> 16);
    out.write(body.length >>> 8);
    out.write(body.length);
    out.writeBytes(body);
    return out.toByteArray();
  }

  private static byte[] record(byte[] fragment) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {22, 3, 1});
    out.writeBytes(u16(fragment.length));
    out.writeBytes(fragment);
    return out.toByteArray();
  }

  private static void extension(ByteArrayOutputStream out, int type, byte[] data) {
    out.writeBytes(u16(type));
    out.writeBytes(u16(data.length));
    out.writeBytes(data);
  }

  private static byte[] u16(int value) {
    return new byte[] {(byte) (value >>> 8), (byte) value};
  }
}
