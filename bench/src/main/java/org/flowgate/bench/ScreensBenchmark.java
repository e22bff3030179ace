package org.flowgate.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
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
 * java --enable-native-access=ALL-UNNAMED -Xmx4g -cp bench/target/benchmarks.jar \
 *     org.flowgate.bench.ScreensBenchmark ROUNDS SLICE_SECONDS
 * </pre>
 *
 * The second form (for a shared, noisy machine) alternates short slices of {@code none} and {@code
 * every} in one process, timed by the thread's CPU time, as {@link AlternatingBuilds} does for
 * builds: a slow phase of the host hits both alike, and the median of the per-round ratios is the
 * figure to read.
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

  /**
   * New UDP flows through the first path; each iteration from an empty table. 2 M sessions (256 MB,
   * not {@link FirstPathBenchmark}'s 8 M): on a shared VM the fresh gigabyte each iteration's table
   * touches made page faults, not the first path, the measure; the operation fails loudly if an
   * iteration outruns the table.
   */
  @State(Scope.Thread)
  public static class FirstPathState {
    static final int CAPACITY = 1 << 21;

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

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: ScreensBenchmark ROUNDS SLICE_SECONDS");
      System.exit(2);
    }
    int rounds = Integer.parseInt(args[0]);
    long sliceNs = (long) (Double.parseDouble(args[1]) * 1e9);
    String[] screens = {"none", "every"};
    FirstPathState[] first = new FirstPathState[2];
    FastPathState[] fast = new FastPathState[2];
    for (int i = 0; i < 2; i++) {
      first[i] = new FirstPathState();
      first[i].screen = screens[i];
      first[i].buildFrames();
      fast[i] = new FastPathState();
      fast[i].screen = screens[i];
      fast[i].setUp();
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    ScreensBenchmark bench = new ScreensBenchmark();
    for (int warmUp = 0; warmUp < 3; warmUp++) {
      for (int i = 0; i < 2; i++) {
        firstPathSlice(bench, first[i], 1_000_000_000L, threads);
        fastPathSlice(bench, fast[i], 1_000_000_000L, threads);
      }
    }
    double[][] firstRate = new double[2][rounds];
    double[][] fastRate = new double[2][rounds];
    for (int round = 0; round < rounds; round++) {
      for (int k = 0; k < 2; k++) {
        int i = round % 2 == 0 ? k : 1 - k; // alternate the order too
        firstRate[i][round] = firstPathSlice(bench, first[i], sliceNs, threads);
        fastRate[i][round] = fastPathSlice(bench, fast[i], sliceNs, threads);
      }
    }
    report("first path, new sessions", firstRate, rounds);
    report("fast path, packets", fastRate, rounds);
  }

  private static void report(String what, double[][] rate, int rounds) {
    double[] ratio = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      ratio[round] = rate[1][round] / rate[0][round];
    }
    double[] none = rate[0].clone();
    double[] every = rate[1].clone();
    Arrays.sort(none);
    Arrays.sort(every);
    Arrays.sort(ratio);
    System.out.printf(
        "%s per CPU-second, millions: none median %.3f (quartiles %.3f, %.3f),"
            + " every median %.3f (quartiles %.3f, %.3f); every / none median %.3f"
            + " (quartiles %.3f, %.3f)%n",
        what,
        none[rounds / 2],
        none[rounds / 4],
        none[3 * rounds / 4],
        every[rounds / 2],
        every[rounds / 4],
        every[3 * rounds / 4],
        ratio[rounds / 2],
        ratio[rounds / 4],
        ratio[3 * rounds / 4]);
  }

  private static double firstPathSlice(
      ScreensBenchmark bench, FirstPathState s, long cpuNs, ThreadMXBean threads) {
    s.emptyTable(); // outside the timed part
    long start = threads.getCurrentThreadCpuTime();
    long operations = 0;
    while (threads.getCurrentThreadCpuTime() - start < cpuNs) {
      for (int i = 0; i < 5_000; i++) {
        bench.firstPath(s);
      }
      operations += 5_000;
    }
    double seconds = (threads.getCurrentThreadCpuTime() - start) / 1e9;
    s.checkEverySessionInstalled();
    return operations / seconds / 1e6;
  }

  private static double fastPathSlice(
      ScreensBenchmark bench, FastPathState s, long cpuNs, ThreadMXBean threads) {
    long start = threads.getCurrentThreadCpuTime();
    long operations = 0;
    while (threads.getCurrentThreadCpuTime() - start < cpuNs) {
      for (int i = 0; i < 5_000; i++) {
        bench.fastPath(s);
      }
      operations += 5_000;
    }
    double seconds = (threads.getCurrentThreadCpuTime() - start) / 1e9;
    s.checkNothingDropped();
    return operations / seconds / 1e6;
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
