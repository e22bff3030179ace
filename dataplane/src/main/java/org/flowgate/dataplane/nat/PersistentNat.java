package org.flowgate.dataplane.nat;

/**
 * {@code security nat source rule-set RS rule R then source-nat (pool P | interface)
 * persistent-nat}: the translation of an internal transport address (address, port, protocol)
 * outlives its session as a binding, which every later session from that address shares and which
 * lets outside hosts reach it through its reflexive address.
 *
 * <pre>
 * persistent-nat {
 *     permit (any-remote-host | target-host | target-host-port);   who may open a session inward
 *     address-mapping;              the binding is for the address alone (shown as the mapping type)
 *     inactivity-timeout SECONDS;   how long a binding outlives its last session: 60 .. 7200, 300
 *     max-session-number N;         sessions one binding may serve at once: 8 .. 65536, 30
 * }
 * </pre>
 *
 * Defaults from Junos's persistent NAT configuration overview (JDOC, Junos Security 10.2: "The
 * default value is 5 minutes"; "The default is 30 sessions").
 *
 * @param type who may send to the reflexive transport address
 * @param addressMapping {@code address-mapping}: shown as the mapping type
 * @param inactivityTimeoutSeconds how long a binding without sessions is kept
 * @param maximumSessions the most sessions one binding serves at once
 */
public record PersistentNat(
    Type type, boolean addressMapping, int inactivityTimeoutSeconds, int maximumSessions) {

  public static final int DEFAULT_INACTIVITY_TIMEOUT_SECONDS = 300;
  public static final int DEFAULT_MAXIMUM_SESSIONS = 30;

  /** {@code permit ...}: the Junos persistent NAT types. */
  public enum Type {
    ANY_REMOTE_HOST("any-remote-host"),
    TARGET_HOST("target-host"),
    TARGET_HOST_PORT("target-host-port");

    private final String junosName;

    Type(String junosName) {
      this.junosName = junosName;
    }

    public String junosName() {
      return junosName;
    }
  }

  public PersistentNat {
    if (type == null) {
      throw new IllegalArgumentException("a persistent NAT binding needs a permit type");
    }
    if (inactivityTimeoutSeconds < 1 || maximumSessions < 1) {
      throw new IllegalArgumentException("persistent NAT timeout and sessions must be positive");
    }
  }

  /** {@code Persistent NAT mapping type}: {@code address-port-mapping} unless address-mapping. */
  public String mappingType() {
    return addressMapping ? "address-mapping" : "address-port-mapping";
  }
}
