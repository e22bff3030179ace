package org.flowgate.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.flowgate.bench.BenchFrames.Kind;
import org.flowgate.dataplane.alg.Alg;
import org.flowgate.dataplane.alg.AlgSettings;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.packet.PacketParser;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.session.SessionTable;
import org.flowgate.dataplane.spu.SpuAgent;
import org.flowgate.testkit.PacketBuilder;
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
 * The cost of the ALGs on one core (docs/adr/0030), side by side: the factory default with every
 * ALG disabled ({@code off}) or with Junos's defaults ({@code on}).
 *
 * <ul>
 *   <li>{@link #firstPath}: as {@link FirstPathBenchmark}: parse + first path of a new UDP flow
 *       that no ALG reads (the gate check of an empty gate table, the ALG choice at install);
 *   <li>{@link #fastPath}: as {@link FastPathBenchmark} at 10 000 UDP sessions no ALG reads;
 *   <li>{@link #control}: parse + fast path of one segment of an established FTP control connection
 *       (client to server, in order, one command line each): {@code NOOP} lines, read and passed,
 *       or {@code PORT} lines, each opening a gate that expires 60 s later (virtual time moves 5 ms
 *       per segment, so about 12 000 gates are open in the steady state). With {@code off} the same
 *       segments take the plain TCP fast path: the difference is the inspection's cost per packet.
 * </ul>
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar AlgBenchmark -prof gc
 * java --enable-native-access=ALL-UNNAMED -Xmx4g -cp bench/target/benchmarks.jar \
 *     org.flowgate.bench.AlgBenchmark ROUNDS SLICE_SECONDS
 * </pre>
 *
 * The second form (for a shared, noisy machine) alternates short slices of {@code off} and {@code
 * on} in one process, timed by the thread's CPU time, as {@link ScreensBenchmark} does: the median
 * of the per-round ratios is the figure to read.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx4g", "-XX:MaxDirectMemorySize=16g"})
public class AlgBenchmark {
  private static final long START_NS = 1_000_000_000L;

  /** The factory default with ALGs off (every one disabled) or on (Junos's defaults). */
  static RuntimeConfig config(String alg, long capacity) {
    AlgSettings settings = AlgSettings.junosDefaults();
    switch (alg) {
      case "on" -> {}
      case "off" -> {
        for (Alg a : Alg.values()) {
          settings = settings.with(a, false);
        }
      }
      default -> throw new IllegalArgumentException("alg is off or on, not " + alg);
    }
    return FactoryDefault.config().withMaximumSessions(capacity).withAlg(settings);
  }

  /** New UDP flows through the first path; each iteration from an empty table of 2 M sessions. */
  @State(Scope.Thread)
  public static class FirstPathState {
    static final int CAPACITY = 1 << 21;

    @Param({"off", "on"})
    public String alg;

    RuntimeConfig config;
    MemorySegment frames;
    final PacketDescriptor packet = new PacketDescriptor();
    SpuAgent spu;
    int cursor;
    long nowNs;

    @Setup(Level.Trial)
    public void buildFrames() {
      config = config(alg, CAPACITY);
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

    @Param({"off", "on"})
    public String alg;

    SpuAgent spu;
    final PacketDescriptor packet = new PacketDescriptor();
    MemorySegment stream;
    long streamMask;
    long cursor;
    long nowNs;

    @Setup(Level.Trial)
    public void setUp() {
      spu = new SpuAgent(0, new SessionTable(SESSIONS), config(alg, SESSIONS));
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

  /**
   * One established FTP control connection (10.0.0.1:1024 to 172.16.0.1:21) and one client segment
   * rewritten in place before each operation: its sequence number follows on, and a {@code PORT}
   * line names a new port each time.
   *
   * <pre>
   *  payload  "NOOP 000,000,000,000,000,000\r\n"      (30 bytes, either form)
   *           "PORT 010,000,000,001,P1 ,P2 \r\n"      P1, P2 in 100..255: 24 336 ports in turn
   * </pre>
   */
  @State(Scope.Thread)
  public static class ControlState {
    static final String CLIENT = "10.0.0.1";
    static final String SERVER = "172.16.0.1";
    static final int CLIENT_PORT = 1024;
    static final long NS_PER_SEGMENT = 5_000_000L;
    private static final int TCP_SEQUENCE = 14 + 20 + 4;
    private static final int PAYLOAD = 14 + 20 + 20;
    private static final ValueLayout.OfInt U32 =
        ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    @Param({"off", "on"})
    public String alg;

    @Param({"noop", "port"})
    public String line;

    SpuAgent spu;
    final PacketDescriptor packet = new PacketDescriptor();
    MemorySegment frame;
    int length;
    long sequence;
    int port;
    long nowNs;

    @Setup(Level.Trial)
    public void setUp() {
      // 64 K slots: the SPU then keeps 16 K gates and 64 K resources (AlgEngine sizes them so)
      spu = new SpuAgent(0, new SessionTable(1 << 16), config(alg, 1 << 16));
      nowNs = START_NS;
      long client = 1000;
      long server = 5000;
      send(PacketBuilder.ipv4(CLIENT, SERVER).tcp(CLIENT_PORT, 21, PacketBuilder.SYN, client, 0));
      client++;
      send(
          PacketBuilder.ipv4(SERVER, CLIENT)
              .tcp(21, CLIENT_PORT, PacketBuilder.SYN | PacketBuilder.ACK, server, client));
      server++;
      send(
          PacketBuilder.ipv4(CLIENT, SERVER)
              .tcp(CLIENT_PORT, 21, PacketBuilder.ACK, client, server));
      String text =
          line.equals("port")
              ? "PORT 010,000,000,001,100,100\r\n"
              : "NOOP 000,000,000,000,000,000\r\n";
      byte[] bytes =
          PacketBuilder.ipv4(CLIENT, SERVER)
              .tcp(CLIENT_PORT, 21, PacketBuilder.PSH | PacketBuilder.ACK, client, server)
              .payload(text.getBytes(StandardCharsets.US_ASCII))
              .ethernet();
      frame = Arena.ofAuto().allocate(bytes.length);
      MemorySegment.copy(MemorySegment.ofArray(bytes), 0, frame, 0, bytes.length);
      length = bytes.length;
      sequence = client;
    }

    private void send(PacketBuilder builder) {
      byte[] bytes = builder.ethernet();
      MemorySegment s = MemorySegment.ofArray(bytes);
      PacketParser.parse(s, 0, bytes.length, bytes.length, LinkType.ETHERNET, packet);
      packet.timestampNs = nowNs;
      DropReason verdict = spu.process(packet);
      if (verdict != null) {
        throw new IllegalStateException("the FTP handshake was dropped: " + verdict);
      }
    }

    /** The next segment: its sequence number, and for PORT the next port's digits. */
    void next() {
      frame.set(U32, TCP_SEQUENCE, (int) sequence);
      sequence += 30;
      if (line.equals("port")) {
        int p1 = 100 + port / 156;
        int p2 = 100 + port % 156;
        port = port == 156 * 156 - 1 ? 0 : port + 1;
        digits(PAYLOAD + 21, p1);
        digits(PAYLOAD + 25, p2);
      }
    }

    private void digits(int at, int value) {
      frame.set(ValueLayout.JAVA_BYTE, at, (byte) ('0' + value / 100));
      frame.set(ValueLayout.JAVA_BYTE, at + 1, (byte) ('0' + value / 10 % 10));
      frame.set(ValueLayout.JAVA_BYTE, at + 2, (byte) ('0' + value % 10));
    }

    @TearDown(Level.Iteration)
    public void checkNothingDropped() {
      if (spu.counters().packetsDropped != 0) {
        throw new IllegalStateException(spu.counters().packetsDropped + " packets dropped");
      }
      var ftp = spu.alg().counters(Alg.FTP);
      if (alg.equals("on") && (ftp.messages == 0 || ftp.gatesFailed != 0 || ftp.malformed != 0)) {
        throw new IllegalStateException(
            "the FTP ALG read "
                + ftp.messages
                + " lines, "
                + ftp.gatesFailed
                + " gates failed, "
                + ftp.malformed
                + " malformed");
      }
      if (alg.equals("on") && line.equals("port") && ftp.gatesOpened == 0) {
        throw new IllegalStateException("no PORT line opened a gate");
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

  /** Parse + fast path (and, with ALGs on, the FTP ALG's reading) of one control segment. */
  @Benchmark
  public DropReason control(ControlState s) {
    s.next();
    s.nowNs += ControlState.NS_PER_SEGMENT;
    DropReason undecodable =
        PacketParser.parse(s.frame, 0, s.length, s.length, LinkType.ETHERNET, s.packet);
    if (undecodable != null) {
      return undecodable;
    }
    s.packet.timestampNs = s.nowNs;
    return s.spu.process(s.packet);
  }

  // ------------------------------------------------------------------ alternating slices

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: AlgBenchmark ROUNDS SLICE_SECONDS");
      System.exit(2);
    }
    int rounds = Integer.parseInt(args[0]);
    long sliceNs = (long) (Double.parseDouble(args[1]) * 1e9);
    String[] algs = {"off", "on"};
    FirstPathState[] first = new FirstPathState[2];
    FastPathState[] fast = new FastPathState[2];
    ControlState[] noop = new ControlState[2];
    ControlState[] port = new ControlState[2];
    for (int i = 0; i < 2; i++) {
      first[i] = new FirstPathState();
      first[i].alg = algs[i];
      first[i].buildFrames();
      fast[i] = new FastPathState();
      fast[i].alg = algs[i];
      fast[i].setUp();
      noop[i] = control(algs[i], "noop");
      port[i] = control(algs[i], "port");
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    AlgBenchmark bench = new AlgBenchmark();
    double[][][] rates = new double[4][2][rounds];
    for (int round = -3; round < rounds; round++) { // three rounds of warm-up
      for (int k = 0; k < 2; k++) {
        int i = Math.floorMod(round, 2) == 0 ? k : 1 - k; // alternate the order too
        long slice = round < 0 ? 1_000_000_000L : sliceNs;
        first[i].emptyTable(); // outside the timed part
        double[] r = {
          slice(threads, slice, () -> bench.firstPath(first[i])),
          slice(threads, slice, () -> bench.fastPath(fast[i])),
          slice(threads, slice, () -> bench.control(noop[i])),
          slice(threads, slice, () -> bench.control(port[i]))
        };
        first[i].checkEverySessionInstalled();
        fast[i].checkNothingDropped();
        noop[i].checkNothingDropped();
        port[i].checkNothingDropped();
        if (round >= 0) {
          for (int b = 0; b < 4; b++) {
            rates[b][i][round] = r[b];
          }
        }
      }
    }
    String[] what = {
      "first path, new UDP sessions",
      "fast path, UDP packets (no ALG reads them)",
      "FTP control segments, NOOP lines",
      "FTP control segments, PORT lines (a gate each)"
    };
    for (int b = 0; b < 4; b++) {
      report(what[b], rates[b], rounds);
    }
  }

  private static ControlState control(String alg, String line) {
    ControlState s = new ControlState();
    s.alg = alg;
    s.line = line;
    s.setUp();
    return s;
  }

  private static double slice(ThreadMXBean threads, long cpuNs, Runnable operation) {
    long start = threads.getCurrentThreadCpuTime();
    long operations = 0;
    while (threads.getCurrentThreadCpuTime() - start < cpuNs) {
      for (int i = 0; i < 5_000; i++) {
        operation.run();
      }
      operations += 5_000;
    }
    double seconds = (threads.getCurrentThreadCpuTime() - start) / 1e9;
    return operations / seconds / 1e6;
  }

  private static void report(String what, double[][] rate, int rounds) {
    double[] ratio = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      ratio[round] = rate[1][round] / rate[0][round];
    }
    double[] off = rate[0].clone();
    double[] on = rate[1].clone();
    Arrays.sort(off);
    Arrays.sort(on);
    Arrays.sort(ratio);
    System.out.printf(
        "%s per CPU-second, millions: off median %.3f (quartiles %.3f, %.3f),"
            + " on median %.3f (quartiles %.3f, %.3f); on / off median %.3f"
            + " (quartiles %.3f, %.3f)%n",
        what,
        off[rounds / 2],
        off[rounds / 4],
        off[3 * rounds / 4],
        on[rounds / 2],
        on[rounds / 4],
        on[3 * rounds / 4],
        ratio[rounds / 2],
        ratio[rounds / 4],
        ratio[3 * rounds / 4]);
  }
}
