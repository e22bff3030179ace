package org.flowgate.mgmt.render;

import org.flowgate.mgmt.reply.OperatorReply;
import org.flowgate.mgmt.reply.Placeholders;

/**
 * Junos CLI text of the views of {@link OperatorReply}. Which layouts are real and which are
 * reconstructed (docs/adr/0025-nat-and-operator-views.md):
 *
 * <pre>
 * interfaces           real: the vSRX 24.4 capture (detail, extensive additions), an SRX
 *                      extensive capture of a reth unit and an SRX110 one of a PPPoE unit (flow
 *                      statistics, flow error statistics, traffic statistics, protocol blocks)
 * arp                  real: the vSRX 24.4 capture of show arp no-resolve; the Name column of the
 *                      resolving form after Junos's documentation
 * ipv6 neighbors       real: modern Junos output published with its device (2023, 'Total
 *                      entries'); the address column of the rows one wider than the header's,
 *                      trailing blanks after the interface, as those devices print them
 * persistent-nat-table reconstructed: Junos's column names (In_IP, In_Port, I_Proto, Ref_IP,
 *                      Ref_Port, R_Proto, Source NAT Pool, Type, Left_time/Conf_time,
 *                      Curr_Sess_Num/Max_Sess_Num, Source NAT Rule) in Flowgate's spacing
 * interface-nat-ports  reconstructed after the reply's elements
 * show log             the file's lines as they are, as Junos prints them
 * </pre>
 *
 * Stateless; any thread.
 */
public final class OperatorTextRenderer {
  private static final String BINDING_ROW =
      "%-16s %7s  %-8s %-16s %8s  %-8s %-15s %-17s %-11s %-15s %s";

  private OperatorTextRenderer() {}

  /** The whole reply as text, each line ending in a newline. */
  public static String render(OperatorReply reply) {
    StringBuilder out = new StringBuilder(1024);
    render(reply, out);
    return out.toString();
  }

  static void render(OperatorReply reply, StringBuilder out) {
    switch (reply) {
      case OperatorReply.PersistentNatTable r -> persistentNatTable(r, out);
      case OperatorReply.PersistentNatSummary r -> persistentNatSummary(r, out);
      case OperatorReply.InterfaceNatPorts r -> interfaceNatPorts(r, out);
      case OperatorReply.PortBlocks r -> portBlocks(r, out);
      case OperatorReply.Interfaces r -> interfaces(r, out);
      case OperatorReply.Arp r -> arp(r, out);
      case OperatorReply.Ipv6Neighbors r -> ipv6Neighbors(r, out);
      case OperatorReply.LogFile r -> r.lines().forEach(line -> out.append(line).append('\n'));
    }
  }

  // ------------------------------------------------------------------ port blocks

  /**
   * {@code show security nat source port-block}: per pool its settings and a row per held block. No
   * real text capture was found: the lines carry the XML reply's fields in its order, with the
   * column words of Junos's persistent NAT table style (ADR 0038).
   *
   * <pre>
   * Pool name: pba
   * Pool id: 4
   * Port-overloading-factor: 1    Port block size: 128
   * Max port blocks per host: 8   Port block active timeout: 0
   * Last block recycle timeout: 0
   * Used/total port blocks: 1/504
   * Host_IP                                  External_IP                              Port_Block      Ports_Used/     Block_State/
   *                                                                                   Range           Ports_Total     Left_Time(s)
   * 10.0.0.5                                 198.18.0.1                               1024-1151       1/128*1         Active/-
   * </pre>
   */
  private static void portBlocks(OperatorReply.PortBlocks reply, StringBuilder out) {
    boolean first = true;
    for (OperatorReply.PortBlockPool pool : reply.pools()) {
      if (!first) {
        out.append('\n');
      }
      first = false;
      out.append("Pool name: ").append(pool.name()).append('\n');
      out.append("Pool id: ").append(pool.id()).append('\n');
      out.append(
          String.format(
              "%-30sPort block size: %d\n",
              "Port-overloading-factor: " + pool.overloadingFactor(), pool.blockSize()));
      out.append(
          String.format(
              "%-30sPort block active timeout: %d\n",
              "Max port blocks per host: " + pool.maximumBlocksPerHost(),
              pool.activeTimeoutSeconds()));
      out.append("Last block recycle timeout: ")
          .append(pool.lastBlockTimeoutSeconds())
          .append('\n');
      out.append("Used/total port blocks: ")
          .append(pool.blocksUsed())
          .append('/')
          .append(pool.blocksTotal())
          .append('\n');
      out.append(
          String.format(
              "%-40s %-40s %-15s %-15s %s\n",
              "Host_IP", "External_IP", "Port_Block", "Ports_Used/", "Block_State/"));
      out.append(
          String.format(
              "%-40s %-40s %-15s %-15s %s\n", "", "", "Range", "Ports_Total", "Left_Time(s)"));
      for (OperatorReply.PortBlockEntry b : pool.blocks()) {
        out.append(
            String.format(
                "%-40s %-40s %-15s %-15s %s\n",
                b.host(),
                b.reflexive(),
                b.lowPort() + "-" + b.highPort(),
                b.portsUsed() + "/" + b.portsTotal() + "*" + b.overloadingFactor(),
                b.state() + "/" + b.leftTime()));
      }
    }
  }

