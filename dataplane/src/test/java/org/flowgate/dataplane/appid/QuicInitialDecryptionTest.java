package org.flowgate.dataplane.appid;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.flowgate.dataplane.appid.quic.QuicInitialDecryptor;
import org.junit.jupiter.api.Test;

/** RFC 9001 Appendix A: the Initial keys and packets of the example connection. */
class QuicInitialDecryptionTest {
  private static final byte[] DCID = Payloads.hex("8394c8f03e515708");

  /** RFC 9001 A.2: the unprotected payload starts with this CRYPTO frame; PADDING follows. */
  private static final byte[] CLIENT_PAYLOAD_PREFIX =
      Payloads.hex(
          "060040f1010000ed0303ebf8fa56f12939b9584a3896472ec40bb863cfd3e86804fe3a47f06a2b69484c"
              + "00000413011302010000c000000010000e00000b6578616d706c652e636f6dff01000100000a0008"
              + "0006001d0017001800100007000504616c706e000500050100000000003300260024001d00209370"
              + "b2c9caa47fbabaf4559fedba753de171fa71f50f1ce15d43e994ec74d748002b0003020304000d00"
              + "10000e0403050306030203080408050806002d00020101001c00024001003900320408ffffffffff"
              + "ffffff05048000ffff07048000ffff0801100104800075300901100f088394c8f03e51570806048000ffff");

  /** RFC 9001 A.3: the server Initial, protected (keys from the client's original DCID). */
  private static final byte[] SERVER_INITIAL =
      Payloads.hex(
          "cf000000010008f067a5502a4262b5004075c0d95a482cd0991cd25b0aac406a5816b6394100f37a1c"
              + "69797554780bb38cc5a99f5ede4cf73c3ec2493a1839b3dbcba3f6ea46c5b7684df3548e7ddeb9c3"
              + "bf9c73cc3f3bded74b562bfb19fb84022f8ef4cdd93795d77d06edbb7aaf2f58891850abbdca3d20"
              + "398c276456cbc42158407dd074ee");

  static byte[] clientInitial() throws IOException {
    try (InputStream in =
        QuicInitialDecryptionTest.class.getResourceAsStream("/appid/rfc9001-client-initial.hex")) {
      String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      return HexFormat.of().parseHex(text.replaceAll("#[^\\n]*\\n", "").replaceAll("\\s", ""));
    }
  }

  @Test
  void derivesTheClientInitialKeysOfAppendixA1() throws IOException {
    QuicInitialDecryptor decryptor = new QuicInitialDecryptor();
    byte[] packet = clientInitial();
    decryptor.decrypt(MemorySegment.ofArray(packet), 0, packet.length, new byte[2048], DCID, false);

    assertThat(HexFormat.of().formatHex(decryptor.lastKey()))
        .isEqualTo("1f369613dd76d5467730efcbe3b1a22d");
    assertThat(HexFormat.of().formatHex(decryptor.lastIv())).isEqualTo("fa044b2f42a3fd3b46fb255c");
    assertThat(HexFormat.of().formatHex(decryptor.lastHeaderProtectionKey()))
        .isEqualTo("9f50449e04a0e810283a1e9933adedd2");
  }

  @Test
  void decryptsTheClientInitialOfAppendixA2() throws IOException {
    byte[] packet = clientInitial();
    assertThat(packet).hasSize(1200);
    byte[] out = new byte[2048];

    int length =
        new QuicInitialDecryptor()
            .decrypt(MemorySegment.ofArray(packet), 0, packet.length, out, null, false);

    assertThat(length).isEqualTo(1162);
    assertThat(Arrays.copyOf(out, CLIENT_PAYLOAD_PREFIX.length)).isEqualTo(CLIENT_PAYLOAD_PREFIX);
    assertThat(Arrays.copyOfRange(out, CLIENT_PAYLOAD_PREFIX.length, length))
        .containsOnly((byte) 0); // PADDING frames
  }

