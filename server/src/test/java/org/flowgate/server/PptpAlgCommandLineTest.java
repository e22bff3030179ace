package org.flowgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PPTP ALG on the project's own capture: a control connection on TCP 1723 whose
 * Outgoing-Call-Reply connects a call opens gates for the call's enhanced GRE; the tunnel's GRE
 * packets (both ways) make one child session under a policy that permits only {@code junos-pptp};
 * the child ends with the control connection; with {@code security alg pptp disable} the policy
 * denies the GRE.
 */
class PptpAlgCommandLineTest {
  @TempDir Path dir;

  static final String CLIENT = "192.168.1.10";
  static final String SERVER = "198.51.100.7";

  static byte[] control(int type, int length, int... words) {
    ByteBuffer b = ByteBuffer.allocate(length);
    b.putShort((short) length).putShort((short) 1).putInt(0x1A2B3C4D);
    b.putShort((short) type).putShort((short) 0);
    for (int w : words) {
      b.putShort((short) w);
    }
    return b.array();
  }

  static byte[] outgoingCallReply(int callId, int peerCallId, int result) {
    byte[] b = control(8, 32, callId, peerCallId);
    b[16] = (byte) result;
    return b;
  }

  /** An enhanced GRE packet (RFC 2637 §4.1) carrying {@code payload} bytes for {@code callId}. */
  static byte[] gre(String from, String to, int callId, int sequence) {
    byte[] ppp = new byte[24];
    ByteBuffer b = ByteBuffer.allocate(12 + ppp.length);
    b.putShort((short) 0x3001).putShort((short) 0x880b); // K, S, version 1; PPP
    b.putShort((short) ppp.length).putShort((short) callId).putInt(sequence).put(ppp);
    return PacketBuilder.ipv4(from, to).protocol(47).payload(b.array()).ethernet();
  }

  static String config() {
    return """
        set interfaces ge-0/0/0 unit 0 family inet address 203.0.113.1/24
        set interfaces ge-0/0/1 unit 0 family inet address 192.168.1.1/24
        set routing-options static route 0.0.0.0/0 next-hop 203.0.113.254
        set security zones security-zone untrust interfaces ge-0/0/0.0
        set security zones security-zone trust interfaces ge-0/0/1.0
        set security policies from-zone trust to-zone untrust policy vpn match source-address any
        set security policies from-zone trust to-zone untrust policy vpn match destination-address any
        set security policies from-zone trust to-zone untrust policy vpn match application junos-pptp
        set security policies from-zone trust to-zone untrust policy vpn then permit
        """;
  }

  private List<byte[]> tunnel(boolean closeControl) {
    AlgReplay.Tcp pptp = new AlgReplay.Tcp(CLIENT, 1100, SERVER, 1723);
    List<byte[]> frames = new ArrayList<>(pptp.handshake());
    frames.add(pptp.fromClient(control(1, 156, 0x0100)));
    frames.add(pptp.fromServer(control(2, 156, 0x0100, 0x0101)));
    frames.add(pptp.fromClient(control(7, 168, 0x0101, 0x0001)));
    frames.add(pptp.fromServer(outgoingCallReply(0x4001, 0x0101, 1)));
    frames.add(gre(SERVER, CLIENT, 0x0101, 0)); // the PAC speaks first: through the second gate
    frames.add(gre(CLIENT, SERVER, 0x4001, 0));
    frames.add(gre(SERVER, CLIENT, 0x0101, 1));
    if (closeControl) {
      frames.add(pptp.resetFromClient());
      // time passes: the control session ends, then its child (closed on the next tick)
      List<byte[]> next = new AlgReplay.Tcp(CLIENT, 1101, SERVER, 1723).handshake();
      frames.add(null);
      frames.add(next.get(0));
      frames.add(null);
      frames.add(next.get(1));
    }
    return frames;
  }

  private AlgReplay.Run run(String config, List<byte[]> frames) throws IOException {
    return AlgReplay.replay(
        dir,
        config,
        AlgReplay.capture(dir, "pptp.pcap", frames, 30),
        List.of("--spus", "1"),
        "show security flow session extensive",
        "show security flow statistics | match \"dropped|policy deny\"");
  }

  @Test
  void aConnectedCallsGreComesThroughAGateAsOneChild() throws IOException {
    AlgReplay.Run on = run(config(), tunnel(false));
    assertThat(on.status()).as(on.err()).isZero();
    assertThat(on.out()).contains("policy deny: 0").contains("Packets dropped: 0");
    String parent = AlgReplay.sessionWith(on.out(), "/1100 --> " + SERVER + "/1723;tcp");
    String child = AlgReplay.sessionWith(on.out(), ";gre");
    int group = RpcAlgCommandLineTest.groupOf(parent, "PPTP ALG");
    assertThat(child).contains("Resource information : PPTP ALG, " + group + ", ");
    assertThat(child).contains("In: " + SERVER + "/0 --> " + CLIENT + "/0;gre");
    assertThat(child).containsPattern("(?s)In: .*Pkts: 2, .*Out: .*Pkts: 1, ");

    AlgReplay.Run off = run(config() + "set security alg pptp disable\n", tunnel(false));
    assertThat(off.out()).doesNotContain("policy deny: 0").doesNotContain("Resource information");
  }

  @Test
  void theGreChildEndsWithItsControlConnection() throws IOException {
    AlgReplay.Run on = run(config(), tunnel(true));
    assertThat(on.status()).as(on.err()).isZero();
    assertThat(on.out()).contains("policy deny: 0");
    assertThat(on.out()).doesNotContain(";gre").doesNotContain("/1100 --> ");
  }
}
