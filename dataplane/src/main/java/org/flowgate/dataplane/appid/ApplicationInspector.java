package org.flowgate.dataplane.appid;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import org.flowgate.dataplane.appid.decode.Decoders;

/**
 * Application identification for one SPU: looks at the payload of each new session's first packets,
 * both directions, until it names the application (the seed's {@code Dynamic application}), or the
 * inspection limits pass ({@code junos:UNKNOWN}), or the session ends first ({@code INCONCLUSIVE}).
 *
 * <h2>How the SPU calls it</h2>
 *
 * <pre>
 *  first path, session installed:
 *    h = begin(nowNs, protocol, ipv6, client..., clientPort, server..., serverPort)
 *    h == NO_HANDLE -&gt; decided already (IP protocol, custom address mapping, application system
 *                     cache, or the pool is full): lastApplication(), lastNestedApplication()
 *    else           -&gt; keep h in the session; Dynamic application is Pending
 *  every packet of a session that holds a handle (both directions, pure ACKs and SYNs included):
 *    v = inspect(h, direction, frame, payloadOffset, payloadBytes, tcp, tcpFlags, tcpSequence, nowNs)
 *    v == ApplicationCatalog.PENDING -&gt; keep calling
 *    else -&gt; decided: store v and nestedApplication(h) in the session, then end(h)
 *  session closed or aged while it holds a handle:
 *    v = end(h)      -&gt; the provisional application, or INCONCLUSIVE; store v, lastNestedApplication()
 * </pre>
 *
 * A decided session costs nothing more: the fast path only stores the two ids it was given.
 *
 * <h2>Per-session state</h2>
 *
 * A fixed pool of {@link AppIdSettings#sessionsPerSpu} slots in primitive arrays (struct of
 * arrays), taken at {@code begin} and returned at {@code end}. A handle is the slot index with a
 * 7-bit generation above it, so a stale handle is counted instead of corrupting another session:
 *
 * <pre>
 *  handle: | 0 | generation (7) | slot (24) |
 *  slot:   state | protocol | flags | server address, ports (for the cache) | candidate decoders
 *          (bit set) | provisional / decided application and nested application | per direction:
 *          payload packets, payload bytes, TCP base sequence, reassembly buffer, contiguous bytes,
 *          up to 4 received byte ranges | 7 longs of decoder scratch
 * </pre>
 *
 * <h2>TCP reassembly</h2>
 *
 * Each direction's first bytes are reassembled in sequence order into a buffer from a per-SPU pool
 * ({@link AppIdSettings#streamBuffersPerSpu} buffers of {@link AppIdSettings#clientStreamBytes} or
 * {@link AppIdSettings#serverStreamBytes}): split messages, out-of-order segments (up to 4 separate
 * ranges) and retransmissions. Bytes beyond the buffer, or beyond 4 ranges, or without a free
 * buffer are counted ({@link #bytesNotReassembled()}), never an error. A segment that arrives in
 * order while the direction's buffer is still empty is decoded straight from the frame; it is
 * copied only if the session stays undecided. Offsets count from the SYN's sequence + 1, or from
 * the first data segment's sequence when the SYN was not seen.
 *
 * <h2>Results</h2>
 *
 * {@link ApplicationCatalog#PENDING} until decided; an application id; {@link
 * ApplicationCatalog#UNKNOWN} when the limits pass with both directions having carried payload, or
 * when no decoder can match any more; {@link ApplicationCatalog#INCONCLUSIVE} when the limits pass
 * while only one direction carried payload, or at {@code end} of a session still undecided. A
 * decoder's provisional answer (one direction matched) is the result instead of UNKNOWN /
 * INCONCLUSIVE. Sessions identified from both directions enter the {@link ApplicationSystemCache}.
 *
 * <p>Thread: owned by one SPU thread; never shared. The per-packet path ({@link #inspect})
 * allocates nothing, except that decrypting a QUIC Initial makes a few JCE key objects
 * (docs/adr/0014).
 */
public final class ApplicationInspector {
  /** {@link #begin} answer for a session that is decided already or got no slot. */
  public static final int NO_HANDLE = -1;

  public static final int CLIENT_TO_SERVER = 0;
  public static final int SERVER_TO_CLIENT = 1;

  /**
   * Longs of decoder scratch per session. Each is owned by one decoder, since several decoders
   * inspect a session at once: RTP and ESP-in-UDP keep the last packet of each direction, OpenVPN
   * the client's session id, DNS the query's id, HTTP the nested application of a request it has
   * read to its end (so that the response is not a reason to read it again).
   */
  public static final int SCRATCH_SLOTS = 7;

