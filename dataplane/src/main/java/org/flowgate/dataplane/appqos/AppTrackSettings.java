package org.flowgate.dataplane.appqos;

/**
 * {@code security application-tracking} and the zones with {@code application-tracking}
 * (docs/adr/0034).
 *
 * <pre>
 * security application-tracking {
 *   disable;                          no AppTrack messages at all
 *   first-update;                     (deprecated) a create message when the session starts
 *   first-update-interval MINUTES;    the first volume update this long after the start
 *   session-update-interval MINUTES;  then one every this long (default 5)
 *   log-session-create;               APPTRACK_SESSION_CREATE when the session starts
 *   log-session-close;                APPTRACK_SESSION_CLOSE (written by default)
 *   no-volume-updates;                no APPTRACK_SESSION_VOL_UPDATE
 * }
 * security zones security-zone Z application-tracking;
 * </pre>
 *
 * @param firstUpdateIntervalMinutes -1 when not configured: the first update comes after {@code
 *     session-update-interval}
 * @param zones by zone index of the generation: true where {@code application-tracking} is set
 */
public record AppTrackSettings(
    boolean disabled,
    boolean firstUpdate,
    int firstUpdateIntervalMinutes,
    int sessionUpdateIntervalMinutes,
    boolean logSessionCreate,
    boolean noVolumeUpdates,
    boolean[] zones) {
  /** Junos's {@code session-update-interval} when none is configured. */
  public static final int DEFAULT_SESSION_UPDATE_INTERVAL_MINUTES = 5;

  public static final AppTrackSettings NONE =
      new AppTrackSettings(
          false, false, -1, DEFAULT_SESSION_UPDATE_INTERVAL_MINUTES, false, false, new boolean[0]);

  public AppTrackSettings {
    zones = zones.clone();
  }

  /** True when sessions arriving from zone {@code zone} are tracked. */
  public boolean tracks(int zone) {
    return !disabled && zone >= 0 && zone < zones.length && zones[zone];
  }

  /** True when any zone is tracked. */
  public boolean active() {
    for (int zone = 0; zone < zones.length; zone++) {
      if (tracks(zone)) {
        return true;
      }
    }
    return false;
  }

  /** True when a session start writes APPTRACK_SESSION_CREATE. */
  public boolean logsCreate() {
    return logSessionCreate || firstUpdate;
  }

  /** Seconds from a session's start to its first volume update. */
  public int firstUpdateSeconds() {
    return 60
        * (firstUpdateIntervalMinutes > 0
            ? firstUpdateIntervalMinutes
            : sessionUpdateIntervalMinutes);
  }

  public int sessionUpdateSeconds() {
    return 60 * sessionUpdateIntervalMinutes;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AppTrackSettings that
        && disabled == that.disabled
        && firstUpdate == that.firstUpdate
        && firstUpdateIntervalMinutes == that.firstUpdateIntervalMinutes
        && sessionUpdateIntervalMinutes == that.sessionUpdateIntervalMinutes
        && logSessionCreate == that.logSessionCreate
        && noVolumeUpdates == that.noVolumeUpdates
        && java.util.Arrays.equals(zones, that.zones);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(zones) * 31 + sessionUpdateIntervalMinutes;
  }
}
