package org.flowgate.dataplane.appid;

/**
 * The application system cache (ASC): (server address, server port, IP protocol) → the application
 * and nested application last identified there, so that later sessions to the same server are named
 * at their first packet without inspection.
 *
 * <p>Junos: "saves the mapping between an application type and the corresponding destination IP
 * address, destination port, protocol type, and service"; a mapping is saved only when the
 * identification saw both directions; entries live {@code application-system-cache-timeout} seconds
 * (default 3600); "the application system cache is refreshed only when TCP or UDP traffic triggers
 * a cache lookup": an expired entry is removed by the lookup that finds it, never by a scan. {@code
 * no-application-system-cache} turns it off.
 *
 * <p>Layout: primitive arrays of {@code capacity} (a power of two) entries. A key hashes to a
 * window of {@value #WINDOW} consecutive slots; lookups read the whole window (no probe chains, so
 * removal is a plain clear), inserts take a free or expired slot of the window or else evict the
 * entry that expires first. Time is virtual: every call carries {@code nowNs}.
 *
 * <pre>
 *  slot i: keyHi | keyLo | keyMeta (1 &lt;&lt; 40 | port &lt;&lt; 8 | protocol; 0 = free) | expiresNs | app | nested
 * </pre>
 *
 * <p>Thread: owned by one SPU; not thread-safe. Each SPU keeps its own cache.
 */
public final class ApplicationSystemCache {
  /** Slots a key may occupy. */
  public static final int WINDOW = 8;

  private static final long USED = 1L << 40;

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
   * Looks the server up.
   *
   * @return {@code (application << 32) | nestedApplication} of a live entry, or -1 on a miss (an
   *     expired entry found on the way is removed)
   */
  public long lookup(long nowNs, long serverHi, long serverLo, int serverPort, int protocol) {
    if (!enabled) {
      return -1;
    }
    long meta = USED | ((long) serverPort << 8) | protocol;
    int start = index(serverHi, serverLo, meta);
    for (int i = 0; i < WINDOW; i++) {
      int slot = (start + i) & mask;
      if (keyMeta[slot] == meta && keyHi[slot] == serverHi && keyLo[slot] == serverLo) {
        if (nowNs - expiresNs[slot] >= 0) {
          keyMeta[slot] = 0;
          size--;
          expirations++;
          break;
        }
        hits++;
        return ((long) applications[slot] << 32) | (nestedApplications[slot] & 0xffff_ffffL);
      }
    }
    misses++;
    return -1;
  }

  /** Stores (or refreshes) the server's application; the entry expires {@code timeout} later. */
  public void insert(
      long nowNs,
      long serverHi,
      long serverLo,
      int serverPort,
      int protocol,
      int application,
      int nestedApplication) {
    if (!enabled) {
      return;
    }
    long meta = USED | ((long) serverPort << 8) | protocol;
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
   * @param serverHi the server's address, high word (IPv4-mapped for IPv4)
   * @param serverLo the server's address, low word
   * @param serverPort the server's port
   * @param protocol IP protocol (TCP 6, UDP 17)
   * @param application the application identified there
   * @param nestedApplication its nested application, {@link ApplicationCatalog#UNKNOWN} for none
   * @param expiresNs when the entry stops naming sessions (virtual time)
   */
  public record Entry(
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

  /** Entries stored (expired ones not yet found by a lookup included). */
  public int size() {
    return size;
  }
}
