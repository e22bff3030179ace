package org.flowgate.dataplane.session;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.ref.Cleaner;

/**
 * The sessions of one SPU: fixed 128-byte records in one off-heap segment, an open-addressing index
 * that holds both wing keys of every session, a free list threaded through freed records (slots
 * never used are taken in order after them, from {@link #slotLimit}), and a timer wheel threaded
 * through live ones. Nothing here allocates after construction, except the IPv6 address side table
 * when it grows.
 *
 * <p>Thread: owned by its SPU shard's thread. No locks; nothing else touches it.
 *
 * <pre>
 * Session record (128 bytes, little-endian as the host; see docs/adr/0002-session-storage.md)
 *
 *  flags: bit 0 IPv6, bit 4 identification pending, bit 5 ALG inspects, bit 6 ALG follows
 *
 *  0      4      5      6      7      8            12           16           20          24
 *  +------+------+------+------+------+------------+------------+------------+-----------+
 *  |id low|proto |flags |state |close |fwd src v4  |fwd dst v4  |rev src v4  |rev dst v4 |
 *  |  u32 |  u8  |  u8  |  u8  |  u8  |(v6: index) |            |            |           |
 *  +------+------+------+------+------+------------+------------+------------+-----------+
 *  24 fwd sport u16 | 26 fwd dport u16 | 28 rev sport u16 | 30 rev dport u16
 *  32 fwd token u16 | 34 rev token u16 | 36 fwd ifindex u16 | 38 rev ifindex u16
 *  40 id high u32 | 44 policy index u32 | 48 NAT binding u32
 *  52 timeout s u32 | 56 created tick u32 | 60 last-packet tick u32
 *  64 timer next u32 | 68 timer prev u32 | 72 timer deadline tick u32
 *  76 fwd FIN seq u32 | 80 rev FIN seq u32 | 84 fwd next seq u32 | 88 rev next seq u32
 *  92 application u16 | 94 tcp bits u16
 *  96 fwd packets u64 | 104 fwd bytes u64 | 112 rev packets u64 | 120 rev bytes u64
 * </pre>
 *
 * <pre>
 * Index entry (u64): | fingerprint u32 | (slot &lt;&lt; 1 | wing) + 1 u32 |   0 = empty
 * home position = fingerprint &amp; mask; linear probing; backward-shift deletion.
 * </pre>
 *
 * <p>A tick is 2^26 ns (about 67 ms). Ticks are stored in 32 bits and compared by serial-number
 * arithmetic ({@link #elapsed}), so the clock may run for any number of years (captures from 1970
 * and 2024 in one replay) as long as no single session lives nine years.
 */
public final class SessionTable {
  public static final int RECORD_BYTES = 128;

  // Every field lies at its natural alignment (records and index start 64-byte aligned); the
  // unaligned layouts only spare each access an alignment check on the per-packet path.
  private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
  private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
  private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
  public static final int TICK_SHIFT = 26;
  public static final int FORWARD = 0;
  public static final int REVERSE = 1;

  // record offsets
  private static final long ID_LOW = 0;
  private static final long PROTOCOL = 4;
  private static final long FLAGS = 5;
  private static final long STATE = 6;
  private static final long CLOSE = 7;
  private static final long SRC_ADDRESS = 8; // + 8 * wing
  private static final long DST_ADDRESS = 12; // + 8 * wing
  private static final long SRC_PORT = 24; // + 4 * wing
  private static final long DST_PORT = 26; // + 4 * wing
  private static final long TOKEN = 32; // + 2 * wing
  private static final long INTERFACE = 36; // + 2 * wing
  private static final long ID_HIGH = 40;
  private static final long POLICY = 44;
  private static final long NAT = 48;
  private static final long TIMEOUT_SECONDS = 52;
  private static final long CREATED_TICK = 56;
  private static final long LAST_TICK = 60;
  private static final long TIMER_NEXT = 64;
  private static final long TIMER_PREV = 68;
  private static final long TIMER_DEADLINE = 72;
  private static final long FIN_SEQUENCE = 76; // + 4 * wing
  private static final long NEXT_SEQUENCE = 84; // + 4 * wing
  private static final long APPLICATION = 92;
  private static final long TCP_BITS = 94;
  private static final long PACKETS = 96; // + 16 * wing
  private static final long BYTES = 104; // + 16 * wing

  /** Record flag: addresses live in the IPv6 side table. */
  public static final int FLAG_IPV6 = 1;

