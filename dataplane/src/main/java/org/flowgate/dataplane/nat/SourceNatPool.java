package org.flowgate.dataplane.nat;

import java.util.List;

/**
 * {@code security nat source pool NAME}.
 *
 * <pre>
 * pool P {
 *     address { 192.0.2.0/30; 198.51.100.1 to 198.51.100.9; }
 *     port (no-translation | range LOW [to HIGH]);     default: single ports 1024 .. 63487,
 *                                                       twin ports 63488 .. 65535
 *     overflow-pool (interface | POOL);
 *     address-persistent;                               same inside address, same pool address
 *     routing-instance R;
 * }
 * </pre>
 *
 * @param id {@link #FIRST_ID} for the first pool, then one more for each in configuration order
 *     (shown as {@code Pool id})
 * @param portTranslation false for {@code port no-translation}
 * @param overflow where sessions go when this pool has nothing left
 * @param overflowPool the overflow pool's index when {@code overflow} is {@link Overflow#POOL},
 *     else -1
 * @param routingInstance index of the pool's routing instance (0, the master, by default)
 * @param twinPorts the ports a translating pool keeps for twin (paired) allocation, outside {@code
 *     ports}; null when it keeps none (a pool with its own {@code port range} and no {@code
 *     twin-port})
 * @param blockAllocation {@code port block-allocation}, null for single-port allocation
 */
public record SourceNatPool(
    int id,
    String name,
    List<NatAddressRange> addresses,
    boolean portTranslation,
    PortRange ports,
    Overflow overflow,
    int overflowPool,
    boolean addressPersistent,
    int routingInstance,
    PortRange twinPorts,
    PortBlockAllocation blockAllocation) {

  /** A pool that allocates single ports. */
  public SourceNatPool(
      int id,
      String name,
      List<NatAddressRange> addresses,
      boolean portTranslation,
      PortRange ports,
      Overflow overflow,
      int overflowPool,
      boolean addressPersistent,
      int routingInstance,
      PortRange twinPorts) {
    this(
        id,
        name,
        addresses,
        portTranslation,
        ports,
        overflow,
        overflowPool,
        addressPersistent,
        routingInstance,
        twinPorts,
        null);
  }

  /** True when the pool hands out port blocks ({@code port block-allocation}). */
  public boolean allocatesBlocks() {
    return blockAllocation != null && portTranslation;
  }

  /**
   * The id of the first source pool: real SRX replies number user pools from 4 ({@code <pool-id>4}
   * in every public reply, Junos 15.1 to 20.2; docs/adr/0025-nat-and-operator-views.md).
   */
  public static final int FIRST_ID = 4;

  /**
   * The single ports of a translating pool without its own range: {@code Port : [1024, 63487]} of
   * real replies.
   */
  public static final PortRange DEFAULT_PORTS = new PortRange(1024, 63487);

  /** The twin ports of such a pool: {@code <source-pool-twin-port>[63488, 65535]}. */
  public static final PortRange DEFAULT_TWIN_PORTS = new PortRange(63488, 65535);

  /** A pool that keeps no twin ports. */
  public SourceNatPool(
      int id,
      String name,
      List<NatAddressRange> addresses,
      boolean portTranslation,
      PortRange ports,
      Overflow overflow,
      int overflowPool,
      boolean addressPersistent,
      int routingInstance) {
    this(
        id,
        name,
        addresses,
        portTranslation,
        ports,
        overflow,
        overflowPool,
        addressPersistent,
        routingInstance,
        null);
  }

  /** Twin ports of one address: 0 when the pool keeps none or translates no ports. */
  public int twinPortsPerAddress() {
    return portTranslation && twinPorts != null ? twinPorts.size() : 0;
  }

  public enum Overflow {
    NONE,
    INTERFACE,
    POOL
  }

  /** Addresses over every range. */
  public long addressCount() {
    long total = 0;
    for (NatAddressRange range : addresses) {
      total += range.size();
    }
    return total;
  }

  /** True when the address is one of the pool's. */
  public boolean contains(long hi, long lo) {
    for (NatAddressRange range : addresses) {
      if (range.contains(hi, lo)) {
        return true;
      }
    }
    return false;
  }
}
