package org.flowgate.mgmt.render;

import static org.flowgate.mgmt.render.JunosElement.attribute;
import static org.flowgate.mgmt.render.JunosElement.container;
import static org.flowgate.mgmt.render.JunosElement.leaf;
import static org.flowgate.mgmt.render.JunosElement.toggle;

import java.util.ArrayList;
import java.util.List;
import org.flowgate.mgmt.reply.OperatorReply;
import org.flowgate.mgmt.reply.Placeholders;

/**
 * The reply trees of the views of {@link OperatorReply}, for {@code | display xml} and {@code |
 * display json} (docs/adr/0025-nat-and-operator-views.md):
 *
 * <pre>
 * persistent-nat-table  persist-nat-table / persist-nat-table-entry    real names (Juniper's test
 *                       persist-nat-table-statistic (summary)          framework, 15.1 to 17.3)
 * interface-nat-ports   interface-nat-ports-information / -entry       real names (17.3)
 * port-block            pba-blk-table                                  real name (15.1X49)
 * interfaces            interface-information / physical-interface /   real names (PyEZ and Go
 *                       logical-interface, traffic-statistics,         readers of real replies);
 *                       logical-interface-zone-name, address-family    the flow statistics
 *                                                                      elements Flowgate's
 * arp                   arp-table-information / arp-table-entry        real names
 * ipv6 neighbors        ipv6-nd-information / ipv6-nd-entry,           real names (Juniper's
 *                       ipv6-nd-total                                  24.4 YANG, a 15.1 reply)
 * show log              file-content                                   the get-log RPC's reply
 * </pre>
 *
 * Stateless; any thread.
 */
public final class OperatorReplyTree {
  private OperatorReplyTree() {}

  /** The whole {@code <rpc-reply>}. */
  public static JunosElement of(OperatorReply reply) {
    return JunosReplyTree.reply(body(reply));
  }

  static List<JunosElement> body(OperatorReply reply) {
    return switch (reply) {
      case OperatorReply.PersistentNatTable r -> persistentNatTable(r);
      case OperatorReply.PersistentNatSummary r -> persistentNatSummary(r);
      case OperatorReply.InterfaceNatPorts r -> List.of(interfaceNatPorts(r));
      case OperatorReply.PortBlocks r -> List.of(portBlocks(r));
      case OperatorReply.Interfaces r -> List.of(interfaces(r));
      case OperatorReply.Arp r -> List.of(arp(r));
      case OperatorReply.Ipv6Neighbors r -> List.of(ipv6Neighbors(r));
      case OperatorReply.LogFile r ->
          List.of(
              new JunosElement(
                  "file-content",
                  List.of(attribute("filename", r.name())),
                  JunosElement.Kind.LEAF,
                  String.join("\n", r.lines()),
                  List.of()));
    };
  }

  private static List<JunosElement.Attribute> nat() {
    return List.of(attribute("xmlns", NatReplyTree.NAT_NAMESPACE));
  }

  private static String namespace(String module) {
    return "http://xml.juniper.net/junos/" + JunosReplyTree.RELEASE + "/" + module;
  }

  // ------------------------------------------------------------------ port blocks

  /**
   * {@code <pba-blk-table>}: a {@code pba-pool-info-entry} per pool with its blocks inside, as
   * Juniper's test framework quotes real 15.1X49 replies.
   */
  private static JunosElement portBlocks(OperatorReply.PortBlocks reply) {
    List<JunosElement> pools = new ArrayList<>();
    for (OperatorReply.PortBlockPool pool : reply.pools()) {
      List<JunosElement> p = new ArrayList<>();
      p.add(leaf("pba-pool-name", pool.name()));
      p.add(leaf("pba-olfactor", pool.overloadingFactor()));
      p.add(leaf("pba-size", pool.blockSize()));
      p.add(leaf("pba-per-host", pool.maximumBlocksPerHost()));
      p.add(leaf("pba-timeout", pool.activeTimeoutSeconds()));
      p.add(leaf("pba-last-blk-timeout", pool.lastBlockTimeoutSeconds()));
      p.add(leaf("pba-blk-total", pool.blocksTotal()));
      p.add(leaf("pba-blk-used", pool.blocksUsed()));
      for (OperatorReply.PortBlockEntry b : pool.blocks()) {
        p.add(
            container(
                "pba-blk-table-entry",
                List.of(
                    leaf("blk-internal-ip", b.host()),
                    leaf("blk-reflexive-ip", b.reflexive()),
                    leaf("blk-low-port", b.lowPort()),
                    leaf("blk-high-port", b.highPort()),
                    leaf("blk-ports-used", b.portsUsed()),
                    leaf("blk-ports-total", b.portsTotal()),
                    leaf("blk-ports-ol", b.overloadingFactor()),
                    leaf("blk-status", b.state()),
                    leaf("blk-left-time", b.leftTime()))));
      }
      pools.add(container("pba-pool-info-entry", p));
    }
    return container("pba-blk-table", nat(), pools);
  }

