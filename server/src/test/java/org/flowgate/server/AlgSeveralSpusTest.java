package org.flowgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flowgate.testkit.PacketBuilder;
import org.flowgate.testkit.Shared;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Sun RPC, MS-RPC, RTSP and SIP ALGs with several SPUs: a child's flow hashes to another SPU
 * than its parent's, yet the gate its parent opened admits it, it joins its parent's group and the
 * views (sessions, gates, resource-manager groups and resources, the ALGs' tables and counters)
 * print the same with 2 and 4 SPUs as with 1. Also the RPC ALG tables, {@code show security alg
 * sunrpc portmap} and {@code show security alg msrpc object-id-map}, in text, XML and JSON, and
 * their clear.
 */
class AlgSeveralSpusTest {
  @TempDir Path dir;

  static final String CLIENT = RpcAlgCommandLineTest.CLIENT;
  static final String SERVER = RpcAlgCommandLineTest.SERVER;

  private static final String[] VIEWS = {
    "show security flow session",
    "show security flow gate",
    "show security resource-manager group active",
    "show security resource-manager resource active",
    "show security resource-manager summary",
    "show security flow statistics | match \"policy deny|dropped\"",
  };

  private AlgReplay.Run replay(String config, Path capture, int spus, String... commands)
      throws IOException {
    AlgReplay.Run run =
        AlgReplay.replay(dir, config, capture, List.of("--spus", Integer.toString(spus)), commands);
    assertThat(run.status()).as(run.err()).isZero();
    return run;
  }

  /**
   * The output with the pools' sizes left out: each SPU has pools of its own, so their sum (not
   * what is in them) grows with the SPU count.
   */
  private static String inUse(AlgReplay.Run run) {
    return run.out()
        .replaceAll("Total groups \\d+,", "Total groups N,")
        .replaceAll("Total resources \\d+,", "Total resources N,");
  }

  private static String[] with(String... more) {
    List<String> all = new ArrayList<>(List.of(VIEWS));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  /** Eight portmapper GETPORTs (UDP), each followed by the client's connection to the port. */
  private Path sunRpc() throws IOException {
    List<byte[]> frames = new ArrayList<>();
    for (int k = 0; k < 8; k++) {
      int program = k % 2 == 0 ? 100_005 : 100_003;
      int protocol = k % 3 == 0 ? 17 : 6;
      frames.add(
          PacketBuilder.ipv4(CLIENT, SERVER)
              .udp(700 + k, 111)
              .payload(RpcAlgCommandLineTest.getPortCall(0x5150 + k, protocol, program))
              .ethernet());
      frames.add(
          PacketBuilder.ipv4(SERVER, CLIENT)
              .udp(111, 700 + k)
              .payload(RpcAlgCommandLineTest.getPortReply(0x5150 + k, 32_800 + k))
              .ethernet());
      if (protocol == 6) {
        frames.addAll(new AlgReplay.Tcp(CLIENT, 870 + k, SERVER, 32_800 + k).handshake());
      } else {
        frames.add(
            PacketBuilder.ipv4(CLIENT, SERVER)
                .udp(870 + k, 32_800 + k)
                .payloadLength(40)
                .ethernet());
      }
    }
    return AlgReplay.capture(dir, "sunrpc-spus.pcap", frames, 0);
  }

  private static final String[] UUIDS = {
    "1be617c0-31a5-11cf-a7d8-00805f48a135",
    "e3514235-4b06-11d1-ab04-00c04fc2dcd2",
    "67df7c70-0f04-11ce-b13f-00aa003bac6c",
    "12345778-1234-abcd-ef00-0123456789ac"
  };

  /** Four endpoint-mapper connections, each asking for one interface, then connecting to it. */
  private Path msRpc() throws IOException {
    List<byte[]> frames = new ArrayList<>();
    for (int k = 0; k < UUIDS.length; k++) {
      AlgReplay.Tcp mapper = new AlgReplay.Tcp(CLIENT, 1025 + k, SERVER, 135);
      frames.addAll(mapper.handshake());
      frames.add(mapper.fromClient(RpcAlgCommandLineTest.eptMapRequest(2 + k)));
      frames.add(
          mapper.fromServer(
              RpcAlgCommandLineTest.eptMapResponse(
                  2 + k, 49_155 + k, new byte[] {(byte) 198, 51, 100, 7}, UUIDS[k])));
      frames.addAll(new AlgReplay.Tcp(CLIENT, 3000 + k, SERVER, 49_155 + k).handshake());
    }
    return AlgReplay.capture(dir, "msrpc-spus.pcap", frames, 0);
  }

  /** Four RTSP sessions, each SETUP naming its client ports, the media both ways. */
  private Path rtsp() throws IOException {
    List<byte[]> frames = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      AlgReplay.Tcp rtsp = new AlgReplay.Tcp(CLIENT, 1200 + k, SERVER, 554);
      frames.addAll(rtsp.handshake());
      int client = 4588 + 2 * k;
      int server = 6256 + 2 * k;
      frames.add(
          rtsp.fromClient(
              ascii(
                  "SETUP rtsp://198.51.100.7/media/track"
                      + k
                      + " RTSP/1.0\r\nCSeq: 2\r\nTransport: RTP/AVP;unicast;client_port="
                      + client
                      + "-"
                      + (client + 1)
                      + "\r\n\r\n")));
      frames.add(
          rtsp.fromServer(
              ascii(
                  "RTSP/1.0 200 OK\r\nCSeq: 2\r\nSession: 1234567"
                      + k
                      + "\r\nTransport: RTP/AVP;unicast;client_port="
                      + client
                      + "-"
                      + (client + 1)
                      + ";server_port="
                      + server
                      + "-"
                      + (server + 1)
                      + "\r\n\r\n")));
      frames.add(
          PacketBuilder.ipv4(SERVER, CLIENT).udp(server, client).payloadLength(172).ethernet());
      frames.add(
          PacketBuilder.ipv4(CLIENT, SERVER)
              .udp(client + 1, server + 1)
              .payloadLength(32)
              .ethernet());
    }
    return AlgReplay.capture(dir, "rtsp-spus.pcap", frames, 0);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  @ParameterizedTest(name = "{0} SPUs")
  @ValueSource(ints = {2, 4})
  void sunRpcChildrenOnOtherSpusComeThroughTheirParentsGates(int spus) throws IOException {
    String config = RpcAlgCommandLineTest.config("junos-sun-rpc-portmap-udp");
    Path capture = sunRpc();
    String[] views = with("show security alg sunrpc portmap");
    AlgReplay.Run one = replay(config, capture, 1, views);
    assertThat(one.out())
        .contains("policy deny: 0")
        .contains("Packets dropped: 0")
        .contains("Valid gates: 8")
        .contains("active groups 8");
    assertThat(inUse(replay(config, capture, spus, views))).isEqualTo(inUse(one));
  }

  @ParameterizedTest(name = "{0} SPUs")
  @ValueSource(ints = {2, 4})
  void msRpcChildrenOnOtherSpusComeThroughTheirParentsGates(int spus) throws IOException {
    String config = RpcAlgCommandLineTest.config("junos-ms-rpc-tcp");
    Path capture = msRpc();
    String[] views = with("show security alg msrpc object-id-map");
    AlgReplay.Run one = replay(config, capture, 1, views);
    assertThat(one.out())
        .contains("policy deny: 0")
        .contains("Packets dropped: 0")
        .contains("Valid gates: 4");
    assertThat(inUse(replay(config, capture, spus, views))).isEqualTo(inUse(one));
  }

  @ParameterizedTest(name = "{0} SPUs, {1}")
  @CsvSource({"2, ''", "4, ''", "2, nat", "4, nat"})
  void rtspMediaOnOtherSpusComeThroughTheirParentsGates(int spus, String nat) throws IOException {
    String config =
        RtspAlgCommandLineTest.CONFIG + (nat.isEmpty() ? "" : RtspAlgCommandLineTest.INTERFACE_NAT);
    Path capture = rtsp();
    AlgReplay.Run one = replay(config, capture, 1, VIEWS);
    assertThat(one.out()).contains("policy deny: 0").contains("Packets dropped: 0");
    AlgReplay.Run many = replay(config, capture, spus, VIEWS);
    if (nat.isEmpty()) {
      assertThat(inUse(many)).isEqualTo(inUse(one));
    } else {
      // the NAT port pairs differ with the SPU count (SourceNatPorts takes the first pair the SPU
      // owns, not one on the control session's lane: ADR 0040), all else is the same
      String ports = "(203\\.0\\.113\\.1/)\\d+(-\\d+)?";
      assertThat(inUse(many).replaceAll(ports, "$1P"))
          .isEqualTo(inUse(one).replaceAll(ports, "$1P"));
    }
  }

  /** The shared SIP captures: the same sessions, gates, groups, calls and counters on any SPUs. */
  @ParameterizedTest(name = "{0}, {1} SPUs")
  @CsvSource({
    "ndpi-sip.pcap, 2",
    "ndpi-sip.pcap, 4",
    "zeek-sip-wireshark.pcap, 2",
    "zeek-sip-wireshark.pcap, 4",
    "ndpi-FAX-Call-t38-CA-TDM-SIP-FB-1.pcap, 4"
  })
  void sipOnSharedCapturesIsTheSameOnAnySpus(String name, int spus) throws IOException {
    assumeTrue(Shared.present("pcaps/" + name), Shared.missing("pcaps/" + name));
    Path capture = Shared.resolve("pcaps/" + name);
    String config = SipAlgCommandLineTest.CONFIG;
    String[] views =
        with(
            "show security alg sip calls detail",
            "show security alg sip counters",
            "show security flow session resource-manager");
    AlgReplay.Run one = replay(config, capture, 1, views);
    assertThat(inUse(replay(config, capture, spus, views))).isEqualTo(inUse(one));
  }

  // ------------------------------------------------------------------ the RPC tables

  @Test
  void thePortmapListsEachMappingAGetPortReplyNamedAndClearEmptiesIt() throws IOException {
    String config = RpcAlgCommandLineTest.config("junos-sun-rpc-portmap-udp");
    AlgReplay.Run run =
        replay(
            config,
            sunRpc(),
            1,
            "show security alg sunrpc portmap",
            "show security alg sunrpc portmap | display xml",
            "show security alg sunrpc portmap | display json",
            "clear security alg sunrpc portmap",
            "show security alg sunrpc portmap",
            "show security flow gate summary");
    String out = run.out();
    String table =
        """
        IP                 Port    Protocol   Program
        198.51.100.7       32801   TCP        100003
        198.51.100.7       32805   TCP        100003
        198.51.100.7       32807   TCP        100003
        198.51.100.7       32803   UDP        100003
        198.51.100.7       32802   TCP        100005
        198.51.100.7       32804   TCP        100005
        198.51.100.7       32800   UDP        100005
        198.51.100.7       32806   UDP        100005
        """;
    assertThat(out).startsWith(table);
    assertThat(out)
        .contains(
            """
                <alg-sunrpc-portmap-information>
                    <alg-sunrpc-portmap-entry>
                        <alg-sunrpc-portmap-ip-address>198.51.100.7</alg-sunrpc-portmap-ip-address>
                        <alg-sunrpc-portmap-port>32801</alg-sunrpc-portmap-port>
                        <alg-sunrpc-portmap-protocol>TCP</alg-sunrpc-portmap-protocol>
                        <alg-sunrpc-portmap-program>100003</alg-sunrpc-portmap-program>
                    </alg-sunrpc-portmap-entry>
            """)
        .contains("\"alg-sunrpc-portmap-information\" : [")
        .contains("\"alg-sunrpc-portmap-program\" : [")
        .contains("\"data\" : \"100005\"");
    // cleared: the header alone; the gates stay (they are the ALG's, not the table's)
    assertThat(out).contains("IP                 Port    Protocol   Program\nValid gates: 8");
  }

  @Test
  void theObjectIdMapListsEachInterfaceTheEndpointMapperNamed() throws IOException {
    String config = RpcAlgCommandLineTest.config("junos-ms-rpc-tcp");
    AlgReplay.Run run =
        replay(
            config,
            msRpc(),
            1,
            "show security alg msrpc object-id-map",
            "show security alg msrpc object-id-map | display xml");
    String out = run.out();
    // the OIDs: 0x80000000 plus the ordinal of the response that named the interface (ADR 0040)
    assertThat(out)
        .startsWith(
            """
            UUID                                      OID
            1be617c0-31a5-11cf-a7d8-00805f48a135      0x80000005
            e3514235-4b06-11d1-ab04-00c04fc2dcd2      0x8000000d
            67df7c70-0f04-11ce-b13f-00aa003bac6c      0x80000015
            12345778-1234-abcd-ef00-0123456789ac      0x8000001d
            """)
        .contains(
            """
                    <alg-msrpc-uuid2oid-entry>
                        <alg-msrpc-uuid2oid-uuid>1be617c0-31a5-11cf-a7d8-00805f48a135</alg-msrpc-uuid2oid-uuid>
                        <alg-msrpc-uuid2oid-oid>0x80000005</alg-msrpc-uuid2oid-oid>
                    </alg-msrpc-uuid2oid-entry>
            """);
  }
}
