package org.flowgate.dataplane.appid;

/**
 * The application system cache (ASC): (routing instance, server address, server port, IP protocol)
 * → the application and nested application last identified there, so that later sessions to the
 * same server are named at their first packet without inspection.
 *
 * <p>Junos: "saves the mapping between an application type and the corresponding destination IP
 * address, destination port, protocol type, and service"; a mapping is saved only when the
 * identification saw both directions; entries live {@code application-system-cache-timeout} seconds
 * (default 3600); "the application system cache is refreshed only when TCP or UDP traffic triggers
 * a cache lookup". {@code no-application-system-cache} turns it off.
 *
 * <p>Layout: primitive arrays of {@code capacity} (a power of two) entries. A key hashes to a
 * window of {@value #WINDOW} consecutive slots; lookups read the whole window (no probe chains, so
 * removal is a plain clear), inserts take a free or expired slot of the window or else evict the
 * entry that expires first. Time is virtual: every call carries {@code nowNs}.
 *
 * <pre>
 *  slot i: keyHi | keyLo | keyMeta | expiresNs | app | nested
 *  keyMeta = 1 &lt;&lt; 40 | routing instance u16 &lt;&lt; 24 | port u16 &lt;&lt; 8 | protocol u8   (0 = free)
 * </pre>
 *
 * <p>Two ways to be used:
 *
 * <ul>
 *   <li><b>On its own</b> (no announcer): {@link #insert} stores at once, and a lookup that finds
 *       an expired entry removes it.
 *   <li><b>As an SPU's replica of the device's cache</b> ({@link #announceTo}, docs/adr/0041): an
 *       identification's {@link #insert} is announced to the ingress instead of stored; the ingress
 *       gathers every SPU's announcements at the next synchronisation round and hands them to every
 *       SPU in input order, which {@link #store} them. Every replica then holds the same entries,
 *       whatever the number of SPUs, and a lookup only reads (an expired entry stays until an
 *       insert into its window reuses the slot), so replicas never drift apart.
 * </ul>
 *
 * <p>Thread: owned by one SPU; not thread-safe. The announcer's ring is the only thing another
 * thread (the ingress) reads.
 */
public final class ApplicationSystemCache {
  /** Slots a key may occupy. */
  public static final int WINDOW = 8;

  private static final long USED = 1L << 40;

  /**
   * Receives an identification's entry instead of the cache storing it: {@code ordinal} is the
   * device input ordinal of the packet that decided it, {@code nowNs} its time.
   *
   * <p>Thread: called on the cache's SPU thread.
   */
  public interface Announcer {
    void announce(
        long ordinal,
        long nowNs,
        int routingInstance,
        long serverHi,
        long serverLo,
        int serverPort,
        int protocol,
        int application,
        int nestedApplication);
  }

  private Announcer announcer;

  /** Ordinal of the packet being processed, for an announcement ({@link #at}). */
  private long packetOrdinal;

  private final boolean enabled;
  private final long timeoutNs;
  private final int mask;
  private final long[] keyHi;
  private final long[] keyLo;
  private final long[] keyMeta;
  private final long[] expiresNs;
  private final int[] applications;
  private final int[] nestedApplications;

  private long hits;
  private long misses;
  private long insertions;
  private long evictions;
  private long expirations;
  private long announced;
  private int size;

  /**
   * @param capacity entries, rounded up to a power of two
   * @param timeoutSeconds lifetime of an entry
   * @param enabled false: every lookup misses and nothing is stored
   */
  public ApplicationSystemCache(int capacity, long timeoutSeconds, boolean enabled) {
    int slots = Integer.highestOneBit(Math.max(WINDOW, capacity) - 1) << 1;
    this.enabled = enabled && timeoutSeconds > 0;
    this.timeoutNs = timeoutSeconds * 1_000_000_000L;
    this.mask = slots - 1;
    int allocated = this.enabled ? slots : WINDOW;
    keyHi = new long[allocated];
    keyLo = new long[allocated];
    keyMeta = new long[allocated];
    expiresNs = new long[allocated];
    applications = new int[allocated];
    nestedApplications = new int[allocated];
  }