  // ------------------------------------------------------------------ persistent NAT

  private static List<JunosElement> persistentNatTable(OperatorReply.PersistentNatTable reply) {
    List<JunosElement> tables = new ArrayList<>();
    for (OperatorReply.PersistentNatBlock block : reply.blocks()) {
      List<JunosElement> children = new ArrayList<>();
      if (block.spu() != null) {
        children.add(leaf("persist-nat-spu-id", " on " + block.spu() + ":"));
      }
      for (OperatorReply.PersistentNatEntry e : block.entries()) {
        children.add(
            container(
                "persist-nat-table-entry",
                List.of(
                    leaf("persist-nat-internal-ip", e.internalIp()),
                    leaf("persist-nat-internal-port", e.internalPort()),
                    leaf("persist-nat-internal-proto", e.internalProtocol()),
                    leaf("persist-nat-reflexive-ip", e.reflexiveIp()),
                    leaf("persist-nat-reflexive-port", e.reflexivePort()),
                    leaf("persist-nat-reflexive-proto", e.reflexiveProtocol()),
                    leaf("persist-nat-pool-name", e.pool()),
                    leaf("persist-nat-type", e.type()),
                    leaf("persist-nat-left-time", e.leftTime()),
                    leaf("persist-nat-config-time", e.configuredTime()),
                    leaf("persist-nat-current-session-num", e.sessions()),
                    leaf("persist-nat-max-session-num", e.maximumSessions()),
                    leaf("persist-nat-rule-name", e.rule()))));
      }
      tables.add(container("persist-nat-table", nat(), children));
    }
    return tables;
  }

  private static List<JunosElement> persistentNatSummary(OperatorReply.PersistentNatSummary reply) {
    List<JunosElement> tables = new ArrayList<>();
    for (OperatorReply.PersistentNatStatistics spu : reply.spus()) {
      tables.add(
          container(
              "persist-nat-table",
              nat(),
              List.of(
                  container(
                      "persist-nat-table-statistic",
                      List.of(
                          leaf("persist-nat-spu-id", " on " + spu.spu() + ":"),
                          leaf("persist-nat-binding-total", spu.bindingsTotal()),
                          leaf("persist-nat-binding-in-use", spu.bindingsInUse()),
                          leaf("persist-nat-enode-total", spu.enodesTotal()),
                          leaf("persist-nat-enode-in-use", spu.enodesInUse()))))));
    }
    return tables;
  }

  // ------------------------------------------------------------------ interface NAT ports

  private static JunosElement interfaceNatPorts(OperatorReply.InterfaceNatPorts reply) {
    List<JunosElement> entries = new ArrayList<>();
    for (OperatorReply.InterfaceNatPool pool : reply.pools()) {
      entries.add(
          container(
              "interface-nat-ports-entry",
              List.of(
                  leaf("pool-index", pool.index()),
                  leaf("total-ports", pool.totalPorts()),
                  leaf("single-ports-allocated", pool.singleAllocated()),
                  leaf("single-ports-available", pool.singleAvailable()),
                  leaf("twin-ports-allocated", pool.twinAllocated()),
                  leaf("twin-ports-available", pool.twinAvailable()))));
    }
    return container("interface-nat-ports-information", nat(), entries);
  }

  // ------------------------------------------------------------------ interfaces

