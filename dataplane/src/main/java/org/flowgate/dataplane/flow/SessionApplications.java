package org.flowgate.dataplane.flow;

import static org.flowgate.dataplane.session.SessionTable.FORWARD;
import static org.flowgate.dataplane.session.SessionTable.REVERSE;

import java.util.Arrays;
import org.flowgate.dataplane.appid.AppIdSettings;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.ApplicationInspector;
import org.flowgate.dataplane.appid.ApplicationSystemCache;
import org.flowgate.dataplane.net.IpProtocol;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.session.SessionTable;

/**
 * One SPU's application identification of its sessions (docs/adr/0014): the {@link
 * ApplicationInspector} of the SPU, and what each session has been identified as, in a side array
 * beside the session table (its 128-byte record has no room left for the word). Whether a session
 * is still inspected is also a bit of its record ({@link SessionTable#FLAG_APPID_PENDING}), which
 * the fast path reads with the rest of the record: a decided session's packet never touches the
 * side array (docs/adr/0036).
 *
 * <pre>
 *  first path (flow.first.ApplicationIdentification, just before the install)
 *    begin(first)        IP protocol, custom address mapping or the application system cache
 *                        decide at once; else the inspector gives a handle
 *    started(slot, ..)   InstallSession: the word of the slot is written, the first packet
 *                        inspected (a DNS query, a SYN's sequence number)
 *    abandon()           InstallSession found the table full: the handle goes back
 *  fast path (FastPath.onWing, every packet of a session)
 *    onPacket(..)        called only while the record's FLAG_APPID_PENDING is set (a bit
 *                        of the record the fast path has read anyway): inspect(handle,
 *                        payload) until decided, then end(handle) and clear the bit
 *  end (SessionLifecycle.Ending, before the close is logged)
 *    sessionEnding(slot) still pending: end(handle) gives the provisional application or
 *                        INCONCLUSIVE; the session counts in the statistics of its application
 *
 *  word per slot (int, 4 bytes a session):
 *    bit 31 = 0   decided   application (15 bits) &lt;&lt; 16 | nested application (16 bits)
 *    bit 31 = 1   pending   the inspector's handle (31 bits)
 * </pre>
 *
 * A pending session's inspection state (reassembly, decoder scratch) lives in the inspector's fixed
 * pools and is found through the handle in its word: nothing grows per session, nothing is
 * allocated per packet.
 *
 * <p>A commit that changes {@code services application-identification} ends the inspection of the
 * sessions still pending (each keeps its provisional application, else becomes {@code
 * INCONCLUSIVE}, as if it had ended), names the decided ones again in the new catalog (a custom
 * application that is gone becomes {@code junos:UNKNOWN}), and starts a new inspector; the
 * application system cache is kept when neither the catalog nor the cache's own settings changed.
 *
 * <p>Thread: owned by its SPU's thread.
 */
public final class SessionApplications implements SessionLifecycle.Ending {
  /** Bytes each session slot costs beside its record: the word. */
  public static final int BYTES_PER_SESSION = Integer.BYTES;

  private static final int PENDING_BIT = 0x8000_0000;
  private static final int HANDLE_MASK = 0x7fff_ffff;

  /** Reassembly buffers an SPU keeps at most per session slot of its table (1 in 4 sessions). */
  private static final int SESSIONS_PER_STREAM_BUFFER = 4;

  private final SessionTable table;
  private final SpuClock clock;
  private final int[] words;

  private AppIdSettings settings;
  private ApplicationCatalog catalog;
  private ApplicationInspector inspector;

  /** The word {@link #begin} chose for the first packet on its way to the install. */
  private int began;

  // ---- statistics of sessions that ended, by application id (live ones are counted on query)
  private long[] endedSessions = new long[0];
  private long[] endedBytes = new long[0];
  private boolean statisticsCleared;
  private long statisticsClearedNs;

  /**
   * One bit per slot: the session there was live when the statistics were cleared, so it no longer
   * counts (a slot's bit is reset when a new session takes it).
   */
  private final long[] uncounted;

  /** Pending sessions whose inspection a commit ended. */
  private long endedByCommit;

  /** Packets whose inspection threw (a decoder's bug): each made its session junos:UNKNOWN. */
  private long inspectionFaults;

  /** Where this SPU's identifications go (docs/adr/0041); null: its cache stores them at once. */
  private ApplicationSystemCache.Announcer cacheAnnouncer;