  public static final int SCRATCH_RTP_CLIENT = 0;
  public static final int SCRATCH_RTP_SERVER = 1;
  public static final int SCRATCH_OPENVPN = 2;
  public static final int SCRATCH_DNS = 3;
  public static final int SCRATCH_ESP_CLIENT = 4;
  public static final int SCRATCH_ESP_SERVER = 5;
  public static final int SCRATCH_HTTP = 6;

  /** Separate byte ranges a direction's reassembly keeps. */
  public static final int RANGES = 4;

  private static final int PROTOCOL_TCP = 6;
  private static final int PROTOCOL_UDP = 17;
  private static final int TCP_SYN = 0x02;

  private static final int SLOT_BITS = 24;
  private static final int SLOT_MASK = (1 << SLOT_BITS) - 1;
  private static final int GENERATION_MASK = 0x7f;

  private static final byte FREE = 0;
  private static final byte INSPECTING = 1;
  private static final byte DECIDED = 2;

  private static final int FLAG_BASE_CLIENT = 1; // << direction
  private static final int FLAG_IPV6 = 4;
  private static final int FLAG_FIRST_BYTE_CLIENT = 8; // << direction: first-byte filter applied

  private final AppIdSettings settings;
  private final ApplicationCatalog catalog;
  private final ApplicationSystemCache cache;
  private final CustomSignatures custom;
  private final DecodeContext context;
  private final ProtocolDecoder[] tcpDecoders;
  private final ProtocolDecoder[] udpDecoders;
  private final long tcpAll;
  private final long udpAll;
  // decoders that accept a direction's first byte: index direction * 256 + byte
  private final long[] tcpFirstByte = new long[512];
  private final long[] udpFirstByte = new long[512];
  private final StreamBuffers[] buffers;
  private final int[] ipProtocolApplication = new int[256];

  // ---- slots
  private final byte[] state;
  private final byte[] generation;
  private final byte[] protocol;
  private final byte[] flags;
  private final long[] serverHi;
  private final long[] serverLo;
  private final short[] routingInstance;
  private final int[] ports; // client << 16 | server
  private final long[] candidates;
  private final int[] provisional;
  private final int[] provisionalNested;
  private final byte[] provisionalDecoder;
  private final byte[] provisionalSides; // UDP: directions whose datagrams the decoder accepted
  private final int[] application;
  private final int[] nested;
  private final long[] scratch;
  private final int[] free;
  private int freeCount;
  // ---- per direction: index = slot * 2 + direction
  private final int[] packets;
  private final long[] bytes;
  private final long[] base;
  private final int[] buffer;
  private final int[] contiguous;
  private final int[] ranges; // (index * RANGES + r) * 2: start, end
  private final byte[] rangeCount;

  private int lastApplication = ApplicationCatalog.PENDING;
  private int lastNested = ApplicationCatalog.UNKNOWN;

  // ---- counters
  private long sessionsBegun;
  private long sessionsInspected;
  private long decidedByInspection;
  private long decidedByCache;
  private long decidedByIpProtocol;
  private long decidedByAddressMapping;
  private long decidedByCustomSignature;
  private long decidedProvisional;
  private long unknown;
  private long inconclusive;
  private long poolFull;
  private long bytesNotReassembled;
  private long streamBuffersExhausted;
  private long staleHandles;
  private final long[] decodeErrors = new long[DecodeError.values().length];

  /**
   * An inspector with {@code settings}, the catalog of its custom applications and its own cache.
   */
  public ApplicationInspector(AppIdSettings settings) {
    this(
        settings,
        ApplicationCatalog.withCustom(settings.customApplications()),
        ApplicationSystemCache.of(settings));
  }

