package org.flowgate.bench;

import java.lang.foreign.Arena;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.flowgate.dataplane.appid.AppIdSettings;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.packet.PacketParser;
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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * New sessions per second through one SPU with application identification on and off, on the
 * issue's TLS/HTTP/DNS mix of short sessions with payloads ({@link AppIdMix}): one pass sends every
 * packet of {@value #SESSIONS} sessions, each whole (handshake, request, response, close), through
 * parse + {@link SpuAgent#process}, from an empty table. The first path, the fast path and the
 * inspection of the payload packets are all in it.
 *
 * <pre>
 *  variant   services application-identification
 *  off       no-application-identification
 *  nocache   the defaults, no-application-system-cache: every session inspected
 *  on        the defaults (Junos's): entries kept, security services do not look them up
 *  cache     application-system-cache security-services: a TLS or HTTP session to a server
 *            identified before is named at its SYN (1 024 servers, so nearly all of them)
 * </pre>
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar AppIdEngineBenchmark -prof gc
 * java --enable-native-access=ALL-UNNAMED -Xmx4g -cp bench/target/benchmarks.jar \
 *     org.flowgate.bench.AppIdEngineBenchmark ROUNDS
 * </pre>
 *
 * The second form (for a shared, noisy machine) alternates one pass of each variant per round in
 * one process, timed by the thread's CPU time (as {@link AlgBenchmark} and {@link
 * AlternatingBuilds} do): the median of the per-round ratios to {@code off} is the figure to read.
 * It also prints the bytes of inspection state per session, from the inspector's own arrays.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx4g", "-XX:MaxDirectMemorySize=8g"})
@State(Scope.Thread)
public class AppIdEngineBenchmark {
  static final int SESSIONS = 1 << 16;
  private static final int CAPACITY = 1 << 18;
  private static final long START_NS = 1_000_000_000L;

  @Param({"off", "nocache", "on", "cache"})
  public String variant;

  private AppIdMix.Frames frames;
  private RuntimeConfig config;
  private final PacketDescriptor packet = new PacketDescriptor();
  private SpuAgent spu;
  private long nowNs;

  static AppIdSettings settings(String variant) {
    AppIdSettings defaults = AppIdSettings.defaults();
    return switch (variant) {
      case "off" -> defaults.withEnabled(false);
      case "nocache" -> defaults.withApplicationSystemCache(false, 3600);
      case "on" -> defaults;
      case "cache" -> defaults.withCacheUse(AppIdSettings.CacheUse.ALL);
      default -> throw new IllegalArgumentException("variant is off, nocache, on or cache");
    };
  }

  @Setup(Level.Trial)
  public void buildFrames() {
    frames = AppIdMix.build(Arena.ofAuto(), SESSIONS);
    configure();
  }

  private void configure() {
    config =
        FactoryDefault.config()
            .withMaximumSessions(CAPACITY)
            .withApplicationIdentification(settings(variant));
  }

  /** A fresh SPU and table before each pass (one pass is one operation: {@value #SESSIONS}). */
  @Setup(Level.Invocation)
  public void emptyTable() {
    spu = null;
    spu = new SpuAgent(0, new SessionTable(CAPACITY), config);
    nowNs = START_NS;
  }

  /** Every packet of every session once; returns sessions created (checked by the caller). */
  @Benchmark
  @org.openjdk.jmh.annotations.OperationsPerInvocation(SESSIONS)
  public long pass() {
    int packets = frames.packets();
    for (int i = 0; i < packets; i++) {
      int length = frames.length()[i];
      DropReason undecodable =
          PacketParser.parse(
              frames.bytes(), frames.offset()[i], length, length, LinkType.ETHERNET, packet);
      if (undecodable != null) {
        throw new IllegalStateException("frame " + i + " does not decode: " + undecodable);
      }
      nowNs += AppIdMix.NS_PER_PACKET;
      packet.timestampNs = nowNs;
      spu.process(packet);
    }
    return spu.counters().sessionsCreated;
  }

  // ------------------------------------------------------------------ alternating passes

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: AppIdEngineBenchmark ROUNDS");
      System.exit(2);
    }
    int rounds = Integer.parseInt(args[0]);
    String[] variants = {"off", "nocache", "on", "cache"};
    AppIdEngineBenchmark[] benches = new AppIdEngineBenchmark[variants.length];
    AppIdMix.Frames frames = AppIdMix.build(Arena.ofAuto(), SESSIONS);
    for (int i = 0; i < variants.length; i++) {
      benches[i] = new AppIdEngineBenchmark();
      benches[i].variant = variants[i];
      benches[i].frames = frames;
      benches[i].configure();
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[][] rate = new double[variants.length][rounds];
    for (int round = -3; round < rounds; round++) { // three rounds of warm-up
      for (int k = 0; k < variants.length; k++) {
        int i = Math.floorMod(round, 2) == 0 ? k : variants.length - 1 - k; // alternate the order
        AppIdEngineBenchmark b = benches[i];
        b.emptyTable(); // outside the timed part
        long start = threads.getCurrentThreadCpuTime();
        long created = b.pass();
        double seconds = (threads.getCurrentThreadCpuTime() - start) / 1e9;
        if (created != SESSIONS || b.spu.counters().packetsDropped != 0) {
          throw new IllegalStateException(
              variants[i]
                  + ": "
                  + created
                  + " sessions, "
                  + b.spu.counters().packetsDropped
                  + " drops, for "
                  + SESSIONS
                  + " sessions");
        }
        if (round >= 0) {
          rate[i][round] = SESSIONS / seconds;
        }
      }
    }
    System.out.printf(
        "%d sessions per pass (%d packets: TLS, HTTP, DNS), %d rounds, new sessions per"
            + " CPU-second of one SPU%n",
        SESSIONS, frames.packets(), rounds);
    for (int i = 0; i < variants.length; i++) {
      double[] sorted = rate[i].clone();
      Arrays.sort(sorted);
      double[] ratio = new double[rounds];
      for (int round = 0; round < rounds; round++) {
        ratio[round] = rate[i][round] / rate[0][round];
      }
      Arrays.sort(ratio);
      System.out.printf(
          "%-8s median %,.0f/s (quartiles %,.0f, %,.0f); / off: median %.3f (quartiles %.3f,"
              + " %.3f)%n",
          variants[i],
          sorted[rounds / 2],
          sorted[rounds / 4],
          sorted[3 * rounds / 4],
          ratio[rounds / 2],
          ratio[rounds / 4],
          ratio[3 * rounds / 4]);
    }
    double[] cacheOverNoCache = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      cacheOverNoCache[round] = rate[3][round] / rate[1][round];
    }
    Arrays.sort(cacheOverNoCache);
    System.out.printf(
        "cache / nocache: median %.3f (quartiles %.3f, %.3f)%n",
        cacheOverNoCache[rounds / 2],
        cacheOverNoCache[rounds / 4],
        cacheOverNoCache[3 * rounds / 4]);
    var inspector = benches[2].spu.applications().inspector();
    var applications = benches[2].spu.applications();
    System.out.printf(
        "inspection state: %d bytes per session being identified (slot arrays), plus %d bytes of"
            + " reassembly buffers (client + server) while one is lent; 4 bytes per session"
            + " slot once decided (the application word); pools per SPU: %d slots, %d buffers per"
            + " direction%n",
        inspector.stateBytesPerSession(),
        inspector.streamBufferBytes(),
        applications.settings().sessionsPerSpu(),
        applications.settings().streamBuffersPerSpu());
    var cacheSpu = benches[3].spu.applications().inspector();
    System.out.printf(
        "cache pass: %d hits, %d misses, %d inspected of %d sessions%n",
        cacheSpu.cache().hits(), cacheSpu.cache().misses(), cacheSpu.sessionsInspected(), SESSIONS);
  }
}