  /**
   * Record flag: an application layer gateway follows the session (a control session it reads, a
   * child it opened, or a DNS session it checks); its state is in the ALG's side storage
   * (docs/adr/0027-algs.md). The fast path reads this bit, in the record's first cache line, before
   * it calls the ALG at all.
   */
  public static final int FLAG_ALG = 1 << 6;

  /**
   * Record flag: the fast path hands the session's packets to its ALG (control and DNS sessions).
   */
  public static final int FLAG_ALG_INSPECT = 1 << 5;

  /**
   * Record flag: application identification still inspects the session's packets (its word in
   * {@code flow.SessionApplications} holds an inspector handle). The fast path reads this bit, in
   * the record's first cache line, instead of the side array: a decided session costs no memory
   * access beyond its record (docs/adr/0036).
   */
  public static final int FLAG_APPID_PENDING = 1 << 4;

  private static final int NONE = -1;
  private static final int WHEEL_BITS = 12;
  private static final int WHEEL_SIZE = 1 << WHEEL_BITS;
  private static final int WHEEL_MASK = WHEEL_SIZE - 1;

  private final int capacity;
  private static final Cleaner CLEANER = Cleaner.create();

  private final Cleaner.Cleanable release;
  private final boolean hugePages;
  private final String memoryBacking;
  private final MemorySegment records;
  private final MemorySegment index;
  private final long indexMask;
  private final Ipv6Addresses ipv6 = new Ipv6Addresses();
  private final int[] wheelHeads = new int[WHEEL_SIZE];

  private int freeHead;
  private int fresh;
  private int sessionsInUse;
  private int scheduled;
  private long wheelTick;

  /**
   * The tick whose bucket {@link #advanceTimers} is walking, or -1 between walks: a timer a handler
   * arms for this tick or earlier fires at the next one (the walk has passed the bucket's head).
   */
  private long walkingTick = -1;

  private long ticksSinceDue;

  /**
   * @param maximumSessions the most sessions this SPU holds; a first packet beyond it fails
   */
  public SessionTable(int maximumSessions) {
    if (maximumSessions < 1 || maximumSessions > (1 << 30)) {
      throw new IllegalArgumentException("maximum sessions per SPU must be 1 .. 2^30");
    }
    this.capacity = maximumSessions;
    Arena arena = Arena.ofShared();
    this.release = CLEANER.register(this, arena::close);
    HugePages.Backing recordMemory =
        HugePages.allocate(arena, (long) maximumSessions * RECORD_BYTES);
    this.records = recordMemory.segment();
    this.hugePages = recordMemory.hugePages();
    this.memoryBacking = recordMemory.why();
    long indexEntries = indexEntries(maximumSessions);
    this.index = HugePages.allocate(arena, indexEntries * Long.BYTES).segment();
    this.indexMask = indexEntries - 1;
    // No record is written here: slots from `fresh` on have never been used and are handed out in
    // order once the free list is empty, so a table of a million sessions costs nothing to build
    // and its pages are touched only as sessions arrive (docs/adr/0028).
    this.freeHead = NONE;
    this.fresh = 0;
    java.util.Arrays.fill(wheelHeads, NONE);
  }

  /**
   * Links the native calls a table's memory needs ({@code mmap}, {@code madvise}), which costs a
   * fresh JVM about 0.1 s the first time: call it on another thread early in a command that will
   * build an engine, so that the link overlaps the command's other start-up work. A table built
   * meanwhile waits for it (class initialisation), so calling it is never wrong.
   */
  public static void prepareMemory() {
    HugePages.prepare();
  }

  // ---------------------------------------------------------------- sizing

  /** Entries of the index of a table of {@code maximumSessions}: two wings, at most 3/4 full. */
  static long indexEntries(int maximumSessions) {
    long entries = Long.highestOneBit(Math.max(4L, (long) maximumSessions * 2 * 4 / 3)) << 1;
    return Math.min(entries, 1L << 31);
  }

  public int capacity() {
    return capacity;
  }

  /**
   * One past the highest slot that ever held a session: every slot from here to {@link #capacity}
   * is free and untouched, so a scan of the table's sessions may stop here.
   */
  public int slotLimit() {
    return fresh;
  }

  public int sessionsInUse() {
    return sessionsInUse;
  }

  /** Off-heap bytes held by records and the index, over the maximum number of sessions. */
  public long bytesPerSession() {
    return (records.byteSize() + index.byteSize() + WHEEL_SIZE * 4L) / capacity;
  }

  /** True when the records lie on transparent huge pages (the kernel accepted the advice). */
  public boolean hugePages() {
    return hugePages;
  }

  /** How the records' memory is backed, in words: why huge pages were used or not. */
  public String memoryBacking() {
    return memoryBacking;
  }