  /**
   * An inspector over {@code catalog} (built with the settings' custom applications) and {@code
   * cache} (owned by the same SPU).
   */
  public ApplicationInspector(
      AppIdSettings settings, ApplicationCatalog catalog, ApplicationSystemCache cache) {
    this.settings = settings;
    this.catalog = catalog;
    this.cache = cache;
    this.custom = new CustomSignatures(catalog);
    this.context = new DecodeContext(this, catalog, custom);
    this.tcpDecoders = Decoders.tcp(catalog);
    this.udpDecoders = Decoders.udp(catalog);
    if (tcpDecoders.length > 64 || udpDecoders.length > 64) {
      throw new IllegalStateException("at most 64 decoders per transport");
    }
    this.tcpAll = tcpDecoders.length == 64 ? -1L : (1L << tcpDecoders.length) - 1;
    this.udpAll = udpDecoders.length == 64 ? -1L : (1L << udpDecoders.length) - 1;
    for (int d = 0; d < 2; d++) {
      for (int b = 0; b < 256; b++) {
        tcpFirstByte[d * 256 + b] = accepting(tcpDecoders, d, b);
        udpFirstByte[d * 256 + b] = accepting(udpDecoders, d, b);
      }
    }
    this.buffers =
        new StreamBuffers[] {
          new StreamBuffers(settings.streamBuffersPerSpu(), settings.clientStreamBytes()),
          new StreamBuffers(settings.streamBuffersPerSpu(), settings.serverStreamBytes())
        };
    Arrays.fill(ipProtocolApplication, ApplicationCatalog.UNKNOWN);
    ipProtocolApplication[1] = catalog.requireId("junos:ICMP");
    ipProtocolApplication[58] = catalog.requireId("junos:ICMPV6");
    ipProtocolApplication[47] = catalog.requireId("junos:GRE");
    ipProtocolApplication[50] = catalog.requireId("junos:ESP");
    ipProtocolApplication[51] = catalog.requireId("junos:AH");
    ipProtocolApplication[89] = catalog.requireId("junos:OSPF");

    int sessions = settings.sessionsPerSpu();
    state = new byte[sessions];
    generation = new byte[sessions];
    protocol = new byte[sessions];
    flags = new byte[sessions];
    serverHi = new long[sessions];
    serverLo = new long[sessions];
    routingInstance = new short[sessions];
    ports = new int[sessions];
    candidates = new long[sessions];
    provisional = new int[sessions];
    provisionalNested = new int[sessions];
    provisionalDecoder = new byte[sessions];
    provisionalSides = new byte[sessions];
    application = new int[sessions];
    nested = new int[sessions];
    scratch = new long[sessions * SCRATCH_SLOTS];
    free = new int[sessions];
    for (int i = 0; i < sessions; i++) {
      free[i] = sessions - 1 - i;
    }
    freeCount = sessions;
    packets = new int[sessions * 2];
    bytes = new long[sessions * 2];
    base = new long[sessions * 2];
    buffer = new int[sessions * 2];
    Arrays.fill(buffer, -1);
    contiguous = new int[sessions * 2];
    ranges = new int[sessions * 2 * RANGES * 2];
    rangeCount = new byte[sessions * 2];
  }

  /**
   * Bytes of inspection state one slot takes (ADR 0014's struct-of-arrays: ids, counters, TCP
   * bases, byte ranges, decoder scratch), without the reassembly buffers: what every session being
   * identified costs, whatever it carries. Computed from the arrays' lengths, so it follows the
   * layout.
   */
  public long stateBytesPerSession() {
    long total =
        state.length
            + generation.length
            + protocol.length
            + flags.length
            + 8L * serverHi.length
            + 8L * serverLo.length
            + 2L * routingInstance.length
            + 4L * ports.length
            + 8L * candidates.length
            + 4L * provisional.length
            + 4L * provisionalNested.length
            + provisionalDecoder.length
            + provisionalSides.length
            + 4L * application.length
            + 4L * nested.length
            + 8L * scratch.length
            + 4L * free.length
            + 4L * packets.length
            + 8L * bytes.length
            + 8L * base.length
            + 4L * buffer.length
            + 4L * contiguous.length
            + 4L * ranges.length
            + rangeCount.length;
    return total / state.length;
  }

  /** Bytes of one client-to-server and one server-to-client reassembly buffer. */
  public long streamBufferBytes() {
    return (long) settings.clientStreamBytes() + settings.serverStreamBytes();
  }

  private static long accepting(ProtocolDecoder[] decoders, int direction, int firstByte) {
    long mask = 0;
    for (int i = 0; i < decoders.length; i++) {
      if (decoders[i].acceptsFirstByte(direction, firstByte)) {
        mask |= 1L << i;
      }
    }
    return mask;
  }

  public ApplicationCatalog catalog() {
    return catalog;
  }

  public ApplicationSystemCache cache() {
    return cache;
  }

  public AppIdSettings settings() {
    return settings;
  }

  // ================================================================== begin

  /**
   * A new session. Decides at once what needs no payload: its IP protocol (ICMP, ESP, GRE ...: not
   * TCP or UDP), a custom {@code address-mapping}, or a live application-system-cache entry for the
   * server. Otherwise takes a slot of the pool.
   *
   * @return a handle for {@link #inspect} and {@link #end}, or {@link #NO_HANDLE} when the session
   *     is decided already or the pool is full ({@code junos:UNKNOWN} unless decided otherwise);
   *     then {@link #lastApplication()} and {@link #lastNestedApplication()} hold the result
   */
  public int begin(
      long nowNs,
      int ipProtocol,
      boolean ipv6,
      long clientHi,
      long clientLo,
      int clientPort,
      long serverHiAddress,
      long serverLoAddress,
      int serverPort) {
    return begin(
        nowNs,
        ipProtocol,
        ipv6,
        clientHi,
        clientLo,
        clientPort,
        0,
        serverHiAddress,
        serverLoAddress,
        serverPort);
  }

