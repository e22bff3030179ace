package org.flowgate.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;
import org.flowgate.bench.BenchFrames.Kind;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.session.SessionTable;
import org.flowgate.dataplane.spu.SpuAgent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The established fast path on one core: one operation = parse one Ethernet frame + {@link
 * SpuAgent#process} it against a table holding {@code sessions} established sessions.
 *
 * <p>The frames are a pre-computed stream drawn at random (with replacement) over the forward and
 * reply frames of every session, read in order like a NIC ring: the frame bytes stream through the
 * cache, while the index probe and the 128-byte record are random accesses (DRAM misses once the
 * table outgrows the last-level cache). Virtual time advances {@value #NS_PER_PACKET} ns per
 * packet, so the wheel turns but no session comes near its timeout within a run.
 *
 * <p>UDP sessions are installed by one forward frame each; TCP sessions by SYN, SYN/ACK, ACK, and
 * the stream then holds pure ACKs of both wings (sequence check on, every packet in window). An
 * iteration teardown fails the run if any measured packet was dropped.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar FastPathBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx4g", "-XX:MaxDirectMemorySize=16g"})
@State(Scope.Thread)
public class FastPathBenchmark {
  static final long NS_PER_PACKET = 100;
  private static final long START_NS = 1_000_000_000L;

  /** Established sessions in the table: cache-resident, 1 M, 10 M (DRAM-bound). */
  @Param({"10000", "1000000", "10000000"})
  public int sessions;

  /** Transport of every session. */
  @Param({"udp", "tcp"})
  public String protocol;

  /**
   * Application identification: {@code off} ({@code no-application-identification}) or {@code on}
   * (the defaults: the benchmark's packets carry no payload, so every session stays {@code Pending}
   * and each packet is handed to the inspector) or {@code decided} (a custom application names
   * every session at its first packet: what a decided session costs), side by side (docs/adr/0023,
   * 0036).
   */
  @Param({"off", "on", "decided"})
  public String appid;

  /**
   * {@code true}: every packet comes with the session key hash already computed, as behind a
   * dispatcher of several SPUs, which hands its SPU the hash of its own parse in the ring entry
   * (docs/adr/0036); {@code false}: the SPU hashes the key itself, as with one SPU.
   */
  @Param({"false"})
  public boolean dispatchedHash;

  private int[] streamHashes;

  /**
   * Application traffic control: {@code off}, or {@code on}, a rule-set on every policy that marks
   * DSCP ef and meters every packet (FirstPathBenchmark#ruleSetOnEveryPolicy, docs/adr/0034).
   */
  @Param({"off", "on"})
  public String appqos;

  private SpuAgent spu;
  static final int BATCH = 16;
  private final PacketDescriptor packet = new PacketDescriptor();
  private final PacketDescriptor[] batch = BenchFrames.descriptors(BATCH);
  private MemorySegment stream;
  private long streamMask;
  private long cursor;
  private long touched;
  private long nowNs;
  private long droppedBefore;

  @Setup(Level.Trial)
  public void setUp() {
    RuntimeConfig config =
        FactoryDefault.config()
            .withMaximumSessions(sessions)
            .withApplicationIdentification(AppIdBenchmark.settings(appid));
    if ("on".equals(appqos)) {
      config = config.withApplicationServices(FirstPathBenchmark.ruleSetOnEveryPolicy(config));
    }
    SessionTable table = new SessionTable(sessions);
    spu = new SpuAgent(0, table, config);
    nowNs = START_NS;
    MemorySegment[] established;
    try (Arena setup = Arena.ofConfined()) {
      if (protocol.equals("udp")) {
        MemorySegment forward = BenchFrames.build(setup, Kind.UDP_FORWARD, sessions);
        BenchFrames.processAll(spu, packet, forward, sessions, nowNs, "UDP first packet");
        established =
            new MemorySegment[] {forward, BenchFrames.build(setup, Kind.UDP_REVERSE, sessions)};
      } else if (protocol.equals("tcp")) {
        BenchFrames.processAll(
            spu, packet, BenchFrames.build(setup, Kind.TCP_SYN, sessions), sessions, nowNs, "SYN");
        BenchFrames.processAll(
            spu,
            packet,
            BenchFrames.build(setup, Kind.TCP_SYN_ACK, sessions),
            sessions,
            nowNs,
            "SYN/ACK");
        MemorySegment ack = BenchFrames.build(setup, Kind.TCP_ACK_FORWARD, sessions);
        BenchFrames.processAll(spu, packet, ack, sessions, nowNs, "ACK");
        established =
            new MemorySegment[] {ack, BenchFrames.build(setup, Kind.TCP_ACK_REVERSE, sessions)};
      } else {
        throw new IllegalArgumentException("protocol is udp or tcp, not " + protocol);
      }
      if (table.sessionsInUse() != sessions) {
        throw new IllegalStateException(
            table.sessionsInUse() + " sessions installed, not " + sessions);
      }
      checkIdentification(table);
      int cells = BenchFrames.streamCells(2L * sessions);
      stream = BenchFrames.stream(Arena.ofAuto(), established, sessions, cells, 42);
      streamMask = cells - 1;
      if (dispatchedHash) {
        streamHashes = new int[cells];
        PacketDescriptor parsed = new PacketDescriptor();
        for (int cell = 0; cell < cells; cell++) {
          BenchFrames.parse(parsed, stream, cell, 0);
          streamHashes[cell] =
              SessionTable.keyHash(
                  parsed.sourceHi,
                  parsed.sourceLo,
                  parsed.destinationHi,
                  parsed.destinationLo,
                  parsed.sourcePort,
                  parsed.destinationPort,
                  parsed.protocol,
                  0);
        }
      }
    }
    if (protocol.equals("tcp")) {
      for (int slot = 0; slot < Math.min(sessions, 1000); slot++) {
        if (!spu.view().at(slot).tcpEstablished()) {
          throw new IllegalStateException("TCP session in slot " + slot + " is not established");
        }
      }
    }
  }

  /** Fails the trial when the sessions are not in the state {@link #appid} promises. */
  private void checkIdentification(SessionTable table) {
    int pending = 0;
    for (int slot = 0; slot < table.slotLimit(); slot++) {
      if (!table.isFree(slot) && spu.applications().pending(slot)) {
        pending++;
      }
    }
    // with the defaults an SPU inspects at most 16 384 sessions at once: the others are named
    // junos:UNKNOWN at their first packet, i.e. decided, like every session with appid=decided
    int expected = appid.equals("on") ? Math.min(sessions, 16_384) : 0;
    if (pending != expected) {
      throw new IllegalStateException(
          pending + " sessions pending identification with appid=" + appid + ", not " + expected);
    }
  }

  @Setup(Level.Iteration)
  public void markDrops() {
    droppedBefore = spu.counters().packetsDropped;
  }

  /** Parse + process one frame of an established session; null means forwarded. */
  @Benchmark
  public DropReason parseAndProcess() {
    long index = cursor++ & streamMask;
    nowNs += NS_PER_PACKET;
    return BenchFrames.parseAndProcess(spu, packet, stream, index, nowNs);
  }

  /**
   * What an SPU thread does: parse a batch of {@value #BATCH} frames, then {@link
   * SpuAgent#processBatch} them (index and record reads of the whole batch first, so their cache
   * misses overlap). One operation is still one packet.
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int parseAndProcessBatch() {
    long first = cursor;
    long sink = 0;
    for (int i = 0; i < BATCH; i++) { // as the SPU does: touch the batch's frames first
      sink += stream.get(ValueLayout.JAVA_BYTE, ((first + i) & streamMask) * BenchFrames.STRIDE);
    }
    touched += sink;
    for (int i = 0; i < BATCH; i++) {
      long index = cursor++ & streamMask;
      nowNs += NS_PER_PACKET;
      BenchFrames.parse(batch[i], stream, index, nowNs);
      if (streamHashes != null) { // what Shard copies from the ring entry
        batch[i].keyHashKnown = true;
        batch[i].keyHash = streamHashes[(int) index];
      }
    }
    int forwarded = spu.processBatch(batch, BATCH);
    if (forwarded != BATCH) {
      throw new IllegalStateException(
          (BATCH - forwarded) + " packets of a batch were not forwarded");
    }
    return forwarded;
  }

  @TearDown(Level.Iteration)
  public void checkNothingDropped() {
    long dropped = spu.counters().packetsDropped - droppedBefore;
    if (dropped != 0) {
      throw new IllegalStateException(
          dropped + " fast-path packets were dropped; the benchmark is wrong");
    }
    if (spu.table().sessionsInUse() != sessions) {
      throw new IllegalStateException("sessions changed to " + spu.table().sessionsInUse());
    }
  }
}