  // ------------------------------------------------------------------ persistent NAT

  private static void persistentNatTable(
      OperatorReply.PersistentNatTable reply, StringBuilder out) {
    for (OperatorReply.PersistentNatBlock block : reply.blocks()) {
      if (block.spu() != null) {
        out.append("Persistent NAT table on ").append(block.spu()).append(":\n");
      }
      out.append(
              String.format(
                      BINDING_ROW,
                      "Internal",
                      "",
                      "",
                      "Reflective",
                      "",
                      "",
                      "Source",
                      "Type",
                      "Left_time/",
                      "Curr_Sess_Num/",
                      "Source")
                  .stripTrailing())
          .append('\n');
      out.append(
              String.format(
                      BINDING_ROW,
                      "In_IP",
                      "In_Port",
                      "I_Proto",
                      "Ref_IP",
                      "Ref_Port",
                      "R_Proto",
                      "NAT Pool",
                      "",
                      "Conf_time",
                      "Max_Sess_Num",
                      "NAT Rule")
                  .stripTrailing())
          .append('\n');
      for (OperatorReply.PersistentNatEntry e : block.entries()) {
        out.append(
                String.format(
                    BINDING_ROW,
                    e.internalIp(),
                    e.internalPort(),
                    e.internalProtocol(),
                    e.reflexiveIp(),
                    e.reflexivePort(),
                    e.reflexiveProtocol(),
                    e.pool(),
                    e.type(),
                    e.leftTime() + "/" + e.configuredTime(),
                    e.sessions() + "/" + e.maximumSessions(),
                    e.rule()))
            .append('\n');
      }
    }
  }

  private static void persistentNatSummary(
      OperatorReply.PersistentNatSummary reply, StringBuilder out) {
    boolean first = true;
    for (OperatorReply.PersistentNatStatistics spu : reply.spus()) {
      if (!first) {
        out.append('\n');
      }
      first = false;
      out.append("Persistent NAT Table Statistics on ").append(spu.spu()).append(":\n");
      out.append(String.format("%-20s: %d%n", "binding total", spu.bindingsTotal()));
      out.append(String.format("%-20s: %d%n", "binding in use", spu.bindingsInUse()));
      out.append(String.format("%-20s: %d%n", "enode total", spu.enodesTotal()));
      out.append(String.format("%-20s: %d%n", "enode in use", spu.enodesInUse()));
    }
  }

  // ------------------------------------------------------------------ interface NAT ports

  private static void interfaceNatPorts(OperatorReply.InterfaceNatPorts reply, StringBuilder out) {
    String row = "%-10s%-11s%-17s%-17s%-15s%s";
    out.append(
            String.format(
                row, "Pool", "Total", "Single ports", "Single ports", "Twin ports", "Twin ports"))
        .append('\n');
    out.append(
            String.format(
                row, "index", "ports", "allocated", "available", "allocated", "available"))
        .append('\n');
    for (OperatorReply.InterfaceNatPool pool : reply.pools()) {
      out.append(
              String.format(
                      row,
                      pool.index(),
                      pool.totalPorts(),
                      pool.singleAllocated(),
                      pool.singleAvailable(),
                      pool.twinAllocated(),
                      pool.twinAvailable())
                  .stripTrailing())
          .append('\n');
    }
  }

  // ------------------------------------------------------------------ interfaces

