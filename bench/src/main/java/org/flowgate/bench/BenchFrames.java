package org.flowgate.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.packet.PacketParser;
import org.flowgate.dataplane.spu.SpuAgent;
import org.flowgate.testkit.PacketBuilder;

/**
 * Frames for the benchmarks, built once off-heap so that the measured loops only read memory.
 *
 * <p>Every frame lives in a 64-byte cell (the load generator's layout) whose last two bytes hold
 * the frame's length:
 *
 * <pre>
 *  0                                                              62     64
 *  +--------------------------------------------------------------+------+
 *  | Ethernet II | IPv4 (20) | UDP (8) or TCP (20) | zero padding | len  |
 *  +--------------------------------------------------------------+------+
 * </pre>
 *
 * <p>Flow {@code i} runs between client {@code 10.0.0.0 + 1 + i} (port {@code 1024 + i % 60000})
 * and server {@code 172.16.0.0 + 1 + i % 65521} (UDP port 5000, TCP port 443), so every flow has
 * its own 5-tuple for up to 2^24 - 2 flows. UDP avoids port 53 on purpose: the DNS ALG ends a
 * session on its response, and the fast-path benchmark wants long-lived sessions. Frames are made
 * from one {@link PacketBuilder} template per kind, then the addresses, ports and IPv4 header
 * checksum are patched per flow (building 20 M frames through strings would take minutes).
 *
 * <p>Thread: confined to the benchmark thread that builds and reads them.
 */
final class BenchFrames {
  static final int STRIDE = 64;
  static final int MAX_FLOWS = (1 << 24) - 2;
  static final int UDP_SERVER_PORT = 5000;
  static final int TCP_SERVER_PORT = 443;
  static final long CLIENT_SEQUENCE = 1_000;
  static final long SERVER_SEQUENCE = 50_000;

  private static final ValueLayout.OfShort U16 =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
  private static final ValueLayout.OfInt U32 =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
  private static final ValueLayout.OfShort LENGTH = ValueLayout.JAVA_SHORT;

  // offsets in an untagged Ethernet II + IPv4 (no options) frame
  private static final int IP = 14;
  private static final int IP_CHECKSUM = IP + 10;
  private static final int IP_SOURCE = IP + 12;
  private static final int IP_DESTINATION = IP + 16;
  private static final int SOURCE_PORT = IP + 20;
  private static final int DESTINATION_PORT = IP + 22;

  /** What a frame of a flow is. */
  enum Kind {
    UDP_FORWARD(true),
    UDP_REVERSE(false),
    TCP_SYN(true),
    TCP_SYN_ACK(false),
    TCP_ACK_FORWARD(true),
    TCP_ACK_REVERSE(false);

    final boolean forward;

    Kind(boolean forward) {
      this.forward = forward;
    }

    byte[] template() {
      PacketBuilder builder =
          forward
              ? PacketBuilder.ipv4("10.0.0.1", "172.16.0.1")
              : PacketBuilder.ipv4("172.16.0.1", "10.0.0.1");
      long c = CLIENT_SEQUENCE;
      long s = SERVER_SEQUENCE;
      return switch (this) {
        case UDP_FORWARD -> builder.udp(1024, UDP_SERVER_PORT).ethernet();
        case UDP_REVERSE -> builder.udp(UDP_SERVER_PORT, 1024).ethernet();
        case TCP_SYN -> builder.tcp(1024, TCP_SERVER_PORT, PacketBuilder.SYN, c, 0).ethernet();
        case TCP_SYN_ACK ->
            builder
                .tcp(TCP_SERVER_PORT, 1024, PacketBuilder.SYN | PacketBuilder.ACK, s, c + 1)
                .ethernet();
        case TCP_ACK_FORWARD ->
            builder.tcp(1024, TCP_SERVER_PORT, PacketBuilder.ACK, c + 1, s + 1).ethernet();
        case TCP_ACK_REVERSE ->
            builder.tcp(TCP_SERVER_PORT, 1024, PacketBuilder.ACK, s + 1, c + 1).ethernet();
      };
    }
  }

  private BenchFrames() {}

  static int clientAddress(int flow) {
    return 0x0A00_0000 + 1 + flow;
  }

  static int serverAddress(int flow) {
    return 0xAC10_0000 + 1 + flow % 65_521;
  }

  static int clientPort(int flow) {
    return 1024 + flow % 60_000;
  }

