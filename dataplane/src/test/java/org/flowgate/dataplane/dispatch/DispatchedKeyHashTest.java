package org.flowgate.dataplane.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.packet.PacketParser;
import org.flowgate.dataplane.session.SessionTable;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;

/**
 * The key hash the dispatcher hands its SPU in the ring entry (docs/adr/0036) is exactly the one
 * the SPU would compute from its own parse of the frame, and is handed only for the packets the SPU
 * looks up by hash.
 */
class DispatchedKeyHashTest {
  private static final long SEED = 0x5eed_0036L;

  private record Frame(byte[] bytes, int linkType) {}

  private static List<Frame> frames() {
    List<byte[]> frames = new ArrayList<>();
    byte[] quoted = PacketBuilder.ipv4("10.0.0.5", "198.51.100.7").udp(40000, 53).ip();
    frames.add(PacketBuilder.ipv4("10.0.0.5", "198.51.100.7").udp(40000, 53).ethernet());
    frames.add(
        PacketBuilder.ipv4("10.0.0.5", "198.51.100.7")
            .tcp(40001, 443, PacketBuilder.SYN, 1000, 0)
            .ethernet(100));
    frames.add(
        PacketBuilder.ipv6("2001:db8::5", "2001:db8:1::7")
            .tcp(40002, 80, PacketBuilder.ACK, 1, 1)
            .payloadLength(30)
            .ethernet());
    frames.add(PacketBuilder.ipv4("10.0.0.5", "198.51.100.7").icmpEcho(true, 7, 1).ethernet());
    frames.add(PacketBuilder.ipv4("198.51.100.1", "10.0.0.5").icmpError(3, 3, quoted).ethernet());
    frames.add(PacketBuilder.ipv4("10.0.0.5", "198.51.100.7").protocol(47).ethernet());
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < 2000; i++) {
      String source = "10." + random.nextInt(256) + "." + random.nextInt(256) + ".1";
      String destination = "172.16." + random.nextInt(256) + "." + random.nextInt(1, 255);
      PacketBuilder builder = PacketBuilder.ipv4(source, destination);
      frames.add(
          random.nextBoolean()
              ? builder.udp(random.nextInt(1, 65536), random.nextInt(1, 65536)).ethernet()
              : builder
                  .tcp(random.nextInt(1, 65536), random.nextInt(1, 65536), PacketBuilder.ACK, 1, 1)
                  .ethernet());
    }
    byte[] garbage = new byte[40];
    random.nextBytes(garbage);
    frames.add(garbage);
    List<Frame> all = new ArrayList<>();
    frames.forEach(frame -> all.add(new Frame(frame, LinkType.ETHERNET)));
    PacketBuilder fragmented =
        PacketBuilder.ipv4("10.0.0.5", "198.51.100.7").udp(40003, 5000).payloadLength(1400);
    all.add(new Frame(fragmented.ipv4Fragment(0, 800, true), LinkType.RAW));
    all.add(new Frame(fragmented.ipv4Fragment(800, 608, false), LinkType.RAW));
    all.add(new Frame(fragmented.ip(), LinkType.RAW));
    return all;
  }

  @Test
  void handsTheSessionKeyHashTheSpuWouldComputeAndNothingForOtherPackets() {
    Dispatcher dispatcher = new Dispatcher(2);
    PacketDescriptor spuParse = new PacketDescriptor();
    int handed = 0;
    for (Frame frame : frames()) {
      byte[] bytes = frame.bytes();
      MemorySegment segment = MemorySegment.ofArray(bytes);
      dispatcher.spuFor(segment, 0, bytes.length, bytes.length, frame.linkType(), 0);
      long word = dispatcher.keyHashOfLast();
      boolean decoded =
          PacketParser.parse(segment, 0, bytes.length, bytes.length, frame.linkType(), spuParse)
              == null;
      boolean hashedBySpu =
          decoded && spuParse.hasPorts && !spuParse.fragment && !spuParse.icmpError;
      if (!hashedBySpu) {
        assertThat(word).as("seed %x, a frame the SPU does not hash", SEED).isZero();
        continue;
      }
      handed++;
      int expected =
          SessionTable.keyHash(
              spuParse.sourceHi,
              spuParse.sourceLo,
              spuParse.destinationHi,
              spuParse.destinationLo,
              spuParse.sourcePort,
              spuParse.destinationPort,
              spuParse.protocol,
              0);
      assertThat(word & Dispatcher.KEY_HASH_KNOWN).as("seed %x", SEED).isNotZero();
      assertThat((int) word).as("seed %x", SEED).isEqualTo(expected);
    }
    // at least every UDP and TCP frame that is not a fragment (2 + 1 IPv6 + 2000 random + the
    // unfragmented datagram); an ICMP echo is looked up by its identifier too
    assertThat(handed).isGreaterThanOrEqualTo(2004);
  }

  @Test
  void oneSpuParsesNothingAndHandsNothing() {
    Dispatcher dispatcher = new Dispatcher(1);
    for (Frame frame : frames()) {
      byte[] bytes = frame.bytes();
      dispatcher.spuFor(
          MemorySegment.ofArray(bytes), 0, bytes.length, bytes.length, frame.linkType(), 0);
      assertThat(dispatcher.keyHashOfLast()).isZero();
    }
  }
}
