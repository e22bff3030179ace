package org.flowgate.mgmt.render;

import org.flowgate.mgmt.reply.AlgReply;

/**
 * The text of the gate and resource-manager views (docs/adr/0030).
 *
 * <pre>
 * show security flow gate                          show security flow gate brief
 * Hole: 198.51.100.7-198.51.100.7/0-0-&gt;            Hole                  Translated            Proto Application Age Flags
 *       192.168.1.10-192.168.1.10/40001-40001      198.51.100.7/0-&gt;192... 0.0.0.0/0-&gt;192...      tcp   FTP ALG     3   0x1
 *   Translated: 198.51.100.7/0-&gt;192.168.1.10/40001
 *   Protocol: tcp                                  (then the counters of every level)
 *   Application: FTP ALG                           Valid gates: 1
 *   Age: 3 seconds                                 Pending gates: 0
 *   Flags: 0x1                                     Invalidated gates: 0
 *   Zone: untrust                                  Gates in other states: 0
 *   Reference count: 1                             Total gates: 1
 *   Resource: 2-1-3
 * </pre>
 *
 * On a high-end device each SPU's block is headed {@code Flow Gates on FPC0 PIC1:}, as its session
 * list is.
 *
 * <p>Stateless; any thread.
 */
public final class AlgTextRenderer {
  private AlgTextRenderer() {}

  public static String render(AlgReply reply) {
    StringBuilder out = new StringBuilder(256);
    render(reply, out);
    return out.toString();
  }

  static void render(AlgReply reply, StringBuilder out) {
    switch (reply) {
      case AlgReply.FlowGates r -> gates(r, out);
      case AlgReply.ResourceGroups r -> groups(r, out);
      case AlgReply.ResourceResources r -> resources(r, out);
      case AlgReply.ResourceSummary r -> summary(r, out);
    }
  }

  // ------------------------------------------------------------------ gates

  static String hole(AlgReply.Gate g) {
    return g.sourceLow()
        + "-"
        + g.sourceHigh()
        + "/"
        + g.sourcePortLow()
        + "-"
        + g.sourcePortHigh()
        + "->"
        + g.destination()
        + "-"
        + g.destination()
        + "/"
        + g.destinationPort()
        + "-"
        + g.destinationPort();
  }

  static String translated(AlgReply.Gate g) {
    return g.translatedSource()
        + "/"
        + g.translatedSourcePort()
        + "->"
        + g.translatedDestination()
        + "/"
        + g.translatedDestinationPort();
  }

  static String hex(int flags) {
    return "0x" + Integer.toHexString(flags);
  }

  /** {@code client-group-resource}, as Junos joins the gate's resource-manager numbers. */
  static String resource(AlgReply.Gate g) {
    return g.clientId() + "-" + g.groupId() + "-" + g.resourceId();
  }

  private static void gates(AlgReply.FlowGates reply, StringBuilder out) {
    boolean first = true;
    for (AlgReply.GateBlock block : reply.blocks()) {
      if (!first) {
        out.append('\n');
      }
      first = false;
      if (block.spu() != null) {
        out.append("Flow Gates on ").append(block.spu()).append(":\n\n");
      }
      switch (reply.level()) {
        case NORMAL -> {
          for (AlgReply.Gate g : block.gates()) {
            out.append("Hole: ").append(hole(g)).append('\n');
            out.append("  Translated: ").append(translated(g)).append('\n');
            out.append("  Protocol: ").append(g.protocol()).append('\n');
            out.append("  Application: ").append(g.application()).append('\n');
            out.append("  Age: ").append(g.ageSeconds()).append(" seconds\n");
            out.append("  Flags: ").append(hex(g.flags())).append('\n');
            out.append("  Zone: ").append(g.zone()).append('\n');
            out.append("  Reference count: ").append(g.referenceCount()).append('\n');
            out.append("  Resource: ").append(resource(g)).append("\n\n");
          }
        }
        case BRIEF -> {
          if (!block.gates().isEmpty()) {
            int hole = "Hole".length();
            int translated = "Translated".length();
            for (AlgReply.Gate g : block.gates()) {
              hole = Math.max(hole, hole(g).length());
              translated = Math.max(translated, translated(g).length());
            }
            String format = "%-" + hole + "s %-" + translated + "s %-5s %-11s %5s %s%n";
            out.append(
                String.format(
                    java.util.Locale.ROOT,
                    format,
                    "Hole",
                    "Translated",
                    "Proto",
                    "Application",
                    "Age",
                    "Flags"));
            for (AlgReply.Gate g : block.gates()) {
              out.append(
                  String.format(
                      java.util.Locale.ROOT,
                      format,
                      hole(g),
                      translated(g),
                      g.protocol(),
                      g.application(),
                      g.ageSeconds(),
                      hex(g.flags())));
            }
            out.append('\n');
          }
        }
        case SUMMARY -> {}
      }
      out.append("Valid gates: ").append(block.valid()).append('\n');
      out.append("Pending gates: 0\n");
      out.append("Invalidated gates: 0\n");
      out.append("Gates in other states: 0\n");
      out.append("Total gates: ").append(block.gates().size()).append('\n');
    }
  }

  // ------------------------------------------------------------------ resource manager

  private static void groups(AlgReply.ResourceGroups r, StringBuilder out) {
    out.append("Total groups ")
        .append(r.totalGroups())
        .append(", active groups ")
        .append(r.activeGroups())
        .append('\n');
    for (AlgReply.Group g : r.groups()) {
      out.append("Group ID ")
          .append(g.groupId())
          .append(": Application - ")
          .append(g.application())
          .append('\n');
      if (r.detail()) {
        out.append("  Total resources: ").append(g.resources().size()).append('\n');
        for (AlgReply.Resource resource : g.resources()) {
          out.append("  ");
          resource(resource, out);
        }
      }
    }
  }

  private static void resource(AlgReply.Resource r, StringBuilder out) {
    out.append("Resource ID ")
        .append(r.resourceId())
        .append(": Group ID - ")
        .append(r.groupId())
        .append(", Application - ")
        .append(r.application())
        .append(", Type - ")
        .append(r.kind());
    if (r.sessionId() != 0) {
      out.append(", Session ID - ").append(r.sessionId());
    }
    out.append('\n');
  }

  private static void resources(AlgReply.ResourceResources r, StringBuilder out) {
    out.append("Total resources ")
        .append(r.totalResources())
        .append(", active resources ")
        .append(r.activeResources())
        .append('\n');
    for (AlgReply.Resource resource : r.resources()) {
      resource(resource, out);
    }
  }

  private static void summary(AlgReply.ResourceSummary r, StringBuilder out) {
    line(out, "Active resource-manager clients", r.clients());
    line(out, "Active groups", r.activeGroups());
    line(out, "Total groups", r.totalGroups());
    line(out, "Active resources", r.activeResources());
    line(out, "Total resources", r.totalResources());
    line(out, "Active gates", r.activeGates());
    line(out, "Total gates", r.totalGates());
  }

  private static void line(StringBuilder out, String label, long value) {
    out.append(label);
    for (int i = label.length(); i < 36; i++) {
      out.append(' ');
    }
    out.append(": ").append(value).append('\n');
  }
}
