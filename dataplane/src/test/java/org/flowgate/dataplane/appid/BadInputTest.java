package org.flowgate.dataplane.appid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.flowgate.dataplane.appid.Payloads.ascii;
import static org.flowgate.dataplane.appid.Payloads.clientHello;
import static org.flowgate.dataplane.appid.Payloads.record;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Garbage on well-known ports, truncated and mutated payloads: never named by port alone, never an
 * exception, decode errors counted. Random bytes come from fixed seeds, printed with every failure.
 */
class BadInputTest {
  private static final long SEED = 0x5eed_0012L;

  private static final int[] TCP_PORTS = {
    21, 22, 23, 25, 53, 80, 88, 110, 111, 119, 135, 139, 143, 389, 443, 445, 465, 554, 587, 993,
    995, 1194, 1433, 1883, 2049, 3306, 3389, 5060, 5432, 5672, 6379, 6667, 8080, 27017
  };
  private static final int[] UDP_PORTS = {
    53, 67, 69, 88, 111, 123, 137, 138, 161, 162, 389, 443, 500, 514, 546, 547, 1194, 3478, 4500,
    5060, 5353, 51820
  };

  private static byte[] garbage(SplittableRandom random, int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    return bytes;
  }

  @Test
  void garbageOnWellKnownTcpPortsIsNotNamedByThePort() {
    SplittableRandom random = new SplittableRandom(SEED);
    ApplicationInspector inspector = new ApplicationInspector(AppIdSettings.defaults());
    for (int port : TCP_PORTS) {
      for (int round = 0; round < 20; round++) {
        AppIdFlow flow = AppIdFlow.tcp(inspector, port).handshake();
        for (int i = 0; i < 4; i++) {
          flow.client(garbage(random, 1 + random.nextInt(600)));
          flow.server(garbage(random, 1 + random.nextInt(600)));
        }
        assertThat(flow.end())
            .as("seed %x, tcp/%d, round %d", SEED, port, round)
            .isIn(ApplicationCatalog.UNKNOWN, ApplicationCatalog.INCONCLUSIVE);
      }
    }
  }

  @Test
  void garbageOnWellKnownUdpPortsIsNotNamedByThePort() {
    SplittableRandom random = new SplittableRandom(SEED + 1);
    ApplicationInspector inspector = new ApplicationInspector(AppIdSettings.defaults());
    for (int port : UDP_PORTS) {
      for (int round = 0; round < 20; round++) {
        AppIdFlow flow = AppIdFlow.udp(inspector, port);
        flow.begin();
        for (int i = 0; i < 4; i++) {
          flow.datagram(true, garbage(random, 1 + random.nextInt(600)));
          flow.datagram(false, garbage(random, 1 + random.nextInt(600)));
        }
        assertThat(flow.end())
            .as("seed %x, udp/%d, round %d", SEED + 1, port, round)
            .isIn(ApplicationCatalog.UNKNOWN, ApplicationCatalog.INCONCLUSIVE);
      }
    }
  }

  @Test
  void printableTextOnWebAndMailPortsIsNotNamed() {
    ApplicationInspector inspector = new ApplicationInspector(AppIdSettings.defaults());
    for (int port : new int[] {80, 443, 25, 110, 143, 21, 22}) {
      AppIdFlow flow = AppIdFlow.tcp(inspector, port).handshake();
      flow.client(ascii("hello there\r\n"));
      flow.server(ascii("general kenobi\r\n"));

      assertThat(flow.end()).as("tcp/%d", port).isEqualTo(ApplicationCatalog.UNKNOWN);
    }
  }

  @Test
  void truncatedMessagesNeverThrowAndAreNotNamedAsCompleteOnes() {
    ApplicationInspector inspector = new ApplicationInspector(AppIdSettings.defaults());
    byte[] hello = record(22, clientHello("www.google.com", "h2", 100));
    for (int cut = 1; cut < 40; cut++) {
      AppIdFlow flow = AppIdFlow.tcp(inspector, 443).handshake();
      flow.client(Arrays.copyOf(hello, cut));
      int result = flow.end();
      assertThat(result).as("ClientHello cut at %d", cut).isNotEqualTo(ApplicationCatalog.PENDING);
    }
  }

  @Test
  void quicInitialsThatFailDecryptionAreCountedNotThrown() throws IOException {
    ApplicationInspector inspector = new ApplicationInspector(AppIdSettings.defaults());
    byte[] packet = QuicInitialDecryptionTest.clientInitial();
    packet[1000] ^= 0x40;
    AppIdFlow flow = AppIdFlow.udp(inspector, 443);
    flow.begin();

    flow.datagram(true, packet);

    assertThat(inspector.decodeErrors(DecodeError.QUIC_DECRYPTION)).isEqualTo(1);
    assertThat(flow.end()).isNotEqualTo(inspector.catalog().id("junos:QUIC"));
  }

