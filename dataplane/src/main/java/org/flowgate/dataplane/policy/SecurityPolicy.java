package org.flowgate.dataplane.policy;

import org.flowgate.dataplane.net.AddressMatch;

/**
 * One compiled security policy.
 *
 * @param id the policy id shown after the slash in {@code Policy name: p1/4}
 * @param fromZones zone indexes the first packet may arrive from; empty for any (global policies)
 * @param toZones zone indexes the first packet may leave to; empty for any
 * @param global true for a policy under {@code security policies global}
 * @param applications indexes into {@code RuntimeConfig.applications()}; empty for {@code any}
 * @param logInit {@code then log session-init}
 * @param logClose {@code then log session-close}
 * @param count {@code then count}
 */
public record SecurityPolicy(
    long id,
    String name,
    int[] fromZones,
    int[] toZones,
    boolean global,
    AddressMatch source,
    AddressMatch destination,
    int[] applications,
    PolicyAction action,
    boolean logInit,
    boolean logClose,
    boolean count) {

  /** A policy that matches everything, as the built-ins and the default policy do. */
  public static SecurityPolicy builtIn(long id, String name, PolicyAction action) {
    return new SecurityPolicy(
        id,
        name,
        new int[0],
        new int[0],
        true,
        AddressMatch.ANY,
        AddressMatch.ANY,
        new int[0],
        action,
        false,
        false,
        false);
  }

  /** The zone a zone-pair policy is for (its only from-zone), or -1 for a global policy. */
  public int fromZone() {
    return global || fromZones.length == 0 ? -1 : fromZones[0];
  }

  public int toZone() {
    return global || toZones.length == 0 ? -1 : toZones[0];
  }

  static boolean contains(int[] zones, int zone) {
    if (zones.length == 0) {
      return true;
    }
    for (int z : zones) {
      if (z == zone) {
        return true;
      }
    }
    return false;
  }
}
