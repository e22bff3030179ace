package org.flowgate.mgmt.render;

import static org.flowgate.mgmt.render.JunosElement.attribute;
import static org.flowgate.mgmt.render.JunosElement.container;
import static org.flowgate.mgmt.render.JunosElement.leaf;

import java.util.ArrayList;
import java.util.List;
import org.flowgate.mgmt.reply.AlgReply;

/**
 * The XML and JSON of the gate and resource-manager views (docs/adr/0030): root elements as the
 * Junos RPCs return them ([PERL-METHODS]: {@code flow-gate-information}, {@code
 * resmgr-group-active}, {@code resmgr-resource-active}, {@code resource-manager-summary-
 * information}); the gate counters' names are those of real replies ({@code displayed-gate-valid}
 * ... {@code displayed-gate-count}, {@code flow-gate-fpc-pic-id}); the names of a gate's and a
 * group's fields are Flowgate's (no real reply with a gate was found).
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
          c.add(gate(g, reply.level() == AlgReply.GateLevel.BRIEF));
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

  private static JunosElement gate(AlgReply.Gate g, boolean brief) {
    List<JunosElement> c = new ArrayList<>();
    c.add(leaf("gate-hole", AlgTextRenderer.hole(g)));
    c.add(leaf("gate-translated", AlgTextRenderer.translated(g)));
    c.add(leaf("gate-protocol", g.protocol()));
    c.add(leaf("gate-application", g.application()));
    c.add(leaf("gate-age", g.ageSeconds()));
    c.add(leaf("gate-flags", AlgTextRenderer.hex(g.flags())));
    if (!brief) {
      c.add(leaf("gate-zone", g.zone()));
      c.add(leaf("gate-reference-count", g.referenceCount()));
      c.add(leaf("gate-resource", AlgTextRenderer.resource(g)));
      c.add(leaf("gate-timeout", g.remainingSeconds()));
    }
    return container("flow-gate-entry", c);
  }

  private static JunosElement groups(AlgReply.ResourceGroups r) {
    List<JunosElement> c = new ArrayList<>();
    c.add(leaf("total-groups", r.totalGroups()));
    c.add(leaf("active-groups", r.activeGroups()));
    for (AlgReply.Group g : r.groups()) {
      List<JunosElement> group = new ArrayList<>();
      group.add(leaf("group-id", g.groupId()));
      group.add(leaf("application-name", g.application()));
      if (r.detail()) {
        group.add(leaf("total-resources", g.resources().size()));
        for (AlgReply.Resource resource : g.resources()) {
          group.add(resource(resource));
        }
      }
      c.add(container("resmgr-group-entry", group));
    }
    return container("resmgr-group-active", flow(), c);
  }

  private static JunosElement resource(AlgReply.Resource r) {
    List<JunosElement> c = new ArrayList<>();
    c.add(leaf("resource-id", r.resourceId()));
    c.add(leaf("group-id", r.groupId()));
    c.add(leaf("application-name", r.application()));
    c.add(leaf("resource-type", r.kind()));
    if (r.sessionId() != 0) {
      c.add(leaf("session-identifier", r.sessionId()));
    }
    return container("resmgr-resource-entry", c);
  }

  private static JunosElement resources(AlgReply.ResourceResources r) {
    List<JunosElement> c = new ArrayList<>();
    c.add(leaf("total-resources", r.totalResources()));
    c.add(leaf("active-resources", r.activeResources()));
    for (AlgReply.Resource resource : r.resources()) {
      c.add(resource(resource));
    }
    return container("resmgr-resource-active", flow(), c);
  }

  private static JunosElement summary(AlgReply.ResourceSummary r) {
    return container(
        "resource-manager-summary-information",
        flow(),
        List.of(
            leaf("active-clients", r.clients()),
            leaf("active-groups", r.activeGroups()),
            leaf("total-groups", r.totalGroups()),
            leaf("active-resources", r.activeResources()),
            leaf("total-resources", r.totalResources()),
            leaf("active-gates", r.activeGates()),
            leaf("total-gates", r.totalGates())));
  }
}
