package org.flowgate.dataplane.capture;

import java.nio.file.Path;

/**
 * Why a {@link CaptureReader} stopped before the end of its file: the record (or pcapng block) at
 * {@code offsetBytes} is truncated or inconsistent. Every record before it was delivered.
 *
 * @param file the capture file
 * @param offsetBytes byte offset of the bad record header or block in the file
 * @param message what is wrong with it, in words
 */
public record CaptureError(Path file, long offsetBytes, String message) {
  /**
   * For example {@code /captures/t.pcap: corrupt record at byte offset 1234: captured length 70000
   * ...}, with the file's whole path.
   */
  @Override
  public String toString() {
    return file.toAbsolutePath().normalize()
        + ": corrupt record at byte offset "
        + offsetBytes
        + ": "
        + message;
  }
}
