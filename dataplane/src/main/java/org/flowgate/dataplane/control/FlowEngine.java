package org.flowgate.dataplane.control;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;
import org.flowgate.dataplane.capture.FrameSpool;
import org.flowgate.dataplane.flow.PacketSink;
import org.flowgate.dataplane.flow.SessionEvents;
import org.flowgate.dataplane.live.LiveDevice;
import org.flowgate.dataplane.nat.NatStatistics;
import org.flowgate.dataplane.replay.CaptureReplay;
import org.flowgate.dataplane.replay.ForwardedCapture;
import org.flowgate.dataplane.replay.ReplayReport;
import org.flowgate.dataplane.replay.TimedCommit;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.session.SessionMemory;
import org.flowgate.dataplane.spu.Shard;
import org.flowgate.dataplane.spu.SpuGroup;
import org.flowgate.dataplane.spu.SpuStoppedException;

/**
 * The data plane as the rest of Flowgate sees it: SPUs that own the sessions, fed by a packet
 * source, asked and told things only through the closed set of {@link SpuQuery}s, answering with
 * records.
 *
 * <pre>
 *  captures ─► CaptureReplay ─► Ingress (Dispatcher) ─► PacketRing ─► Shard k: SpuAgent
 *  devices ─► LiveDevice (attach) ─┘                     Shard k ─► LiveSink ─► devices
 *  management ─► FlowEngine.sessions/summaries/clear/commit ─► SpuQuery ─► Shard k ─► records
 * </pre>
 *
 * <p>Thread: a replay runs on the caller's thread and must not run twice at once; queries and
 * commits may come from any thread.
 */
public final class FlowEngine implements AutoCloseable {
  private final SpuGroup spus;
  private final long maximumSessions;
  private final long startedNs = System.nanoTime();
  private final Platform platform;
  private volatile RuntimeConfig config;

  /** The last commit number given: each installed generation takes the next (see #numbered). */
  private final java.util.concurrent.atomic.AtomicLong generations;

  private volatile RouteAges routeAges;
  private volatile LiveForwarding live;

  public FlowEngine(RuntimeConfig config, int spus) {
    this(config, spus, SessionEvents.NONE);
  }

  public FlowEngine(RuntimeConfig config, int spus, SessionEvents events) {
    this(config, spus, events, Platform.VSRX);
  }

  /**
   * An engine of {@code spus} SPU shards presenting itself as {@code platform}: on a vSRX the
   * shards are internal; on a high-end platform each is an SPU the views show.
   */
  public FlowEngine(RuntimeConfig config, int spus, SessionEvents events, Platform platform) {
    if (spus < 1 || spus > 64) {
      throw new IllegalArgumentException("--spus must be 1 to 64");
    }
    SessionMemory.check(config.maximumSessions(), spus); // before anything is allocated
    this.platform = platform;
    this.config = config;
    this.generations = new java.util.concurrent.atomic.AtomicLong(config.generation());
    this.routeAges = RouteAges.initial(config);
    this.maximumSessions = config.maximumSessions();
    this.spus =
        new SpuGroup(config, spus, config.maximumSessions(), events, platform.perSpuViews());
  }

  /**
   * Installs a new configuration generation on every SPU, between packets, under the next commit
   * number ({@link RuntimeConfig#generation}). Sessions keep their decisions but follow their
   * policy by name; those whose policy is gone (or, with policy-rematch, no longer permitted) close
   * with reason {@code policy delete}. Returns how many closed.
   */
  public long commit(RuntimeConfig next) {
    next = numbered(next);
    long closed = 0;
    for (int n : onEverySpu(new SpuQuery.InstallConfig(next))) {
      closed += n;
    }
    spus.placeBy(next);
    RouteAges.Time time = time();
    routeAges = routeAges.next(next, time == null ? Long.MIN_VALUE : time.nowNs());
    this.config = next;
    LiveForwarding attached = live;
    if (attached != null) {
      attached.device().install(next);
    }
    return closed;
  }

