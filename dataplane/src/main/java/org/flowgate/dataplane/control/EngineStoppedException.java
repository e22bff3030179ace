package org.flowgate.dataplane.control;

/**
 * Asked of a {@link FlowEngine} whose SPUs no longer run: it was closed (or an SPU's thread ended).
 * Thrown at once, instead of waiting for an answer that will never come; what users see is its
 * message, worded as Junos words a subsystem that does not answer (ADR 0037).
 */
public final class EngineStoppedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public EngineStoppedException() {
    super("the flow subsystem is not running");
  }
}