  /**
   * {@link #begin(long, int, boolean, long, long, int, long, long, int)} for a server reached in
   * {@code serverRoutingInstance}: the cache keys its entries by it (a server address means one
   * host per routing instance).
   */
  public int begin(
      long nowNs,
      int ipProtocol,
      boolean ipv6,
      long clientHi,
      long clientLo,
      int clientPort,
      int serverRoutingInstance,
      long serverHiAddress,
      long serverLoAddress,
      int serverPort) {
    sessionsBegun++;
    lastNested = ApplicationCatalog.UNKNOWN;
    if (!settings.enabled()) {
      lastApplication = ApplicationCatalog.UNKNOWN;
      unknown++;
      return NO_HANDLE;
    }
    int customApplication =
        custom.matchAddress(
            ipProtocol, clientHi, clientLo, serverHiAddress, serverLoAddress, serverPort);
    if (customApplication >= 0) {
      lastApplication = customApplication;
      decidedByAddressMapping++;
      return NO_HANDLE;
    }
    if (ipProtocol != PROTOCOL_TCP && ipProtocol != PROTOCOL_UDP) {
      lastApplication = ipProtocolApplication[ipProtocol & 0xff];
      if (lastApplication == ApplicationCatalog.UNKNOWN) {
        unknown++;
      } else {
        decidedByIpProtocol++;
      }
      return NO_HANDLE;
    }
    long cached =
        settings.cacheUse().securityServices()
            ? cache.lookup(
                nowNs,
                serverRoutingInstance,
                serverHiAddress,
                serverLoAddress,
                serverPort,
                ipProtocol)
            : -1;
    if (cached >= 0) {
      lastApplication = (int) (cached >>> 32);
      lastNested = (int) cached;
      decidedByCache++;
      return NO_HANDLE;
    }
    if (freeCount == 0) {
      poolFull++;
      unknown++;
      lastApplication = ApplicationCatalog.UNKNOWN;
      return NO_HANDLE;
    }
    int slot = free[--freeCount];
    sessionsInspected++;
    state[slot] = INSPECTING;
    protocol[slot] = (byte) ipProtocol;
    flags[slot] = (byte) (ipv6 ? FLAG_IPV6 : 0);
    serverHi[slot] = serverHiAddress;
    serverLo[slot] = serverLoAddress;
    routingInstance[slot] = (short) serverRoutingInstance;
    ports[slot] = (clientPort << 16) | (serverPort & 0xffff);
    candidates[slot] = ipProtocol == PROTOCOL_TCP ? tcpAll : udpAll;
    provisional[slot] = ApplicationCatalog.PENDING;
    provisionalNested[slot] = ApplicationCatalog.UNKNOWN;
    provisionalDecoder[slot] = -1;
    provisionalSides[slot] = 0;
    application[slot] = ApplicationCatalog.PENDING;
    nested[slot] = ApplicationCatalog.UNKNOWN;
    for (int i = 0; i < SCRATCH_SLOTS; i++) {
      scratch[slot * SCRATCH_SLOTS + i] = 0;
    }
    for (int d = 0; d < 2; d++) {
      int index = slot * 2 + d;
      packets[index] = 0;
      bytes[index] = 0;
      base[index] = 0;
      buffer[index] = -1;
      contiguous[index] = 0;
      rangeCount[index] = 0;
    }
    return (generation[slot] & GENERATION_MASK) << SLOT_BITS | slot;
  }

  // ================================================================== inspect

  /**
   * One packet of a session being inspected, in either direction.
   *
   * @param direction {@link #CLIENT_TO_SERVER} or {@link #SERVER_TO_CLIENT}
   * @param frame segment holding the packet
   * @param payloadOffset offset of the first transport payload byte in {@code frame}
   * @param payloadBytes transport payload bytes present in {@code frame} (0 for a pure ACK)
   * @param tcp true for TCP (then the flags and sequence count)
   * @param tcpFlags the TCP flags byte
   * @param tcpSequence the segment's sequence number (32 bits, unsigned)
   * @return {@link ApplicationCatalog#PENDING}, or the decided application (or UNKNOWN,
   *     INCONCLUSIVE): then read {@link #nestedApplication} and call {@link #end}
   */
  public int inspect(
      int handle,
      int direction,
      MemorySegment frame,
      long payloadOffset,
      int payloadBytes,
      boolean tcp,
      int tcpFlags,
      long tcpSequence,
      long nowNs) {
    int slot = slot(handle);
    if (slot < 0) {
      return ApplicationCatalog.UNKNOWN;
    }
    if (state[slot] == DECIDED) {
      return application[slot];
    }
    decideNowNs = nowNs;
    int d = direction & 1;
    int index = slot * 2 + d;
    boolean isTcp = tcp && protocol[slot] == PROTOCOL_TCP;
    int rel = 0;
    if (isTcp) {
      int baseFlag = FLAG_BASE_CLIENT << d;
      boolean syn = (tcpFlags & TCP_SYN) != 0;
      if (syn && (flags[slot] & baseFlag) == 0) {
        base[index] = (tcpSequence + 1) & 0xffff_ffffL;
        flags[slot] |= (byte) baseFlag;
      }
      if (payloadBytes <= 0) {
        return ApplicationCatalog.PENDING;
      }
      long dataSequence = (syn ? tcpSequence + 1 : tcpSequence) & 0xffff_ffffL;
      if ((flags[slot] & baseFlag) == 0) {
        base[index] = dataSequence;
        flags[slot] |= (byte) baseFlag;
      }
      rel = (int) (dataSequence - base[index]);
    } else if (payloadBytes <= 0) {
      return ApplicationCatalog.PENDING;
    }
    packets[index]++;
    bytes[index] += payloadBytes;

    prepareContext(slot);
    int verdict;
    if (isTcp) {
      verdict = inspectSegment(slot, d, frame, payloadOffset, payloadBytes, rel);
    } else {
      verdict = inspectDatagram(slot, d, frame, payloadOffset, payloadBytes);
    }
    if (verdict != ApplicationCatalog.PENDING) {
      return verdict;
    }
    if (settings.limit(protocol[slot]).reached(packets[index], bytes[index])) {
      return concludeAtLimit(slot, nowNs);
    }
    return ApplicationCatalog.PENDING;
  }

