package org.flowgate.bench;

import java.lang.foreign.Arena;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.flowgate.bench.BenchFrames.Kind;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.runtime.FactoryDefault;
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
 * {@link SessionTable#lookup} alone, no parsing and no flow processing: one operation = one wing
 * key looked up in a table of {@code sessions} UDP sessions (installed through the real first
 * path).
 *
 * <p>The keys are copied out of the table into arrays in a pre-computed random order over both
 * wings of every session, so reading the next key is sequential and the measured cost is the index
 * probe plus the record compare: what the fast path pays for the table.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx4g", "-XX:MaxDirectMemorySize=16g"})
@State(Scope.Thread)
public class SessionLookupBenchmark {
  private static final int KEYS = 1 << 22;
  private static final int PROTOCOL_UDP = 17;

  @Param({"10000", "1000000", "10000000"})
  public int sessions;

  private SessionTable table;
  // keys in lookup order: IPv4 addresses as the parser gives them (::ffff:a.b.c.d in lo, 0 in hi)
  private final long[] sourceLo = new long[KEYS];
  private final long[] destinationLo = new long[KEYS];
  private final int[] ports = new int[KEYS];
  private int cursor;

  @Setup(Level.Trial)
  public void setUp() {
    table = new SessionTable(sessions);
    SpuAgent spu = new SpuAgent(0, table, FactoryDefault.config().withMaximumSessions(sessions));
    try (Arena setup = Arena.ofConfined()) {
      BenchFrames.processAll(
          spu,
          new PacketDescriptor(),
          BenchFrames.build(setup, Kind.UDP_FORWARD, sessions),
          sessions,
          1_000_000_000L,
          "UDP first packet");
    }
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < KEYS; i++) {
      int slot = random.nextInt(sessions);
      int wing = random.nextInt(2);
      sourceLo[i] = table.sourceLo(slot, wing);
      destinationLo[i] = table.destinationLo(slot, wing);
      ports[i] = table.sourcePort(slot, wing) << 16 | table.destinationPort(slot, wing);
      if (table.lookup(
              0,
              sourceLo[i],
              0,
              destinationLo[i],
              ports[i] >>> 16,
              ports[i] & 0xffff,
              PROTOCOL_UDP,
              0)
          != (slot << 1 | wing)) {
        throw new IllegalStateException("key of slot " + slot + " wing " + wing + " not found");
      }
    }
  }

  /** Returns {@code slot << 1 | wing} of the hit (always a hit here). */
  @Benchmark
  public int lookup() {
    int i = cursor++ & (KEYS - 1);
    int portPair = ports[i];
    return table.lookup(
        0, sourceLo[i], 0, destinationLo[i], portPair >>> 16, portPair & 0xffff, PROTOCOL_UDP, 0);
  }
}
