package org.flowgate.dataplane.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.SplittableRandom;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;

/**
 * The parser decodes plain Ethernet/IPv4/UDP-or-TCP frames in a few wide reads; for every frame,
 * well formed or not, it must give what the field-by-field decoder gives: the same verdict and the
 * same descriptor, field for field.
 */
class PlainFrameShortcutTest {
  private static final List<byte[]> SEEDS =
      List.of(
          PacketBuilder.ipv4("10.0.0.1", "172.16.0.9").udp(40_000, 53).payloadLength(20).ethernet(),
          PacketBuilder.ipv4("10.0.0.1", "172.16.0.9").udp(1024, 5000).ethernet(),
          PacketBuilder.ipv4("192.168.1.20", "198.51.100.9")
              .tcp(50_000, 443, PacketBuilder.SYN, 1_000, 0)
              .ethernet(),
          PacketBuilder.ipv4("198.51.100.9", "192.168.1.20")
              .tcp(443, 50_000, PacketBuilder.ACK | PacketBuilder.FIN, 0xffff_fff0L, 0x8000_0001L)
              .payloadLength(100)
              .ethernet(),
          PacketBuilder.ipv4("10.0.0.1", "10.0.0.2")
              .ipv4Options(new byte[] {1, 1, 1, 0})
              .udp(1, 2)
              .ethernet(),
          PacketBuilder.frame(
              LinkType.ETHERNET,
              PacketBuilder.ipv4("10.0.0.1", "10.0.0.2")
                  .udp(1, 2)
                  .payloadLength(3000)
                  .ipv4Fragments(1480)
                  .get(0)),
          PacketBuilder.ipv4("10.0.0.1", "10.0.0.2").icmpEcho(true, 1, 2).ethernet(),
          PacketBuilder.ipv4("10.0.0.1", "10.0.0.2").sctp(1, 2).ethernet(),
          PacketBuilder.ipv4("10.0.0.1", "10.0.0.2").udp(1, 2).ethernet(100),
          PacketBuilder.ipv6("2001:db8::1", "2001:db8::2").udp(1, 2).ethernet());

  @Test
  void everyFrameDecodesAsTheFieldByFieldDecoderDecodesIt() throws IllegalAccessException {
    long seed = Long.getLong("flowgate.fuzz.seed", System.nanoTime());
    SplittableRandom random = new SplittableRandom(seed);
    PacketDescriptor shortcut = new PacketDescriptor();
    PacketDescriptor reference = new PacketDescriptor();
    int plain = 0;
    for (int round = 0; round < 300_000; round++) {
      byte[] frame = SEEDS.get(random.nextInt(SEEDS.size())).clone();
      int mutations = random.nextInt(4);
      for (int i = 0; i < mutations; i++) {
        // mostly in the headers the shortcut reads, now and then anywhere
        int at =
            random.nextInt(4) == 0
                ? random.nextInt(frame.length)
                : random.nextInt(Math.min(frame.length, 56));
        frame[at] =
            random.nextBoolean()
                ? (byte) random.nextInt(256)
                : (byte) (frame[at] ^ (1 << random.nextInt(8)));
      }
      if (random.nextInt(6) == 0) {
        frame = java.util.Arrays.copyOf(frame, random.nextInt(frame.length + 8));
      }
      byte[] padded = java.util.Arrays.copyOf(frame, frame.length + random.nextInt(3) * 16);
      int captured = random.nextInt(6) == 0 ? random.nextInt(-2, padded.length + 3) : frame.length;
      int original = random.nextInt(6) == 0 ? random.nextInt(-2, 2 * padded.length) : captured;
      long offset = random.nextInt(8) == 0 ? random.nextInt(-1, 3) : 0;
      MemorySegment segment = MemorySegment.ofArray(padded);

      DropReason fast =
          PacketParser.parse(
              segment, offset, captured, original, LinkType.ETHERNET, shortcut, true);
      DropReason slow =
          PacketParser.parse(
              segment, offset, captured, original, LinkType.ETHERNET, reference, false);
      String where =
          "seed "
              + seed
              + " round "
              + round
              + " offset "
              + offset
              + " captured "
              + captured
              + " original "
              + original
              + " frame "
              + java.util.HexFormat.of().formatHex(padded);
      assertThat(fast).as(where).isEqualTo(slow);
      assertThat(fields(shortcut)).as(where).isEqualTo(fields(reference));
      if (slow == null
          && reference.ipVersion == 4
          && reference.hasPorts
          && (reference.protocol == 6 || reference.protocol == 17)) {
        plain++;
      }
    }
    assertThat(plain).as("frames the shortcut could take").isGreaterThan(30_000);
  }

  private static String fields(PacketDescriptor packet) throws IllegalAccessException {
    StringBuilder all = new StringBuilder();
    for (Field field : PacketDescriptor.class.getFields()) {
      if (!Modifier.isStatic(field.getModifiers())) {
        all.append(field.getName()).append('=').append(field.get(packet)).append(' ');
      }
    }
    return all.toString();
  }
}
