package org.flowgate.dataplane.appqos;

/**
 * What a generation says about application traffic control (AppQoS) and application tracking
 * (AppTrack), docs/adr/0034.
 */
public record ApplicationServices(TrafficControl trafficControl, AppTrackSettings tracking) {
  public static final ApplicationServices NONE =
      new ApplicationServices(TrafficControl.NONE, AppTrackSettings.NONE);
}