  /** A cache of {@code settings}' capacity, timeout and on/off. */
  public static ApplicationSystemCache of(AppIdSettings settings) {
    return new ApplicationSystemCache(
        settings.cacheEntriesPerSpu(),
        settings.applicationSystemCacheTimeoutSeconds(),
        settings.applicationSystemCache());
  }

  public boolean enabled() {
    return enabled;
  }

  /**
   * Makes this cache an SPU's replica of the device's: {@link #insert} announces to {@code to}
   * instead of storing, and lookups only read.
   */
  public void announceTo(Announcer to) {
    this.announcer = to;
  }

  /** The input ordinal of the packet about to be inspected (for an announcement it may make). */
  public void at(long ordinal) {
    this.packetOrdinal = ordinal;
  }

  /** {@link #lookup(long, int, long, long, int, int)} in the default routing instance. */
  public long lookup(long nowNs, long serverHi, long serverLo, int serverPort, int protocol) {
    return lookup(nowNs, 0, serverHi, serverLo, serverPort, protocol);
  }

  /**
   * Looks the server up.
   *
   * @return {@code (application << 32) | nestedApplication} of a live entry, or -1 on a miss (an
   *     expired entry found on the way is removed, unless this is a replica)
   */
  public long lookup(
      long nowNs, int routingInstance, long serverHi, long serverLo, int serverPort, int protocol) {
    if (!enabled) {
      return -1;
    }
    long meta = meta(routingInstance, serverPort, protocol);
    int start = index(serverHi, serverLo, meta);
    for (int i = 0; i < WINDOW; i++) {
      int slot = (start + i) & mask;
      if (keyMeta[slot] == meta && keyHi[slot] == serverHi && keyLo[slot] == serverLo) {
        if (nowNs - expiresNs[slot] >= 0) {
          if (announcer == null) {
            keyMeta[slot] = 0;
            size--;
            expirations++;
          }
          break;
        }
        hits++;
        return ((long) applications[slot] << 32) | (nestedApplications[slot] & 0xffff_ffffL);
      }
    }
    misses++;
    return -1;
  }

  /** {@link #insert(long, int, long, long, int, int, int, int)} in the default routing instance. */
  public void insert(
      long nowNs,
      long serverHi,
      long serverLo,
      int serverPort,
      int protocol,
      int application,
      int nestedApplication) {
    insert(nowNs, 0, serverHi, serverLo, serverPort, protocol, application, nestedApplication);
  }

  /**
   * An identification's result for the server: stored at once, or announced when this is an SPU's
   * replica of the device's cache (stored later by {@link #store}, on every SPU alike).
   */
  public void insert(
      long nowNs,
      int routingInstance,
      long serverHi,
      long serverLo,
      int serverPort,
      int protocol,
      int application,
      int nestedApplication) {
    if (!enabled) {
      return;
    }
    if (announcer != null) {
      announced++;
      announcer.announce(
          packetOrdinal,
          nowNs,
          routingInstance,
          serverHi,
          serverLo,
          serverPort,
          protocol,
          application,
          nestedApplication);
      return;
    }
    store(
        nowNs,
        routingInstance,
        serverHi,
        serverLo,
        serverPort,
        protocol,
        application,
        nestedApplication);
  }

  /** Stores (or refreshes) the server's application; the entry expires {@code timeout} later. */
  public void store(
      long nowNs,
      int routingInstance,
      long serverHi,
      long serverLo,
      int serverPort,
      int protocol,
      int application,
      int nestedApplication) {
    if (!enabled) {
      return;
    }
    long meta = meta(routingInstance, serverPort, protocol);
    int start = index(serverHi, serverLo, meta);
    int target = -1;
    int free = -1;
    int earliest = -1;
    for (int i = 0; i < WINDOW; i++) {
      int slot = (start + i) & mask;
      if (keyMeta[slot] == meta && keyHi[slot] == serverHi && keyLo[slot] == serverLo) {
        target = slot; // the same server again: refresh in place
        break;
      }
      if (free < 0 && (keyMeta[slot] == 0 || nowNs - expiresNs[slot] >= 0)) {
        free = slot;
      }
      if (earliest < 0 || expiresNs[slot] - expiresNs[earliest] < 0) {
        earliest = slot;
      }
    }
    if (target < 0 && free >= 0) {
      target = free;
      if (keyMeta[free] == 0) {
        size++;
      } else {
        expirations++; // an expired entry of another server makes room
      }
    } else if (target < 0) {
      target = earliest; // a full window of live entries: the one closest to expiry goes
      evictions++;
    }
    keyHi[target] = serverHi;
    keyLo[target] = serverLo;
    keyMeta[target] = meta;
    expiresNs[target] = nowNs + timeoutNs;
    applications[target] = application;
    nestedApplications[target] = nestedApplication;
    insertions++;
  }