  /**
   * Frees the records and the index now, rather than when the table becomes unreachable. The table
   * must not be used afterwards; its owner closes it once its SPU thread has stopped.
   */
  public void close() {
    release.clean();
  }

  /** Bytes of the side table for IPv6 addresses (64 bytes per IPv6 session). */
  public long ipv6SideTableBytes() {
    return ipv6.bytes();
  }

  // ---------------------------------------------------------------- allocation

  /**
   * Takes a free record, zeroed; returns the slot, or -1 when the table is full. The caller gives
   * it its session id, fills it, and then calls {@link #indexWing} for each wing.
   */
  public int allocate() {
    int slot = freeHead;
    if (slot != NONE) {
      freeHead = getInt(slot, TIMER_NEXT);
    } else if (fresh < capacity) {
      slot = fresh++; // never used: the free list once held slots in this order after the freed
    } else {
      return NONE;
    }
    long base = (long) slot * RECORD_BYTES;
    for (long offset = 0; offset < RECORD_BYTES; offset += Long.BYTES) {
      records.set(LONG, base + offset, 0L);
    }
    setInt(slot, TIMER_NEXT, NONE);
    setInt(slot, TIMER_PREV, NONE);
    sessionsInUse++;
    return slot;
  }

  /** Returns the slot to the free list; its index entries must be gone and its timer cancelled. */
  public void free(int slot) {
    if (isIpv6(slot)) {
      ipv6.release(getInt(slot, SRC_ADDRESS));
    }
    setByte(slot, STATE, FREE);
    setInt(slot, TIMER_NEXT, freeHead);
    freeHead = slot;
    sessionsInUse--;
  }

  // ---------------------------------------------------------------- keys

  /** Writes the key of one wing. For IPv6 the first call per session takes a side-table entry. */
  public void setWingKey(
      int slot,
      int wing,
      long srcHi,
      long srcLo,
      long dstHi,
      long dstLo,
      int srcPort,
      int dstPort) {
    if (isIpv6(slot)) {
      int entry = getInt(slot, SRC_ADDRESS);
      if (entry == 0) {
        entry = ipv6.acquire();
        setInt(slot, SRC_ADDRESS, entry);
      }
      ipv6.set(entry, wing, srcHi, srcLo, dstHi, dstLo);
    } else {
      setInt(slot, SRC_ADDRESS + 8L * wing, (int) srcLo);
      setInt(slot, DST_ADDRESS + 8L * wing, (int) dstLo);
    }
    setShort(slot, SRC_PORT + 4L * wing, srcPort);
    setShort(slot, DST_PORT + 4L * wing, dstPort);
  }

  public long sourceHi(int slot, int wing) {
    return isIpv6(slot) ? ipv6.get(getInt(slot, SRC_ADDRESS), wing, 0) : 0;
  }

  public long sourceLo(int slot, int wing) {
    return isIpv6(slot)
        ? ipv6.get(getInt(slot, SRC_ADDRESS), wing, 1)
        : mapped(getInt(slot, SRC_ADDRESS + 8L * wing));
  }

  public long destinationHi(int slot, int wing) {
    return isIpv6(slot) ? ipv6.get(getInt(slot, SRC_ADDRESS), wing, 2) : 0;
  }

  public long destinationLo(int slot, int wing) {
    return isIpv6(slot)
        ? ipv6.get(getInt(slot, SRC_ADDRESS), wing, 3)
        : mapped(getInt(slot, DST_ADDRESS + 8L * wing));
  }

  private static long mapped(int ipv4) {
    return 0x0000_ffff_0000_0000L | (ipv4 & 0xffff_ffffL);
  }

  public int sourcePort(int slot, int wing) {
    return getShort(slot, SRC_PORT + 4L * wing);
  }

  public int destinationPort(int slot, int wing) {
    return getShort(slot, DST_PORT + 4L * wing);
  }

  // ---------------------------------------------------------------- index

  /**
   * Adds the wing's key to the index. The lookup part of the token (the routing instance, {@code
   * token >>> 8}) is part of the key.
   */
  public void indexWing(int slot, int wing) {
    int fingerprint = wingHash(slot, wing);
    long position = fingerprint & indexMask;
    while (index.getAtIndex(LONG, position) != 0) {
      position = (position + 1) & indexMask;
    }
    index.setAtIndex(LONG, position, entry(fingerprint, slot, wing));
  }

