package org.flowgate.mgmt.netconf;

/**
 * Answers the Junos operational RPCs ({@code get-flow-session-information}, {@code
 * clear-flow-session}, {@code get-security-policies}, the NAT views ...) and the {@code <command>}
 * RPC. Kept behind this interface so a later reply model (one model per view, rendered three ways)
 * only has to re-implement it.
 *
 * <p>Thread: any.
 */
public interface OperationalRpcs {
  /** How the reply is wanted ({@code format} attribute). */
  enum Format {
    XML,
    TEXT,
    JSON
  }

  /** What an RPC produced: a reply body, or an error for {@code <rpc-error>}. */
  sealed interface Answer {
    /** The content of {@code <rpc-reply>}: elements, {@code <output>} text or JSON text. */
    record Body(String content) implements Answer {}

    /** An error as Junos reports it. */
    record Error(String tag, String message, String badElement) implements Answer {}

    /** The RPC is not an operational one: the dispatcher tries others. */
    record Unknown() implements Answer {}
  }

  /** The CLI line an RPC stands for, or null when it maps to none. */
  String line(Xml rpc);

  /** Runs an RPC as {@code account} may, in {@code format}. */
  Answer run(Xml rpc, Format format, org.flowgate.mgmt.auth.LoginClass loginClass);

  /** Runs a CLI line ({@code <command>}) in {@code format}. */
  Answer command(String line, Format format, org.flowgate.mgmt.auth.LoginClass loginClass);
}
