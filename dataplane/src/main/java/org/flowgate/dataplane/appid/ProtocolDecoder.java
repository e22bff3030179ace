package org.flowgate.dataplane.appid;

import java.lang.foreign.MemorySegment;

/**
 * One protocol's recogniser. The inspector keeps, per session, the set of decoders that may still
 * match, calls each of them when new bytes arrive, and drops a decoder for the rest of the session
 * once it answers {@link #NO_MATCH}.
 *
 * <p>Answers (an int, so nothing is allocated):
 *
 * <ul>
 *   <li>{@link #NO_MATCH}: this session is not the decoder's protocol;
 *   <li>{@link #NEED_MORE}: could still be; call again with more bytes;
 *   <li>an application id: identified, final (both directions agree, or one message is proof);
 *   <li>{@code provisional(id)}: one direction matches; the session stays {@code Pending} while the
 *       decoder waits for the other side, and is named {@code id} if it ends, or reaches the
 *       inspection limits, before an answer contradicts it.
 * </ul>
 *
 * <p>TCP decoders ({@link #decodeStream}) read both directions' reassembled streams from their
 * first byte each time they are called ({@link DecodeContext#streamLength}): they keep no state of
 * their own, and a message split over segments is simply longer next time. UDP decoders ({@link
 * #decodeDatagram}) read one datagram at a time and may keep a few bits per session in {@link
 * DecodeContext#scratch}.
 *
 * <p>Thread: an instance belongs to one SPU's inspector (some hold per-SPU working memory).
 */
public abstract class ProtocolDecoder {
  /** Not this protocol. */
  public static final int NO_MATCH = -1;

  /** Undecided: call again with more. */
  public static final int NEED_MORE = 0;

  /** Flag of a provisional answer; the low bits are the application id. */
  public static final int PROVISIONAL = 1 << 24;

  /** Mask of the application id in an answer. */
  public static final int APPLICATION_MASK = PROVISIONAL - 1;

  private final String name;

  protected ProtocolDecoder(String name) {
    this.name = name;
  }

  /** A provisional answer naming {@code application}. */
  protected static int provisional(int application) {
    return application | PROVISIONAL;
  }

  /** Short name for counters and test messages ({@code tls}, {@code http} ...). */
  public String name() {
    return name;
  }

  /** True when the decoder reads TCP streams. */
  public boolean tcp() {
    return false;
  }

  /** True when the decoder reads UDP datagrams. */
  public boolean udp() {
    return false;
  }

  /**
   * False when a direction whose payload starts with {@code firstByte} can never be this protocol:
   * {@link #decodeStream} (or {@link #decodeDatagram}, for the first datagram of the direction)
   * would answer {@link #NO_MATCH} whatever follows. The inspector tabulates this once and drops
   * such decoders at a direction's first byte without calling them. The default, true, is always
   * safe.
   *
   * @param direction {@link ApplicationInspector#CLIENT_TO_SERVER} or {@link
   *     ApplicationInspector#SERVER_TO_CLIENT}
   */
  public boolean acceptsFirstByte(int direction, int firstByte) {
    return true;
  }

  /** Reads the session's two streams as reassembled so far ({@link DecodeContext#stream}). */
  public int decodeStream(DecodeContext context) {
    return NO_MATCH;
  }

  /**
   * Reads one UDP datagram's payload.
   *
   * @param direction {@link ApplicationInspector#CLIENT_TO_SERVER} or {@link
   *     ApplicationInspector#SERVER_TO_CLIENT}
   */
  public int decodeDatagram(
      DecodeContext context, int direction, MemorySegment segment, long offset, int length) {
    return NO_MATCH;
  }
}