  /** Removes the wing's key from the index (backward-shift deletion keeps probes short). */
  public void unindexWing(int slot, int wing) {
    int fingerprint = wingHash(slot, wing);
    long wanted = entry(fingerprint, slot, wing);
    long position = fingerprint & indexMask;
    long current;
    while ((current = index.getAtIndex(LONG, position)) != wanted) {
      if (current == 0) {
        return;
      }
      position = (position + 1) & indexMask;
    }
    long hole = position;
    long probe = position;
    while (true) {
      probe = (probe + 1) & indexMask;
      long moving = index.getAtIndex(LONG, probe);
      if (moving == 0) {
        break;
      }
      long home = (moving >>> 32) & indexMask;
      boolean stays =
          hole <= probe ? (hole < home && home <= probe) : (hole < home || home <= probe);
      if (!stays) {
        index.setAtIndex(LONG, hole, moving);
        hole = probe;
      }
    }
    index.setAtIndex(LONG, hole, 0L);
  }

  private static long entry(int fingerprint, int slot, int wing) {
    return ((long) fingerprint << 32) | (((long) slot << 1 | wing) + 1);
  }

  /**
   * Finds the wing whose key equals the packet's. Returns {@code slot << 1 | wing}, or -1.
   *
   * @param routingInstance the lookup part of the token
   */
  public int lookup(
      long srcHi,
      long srcLo,
      long dstHi,
      long dstLo,
      int srcPort,
      int dstPort,
      int protocol,
      int routingInstance) {
    return lookup(
        hash(srcHi, srcLo, dstHi, dstLo, srcPort, dstPort, protocol, routingInstance),
        srcHi,
        srcLo,
        dstHi,
        dstLo,
        srcPort,
        dstPort,
        protocol,
        routingInstance);
  }

  /**
   * {@link #lookup(long, long, long, long, int, int, int, int)} with the key's {@link #keyHash}
   * already computed (a batch hashes its packets once, to read ahead).
   */
  public int lookup(
      int keyHash,
      long srcHi,
      long srcLo,
      long dstHi,
      long dstLo,
      int srcPort,
      int dstPort,
      int protocol,
      int routingInstance) {
    long position = keyHash & indexMask;
    long current;
    while ((current = index.getAtIndex(LONG, position)) != 0) {
      if ((int) (current >>> 32) == keyHash) {
        int reference = (int) current - 1;
        if (keyEquals(
            reference >>> 1,
            reference & 1,
            srcHi,
            srcLo,
            dstHi,
            dstLo,
            srcPort,
            dstPort,
            protocol,
            routingInstance)) {
          return reference;
        }
      }
      position = (position + 1) & indexMask;
    }
    return NONE;
  }

  /**
   * Whether the wing's key is the packet's. The common IPv4 case reads three words of the record's
   * first cache line: protocol and flags (offset 4), both ports (24 + 4 × wing) and both addresses
   * (8 + 8 × wing), then the token.
   */
  private boolean keyEquals(
      int slot,
      int wing,
      long srcHi,
      long srcLo,
      long dstHi,
      long dstLo,
      int srcPort,
      int dstPort,
      int protocol,
      int routingInstance) {
    long base = (long) slot * RECORD_BYTES;
    int head = records.get(INT, base + PROTOCOL); // protocol, flags, state, close reason
    if (nativeByte(head, 0) != protocol
        || ((srcPort | dstPort) >>> 16) != 0
        || records.get(INT, base + SRC_PORT + 4L * wing) != nativeShorts(srcPort, dstPort)
        || (token(slot, wing) >>> 8) != routingInstance) {
      return false;
    }
    if ((nativeByte(head, 1) & FLAG_IPV6) != 0) {
      int entry = getInt(slot, SRC_ADDRESS);
      return ipv6.get(entry, wing, 0) == srcHi
          && ipv6.get(entry, wing, 1) == srcLo
          && ipv6.get(entry, wing, 2) == dstHi
          && ipv6.get(entry, wing, 3) == dstLo;
    }
    return srcHi == 0
        && dstHi == 0
        && (srcLo >>> 32) == 0xffff
        && (dstLo >>> 32) == 0xffff
        && records.get(LONG, base + SRC_ADDRESS + 8L * wing)
            == nativeInts((int) srcLo, (int) dstLo);
  }

  private static final boolean LITTLE_ENDIAN =
      java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN;

  /** Byte {@code n} (in memory order) of an int read from a record in the host's order. */
  private static int nativeByte(int word, int n) {
    return (LITTLE_ENDIAN ? word >>> (8 * n) : word >>> (24 - 8 * n)) & 0xff;
  }

  /**
   * The int a record holds where two u16 fields, {@code first} then {@code second}, lie in memory.
   */
  private static int nativeShorts(int first, int second) {
    return LITTLE_ENDIAN ? (first & 0xffff) | second << 16 : first << 16 | (second & 0xffff);
  }

