package org.flowgate.mgmt.log;

/**
 * Why the logger could not turn an event from an SPU's ring into an RT_FLOW message. Such an event
 * is dropped, never stops the logger, and is counted under its reason ({@link
 * SessionLogger#malformedEvents()}), so that a run can say how many log lines it could not write.
 */
public enum MalformedEvent {
  /** The header's type is none of CREATE, CLOSE, DENY and SCREEN. */
  UNKNOWN_TYPE("unknown event type"),

  /** A CLOSE whose reason number names no close reason. */
  UNKNOWN_CLOSE_REASON("unknown close reason"),

  /** Formatting failed in some other way (a word out of its range). */
  UNREADABLE("unreadable fields");

  private final String description;

  MalformedEvent(String description) {
    this.description = description;
  }

  /** The words a report uses for the reason. */
  public String description() {
    return description;
  }

  /** Thrown by {@link SessionLogFormatter} for an event it cannot format. */
  static final class Exception extends RuntimeException {
    private final MalformedEvent reason;

    Exception(MalformedEvent reason, String detail) {
      super(detail, null, false, false);
      this.reason = reason;
    }

    MalformedEvent reason() {
      return reason;
    }
  }
}
