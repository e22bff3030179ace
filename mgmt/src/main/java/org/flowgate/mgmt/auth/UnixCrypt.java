package org.flowgate.mgmt.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * The SHA-256 and SHA-512 {@code crypt(3)} password hashes ({@code $5$} and {@code $6$}), which
 * Junos writes for {@code encrypted-password}: U. Drepper, "Unix crypt using SHA-256 and SHA-512"
 * (the glibc specification, 2007). Checked against glibc and OpenSSL ({@code openssl passwd -6}).
 *
 * <pre>
 *   $6$[rounds=N$]SALT$HASH        SALT: up to 16 characters, HASH: 86 (SHA-512) or 43 (SHA-256)
 *                                  characters of the alphabet ./0-9A-Za-z; N 1000..999999999,
 *                                  5000 when absent
 * </pre>
 *
 * <p>Thread: stateless; safe from any thread.
 */
public final class UnixCrypt {
  private static final String ALPHABET =
      "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final int DEFAULT_ROUNDS = 5000;
  private static final int MIN_ROUNDS = 1000;
  private static final int MAX_ROUNDS = 999_999_999;

  /** A password hash that cannot be read (unknown scheme, bad rounds, bad characters). */
  public static final class BadHashException extends IllegalArgumentException {
    BadHashException(String message) {
      super(message);
    }
  }

  private UnixCrypt() {}

  /** True when {@code hash} is a {@code $5$} or {@code $6$} hash this class can check. */
  public static boolean isSupported(String hash) {
    try {
      parse(hash);
      return true;
    } catch (BadHashException e) {
      return false;
    }
  }