  /**
   * The long a record holds where two u32 fields, {@code first} then {@code second}, lie in memory.
   */
  private static long nativeInts(int first, int second) {
    return LITTLE_ENDIAN
        ? (first & 0xffff_ffffL) | (long) second << 32
        : (long) first << 32 | (second & 0xffff_ffffL);
  }

  // ---------------------------------------------------------------- reading ahead

  /*
   * A batch of packets looks its keys up in passes, so that the cache misses of all its
   * packets overlap instead of following one another (Java has no prefetch instruction, but loads
   * that do not depend on each other are in flight together):
   *
   *   keyHash   every packet     pure arithmetic, no memory
   *   readHome       every packet   index line at the home position     (misses overlap)
   *   candidateSlot  every packet   scan that line for the fingerprint  (index hits)
   *   readRecord     every packet   both lines of the record it names   (misses overlap)
   *   lookup         packet by packet: compares the key, everything cached
   *
   * Each pass is its own short loop, so that all of a batch's reads of one kind fit in the
   * processor's reorder window together.
   *
   * The reads ahead only warm the cache: if the table changes before the lookup (a timer fires,
   * an earlier packet of the batch installs or closes a session) the lookup is still exact.
   */

  /** The hash of a wing key: the index fingerprint, whose low bits are the key's home position. */
  public static int keyHash(
      long srcHi,
      long srcLo,
      long dstHi,
      long dstLo,
      int srcPort,
      int dstPort,
      int protocol,
      int routingInstance) {
    return hash(srcHi, srcLo, dstHi, dstLo, srcPort, dstPort, protocol, routingInstance);
  }

  /**
   * Reads the index entry at the key's home position. Returns it only so that the read is not
   * optimised away.
   */
  public long readHome(int keyHash) {
    return index.getAtIndex(LONG, keyHash & indexMask);
  }

  /**
   * The record the key's lookup will compare first: the one named by the first entry, from the home
   * position on, whose fingerprint matches; -1 when none does. Reads only the index.
   */
  public int candidateSlot(int keyHash) {
    long position = keyHash & indexMask;
    long current;
    while ((current = index.getAtIndex(LONG, position)) != 0) {
      if ((int) (current >>> 32) == keyHash) {
        return ((int) current - 1) >>> 1;
      }
      position = (position + 1) & indexMask;
    }
    return NONE;
  }

  /**
   * Reads both cache lines of a record (nothing for -1). Returns a value only so that the reads are
   * not optimised away.
   */
  public long readRecord(int slot) {
    if (slot < 0) {
      return 0;
    }
    long base = (long) slot * RECORD_BYTES;
    return records.get(LONG, base + SRC_ADDRESS) + records.get(LONG, base + PACKETS);
  }

  private int wingHash(int slot, int wing) {
    return hash(
        sourceHi(slot, wing),
        sourceLo(slot, wing),
        destinationHi(slot, wing),
        destinationLo(slot, wing),
        sourcePort(slot, wing),
        destinationPort(slot, wing),
        protocol(slot),
        token(slot, wing) >>> 8);
  }

  /** The wing-key hash (asymmetric: each wing of a session hashes on its own). */
  static int hash(
      long srcHi,
      long srcLo,
      long dstHi,
      long dstLo,
      int srcPort,
      int dstPort,
      int protocol,
      int routingInstance) {
    long h = srcLo * 0x9E37_79B9_7F4A_7C15L;
    h ^= dstLo * 0xC2B2_AE3D_27D4_EB4FL;
    h ^= srcHi * 0x1656_67B1_9E37_79F9L;
    h ^= dstHi * 0xD6E8_FEB8_6659_FD93L;
    h +=
        ((long) srcPort << 48) ^ ((long) dstPort << 32) ^ ((long) protocol << 16) ^ routingInstance;
    h ^= h >>> 33;
    h *= 0xFF51_AFD7_ED55_8CCDL;
    h ^= h >>> 33;
    h *= 0xC4CE_B9FE_1A85_EC53L;
    h ^= h >>> 33;
    return (int) h;
  }

  /** The slot of an index reference ({@code slot << 1 | wing}, as lookups return it). */
  public static int slotOf(int reference) {
    return reference >>> 1;
  }

  /** The wing of an index reference. */
  public static int wingOf(int reference) {
    return reference & 1;
  }

  // ---------------------------------------------------------------- timer wheel

  /** Receives the sessions whose timer is due; called from {@link #advanceTimers}. */
  public interface TimerHandler {
    /**
     * The timer of {@code slot} fired at {@code tick}. The handler must either reschedule the slot
     * or free it.
     */
    void onTimer(int slot, long tick);
  }

