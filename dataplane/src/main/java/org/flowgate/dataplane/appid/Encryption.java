package org.flowgate.dataplane.appid;

/**
 * The {@code Encryption:} field of {@code show security flow session extensive} (XML {@code
 * <encryption-traffic-name>}, RT_FLOW {@code encrypted=}): whether the identified application is
 * carried in SSL/TLS (or DTLS, or QUIC's TLS 1.3). {@link #UNKNOWN} until the session is
 * identified, and for sessions that never are. See docs/adr/0014 for why SSH is {@link #NO}, as on
 * a real SRX.
 */
public enum Encryption {
  YES("Yes"),
  NO("No"),
  UNKNOWN("Unknown");

  private final String junosName;

  Encryption(String junosName) {
    this.junosName = junosName;
  }

  /** As the CLI prints it: {@code Yes}, {@code No} or {@code Unknown}. */
  public String junosName() {
    return junosName;
  }
}
