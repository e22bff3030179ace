package org.flowgate.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import org.flowgate.bench.BenchFrames.Kind;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.session.SessionTable;
import org.flowgate.dataplane.spu.SpuAgent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Source NAT on one core, next to the same work without it ({@code nat=none}):
 *
 * <ul>
 *   <li>{@link #newSession}: parse + first path of a new UDP flow, with a pool port allocated and
 *       the packet rewritten (target: at least 80 % of the rate without NAT);
 *   <li>{@link #established}: parse + fast path of a forward packet of one of {@value #SESSIONS}
 *       translated sessions, copied into the SPU's frame buffer and rewritten with incremental
 *       checksums.
 * </ul>
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar NatBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx4g", "-XX:MaxDirectMemorySize=16g"})
@State(Scope.Thread)
public class NatBenchmark {
  static final int CAPACITY = 1 << 23;
  static final int SESSIONS = 1_000_000;
  private static final long START_NS = 1_000_000_000L;

  @Param({"none", "pool"})
  public String nat;

  private RuntimeConfig config;
  private MemorySegment firstFrames;
  private MemorySegment stream;
  private long streamMask;
  private final PacketDescriptor packet = new PacketDescriptor();
  private SpuAgent newSessions;
  private SpuAgent established;
  private int cursor;
  private long streamCursor;
  private long nowNs;

  @Setup(Level.Trial)
  public void build() {
    config = NatConfigs.factoryDefault(nat, CAPACITY);
    firstFrames = BenchFrames.build(Arena.ofAuto(), Kind.UDP_FORWARD, CAPACITY);
    established =
        new SpuAgent(0, new SessionTable(SESSIONS), NatConfigs.factoryDefault(nat, SESSIONS));
    BenchFrames.processAll(
        established, packet, firstFrames, SESSIONS, START_NS, "UDP first packet");
    if (established.table().sessionsInUse() != SESSIONS) {
      throw new IllegalStateException(
          established.table().sessionsInUse() + " sessions, not " + SESSIONS);
    }
    int cells = BenchFrames.streamCells(2L * SESSIONS);
    stream =
        BenchFrames.stream(Arena.ofAuto(), new MemorySegment[] {firstFrames}, SESSIONS, cells, 42);
    streamMask = cells - 1;
  }

  @Setup(Level.Iteration)
  public void emptyTable() {
    newSessions = null;
    System.gc();
    newSessions = new SpuAgent(0, new SessionTable(CAPACITY), config);
    cursor = 0;
    nowNs = START_NS + 10_000_000_000L;
  }

  @Benchmark
  public DropReason newSession() {
    if (cursor == CAPACITY) {
      throw new IllegalStateException("more than " + CAPACITY + " new sessions in one iteration");
    }
    nowNs += FastPathBenchmark.NS_PER_PACKET;
    return BenchFrames.parseAndProcess(newSessions, packet, firstFrames, cursor++, nowNs);
  }

  @Benchmark
  public DropReason established() {
    long index = streamCursor++ & streamMask;
    nowNs += FastPathBenchmark.NS_PER_PACKET;
    return BenchFrames.parseAndProcess(established, packet, stream, index, nowNs);
  }

  @TearDown(Level.Iteration)
  public void checkNothingDropped() {
    if (newSessions.counters().packetsDropped != 0 || established.counters().packetsDropped != 0) {
      throw new IllegalStateException(
          "NAT benchmark packets were dropped: "
              + newSessions.counters().packetsDropped
              + " first path, "
              + established.counters().packetsDropped
              + " fast path");
    }
    boolean translating = nat.equals("pool");
    if (translating != (established.counters().packetsTranslated > 0)) {
      throw new IllegalStateException(
          "nat="
              + nat
              + " but "
              + established.counters().packetsTranslated
              + " packets translated");
    }
  }
}
