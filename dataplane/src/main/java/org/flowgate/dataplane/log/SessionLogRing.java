package org.flowgate.dataplane.log;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.flowgate.dataplane.ring.SpscWordRing;
import org.flowgate.dataplane.runtime.RuntimeConfig;

/**
 * Fixed-size session-log events ({@link SessionLogEvent}) from one SPU to the logger. The SPU never
 * waits: when the ring is full the event is dropped and counted.
 *
 * <p>Each event also holds the configuration generation it was written under (a reference stored
 * beside its words, no allocation), so that the logger names its policy, zones and applications as
 * they were then, whatever was committed before it formats the event. A generation stays reachable
 * exactly while an event referring to it waits here: a ring of N events pins at most N of them.
 *
 * <p>Thread: exactly one producer (the SPU thread) and one consumer (the logger thread). {@link
 * #dropped()} and {@link #size()} may be read from any thread.
 */
public final class SessionLogRing {
  private static final VarHandle DROPPED;

  static {
    try {
      DROPPED = MethodHandles.lookup().findVarHandle(SessionLogRing.class, "dropped", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final SpscWordRing ring;

  /** The generation of the event at each place: set by the producer, cleared by the consumer. */
  private final RuntimeConfig[] generations;

  /** Consumer: the generation of the event {@link #poll} took last. */
  private RuntimeConfig polledGeneration;

  @SuppressWarnings("unused") // written through DROPPED
  private volatile long dropped;

  /**
   * @param capacityEvents rounded up to a power of two
   */
  public SessionLogRing(int capacityEvents) {
    this.ring = new SpscWordRing(capacityEvents, SessionLogEvent.WORDS);
    this.generations = new RuntimeConfig[ring.capacity()];
  }

  public int capacity() {
    return ring.capacity();
  }

  /**
   * Producer: the offset in {@link #words()} where the next event goes, or -1 when the ring is full
   * (the drop is counted). Fill every word of the event, then {@link #publish()}.
   */
  public int claim() {
    int at = ring.claim();
    if (at < 0) {
      DROPPED.setRelease(this, (long) DROPPED.getOpaque(this) + 1);
    }
    return at;
  }

  /**
   * The event storage; only the producer writes, only between {@link #claim} and {@link #publish}.
   */
  public long[] words() {
    return ring.words();
  }

  /** Producer: makes the claimed event visible to the consumer. */
  public void publish() {
    ring.publish();
  }

  /**
   * Producer: makes the event claimed at {@code at} visible to the consumer, written under {@code
   * generation} (the logger resolves its names there).
   */
  public void publish(int at, RuntimeConfig generation) {
    generations[at / SessionLogEvent.WORDS] = generation;
    ring.publish();
  }

  /**
   * Consumer: copies the oldest event into {@code into} (at least {@link SessionLogEvent#WORDS}
   * long) and frees its place. Returns false when the ring is empty.
   */
  public boolean poll(long[] into) {
    int at = ring.peek();
    if (at < 0) {
      return false;
    }
    System.arraycopy(ring.words(), at, into, 0, SessionLogEvent.WORDS);
    int place = at / SessionLogEvent.WORDS;
    polledGeneration = generations[place];
    generations[place] = null; // before release: the producer may reuse the place after it
    ring.release();
    return true;
  }

  /**
   * Consumer: the generation the event {@link #poll} took last was written under, or null when the
   * producer did not say.
   */
  public RuntimeConfig polledGeneration() {
    return polledGeneration;
  }

  /** Events dropped because the ring was full. */
  public long dropped() {
    return (long) DROPPED.getAcquire(this);
  }

  /** Events waiting for the consumer. */
  public long size() {
    return ring.size();
  }
}
