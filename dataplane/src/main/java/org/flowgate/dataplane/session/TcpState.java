package org.flowgate.dataplane.session;

/**
 * The TCP tracking bits a session record keeps ({@code tcp bits u16}, docs/adr/0002). Written by
 * the fast path's TCP tracker; read by the session views. A bit "{@code << wing}" exists once per
 * wing: {@code wing} is {@link SessionTable#FORWARD} (0) or {@link SessionTable#REVERSE} (1).
 *
 * <pre>
 *  bit 0   SYN seen               bit 5,6  FIN of wing acknowledged (&lt;&lt; wing)
 *  bit 1   SYN/ACK seen           bit 7    RST seen
 *  bit 2   established            bit 8,9  next sequence of wing known (&lt;&lt; wing)
 *  bit 3,4 FIN sent by wing (&lt;&lt; wing)   bit 10   closing: timeout shortened because ending
 * </pre>
 */
public final class TcpState {
  public static final int SYN = 1;
  public static final int SYN_ACK = 1 << 1;
  public static final int ESTABLISHED = 1 << 2;
  public static final int FIN_SENT = 1 << 3; // << wing
  public static final int FIN_ACKED = 1 << 5; // << wing
  public static final int RST = 1 << 7;
  public static final int SEQUENCE_KNOWN = 1 << 8; // << wing

  /**
   * The session's timeout was shortened because it is ending (FIN exchange, RST, or the response of
   * a request-response protocol); kept for every protocol, not only TCP.
   */
  public static final int CLOSING = 1 << 10;

  /** Both wings' FINs acknowledged. */
  public static final int BOTH_FINS_ACKED = FIN_ACKED | FIN_ACKED << 1;

  /** The wing's FIN state as {@code FIN state} shows it. */
  public enum Fin {
    NONE,
    SENT,
    ACKNOWLEDGED
  }

  private TcpState() {}

  public static Fin fin(int bits, int wing) {
    if ((bits & (FIN_ACKED << wing)) != 0) {
      return Fin.ACKNOWLEDGED;
    }
    return (bits & (FIN_SENT << wing)) != 0 ? Fin.SENT : Fin.NONE;
  }

  public static boolean established(int bits) {
    return (bits & ESTABLISHED) != 0;
  }

  public static boolean closing(int bits) {
    return (bits & CLOSING) != 0;
  }
}
