package org.flowgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.flowgate.testkit.Shared;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TFTP ALG on the real nDPI capture (../shared/pcaps/ndpi-tftp.pcap: four transfers whose
 * server answers from a port of its own, two requests without an answer) under a policy that
 * permits only {@code junos-tftp} from the clients' zone: every transfer comes through a gate as a
 * child of its request; with {@code security alg tftp disable} the policy denies the servers'
 * answers.
 */
class TftpAlgCommandLineTest {
  @TempDir Path dir;

  static final String CONFIG =
      """
      set interfaces ge-0/0/0 unit 0 family inet address 203.0.113.1/24
      set interfaces ge-0/0/1 unit 0 family inet address 172.28.4.1/24
      set interfaces ge-0/0/1 unit 0 family inet address 192.168.0.254/30
      set interfaces ge-0/0/1 unit 0 family inet address 172.28.5.89/29
      set interfaces ge-0/0/1 unit 0 family inet address 192.168.2.33/28
      set routing-options static route 0.0.0.0/0 next-hop 203.0.113.254
      set security zones security-zone untrust interfaces ge-0/0/0.0
      set security zones security-zone trust interfaces ge-0/0/1.0
      set security policies from-zone trust to-zone untrust policy tftp-out match source-address any
      set security policies from-zone trust to-zone untrust policy tftp-out match destination-address any
      set security policies from-zone trust to-zone untrust policy tftp-out match application junos-tftp
      set security policies from-zone trust to-zone untrust policy tftp-out then permit
      """;

  private static Path capture() {
    assumeTrue(Shared.present("pcaps/ndpi-tftp.pcap"), Shared.missing("pcaps/ndpi-tftp.pcap"));
    return Shared.resolve("pcaps/ndpi-tftp.pcap");
  }

  @Test
  void everyTransferComesThroughAGateAndIsDeniedWithTheAlgOff() throws IOException {
    Path capture = capture();
    AlgReplay.Run on =
        AlgReplay.replay(
            dir,
            CONFIG,
            capture,
            List.of("--spus", "1"),
            "show security flow session extensive",
            "show security flow statistics | match \"dropped|policy deny\"",
            "show security alg status");
    assertThat(on.status()).as(on.err()).isZero();
    assertThat(on.out()).contains("Packets dropped: 0").contains("policy deny: 0");
    // the last transfer (frames 108-109) is still there at the end: a child of its request
    assertThat(on.out()).contains("Resource information : TFTP ALG, ");
    assertThat(on.out()).contains("  TFTP     : Enabled");

    AlgReplay.Run off =
        AlgReplay.replay(
            dir,
            CONFIG + "set security alg tftp disable\n",
            capture,
            List.of("--spus", "1"),
            "show security flow session extensive",
            "show security flow statistics | match \"dropped|policy deny\"",
            "show security alg status");
    assertThat(off.status()).as(off.err()).isZero();
    assertThat(off.out()).doesNotContain("policy deny: 0").doesNotContain("Resource information");
    assertThat(off.out()).contains("  TFTP     : Disabled");
  }

  @Test
  void severalSpusGiveTheSameSessions() throws IOException {
    Path capture = capture();
    AlgReplay.Run one =
        AlgReplay.replay(
            dir,
            CONFIG,
            capture,
            List.of("--spus", "1"),
            "show security flow statistics | match \"dropped|policy deny|created\"");
    AlgReplay.Run many =
        AlgReplay.replay(
            dir,
            CONFIG,
            capture,
            List.of("--spus", "4"),
            "show security flow statistics | match \"dropped|policy deny|created\"");
    assertThat(many.status()).as(many.err()).isZero();
    assertThat(many.out()).contains("policy deny: 0").isEqualTo(one.out());
  }
}
