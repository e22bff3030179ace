package org.flowgate.mgmt.reply;

import java.util.List;

/**
 * The replies of the gate and resource-manager views (docs/adr/0030-gates-and-resource-manager-
 * views.md): one record model each, read by one text renderer ({@code AlgTextRenderer}) and one
 * reply tree ({@code AlgReplyTree}), every value computed from the SPUs' gate tables and resource
 * managers.
 *
 * <pre>
 * show security flow gate [FILTER]... [brief | summary]      FlowGates
 * show security resource-manager group active [N]            ResourceGroups
 * show security resource-manager resource active [N]         ResourceResources
 * show security resource-manager summary                     ResourceSummary
 * </pre>
 */
public sealed interface AlgReply extends ViewReply {

  /** The three levels of {@code show security flow gate}. */
  enum GateLevel {
    NORMAL,
    BRIEF,
    SUMMARY
  }

  /**
   * {@code show security flow gate}: a block per SPU on a high-end device ({@code on FPC0 PIC1:}),
   * one block on a single flowd.
   */
  record FlowGates(GateLevel level, List<GateBlock> blocks) implements AlgReply {
    public FlowGates {
      blocks = List.copyOf(blocks);
    }
  }

  /**
   * One SPU's gates that match the filters.
   *
   * @param spu {@code FPC0 PIC1} on a high-end device, null on a single flowd
   */
  record GateBlock(String spu, List<Gate> gates) {
    public GateBlock {
      gates = List.copyOf(gates);
    }

    /** Gates open and waiting for their connection: every gate Flowgate lists. */
    public int valid() {
      return gates.size();
    }
  }

  /**
   * One gate (pinhole), as {@code show security flow gate} lays it out; the fields are those of the
   * {@code gate} list of Juniper's 24.4R1 YANG ({@code flow-gate-information-block}).
   *
   * <pre>
   * Hole: sourceLow-sourceHigh/sourcePortLow-sourcePortHigh->destination-destination/port-port
   *   Translated: translatedSource/translatedSourcePort->translatedDestination/translatedPort
   * </pre>
   *
   * A source address or port left open is shown {@code 0.0.0.0} ({@code ::}) and {@code 0}.
   *
   * @param application the ALG as the resource manager names it ({@code FTP ALG})
   * @param applicationValue the ALG's number as a resource-manager client ({@code FTP ALG/2})
   * @param timeoutSeconds what is left of the gate's lifetime, shown as {@code Age} (the YANG's
   *     {@code age}: "Timeout value")
   * @param flags Flowgate's gate flags (one-shot, translating, any source, IPv6) in hex
   * @param zone the zone of the interface the connection is expected on, or {@code N/A}
   * @param parentId the control session that opened it
   */
  record Gate(
      String sourceLow,
      String sourceHigh,
      int sourcePortLow,
      int sourcePortHigh,
      String destination,
      int destinationPort,
      String translatedSource,
      int translatedSourcePort,
      String translatedDestination,
      int translatedDestinationPort,
      String protocol,
      String application,
      int applicationValue,
      long timeoutSeconds,
      int flags,
      String zone,
      long parentId,
      int referenceCount,
      int groupId,
      int resourceId) {}

  /**
   * {@code show security resource-manager group active [N]}: the pool's size, the groups in use
   * (all of them, or the one asked by number).
   *
   * @param totalGroups the groups the device can hold (every SPU's pool)
   */
  record ResourceGroups(int totalGroups, int activeGroups, List<Group> groups) implements AlgReply {
    public ResourceGroups {
      groups = List.copyOf(groups);
    }
  }

  /**
   * One group: a conversation of an ALG (an FTP control connection and what it opened).
   *
   * @param client the ALG using it ({@code FTP ALG})
   */
  record Group(int groupId, String client) {}

  /**
   * One resource of a group: the control session, a gate, or a child session.
   *
   * @param client the ALG using it ({@code FTP ALG})
   */
  record Resource(int resourceId, int groupId, String client) {}

  /** {@code show security resource-manager resource active [N]}. */
  record ResourceResources(int totalResources, int activeResources, List<Resource> resources)
      implements AlgReply {
    public ResourceResources {
      resources = List.copyOf(resources);
    }
  }

  /**
   * {@code show security resource-manager summary} (the {@code
   * resource-manager-summary-information- block} of Juniper's 24.4R1 YANG).
   *
   * @param clients ALGs holding at least one group
   * @param sessions resources that are sessions (control sessions and children)
   */
  record ResourceSummary(int clients, int groups, int resources, int sessions)
      implements AlgReply {}
}