  /** {@code flows} frames of one kind, frame {@code i} belonging to flow {@code i}. */
  static MemorySegment build(Arena arena, Kind kind, int flows) {
    if (flows < 1 || flows > MAX_FLOWS) {
      throw new IllegalArgumentException("flows must be 1 .. " + MAX_FLOWS);
    }
    byte[] template = kind.template();
    if (template.length > STRIDE - 2) {
      throw new IllegalStateException(
          "template of " + template.length + " bytes does not fit a cell");
    }
    MemorySegment frames = arena.allocate((long) flows * STRIDE, 64);
    MemorySegment source = MemorySegment.ofArray(template);
    for (int flow = 0; flow < flows; flow++) {
      long cell = (long) flow * STRIDE;
      MemorySegment.copy(source, 0, frames, cell, template.length);
      frames.set(LENGTH, cell + STRIDE - 2, (short) template.length);
      int client = clientAddress(flow);
      int server = serverAddress(flow);
      frames.set(U32, cell + IP_SOURCE, kind.forward ? client : server);
      frames.set(U32, cell + IP_DESTINATION, kind.forward ? server : client);
      frames.set(
          U16, cell + (kind.forward ? SOURCE_PORT : DESTINATION_PORT), (short) clientPort(flow));
      frames.set(U16, cell + IP_CHECKSUM, (short) 0);
      frames.set(U16, cell + IP_CHECKSUM, (short) ipv4HeaderChecksum(frames, cell + IP));
    }
    return frames;
  }

  /** RFC 1071 one's-complement sum over the 20-byte IPv4 header. */
  private static int ipv4HeaderChecksum(MemorySegment frames, long header) {
    int sum = 0;
    for (int i = 0; i < 20; i += 2) {
      sum += frames.get(U16, header + i) & 0xffff;
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return ~sum & 0xffff;
  }

  static int length(MemorySegment cells, long index) {
    return cells.get(LENGTH, index * STRIDE + STRIDE - 2);
  }

  /**
   * A packet stream of {@code cells} frames (a power of two) drawn at random, with replacement,
   * from {@code sources}: read in order it is what a NIC ring would hold, so the benchmark loop
   * reads frames sequentially and only the session lookup jumps around memory.
   */
  static MemorySegment stream(
      Arena arena, MemorySegment[] sources, int flows, int cells, long seed) {
    if (Integer.bitCount(cells) != 1) {
      throw new IllegalArgumentException("cells must be a power of two");
    }
    MemorySegment stream = arena.allocate((long) cells * STRIDE, 64);
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < cells; i++) {
      MemorySegment source = sources[random.nextInt(sources.length)];
      MemorySegment.copy(
          source, (long) random.nextInt(flows) * STRIDE, stream, (long) i * STRIDE, STRIDE);
    }
    return stream;
  }

  /** The smallest power of two at least {@code n}, within [2^16, 2^25]. */
  static int streamCells(long n) {
    long cells = Long.highestOneBit(Math.max(1L << 16, n - 1)) << 1;
    return (int) Math.min(cells, 1L << 25);
  }

  /**
   * Decodes the frame in cell {@code index} into {@code packet}; fails loudly if it does not
   * decode.
   */
  static void parse(PacketDescriptor packet, MemorySegment cells, long index, long timestampNs) {
    int length = length(cells, index);
    DropReason undecodable =
        PacketParser.parse(cells, index * STRIDE, length, length, LinkType.ETHERNET, packet);
    if (undecodable != null) {
      throw new IllegalStateException("bench frame " + index + " does not decode: " + undecodable);
    }
    packet.timestampNs = timestampNs;
  }

  static PacketDescriptor[] descriptors(int count) {
    PacketDescriptor[] descriptors = new PacketDescriptor[count];
    for (int i = 0; i < count; i++) {
      descriptors[i] = new PacketDescriptor();
    }
    return descriptors;
  }

  /**
   * Parses frame {@code index} of {@code cells} and sends it through {@code spu} at {@code
   * timestampNs}.
   */
  static DropReason parseAndProcess(
      SpuAgent spu, PacketDescriptor packet, MemorySegment cells, long index, long timestampNs) {
    int length = length(cells, index);
    DropReason undecodable =
        PacketParser.parse(cells, index * STRIDE, length, length, LinkType.ETHERNET, packet);
    if (undecodable != null) {
      return undecodable;
    }
    packet.timestampNs = timestampNs;
    return spu.process(packet);
  }

  /**
   * Sends every frame of {@code frames} through the flow (setup only, not measured) and fails
   * loudly unless each one was forwarded.
   */
  static void processAll(
      SpuAgent spu,
      PacketDescriptor packet,
      MemorySegment frames,
      int flows,
      long timestampNs,
      String what) {
    for (int flow = 0; flow < flows; flow++) {
      DropReason verdict = parseAndProcess(spu, packet, frames, flow, timestampNs);
      if (verdict != null) {
        throw new IllegalStateException(what + " of flow " + flow + " was dropped: " + verdict);
      }
    }
  }
}
