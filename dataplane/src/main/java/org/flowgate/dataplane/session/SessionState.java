package org.flowgate.dataplane.session;

/** The {@code Session State} of an SRX session, as {@code sess-state} names it in XML. */
public enum SessionState {
  /** Installed and passing traffic. */
  VALID("Valid"),
  /** Being set up (not yet installed on both wings). */
  PENDING("Pending"),
  /** Closed and waiting to be reaped; still counted in Sessions-in-use. */
  INVALIDATED("Invalidated");

  private final String junosName;

  SessionState(String junosName) {
    this.junosName = junosName;
  }

  public String junosName() {
    return junosName;
  }
}
