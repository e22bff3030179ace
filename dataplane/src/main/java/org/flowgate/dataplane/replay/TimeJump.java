package org.flowgate.dataplane.replay;

import java.nio.file.Path;

/**
 * A place where a capture's time does not run as time does, and what the replay made of it (see
 * docs/adr/0019-time-that-jumps.md).
 *
 * @param kind what the timestamps do there
 * @param file the capture
 * @param record the record's number in its capture, from 1
 * @param offsetBytes byte offset of the record (its header or block) in the file
 * @param jumpNs how far the record's timestamp lies from the replay's clock: positive ahead,
 *     negative behind
 */
public record TimeJump(Kind kind, Path file, long record, long offsetBytes, long jumpNs) {

  /** The ways time jumps, each with what the replay does. */
  public enum Kind {
    /** One record far ahead of the records on both sides of it: replayed at the clock. */
    OUTLIER_AHEAD,
    /** One record far behind the records on both sides of it: replayed at the clock. */
    OUTLIER_BEHIND,
    /** Time goes forward by more than a day and stays there: replayed as it is. */
    GAP,
    /** Time goes back by more than the bound and stays there: the replay goes on from its clock. */
    REWIND
  }

  /**
   * For example {@code t.pcap: record 57 at byte offset 4242: timestamp 3 years ahead of the
   * records around it; replayed at the time of the record before it}.
   */
  @Override
  public String toString() {
    String where =
        file.toAbsolutePath().normalize()
            + ": record "
            + record
            + " at byte offset "
            + offsetBytes
            + ": ";
    String size = ReplayClock.describe(Math.abs(jumpNs));
    return where
        + switch (kind) {
          case OUTLIER_AHEAD ->
              "timestamp "
                  + size
                  + " ahead of the records around it; replayed at the time of the"
                  + " record before it";
          case OUTLIER_BEHIND ->
              "timestamp "
                  + size
                  + " behind the records around it; replayed at the time of the"
                  + " record before it";
          case GAP -> "time jumps forward " + size + "; sessions age across the gap";
          case REWIND ->
              "time goes back "
                  + size
                  + "; the replay goes on from the time it had reached, keeping the intervals"
                  + " between later records";
        };
  }
}