  /**
   * One live entry, as {@code show services application-identification application-system-cache}
   * lists it.
   *
   * @param routingInstance the routing instance the server was reached in (0: the default)
   * @param serverHi the server's address, high word (IPv4-mapped for IPv4)
   * @param serverLo the server's address, low word
   * @param serverPort the server's port
   * @param protocol IP protocol (TCP 6, UDP 17)
   * @param application the application identified there
   * @param nestedApplication its nested application, {@link ApplicationCatalog#UNKNOWN} for none
   * @param expiresNs when the entry stops naming sessions (virtual time)
   */
  public record Entry(
      int routingInstance,
      long serverHi,
      long serverLo,
      int serverPort,
      int protocol,
      int application,
      int nestedApplication,
      long expiresNs) {}

  /**
   * The entries still live at {@code nowNs}, in slot order. Expired entries are left for the lookup
   * that finds them, as Junos leaves them (a listing refreshes nothing). For a query, off the
   * packet path: it allocates.
   */
  public java.util.List<Entry> entries(long nowNs) {
    java.util.List<Entry> live = new java.util.ArrayList<>();
    if (!enabled) {
      return live;
    }
    for (int slot = 0; slot <= mask; slot++) {
      if (keyMeta[slot] != 0 && nowNs - expiresNs[slot] < 0) {
        live.add(
            new Entry(
                (int) (keyMeta[slot] >>> 24 & 0xffff),
                keyHi[slot],
                keyLo[slot],
                (int) (keyMeta[slot] >>> 8 & 0xffff),
                (int) (keyMeta[slot] & 0xff),
                applications[slot],
                nestedApplications[slot],
                expiresNs[slot]));
      }
    }
    return live;
  }

  /**
   * {@code clear services application-identification application-system-cache}: every entry goes;
   * returns how many were stored. The counters stay.
   */
  public int clear() {
    int cleared = size;
    if (enabled) {
      java.util.Arrays.fill(keyMeta, 0);
    }
    size = 0;
    return cleared;
  }

  /** Slots the cache has, a power of two (0 when it is off). */
  public int capacity() {
    return enabled ? mask + 1 : 0;
  }

  /** An entry's lifetime, seconds. */
  public long timeoutSeconds() {
    return timeoutNs / 1_000_000_000L;
  }

  private static long meta(int routingInstance, int port, int protocol) {
    return USED
        | ((long) (routingInstance & 0xffff) << 24)
        | ((long) (port & 0xffff) << 8)
        | (protocol & 0xff);
  }

  private int index(long hi, long lo, long meta) {
    long h = hi * 0x9e3779b97f4a7c15L ^ lo * 0xc2b2ae3d27d4eb4fL ^ meta * 0x165667b19e3779f9L;
    h ^= h >>> 29;
    h *= 0xbf58476d1ce4e5b9L;
    h ^= h >>> 32;
    return (int) h & mask;
  }

  public long hits() {
    return hits;
  }

  public long misses() {
    return misses;
  }

  public long insertions() {
    return insertions;
  }

  public long evictions() {
    return evictions;
  }

  public long expirations() {
    return expirations;
  }

  /** Identifications announced to the device's cache by this replica's SPU. */
  public long announced() {
    return announced;
  }

  /** True when this is an SPU's replica of the device's cache. */
  public boolean replica() {
    return announcer != null;
  }

  /** Entries stored (expired ones not yet found by a lookup included). */
  public int size() {
    return size;
  }
}