  /** Arms (or re-arms) the session's timer for {@code deadlineTick}. */
  public void schedule(int slot, long deadlineTick) {
    if (getInt(slot, TIMER_PREV) != NONE || wheelHeads[bucket(getDeadline(slot))] == slot) {
      unlinkTimer(slot);
    }
    // never in a bucket already walked: a deadline in the past fires at the next tick (from
    // inside a handler, the tick after the one firing; its bucket's walk would not come back)
    long deadline = Math.max(deadlineTick, Math.max(wheelTick, walkingTick) + 1);
    setInt(slot, TIMER_DEADLINE, (int) deadline);
    int bucket = bucket(deadline);
    int head = wheelHeads[bucket];
    setInt(slot, TIMER_NEXT, head);
    setInt(slot, TIMER_PREV, NONE);
    if (head != NONE) {
      setInt(head, TIMER_PREV, slot);
    }
    wheelHeads[bucket] = slot;
    scheduled++;
  }

  /** Disarms the session's timer, if armed. */
  public void cancelTimer(int slot) {
    if (getInt(slot, TIMER_PREV) != NONE || wheelHeads[bucket(getDeadline(slot))] == slot) {
      unlinkTimer(slot);
    }
  }

  /** True when the session's timer is armed. */
  public boolean timerArmed(int slot) {
    return getInt(slot, TIMER_PREV) != NONE || wheelHeads[bucket(getDeadline(slot))] == slot;
  }

  public long timerDeadline(int slot) {
    return getDeadline(slot);
  }

  private long getDeadline(int slot) {
    return getInt(slot, TIMER_DEADLINE) & 0xffff_ffffL;
  }

  private static int bucket(long tick) {
    return (int) (tick & WHEEL_MASK);
  }

  private void unlinkTimer(int slot) {
    int next = getInt(slot, TIMER_NEXT);
    int previous = getInt(slot, TIMER_PREV);
    if (previous == NONE) {
      wheelHeads[bucket(getDeadline(slot))] = next;
    } else {
      setInt(previous, TIMER_NEXT, next);
    }
    if (next != NONE) {
      setInt(next, TIMER_PREV, previous);
    }
    setInt(slot, TIMER_NEXT, NONE);
    setInt(slot, TIMER_PREV, NONE);
    scheduled--;
  }

  /** The last tick whose timers have all fired. */
  public long timerTick() {
    return wheelTick;
  }

  /**
   * Fires every timer due up to {@code nowTick}, in deadline order, calling the handler for each.
   * Work is one visit per bucket passed and per armed timer in it; a stretch longer than a whole
   * wheel turn with nothing due is skipped after one scan.
   *
   * @param maximumTimers the most timers to fire in this call; returns false when it stopped early
   */
  public boolean advanceTimers(long nowTick, int maximumTimers, TimerHandler handler) {
    int fired = 0;
    while (wheelTick < nowTick) {
      if (scheduled == 0) {
        wheelTick = nowTick;
        ticksSinceDue = 0;
        break;
      }
      if (ticksSinceDue >= WHEEL_SIZE) {
        long earliest = earliestDeadline();
        ticksSinceDue = 0;
        if (earliest - 1 > wheelTick) {
          wheelTick = Math.min(earliest - 1, nowTick);
          continue;
        }
      }
      long tick = wheelTick + 1;
      int slot = wheelHeads[bucket(tick)];
      boolean any = false;
      walkingTick = tick;
      try {
        while (slot != NONE) {
          int next = getInt(slot, TIMER_NEXT);
          if (getDeadline(slot) == (tick & 0xffff_ffffL)) {
            if (fired == maximumTimers) {
              return false;
            }
            unlinkTimer(slot);
            handler.onTimer(slot, tick);
            fired++;
            any = true;
          }
          slot = next;
        }
      } finally {
        walkingTick = -1;
      }
      wheelTick = tick;
      ticksSinceDue = any ? 0 : ticksSinceDue + 1;
    }
    return true;
  }

  /** The earliest armed deadline; stored deadlines are 32-bit, so measure them from now. */
  private long earliestDeadline() {
    long nearest = Long.MAX_VALUE;
    for (int head : wheelHeads) {
      for (int slot = head; slot != NONE; slot = getInt(slot, TIMER_NEXT)) {
        nearest = Math.min(nearest, elapsed(getDeadline(slot), wheelTick));
      }
    }
    return wheelTick + nearest;
  }

