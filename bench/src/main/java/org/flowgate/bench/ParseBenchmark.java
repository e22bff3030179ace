package org.flowgate.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import org.flowgate.bench.BenchFrames.Kind;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.packet.PacketParser;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link PacketParser#parse} alone: one operation = decode one Ethernet + IPv4 + UDP or TCP frame
 * into a reused {@link PacketDescriptor}. The frames are a 4 MiB stream (65 536 cells of the
 * fast-path benchmark's both-direction mix), so this is the decoder's cost with the frame bytes
 * already near the core.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@State(Scope.Thread)
public class ParseBenchmark {
  private static final int FLOWS = 1 << 15;
  private static final int CELLS = 1 << 16;

  @Param({"udp", "tcp"})
  public String protocol;

  private final PacketDescriptor packet = new PacketDescriptor();
  private MemorySegment stream;
  private long cursor;

  @Setup(Level.Trial)
  public void setUp() {
    Arena arena = Arena.ofAuto();
    MemorySegment[] sources =
        switch (protocol) {
          case "udp" ->
              new MemorySegment[] {
                BenchFrames.build(arena, Kind.UDP_FORWARD, FLOWS),
                BenchFrames.build(arena, Kind.UDP_REVERSE, FLOWS)
              };
          case "tcp" ->
              new MemorySegment[] {
                BenchFrames.build(arena, Kind.TCP_ACK_FORWARD, FLOWS),
                BenchFrames.build(arena, Kind.TCP_ACK_REVERSE, FLOWS)
              };
          default -> throw new IllegalArgumentException("protocol is udp or tcp, not " + protocol);
        };
    stream = BenchFrames.stream(arena, sources, FLOWS, CELLS, 42);
  }

  /** Decodes one frame; the verdict (null = decoded) and the key fields go to the blackhole. */
  @Benchmark
  public void parse(Blackhole blackhole) {
    long index = cursor++ & (CELLS - 1);
    int length = BenchFrames.length(stream, index);
    blackhole.consume(
        PacketParser.parse(
            stream, index * BenchFrames.STRIDE, length, length, LinkType.ETHERNET, packet));
    blackhole.consume(packet.sourceLo ^ packet.destinationLo);
    blackhole.consume(packet.sourcePort << 16 | packet.destinationPort);
  }
}
