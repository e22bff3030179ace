package org.flowgate.mgmt.render;

import org.flowgate.mgmt.reply.ScreenClearReply;
import org.flowgate.mgmt.reply.ScreenIdsOptionReply;
import org.flowgate.mgmt.reply.ScreenStatisticsReply;

/**
 * Junos CLI text of the screen views (ADR 0024 has the sources of each layout):
 *
 * <pre>
 * Screen statistics:                              Screen object status:
 *
 *   IDS attack type                              Statistics     Name                                         Value
 *     ICMP flood                                 0                ICMP flood threshold                       1000
 *     ...  (label from column 4, count at 47)                     ...  (name from column 2, value at 45)
 * </pre>
 *
 * Stateless; any thread.
 */
final class ScreenTextRenderer {
  private ScreenTextRenderer() {}

  static void statistics(ScreenStatisticsReply reply, StringBuilder out) {
    out.append("Screen statistics:\n\n");
    pad(out.append("  "), "IDS attack type", 45).append("Statistics\n");
    for (ScreenStatisticsReply.Counter counter : reply.counters()) {
      pad(out.append("    "), counter.label(), 43).append(counter.count()).append('\n');
    }
  }

  static void idsOption(ScreenIdsOptionReply reply, StringBuilder out) {
    out.append("Screen object status:\n\n");
    pad(out, "Name", 45).append("Value\n");
    for (ScreenIdsOptionReply.Line line : reply.lines()) {
      pad(out.append("  "), line.name(), 43).append(line.value()).append('\n');
    }
  }

  static void cleared(ScreenClearReply reply, StringBuilder out) {
    out.append(reply.status()).append('\n');
  }

  private static StringBuilder pad(StringBuilder out, String text, int width) {
    out.append(text);
    for (int i = text.length(); i < width; i++) {
      out.append(' ');
    }
    if (text.length() >= width) {
      out.append(' ');
    }
    return out;
  }
}
