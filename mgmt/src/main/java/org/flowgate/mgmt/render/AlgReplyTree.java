package org.flowgate.mgmt.render;

import static org.flowgate.mgmt.render.JunosElement.attribute;
import static org.flowgate.mgmt.render.JunosElement.container;
import static org.flowgate.mgmt.render.JunosElement.leaf;

import java.util.ArrayList;
import java.util.List;
import org.flowgate.mgmt.reply.AlgReply;

/**
 * The XML and JSON of the gate and resource-manager views (docs/adr/0030): every element name is
 * that of Juniper's 24.4R1 YANG for the RPC ({@code flow-gate-information-block}, {@code
 * resmgr-group-active-block}, {@code resmgr-resource-active-block}, {@code
 * resource-manager-summary-information-block}); the gate counters' names and places also match real
 * replies ({@code flow-gate-fpc-pic-id}, {@code displayed-gate-valid} ... {@code
 * displayed-gate-count}). The gates come before the counters, as sessions do in real replies.
 *
 * <p>Stateless; any thread.
 */
public final class AlgReplyTree {
  private AlgReplyTree() {}

  /** The whole {@code <rpc-reply>}. */
  public static JunosElement of(AlgReply reply) {
    return JunosReplyTree.reply(body(reply));
  }

  static List<JunosElement> body(AlgReply reply) {
    return switch (reply) {
      case AlgReply.FlowGates r -> gates(r);
      case AlgReply.ResourceGroups r -> List.of(groups(r));
      case AlgReply.ResourceResources r -> List.of(resources(r));
      case AlgReply.ResourceSummary r -> List.of(summary(r));
    };
  }

  private static List<JunosElement.Attribute> flow() {
    return List.of(attribute("xmlns", JunosReplyTree.FLOW_NAMESPACE));
  }

  private static List<JunosElement> gates(AlgReply.FlowGates reply) {
    List<JunosElement> blocks = new ArrayList<>();
    for (AlgReply.GateBlock block : reply.blocks()) {
      List<JunosElement> c = new ArrayList<>();
      if (block.spu() != null) {
        c.add(leaf("flow-gate-fpc-pic-id", " on " + block.spu() + ":"));
      }
      if (reply.level() != AlgReply.GateLevel.SUMMARY) {
        for (AlgReply.Gate g : block.gates()) {
          c.add(gate(g));
        }
      }
      c.add(leaf("displayed-gate-valid", block.valid()));
      c.add(leaf("displayed-gate-pending", 0));
      c.add(leaf("displayed-gate-invalidated", 0));
      c.add(leaf("displayed-gate-other", 0));
      c.add(leaf("displayed-gate-count", block.gates().size()));
      blocks.add(container("flow-gate-information", flow(), c));
    }
    return blocks;
  }

  /** One {@code <gate>}: the YANG's leaves, in the order the text shows them. */
  private static JunosElement gate(AlgReply.Gate g) {
    return container(
        "gate",
        List.of(
            container(
                "hole",
                List.of(
                    leaf("source-address-start", g.sourceLow()),
                    leaf("source-address-end", g.sourceHigh()),
                    leaf("source-port-start", g.sourcePortLow()),
                    leaf("source-port-end", g.sourcePortHigh()),
                    leaf("destination-address-start", g.destination()),
                    leaf("destination-address-end", g.destination()),
                    leaf("destination-port-start", g.destinationPort()),
                    leaf("destination-port-end", g.destinationPort()))),
            container(
                "translated-hole",
                List.of(
                    leaf("source-address", g.translatedSource()),
                    leaf("source-port", g.translatedSourcePort()),
                    leaf("destination-address", g.translatedDestination()),
                    leaf("destination-port", g.translatedDestinationPort()))),
            leaf("protocol", g.protocol()),
            leaf("application-name", g.application()),
            leaf("application-value", g.applicationValue()),
            leaf("age", g.timeoutSeconds()),
            leaf("flags", AlgTextRenderer.hex(g.flags())),
            leaf("zone", g.zone()),
            leaf("parent-id", g.parentId()),
            leaf("reference-count", g.referenceCount()),
            leaf("resource", AlgTextRenderer.resource(g))));
  }

  private static JunosElement groups(AlgReply.ResourceGroups r) {
    List<JunosElement> c = new ArrayList<>();
    c.add(leaf("resmgr-group-active-total", r.totalGroups()));
    c.add(leaf("resmgr-group-active-count", r.activeGroups()));
    for (AlgReply.Group g : r.groups()) {
      c.add(
          container(
              "resmgr-group-active-data",
              List.of(
                  leaf("resmgr-group-active-data-grp-id", g.groupId()),
                  leaf("resmgr-group-active-data-client", g.client()))));
    }
    return container("resmgr-group-active", flow(), c);
  }

  private static JunosElement resources(AlgReply.ResourceResources r) {
    List<JunosElement> c = new ArrayList<>();
    c.add(leaf("resmgr-resource-active-total", r.totalResources()));
    c.add(leaf("resmgr-resource-active-count", r.activeResources()));
    for (AlgReply.Resource resource : r.resources()) {
      c.add(
          container(
              "resmgr-resource-active-data",
              List.of(
                  leaf("resmgr-resource-active-data-res-id", resource.resourceId()),
                  leaf("resmgr-resource-active-data-grp-id", resource.groupId()),
                  leaf("resmgr-resource-active-data-client", resource.client()))));
    }
    return container("resmgr-resource-active", flow(), c);
  }

  private static JunosElement summary(AlgReply.ResourceSummary r) {
    return container(
        "resource-manager-summary-information",
        flow(),
        List.of(
            leaf("active-client-count", r.clients()),
            leaf("active-group-count", r.groups()),
            leaf("active-resource-count", r.resources()),
            leaf("active-session-count", r.sessions())));
  }
}