  @Test
  void aQuicLongHeaderWithImpossibleLengthsIsCountedNotThrown() throws IOException {
    ApplicationInspector inspector = new ApplicationInspector(AppIdSettings.defaults());
    byte[] packet = QuicInitialDecryptionTest.clientInitial();
    packet[5] = 30; // a destination connection id longer than 20 bytes
    AppIdFlow flow = AppIdFlow.udp(inspector, 443);
    flow.begin();

    flow.datagram(true, packet);

    assertThat(inspector.decodeErrors(DecodeError.QUIC_HEADER)).isEqualTo(1);
  }

  /** Valid payloads whose mutations reach deep into the decoders. */
  private static List<byte[]> seeds() throws IOException {
    return List.of(
        record(22, clientHello("seed.example", "h2", 200)),
        ascii("GET /a HTTP/1.1\r\nHost: seed.example\r\n\r\n"),
        ascii("220 mail ESMTP\r\nEHLO x\r\nSTARTTLS\r\n"),
        ascii("SSH-2.0-x\r\n"),
        ascii("INVITE sip:a@b SIP/2.0\r\n\r\n"),
        Payloads.hex("1a2b 0100 0001 0000 0000 0000 03777777 00 0001 0001"),
        Payloads.hex(
            "3026 020101 0406 7075626c6963 a019 0204 1234abcd 020100 020100 300b 3009 0605 2b06010201 0500"),
        Payloads.hex("6a 0f 30 0d a1 03 02 01 05 a2 03 02 01 0a a3 01 00"),
        Payloads.hex("0300 0013 0e e0 0000 0000 00 01 00 0800 03000000"),
        Payloads.hex("fe534d42 40000000 00000000 0000"),
        Payloads.hex("8000 1000 00000000 11223344"),
        QuicInitialDecryptionTest.clientInitial());
  }

  @Test
  void mutatedPayloadsNeverThrow() throws IOException {
    SplittableRandom random = new SplittableRandom(SEED + 2);
    List<byte[]> seeds = seeds();
    ApplicationInspector inspector =
        new ApplicationInspector(AppIdSettings.defaults().withPools(64, 32, 1024, 1024, 256));
    int[] ports = {443, 80, 25, 22, 5060, 53, 161, 88, 3389, 445, 16384, 4500, 123};
    for (int iteration = 0; iteration < 4000; iteration++) {
      byte[] seed = seeds.get(random.nextInt(seeds.size()));
      byte[] mutated = mutate(random, seed);
      int port = ports[random.nextInt(ports.length)];
      boolean tcp = random.nextBoolean();
      int round = iteration;
      assertThatCode(
              () -> {
                AppIdFlow flow =
                    tcp
                        ? AppIdFlow.tcp(inspector, port).handshake()
                        : AppIdFlow.udp(inspector, port);
                if (!tcp) {
                  flow.begin();
                }
                int cut = mutated.length == 0 ? 0 : random.nextInt(mutated.length + 1);
                if (tcp) {
                  flow.client(Arrays.copyOfRange(mutated, 0, cut));
                  flow.client(Arrays.copyOfRange(mutated, cut, mutated.length));
                  flow.server(mutate(random, seed));
                } else {
                  flow.datagram(true, mutated);
                  flow.datagram(false, mutate(random, seed));
                }
                flow.end();
              })
          .as("seed %x, iteration %d", SEED + 2, round)
          .doesNotThrowAnyException();
    }
    assertThat(inspector.sessionsInProgress()).isZero();
    assertThat(inspector.streamBuffersInUse()).isZero();
  }

  private static byte[] mutate(SplittableRandom random, byte[] seed) {
    byte[] bytes = seed.clone();
    switch (random.nextInt(4)) {
      case 0 -> {
        for (int i = 0; i < 1 + random.nextInt(8); i++) {
          bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
      }
      case 1 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
      case 2 -> {
        int at = random.nextInt(bytes.length);
        bytes[at] = (byte) 0xff; // lengths and counts at their largest
        if (at + 1 < bytes.length) {
          bytes[at + 1] = (byte) 0xff;
        }
      }
      default -> {
        byte[] longer = Arrays.copyOf(bytes, bytes.length + random.nextInt(64));
        random.nextBytes(longer);
        System.arraycopy(
            bytes, 0, longer, 0, Math.min(bytes.length, random.nextInt(bytes.length + 1)));
        bytes = longer;
      }
    }
    return bytes;
  }
}
