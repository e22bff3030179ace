package org.flowgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DNS ALG's checks on the project's own capture: well-formed queries and answers pass (the
 * answer closes the session), a query whose counts run past the message, one with a compression
 * pointer loop and one with a 300-byte name are dropped and counted; with {@code security alg dns
 * disable} they pass, and a session lives on after its answer; a message over
 * maximum-message-length is dropped only with {@code oversize-message-drop}.
 */
class DnsAlgCommandLineTest {
  @TempDir Path dir;

  static final String CLIENT = "192.168.1.10";
  static final String SERVER = "198.51.100.53";

  static final String CONFIG =
      """
      set interfaces ge-0/0/0 unit 0 family inet address 203.0.113.1/24
      set interfaces ge-0/0/1 unit 0 family inet address 192.168.1.1/24
      set routing-options static route 0.0.0.0/0 next-hop 203.0.113.254
      set security zones security-zone untrust interfaces ge-0/0/0.0
      set security zones security-zone trust interfaces ge-0/0/1.0
      set security policies from-zone trust to-zone untrust policy dns match source-address any
      set security policies from-zone trust to-zone untrust policy dns match destination-address any
      set security policies from-zone trust to-zone untrust policy dns match application junos-dns-udp
      set security policies from-zone trust to-zone untrust policy dns then permit
      """;

  static byte[] query(int id, String... labels) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) (id >>> 8), (byte) id, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0});
    for (String label : labels) {
      out.write(label.length());
      out.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
    }
    out.write(0);
    out.writeBytes(new byte[] {0, 1, 0, 1});
    return out.toByteArray();
  }

  static byte[] answer(byte[] query) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(query);
    out.writeBytes(
        new byte[] {(byte) 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 93, (byte) 184, 1, 1});
    byte[] a = out.toByteArray();
    a[2] = (byte) 0x81;
    a[3] = (byte) 0x80;
    a[7] = 1;
    return a;
  }

  private static byte[] udp(String from, int fromPort, String to, int toPort, byte[] payload) {
    return PacketBuilder.ipv4(from, to).udp(fromPort, toPort).payload(payload).ethernet();
  }

  private List<byte[]> traffic() {
    List<byte[]> frames = new ArrayList<>();
    byte[] good = query(0x1111, "www", "example", "com");
    frames.add(udp(CLIENT, 40001, SERVER, 53, good));
    frames.add(udp(SERVER, 53, CLIENT, 40001, answer(good)));
    byte[] counts = query(0x2222, "example", "com");
    counts[5] = 9; // nine questions, one present
    frames.add(udp(CLIENT, 40002, SERVER, 53, counts));
    byte[] loop = {0x33, 0x33, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 'a', (byte) 0xc0, 12, 0, 1, 0, 1};
    frames.add(udp(CLIENT, 40003, SERVER, 53, loop));
    String[] labels = new String[5];
    java.util.Arrays.fill(labels, "x".repeat(60));
    frames.add(udp(CLIENT, 40004, SERVER, 53, query(0x4444, labels)));
    byte[] large = query(0x5555, "y".repeat(63), "y".repeat(63), "y".repeat(63), "com");
    byte[] oversized = java.util.Arrays.copyOf(large, 600); // 600 bytes: trailing padding
    frames.add(udp(CLIENT, 40005, SERVER, 53, oversized));
    return frames;
  }

  private AlgReplay.Run run(String config) throws IOException {
    return AlgReplay.replay(
        dir,
        config,
        AlgReplay.capture(dir, "dns.pcap", traffic(), 0),
        List.of("--spus", "1"),
        "show security flow session",
        "show security flow statistics | match \"Packets dropped|dropped by ALG|policy deny\"");
  }

  @Test
  void malformedMessagesAreDroppedAndCountedAndPassWithTheAlgOff() throws IOException {
    AlgReplay.Run on = run(CONFIG);
    assertThat(on.status()).as(on.err()).isZero();
    assertThat(on.out()).contains("Packets dropped: 3").contains("dropped by ALG: 3");
    assertThat(on.out()).contains("policy deny: 0");
    // the session whose answer came is closing (response received): its timeout is the
    // response's, not the 60 s of an open UDP session
    assertThat(on.out()).doesNotContain("Resource information");

    AlgReplay.Run off = run(CONFIG + "set security alg dns disable\n");
    assertThat(off.status()).as(off.err()).isZero();
    assertThat(off.out()).contains("Packets dropped: 0");
  }

  @Test
  void anOversizedMessageIsDroppedOnlyWithOversizeMessageDrop() throws IOException {
    AlgReplay.Run drop = run(CONFIG + "set security alg dns oversize-message-drop\n");
    assertThat(drop.status()).as(drop.err()).isZero();
    assertThat(drop.out()).contains("dropped by ALG: 4");
    AlgReplay.Run longer =
        run(
            CONFIG
                + "set security alg dns oversize-message-drop\n"
                + "set security alg dns maximum-message-length 1024\n");
    assertThat(longer.out()).contains("dropped by ALG: 3");
  }

  @Test
  void theAnswerClosesTheSessionOnlyWhileTheAlgIsOn() throws IOException {
    AlgReplay.Run on = run(CONFIG);
    AlgReplay.Run off = run(CONFIG + "set security alg dns disable\n");
    String onSession = AlgReplay.sessionWith(on.out(), CLIENT + "/40001 --> " + SERVER + "/53");
    String offSession = AlgReplay.sessionWith(off.out(), CLIENT + "/40001 --> " + SERVER + "/53");
    assertThat(offSession).contains("Timeout: 60,");
    assertThat(onSession).containsPattern("Timeout: [0-4],");
  }
}
