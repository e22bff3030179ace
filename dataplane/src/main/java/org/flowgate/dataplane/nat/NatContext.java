package org.flowgate.dataplane.nat;

/**
 * Where a NAT rule set applies: {@code from} (the packet's ingress side) or {@code to} (its egress
 * side) as an interface, a zone or a routing instance, each a list of indexes into the runtime
 * configuration's interfaces, zones or routing instances.
 *
 * <p>When rule sets overlap, the most specific context wins: interface, then zone, then routing
 * instance (reference §6.3); {@link Kind#specificity()} orders them.
 */
public record NatContext(Kind kind, int[] indexes) {

  public enum Kind {
    ROUTING_INSTANCE("routing-instance"),
    ZONE("zone"),
    INTERFACE("interface");

    private final String junosName;

    Kind(String junosName) {
      this.junosName = junosName;
    }

    /** The keyword after {@code from} or {@code to}. */
    public String junosName() {
      return junosName;
    }

    /** Higher is more specific. */
    public int specificity() {
      return ordinal();
    }
  }

  /** True when a packet on this interface, in this zone and routing instance, is in the context. */
  public boolean matches(int interfaceIndex, int zone, int routingInstance) {
    int value =
        switch (kind) {
          case INTERFACE -> interfaceIndex;
          case ZONE -> zone;
          case ROUTING_INSTANCE -> routingInstance;
        };
    for (int index : indexes) {
      if (index == value) {
        return true;
      }
    }
    return false;
  }
}