  public SessionApplications(SessionTable table, SpuClock clock) {
    this.table = table;
    this.clock = clock;
    this.words = new int[table.capacity()];
    this.uncounted = new long[(table.capacity() + 63) >>> 6];
  }

  // ================================================================== generations

  /**
   * Takes the generation's {@code services application-identification}. Unchanged settings keep
   * everything; changed ones end the pending inspections, rename the decided sessions in the new
   * catalog and start a new inspector. Returns how many pending sessions were ended.
   */
  public int install(RuntimeConfig generation) {
    AppIdSettings next = generation.applicationIdentification();
    if (next.equals(settings)) {
      return 0;
    }
    ApplicationCatalog nextCatalog = next.catalog();
    int ended = 0;
    if (inspector != null) {
      ended = endPendingAndRename(nextCatalog);
    }
    ApplicationSystemCache cache =
        inspector != null && keepsCache(settings, next, catalog, nextCatalog)
            ? inspector.cache()
            : null;
    AppIdSettings sized = sizedFor(next, table.capacity());
    if (cache == null) {
      cache = ApplicationSystemCache.of(sized);
      cache.announceTo(cacheAnnouncer);
    }
    this.inspector = new ApplicationInspector(sized, nextCatalog, cache);
    this.statisticsFor(nextCatalog);
    this.settings = next;
    this.catalog = nextCatalog;
    this.endedByCommit += ended;
    return ended;
  }

  /**
   * The pools of one SPU for a table of {@code capacity} sessions: no more inspection slots than
   * sessions, a reassembly buffer per {@value #SESSIONS_PER_STREAM_BUFFER} slots at most, and the
   * device's cache at its configured size. A small table (a test's, a lab's) then costs little; the
   * default table keeps the settings' pools.
   */
  static AppIdSettings sizedFor(AppIdSettings settings, int capacity) {
    int sessions = Math.min(settings.sessionsPerSpu(), capacity);
    int buffers =
        Math.min(
            settings.streamBuffersPerSpu(), Math.max(16, sessions / SESSIONS_PER_STREAM_BUFFER));
    // the device's cache, whose replica every SPU keeps: its size cannot follow one SPU's table,
    // or one SPU and four would keep different entries (docs/adr/0041)
    int cache = settings.cacheEntriesPerSpu();
    return settings.withPools(
        sessions, buffers, settings.clientStreamBytes(), settings.serverStreamBytes(), cache);
  }

  private static boolean keepsCache(
      AppIdSettings before,
      AppIdSettings after,
      ApplicationCatalog catalogBefore,
      ApplicationCatalog catalogAfter) {
    return catalogBefore.customApplications().equals(catalogAfter.customApplications())
        && before.applicationSystemCache() == after.applicationSystemCache()
        && before.applicationSystemCacheTimeoutSeconds()
            == after.applicationSystemCacheTimeoutSeconds()
        && before.cacheEntriesPerSpu() == after.cacheEntriesPerSpu();
  }

  private int endPendingAndRename(ApplicationCatalog nextCatalog) {
    boolean renamed = !catalog.customApplications().equals(nextCatalog.customApplications());
    int[] rename = renamed ? rename(catalog, nextCatalog) : null;
    int ended = 0;
    for (int slot = 0; slot < words.length; slot++) {
      if (table.isFree(slot)) {
        continue;
      }
      int word = words[slot];
      if (word < 0) {
        int application = inspector.end(word & HANDLE_MASK);
        word = word(application, inspector.lastNestedApplication());
        table.setApplicationPending(slot, false);
        ended++;
      }
      if (rename != null) {
        word = word(rename[applicationOf(word)], rename[nestedOf(word)]);
      }
      words[slot] = word;
    }
    return ended;
  }

  // ================================================================== the device's cache

  /**
   * Makes this SPU's application system cache a replica of the device's (docs/adr/0041): its
   * identifications go to {@code announcer}, and every SPU's come back through {@link
   * #storeCacheEntry}. Null (a lone agent, a test's): the cache stores at once.
   */
  public void setCacheAnnouncer(ApplicationSystemCache.Announcer announcer) {
    this.cacheAnnouncer = announcer;
    if (inspector != null) {
      inspector.cache().announceTo(announcer);
    }
  }

  /** One entry of the device's cache, in input order, for this SPU's replica. */
  public void storeCacheEntry(
      long nowNs,
      int routingInstance,
      long serverHi,
      long serverLo,
      int serverPort,
      int protocol,
      int application,
      int nestedApplication) {
    if (inspector != null
        && application >= 0
        && application < catalog.size()
        && nestedApplication >= 0
        && nestedApplication < catalog.size()) {
      inspector
          .cache()
          .store(
              nowNs,
              routingInstance,
              serverHi,
              serverLo,
              serverPort,
              protocol,
              application,
              nestedApplication);
    }
  }

