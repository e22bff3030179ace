package org.flowgate.dataplane.spu;

/**
 * Work another thread hands an SPU: it runs on the SPU's thread, between packets, with the agent in
 * hand, and its answer goes back to the caller. The engine's closed set of queries and commands
 * ({@code control.SpuQuery}) is the only kind the rest of Flowgate may send.
 *
 * @param <T> the answer
 */
@FunctionalInterface
public interface SpuTask<T> {
  T run(SpuAgent agent);
}
