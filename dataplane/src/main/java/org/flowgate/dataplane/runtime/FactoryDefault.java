package org.flowgate.dataplane.runtime;

import org.flowgate.dataplane.policy.PolicyAction;

/**
 * The configuration Flowgate runs before it is given one: two interfaces in one zone that accepts
 * every service to the firewall itself, a default route for each family, and the default policy
 * permitting everything.
 *
 * <pre>
 *   192.168.1.0/24 ── ge-0/0/1.0 (192.168.1.1)  ┐
 *                                               ├─ zone trust ── default-policy permit-all
 *   everything else ─ ge-0/0/0.0 (198.51.100.1) ┘   0.0.0.0/0 via 198.51.100.254
 *                                 (2001:db8::1)     ::/0      via 2001:db8::fffe
 * </pre>
 */
public final class FactoryDefault {
  private FactoryDefault() {}

  public static RuntimeConfig config() {
    return builder().build();
  }

  public static RuntimeConfigBuilder builder() {
    return new RuntimeConfigBuilder()
        .hostName("flowgate")
        .zone("trust", java.util.Set.of("all"), java.util.Set.of("all"))
        .interfaceIn("trust", "ge-0/0/0.0", "198.51.100.1/24", "2001:db8::1/64")
        .interfaceIn("trust", "ge-0/0/1.0", "192.168.1.1/24", "2001:db8:1::1/64")
        .staticRoute("0.0.0.0/0", "198.51.100.254")
        .staticRoute("::/0", "2001:db8::fffe")
        .defaultPolicy(PolicyAction.PERMIT);
  }
}
