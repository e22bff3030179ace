package org.flowgate.mgmt.render;

import org.flowgate.mgmt.reply.SipCallsReply;
import org.flowgate.mgmt.reply.SipCountersReply;

/**
 * The text of {@code show security alg sip calls} and {@code show security alg sip counters}
 * (docs/adr/0032-sip-alg.md, "Layouts").
 *
 * <p>Thread: stateless.
 */
final class SipTextRenderer {
  private SipTextRenderer() {}

  static void calls(SipCallsReply r, StringBuilder out) {
    out.append("Total number of calls: ").append(r.calls().size()).append('\n');
    for (SipCallsReply.Call c : r.calls()) {
      out.append("  Call ID  : ").append(c.callId()).append('\n');
      out.append("  Method   : ").append(c.method()).append('\n');
      if (r.detail()) {
        out.append("  State    : ").append(c.state()).append('\n');
        out.append("  Group ID : ").append(c.groupId()).append('\n');
      }
    }
  }

  /**
   * Two lines per method, T then RT, in columns of ten after a thirteen-column method name; then
   * the error counters, each label padded to forty columns.
   */
  static void counters(SipCountersReply r, StringBuilder out) {
    row(out, "Method", new String[] {"T", "1xx", "2xx", "3xx", "4xx", "5xx", "6xx"});
    row(out, "", new String[] {"RT", "RT", "RT", "RT", "RT", "RT", "RT"});
    for (SipCountersReply.Method m : r.methods()) {
      row(out, m.name(), m.sent().stream().map(String::valueOf).toArray(String[]::new));
      row(out, "", m.resent().stream().map(String::valueOf).toArray(String[]::new));
    }
    out.append("SIP Error Counters:\n");
    for (SipCountersReply.Error e : r.errors()) {
      out.append(' ').append(e.label());
      for (int k = e.label().length(); k < 39; k++) {
        out.append(' ');
      }
      out.append(":").append(e.value()).append('\n');
    }
  }

  private static void row(StringBuilder out, String name, String[] cells) {
    out.append(name);
    for (int k = name.length(); k < 13; k++) {
      out.append(' ');
    }
    for (int c = 0; c < cells.length; c++) {
      out.append(cells[c]);
      if (c < cells.length - 1) {
        for (int k = cells[c].length(); k < 10; k++) {
          out.append(' ');
        }
      }
    }
    out.append('\n');
  }
}
