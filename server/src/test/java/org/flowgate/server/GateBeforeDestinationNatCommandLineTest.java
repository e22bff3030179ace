package org.flowgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A destination NAT rule that moves a whole address (every port) to an FTP server behind it, and a
 * policy that permits only {@code junos-ftp} to it: the passive data connection to the announced
 * port matches both the FTP ALG's gate and the NAT rule. The gate is looked up first, as Junos
 * searches gates with the packet as it arrives (docs/adr/0039-alg-nat-rewriting.md): the data
 * connection is the control session's child and is not denied. With {@code security alg ftp
 * disable} no gate exists: the NAT rule moves it and the policy denies it.
 */
class GateBeforeDestinationNatCommandLineTest {
  @TempDir Path dir;

  private static final String CLIENT = "198.51.100.9";
  private static final String VIP = "203.0.113.10";
  private static final String SERVER = "192.168.1.20";

  private static final String CONFIG =
      """
      set interfaces ge-0/0/0 unit 0 family inet address 203.0.113.1/24
      set interfaces ge-0/0/1 unit 0 family inet address 192.168.1.1/24
      set routing-options static route 0.0.0.0/0 next-hop 203.0.113.254
      set security zones security-zone untrust interfaces ge-0/0/0.0
      set security zones security-zone trust interfaces ge-0/0/1.0
      set security nat destination pool ftp-server address 192.168.1.20/32
      set security nat destination rule-set in from zone untrust
      set security nat destination rule-set in rule vip match destination-address 203.0.113.10/32
      set security nat destination rule-set in rule vip then destination-nat pool ftp-server
      set security policies from-zone untrust to-zone trust policy ftp-in match source-address any
      set security policies from-zone untrust to-zone trust policy ftp-in match destination-address any
      set security policies from-zone untrust to-zone trust policy ftp-in match application junos-ftp
      set security policies from-zone untrust to-zone trust policy ftp-in then permit
      """;

  private List<byte[]> passiveTransfer() {
    AlgReplay.Tcp control = new AlgReplay.Tcp(CLIENT, 40_000, VIP, 21, SERVER);
    List<byte[]> frames = new ArrayList<>(control.handshake());
    frames.add(control.fromServer(ascii("220 ready\r\n")));
    frames.add(control.fromClient(ascii("PASV\r\n")));
    frames.add(control.fromServer(ascii("227 Entering Passive Mode (192,168,1,20,195,80)\r\n")));
    AlgReplay.Tcp data = new AlgReplay.Tcp(CLIENT, 40_001, VIP, 50_000, SERVER);
    frames.addAll(data.handshake());
    frames.add(data.fromServer(ascii("listing\r\n")));
    return frames;
  }

  private AlgReplay.Run run(String config) throws IOException {
    return AlgReplay.replay(
        dir,
        config,
        AlgReplay.capture(dir, "pasv.pcap", passiveTransfer(), 0),
        List.of("--spus", "1"),
        "show security flow session extensive",
        "show security flow statistics | match \"dropped|policy deny\"");
  }

  @Test
  void theDataConnectionComesThroughTheGateAlthoughTheNatRuleMatchesItToo() throws IOException {
    AlgReplay.Run on = run(CONFIG);
    assertThat(on.status()).as(on.err()).isZero();
    assertThat(on.out()).contains("policy deny: 0").contains("Packets dropped: 0");
    String child = AlgReplay.sessionWith(on.out(), "/40001 --> " + VIP + "/50000;tcp");
    assertThat(child).as(on.out()).contains("Resource information : FTP ALG, ");
    assertThat(child).contains("Out: " + SERVER + "/50000 --> " + CLIENT + "/40001;tcp");
    assertThat(child).containsPattern("(?s)In: .*Pkts: 2, .*Out: .*Pkts: 2, ");

    AlgReplay.Run off = run(CONFIG + "set security alg ftp disable\n");
    assertThat(off.status()).as(off.err()).isZero();
    assertThat(off.out()).contains("policy deny: 1").doesNotContain("Resource information");
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
