package org.flowgate.dataplane.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code show services application-identification statistics applications} and {@code
 * application-groups}: sessions and bytes per application and per application group, copied out of
 * one SPU or summed over the device.
 *
 * <p>What counts (docs/adr/0014): every session created since the statistics were last cleared,
 * once its application is decided (a session still Pending is not counted yet), with the IP bytes
 * of both its wings: those of the sessions that ended, and those of the live ones at the moment of
 * the query. An application counts in its group and in every group above it ({@code junos:web} for
 * {@code junos:web:social-networking}); {@code junos:UNKNOWN}, {@code INCONCLUSIVE} and custom
 * applications belong to no group.
 *
 * @param lastResetEpochNs when the statistics were last cleared, or when the engine's clock started
 *     if they never were (the capture's time in a replay)
 * @param applications one row per application with sessions, by name
 * @param groups one row per application group with sessions, by name
 */
public record ApplicationStatistics(
    long lastResetEpochNs, List<ApplicationStatistics.Row> applications, List<Row> groups) {

  public ApplicationStatistics {
    applications = List.copyOf(applications);
    groups = List.copyOf(groups);
  }

  /**
   * One application or group.
   *
   * @param name {@code junos:HTTP}, a custom application's name, a group ({@code junos:web})
   * @param encrypted {@code Yes} or {@code No} for an application, null for a group
   */
  public record Row(String name, String encrypted, long sessions, long bytes) {}

  /** The device's statistics: rows of the same name summed, the latest reset. */
  static ApplicationStatistics sum(List<ApplicationStatistics> spus) {
    long reset = Long.MIN_VALUE;
    Map<String, Row> applications = new TreeMap<>();
    Map<String, Row> groups = new TreeMap<>();
    for (ApplicationStatistics spu : spus) {
      reset = Math.max(reset, spu.lastResetEpochNs());
      add(applications, spu.applications());
      add(groups, spu.groups());
    }
    return new ApplicationStatistics(
        reset, new ArrayList<>(applications.values()), new ArrayList<>(groups.values()));
  }

  private static void add(Map<String, Row> into, List<Row> rows) {
    for (Row row : rows) {
      into.merge(
          row.name(),
          row,
          (a, b) ->
              new Row(a.name(), a.encrypted(), a.sessions() + b.sessions(), a.bytes() + b.bytes()));
    }
  }
}
