package org.flowgate.dataplane.appqos;

/**
 * What a generation says about application traffic control (AppQoS) and application tracking
 * (AppTrack), docs/adr/0034, and the user-defined application groups both they and unified policies
 * name (services application-identification application-group, docs/adr/0044).
 */
public record ApplicationServices(
    TrafficControl trafficControl,
    AppTrackSettings tracking,
    org.flowgate.dataplane.policy.ApplicationGroups applicationGroups) {
  public static final ApplicationServices NONE =
      new ApplicationServices(TrafficControl.NONE, AppTrackSettings.NONE);

  /** Without user-defined application groups. */
  public ApplicationServices(TrafficControl trafficControl, AppTrackSettings tracking) {
    this(trafficControl, tracking, org.flowgate.dataplane.policy.ApplicationGroups.NONE);
  }
}
