package org.flowgate.dataplane.spu;

/**
 * Asked of an SPU whose thread no longer runs: its engine was closed (or its thread ended). Thrown
 * at once, instead of waiting for an answer that will never come; what users see is its message, as
 * Junos words a subsystem that does not answer.
 */
public final class SpuStoppedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public SpuStoppedException() {
    super("the flow subsystem is not running");
  }
}
