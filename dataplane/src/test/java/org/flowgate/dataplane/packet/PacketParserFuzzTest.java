package org.flowgate.dataplane.packet;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.SplittableRandom;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;

class PacketParserFuzzTest {
  private static final int[] LINK_TYPES = {
    LinkType.NULL,
    LinkType.ETHERNET,
    LinkType.PPP,
    LinkType.RAW,
    LinkType.LINUX_SLL,
    LinkType.NFLOG,
    LinkType.IPV4,
    LinkType.IPV6,
    LinkType.LINUX_SLL2,
    147
  };

  /** Valid frames to mutate, so that random bytes reach deep into every decoder. */
  private static final List<byte[]> SEEDS =
      List.of(
          PacketBuilder.ipv4("10.0.0.1", "10.0.0.2")
              .ipv4Options(new byte[] {1, 7, 7, 4})
              .tcp(1, 2, PacketBuilder.SYN, 3, 4)
              .payloadLength(10)
              .ethernet(5, 6),
          PacketBuilder.ipv6("2001:db8::1", "2001:db8::2")
              .ipv6Extension(0, 8)
              .ipv6Extension(51, 12)
              .udp(1, 2)
              .ip(),
          PacketBuilder.ipv6("2001:db8::1", "2001:db8::2")
              .icmpError(
                  1,
                  0,
                  PacketBuilder.ipv6("2001:db8::2", "2001:db8::1")
                      .ipv6Extension(60, 8)
                      .udp(3, 4)
                      .ip())
              .ip(),
          PacketBuilder.ipv4("10.0.0.1", "10.0.0.2")
              .icmpError(3, 1, PacketBuilder.ipv4("10.0.0.2", "10.0.0.1").icmpEcho(true, 1, 2).ip())
              .pppoeEthernet(1),
          PacketBuilder.ipv6("2001:db8::1", "2001:db8::2")
              .ipv6Extension(0, 8)
              .sctp(1, 2)
              .payloadLength(100)
              .ipv6Fragments(64)
              .get(0),
          PacketBuilder.frame(
              LinkType.NFLOG,
              PacketBuilder.ipv4("10.0.0.1", "10.0.0.2").icmpEcho(false, 1, 2).ip()));

  @Test
  void neverThrowsOnRandomOrMutatedFrames() {
    // a fresh seed each run; -Dflowgate.fuzz.seed=N replays the one a failure printed
    long seed = Long.getLong("flowgate.fuzz.seed", System.nanoTime());
    SplittableRandom random = new SplittableRandom(seed);
    PacketDescriptor out = new PacketDescriptor();
    for (int round = 0; round < 200_000; round++) {
      byte[] frame;
      if (random.nextBoolean()) {
        frame = new byte[random.nextInt(0, 160)];
        random.nextBytes(frame);
      } else {
        frame = SEEDS.get(random.nextInt(SEEDS.size())).clone();
        int flips = random.nextInt(1, 6);
        for (int i = 0; i < flips && frame.length > 0; i++) {
          frame[random.nextInt(frame.length)] = (byte) random.nextInt(256);
        }
        if (random.nextInt(4) == 0) {
          frame = java.util.Arrays.copyOf(frame, random.nextInt(frame.length + 1));
        }
      }
      int linkType = LINK_TYPES[random.nextInt(LINK_TYPES.length)];
      long offset = random.nextInt(-2, 3);
      int captured = random.nextInt(8) == 0 ? random.nextInt(-5, 300) : frame.length;
      int original = random.nextInt(8) == 0 ? random.nextInt(-5, 70_000) : captured;
      MemorySegment segment = MemorySegment.ofArray(frame);
      byte[] current = frame;
      int currentRound = round;
      assertThatCode(() -> PacketParser.parse(segment, offset, captured, original, linkType, out))
          .as(
              "seed %d round %d link type %d offset %d captured %d original %d frame %s",
              seed,
              currentRound,
              linkType,
              offset,
              captured,
              original,
              java.util.HexFormat.of().formatHex(current))
          .doesNotThrowAnyException();
    }
  }
}