  private static JunosElement interfaces(OperatorReply.Interfaces reply) {
    boolean detail = reply.level() != OperatorReply.Level.NORMAL;
    List<JunosElement> physicals = new ArrayList<>();
    for (OperatorReply.PhysicalInterface p : reply.interfaces()) {
      List<JunosElement> c = new ArrayList<>();
      c.add(leaf("name", p.name()));
      c.add(leaf("admin-status", p.enabled() ? "up" : "down"));
      c.add(leaf("oper-status", p.linkUp() ? "up" : "down"));
      c.add(leaf("local-index", p.index()));
      c.add(leaf("snmp-index", p.snmpIndex()));
      c.add(leaf("link-level-type", "Ethernet"));
      c.add(leaf("mtu", Placeholders.PHYSICAL_MTU));
      c.add(leaf("speed", Placeholders.PORT_SPEED));
      c.add(container("if-device-flags", List.of(toggle("ifdf-present"), toggle("ifdf-running"))));
      c.add(leaf("current-physical-address", p.mac()));
      c.add(leaf("hardware-physical-address", p.mac()));
      c.add(leaf("interface-flapped", "Never"));
      if (detail) {
        c.add(leaf("statistics-cleared", "Never"));
        c.add(
            container(
                "traffic-statistics",
                List.of(
                    leaf("input-bytes", p.traffic().inputBytes()),
                    leaf("input-bps", Placeholders.INTERFACE_RATE),
                    leaf("output-bytes", p.traffic().outputBytes()),
                    leaf("output-bps", Placeholders.INTERFACE_RATE),
                    leaf("input-packets", p.traffic().inputPackets()),
                    leaf("input-pps", Placeholders.INTERFACE_RATE),
                    leaf("output-packets", p.traffic().outputPackets()),
                    leaf("output-pps", Placeholders.INTERFACE_RATE))));
      } else {
        c.add(leaf("input-bps", Placeholders.INTERFACE_RATE));
        c.add(leaf("input-pps", Placeholders.INTERFACE_RATE));
        c.add(leaf("output-bps", Placeholders.INTERFACE_RATE));
        c.add(leaf("output-pps", Placeholders.INTERFACE_RATE));
      }
      if (reply.level() == OperatorReply.Level.EXTENSIVE) {
        long e = Placeholders.PHYSICAL_ERRORS;
        c.add(
            container(
                "input-error-list",
                List.of(
                    leaf("input-errors", e),
                    leaf("input-drops", e),
                    leaf("framing-errors", e),
                    leaf("input-runts", e),
                    leaf("input-giants", e),
                    leaf("input-discards", e),
                    leaf("input-resource-errors", e))));
        c.add(
            container(
                "output-error-list",
                List.of(
                    leaf("carrier-transitions", e),
                    leaf("output-errors", e),
                    leaf("output-drops", e),
                    leaf("mtu-errors", e),
                    leaf("output-resource-errors", e))));
      }
      for (OperatorReply.LogicalInterface unit : p.units()) {
        c.add(logical(unit, detail));
      }
      physicals.add(container("physical-interface", c));
    }
    return container(
        "interface-information",
        List.of(
            attribute("xmlns", namespace("junos-interface")),
            attribute("junos:style", reply.level().junosStyle())),
        physicals);
  }