  /** Checks {@code password} against {@code hash} in constant time for a given hash length. */
  public static boolean matches(String password, String hash) {
    Parsed parsed;
    try {
      parsed = parse(hash);
    } catch (BadHashException e) {
      return false;
    }
    String computed = hash(password, parsed.algorithm, parsed.salt, parsed.rounds, parsed.explicit);
    return MessageDigest.isEqual(
        computed.getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII));
  }

  /** A new {@code $6$} hash of {@code password} with a random 16-character salt. */
  public static String sha512(String password) {
    SecureRandom random = new SecureRandom();
    StringBuilder salt = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      salt.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return hash(password, "SHA-512", salt.toString(), DEFAULT_ROUNDS, false);
  }

  private record Parsed(String algorithm, String salt, int rounds, boolean explicit) {}

  private static Parsed parse(String hash) {
    if (hash == null) {
      throw new BadHashException("no hash");
    }
    String algorithm;
    if (hash.startsWith("$6$")) {
      algorithm = "SHA-512";
    } else if (hash.startsWith("$5$")) {
      algorithm = "SHA-256";
    } else {
      throw new BadHashException("not a $5$ or $6$ hash");
    }
    String rest = hash.substring(3);
    int rounds = DEFAULT_ROUNDS;
    boolean explicit = false;
    if (rest.startsWith("rounds=")) {
      int end = rest.indexOf('$');
      if (end < 0) {
        throw new BadHashException("rounds without salt");
      }
      try {
        long value = Long.parseLong(rest.substring("rounds=".length(), end));
        rounds = (int) Math.max(MIN_ROUNDS, Math.min(MAX_ROUNDS, value));
      } catch (NumberFormatException e) {
        throw new BadHashException("bad rounds");
      }
      explicit = true;
      rest = rest.substring(end + 1);
    }
    int end = rest.indexOf('$');
    if (end < 0) {
      throw new BadHashException("no hash after the salt");
    }
    String salt = rest.substring(0, Math.min(end, 16));
    String encoded = rest.substring(end + 1);
    int expected = algorithm.equals("SHA-512") ? 86 : 43;
    if (encoded.length() != expected) {
      throw new BadHashException("hash has " + encoded.length() + " characters, not " + expected);
    }
    for (int i = 0; i < encoded.length(); i++) {
      if (ALPHABET.indexOf(encoded.charAt(i)) < 0) {
        throw new BadHashException("bad character in hash");
      }
    }
    return new Parsed(algorithm, salt, rounds, explicit);
  }

  static String hash(
      String password, String algorithm, String salt, int rounds, boolean explicitRounds) {
    byte[] key = password.getBytes(StandardCharsets.UTF_8);
    byte[] saltBytes = salt.getBytes(StandardCharsets.UTF_8);
    MessageDigest digest = digest(algorithm);
    int size = digest.getDigestLength();

    // B = H(P S P)
    digest.update(key);
    digest.update(saltBytes);
    digest.update(key);
    byte[] b = digest.digest();

    // A = H(P S B-for-len(P) then B or P for each bit of len(P))
    digest.update(key);
    digest.update(saltBytes);
    int left = key.length;
    for (; left > size; left -= size) {
      digest.update(b, 0, size);
    }
    digest.update(b, 0, left);
    for (int bits = key.length; bits > 0; bits >>= 1) {
      if ((bits & 1) != 0) {
        digest.update(b, 0, size);
      } else {
        digest.update(key);
      }
    }
    byte[] a = digest.digest();

    // P' = H(P repeated len(P) times), stretched to len(P)
    for (int i = 0; i < key.length; i++) {
      digest.update(key);
    }
    byte[] dp = digest.digest();
    byte[] p = repeat(dp, key.length);

    // S' = H(S repeated 16 + A[0] times), stretched to len(S)
    for (int i = 0; i < 16 + (a[0] & 0xff); i++) {
      digest.update(saltBytes);
    }
    byte[] ds = digest.digest();
    byte[] s = repeat(ds, saltBytes.length);

    byte[] c = a;
    for (int i = 0; i < rounds; i++) {
      if ((i & 1) != 0) {
        digest.update(p);
      } else {
        digest.update(c);
      }
      if (i % 3 != 0) {
        digest.update(s);
      }
      if (i % 7 != 0) {
        digest.update(p);
      }
      if ((i & 1) != 0) {
        digest.update(c);
      } else {
        digest.update(p);
      }
      c = digest.digest();
    }

    StringBuilder out = new StringBuilder(algorithm.equals("SHA-512") ? "$6$" : "$5$");
    if (explicitRounds) {
      out.append("rounds=").append(rounds).append('$');
    }
    out.append(salt).append('$');
    if (size == 64) {
      int[][] order = {
        {0, 21, 42},
        {22, 43, 1},
        {44, 2, 23},
        {3, 24, 45},
        {25, 46, 4},
        {47, 5, 26},
        {6, 27, 48},
        {28, 49, 7},
        {50, 8, 29},
        {9, 30, 51},
        {31, 52, 10},
        {53, 11, 32},
        {12, 33, 54},
        {34, 55, 13},
        {56, 14, 35},
        {15, 36, 57},
        {37, 58, 16},
        {59, 17, 38},
        {18, 39, 60},
        {40, 61, 19},
        {62, 20, 41}
      };
      for (int[] group : order) {
        encode(out, c[group[0]], c[group[1]], c[group[2]], 4);
      }
      encode(out, (byte) 0, (byte) 0, c[63], 2);
    } else {
      int[][] order = {
        {0, 10, 20},
        {21, 1, 11},
        {12, 22, 2},
        {3, 13, 23},
        {24, 4, 14},
        {15, 25, 5},
        {6, 16, 26},
        {27, 7, 17},
        {18, 28, 8},
        {9, 19, 29}
      };
      for (int[] group : order) {
        encode(out, c[group[0]], c[group[1]], c[group[2]], 4);
      }
      encode(out, (byte) 0, c[31], c[30], 3);
    }
    return out.toString();
  }

  private static byte[] repeat(byte[] block, int length) {
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      out[i] = block[i % block.length];
    }
    return out;
  }

  private static void encode(StringBuilder out, byte b2, byte b1, byte b0, int characters) {
    int w = ((b2 & 0xff) << 16) | ((b1 & 0xff) << 8) | (b0 & 0xff);
    for (int i = 0; i < characters; i++) {
      out.append(ALPHABET.charAt(w & 0x3f));
      w >>>= 6;
    }
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is part of every JDK", e);
    }
  }
}
