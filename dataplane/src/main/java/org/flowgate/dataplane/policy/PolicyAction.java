package org.flowgate.dataplane.policy;

/** The {@code then} of a security policy. */
public enum PolicyAction {
  PERMIT,
  /** Drops silently. */
  DENY,
  /** Drops and answers with a TCP RST or ICMP unreachable. */
  REJECT
}
