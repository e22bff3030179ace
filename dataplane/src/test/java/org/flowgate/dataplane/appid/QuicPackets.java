package org.flowgate.dataplane.appid;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Test code: protects client Initial packets (RFC 9001 §5), written independently of the decryptor
 * under test, for the cases the RFC's single packet does not cover (a ClientHello in two Initials,
 * QUIC version 2).
 */
final class QuicPackets {
  static final int VERSION_1 = 1;
  static final int VERSION_2 = 0x6b3343cf;

  private QuicPackets() {}

  /** A CRYPTO frame (RFC 9000 §19.6) with 2-byte varints. */
  static byte[] crypto(int offset, byte[] data) {
    return Payloads.concat(
        new byte[] {6}, Payloads.u16(0x4000 | offset), Payloads.u16(0x4000 | data.length), data);
  }

  /** A protected client Initial carrying {@code frames} (padded to 1200 bytes). */
  static byte[] clientInitial(int version, byte[] dcid, long packetNumber, byte[] frames)
      throws GeneralSecurityException {
    int pnLength = 2;
    byte[] payload = frames;
    int headerGuess = 1 + 4 + 1 + dcid.length + 1 + 1 + 2 + pnLength;
    if (headerGuess + payload.length + 16 < 1200) {
      payload = Payloads.concat(payload, new byte[1200 - headerGuess - payload.length - 16]);
    }
    int type = version == VERSION_2 ? 1 : 0;
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    header.write(0xc0 | type << 4 | (pnLength - 1));
    header.writeBytes(Payloads.u32(version));
    header.write(dcid.length);
    header.writeBytes(dcid);
    header.write(0); // no source connection id
    header.write(0); // no token
    header.writeBytes(Payloads.u16(0x4000 | (pnLength + payload.length + 16)));
    int pnOffset = header.size();
    header.writeBytes(Payloads.u16((int) packetNumber));
    byte[] head = header.toByteArray();

    String prefix = version == VERSION_2 ? "quicv2 " : "quic ";
    byte[] salt =
        HexFormat.of()
            .parseHex(
                version == VERSION_2
                    ? "0dede3def700a6db819381be6e269dcbf9bd2ed9"
                    : "38762cf7f55934b34d179ae6a4c80cadccbb7f0a");
    byte[] initial = hmac(salt, dcid);
    byte[] secret = expandLabel(initial, "client in", 32);
    byte[] key = expandLabel(secret, prefix + "key", 16);
    byte[] iv = expandLabel(secret, prefix + "iv", 12);
    byte[] hp = expandLabel(secret, prefix + "hp", 16);

    byte[] nonce = iv.clone();
    for (int i = 0; i < 8; i++) {
      nonce[11 - i] ^= (byte) (packetNumber >>> (8 * i));
    }
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
    gcm.updateAAD(head);
    byte[] sealed = gcm.doFinal(payload);

    Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
    ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(hp, "AES"));
    byte[] mask = ecb.doFinal(sealed, 4 - pnLength, 16);
    head[0] ^= (byte) (mask[0] & 0x0f);
    for (int i = 0; i < pnLength; i++) {
      head[pnOffset + i] ^= mask[1 + i];
    }
    return Payloads.concat(head, sealed);
  }

  private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data);
  }

  /** HKDF-Expand-Label (RFC 8446 §7.1), empty context, one block. */
  private static byte[] expandLabel(byte[] secret, String label, int length)
      throws GeneralSecurityException {
    byte[] full = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
    byte[] info =
        Payloads.concat(
            Payloads.u16(length), new byte[] {(byte) full.length}, full, new byte[] {0, 1});
    return java.util.Arrays.copyOf(hmac(secret, info), length);
  }
}