  private static void interfaces(OperatorReply.Interfaces reply, StringBuilder out) {
    OperatorReply.Level level = reply.level();
    boolean detail = level != OperatorReply.Level.NORMAL;
    boolean first = true;
    for (OperatorReply.PhysicalInterface p : reply.interfaces()) {
      if (!first) {
        out.append('\n');
      }
      first = false;
      out.append("Physical interface: ")
          .append(p.name())
          .append(p.enabled() ? ", Enabled" : ", Administratively down")
          .append(", Physical link is ")
          .append(p.linkUp() ? "Up" : "Down")
          .append('\n');
      out.append("  Interface index: ")
          .append(p.index())
          .append(", SNMP ifIndex: ")
          .append(p.snmpIndex())
          .append('\n');
      out.append("  Link-level type: Ethernet, MTU: ")
          .append(Placeholders.PHYSICAL_MTU)
          .append(", Speed: ")
          .append(Placeholders.PORT_SPEED)
          .append('\n');
      out.append("  Device flags   : Present Running\n");
      out.append("  Interface flags: SNMP-Traps Internal: 0x4000\n");
      out.append("  Current address: ")
          .append(p.mac())
          .append(", Hardware address: ")
          .append(p.mac())
          .append('\n');
      out.append("  Last flapped   : Never\n");
      if (!detail) {
        out.append(
            String.format(
                "  Input rate     : %d bps (%d pps)%n",
                Placeholders.INTERFACE_RATE, Placeholders.INTERFACE_RATE));
        out.append(
            String.format(
                "  Output rate    : %d bps (%d pps)%n",
                Placeholders.INTERFACE_RATE, Placeholders.INTERFACE_RATE));
      } else {
        out.append("  Statistics last cleared: Never\n");
        out.append("  Traffic statistics:\n");
        rated(out, "Input  bytes  :", p.traffic().inputBytes(), "bps");
        rated(out, "Output bytes  :", p.traffic().outputBytes(), "bps");
        rated(out, "Input  packets:", p.traffic().inputPackets(), "pps");
        rated(out, "Output packets:", p.traffic().outputPackets(), "pps");
      }
      if (level == OperatorReply.Level.EXTENSIVE) {
        long e = Placeholders.PHYSICAL_ERRORS;
        out.append("  Input errors:\n");
        out.append(
            String.format(
                "    Errors: %d, Drops: %d, Framing errors: %d, Runts: %d, Giants: %d, Policed"
                    + " discards: %d, Resource errors: %d%n",
                e, e, e, e, e, e, e));
        out.append("  Output errors:\n");
        out.append(
            String.format(
                "    Carrier transitions: %d, Errors: %d, Drops: %d, MTU errors: %d, Resource"
                    + " errors: %d%n",
                e, e, e, e, e));
      }
      for (OperatorReply.LogicalInterface unit : p.units()) {
        logical(unit, level, out);
      }
    }
  }

  private static void rated(StringBuilder out, String label, long value, String unit) {
    out.append(
        String.format("   %-15s%21d%21d %s%n", label, value, Placeholders.INTERFACE_RATE, unit));
  }

