package org.flowgate.mgmt.command;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowgate.dataplane.control.InterfaceTraffic;
import org.flowgate.dataplane.nat.NatConfig;
import org.flowgate.dataplane.nat.NatContext;
import org.flowgate.dataplane.nat.NatRuleSet;
import org.flowgate.dataplane.nat.NatStatistics;
import org.flowgate.dataplane.nat.PersistentBinding;
import org.flowgate.dataplane.nat.PersistentBindings;
import org.flowgate.dataplane.nat.PersistentNat;
import org.flowgate.dataplane.nat.SourceNatPool;
import org.flowgate.dataplane.nat.SourceNatRule;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.dataplane.net.IpPrefix;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.zone.FirewallInterface;
import org.flowgate.dataplane.zone.Zone;
import org.flowgate.mgmt.render.ProtocolNames;
import org.flowgate.mgmt.reply.DeviceModel;
import org.flowgate.mgmt.reply.InterfacesTerseReply;
import org.flowgate.mgmt.reply.OperatorReply;
import org.flowgate.mgmt.reply.Placeholders;

/**
 * Builds the {@link OperatorReply} of each view from the running generation and what the engine
 * counted (docs/adr/0025-nat-and-operator-views.md). Stateless; any thread.
 */
final class OperatorViews {
  private OperatorViews() {}

  // ------------------------------------------------------------------ persistent NAT

  /**
   * Selects bindings by internal transport address: {@code address} null for all; port and protocol
   * -1 for any.
   */
  record BindingFilter(IpAddress address, int port, int protocol) {
    static final BindingFilter ALL = new BindingFilter(null, -1, -1);

    boolean matches(PersistentBinding b) {
      return (address == null || b.internal().equals(address))
          && (port < 0 || b.internalPort() == port)
          && (protocol < 0 || b.protocol() == protocol);
    }
  }

  /**
   * {@code show security nat source persistent-nat-table all | internal-ip ...}: a block per SPU on
   * a high-end device, one on a single flowd; bindings by internal address, port and protocol.
   */
  static OperatorReply.PersistentNatTable persistentNatTable(
      RuntimeConfig config,
      DeviceModel device,
      List<PersistentBindings> spus,
      BindingFilter filter) {
    List<OperatorReply.PersistentNatBlock> blocks = new ArrayList<>();
    List<PersistentBinding> merged = new ArrayList<>();
    for (PersistentBindings spu : spus) {
      List<PersistentBinding> chosen = new ArrayList<>();
      for (PersistentBinding b : spu.bindings()) {
        if (filter.matches(b)) {
          chosen.add(b);
        }
      }
      if (device.perSpuBlocks()) {
        blocks.add(
            new OperatorReply.PersistentNatBlock(
                device.spuLocation(spu.spu()), entries(config, chosen)));
      } else {
        merged.addAll(chosen);
      }
    }
    if (!device.perSpuBlocks()) {
      // one table, in one order whatever the number of SPU shards that hold it
      blocks.add(new OperatorReply.PersistentNatBlock(null, entries(config, merged)));
    }
    return new OperatorReply.PersistentNatTable(blocks);
  }

  /** The entries of some bindings, by internal address, port and protocol. */
  private static List<OperatorReply.PersistentNatEntry> entries(
      RuntimeConfig config, List<PersistentBinding> bindings) {
    bindings.sort(
        Comparator.comparing(PersistentBinding::internal)
            .thenComparingInt(PersistentBinding::internalPort)
            .thenComparingInt(PersistentBinding::protocol));
    List<OperatorReply.PersistentNatEntry> entries = new ArrayList<>();
    for (PersistentBinding b : bindings) {
      entries.add(entry(config, b));
    }
    return entries;
  }

  private static OperatorReply.PersistentNatEntry entry(RuntimeConfig config, PersistentBinding b) {
    NatConfig nat = config.nat();
    SourceNatRule rule =
        b.rule() < nat.sourceRules().size() ? nat.sourceRules().get(b.rule()) : null;
    PersistentNat persistent = rule == null ? null : rule.persistentNat();
    String protocol = ProtocolNames.name(b.protocol());
    return new OperatorReply.PersistentNatEntry(
        b.internal().toString(),
        b.internalPort(),
        protocol,
        b.reflexive().toString(),
        b.reflexivePort(),
        protocol,
        b.pool() >= 0 && b.pool() < nat.sourcePools().size()
            ? nat.sourcePools().get(b.pool()).name()
            : "interface",
        persistent == null ? "N/A" : persistent.type().junosName(),
        b.leftSeconds() < 0 ? "-" : Long.toString(b.leftSeconds()),
        persistent == null ? 0 : persistent.inactivityTimeoutSeconds(),
        b.sessions(),
        persistent == null ? 0 : persistent.maximumSessions(),
        rule == null ? "N/A" : rule.name());
  }