  /**
   * Ticks from {@code earlierTick} to {@code laterTick} where either may be a stored 32-bit tick:
   * serial-number arithmetic (RFC 1982), right while the two are less than 2^32 ticks (nine years)
   * apart. Timers fire before every packet, so no live session is ever that old.
   */
  public static long elapsed(long laterTick, long earlierTick) {
    return (laterTick - earlierTick) & 0xffff_ffffL;
  }

  // ---------------------------------------------------------------- fields

  /** The session's identifier (how it is numbered is the SPU's business, ADR 0022). */
  public long sessionId(int slot) {
    return ((long) getInt(slot, ID_HIGH) << 32) | (getInt(slot, ID_LOW) & 0xffff_ffffL);
  }

  public void setSessionId(int slot, long id) {
    setInt(slot, ID_LOW, (int) id);
    setInt(slot, ID_HIGH, (int) (id >>> 32));
  }

  /** The slot of the live session with this identifier, or -1: a scan of the table. */
  public int slotOfSessionId(long id) {
    for (int slot = 0; slot < fresh; slot++) {
      if (!isFree(slot) && sessionId(slot) == id) {
        return slot;
      }
    }
    return NONE;
  }

  public int protocol(int slot) {
    return getByte(slot, PROTOCOL);
  }

  public void setProtocol(int slot, int protocol) {
    setByte(slot, PROTOCOL, protocol);
  }

  public int flags(int slot) {
    return getByte(slot, FLAGS);
  }

  public void setFlags(int slot, int flags) {
    setByte(slot, FLAGS, flags);
  }

  public boolean isIpv6(int slot) {
    return (getByte(slot, FLAGS) & FLAG_IPV6) != 0;
  }

  /** True while application identification inspects the session ({@link #FLAG_APPID_PENDING}). */
  public boolean isApplicationPending(int slot) {
    return (getByte(slot, FLAGS) & FLAG_APPID_PENDING) != 0;
  }

  /** Sets or clears {@link #FLAG_APPID_PENDING}, keeping the other flags. */
  public void setApplicationPending(int slot, boolean pending) {
    int flags = getByte(slot, FLAGS);
    setByte(slot, FLAGS, pending ? flags | FLAG_APPID_PENDING : flags & ~FLAG_APPID_PENDING);
  }

  /** True when an application layer gateway follows the session ({@link #FLAG_ALG}). */
  public boolean isAlg(int slot) {
    return (getByte(slot, FLAGS) & FLAG_ALG) != 0;
  }

  // state byte: 0 free, 1 valid, 2 invalidated (SessionLifecycle draws the transitions)
  private static final int FREE = 0;
  private static final int VALID = 1;
  private static final int INVALIDATED = 2;

  /** True when the slot holds no session. */
  public boolean isFree(int slot) {
    return getByte(slot, STATE) == FREE;
  }

  public boolean isValid(int slot) {
    return getByte(slot, STATE) == VALID;
  }

  public boolean isInvalidated(int slot) {
    return getByte(slot, STATE) == INVALIDATED;
  }

  public void setValid(int slot) {
    setByte(slot, STATE, VALID);
  }

  public void setInvalidated(int slot) {
    setByte(slot, STATE, INVALIDATED);
  }

  /** The state of a slot that holds a session. */
  public SessionState sessionState(int slot) {
    return getByte(slot, STATE) == VALID ? SessionState.VALID : SessionState.INVALIDATED;
  }

  public int closeReason(int slot) {
    return getByte(slot, CLOSE);
  }

  public void setCloseReason(int slot, CloseReason reason) {
    setByte(slot, CLOSE, reason.ordinal());
  }

  public int token(int slot, int wing) {
    return getShort(slot, TOKEN + 2L * wing);
  }

  public void setToken(int slot, int wing, int token) {
    setShort(slot, TOKEN + 2L * wing, token);
  }

  public int interfaceIndex(int slot, int wing) {
    return getShort(slot, INTERFACE + 2L * wing);
  }

  public void setInterfaceIndex(int slot, int wing, int interfaceIndex) {
    setShort(slot, INTERFACE + 2L * wing, interfaceIndex);
  }

  /**
   * The session's NAT binding word ({@code org.flowgate.dataplane.nat.NatBinding}), 0 when
   * untranslated.
   */
  public int nat(int slot) {
    return getInt(slot, NAT);
  }

  public void setNat(int slot, int binding) {
    setInt(slot, NAT, binding);
  }

  public int policy(int slot) {
    return getInt(slot, POLICY);
  }

  public void setPolicy(int slot, int policy) {
    setInt(slot, POLICY, policy);
  }

  public int timeoutSeconds(int slot) {
    return getInt(slot, TIMEOUT_SECONDS);
  }

