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
 * @param dynamicApplications {@code match dynamic-application} (unified policies, ADR 0033)
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
    boolean count,
    DynamicApplicationMatch dynamicApplications) {

  /** A traditional policy: no {@code dynamic-application}. */
  public SecurityPolicy(
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
    this(
        id,
        name,
        fromZones,
        toZones,
        global,
        source,
        destination,
        applications,
        action,
        logInit,
        logClose,
        count,
        DynamicApplicationMatch.NONE);
  }

  /** The same policy with {@code match dynamic-application} set to {@code match}. */
  public SecurityPolicy withDynamicApplications(DynamicApplicationMatch match) {
    return new SecurityPolicy(
        id,
        name,
        fromZones,
        toZones,
        global,
        source,
        destination,
        applications,
        action,
        logInit,
        logClose,
        count,
        match);
  }

  /** The same policy with its {@code log session-init} and {@code session-close} set. */
  public SecurityPolicy withLog(boolean init, boolean close) {
    return new SecurityPolicy(
        id,
        name,
        fromZones,
        toZones,
        global,
        source,
        destination,
        applications,
        action,
        init,
        close,
        count,
        dynamicApplications);
  }

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
