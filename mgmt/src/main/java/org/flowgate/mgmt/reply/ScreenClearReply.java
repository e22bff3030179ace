package org.flowgate.mgmt.reply;

/**
 * {@code clear security screen statistics zone Z | interface I}: Junos answers that the IDS
 * statistics were cleared (its clear command reference).
 */
public record ScreenClearReply(String status) implements ViewReply {
  public static final ScreenClearReply CLEARED =
      new ScreenClearReply("IDS statistics has been cleared.");
}