  /** Old id → new id, by name; a name the new catalog lacks becomes junos:UNKNOWN. */
  private static int[] rename(ApplicationCatalog from, ApplicationCatalog to) {
    int[] ids = new int[from.size()];
    for (int id = 0; id < ids.length; id++) {
      int found = to.id(from.name(id));
      ids[id] = found < 0 ? ApplicationCatalog.UNKNOWN : found;
    }
    return ids;
  }

  /** The statistics arrays for {@code next}, carried over by name. */
  private void statisticsFor(ApplicationCatalog next) {
    long[] sessions = new long[next.size()];
    long[] bytes = new long[next.size()];
    if (catalog != null) {
      for (int id = 0; id < endedSessions.length; id++) {
        int to = next.id(catalog.name(id));
        if (to >= 0) {
          sessions[to] += endedSessions[id];
          bytes[to] += endedBytes[id];
        }
      }
    }
    endedSessions = sessions;
    endedBytes = bytes;
  }

  // ================================================================== first path

  /**
   * A first packet that policy permitted and NAT translated: decides what needs no payload, or
   * takes an inspection handle. The client is the packet's source as received, the server its
   * destination after destination NAT (the host the session really reaches, which the cache and
   * address mappings name).
   */
  public void begin(FirstPacket first) {
    PacketDescriptor packet = first.packet;
    int handle =
        inspector.begin(
            clock.nowNs(),
            packet.protocol,
            packet.ipVersion == 6,
            packet.sourceHi,
            packet.sourceLo,
            packet.sourcePort,
            first.routingInstance,
            first.destinationHi,
            first.destinationLo,
            first.destinationPort);
    began =
        handle == ApplicationInspector.NO_HANDLE
            ? word(inspector.lastApplication(), inspector.lastNestedApplication())
            : PENDING_BIT | handle;
  }

  /**
   * The session of the first packet {@link #begin} saw is installed in {@code slot}. Returns true
   * when that first packet decided the application (a DNS query, say): the decision point of
   * unified policies (ADR 0033).
   */
  public boolean started(int slot, FirstPacket first) {
    words[slot] = began;
    uncounted[slot >>> 6] &= ~(1L << slot);
    if (began < 0) {
      table.setApplicationPending(slot, true);
      return onPacket(slot, FORWARD, first.packet, first.transportHeader);
    }
    return false;
  }

  /** The application {@link #begin} decided without payload, or PENDING when it took a handle. */
  public int begunApplication() {
    return began < 0 ? ApplicationCatalog.PENDING : applicationOf(began);
  }

  /** The nested application {@link #begin} decided, or UNKNOWN. */
  public int begunNestedApplication() {
    return began < 0 ? ApplicationCatalog.UNKNOWN : nestedOf(began);
  }

  /** The session of the first packet {@link #begin} saw could not be installed. */
  public void abandon() {
    if (began < 0) {
      inspector.end(began & HANDLE_MASK);
    }
  }

  // ================================================================== fast path

  /**
   * One packet of the session in {@code slot}, on {@code wing} (In: client to server). The fast
   * path calls it only while the record says the session is pending ({@link
   * SessionTable#isApplicationPending}); a decided session's packet costs nothing here. Returns
   * true when this packet decided the application: the decision point where unified policies match
   * the session again (ADR 0033).
   */
  public boolean onPacket(int slot, int wing, PacketDescriptor packet, boolean transportHeader) {
    int word = words[slot];
    if (word >= 0 || !transportHeader) {
      return false;
    }
    int handle = word & HANDLE_MASK;
    int verdict;
    inspector.cache().at(packet.ordinal);
    try {
      verdict =
          inspector.inspect(
              handle,
              wing == FORWARD
                  ? ApplicationInspector.CLIENT_TO_SERVER
                  : ApplicationInspector.SERVER_TO_CLIENT,
              packet.segment,
              packet.payloadOffset,
              packet.payloadBytes,
              packet.protocol == IpProtocol.TCP,
              packet.tcpFlags,
              packet.tcpSequence,
              clock.nowNs());
    } catch (RuntimeException fault) {
      // a decoder's bug must not stop the SPU: the session is junos:UNKNOWN ("the system
      // encounters an error when identifying the application"), and the fault is counted
      inspectionFaults++;
      inspector.end(handle);
      words[slot] = word(ApplicationCatalog.UNKNOWN, ApplicationCatalog.UNKNOWN);
      table.setApplicationPending(slot, false);
      return true;
    }
    if (verdict != ApplicationCatalog.PENDING) {
      int nestedApplication = inspector.nestedApplication(handle);
      inspector.end(handle);
      words[slot] = word(verdict, nestedApplication);
      table.setApplicationPending(slot, false);
      return true;
    }
    return false;
  }

