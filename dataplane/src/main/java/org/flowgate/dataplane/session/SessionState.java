package org.flowgate.dataplane.session;

/**
 * The {@code Session State} of an SRX session, as {@code sess-state} names it in XML. The engine's
 * sessions are {@link #VALID} or {@link #INVALIDATED} ({@code SessionTable} keeps which); {@link
 * #PENDING} is Junos's state of a session being set up, not yet installed on both wings (as while a
 * high-end SRX's central point has not answered). Flowgate installs a session whole in one step on
 * its SPU, so its engine never produces one (docs/adr/0004); the views still render it as Junos
 * does, and are tested with it against real high-end layouts.
 */
public enum SessionState {
  /** Installed and passing traffic. */
  VALID("Valid"),
  /** Being set up, not yet installed on both wings: never produced by Flowgate's engine. */
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