  private static void logical(
      OperatorReply.LogicalInterface unit, OperatorReply.Level level, StringBuilder out) {
    boolean detail = level != OperatorReply.Level.NORMAL;
    out.append('\n');
    out.append("  Logical interface ")
        .append(unit.name())
        .append(" (Index ")
        .append(unit.index())
        .append(") (SNMP ifIndex ")
        .append(unit.snmpIndex())
        .append(")\n");
    out.append("    Flags: ")
        .append(unit.up() ? "Up" : "Down")
        .append(" SNMP-Traps 0x4000 Encapsulation: ENET2\n");
    if (detail) {
      out.append("    Traffic statistics:\n");
      out.append(String.format("     %-15s%21d%n", "Input  bytes  :", unit.traffic().inputBytes()));
      out.append(
          String.format("     %-15s%21d%n", "Output bytes  :", unit.traffic().outputBytes()));
      out.append(
          String.format("     %-15s%21d%n", "Input  packets:", unit.traffic().inputPackets()));
      out.append(
          String.format("     %-15s%21d%n", "Output packets:", unit.traffic().outputPackets()));
    } else {
      out.append("    Input packets : ").append(unit.traffic().inputPackets()).append('\n');
      out.append("    Output packets: ").append(unit.traffic().outputPackets()).append('\n');
    }
    if (unit.zone() != null) {
      out.append("    Security: Zone: ").append(unit.zone()).append('\n');
      if (!unit.hostInbound().isEmpty()) {
        out.append("    Allowed host-inbound traffic : ")
            .append(String.join(" ", unit.hostInbound()))
            .append('\n');
      }
    }
    if (detail) {
      OperatorReply.FlowCounters flow = unit.flow();
      out.append("    Flow Statistics :\n");
      out.append("    Flow Input statistics :\n");
      flowLine(out, "Self packets :", flow.selfPackets());
      flowLine(out, "ICMP packets :", flow.icmpPackets());
      flowLine(out, "VPN packets :", flow.vpnPackets());
      flowLine(out, "Multicast packets :", flow.multicastInput());
      flowLine(out, "Bytes permitted by policy :", flow.inputBytesPermitted());
      flowLine(out, "Connections established :", flow.connections());
      out.append("    Flow Output statistics:\n");
      flowLine(out, "Multicast packets :", flow.multicastOutput());
      flowLine(out, "Bytes permitted by policy :", flow.outputBytesPermitted());
      out.append("    Flow error statistics (Packets dropped due to):\n");
      for (OperatorReply.FlowError error : flow.errors()) {
        flowLine(out, error.label(), error.packets());
      }
    }
    for (OperatorReply.AddressFamily family : unit.families()) {
      out.append("    Protocol ")
          .append(family.name())
          .append(", MTU: ")
          .append(family.mtu())
          .append('\n');
      out.append(
          family.name().equals("inet")
              ? "      Flags: Sendbcast-pkt-to-re\n"
              : "      Flags: None\n");
      boolean primary = true;
      for (OperatorReply.InterfaceAddress address : family.addresses()) {
        out.append(
            primary
                ? "      Addresses, Flags: Is-Preferred Is-Primary\n"
                : "      Addresses, Flags: Is-Preferred\n");
        primary = false;
        out.append("        Destination: ")
            .append(address.destination())
            .append(", Local: ")
            .append(address.local());
        if (address.broadcast() != null) {
          out.append(", Broadcast: ").append(address.broadcast());
        }
        out.append('\n');
      }
    }
  }

  private static void flowLine(StringBuilder out, String label, long value) {
    out.append(String.format("      %-35s%d%n", label, value));
  }

  // ------------------------------------------------------------------ ARP

  private static void arp(OperatorReply.Arp reply, StringBuilder out) {
    if (reply.resolve()) {
      out.append(
          "MAC Address       Address         Name                      Interface               Flags\n");
      for (OperatorReply.ArpRow row : reply.entries()) {
        out.append(
                String.format(
                    "%-17s %-15s %-25s %-23s %s",
                    row.mac(), row.address(), row.hostName(), row.interfaceName(), row.flags()))
            .append('\n');
      }
    } else {
      out.append("MAC Address       Address         Interface                Flags\n");
      for (OperatorReply.ArpRow row : reply.entries()) {
        out.append(
                String.format(
                    "%-17s %-15s %-24s %s",
                    row.mac(), row.address(), row.interfaceName(), row.flags()))
            .append('\n');
      }
    }
    out.append("Total entries: ").append(reply.entries().size()).append('\n');
  }

  // ------------------------------------------------------------------ IPv6 neighbours

  /**
   *
   *
   * <pre>
   * IPv6 Address                            Linklayer Address  State       Exp   Rtr  Secure  Interface
   * fe80::e20:51ff:fed2:1                    0c:20:51:d2:00:01  reachable   12    yes  no      ge-0/0/1.0
   * Total entries: 1
   * </pre>
   *
   * (the header and each row end in blanks up to the interface column's 24 characters)
   */
  private static void ipv6Neighbors(OperatorReply.Ipv6Neighbors reply, StringBuilder out) {
    out.append(
            String.format(
                "%-39s %-18s %-11s %-5s %-4s %-7s %-24s",
                "IPv6 Address", "Linklayer Address", "State", "Exp", "Rtr", "Secure", "Interface"))
        .append('\n');
    for (OperatorReply.Ipv6NeighborRow row : reply.entries()) {
      out.append(
              String.format(
                  "%-40s %-18s %-11s %-5d %-4s %-7s %-24s",
                  row.address(),
                  row.linkLayerAddress(),
                  row.state(),
                  row.expireSeconds(),
                  row.router(),
                  row.secure(),
                  row.interfaceName()))
          .append('\n');
    }
    out.append("Total entries: ").append(reply.entries().size()).append('\n');
  }
}
