package org.flowgate.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flowgate.bench.BenchFrames.Kind;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.screen.IdsOption;
import org.flowgate.dataplane.screen.ScreenAttack;
import org.flowgate.dataplane.screen.ScreenConfig;
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
 * The cost of screens on one core, side by side with none: the factory default's zone with no
 * ids-option ({@code none}) or with {@link #everyScreen} ({@code every}), which turns on every
 * screen Flowgate implements with thresholds no benchmark flow reaches, so that every check runs
 * and none drops.
 *
 * <ul>
 *   <li>{@link #firstPath}: as {@link FirstPathBenchmark}: parse + first path of a new UDP flow
 *       (the screens: spoofing's route lookup, UDP flood, UDP port scan and sweep, both session
 *       limits, and the count of the new session);
 *   <li>{@link #fastPath}: as {@link FastPathBenchmark} at 10 000 UDP sessions: parse + the
 *       session's every-packet screens (UDP flood) + the fast path.
 * </ul>
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar ScreensBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx4g", "-XX:MaxDirectMemorySize=16g"})
public class ScreensBenchmark {
  private static final long START_NS = 1_000_000_000L;

  /** Every screen Flowgate implements, thresholds beyond what the benchmark's flows reach. */
  static IdsOption everyScreen() {
    IdsOption.Builder option = IdsOption.builder("every");
    for (ScreenAttack attack : ScreenAttack.values()) {
      if (attack.detected()) {
        option.check(attack);
      }
    }
    return option
        .icmpFlood(1_000_000)
        .udpFlood(1_000_000)
        .ipSweep(1000)
        .tcpPortScan(1000)
        .tcpSweep(1000)
        .udpPortScan(1000)
        .udpSweep(1000)
        .synFlood(new IdsOption.SynFlood(1_000_000, 1_000_000, 1_000_000, 1_000_000, 20))
        .sourceSessionLimit(Integer.MAX_VALUE)
        .destinationSessionLimit(Integer.MAX_VALUE)
        .build();
  }

  static RuntimeConfig config(String screen, int capacity) {
    RuntimeConfig config = FactoryDefault.config().withMaximumSessions(capacity);
    return switch (screen) {
      case "none" -> config;
      case "every" -> config.withScreens(new ScreenConfig(List.of(everyScreen()), List.of(0)));
      default -> throw new IllegalArgumentException("screen is none or every, not " + screen);
    };
  }

  /** New UDP flows through the first path; each iteration from an empty table. */
  @State(Scope.Thread)
  public static class FirstPathState {
    static final int CAPACITY = 1 << 23;

    @Param({"none", "every"})
    public String screen;

    RuntimeConfig config;
    MemorySegment frames;
    final PacketDescriptor packet = new PacketDescriptor();
    SpuAgent spu;
    int cursor;
    long nowNs;

    @Setup(Level.Trial)
    public void buildFrames() {
      config = config(screen, CAPACITY);
      frames = BenchFrames.build(Arena.ofAuto(), Kind.UDP_FORWARD, CAPACITY);
    }

    @Setup(Level.Iteration)
    public void emptyTable() {
      spu = null;
      System.gc();
      spu = new SpuAgent(0, new SessionTable(CAPACITY), config);
      cursor = 0;
      nowNs = START_NS;
    }

    @TearDown(Level.Iteration)
    public void checkEverySessionInstalled() {
      if (spu.counters().sessionsCreated != cursor || spu.counters().packetsDropped != 0) {
        throw new IllegalStateException(
            cursor + " first packets: " + spu.counters().packetsDropped + " dropped");
      }
    }
  }

  /** 10 000 established UDP sessions, a random stream of both wings' frames. */
  @State(Scope.Thread)
  public static class FastPathState {
    static final int SESSIONS = 10_000;

    @Param({"none", "every"})
    public String screen;

    SpuAgent spu;
    final PacketDescriptor packet = new PacketDescriptor();
    MemorySegment stream;
    long streamMask;
    long cursor;
    long nowNs;

    @Setup(Level.Trial)
    public void setUp() {
      spu = new SpuAgent(0, new SessionTable(SESSIONS), config(screen, SESSIONS));
      nowNs = START_NS;
      try (Arena setup = Arena.ofConfined()) {
        MemorySegment forward = BenchFrames.build(setup, Kind.UDP_FORWARD, SESSIONS);
        BenchFrames.processAll(spu, packet, forward, SESSIONS, nowNs, "UDP first packet");
        MemorySegment[] established = {
          forward, BenchFrames.build(setup, Kind.UDP_REVERSE, SESSIONS)
        };
        int cells = BenchFrames.streamCells(2L * SESSIONS);
        stream = BenchFrames.stream(Arena.ofAuto(), established, SESSIONS, cells, 42);
        streamMask = cells - 1;
      }
    }

    @TearDown(Level.Iteration)
    public void checkNothingDropped() {
      if (spu.counters().packetsDropped != 0) {
        throw new IllegalStateException(spu.counters().packetsDropped + " packets dropped");
      }
    }
  }

  /** Parse + first path of a new UDP flow; null means installed and forwarded. */
  @Benchmark
  public DropReason firstPath(FirstPathState s) {
    if (s.cursor == FirstPathState.CAPACITY) {
      throw new IllegalStateException("more new sessions in one iteration than the table holds");
    }
    s.nowNs += FastPathBenchmark.NS_PER_PACKET;
    return BenchFrames.parseAndProcess(s.spu, s.packet, s.frames, s.cursor++, s.nowNs);
  }

  /** Parse + fast path of one frame of an established UDP session; null means forwarded. */
  @Benchmark
  public DropReason fastPath(FastPathState s) {
    long index = s.cursor++ & s.streamMask;
    s.nowNs += FastPathBenchmark.NS_PER_PACKET;
    return BenchFrames.parseAndProcess(s.spu, s.packet, s.stream, index, s.nowNs);
  }
}