  /**
   * {@code next} under the next commit number. A compiler gives every generation number 1; the
   * engine numbers them in the order it installs them, as a device's commit history counts commits,
   * so that a generation's number names it (trace lines, the session log's events).
   */
  private RuntimeConfig numbered(RuntimeConfig next) {
    return next.withGeneration(generations.incrementAndGet());
  }

  // ------------------------------------------------------------------ live interfaces

  /**
   * Attaches firewall interfaces to Linux network devices (docs/adr/0026-live-forwarding.md): from
   * now on the engine forwards what they receive, with the running configuration, and writes what
   * it received and sent to {@code capture} when it is not null. One attachment per engine, and no
   * replay while it lasts (both would feed the SPUs). An IOException names what could not be
   * opened; nothing stays open then.
   */
  public LiveForwarding attach(List<LiveDevice.Attachment> attachments, Path capture)
      throws IOException {
    return attach(attachments, capture, LiveDevice.DEFAULT_LAYOUT);
  }

  /** As {@link #attach(List, Path)}, with receive rings of {@code layout} (ADR 0043). */
  public synchronized LiveForwarding attach(
      List<LiveDevice.Attachment> attachments,
      Path capture,
      org.flowgate.dataplane.live.RxRing.Layout layout)
      throws IOException {
    if (live != null) {
      throw new IllegalStateException("the engine is already attached to live interfaces");
    }
    LiveDevice device = LiveDevice.open(attachments, capture, config, spus.count(), layout);
    for (int spu = 0; spu < spus.count(); spu++) {
      answer(ask(spus.shard(spu), new SpuQuery.UseSink(device.sink(spu))));
    }
    device.start(spus.ingress());
    LiveForwarding attached = new LiveForwarding(device, capture);
    live = attached;
    useArpTable(() -> arpEntries(attached)); // show arp reads what the host thread resolved
    useIpv6NeighbourTable(() -> attached.neighbours(true)); // and show ipv6 neighbors
    return live;
  }

  /** The resolved IPv4 neighbours of the live interfaces, as {@code show arp} lists them. */
  private static List<ArpEntry> arpEntries(LiveForwarding attached) {
    List<ArpEntry> entries = new java.util.ArrayList<>();
    for (Neighbour neighbour : attached.neighbours(false)) {
      if (neighbour.mac() >= 0) {
        entries.add(
            new ArpEntry(neighbour.address(), neighbour.mac(), neighbour.interfaceName(), false));
      }
    }
    return entries;
  }

  /** The live interfaces, or null when the engine is not attached. */
  public LiveForwarding live() {
    return live;
  }

  /** Stops forwarding live traffic and closes the interfaces (and the capture). */
  public synchronized void detach() {
    LiveForwarding attached = live;
    if (attached == null) {
      return;
    }
    attached.device().stopSource();
    onEverySpu(new SpuQuery.UseSink(PacketSink.DISCARD));
    attached.device().closeRings();
    live = null;
    useArpTable(List::of);
    useIpv6NeighbourTable(List::of);
  }

  /** The device the engine presents itself as. */
  public Platform platform() {
    return platform;
  }

  public int spuCount() {
    return spus.count();
  }

  /** The generation in force. */
  public RuntimeConfig config() {
    return config;
  }

  public long maximumSessions() {
    return maximumSessions;
  }

  /**
   * The engine's clock (capture time in a replay, the receive clock live), or null before the first
   * packet.
   */
  public RouteAges.Time time() {
    return answer(ask(spus.shard(0), new SpuQuery.Clock()));
  }

  /** When the running generation's routes were installed ({@code show route}'s ages). */
  public RouteAges routeAges() {
    return routeAges;
  }

  // ------------------------------------------------------------------ replay

  /**
   * Replays captures in order on their own timestamps, stopping at the end or at {@code atNs} after
   * the first packet (when {@code atNs >= 0}). Returns once every SPU has processed every packet
   * and stands at the final time.
   */
  public ReplayReport replay(List<Path> captures, long atNs) {
    return replay(captures, atNs, List.of());
  }

  /**
   * Replays captures as {@link #replay(List, long)} does, committing each generation at its time.
   */
  public ReplayReport replay(List<Path> captures, long atNs, List<TimedCommit> commits) {
    return replay(captures, atNs, commits, 0);
  }

