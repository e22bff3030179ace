package org.flowgate.mgmt.reply;

import java.util.List;
import java.util.Objects;

/**
 * The replies of the views issue 11 added for operators (docs/adr/0025-nat-and-operator-views.md):
 * NAT's persistent, interface-port and port-block tables, interfaces with their flow counters, the
 * ARP table and log files. Each is one record model read by one text renderer ({@code
 * OperatorTextRenderer}) and one reply tree ({@code OperatorReplyTree}).
 *
 * <pre>
 * show security nat source persistent-nat-table (all | internal-ip ...)   PersistentNatTable
 * show security nat source persistent-nat-table summary                     PersistentNatSummary
 * show security nat interface-nat-ports                                     InterfaceNatPorts
 * show security nat source port-block                                       PortBlocks
 * show interfaces [NAME] [detail | extensive]                               Interfaces
 * show arp [no-resolve]                                                     Arp
 * show ipv6 neighbors [interface NAME]                                      Ipv6Neighbors
 * show log FILE                                                             LogFile
 * </pre>
 */
public sealed interface OperatorReply extends ViewReply {

  // ------------------------------------------------------------------ persistent NAT

  /**
   * {@code show security nat source persistent-nat-table all} (or one internal address): a block
   * per SPU on a high-end device, one block on a single flowd.
   */
  record PersistentNatTable(List<PersistentNatBlock> blocks) implements OperatorReply {
    public PersistentNatTable {
      blocks = List.copyOf(blocks);
    }
  }

  /**
   * One SPU's bindings; {@code spu} is its {@code FPCx PICy} on a high-end device, null on a single
   * flowd.
   */
  record PersistentNatBlock(String spu, List<PersistentNatEntry> entries) {
    public PersistentNatBlock {
      entries = List.copyOf(entries);
    }
  }

  /**
   * One binding, as Junos names its columns.
   *
   * @param leftTime seconds until the binding goes, or {@code -} while sessions use it
   * @param configuredTime the rule's inactivity timeout
   */
  record PersistentNatEntry(
      String internalIp,
      int internalPort,
      String internalProtocol,
      String reflexiveIp,
      int reflexivePort,
      String reflexiveProtocol,
      String pool,
      String type,
      String leftTime,
      int configuredTime,
      int sessions,
      int maximumSessions,
      String rule) {}

  /** {@code show security nat source persistent-nat-table summary}: per SPU. */
  record PersistentNatSummary(List<PersistentNatStatistics> spus) implements OperatorReply {
    public PersistentNatSummary {
      spus = List.copyOf(spus);
    }
  }

  /** One SPU's table sizes ({@code spu} is its location: {@code FPC0 PIC0} on a single flowd). */
  record PersistentNatStatistics(
      String spu, long bindingsTotal, long bindingsInUse, long enodesTotal, long enodesInUse) {}

  // ------------------------------------------------------------------ interface NAT ports

  /** {@code show security nat interface-nat-ports}: one row per interface NAT can translate to. */
  record InterfaceNatPorts(List<InterfaceNatPool> pools) implements OperatorReply {
    public InterfaceNatPorts {
      pools = List.copyOf(pools);
    }
  }

  /**
   * One interface's port pool.
   *
   * @param index the pool's index: the interface's place among those listed
   * @param interfaceName the interface (not shown by Junos; kept for the reader of the model)
   */
  record InterfaceNatPool(
      int index,
      String interfaceName,
      long totalPorts,
      long singleAllocated,
      long singleAvailable,
      long twinAllocated,
      long twinAvailable) {}

  // ------------------------------------------------------------------ port blocks

  /**
   * {@code show security nat source port-block}: each pool that allocates port blocks, with the
   * blocks its hosts hold (docs/adr/0038).
   */
  record PortBlocks(List<PortBlockPool> pools) implements OperatorReply {
    public PortBlocks {
      pools = List.copyOf(pools);
    }
  }

  /**
   * One {@code port block-allocation} pool: its settings, how many blocks it has and holds, and the
   * blocks (Juniper's {@code pba-pool-info-entry}).
   *
   * @param overloadingFactor {@code port-overloading-factor}; Flowgate's pools overload no port
   * @param lastBlockTimeoutSeconds {@code last-block-recycle-timeout}, 0 when not set
   */
  record PortBlockPool(
      String name,
      int id,
      int overloadingFactor,
      int blockSize,
      int maximumBlocksPerHost,
      long activeTimeoutSeconds,
      long lastBlockTimeoutSeconds,
      long blocksTotal,
      long blocksUsed,
      List<PortBlockEntry> blocks) {
    public PortBlockPool {
      blocks = List.copyOf(blocks);
    }
  }

  /**
   * One held block (Juniper's {@code pba-blk-table-entry}).
   *
   * @param state {@code Active} or {@code Inactive}
   * @param leftTime seconds the active block stays active, {@code -} without a timeout
   */
  record PortBlockEntry(
      String host,
      String reflexive,
      int lowPort,
      int highPort,
      int portsUsed,
      int portsTotal,
      int overloadingFactor,
      String state,
      String leftTime) {}

  // ------------------------------------------------------------------ interfaces

