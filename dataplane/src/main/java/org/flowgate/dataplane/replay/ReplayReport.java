package org.flowgate.dataplane.replay;

import java.nio.file.Path;
import java.util.List;
import org.flowgate.dataplane.capture.CaptureError;

/**
 * What a replay read.
 *
 * @param captures one entry per capture, in replay order
 * @param firstTimestampNs timestamp of the first packet, or -1 when there was none
 * @param endTimestampNs the virtual time the replay stopped at
 * @param stoppedEarly true when {@code --at} stopped the replay before the end of the captures
 */
public record ReplayReport(
    List<CaptureReport> captures,
    long firstTimestampNs,
    long endTimestampNs,
    long packets,
    boolean stoppedEarly) {

  /**
   * @param error null when the capture was read to its end; else where and why reading stopped
   * @param openError null when the capture could be opened; else the reason (unknown format, I/O)
   */
  public record CaptureReport(Path file, long records, CaptureError error, String openError) {
    public boolean ok() {
      return error == null && openError == null;
    }
  }

  public boolean ok() {
    return captures.stream().allMatch(CaptureReport::ok);
  }
}
