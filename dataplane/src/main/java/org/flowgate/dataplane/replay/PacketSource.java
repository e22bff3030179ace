package org.flowgate.dataplane.replay;

import org.flowgate.dataplane.spu.Ingress;

/**
 * Something that feeds frames to the SPUs through their {@link Ingress}: captures replayed on their
 * own timestamps ({@link CaptureReplay}); live interfaces are the next kind. It runs on the
 * caller's thread until it ends, and leaves every SPU idle at its last moment.
 *
 * @param <R> what it reports when it ends
 */
public interface PacketSource<R> {
  R feed(Ingress ingress);
}