  /** How much {@code show interfaces} says: none given, {@code detail} or {@code extensive}. */
  enum Level {
    NORMAL("normal"),
    DETAIL("detail"),
    EXTENSIVE("extensive");

    private final String junosStyle;

    Level(String junosStyle) {
      this.junosStyle = junosStyle;
    }

    /** {@code junos:style} of the reply. */
    public String junosStyle() {
      return junosStyle;
    }
  }

  /** {@code show interfaces [NAME] [detail | extensive]}. */
  record Interfaces(Level level, List<PhysicalInterface> interfaces) implements OperatorReply {
    public Interfaces {
      Objects.requireNonNull(level, "level");
      interfaces = List.copyOf(interfaces);
    }
  }

  /**
   * A port and its units.
   *
   * @param enabled false when the port is disabled
   * @param linkUp the physical link
   * @param index {@code Interface index}
   * @param snmpIndex {@code SNMP ifIndex}
   * @param mac the port's MAC address, {@code xx:xx:xx:xx:xx:xx}
   * @param traffic the sum of its units' counters
   */
  record PhysicalInterface(
      String name,
      boolean enabled,
      boolean linkUp,
      int index,
      int snmpIndex,
      String mac,
      Traffic traffic,
      List<LogicalInterface> units) {
    public PhysicalInterface {
      units = List.copyOf(units);
    }
  }

  /**
   * A logical unit with its zone, host-inbound services, flow counters and addresses.
   *
   * @param zone its security zone, null when in none
   * @param hostInbound the services and protocols its zone lets reach the device
   */
  record LogicalInterface(
      String name,
      boolean up,
      int index,
      int snmpIndex,
      String zone,
      List<String> hostInbound,
      Traffic traffic,
      FlowCounters flow,
      List<AddressFamily> families) {
    public LogicalInterface {
      hostInbound = List.copyOf(hostInbound);
      families = List.copyOf(families);
    }
  }

  /** Packets and bytes in and out (IP bytes). */
  record Traffic(long inputBytes, long outputBytes, long inputPackets, long outputPackets) {
    public Traffic plus(Traffic other) {
      return new Traffic(
          inputBytes + other.inputBytes,
          outputBytes + other.outputBytes,
          inputPackets + other.inputPackets,
          outputPackets + other.outputPackets);
    }
  }

  /**
   * The {@code Flow Statistics} and {@code Flow error statistics} of a logical interface.
   *
   * @param errors the lines of {@code Flow error statistics (Packets dropped due to)}, in Junos's
   *     order, with their counts
   */
  record FlowCounters(
      long selfPackets,
      long icmpPackets,
      long vpnPackets,
      long multicastInput,
      long inputBytesPermitted,
      long connections,
      long multicastOutput,
      long outputBytesPermitted,
      List<FlowError> errors) {
    public FlowCounters {
      errors = List.copyOf(errors);
    }
  }

  /**
   * One line of {@code Flow error statistics}: its Junos words, its count, and the element Flowgate
   * writes it as.
   */
  record FlowError(String label, String element, long packets) {}

  /** {@code Protocol inet} or {@code inet6} of a unit, with its addresses. */
  record AddressFamily(String name, int mtu, List<InterfaceAddress> addresses) {
    public AddressFamily {
      addresses = List.copyOf(addresses);
    }
  }

  /**
   * An address of a unit: {@code Destination} (the subnet), {@code Local} and, for IPv4, {@code
   * Broadcast}.
   */
  record InterfaceAddress(String destination, String local, String broadcast) {}

  // ------------------------------------------------------------------ ARP

  /** {@code show arp [no-resolve]}. */
  record Arp(boolean resolve, List<ArpRow> entries) implements OperatorReply {
    public Arp {
      entries = List.copyOf(entries);
    }
  }

  /** One ARP entry: its flags are {@code none} or {@code permanent}. */
  record ArpRow(String mac, String address, String hostName, String interfaceName, String flags) {}

  // ------------------------------------------------------------------ IPv6 neighbours

  /** {@code show ipv6 neighbors}: the neighbour cache, in address order. */
  record Ipv6Neighbors(List<Ipv6NeighborRow> entries) implements OperatorReply {
    public Ipv6Neighbors {
      entries = List.copyOf(entries);
    }
  }

  /**
   * One neighbour cache entry, in Junos's words.
   *
   * @param linkLayerAddress {@code xx:xx:xx:xx:xx:xx}, or {@code none} while unresolved
   * @param state {@code incomplete}, {@code reachable}, {@code stale}, {@code delay} or {@code
   *     probe}
   * @param expireSeconds seconds until the entry changes state or goes
   * @param router {@code yes} when the neighbour advertised itself as a router
   * @param secure {@code yes} for an entry SEND (RFC 3971) made; Flowgate has none
   */
  record Ipv6NeighborRow(
      String address,
      String linkLayerAddress,
      String state,
      long expireSeconds,
      String router,
      String secure,
      String interfaceName) {}

  // ------------------------------------------------------------------ log files

  /** {@code show log FILE}: the file's lines as they are. */
  record LogFile(String name, List<String> lines) implements OperatorReply {
    public LogFile {
      lines = List.copyOf(lines);
    }
  }
}
