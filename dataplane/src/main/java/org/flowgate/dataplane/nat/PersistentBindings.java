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
  public PersistentBindings {
    bindings = List.copyOf(bindings);
  }
}
