package org.flowgate.testkit;

import java.util.Arrays;

/**
 * A well-formed DNS query and its answer (RFC 1035 §4.1), for captures that need real DNS on port
 * 53: the DNS ALG drops messages whose counts or names run past them, and identification names what
 * it can read.
 *
 * <pre>
 *  query    id 0x1234, flags 0x0100 (RD), 1 question: a.example A IN
 *  answer   id 0x1234, flags 0x8180 (QR RD RA), the question, 1 answer: a.example (pointer 0xc00c)
 *           A IN TTL 60 192.0.2.1
 * </pre>
 *
 * Padded with zero bytes to a given length where a capture wants a frame of a fixed size (a DNS
 * message ends where its counts say; the padding is not read).
 */
public final class DnsMessages {
  private static final byte[] QUESTION = {
    1, 'a', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0, 0, 1, 0, 1
  };

  private static final byte[] ANSWER = {
    (byte) 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, (byte) 192, 0, 2, 1
  };

  private DnsMessages() {}

  /** The query for {@code a.example A} (27 bytes). */
  public static byte[] query() {
    return concat(new byte[] {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0}, QUESTION);
  }

  /** The query padded with zero bytes to {@code lengthBytes}. */
  public static byte[] query(int lengthBytes) {
    return Arrays.copyOf(query(), lengthBytes);
  }

  /** Its answer, 192.0.2.1 (43 bytes). */
  public static byte[] response() {
    return concat(
        concat(new byte[] {0x12, 0x34, (byte) 0x81, (byte) 0x80, 0, 1, 0, 1, 0, 0, 0, 0}, QUESTION),
        ANSWER);
  }

  /** The answer padded with zero bytes to {@code lengthBytes}. */
  public static byte[] response(int lengthBytes) {
    return Arrays.copyOf(response(), lengthBytes);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
