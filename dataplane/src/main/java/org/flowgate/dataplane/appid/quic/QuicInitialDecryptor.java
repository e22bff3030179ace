package org.flowgate.dataplane.appid.quic;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Removes the protection of a QUIC Initial packet (RFC 9001 §5: Initial secrets §5.2, AEAD §5.3,
 * header protection §5.4), for QUIC version 1 (RFC 9000), version 2 (RFC 9369 §3.3, §3.3.1) and the
 * drafts 23 to 32, with the JDK's HMAC-SHA256 (HKDF, RFC 5869, by hand), AES-ECB and AES-128-GCM.
 *
 * <pre>
 *  long header: | 1 | 1 | type (2) | reserved (2) | pn length (2) | version (4) |
 *               | DCID len (1) &lt;= 20 | DCID | SCID len (1) &lt;= 20 | SCID |
 *               | token length (varint) | token | length (varint) | packet number (1-4) | payload |
 *  type: Initial = 0 (v1, drafts), 1 (v2)
 *
 *  initial_secret = HKDF-Extract(salt(version), original DCID)
 *  client_secret  = HKDF-Expand-Label(initial_secret, "client in", "", 32)   ("server in")
 *  key / iv / hp  = HKDF-Expand-Label(secret, "quic key" | "quic iv" | "quic hp", "", 16 | 12 | 16)
 *                   ("quicv2 key" ... for version 2)
 *  mask  = AES-ECB(hp, sample = 16 bytes at pn offset + 4)
 *  first byte ^= mask[0] &amp; 0x0f;  packet number bytes ^= mask[1..]
 *  nonce = iv XOR packet number;  payload = AES-128-GCM-Open(key, nonce, aad = header, ciphertext)
 * </pre>
 *
 * <p>Per packet this makes a few JCE objects (key specs, the GCM parameters, and what Cipher.init
 * makes inside): the one allocation on the inspection path, bounded by the inspection limit's
 * packets per QUIC session. The Mac and Cipher instances are made once per SPU.
 *
 * <p>Thread: one per SPU; not thread-safe.
 */
public final class QuicInitialDecryptor {
  /** {@link #decrypt} failures (negative). */
  public static final int NOT_LONG_HEADER = -1;

  public static final int UNSUPPORTED_VERSION = -2;
  public static final int NOT_INITIAL = -3;
  public static final int BAD_HEADER = -4;
  public static final int DECRYPTION_FAILED = -5;
  public static final int CRYPTO_UNAVAILABLE = -6;

  public static final int VERSION_1 = 0x0000_0001;
  public static final int VERSION_2 = 0x6b33_43cf;

  /** Largest datagram decrypted (a QUIC Initial is at least 1200 and rarely over 1500 bytes). */
  public static final int MAX_PACKET_BYTES = 4096;

  private static final byte[] SALT_V1 = hex("38762cf7f55934b34d179ae6a4c80cadccbb7f0a");
  private static final byte[] SALT_V2 = hex("0dede3def700a6db819381be6e269dcbf9bd2ed9");
  private static final byte[] SALT_DRAFT_29 = hex("afbfec289993d24c9e9786f19c6111e04390a899");
  private static final byte[] SALT_DRAFT_23 = hex("c3eef712c72ebb5a11a7d2432bb46365bef9f502");

  // Looked up at the first Initial to decrypt, not when an SPU starts: the first lookup in a JVM
  // loads the JCE providers, tens of milliseconds of a short replay's start (docs/adr/0042).
  private boolean cryptoLookedUp;
  private Mac hmac;
  private Cipher ecb;
  private Cipher gcm;

  private final byte[] packet = new byte[MAX_PACKET_BYTES];
  private final byte[] prk = new byte[32];
  private final byte[] secret = new byte[32];
  private final byte[] key = new byte[16];
  private final byte[] iv = new byte[12];
  private final byte[] hp = new byte[16];
  private final byte[] nonce = new byte[12];
  private final byte[] mask = new byte[16];
  private final byte[] block = new byte[32];
  private final byte[] info = new byte[64];

  /** Version of the last packet looked at. */
  private int version;

  /** Offset of the first payload byte after a successful {@link #decrypt}, in the packet. */
  private int headerBytes;

  private int destinationIdOffset;
  private int destinationIdLength;

  public QuicInitialDecryptor() {}

