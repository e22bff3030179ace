package org.flowgate.mgmt.render;

import org.flowgate.mgmt.reply.AlgReply;

/**
 * The text of the gate and resource-manager views (docs/adr/0030). {@code brief} is the default
 * level of {@code show security flow gate} (24.4R1 YANG: "Show brief output (default)"), so it
 * prints what the bare command prints.
 *
 * <pre>
 * Hole: 198.51.100.7-198.51.100.7/0-0-&gt;192.168.1.10-192.168.1.10/40006-40006
 *   Translated: 198.51.100.7/0-&gt;192.168.1.10/40006
 *   Protocol: tcp
 *   Application: FTP ALG/2
 *   Age: 34 seconds
 *   Flags: 0x1
 *   Zone: untrust
 *   Reference count: 1
 *   Resource: 2-1-28
 *
 * Valid gates: 1           (summary prints only these five lines)
 * Pending gates: 0
 * Invalidated gates: 0
 * Gates in other states: 0
 * Total gates: 1
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
    return g.applicationValue() + "-" + g.groupId() + "-" + g.resourceId();
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
      if (reply.level() != AlgReply.GateLevel.SUMMARY) {
        for (AlgReply.Gate g : block.gates()) {
          out.append("Hole: ").append(hole(g)).append('\n');
          out.append("  Translated: ").append(translated(g)).append('\n');
          out.append("  Protocol: ").append(g.protocol()).append('\n');
          out.append("  Application: ")
              .append(g.application())
              .append('/')
              .append(g.applicationValue())
              .append('\n');
          out.append("  Age: ").append(g.timeoutSeconds()).append(" seconds\n");
          out.append("  Flags: ").append(hex(g.flags())).append('\n');
          out.append("  Zone: ").append(g.zone()).append('\n');
          out.append("  Reference count: ").append(g.referenceCount()).append('\n');
          out.append("  Resource: ").append(resource(g)).append("\n\n");
        }
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
          .append(g.client())
          .append('\n');
    }
  }

  private static void resources(AlgReply.ResourceResources r, StringBuilder out) {
    out.append("Total resources ")
        .append(r.totalResources())
        .append(", active resources ")
        .append(r.activeResources())
        .append('\n');
    for (AlgReply.Resource resource : r.resources()) {
      out.append("Resource ID ")
          .append(resource.resourceId())
          .append(": Group ID - ")
          .append(resource.groupId())
          .append(", Application - ")
          .append(resource.client())
          .append('\n');
    }
  }

  private static void summary(AlgReply.ResourceSummary r, StringBuilder out) {
    line(out, "Active resource-manager clients", r.clients());
    line(out, "Active resource-manager groups", r.groups());
    line(out, "Active resource-manager resources", r.resources());
    line(out, "Active resource-manager sessions", r.sessions());
  }

  private static void line(StringBuilder out, String label, long value) {
    out.append(label);
    for (int i = label.length(); i < 36; i++) {
      out.append(' ');
    }
    out.append(": ").append(value).append('\n');
  }
}
