package org.flowgate.mgmt.render;

import org.flowgate.dataplane.control.FlowSummary;
import org.flowgate.dataplane.control.SpuLocation;
import org.flowgate.mgmt.reply.FlowSummaryReply;

/**
 * Junos CLI text of {@code show security flow session summary} in the vSRX 24.4 layout (reference
 * §1.4). A multi-SPU reply prints one block per SPU, headed {@code Flow Sessions on FPCx PICy:} and
 * a blank line, with a blank line between blocks (the high-end layout of the session list; no
 * high-end text sample of the summary is public). A single-SPU reply given several summaries prints
 * their sum. Stateless; any thread.
 */
public final class FlowSummaryTextRenderer {
  private FlowSummaryTextRenderer() {}

  /** The whole reply as text. */
  public static String render(FlowSummaryReply reply) {
    StringBuilder out = new StringBuilder(320 * Math.max(1, reply.perSpu().size()));
    render(reply, out);
    return out.toString();
  }

  /** Appends the whole reply as text to {@code out}. */
  public static void render(FlowSummaryReply reply, StringBuilder out) {
    if (!reply.multiSpu()) {
      FlowSummary summary =
          reply.perSpu().size() == 1
              ? reply.perSpu().getFirst()
              : FlowSummary.total(reply.perSpu());
      appendBlock(summary, out);
      return;
    }
    boolean first = true;
    for (FlowSummary summary : reply.perSpu()) {
      if (!first) {
        out.append('\n');
      }
      first = false;
      out.append("Flow Sessions on ").append(SpuLocation.name(summary.spu())).append(":\n\n");
      appendBlock(summary, out);
    }
  }

  private static void appendBlock(FlowSummary s, StringBuilder out) {
    out.append("Unicast-sessions: ").append(s.unicastSessions()).append('\n');
    out.append("Multicast-sessions: ").append(s.multicastSessions()).append('\n');
    out.append("Services-offload-sessions: ").append(s.servicesOffloadSessions()).append('\n');
    out.append("Failed-sessions: ").append(s.failedSessions()).append('\n');
    out.append("Sessions-in-drop-flow: ").append(s.sessionsInDropFlow()).append('\n');
    out.append("Sessions-in-use: ").append(s.sessionsInUse()).append('\n');
    out.append("  Valid sessions: ").append(s.validSessions()).append('\n');
    out.append("  Pending sessions: ").append(s.pendingSessions()).append('\n');
    out.append("  Invalidated sessions: ").append(s.invalidatedSessions()).append('\n');
    out.append("  Sessions in other states: ").append(s.sessionsInOtherStates()).append('\n');
    out.append("Maximum-sessions: ").append(s.maximumSessions()).append('\n');
  }
}
