package org.flowgate.dataplane.live;

import java.util.concurrent.locks.LockSupport;

/**
 * What every thread of a live attachment reads: the forwarding view of the configuration in force
 * (replaced on commit) and the resolved neighbours (replaced by the host thread), each through a
 * volatile reference to an immutable object; and the host thread, to wake it when a frame is queued
 * for it.
 *
 * <p>Thread: any.
 */
final class LiveState {
  volatile Forwarding forwarding;
  volatile Neighbours neighbours = Neighbours.EMPTY;
  volatile Thread host;

  /** The live source's eventfd, written to wake it when the host queued a frame for the flow. */
  volatile int sourceWakeFd = -1;

  LiveState(Forwarding forwarding) {
    this.forwarding = forwarding;
  }

  /** Wakes the live source: the host queued a frame for the flow. */
  void wakeSource() {
    int fd = sourceWakeFd;
    if (fd >= 0) {
      LiveSource.wake(fd);
    }
  }

  /** Wakes the host thread: a frame waits for it. */
  void wakeHost() {
    Thread thread = host;
    if (thread != null) {
      LockSupport.unpark(thread);
    }
  }
}