  private void prepareContext(int slot) {
    context.slot = slot;
    context.protocol = protocol[slot];
    context.clientPort = ports[slot] >>> 16;
    context.serverPort = ports[slot] & 0xffff;
  }

  private int inspectSegment(
      int slot, int d, MemorySegment frame, long payloadOffset, int payloadBytes, int rel) {
    int index = slot * 2 + d;
    int capacity = buffers[d].bytesPerBuffer();
    boolean zeroCopy =
        buffer[index] < 0 && contiguous[index] == 0 && rangeCount[index] == 0 && rel == 0;
    boolean fresh;
    if (zeroCopy) {
      int shown = Math.min(payloadBytes, capacity);
      bytesNotReassembled += payloadBytes - shown;
      context.stream(d, frame, payloadOffset, shown, shown == capacity);
      fresh = true;
    } else {
      int before = contiguous[index];
      place(slot, d, rel, frame, payloadOffset, payloadBytes);
      fresh = contiguous[index] > before;
      showBuffer(slot, d);
    }
    showBuffer(slot, 1 - d);
    if (!fresh) {
      return ApplicationCatalog.PENDING;
    }
    int verdict = decodeStreams(slot);
    if (verdict == ApplicationCatalog.PENDING && zeroCopy) {
      // keep what was decoded from the frame for the next segment
      place(slot, d, 0, frame, payloadOffset, Math.min(payloadBytes, capacity));
    }
    return verdict;
  }

  private void showBuffer(int slot, int d) {
    int index = slot * 2 + d;
    StreamBuffers pool = buffers[d];
    if (buffer[index] < 0) {
      // no buffer: nothing of this direction is kept (none came yet, or none could be had)
      context.stream(d, pool.slab(), 0, 0, packets[index] > 0);
    } else {
      context.stream(
          d,
          pool.slab(),
          pool.offset(buffer[index]),
          contiguous[index],
          contiguous[index] >= pool.bytesPerBuffer());
    }
  }

  private int inspectDatagram(
      int slot, int d, MemorySegment frame, long payloadOffset, int payloadBytes) {
    showBuffer(slot, 0);
    showBuffer(slot, 1);
    int firstFlag = FLAG_FIRST_BYTE_CLIENT << d;
    if ((flags[slot] & firstFlag) == 0) {
      flags[slot] |= (byte) firstFlag;
      keepOnly(
          slot, udpFirstByte[d * 256 + (frame.get(ValueLayout.JAVA_BYTE, payloadOffset) & 0xff)]);
    }
    if (custom.hasStreamSignatures(PROTOCOL_UDP)) {
      int matched = custom.matchUdp(context, d, frame, payloadOffset, payloadBytes);
      if (matched >= 0) {
        decidedByCustomSignature++;
        return decide(slot, matched, ApplicationCatalog.UNKNOWN, true);
      }
    }
    long mask = candidates[slot];
    for (long m = mask; m != 0; m &= m - 1) {
      int i = Long.numberOfTrailingZeros(m);
      context.nested = ApplicationCatalog.UNKNOWN;
      int answer = udpDecoders[i].decodeDatagram(context, d, frame, payloadOffset, payloadBytes);
      int verdict = take(slot, i, answer, d);
      if (verdict != ApplicationCatalog.PENDING) {
        return verdict;
      }
    }
    return noneLeft(slot);
  }

