package org.flowgate.dataplane.appid;

import org.flowgate.dataplane.ring.SpscWordRing;

/**
 * One SPU's identifications on their way to the device's application system cache (docs/adr/0041):
 * the SPU's replica announces each entry here instead of storing it; the ingress takes them at its
 * next synchronisation round and hands every SPU the entries of all SPUs in the device's input
 * order.
 *
 * <pre>
 * entry = 6 words
 *   [0] ordinal of the packet that decided (the device's input order)
 *   [1] its time, ns (the entry expires application-system-cache-timeout later)
 *   [2] server address, high word      [3] low word
 *   [4] routing instance u16 &lt;&lt; 32 | port u16 &lt;&lt; 16 | protocol u8
 *   [5] application u32 &lt;&lt; 32 | nested application u32
 * </pre>
 *
 * A round comes at least every {@link #CAPACITY} packets, and a packet decides at most one session,
 * so the ring cannot fill between rounds; should it (an ingress that runs no rounds), the entry is
 * counted in {@link #lost()}, never waited for.
 *
 * <p>Thread: the SPU's thread announces ({@link #announce}); the ingress thread takes ({@link
 * #peekOrdinal}, {@link #take}); {@link #lost()} may be read from any thread.
 */
public final class CacheAnnouncements implements ApplicationSystemCache.Announcer {
  /** Entries the ring holds: the most packets between two rounds. */
  public static final int CAPACITY = 8192;

  private static final int WORDS = 6;

  private final SpscWordRing ring = new SpscWordRing(CAPACITY, WORDS);
  private volatile long lost;

  @Override
  public void announce(
      long ordinal,
      long nowNs,
      int routingInstance,
      long serverHi,
      long serverLo,
      int serverPort,
      int protocol,
      int application,
      int nestedApplication) {
    int at = ring.claim();
    if (at < 0) {
      lost = lost + 1; // written by this thread alone
      return;
    }
    long[] w = ring.words();
    w[at] = ordinal;
    w[at + 1] = nowNs;
    w[at + 2] = serverHi;
    w[at + 3] = serverLo;
    w[at + 4] =
        ((long) (routingInstance & 0xffff) << 32)
            | ((long) (serverPort & 0xffff) << 16)
            | (protocol & 0xff);
    w[at + 5] = ((long) application << 32) | (nestedApplication & 0xffff_ffffL);
    ring.publish();
  }

  /** Ingress: the ordinal of the oldest entry not taken, or {@link Long#MAX_VALUE} for none. */
  public long peekOrdinal() {
    int at = ring.peek();
    return at < 0 ? Long.MAX_VALUE : ring.words()[at];
  }

  /** Ingress: hands the oldest entry to {@code to} and releases it; false when there is none. */
  public boolean take(ApplicationSystemCache.Announcer to) {
    int at = ring.peek();
    if (at < 0) {
      return false;
    }
    long[] w = ring.words();
    long key = w[at + 4];
    long apps = w[at + 5];
    to.announce(
        w[at],
        w[at + 1],
        (int) (key >>> 32) & 0xffff,
        w[at + 2],
        w[at + 3],
        (int) (key >>> 16) & 0xffff,
        (int) key & 0xff,
        (int) (apps >>> 32),
        (int) apps);
    ring.release();
    return true;
  }

  /** Announcements dropped because the ring was full (none while the ingress runs rounds). */
  public long lost() {
    return lost;
  }
}