  /**
   * Replays as {@link #replay(List, long, List)} does, paced: with {@code speed > 0} each packet is
   * handed to its SPU no earlier than {@code (its time - the first packet's time) / speed} after
   * the replay started on the wall clock (1 is real time, 10 ten times faster); 0 replays as fast
   * as the SPUs take packets. An interrupt of the calling thread while it waits stops the replay
   * after the packets already handed over (the report says it stopped early) and leaves the
   * thread's interrupt flag set.
   */
  public ReplayReport replay(
      List<Path> captures, long atNs, List<TimedCommit> commits, double speed) {
    if (live != null) {
      throw new IllegalStateException(
          "the engine forwards live interfaces; a replay would feed the same SPUs");
    }
    if (spus.shard(0).stopped()) {
      throw new EngineStoppedException(); // closed: no SPU would take the packets
    }
    List<TimedCommit> numberedCommits = new ArrayList<>(commits.size());
    // numbered in the order they will be installed: by time (CaptureReplay sorts them the same way)
    for (TimedCommit commit :
        commits.stream()
            .sorted(java.util.Comparator.comparingLong(TimedCommit::afterNs))
            .toList()) {
      numberedCommits.add(new TimedCommit(commit.afterNs(), numbered(commit.config())));
    }
    commits = numberedCommits;
    ReplayReport report;
    try {
      report =
          new CaptureReplay(captures, atNs, commits, speed)
              .recordHook(recordHook)
              .feed(spus.ingress());
    } catch (SpuStoppedException e) { // closed while it replayed
      throw new EngineStoppedException();
    }
    if (!commits.isEmpty() && report.firstTimestampNs() >= 0) {
      RuntimeConfig last = config;
      RouteAges ages = routeAges;
      for (TimedCommit commit : commits) {
        if (commit.afterNs() <= report.endTimestampNs() - report.firstTimestampNs()) {
          last = commit.config();
          ages = ages.next(last, report.firstTimestampNs() + commit.afterNs());
        }
      }
      this.routeAges = ages;
      this.config = last;
    }
    return report;
  }

  /**
   * Replays as {@link #replay(List, long, List)} does and writes every forwarded frame, as it left
   * the firewall (NAT-translated), and every frame the firewall built (a reject's answer) to {@code
   * forwarded}: a pcap when every frame has one link type, else a pcapng with an interface per link
   * type. Frames keep capture order and timestamps.
   */
  public ReplayReport replay(
      List<Path> captures, long atNs, List<TimedCommit> commits, Path forwarded)
      throws IOException {
    Path directory = forwarded.toAbsolutePath().getParent();
    List<FrameSpool> spools = ForwardedCapture.spools(spus.count(), directory);
    try {
      for (int spu = 0; spu < spus.count(); spu++) {
        PacketSink sink = ForwardedCapture.sink(spools.get(spu));
        answer(ask(spus.shard(spu), new SpuQuery.UseSink(sink)));
      }
      ReplayReport report = replay(captures, atNs, commits);
      onEverySpu(new SpuQuery.UseSink(PacketSink.DISCARD));
      ForwardedCapture.write(spools, forwarded);
      return report;
    } finally {
      for (FrameSpool spool : spools) {
        spool.close();
      }
    }
  }

  private volatile LongConsumer recordHook = records -> {};

  /**
   * For tests: called on the replay thread after each record is handed to an SPU, with how many
   * records of the current capture have been; lets a test act at an exact point of a replay.
   */
  public void recordHook(LongConsumer hook) {
    this.recordHook = hook;
  }

  // ------------------------------------------------------------------ queries

  /**
   * Hands {@code query} to {@code shard}. A query to an engine that was closed (or whose SPU thread
   * ended) fails at once with {@link EngineStoppedException}, never blocks: {@link Shard#submit}
   * refuses it, and a query queued when the engine closed is refused then ({@link #answer}).
   */
  private static <T> CompletableFuture<T> ask(Shard shard, SpuQuery<T> query) {
    try {
      return shard.submit(query);
    } catch (SpuStoppedException e) {
      throw new EngineStoppedException();
    }
  }

