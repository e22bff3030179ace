package org.flowgate.dataplane.session;

/**
 * Why a session ended, in the words RT_FLOW_SESSION_CLOSE uses (reference §3.3). Kept in the
 * session record as the enum's ordinal, so there must be fewer than 128 of them.
 */
public enum CloseReason {
  /** Still open. */
  NONE("unset"),
  TCP_FIN("TCP FIN"),
  TCP_RST("TCP RST"),
  IDLE_TIMEOUT("idle Timeout"),
  /** An ICMP echo reply or a DNS response closed the session. */
  RESPONSE_RECEIVED("response received"),
  /** Cleared by {@code clear security flow session}. */
  CLI("CLI"),
  POLICY_DELETE("policy delete"),
  /** Early ageout under session-table pressure. */
  AGED_OUT("aged out"),
  /** An ALG ended it: the media of a SIP call that ended (docs/adr/0027-algs.md). */
  ALG("ALG"),
  /** An ALG's child whose control session ended (PPTP's GRE, RTSP's media). */
  PARENT_CLOSED("parent closed"),
  /**
   * The final policy a session was matched to once its application was identified denies or rejects
   * it (unified policies, docs/adr/0033): the reason real RT_FLOW lines give for a session ended by
   * an application action.
   */
  APPLICATION_ACTION("application failure or action");

  private final String junosText;

  CloseReason(String junosText) {
    this.junosText = junosText;
  }

  public String junosText() {
    return junosText;
  }
}