  public void setTimeoutSeconds(int slot, int seconds) {
    setInt(slot, TIMEOUT_SECONDS, seconds);
  }

  public long createdTick(int slot) {
    return getInt(slot, CREATED_TICK) & 0xffff_ffffL;
  }

  public void setCreatedTick(int slot, long tick) {
    setInt(slot, CREATED_TICK, (int) tick);
  }

  public long lastTick(int slot) {
    return getInt(slot, LAST_TICK) & 0xffff_ffffL;
  }

  public void setLastTick(int slot, long tick) {
    setInt(slot, LAST_TICK, (int) tick);
  }

  public long finSequence(int slot, int wing) {
    return getInt(slot, FIN_SEQUENCE + 4L * wing) & 0xffff_ffffL;
  }

  public void setFinSequence(int slot, int wing, long sequence) {
    setInt(slot, FIN_SEQUENCE + 4L * wing, (int) sequence);
  }

  public long nextSequence(int slot, int wing) {
    return getInt(slot, NEXT_SEQUENCE + 4L * wing) & 0xffff_ffffL;
  }

  public void setNextSequence(int slot, int wing, long sequence) {
    setInt(slot, NEXT_SEQUENCE + 4L * wing, (int) sequence);
  }

  /** Index of the application the policy matched in the generation, or -1 for none. */
  public int application(int slot) {
    return getShort(slot, APPLICATION) - 1;
  }

  public void setApplication(int slot, int application) {
    setShort(slot, APPLICATION, application + 1);
  }

  public int tcpBits(int slot) {
    return getShort(slot, TCP_BITS);
  }

  public void setTcpBits(int slot, int bits) {
    setShort(slot, TCP_BITS, bits);
  }

  public long packets(int slot, int wing) {
    return records.get(LONG, (long) slot * RECORD_BYTES + PACKETS + 16L * wing);
  }

  public long bytes(int slot, int wing) {
    return records.get(LONG, (long) slot * RECORD_BYTES + BYTES + 16L * wing);
  }

  /** Counts one packet of {@code ipBytes} on the wing. */
  public void count(int slot, int wing, int ipBytes) {
    long base = (long) slot * RECORD_BYTES + 16L * wing;
    records.set(LONG, base + PACKETS, records.get(LONG, base + PACKETS) + 1);
    records.set(LONG, base + BYTES, records.get(LONG, base + BYTES) + ipBytes);
  }

  // ---------------------------------------------------------------- raw access

  private int getInt(int slot, long offset) {
    return records.get(INT, (long) slot * RECORD_BYTES + offset);
  }

  private void setInt(int slot, long offset, int value) {
    records.set(INT, (long) slot * RECORD_BYTES + offset, value);
  }

  private int getShort(int slot, long offset) {
    return records.get(SHORT, (long) slot * RECORD_BYTES + offset) & 0xffff;
  }

  private void setShort(int slot, long offset, int value) {
    records.set(SHORT, (long) slot * RECORD_BYTES + offset, (short) value);
  }

  private int getByte(int slot, long offset) {
    return records.get(JAVA_BYTE, (long) slot * RECORD_BYTES + offset) & 0xff;
  }

  private void setByte(int slot, long offset, int value) {
    records.set(JAVA_BYTE, (long) slot * RECORD_BYTES + offset, (byte) value);
  }

  /**
   * IPv6 addresses of sessions, eight longs (both wings' source and destination) per entry. Entry 0
   * is never used, so 0 in a record means "none yet".
   */
  private static final class Ipv6Addresses {
    private long[] words = new long[8 * 64];
    private int[] free = new int[64];
    private int freeCount;
    private int highWater = 1;

    int acquire() {
      if (freeCount > 0) {
        return free[--freeCount];
      }
      if ((highWater + 1) * 8 > words.length) {
        words = java.util.Arrays.copyOf(words, words.length * 2);
      }
      return highWater++;
    }

    void release(int entry) {
      if (entry == 0) {
        return;
      }
      if (freeCount == free.length) {
        free = java.util.Arrays.copyOf(free, free.length * 2);
      }
      free[freeCount++] = entry;
    }

    void set(int entry, int wing, long srcHi, long srcLo, long dstHi, long dstLo) {
      int base = entry * 8 + wing * 4;
      words[base] = srcHi;
      words[base + 1] = srcLo;
      words[base + 2] = dstHi;
      words[base + 3] = dstLo;
    }

    long get(int entry, int wing, int word) {
      return words[entry * 8 + wing * 4 + word];
    }

    long bytes() {
      return words.length * 8L + free.length * 4L;
    }
  }
}
