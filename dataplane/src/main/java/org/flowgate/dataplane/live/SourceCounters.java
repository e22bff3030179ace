package org.flowgate.dataplane.live;

/**
 * What the live source counted per port: frames taken from the receive ring and handed to the SPUs,
 * and frames it left out (sent to another host's MAC; VLAN-tagged, which live ports do not take; in
 * transit with their TTL or hop limit run out, which the host answers; larger than a receive slot).
 * Written by the source thread; read from others as recent values.
 *
 * <p>Thread: written by the live source's thread.
 */
final class SourceCounters {
  final long[] framesReceived;
  final long[] bytesReceived;
  final long[] notForUs;
  final long[] tagged;
  final long[] ttlExpired;
  final long[] truncated;
  long hostQueueFull;

  SourceCounters(int ports) {
    framesReceived = new long[ports];
    bytesReceived = new long[ports];
    notForUs = new long[ports];
    tagged = new long[ports];
    ttlExpired = new long[ports];
    truncated = new long[ports];
  }
}
