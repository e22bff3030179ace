package org.flowgate.dataplane.nat;

import java.util.List;

/**
 * One SPU's persistent NAT table: its size, what is in use, and a copy of every binding.
 *
 * @param bindingsTotal bindings the table can hold
 * @param enodesTotal remote endpoints it can keep for {@code target-host} permits
 */
public record PersistentBindings(
    int spu,
    int bindingsTotal,
    int bindingsInUse,
    int enodesTotal,
    int enodesInUse,
    List<PersistentBinding> bindings) {
  /**
   * Bindings the device's persistent NAT table holds, shared among the SPUs (each gets its part,
   * rounded up to a power of two): a bound of Flowgate's, shown as {@code binding total} by a
   * single flowd whatever the number of SPU shards (docs/adr/0025-nat-and-operator-views.md).
   */
  public static final int DEVICE_BINDINGS = 8192;

  /** Remote endpoints kept per binding for {@code target-host} and {@code target-host-port}. */
  public static final int ENODES_PER_BINDING = 8;

  public PersistentBindings {
    bindings = List.copyOf(bindings);
  }
}