  /** Finds the three primitives once; false when this JDK lacks them. */
  private boolean cryptoAvailable() {
    if (cryptoLookedUp) {
      return hmac != null;
    }
    cryptoLookedUp = true;
    Mac mac;
    Cipher aesEcb;
    Cipher aesGcm;
    try {
      mac = Mac.getInstance("HmacSHA256");
      aesEcb = Cipher.getInstance("AES/ECB/NoPadding");
      aesGcm = Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      mac = null; // every JDK has these; without them QUIC Initials are counted as undecryptable
      aesEcb = null;
      aesGcm = null;
    }
    this.hmac = mac;
    this.ecb = aesEcb;
    this.gcm = aesGcm;
    return mac != null;
  }

  /** True for a version this class can decrypt (1, 2, drafts 23-32). */
  public static boolean supported(int version) {
    return salt(version) != null;
  }

  /** True for a Google QUIC version tag ("Q0" then two digits). */
  public static boolean googleQuic(int version) {
    return (version >>> 16) == 0x5130
        && ((version >>> 8) & 0xff) >= '0'
        && ((version >>> 8) & 0xff) <= '9'
        && (version & 0xff) >= '0'
        && (version & 0xff) <= '9';
  }

  private static byte[] salt(int version) {
    if (version == VERSION_1) {
      return SALT_V1;
    }
    if (version == VERSION_2) {
      return SALT_V2;
    }
    if (version >= 0xff00_001d && version <= 0xff00_0020) {
      return SALT_DRAFT_29;
    }
    if (version >= 0xff00_0017 && version <= 0xff00_001c) {
      return SALT_DRAFT_23;
    }
    return null;
  }

  /**
   * Decrypts the Initial packet at the start of {@code [at, at + length)} (later coalesced packets
   * are left alone), sent by the client ({@code fromServer} false) or the server, with keys from
   * {@code originalDestinationId} (null: the packet's own DCID, right for a client's first flight).
   *
   * @param out receives the plaintext payload (frames)
   * @return plaintext bytes written, or a negative failure
   */
  public int decrypt(
      MemorySegment s,
      long at,
      int length,
      byte[] out,
      byte[] originalDestinationId,
      boolean fromServer) {
    version = 0;
    if (length < 7) {
      return NOT_LONG_HEADER;
    }
    int first = s.get(ValueLayout.JAVA_BYTE, at) & 0xff;
    if ((first & 0x80) == 0) {
      return NOT_LONG_HEADER;
    }
    version =
        (s.get(ValueLayout.JAVA_BYTE, at + 1) & 0xff) << 24
            | (s.get(ValueLayout.JAVA_BYTE, at + 2) & 0xff) << 16
            | (s.get(ValueLayout.JAVA_BYTE, at + 3) & 0xff) << 8
            | (s.get(ValueLayout.JAVA_BYTE, at + 4) & 0xff);
    byte[] salt = salt(version);
    if (salt == null) {
      return UNSUPPORTED_VERSION;
    }
    int type = (first >>> 4) & 3;
    if (type != (version == VERSION_2 ? 1 : 0)) {
      return NOT_INITIAL;
    }
    if (!cryptoAvailable()) {
      return CRYPTO_UNAVAILABLE;
    }
    int copied = Math.min(length, MAX_PACKET_BYTES);
    MemorySegment.copy(s, ValueLayout.JAVA_BYTE, at, packet, 0, copied);
    // header fields
    int p = 5;
    int dcidLength = packet[p] & 0xff;
    if (dcidLength > 20 || p + 1 + dcidLength + 1 > copied) {
      return BAD_HEADER;
    }
    destinationIdOffset = p + 1;
    destinationIdLength = dcidLength;
    p += 1 + dcidLength;
    int scidLength = packet[p] & 0xff;
    if (scidLength > 20 || p + 1 + scidLength > copied) {
      return BAD_HEADER;
    }
    p += 1 + scidLength;
    long tokenLength = varint(p, copied);
    if (tokenLength < 0) {
      return BAD_HEADER;
    }
    p += varintBytes(p);
    if (tokenLength > copied - p) {
      return BAD_HEADER;
    }
    p += (int) tokenLength;
    long payloadLength = varint(p, copied);
    if (payloadLength < 0) {
      return BAD_HEADER;
    }
    p += varintBytes(p);
    int pnOffset = p;
    if (payloadLength < 20 || payloadLength > copied - pnOffset) {
      return BAD_HEADER;
    }
    if (originalDestinationId == null && dcidLength < 8 && !fromServer) {
      return BAD_HEADER; // RFC 9000 §7.2: a client's first DCID has at least 8 bytes
    }
    try {
      deriveKeys(salt, originalDestinationId, fromServer);
      // header protection
      ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(hp, "AES"));
      ecb.doFinal(packet, pnOffset + 4, 16, mask, 0);
      int unprotectedFirst = first ^ (mask[0] & 0x0f);
      int pnLength = (unprotectedFirst & 3) + 1;
      packet[0] = (byte) unprotectedFirst;
      long packetNumber = 0;
      for (int i = 0; i < pnLength; i++) {
        packet[pnOffset + i] ^= mask[1 + i];
        packetNumber = packetNumber << 8 | (packet[pnOffset + i] & 0xff);
      }
      System.arraycopy(iv, 0, nonce, 0, 12);
      for (int i = 0; i < 8; i++) {
        nonce[11 - i] ^= (byte) (packetNumber >>> (8 * i));
      }
      headerBytes = pnOffset + pnLength;
      int sealed = (int) payloadLength - pnLength;
      if (sealed < 16 || sealed - 16 > out.length) {
        return BAD_HEADER;
      }
      gcm.init(
          Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
      gcm.updateAAD(packet, 0, headerBytes);
      return gcm.doFinal(packet, headerBytes, sealed, out, 0);
    } catch (GeneralSecurityException | IllegalStateException e) {
      return DECRYPTION_FAILED;
    }
  }