  @Test
  void derivesTheServerKeysAndDecryptsTheServerInitialOfAppendixA3() {
    QuicInitialDecryptor decryptor = new QuicInitialDecryptor();
    byte[] out = new byte[2048];

    int length =
        decryptor.decrypt(
            MemorySegment.ofArray(SERVER_INITIAL), 0, SERVER_INITIAL.length, out, DCID, true);

    assertThat(HexFormat.of().formatHex(decryptor.lastKey()))
        .isEqualTo("cf3a5331653c364c88f0f379b6067e37");
    assertThat(HexFormat.of().formatHex(decryptor.lastIv())).isEqualTo("0ac1493ca1905853b0bba03e");
    assertThat(HexFormat.of().formatHex(decryptor.lastHeaderProtectionKey()))
        .isEqualTo("c206b8d9b9f0f37644430b490eeaa314");
    // A.3: an ACK frame, then a CRYPTO frame with the ServerHello
    assertThat(length).isPositive();
    assertThat(HexFormat.of().formatHex(out, 0, 10)).isEqualTo("02000000000600405a02");
  }

  @Test
  void refusesAPacketWhoseCiphertextWasAltered() throws IOException {
    byte[] packet = clientInitial();
    packet[600] ^= 1;

    int length =
        new QuicInitialDecryptor()
            .decrypt(MemorySegment.ofArray(packet), 0, packet.length, new byte[2048], null, false);

    assertThat(length).isEqualTo(QuicInitialDecryptor.DECRYPTION_FAILED);
  }

  @Test
  void namesQuicAndTheServerNameFromTheAppendixInitial() throws IOException {
    ApplicationInspector inspector = new ApplicationInspector(AppIdSettings.defaults());
    AppIdFlow flow = AppIdFlow.udp(inspector, 443);
    flow.begin();

    assertThat(flow.datagram(true, clientInitial())).isEqualTo(ApplicationCatalog.PENDING);
    assertThat(flow.datagram(false, SERVER_INITIAL))
        .isEqualTo(inspector.catalog().id("junos:QUIC"));
    assertThat(inspector.decodeErrors()).isZero();
  }

  @Test
  void namesQuicFromAClientHelloSpreadOverTwoInitials() throws Exception {
    byte[] hello = Payloads.clientHello("www.youtube.com", "h3", 1400, true);
    byte[] dcid = Payloads.hex("0011223344556677");
    int half = 1000;
    byte[] first =
        QuicPackets.clientInitial(
            QuicPackets.VERSION_1, dcid, 0, QuicPackets.crypto(0, Payloads.slice(hello, 0, half)));
    byte[] second =
        QuicPackets.clientInitial(
            QuicPackets.VERSION_1,
            dcid,
            1,
            QuicPackets.crypto(half, Payloads.slice(hello, half, hello.length)));
    ApplicationInspector inspector = new ApplicationInspector(AppIdSettings.defaults());
    AppIdFlow flow = AppIdFlow.udp(inspector, 443);
    flow.begin();

    flow.datagram(true, first);
    assertThat(flow.nested()).isEqualTo(ApplicationCatalog.UNKNOWN); // the name is in the second
    flow.datagram(true, second);

    assertThat(flow.end()).isEqualTo(inspector.catalog().id("junos:QUIC"));
    assertThat(inspector.lastNestedApplication())
        .isEqualTo(inspector.catalog().id("junos:YOUTUBE"));
    assertThat(inspector.decodeErrors()).isZero();
  }

  @Test
  void decryptsQuicVersion2Initials() throws Exception {
    byte[] hello = Payloads.clientHello("docs.github.com", "h3", 0);
    byte[] packet =
        QuicPackets.clientInitial(
            QuicPackets.VERSION_2,
            Payloads.hex("a1a2a3a4a5a6a7a8"),
            7,
            QuicPackets.crypto(0, hello));
    ApplicationInspector inspector = new ApplicationInspector(AppIdSettings.defaults());
    AppIdFlow flow = AppIdFlow.udp(inspector, 443);
    flow.begin();

    flow.datagram(true, packet);

    assertThat(flow.end()).isEqualTo(inspector.catalog().id("junos:QUIC"));
    assertThat(inspector.lastNestedApplication()).isEqualTo(inspector.catalog().id("junos:GITHUB"));
  }
}