  private int decodeStreams(int slot) {
    for (int d = 0; d < 2; d++) {
      int firstFlag = FLAG_FIRST_BYTE_CLIENT << d;
      if ((flags[slot] & firstFlag) == 0 && context.streamLength(d) > 0) {
        flags[slot] |= (byte) firstFlag;
        int first = context.stream(d).get(ValueLayout.JAVA_BYTE, context.streamOffset(d)) & 0xff;
        keepOnly(slot, tcpFirstByte[d * 256 + first]);
      }
    }
    if (custom.hasStreamSignatures(PROTOCOL_TCP)) {
      int matched = custom.matchTcp(context);
      if (matched >= 0) {
        decidedByCustomSignature++;
        return decide(slot, matched, ApplicationCatalog.UNKNOWN, true);
      }
    }
    long mask = candidates[slot];
    for (long m = mask; m != 0; m &= m - 1) {
      int i = Long.numberOfTrailingZeros(m);
      context.nested = ApplicationCatalog.UNKNOWN;
      int answer = tcpDecoders[i].decodeStream(context);
      int verdict = take(slot, i, answer, -1);
      if (verdict != ApplicationCatalog.PENDING) {
        return verdict;
      }
    }
    return noneLeft(slot);
  }

  /** Drops the candidates outside {@code accepting}, and a provisional answer of a dropped one. */
  private void keepOnly(int slot, long accepting) {
    candidates[slot] &= accepting;
    int holder = provisionalDecoder[slot];
    if (holder >= 0 && (candidates[slot] & (1L << holder)) == 0) {
      provisional[slot] = ApplicationCatalog.PENDING;
      provisionalNested[slot] = ApplicationCatalog.UNKNOWN;
      provisionalDecoder[slot] = -1;
    }
  }

  /**
   * Applies decoder {@code i}'s answer; returns the verdict when it decides the session. A UDP
   * decoder answers per datagram: a provisional answer from both directions is final.
   *
   * @param datagramDirection direction of the datagram, -1 for TCP
   */
  private int take(int slot, int i, int answer, int datagramDirection) {
    if (answer == ProtocolDecoder.NEED_MORE) {
      return ApplicationCatalog.PENDING;
    }
    if (answer == ProtocolDecoder.NO_MATCH) {
      candidates[slot] &= ~(1L << i);
      if (provisionalDecoder[slot] == i) {
        provisional[slot] = ApplicationCatalog.PENDING;
        provisionalNested[slot] = ApplicationCatalog.UNKNOWN;
        provisionalDecoder[slot] = -1;
      }
      return ApplicationCatalog.PENDING;
    }
    int named = answer & ProtocolDecoder.APPLICATION_MASK;
    int nestedNow = context.nested;
    if ((answer & ProtocolDecoder.PROVISIONAL) == 0) {
      if (nestedNow == ApplicationCatalog.UNKNOWN && provisionalDecoder[slot] == i) {
        nestedNow = provisionalNested[slot];
      }
      decidedByInspection++;
      return decide(slot, named, nestedNow, true);
    }
    if (provisionalDecoder[slot] < 0 || i <= provisionalDecoder[slot]) {
      boolean sameDecoder = provisionalDecoder[slot] == i;
      if (!sameDecoder) {
        provisionalSides[slot] = 0;
      }
      // a server's datagram confirms what the client's named (an RPC reply has no program)
      if (!sameDecoder || datagramDirection != SERVER_TO_CLIENT) {
        provisional[slot] = named;
      }
      if (nestedNow != ApplicationCatalog.UNKNOWN || !sameDecoder) {
        provisionalNested[slot] = nestedNow;
      }
      provisionalDecoder[slot] = (byte) i;
      if (datagramDirection >= 0) {
        provisionalSides[slot] |= (byte) (1 << datagramDirection);
        if (provisionalSides[slot] == 3) {
          decidedByInspection++;
          return decide(slot, provisional[slot], provisionalNested[slot], true);
        }
      }
    }
    return ApplicationCatalog.PENDING;
  }

  private int noneLeft(int slot) {
    if (candidates[slot] == 0) {
      // no decoder can match any more: nothing further can name the session
      unknown++;
      return decide(slot, ApplicationCatalog.UNKNOWN, ApplicationCatalog.UNKNOWN, false);
    }
    return ApplicationCatalog.PENDING;
  }

  private int concludeAtLimit(int slot, long nowNs) {
    if (provisional[slot] != ApplicationCatalog.PENDING) {
      decidedProvisional++;
      return decide(slot, provisional[slot], provisionalNested[slot], false);
    }
    boolean bothSides = bytes[slot * 2] > 0 && bytes[slot * 2 + 1] > 0;
    if (bothSides) {
      unknown++;
      return decide(slot, ApplicationCatalog.UNKNOWN, ApplicationCatalog.UNKNOWN, false);
    }
    inconclusive++;
    return decide(slot, ApplicationCatalog.INCONCLUSIVE, ApplicationCatalog.UNKNOWN, false);
  }