  /** {@code show security nat source persistent-nat-table summary}. */
  static OperatorReply.PersistentNatSummary persistentNatSummary(
      DeviceModel device, List<PersistentBindings> spus) {
    List<OperatorReply.PersistentNatStatistics> rows = new ArrayList<>();
    if (device.perSpuBlocks()) {
      for (PersistentBindings spu : spus) {
        rows.add(
            new OperatorReply.PersistentNatStatistics(
                device.spuLocation(spu.spu()),
                spu.bindingsTotal(),
                spu.bindingsInUse(),
                spu.enodesTotal(),
                spu.enodesInUse()));
      }
    } else {
      // a single flowd: the device's table, whatever the number of SPU shards that share it
      long bindings = 0;
      long enodes = 0;
      boolean any = false;
      for (PersistentBindings spu : spus) {
        any |= spu.bindingsTotal() > 0;
        bindings += spu.bindingsInUse();
        enodes += spu.enodesInUse();
      }
      long total = any ? PersistentBindings.DEVICE_BINDINGS : 0;
      rows.add(
          new OperatorReply.PersistentNatStatistics(
              Placeholders.SINGLE_FLOWD_LOCATION,
              total,
              bindings,
              total * PersistentBindings.ENODES_PER_BINDING,
              enodes));
    }
    return new OperatorReply.PersistentNatSummary(rows);
  }

  // ------------------------------------------------------------------ interface NAT ports

  /**
   * {@code show security nat interface-nat-ports}: one pool per interface an interface-NAT rule (or
   * an overflow to the interface) can translate to, in the generation's interface order, with the
   * single ports of its IPv4 address in use and free and its twin ports (which no Flowgate
   * translation takes).
   */
  static OperatorReply.InterfaceNatPorts interfaceNatPorts(
      RuntimeConfig config, NatStatistics statistics) {
    NatConfig nat = config.nat();
    boolean[] reachable = new boolean[config.interfaces().size()];
    for (SourceNatRule rule : nat.sourceRules()) {
      boolean toInterface =
          rule.action() == SourceNatRule.Action.INTERFACE
              || (rule.action() == SourceNatRule.Action.POOL
                  && nat.sourcePools().get(rule.pool()).overflow()
                      == SourceNatPool.Overflow.INTERFACE);
      if (toInterface) {
        NatRuleSet set = nat.sourceRuleSets().get(rule.ruleSet());
        for (FirewallInterface each : config.interfaces()) {
          if (inContext(config, set.to(), each)) {
            reachable[each.index()] = true;
          }
        }
      }
    }
    List<OperatorReply.InterfaceNatPool> pools = new ArrayList<>();
    // interface NAT takes an address's ports as a pool without its own range does
    long single = SourceNatPool.DEFAULT_PORTS.size();
    long twin = SourceNatPool.DEFAULT_TWIN_PORTS.size();
    for (FirewallInterface each : config.interfaces()) {
      if (!reachable[each.index()] || each.addresses().stream().noneMatch(IpPrefix::isIpv4)) {
        continue;
      }
      long used =
          each.index() < statistics.interfacePortsInUse().length
              ? statistics.interfacePortsInUse()[each.index()]
              : 0;
      long twinUsed =
          each.index() < statistics.interfaceTwinPortsInUse().length
              ? statistics.interfaceTwinPortsInUse()[each.index()]
              : 0;
      pools.add(
          new OperatorReply.InterfaceNatPool(
              pools.size(),
              each.name(),
              single + twin,
              used,
              single - used,
              twinUsed,
              twin - twinUsed));
    }
    return new OperatorReply.InterfaceNatPorts(pools);
  }

