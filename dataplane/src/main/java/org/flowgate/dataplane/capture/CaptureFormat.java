package org.flowgate.dataplane.capture;

/** The container format of a capture file, as told by its magic number. */
public enum CaptureFormat {
  /** Classic libpcap, microsecond timestamps (magic a1b2c3d4). */
  PCAP_MICROSECONDS,
  /** Classic libpcap, nanosecond timestamps (magic a1b23c4d). */
  PCAP_NANOSECONDS,
  /** pcapng (Section Header Block type 0a0d0d0a). */
  PCAPNG
}