  /** {@code nowNs} of the packet being inspected, for the cache entry a decision makes. */
  private long decideNowNs;

  private int decide(int slot, int app, int nestedApp, boolean cacheable) {
    state[slot] = DECIDED;
    application[slot] = app;
    nested[slot] = nestedApp;
    if (cacheable
        && ApplicationCatalog.isApplication(app)
        && bytes[slot * 2] > 0
        && bytes[slot * 2 + 1] > 0
        && (!catalog.isCustom(app) || custom.cacheable(app))
        && (!catalog.isCustom(nestedApp) || custom.cacheable(nestedApp))) {
      cache.insert(
          decideNowNs,
          routingInstance[slot] & 0xffff,
          serverHi[slot],
          serverLo[slot],
          ports[slot] & 0xffff,
          protocol[slot],
          app,
          settings.cacheUse().nestedApplications() ? nestedApp : ApplicationCatalog.UNKNOWN);
    }
    releaseBuffers(slot);
    return app;
  }

  // ================================================================== end

  /**
   * The session is over (closed, aged, or its decision was taken): frees its slot.
   *
   * @return its application: the decided one; a provisional one; or {@link
   *     ApplicationCatalog#INCONCLUSIVE} for a session that ended undecided. {@link
   *     #lastNestedApplication()} holds the nested application.
   */
  public int end(int handle) {
    int slot = slot(handle);
    if (slot < 0) {
      lastApplication = ApplicationCatalog.UNKNOWN;
      lastNested = ApplicationCatalog.UNKNOWN;
      return lastApplication;
    }
    if (state[slot] == INSPECTING) {
      if (provisional[slot] != ApplicationCatalog.PENDING) {
        decidedProvisional++;
        application[slot] = provisional[slot];
        nested[slot] = provisionalNested[slot];
      } else {
        inconclusive++;
        application[slot] = ApplicationCatalog.INCONCLUSIVE;
        nested[slot] = ApplicationCatalog.UNKNOWN;
      }
      releaseBuffers(slot);
    }
    lastApplication = application[slot];
    lastNested = nested[slot];
    state[slot] = FREE;
    generation[slot]++;
    free[freeCount++] = slot;
    return lastApplication;
  }

  // ================================================================== results

  /** The session's verdict so far: {@link ApplicationCatalog#PENDING} or its application. */
  public int application(int handle) {
    int slot = slot(handle);
    return slot < 0 ? ApplicationCatalog.UNKNOWN : application[slot];
  }

  /** The session's nested application ({@link ApplicationCatalog#UNKNOWN} when none). */
  public int nestedApplication(int handle) {
    int slot = slot(handle);
    return slot < 0 ? ApplicationCatalog.UNKNOWN : nested[slot];
  }

  /**
   * Application of the last {@link #begin} that answered {@link #NO_HANDLE}, or of the last end.
   */
  public int lastApplication() {
    return lastApplication;
  }

  public int lastNestedApplication() {
    return lastNested;
  }

  /** The {@code Encryption:} value of a session whose application is {@code application}. */
  public Encryption encryption(int application) {
    return catalog.encryption(application);
  }

  // ================================================================== reassembly

  private void place(
      int slot, int d, int rel, MemorySegment source, long sourceOffset, int length) {
    int index = slot * 2 + d;
    StreamBuffers pool = buffers[d];
    int capacity = pool.bytesPerBuffer();
    int from = rel;
    long at = sourceOffset;
    int count = length;
    if (from < 0) {
      // bytes before the stream's start, or already taken: keep only what follows
      if (from + count <= 0) {
        return;
      }
      at -= from;
      count += from;
      from = 0;
    }
    if (from >= capacity) {
      bytesNotReassembled += count;
      return;
    }
    int end = (int) Math.min((long) from + count, capacity);
    bytesNotReassembled += (long) from + count - end;
    if (buffer[index] < 0) {
      buffer[index] = pool.take();
      if (buffer[index] < 0) {
        streamBuffersExhausted++;
        bytesNotReassembled += end - from;
        return;
      }
    }
    if (!addRange(index, from, end)) {
      bytesNotReassembled += end - from;
      return;
    }
    MemorySegment.copy(source, at, pool.slab(), pool.offset(buffer[index]) + from, end - from);
  }