  private void deriveKeys(byte[] salt, byte[] originalDestinationId, boolean fromServer)
      throws GeneralSecurityException {
    // HKDF-Extract(salt, IKM) = HMAC(salt, IKM)
    hmac.init(new SecretKeySpec(salt, "HmacSHA256"));
    if (originalDestinationId != null) {
      hmac.update(originalDestinationId);
    } else {
      hmac.update(packet, destinationIdOffset, destinationIdLength);
    }
    hmac.doFinal(prk, 0);
    expandLabel(prk, fromServer ? "server in" : "client in", secret, 32);
    boolean v2 = version == VERSION_2;
    expandLabel(secret, v2 ? "quicv2 key" : "quic key", key, 16);
    expandLabel(secret, v2 ? "quicv2 iv" : "quic iv", iv, 12);
    expandLabel(secret, v2 ? "quicv2 hp" : "quic hp", hp, 16);
  }

  /**
   * HKDF-Expand-Label (RFC 8446 §7.1) with an empty context, for outputs of at most 32 bytes (one
   * HMAC block): HKDF-Expand(secret, | length (2) | 6 + label length | "tls13 " label | 0 |, n).
   */
  private void expandLabel(byte[] pseudoRandomKey, String label, byte[] output, int length)
      throws GeneralSecurityException {
    int n = 0;
    info[n++] = (byte) (length >>> 8);
    info[n++] = (byte) length;
    info[n++] = (byte) (6 + label.length());
    info[n++] = 't';
    info[n++] = 'l';
    info[n++] = 's';
    info[n++] = '1';
    info[n++] = '3';
    info[n++] = ' ';
    for (int i = 0; i < label.length(); i++) {
      info[n++] = (byte) label.charAt(i);
    }
    info[n++] = 0; // empty context
    info[n++] = 1; // T(1) counter
    hmac.init(new SecretKeySpec(pseudoRandomKey, 0, 32, "HmacSHA256"));
    hmac.update(info, 0, n);
    hmac.doFinal(block, 0);
    System.arraycopy(block, 0, output, 0, length);
  }

  private long varint(int at, int limit) {
    if (at >= limit) {
      return -1;
    }
    int bytes = varintBytes(at);
    if (at + bytes > limit) {
      return -1;
    }
    long value = packet[at] & 0x3f;
    for (int i = 1; i < bytes; i++) {
      value = value << 8 | (packet[at + i] & 0xff);
    }
    return value;
  }

  private int varintBytes(int at) {
    return 1 << ((packet[at] & 0xff) >>> 6);
  }

  /** Version of the last packet given to {@link #decrypt}. */
  public int version() {
    return version;
  }

  /** Packet-number-protected header length of the last successful decryption. */
  public int headerBytes() {
    return headerBytes;
  }

  /** Keys derived for the last packet (copies, for tests). */
  public byte[] lastKey() {
    return Arrays.copyOf(key, key.length);
  }

  public byte[] lastIv() {
    return Arrays.copyOf(iv, iv.length);
  }

  public byte[] lastHeaderProtectionKey() {
    return Arrays.copyOf(hp, hp.length);
  }

  private static byte[] hex(String text) {
    byte[] bytes = new byte[text.length() / 2];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) Integer.parseInt(text, i * 2, i * 2 + 2, 16);
    }
    return bytes;
  }
}