  /** An SPU's answer; {@link EngineStoppedException} when the SPU stopped before it answered. */
  private static <T> T answer(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof SpuStoppedException) {
        throw new EngineStoppedException();
      }
      throw e;
    }
  }

  private <T> List<T> onEverySpu(SpuQuery<T> query) {
    List<CompletableFuture<T>> futures = new ArrayList<>(spus.count());
    for (int spu = 0; spu < spus.count(); spu++) {
      futures.add(ask(spus.shard(spu), query));
    }
    List<T> answers = new ArrayList<>(spus.count());
    for (CompletableFuture<T> future : futures) {
      answers.add(answer(future));
    }
    return answers;
  }

  /** The sessions each SPU holds that match the filter, SPU by SPU, each in id order. */
  public List<List<SessionSnapshot>> sessions(SessionFilter filter) {
    List<List<SessionSnapshot>> all = new ArrayList<>();
    List<SessionOrder> orders = onEverySpu(new SpuQuery.OrderedSessions(filter));
    for (int spu = 0; spu < spus.count(); spu++) {
      List<SessionSnapshot> held = new ArrayList<>();
      OrderedChunks chunks = new OrderedChunks(spu, orders.get(spu), Integer.MAX_VALUE);
      for (List<SessionSnapshot> chunk = chunks.next(); chunk != null; chunk = chunks.next()) {
        held.addAll(chunk);
      }
      all.add(held);
    }
    return all;
  }

  /**
   * Receives the sessions of a streamed query, a chunk at a time, on the caller's thread: {@code
   * spu} is the SPU that holds them on a per-SPU platform, and 0 on a vSRX, whose sessions come
   * merged in one id order whatever the number of shards.
   */
  @FunctionalInterface
  public interface SessionChunkConsumer {
    void accept(int spu, List<SessionSnapshot> sessions);
  }

  /**
   * Streams the sessions that match in session-id order (the one order of every view and format):
   * SPU by SPU on a per-SPU platform, merged across the SPUs on a vSRX. Each SPU sorts the ids and
   * slots of its matching sessions once (12 bytes each), then copies snapshots a range at a time,
   * so only a chunk of snapshots per SPU exists at once and an SPU goes back to its packets between
   * ranges; the first ranges are small so that the first screen comes quickly. Returns how many
   * sessions matched per SPU.
   */
  public long[] streamSessions(
      SessionFilter filter, int chunkSessions, SessionChunkConsumer consumer) {
    List<SessionOrder> orders = onEverySpu(new SpuQuery.OrderedSessions(filter));
    long[] counts = new long[spus.count()];
    for (int spu = 0; spu < counts.length; spu++) {
      counts[spu] = orders.get(spu).size();
    }
    if (platform.perSpuViews() || spus.count() == 1) {
      for (int spu = 0; spu < spus.count(); spu++) {
        OrderedChunks chunks = new OrderedChunks(spu, orders.get(spu), chunkSessions);
        for (List<SessionSnapshot> chunk = chunks.next(); chunk != null; chunk = chunks.next()) {
          if (!chunk.isEmpty()) {
            consumer.accept(spu, chunk);
          }
        }
      }
      return counts;
    }
    mergeInIdOrder(orders, chunkSessions, consumer);
    return counts;
  }

  /** k-way merge of the SPUs' ordered chunks, handed over in batches of at most a chunk. */
  private void mergeInIdOrder(
      List<SessionOrder> orders, int chunkSessions, SessionChunkConsumer consumer) {
    int n = orders.size();
    OrderedChunks[] chunks = new OrderedChunks[n];
    List<SessionSnapshot>[] current = newLists(n);
    int[] next = new int[n];
    for (int spu = 0; spu < n; spu++) {
      chunks[spu] = new OrderedChunks(spu, orders.get(spu), chunkSessions);
      current[spu] = chunks[spu].next();
    }
    int batchSize = Math.min(chunkSessions, FIRST_CHUNK);
    List<SessionSnapshot> batch = new ArrayList<>();
    while (true) {
      int best = -1;
      for (int spu = 0; spu < n; spu++) {
        while (current[spu] != null && next[spu] == current[spu].size()) {
          current[spu] = chunks[spu].next();
          next[spu] = 0;
        }
        if (current[spu] != null
            && (best < 0
                || Long.compareUnsigned(
                        current[spu].get(next[spu]).sessionId(),
                        current[best].get(next[best]).sessionId())
                    < 0)) {
          best = spu;
        }
      }
      if (best < 0) {
        break;
      }
      batch.add(current[best].get(next[best]++));
      if (batch.size() >= batchSize) {
        consumer.accept(0, batch);
        batch = new ArrayList<>();
        batchSize = (int) Math.min(chunkSessions, 2L * batchSize);
      }
    }
    if (!batch.isEmpty()) {
      consumer.accept(0, batch);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<SessionSnapshot>[] newLists(int n) {
    return (List<SessionSnapshot>[]) new List<?>[n];
  }

  /** The first range of a stream: small, so that the first screen comes quickly. */
  private static final int FIRST_CHUNK = 1024;

  /**
   * One SPU's ordered sessions as snapshot chunks of growing size, the next asked for before the
   * current is handed over (the SPU copies while the caller renders).
   */
  private final class OrderedChunks {
    private final Shard shard;
    private final SessionOrder order;
    private final int largest;
    private int from;
    private int size;
    private CompletableFuture<List<SessionSnapshot>> pending;

    OrderedChunks(int spu, SessionOrder order, int chunkSessions) {
      this.shard = spus.shard(spu);
      this.order = order;
      this.largest = Math.max(1, chunkSessions);
      this.size = Math.min(largest, FIRST_CHUNK);
      this.pending = ask();
    }

    private CompletableFuture<List<SessionSnapshot>> ask() {
      if (from >= order.size()) {
        return null;
      }
      int to = (int) Math.min(order.size(), (long) from + size);
      CompletableFuture<List<SessionSnapshot>> asked =
          FlowEngine.ask(shard, new SpuQuery.SnapshotsInOrder(order, from, to));
      from = to;
      size = (int) Math.min(largest, 2L * size);
      return asked;
    }

    /** The next chunk (possibly empty when its sessions ended meanwhile), or null at the end. */
    List<SessionSnapshot> next() {
      if (pending == null) {
        return null;
      }
      List<SessionSnapshot> chunk = answer(pending);
      pending = ask();
      return chunk;
    }
  }

  /** The session with this identifier, or null (every SPU scans its table for it). */
  public SessionSnapshot session(long sessionId) {
    for (SessionSnapshot found : onEverySpu(new SpuQuery.Session(sessionId))) {
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** Each SPU's summary, from counters: constant time at any table size. */
  public List<FlowSummary> summaries() {
    return onEverySpu(new SpuQuery.Summary());
  }

  /** The summary of only the sessions that match: a scan of each SPU's table. */
  public List<FlowSummary> summaries(SessionFilter filter) {
    return onEverySpu(new SpuQuery.FilteredSummary(filter));
  }

  /** Each SPU's load, measured on its own thread. */
  public List<SpuMonitor> monitoring() {
    return onEverySpu(new SpuQuery.Monitor(startedNs));
  }

  /** Each SPU's session table memory and whether huge pages back it. */
  public List<TableMemory> memory() {
    return onEverySpu(new SpuQuery.Memory());
  }

  /** NAT rule and pool counters of the running configuration, summed over the SPUs. */
  public NatStatistics natStatistics() {
    NatStatistics total = NatStatistics.empty(config.nat());
    for (NatStatistics spu : onEverySpu(new SpuQuery.NatCounters())) {
      total = total.plus(spu);
    }
    return total;
  }

  /** {@code show security alg sip calls}: every SPU's calls, SPU by SPU. */
  public List<SipCall> sipCalls() {
    List<SipCall> all = new ArrayList<>();
    for (List<org.flowgate.dataplane.flow.alg.AlgEngine.SipCallSnapshot> spu :
        onEverySpu(new SpuQuery.SipCalls())) {
      spu.forEach(c -> all.add(SipCall.of(c)));
    }
    // in the order the calls began (a call's group id is its first INVITE's ordinal), whatever
    // the SPU that holds each
    all.sort(java.util.Comparator.comparingLong(SipCall::groupId));
    return all;
  }

  /** {@code show security alg sunrpc portmap}: the Sun RPC ALG's mappings of every SPU. */
  public List<AlgViews.PortMapping> sunRpcPortmap() {
    return AlgViews.portmap(onEverySpu(new SpuQuery.SunRpcPortmap()));
  }

  /** {@code show security alg msrpc object-id-map}: the MS-RPC ALG's UUIDs of every SPU. */
  public List<AlgViews.ObjectId> msRpcObjectIds() {
    return AlgViews.objectIds(onEverySpu(new SpuQuery.MsRpcObjectIds()));
  }

  /** {@code clear security alg (sip calls | sip counters | sunrpc portmap)}. */
  public void clearAlg(AlgViews.Clear what) {
    onEverySpu(new SpuQuery.ClearAlg(what));
  }

  /** {@code show security alg sip counters}: the SIP ALG's counters summed over the SPUs. */
  public SipAlgCounters sipCounters() {
    org.flowgate.dataplane.flow.alg.SipCounters total =
        new org.flowgate.dataplane.flow.alg.SipCounters();
    for (org.flowgate.dataplane.flow.alg.SipCounters spu : onEverySpu(new SpuQuery.SipCounters())) {
      total.add(spu);
    }
    return SipAlgCounters.of(total);
  }

  /** What the screens counted, per interface, summed over the SPUs. */
  public ScreenStatistics screenStatistics() {
    return ScreenStatistics.total(onEverySpu(new SpuQuery.ScreenCounters()));
  }

  /**
   * {@code clear security screen statistics zone Z | interface I}: the screens' counters of those
   * interfaces back to zero.
   */
  public void clearScreenStatistics(java.util.Set<String> interfaces) {
    onEverySpu(new SpuQuery.ClearScreenCounters(interfaces));
  }

  /**
   * The port blocks hosts hold ({@code show security nat source port-block}), over every SPU, in
   * pool, host, address and port order: the same for any SPU count.
   */
  public List<PortBlock> portBlocks() {
    List<PortBlock> all = new java.util.ArrayList<>();
    for (List<PortBlock> spu : onEverySpu(new SpuQuery.PortBlocks())) {
      all.addAll(spu);
    }
    all.sort(
        java.util.Comparator.comparingInt(PortBlock::pool)
            .thenComparing(PortBlock::host)
            .thenComparing(PortBlock::address)
            .thenComparingInt(PortBlock::lowPort));
    return all;
  }

  /** Each SPU's persistent NAT table ({@code show security nat source persistent-nat-table}). */
  public List<org.flowgate.dataplane.nat.PersistentBindings> persistentNatBindings() {
    return onEverySpu(new SpuQuery.PersistentNatBindings());
  }

  /**
   * {@code clear security nat source persistent-nat-table all}: the bindings no session uses go;
   * answers how many.
   */
  public long clearPersistentNat() {
    long cleared = 0;
    for (int count : onEverySpu(new SpuQuery.ClearPersistentNat())) {
      cleared += count;
    }
    return cleared;
  }

  /**
   * Every logical interface's counters summed over the SPUs, in the running generation's order
   * ({@code show interfaces NAME extensive}).
   */
  public List<InterfaceTraffic> interfaceTraffic() {
    java.util.Map<String, InterfaceTraffic> total = new java.util.LinkedHashMap<>();
    for (var iface : config.interfaces()) {
      total.put(iface.name(), InterfaceTraffic.none(iface.name()));
    }
    for (List<InterfaceTraffic> spu : onEverySpu(new SpuQuery.Interfaces())) {
      for (InterfaceTraffic one : spu) {
        total.merge(one.name(), one, InterfaceTraffic::plus);
      }
    }
    return List.copyOf(total.values());
  }

  private volatile java.util.function.Supplier<List<ArpEntry>> arpTable = List::of;

  /**
   * Where {@code show arp} reads the ARP table from: live forwarding gives the neighbours it
   * resolved; without it (a replay) the table is empty.
   */
  public void useArpTable(java.util.function.Supplier<List<ArpEntry>> table) {
    this.arpTable = table;
  }

  /** The device's ARP table. */
  public List<ArpEntry> arpEntries() {
    return List.copyOf(arpTable.get());
  }

  private volatile java.util.function.Supplier<List<Neighbour>> ipv6NeighbourTable = List::of;

  /**
   * Where {@code show ipv6 neighbors} reads the IPv6 neighbour cache from: live forwarding gives
   * the neighbours its host thread learnt or is resolving; without it (a replay) the cache is
   * empty.
   */
  public void useIpv6NeighbourTable(java.util.function.Supplier<List<Neighbour>> table) {
    this.ipv6NeighbourTable = table;
  }

  /** The device's IPv6 neighbour cache, resolved and incomplete entries alike. */
  public List<Neighbour> ipv6Neighbours() {
    return List.copyOf(ipv6NeighbourTable.get());
  }

  /**
   * Hands the packets {@code security flow traceoptions} selects to {@code recorder} from now on
   * (null: to no one).
   */
  public void useTrace(org.flowgate.dataplane.log.PacketTraceRecorder recorder) {
    if (recorder != null) {
      // the trace writer merges the SPUs' rings in input order: it asks how far each has got
      recorder.useProgress((spu, ordinal) -> spus.shard(spu).processedThrough(ordinal));
    }
    onEverySpu(
        new SpuQuery.UseTrace(
            recorder == null ? org.flowgate.dataplane.flow.PacketTrace.NONE : recorder));
  }

  /** Each SPU's counters. */
  public List<FlowStatistics> statistics() {
    return onEverySpu(new SpuQuery.Statistics());
  }

  /** First packets each policy (by index in the running generation) decided, over the SPUs. */
  public long[] policyHits() {
    long[] total = new long[config.policies().size()];
    for (long[] spu : onEverySpu(new SpuQuery.PolicyHits())) {
      for (int i = 0; i < Math.min(total.length, spu.length); i++) {
        total[i] += spu[i];
      }
    }
    return total;
  }

  /** {@code clear security policies hit-count}: every policy's count back to zero. */
  public void clearPolicyHits() {
    onEverySpu(new SpuQuery.ClearPolicyHits());
  }

  /**
   * {@code clear security flow statistics}: the packet, byte and drop counters back to zero; the
   * session counters stay (the summary's sessions in the table derive from them).
   */
  public void clearStatistics() {
    onEverySpu(new SpuQuery.ClearTrafficCounters());
  }

  /**
   * {@code clear security nat statistics source rule all} ({@code source}) or {@code destination
   * rule all}: those rules' hits, successes and failures back to zero; live session counts stay.
   */
  public void clearNatRuleStatistics(boolean source) {
    onEverySpu(new SpuQuery.ClearNatCounters(source, !source, false));
  }

  /**
   * {@code clear security nat statistics source pool all} ({@code source}) or {@code destination
   * pool all}: those pools' translation hits and failures back to zero; ports in use stay.
   */
  public void clearNatPoolStatistics(boolean source) {
    onEverySpu(new SpuQuery.ClearNatPools(source, !source));
  }

  /**
   * {@code clear security nat statistics (source | destination | static) rule NAME}: the rules of
   * that rule set (or the rule of that name) back to zero.
   *
   * @param kind 0 source, 1 destination, 2 static
   */
  public void clearNatRuleSetStatistics(int kind, String name) {
    onEverySpu(new SpuQuery.ClearNatRuleSet(kind, name));
  }

  /** {@code clear security nat statistics (source | destination) pool NAME}. */
  public void clearNatPoolStatistics(boolean source, String name) {
    onEverySpu(new SpuQuery.ClearNatPool(source, name));
  }

  /** {@code clear security nat statistics static rule all}: the static rules' hits back to zero. */
  public void clearStaticNatRuleStatistics() {
    onEverySpu(new SpuQuery.ClearNatCounters(false, false, true));
  }

  // ------------------------------------------------------------------ application identification

  /**
   * {@code show services application-identification statistics}: sessions and bytes per application
   * and application group, summed over the SPUs.
   */
  public ApplicationStatistics applicationStatistics() {
    return ApplicationStatistics.sum(onEverySpu(new SpuQuery.ApplicationCounts()));
  }

  /**
   * Each SPU's application traffic control and application tracking counters (ADR 0034), in SPU
   * order.
   */
  public List<TrafficControlStatistics> trafficControlStatistics() {
    return onEverySpu(new SpuQuery.TrafficControlCounters());
  }

  /** {@code clear services application-identification statistics}. */
  public void clearApplicationStatistics() {
    onEverySpu(new SpuQuery.ClearApplicationStatistics());
  }

  /** Each SPU's application system cache (Flowgate keeps one per SPU). */
  public List<ApplicationCacheEntries> applicationSystemCache() {
    return onEverySpu(new SpuQuery.ApplicationCache());
  }

  /**
   * {@code clear services application-identification application-system-cache}: every SPU's cache
   * emptied; returns how many entries went.
   */
  public long clearApplicationSystemCache() {
    long cleared = 0;
    for (int count : onEverySpu(new SpuQuery.ClearApplicationCache())) {
      cleared += count;
    }
    return cleared;
  }

  /**
   * The applications the running generation can name (predefined and custom), in id order: {@code
   * show services application-identification application summary}. The catalog is immutable: no SPU
   * is asked.
   */
  public List<ApplicationDefinition> applications() {
    return ApplicationViews.definitions(config.applicationIdentification().catalog());
  }

  /** The application named {@code name} (any case), or null. */
  public ApplicationDefinition application(String name) {
    var catalog = config.applicationIdentification().catalog();
    for (int id = 0; id < catalog.size(); id++) {
      if (catalog.name(id).equalsIgnoreCase(name)
          && org.flowgate.dataplane.appid.ApplicationCatalog.isApplication(id)) {
        return ApplicationViews.definition(catalog, id);
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ ALGs (docs/adr/0030)

  /** {@code show security flow gate}: each SPU's open gates, SPU by SPU. */
  public List<List<AlgViews.Gate>> gates() {
    List<List<AlgViews.Gate>> out = new ArrayList<>();
    for (var spu : onEverySpu(new SpuQuery.AlgGates())) {
      out.add(AlgViews.gates(spu));
    }
    return out;
  }

  /** {@code show security resource-manager group active}: each SPU's groups, SPU by SPU. */
  public List<List<AlgViews.Group>> resourceGroups() {
    List<List<AlgViews.Group>> out = new ArrayList<>();
    for (var spu : onEverySpu(new SpuQuery.AlgGroups())) {
      out.add(AlgViews.groups(spu));
    }
    return out;
  }

  /** {@code show security resource-manager}: the pools summed over the SPUs. */
  public AlgViews.Pools resourceSummary() {
    AlgViews.Pools total = new AlgViews.Pools(0, 0, 0, 0, 0, 0);
    for (var spu : onEverySpu(new SpuQuery.AlgResources())) {
      total = total.plus(spu);
    }
    return total;
  }

  /** What one ALG counted, summed over the SPUs. */
  public org.flowgate.dataplane.flow.alg.AlgCounters algCounters(
      org.flowgate.dataplane.alg.Alg alg) {
    org.flowgate.dataplane.flow.alg.AlgCounters total =
        new org.flowgate.dataplane.flow.alg.AlgCounters();
    for (var spu : onEverySpu(new SpuQuery.AlgCounts(alg))) {
      total.add(spu);
    }
    return total;
  }

  /** Closes every valid session that matches (reason CLI); returns how many. */
  public long clear(SessionFilter filter) {
    long cleared = 0;
    for (long count : onEverySpu(new SpuQuery.Clear(filter))) {
      cleared += count;
    }
    return cleared;
  }

  /** Stops the SPU threads and frees every session table. */
  @Override
  public void close() {
    detach();
    spus.close();
  }
}
