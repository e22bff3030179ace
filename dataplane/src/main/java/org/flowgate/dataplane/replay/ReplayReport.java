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
 * @param lastPacketNs the time the last packet was processed at, or -1 when there was none
 * @param timeJumps the first places where the captures' time jumped (see {@link TimeJump})
 * @param timeJumpCount every such place, listed or not
 * @param outOfOrderRecords records slightly older than the one before them, processed at its time
 */
public record ReplayReport(
    List<CaptureReport> captures,
    long firstTimestampNs,
    long endTimestampNs,
    long packets,
    boolean stoppedEarly,
    long lastPacketNs,
    List<TimeJump> timeJumps,
    long timeJumpCount,
    long outOfOrderRecords) {

  /**
   * @param records records replayed from the capture
   * @param error null when the capture was read to its end; else where and why reading stopped
   * @param openError null when the capture could be opened; else the reason (unknown format, I/O)
   * @param undecodedRecords records of a link type Flowgate does not decode (dropped, {@code
   *     UNSUPPORTED_LINK_TYPE})
   * @param undecodedLinkType one such link type, or -1
   */
  public record CaptureReport(
      Path file,
      long records,
      CaptureError error,
      String openError,
      long undecodedRecords,
      int undecodedLinkType) {
    public boolean ok() {
      return error == null && openError == null && !nothingDecoded();
    }

    /** True when the capture held records and none of them was of a link type Flowgate decodes. */
    public boolean nothingDecoded() {
      return records > 0 && undecodedRecords == records;
    }
  }

  public boolean ok() {
    return captures.stream().allMatch(CaptureReport::ok);
  }

  /** True when {@code --at} named a moment after the last packet. */
  public boolean endsAfterLastPacket() {
    return !stoppedEarly && lastPacketNs >= 0 && endTimestampNs > lastPacketNs;
  }
}
