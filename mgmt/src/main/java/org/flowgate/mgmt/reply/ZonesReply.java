package org.flowgate.mgmt.reply;

import java.util.List;

/**
 * {@code show security zones}: every security zone of the running generation, then the {@code
 * junos-host} zone every SRX has (ADR 0021).
 *
 * @param zones in the order the view lists them
 */
public record ZonesReply(List<Zone> zones) implements ViewReply {
  public ZonesReply {
    zones = List.copyOf(zones);
  }

  /**
   * One zone.
   *
   * @param id the zone's id ({@code Zone ID})
   * @param sendReset {@code Send reset for non-SYN session TCP packets}
   * @param policyConfigurable {@code Yes} for every security zone
   * @param interfaces the logical interfaces bound to it, in configuration order
   * @param advancedConnectionTrackingTimeoutSeconds {@code Advanced-connection-tracking timeout}
   * @param unidirectionalSessionRefreshing {@code Yes} or {@code No}
   * @param hostZone true for {@code junos-host}, the zone of the device itself
   * @param screen the ids-option the zone applies ({@code Screen:}), null for none
   */
  public record Zone(
      String name,
      int id,
      String sendReset,
      String policyConfigurable,
      List<String> interfaces,
      int advancedConnectionTrackingTimeoutSeconds,
      String unidirectionalSessionRefreshing,
      boolean hostZone,
      String screen) {
    public Zone {
      interfaces = List.copyOf(interfaces);
    }
  }
}