  private static JunosElement logical(OperatorReply.LogicalInterface unit, boolean detail) {
    List<JunosElement> c = new ArrayList<>();
    c.add(leaf("name", unit.name()));
    c.add(leaf("local-index", unit.index()));
    c.add(leaf("snmp-index", unit.snmpIndex()));
    c.add(
        container(
            "if-config-flags",
            List.of(toggle(unit.up() ? "iff-up" : "iff-down"), toggle("iff-snmp-traps"))));
    c.add(leaf("encapsulation", "ENET2"));
    List<JunosElement> traffic = new ArrayList<>();
    if (detail) {
      traffic.add(leaf("input-bytes", unit.traffic().inputBytes()));
      traffic.add(leaf("output-bytes", unit.traffic().outputBytes()));
    }
    traffic.add(leaf("input-packets", unit.traffic().inputPackets()));
    traffic.add(leaf("output-packets", unit.traffic().outputPackets()));
    c.add(container("traffic-statistics", traffic));
    if (unit.zone() != null) {
      c.add(leaf("logical-interface-zone-name", unit.zone()));
      List<JunosElement> allowed = new ArrayList<>();
      for (String service : unit.hostInbound()) {
        allowed.add(toggle("inbound-" + service));
      }
      c.add(container("allowed-host-inbound-traffic", allowed));
    }
    if (detail) {
      OperatorReply.FlowCounters flow = unit.flow();
      List<JunosElement> errors = new ArrayList<>();
      for (OperatorReply.FlowError error : flow.errors()) {
        errors.add(leaf(error.element(), error.packets()));
      }
      c.add(
          container(
              "flow-statistics",
              List.of(
                  container(
                      "flow-input-statistics",
                      List.of(
                          leaf("self-packets", flow.selfPackets()),
                          leaf("icmp-packets", flow.icmpPackets()),
                          leaf("vpn-packets", flow.vpnPackets()),
                          leaf("multicast-packets", flow.multicastInput()),
                          leaf("bytes-permitted-by-policy", flow.inputBytesPermitted()),
                          leaf("connections-established", flow.connections()))),
                  container(
                      "flow-output-statistics",
                      List.of(
                          leaf("multicast-packets", flow.multicastOutput()),
                          leaf("bytes-permitted-by-policy", flow.outputBytesPermitted()))),
                  container("flow-error-statistics", errors))));
    }
    for (OperatorReply.AddressFamily family : unit.families()) {
      List<JunosElement> f = new ArrayList<>();
      f.add(leaf("address-family-name", family.name()));
      f.add(leaf("mtu", family.mtu()));
      for (OperatorReply.InterfaceAddress address : family.addresses()) {
        List<JunosElement> a = new ArrayList<>();
        a.add(leaf("ifa-destination", address.destination()));
        a.add(leaf("ifa-local", address.local()));
        if (address.broadcast() != null) {
          a.add(leaf("ifa-broadcast", address.broadcast()));
        }
        f.add(container("interface-address", a));
      }
      c.add(container("address-family", f));
    }
    return container("logical-interface", c);
  }

  // ------------------------------------------------------------------ ARP

  private static JunosElement arp(OperatorReply.Arp reply) {
    List<JunosElement> entries = new ArrayList<>();
    for (OperatorReply.ArpRow row : reply.entries()) {
      List<JunosElement> e = new ArrayList<>();
      e.add(leaf("mac-address", row.mac()));
      e.add(leaf("ip-address", row.address()));
      if (reply.resolve()) {
        e.add(leaf("hostname", row.hostName()));
      }
      e.add(leaf("interface-name", row.interfaceName()));
      e.add(container("arp-table-entry-flags", List.of(toggle(row.flags()))));
      entries.add(container("arp-table-entry", e));
    }
    entries.add(leaf("arp-entry-count", reply.entries().size()));
    return container(
        "arp-table-information",
        List.of(attribute("xmlns", namespace("junos-arp")), attribute("junos:style", "normal")),
        entries);
  }

  // ------------------------------------------------------------------ IPv6 neighbours

  /**
   * {@code <ipv6-nd-information>} as Juniper's 24.4 YANG (junos-es-rpc-ipv6, grouping
   * ipv6-nd-information-block) and a real 15.1 reply have it: no namespace attribute on the
   * element, the entries, then the total.
   */
  private static JunosElement ipv6Neighbors(OperatorReply.Ipv6Neighbors reply) {
    List<JunosElement> entries = new ArrayList<>();
    for (OperatorReply.Ipv6NeighborRow row : reply.entries()) {
      entries.add(
          container(
              "ipv6-nd-entry",
              List.of(
                  leaf("ipv6-nd-neighbor-address", row.address()),
                  leaf("ipv6-nd-neighbor-l2-address", row.linkLayerAddress()),
                  leaf("ipv6-nd-state", row.state()),
                  leaf("ipv6-nd-expire", row.expireSeconds()),
                  leaf("ipv6-nd-isrouter", row.router()),
                  leaf("ipv6-nd-issecure", row.secure()),
                  leaf("ipv6-nd-interface-name", row.interfaceName()))));
    }
    entries.add(leaf("ipv6-nd-total", reply.entries().size()));
    return container("ipv6-nd-information", entries);
  }
}