  /**
   * Merges [from, end) into the direction's ranges; false when a fifth separate range is needed.
   */
  private boolean addRange(int index, int from, int end) {
    int count = rangeCount[index];
    int first = index * RANGES * 2;
    int newStart = from;
    int newEnd = end;
    // ranges are kept sorted and disjoint; fold every range touching [newStart, newEnd)
    int write = 0;
    int[] scratchRanges = this.mergeScratch;
    boolean placed = false;
    for (int r = 0; r < count; r++) {
      int start = ranges[first + r * 2];
      int stop = ranges[first + r * 2 + 1];
      if (stop < newStart) {
        scratchRanges[write++] = start;
        scratchRanges[write++] = stop;
      } else if (start > newEnd) {
        if (!placed) {
          scratchRanges[write++] = newStart;
          scratchRanges[write++] = newEnd;
          placed = true;
        }
        scratchRanges[write++] = start;
        scratchRanges[write++] = stop;
      } else {
        newStart = Math.min(newStart, start);
        newEnd = Math.max(newEnd, stop);
      }
    }
    if (!placed) {
      scratchRanges[write++] = newStart;
      scratchRanges[write++] = newEnd;
    }
    if (write / 2 > RANGES) {
      return false;
    }
    System.arraycopy(scratchRanges, 0, ranges, first, write);
    rangeCount[index] = (byte) (write / 2);
    contiguous[index] = ranges[first] == 0 ? ranges[first + 1] : 0;
    return true;
  }

  private final int[] mergeScratch = new int[(RANGES + 1) * 2 + 2];

  /** For {@link DecodeContext#placeClientStream}: a decoder's own stream (QUIC CRYPTO data). */
  int placeFromDecoder(
      int slot, long streamOffset, MemorySegment source, long sourceOffset, int length) {
    int index = slot * 2;
    if (streamOffset < 0 || streamOffset > Integer.MAX_VALUE) {
      bytesNotReassembled += length;
    } else {
      place(slot, 0, (int) streamOffset, source, sourceOffset, length);
    }
    showBuffer(slot, 0);
    return contiguous[index];
  }

  private void releaseBuffers(int slot) {
    for (int d = 0; d < 2; d++) {
      int index = slot * 2 + d;
      if (buffer[index] >= 0) {
        buffers[d].give(buffer[index]);
        buffer[index] = -1;
      }
    }
  }

  // ================================================================== slots

  private int slot(int handle) {
    int slot = handle & SLOT_MASK;
    if (handle < 0
        || slot >= state.length
        || state[slot] == FREE
        || (generation[slot] & GENERATION_MASK) != (handle >>> SLOT_BITS)) {
      staleHandles++;
      return -1;
    }
    return slot;
  }

  long scratch(int slot, int index) {
    return scratch[slot * SCRATCH_SLOTS + index];
  }

  void scratch(int slot, int index, long value) {
    scratch[slot * SCRATCH_SLOTS + index] = value;
  }

  void countError(DecodeError error) {
    decodeErrors[error.ordinal()]++;
  }

  // ================================================================== counters

  /** Sessions given to {@link #begin}. */
  public long sessionsBegun() {
    return sessionsBegun;
  }

  /** Sessions that got a slot and were inspected. */
  public long sessionsInspected() {
    return sessionsInspected;
  }

  /** Sessions a decoder (or a custom signature) named with a final answer. */
  public long decidedByInspection() {
    return decidedByInspection + decidedByCustomSignature;
  }

  public long decidedByCache() {
    return decidedByCache;
  }

  public long decidedByIpProtocol() {
    return decidedByIpProtocol;
  }

  public long decidedByAddressMapping() {
    return decidedByAddressMapping;
  }

  public long decidedByCustomSignature() {
    return decidedByCustomSignature;
  }

  /** Sessions named by a provisional answer when the limits passed or the session ended. */
  public long decidedProvisional() {
    return decidedProvisional;
  }

  /** Sessions concluded {@code junos:UNKNOWN} (the pool-full ones included). */
  public long unknown() {
    return unknown;
  }

  /** Sessions concluded {@code INCONCLUSIVE}. */
  public long inconclusive() {
    return inconclusive;
  }

  /** Sessions that found every slot taken. */
  public long poolFull() {
    return poolFull;
  }

  /** TCP payload bytes (and QUIC CRYPTO bytes) that did not fit a reassembly buffer. */
  public long bytesNotReassembled() {
    return bytesNotReassembled;
  }

  /** Times a direction needed a reassembly buffer and none was free. */
  public long streamBuffersExhausted() {
    return streamBuffersExhausted;
  }

  /** Calls with a handle that is not (or no longer) a session's. */
  public long staleHandles() {
    return staleHandles;
  }

  public long decodeErrors(DecodeError error) {
    return decodeErrors[error.ordinal()];
  }

  /** Every decode error, all reasons. */
  public long decodeErrors() {
    long total = 0;
    for (long count : decodeErrors) {
      total += count;
    }
    return total;
  }

  /** Sessions holding a slot now. */
  public int sessionsInProgress() {
    return state.length - freeCount;
  }

  /** Reassembly buffers in use now, both directions. */
  public int streamBuffersInUse() {
    return buffers[0].capacity()
        - buffers[0].available()
        + buffers[1].capacity()
        - buffers[1].available();
  }
}
