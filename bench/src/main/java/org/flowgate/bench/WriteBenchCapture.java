package org.flowgate.bench;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.flowgate.bench.BenchFrames.Kind;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;

/**
 * Writes a pcap for replay-rate comparisons: {@code --flows N} flows x {@code --packets M} packets,
 * the flows interleaved round by round (packet r of every flow, then packet r + 1 ...), 1 us apart
 * in time so no session ages out during the file.
 *
 * <pre>
 *   udp: packet r is the forward datagram when r is even, the reply when r is odd
 *   tcp: SYN, SYN/ACK, ACK, then pure ACKs alternating forward / reply (every flow is a valid,
 *        established TCP connection for Flowgate's syn-check and sequence check)
 * </pre>
 *
 * <p>Same addresses and ports as the JMH benchmarks ({@link BenchFrames}). Prints the number of
 * packets written on standard output, alone on the last line.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.flowgate.bench.WriteBenchCapture \
 *     --flows 200000 --packets 20 --protocol tcp /tmp/bench.pcap
 * </pre>
 */
public final class WriteBenchCapture {
  private static final long START_NS = 1_700_000_000_000_000_000L;
  private static final long GAP_NS = 1_000;

  private WriteBenchCapture() {}

  public static void main(String[] args) throws IOException {
    int flows = 100_000;
    int packets = 20;
    String protocol = "udp";
    Path file = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--flows" -> flows = Integer.parseInt(args[++i]);
        case "--packets" -> packets = Integer.parseInt(args[++i]);
        case "--protocol" -> protocol = args[++i];
        default -> file = Path.of(args[i]);
      }
    }
    if (file == null || packets < 1 || !(protocol.equals("udp") || protocol.equals("tcp"))) {
      System.err.println(
          "usage: WriteBenchCapture [--flows N] [--packets M] [--protocol udp|tcp] FILE.pcap");
      System.exit(2);
    }
    Kind[] opening =
        protocol.equals("udp")
            ? new Kind[0]
            : new Kind[] {Kind.TCP_SYN, Kind.TCP_SYN_ACK, Kind.TCP_ACK_FORWARD};
    Kind forward = protocol.equals("udp") ? Kind.UDP_FORWARD : Kind.TCP_ACK_FORWARD;
    Kind reverse = protocol.equals("udp") ? Kind.UDP_REVERSE : Kind.TCP_ACK_REVERSE;
    long written = 0;
    try (Arena arena = Arena.ofConfined();
        PcapWriter writer =
            PcapWriter.open(file, LinkType.ETHERNET, true, ByteOrder.LITTLE_ENDIAN)) {
      MemorySegment[] frames = new MemorySegment[Kind.values().length];
      for (Kind kind : opening) {
        frames[kind.ordinal()] = BenchFrames.build(arena, kind, flows);
      }
      frames[forward.ordinal()] = BenchFrames.build(arena, forward, flows);
      frames[reverse.ordinal()] = BenchFrames.build(arena, reverse, flows);
      long timeNs = START_NS;
      for (int round = 0; round < packets; round++) {
        Kind kind =
            round < opening.length
                ? opening[round]
                : ((round - opening.length) % 2 == 0 ? forward : reverse);
        MemorySegment cells = frames[kind.ordinal()];
        for (int flow = 0; flow < flows; flow++) {
          int length = BenchFrames.length(cells, flow);
          writer.write(
              timeNs,
              cells
                  .asSlice((long) flow * BenchFrames.STRIDE, length)
                  .toArray(ValueLayout.JAVA_BYTE));
          timeNs += GAP_NS;
          written++;
        }
      }
    }
    System.out.printf("%s: %,d %s flows x %d packets%n", file, flows, protocol, packets);
    System.out.println(written);
  }
}
