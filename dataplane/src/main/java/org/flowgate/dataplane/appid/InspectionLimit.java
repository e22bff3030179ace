package org.flowgate.dataplane.appid;

/**
 * How far application identification looks into a session of one transport before it gives up:
 * {@code services application-identification inspection-limit (tcp | udp) byte-limit N packet-limit
 * M}. Both count payload (bytes after the TCP or UDP header, and packets that carry any) in each
 * direction separately; once either direction reaches either limit while the session is still
 * undecided, the session is concluded ({@code junos:UNKNOWN}, or {@code INCONCLUSIVE} when only one
 * direction carried payload). Zero turns that limit off.
 *
 * @param byteLimit payload bytes per direction, 0 for no byte limit
 * @param packetLimit payload-carrying packets per direction, 0 for no packet limit
 */
public record InspectionLimit(int byteLimit, int packetLimit) {
  public InspectionLimit {
    if (byteLimit < 0 || packetLimit < 0) {
      throw new IllegalArgumentException(
          "inspection limits are not negative: bytes " + byteLimit + ", packets " + packetLimit);
    }
  }

  /**
   * True when a direction that has carried {@code packets} packets and {@code bytes} bytes is done.
   */
  public boolean reached(int packets, long bytes) {
    return (packetLimit > 0 && packets >= packetLimit) || (byteLimit > 0 && bytes >= byteLimit);
  }
}
