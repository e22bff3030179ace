package org.flowgate.dataplane.packet;

/** The TCP header's flag bits (RFC 9293 §3.1; ECE and CWR from RFC 3168). */
public final class TcpFlags {
  public static final int FIN = 0x01;
  public static final int SYN = 0x02;
  public static final int RST = 0x04;
  public static final int PSH = 0x08;
  public static final int ACK = 0x10;
  public static final int URG = 0x20;
  public static final int ECE = 0x40;
  public static final int CWR = 0x80;

  private TcpFlags() {}

  /** True when only SYN is set among SYN, ACK, RST and FIN: a connection's first segment. */
  public static boolean isInitialSyn(int flags) {
    return (flags & (SYN | ACK | RST | FIN)) == SYN;
  }
}