  // ================================================================== end

  /**
   * The session is closing (before its close is logged): a pending inspection ends with the
   * provisional application or {@code INCONCLUSIVE}, and the session counts in the statistics of
   * its application.
   */
  @Override
  public void sessionEnding(int slot) {
    int word = words[slot];
    if (word < 0) {
      int application = inspector.end(word & HANDLE_MASK);
      word = word(application, inspector.lastNestedApplication());
      words[slot] = word;
      table.setApplicationPending(slot, false);
    }
    if (countsInStatistics(slot)) {
      int application = applicationOf(word);
      endedSessions[application]++;
      endedBytes[application] += table.bytes(slot, FORWARD) + table.bytes(slot, REVERSE);
    }
  }

  private boolean countsInStatistics(int slot) {
    return (uncounted[slot >>> 6] & 1L << slot) == 0;
  }

  // ================================================================== reading

  /** The session's dynamic application: {@link ApplicationCatalog#PENDING} while inspected. */
  public int application(int slot) {
    int word = words[slot];
    return word < 0 ? ApplicationCatalog.PENDING : applicationOf(word);
  }

  /** The session's nested application; {@link ApplicationCatalog#UNKNOWN} while inspected. */
  public int nestedApplication(int slot) {
    int word = words[slot];
    return word < 0 ? ApplicationCatalog.UNKNOWN : nestedOf(word);
  }

  public boolean pending(int slot) {
    return words[slot] < 0;
  }

  /** The catalog of the running generation: ids to names, categories, {@code Encryption:}. */
  public ApplicationCatalog catalog() {
    return catalog;
  }

  /** The generation's {@code services application-identification} in force. */
  public AppIdSettings settings() {
    return settings;
  }

  public ApplicationInspector inspector() {
    return inspector;
  }

  /** Pending sessions whose inspection a commit ended (counted, not an error). */
  public long endedByCommit() {
    return endedByCommit;
  }

  /** Packets whose inspection failed with an exception; each made its session junos:UNKNOWN. */
  public long inspectionFaults() {
    return inspectionFaults;
  }

  // ================================================================== statistics

  /**
   * Sessions and bytes (IP bytes, both wings) per application id, of the sessions created since the
   * statistics were last cleared: those that ended, and those still valid and decided, at their
   * counts now. For a query, off the packet path: it scans the table and allocates.
   *
   * @return {@code [0]} sessions, {@code [1]} bytes, indexed by application id
   */
  public long[][] statistics() {
    long[] sessions = endedSessions.clone();
    long[] bytes = endedBytes.clone();
    for (int slot = 0; slot < words.length; slot++) {
      if (table.isValid(slot) && words[slot] >= 0 && countsInStatistics(slot)) {
        int application = applicationOf(words[slot]);
        sessions[application]++;
        bytes[application] += table.bytes(slot, FORWARD) + table.bytes(slot, REVERSE);
      }
    }
    return new long[][] {sessions, bytes};
  }

  /**
   * {@code clear services application-identification statistics}: what ended is forgotten, and
   * sessions created before now no longer count.
   */
  public void clearStatistics() {
    Arrays.fill(endedSessions, 0);
    Arrays.fill(endedBytes, 0);
    for (int slot = 0; slot < words.length; slot++) {
      if (!table.isFree(slot)) {
        uncounted[slot >>> 6] |= 1L << slot;
      }
    }
    statisticsCleared = true;
    statisticsClearedNs = clock.nowNs();
  }

  /** When the statistics were last cleared (the SPU's clock), or -1 when never. */
  public long statisticsClearedNs() {
    return statisticsCleared ? statisticsClearedNs : -1;
  }

  // ================================================================== words

  private static int word(int application, int nestedApplication) {
    return application << 16 | (nestedApplication & 0xffff);
  }

  private static int applicationOf(int word) {
    return word >>> 16;
  }

  private static int nestedOf(int word) {
    return word & 0xffff;
  }
}
