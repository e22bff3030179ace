package org.flowgate.dataplane.nat;

import java.util.List;

/**
 * {@code security nat source pool NAME}.
 *
 * <pre>
 * pool P {
 *     address { 192.0.2.0/30; 198.51.100.1 to 198.51.100.9; }
 *     port (no-translation | range LOW [to HIGH]);     default: translation over 1024 .. 65535
 *     overflow-pool (interface | POOL);
 *     address-persistent;                               same inside address, same pool address
 *     routing-instance R;
 * }
 * </pre>
 *
 * @param id 1-based, in configuration order (shown as {@code Pool id})
 * @param portTranslation false for {@code port no-translation}
 * @param overflow where sessions go when this pool has nothing left
 * @param overflowPool the overflow pool's index when {@code overflow} is {@link Overflow#POOL},
 *     else -1
 * @param routingInstance index of the pool's routing instance (0, the master, by default)
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
    int routingInstance) {

  /** The default port range of a translating pool: 64512 ports per address (reference §6.3). */
  public static final PortRange DEFAULT_PORTS = new PortRange(1024, 65535);

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