  /** True when a rule set's {@code to} context takes in this interface. */
  private static boolean inContext(
      RuntimeConfig config, NatContext context, FirewallInterface each) {
    if (context == null) {
      return false;
    }
    for (int index : context.indexes()) {
      boolean match =
          switch (context.kind()) {
            case ZONE -> each.zone() == index;
            case INTERFACE -> each.index() == index;
            case ROUTING_INSTANCE -> each.routingInstance() == index;
          };
      if (match) {
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------------ interfaces

  /**
   * {@code show interfaces [NAME] [detail | extensive]}: the ports and units of {@code show
   * interfaces terse} (a port, or a unit with its port, when named), each unit with its zone, its
   * zone's host-inbound services, its addresses and what the SPUs counted on it; a port's traffic
   * is its units'. Null when a name is given that is no port or unit.
   */
  static OperatorReply.Interfaces interfaces(
      RuntimeConfig config,
      LoadedConfiguration loaded,
      List<InterfaceTraffic> traffic,
      String name,
      OperatorReply.Level level) {
    Map<String, InterfaceTraffic> byName = new LinkedHashMap<>();
    for (InterfaceTraffic each : traffic) {
      byName.put(each.name(), each);
    }
    InterfacesTerseReply terse = ConfigurationViews.interfacesTerse(config, loaded);
    List<OperatorReply.PhysicalInterface> physicals = new ArrayList<>();
    int port = 0;
    int unitNumber = 0;
    for (InterfacesTerseReply.Physical physical : terse.interfaces()) {
      int portIndex = port++;
      List<OperatorReply.LogicalInterface> units = new ArrayList<>();
      OperatorReply.Traffic sum = new OperatorReply.Traffic(0, 0, 0, 0);
      for (InterfacesTerseReply.Logical unit : physical.units()) {
        int unitIndex = unitNumber++;
        FirewallInterface configured = config.interfaceNamed(unit.name());
        InterfaceTraffic counted =
            byName.getOrDefault(unit.name(), InterfaceTraffic.none(unit.name()));
        OperatorReply.Traffic unitTraffic =
            new OperatorReply.Traffic(
                counted.inputBytes(),
                counted.outputBytes(),
                counted.inputPackets(),
                counted.outputPackets());
        sum = sum.plus(unitTraffic);
        if (name != null && !name.equals(physical.name()) && !name.equals(unit.name())) {
          continue;
        }
        Zone zone =
            configured != null && configured.zone() >= 0
                ? config.zones().get(configured.zone())
                : null;
        units.add(
            new OperatorReply.LogicalInterface(
                unit.name(),
                unit.link().equals("up"),
                Placeholders.logicalInterfaceIndex(unitIndex),
                Placeholders.logicalSnmpIndex(unitIndex),
                zone == null ? null : zone.name(),
                zone == null ? List.of() : hostInbound(zone),
                unitTraffic,
                flow(counted),
                families(configured)));
      }
      if (name != null && !name.equals(physical.name()) && units.isEmpty()) {
        continue;
      }
      physicals.add(
          new OperatorReply.PhysicalInterface(
              physical.name(),
              physical.admin().equals("up"),
              physical.link().equals("up"),
              Placeholders.physicalInterfaceIndex(portIndex),
              Placeholders.physicalSnmpIndex(portIndex),
              mac(Placeholders.portMacAddress(portIndex)),
              sum,
              units));
    }
    if (name != null && physicals.isEmpty()) {
      return null;
    }
    return new OperatorReply.Interfaces(level, physicals);
  }

  /**
   * The {@code Flow error statistics} lines, in Junos's order, with the drop reasons Flowgate
   * counts under each (ADR 0025): a line no Flowgate drop falls under counts 0 because Flowgate has
   * no such drop (no IPsec, user authentication or gates); of the screens, the SYN-flood and
   * IP-spoofing drops have a line here (the others are counted by {@code show security screen
   * statistics}).
   */
  static final List<FlowErrorLine> FLOW_ERRORS =
      List.of(
          new FlowErrorLine("Address spoofing:", "address-spoofing", DropReason.SCREEN_IP_SPOOFING),
          new FlowErrorLine("Authentication failed:", "authentication-failed"),
          new FlowErrorLine(
              "Incoming NAT errors:", "incoming-nat-errors", DropReason.NAT_POOL_EXHAUSTED),
          new FlowErrorLine("Invalid zone received packet:", "invalid-zone-received-packet"),
          new FlowErrorLine("Multiple user authentications:", "multiple-user-authentications"),
          new FlowErrorLine("Multiple incoming NAT:", "multiple-incoming-nat"),
          new FlowErrorLine("No parent for a gate:", "no-parent-for-a-gate"),
          new FlowErrorLine(
              "No one interested in self packets:",
              "no-one-interested-in-self-packets",
              DropReason.HOST_INBOUND_DENIED),
          new FlowErrorLine("No minor session:", "no-minor-session"),
          new FlowErrorLine("No more sessions:", "no-more-sessions", DropReason.SESSION_TABLE_FULL),
          new FlowErrorLine("No NAT gate:", "no-nat-gate"),
          new FlowErrorLine(
              "No route present:",
              "no-route-present",
              DropReason.NO_ROUTE,
              DropReason.ROUTE_DISCARD),
          new FlowErrorLine("No SA for incoming SPI:", "no-sa-for-incoming-spi"),
          new FlowErrorLine("No tunnel found:", "no-tunnel-found"),
          new FlowErrorLine("No session for a gate:", "no-session-for-a-gate"),
          new FlowErrorLine("No zone or NULL zone binding", "no-zone-or-null-zone-binding"),
          new FlowErrorLine(
              "Policy denied:", "policy-denied", DropReason.POLICY_DENY, DropReason.POLICY_REJECT),
          new FlowErrorLine("Security association not active:", "security-association-not-active"),
          new FlowErrorLine(
              "TCP sequence number out of window:",
              "tcp-sequence-number-out-of-window",
              DropReason.TCP_OUT_OF_WINDOW),
          new FlowErrorLine(
              "Syn-attack protection:",
              "syn-attack-protection",
              DropReason.SCREEN_TCP_SYN_FLOOD,
              DropReason.SCREEN_TCP_SYN_FLOOD_SOURCE,
              DropReason.SCREEN_TCP_SYN_FLOOD_DESTINATION),
          new FlowErrorLine("User authentication errors:", "user-authentication-errors"));

  /** A Junos flow error line and the drop reasons counted under it. */
  record FlowErrorLine(String label, String element, DropReason... reasons) {}

  private static OperatorReply.FlowCounters flow(InterfaceTraffic counted) {
    List<OperatorReply.FlowError> errors = new ArrayList<>();
    for (FlowErrorLine line : FLOW_ERRORS) {
      long packets = 0;
      for (DropReason reason : line.reasons()) {
        packets += counted.drops(reason);
      }
      errors.add(new OperatorReply.FlowError(line.label(), line.element(), packets));
    }
    return new OperatorReply.FlowCounters(
        counted.selfPackets(),
        counted.icmpPackets(),
        Placeholders.FLOW_VPN_PACKETS,
        counted.multicastInput(),
        counted.permittedInputBytes(),
        counted.connections(),
        counted.multicastOutput(),
        counted.permittedOutputBytes(),
        errors);
  }

  /** The zone's {@code system-services} then {@code protocols}, as Junos lists them, sorted. */
  private static List<String> hostInbound(Zone zone) {
    List<String> all = new ArrayList<>(new java.util.TreeSet<>(zone.hostInboundServices()));
    all.addAll(new java.util.TreeSet<>(zone.hostInboundProtocols()));
    return all;
  }

  private static List<OperatorReply.AddressFamily> families(FirewallInterface configured) {
    if (configured == null) {
      return List.of();
    }
    List<OperatorReply.InterfaceAddress> inet = new ArrayList<>();
    List<OperatorReply.InterfaceAddress> inet6 = new ArrayList<>();
    for (IpPrefix address : configured.addresses()) {
      org.flowgate.dataplane.nat.NatAddressRange span =
          org.flowgate.dataplane.nat.NatAddressRange.of(address);
      String subnet = span.low() + "/" + address.length();
      if (address.isIpv4()) {
        inet.add(
            new OperatorReply.InterfaceAddress(
                subnet, address.address().toString(), span.high().toString()));
      } else {
        inet6.add(new OperatorReply.InterfaceAddress(subnet, address.address().toString(), null));
      }
    }
    List<OperatorReply.AddressFamily> families = new ArrayList<>();
    if (!inet.isEmpty()) {
      families.add(new OperatorReply.AddressFamily("inet", Placeholders.INET_MTU, inet));
    }
    if (!inet6.isEmpty()) {
      families.add(new OperatorReply.AddressFamily("inet6", Placeholders.INET_MTU, inet6));
    }
    return families;
  }

  private static String mac(long value) {
    StringBuilder text = new StringBuilder(17);
    for (int shift = 40; shift >= 0; shift -= 8) {
      if (text.length() > 0) {
        text.append(':');
      }
      text.append(String.format("%02x", (value >>> shift) & 0xff));
    }
    return text.toString();
  }
}
