package org.flowgate.dataplane.appid;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import org.flowgate.dataplane.appid.decode.Decoders;
import org.junit.jupiter.api.Test;

/**
 * The first-byte filter may only drop a decoder that could not have matched: for every first byte a
 * decoder refuses, no payload starting with it (random ones here, fixed seed) gets a match.
 */
class FirstByteFilterTest {
  private static final long SEED = 0xf1257L;
  private static final int[] PORTS = {
    80, 443, 25, 53, 88, 123, 161, 389, 514, 3389, 4500, 5060, 40000
  };

  private final ApplicationInspector inspector = new ApplicationInspector(AppIdSettings.defaults());
  private final ApplicationCatalog catalog = inspector.catalog();
  private final DecodeContext context =
      new DecodeContext(inspector, catalog, new CustomSignatures(catalog));

  @Test
  void noTcpDecoderMatchesAStreamStartingWithAByteItRefuses() {
    SplittableRandom random = new SplittableRandom(SEED);
    int refusals = 0;
    for (ProtocolDecoder decoder : Decoders.tcp(catalog)) {
      for (int direction = 0; direction < 2; direction++) {
        for (int b = 0; b < 256; b++) {
          if (decoder.acceptsFirstByte(direction, b)) {
            continue;
          }
          refusals++;
          for (int trial = 0; trial < 8; trial++) {
            byte[] payload = payload(random, b);
            context.slot = 0;
            context.protocol = 6;
            context.clientPort = 40000;
            context.serverPort = PORTS[random.nextInt(PORTS.length)];
            context.stream(
                direction, MemorySegment.ofArray(payload), 0, payload.length, random.nextBoolean());
            context.stream(1 - direction, MemorySegment.ofArray(new byte[0]), 0, 0, false);
            int answer = decoder.decodeStream(context);
            assertThat(answer)
                .as(
                    "seed %x: %s, direction %d, first byte %02x",
                    SEED, decoder.name(), direction, b)
                .isIn(ProtocolDecoder.NO_MATCH, ProtocolDecoder.NEED_MORE);
          }
        }
      }
    }
    assertThat(refusals).isGreaterThan(20 * 256);
  }

  @Test
  void noUdpDecoderMatchesADatagramStartingWithAByteItRefuses() {
    SplittableRandom random = new SplittableRandom(SEED + 1);
    for (ProtocolDecoder decoder : Decoders.udp(catalog)) {
      for (int direction = 0; direction < 2; direction++) {
        for (int b = 0; b < 256; b++) {
          if (decoder.acceptsFirstByte(direction, b)) {
            continue;
          }
          for (int trial = 0; trial < 8; trial++) {
            byte[] payload = payload(random, b);
            context.slot = 0;
            context.protocol = 17;
            context.clientPort = 40000;
            context.serverPort = PORTS[random.nextInt(PORTS.length)];
            int answer =
                decoder.decodeDatagram(
                    context, direction, MemorySegment.ofArray(payload), 0, payload.length);
            assertThat(answer)
                .as(
                    "seed %x: %s, direction %d, first byte %02x",
                    SEED + 1, decoder.name(), direction, b)
                .isIn(ProtocolDecoder.NO_MATCH, ProtocolDecoder.NEED_MORE);
          }
        }
      }
    }
  }

  /** {@code first}, then random bytes, or a valid-looking text line, or zeros. */
  private static byte[] payload(SplittableRandom random, int first) {
    byte[] bytes = new byte[1 + random.nextInt(300)];
    switch (random.nextInt(3)) {
      case 0 -> random.nextBytes(bytes);
      case 1 -> {
        byte[] text = Payloads.ascii("EHLO x\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n");
        System.arraycopy(text, 0, bytes, 0, Math.min(text.length, bytes.length));
      }
      default -> {}
    }
    bytes[0] = (byte) first;
    return bytes;
  }
}
