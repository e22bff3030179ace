package org.flowgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Sun RPC and MS-RPC ALGs on the project's own captures: a portmapper GETPORT (over UDP, and
 * over TCP with its record split over two segments) and an endpoint mapper ept_map response open a
 * gate for the program's port; the client's connection to that port is a child of the mapper
 * session under a policy that permits only the mapper; with the ALG disabled the policy denies it.
 */
class RpcAlgCommandLineTest {
  @TempDir Path dir;

  static final String CLIENT = "192.168.1.10";
  static final String SERVER = "198.51.100.7";

  static String config(String application) {
    return """
        set interfaces ge-0/0/0 unit 0 family inet address 203.0.113.1/24
        set interfaces ge-0/0/1 unit 0 family inet address 192.168.1.1/24
        set routing-options static route 0.0.0.0/0 next-hop 203.0.113.254
        set security zones security-zone untrust interfaces ge-0/0/0.0
        set security zones security-zone trust interfaces ge-0/0/1.0
        set security policies from-zone trust to-zone untrust policy rpc match source-address any
        set security policies from-zone trust to-zone untrust policy rpc match destination-address any
        set security policies from-zone trust to-zone untrust policy rpc match application APP
        set security policies from-zone trust to-zone untrust policy rpc then permit
        """
        .replace("APP", application);
  }

  static byte[] getPortCall(long xid, int protocol) {
    return getPortCall(xid, protocol, 100_005); // mountd
  }

  static byte[] getPortCall(long xid, int protocol, int program) {
    return ByteBuffer.allocate(56)
        .putInt((int) xid)
        .putInt(0) // CALL
        .putInt(2)
        .putInt(100_000)
        .putInt(2)
        .putInt(3) // GETPORT
        .putInt(0)
        .putInt(0) // AUTH_NONE credentials
        .putInt(0)
        .putInt(0) // AUTH_NONE verifier
        .putInt(program)
        .putInt(3)
        .putInt(protocol)
        .putInt(0)
        .array();
  }

  static byte[] getPortReply(long xid, int port) {
    return ByteBuffer.allocate(28)
        .putInt((int) xid)
        .putInt(1) // REPLY
        .putInt(0) // MSG_ACCEPTED
        .putInt(0)
        .putInt(0) // AUTH_NONE verifier
        .putInt(0) // SUCCESS
        .putInt(port)
        .array();
  }

  static byte[] recordMarked(byte[] message) {
    return ByteBuffer.allocate(4 + message.length)
        .putInt(0x8000_0000 | message.length)
        .put(message)
        .array();
  }

  private AlgReplay.Run run(String config, List<byte[]> frames) throws IOException {
    Path capture = AlgReplay.capture(dir, "rpc.pcap", frames, 0);
    return AlgReplay.replay(
        dir,
        config,
        capture,
        List.of("--spus", "1"),
        "show security flow session extensive",
        "show security flow statistics | match \"dropped|policy deny\"");
  }

  private static List<byte[]> childConnection(int port) {
    List<byte[]> frames = new ArrayList<>();
    frames.addAll(new AlgReplay.Tcp(CLIENT, 870, SERVER, port).handshake());
    return frames;
  }

  @Test
  void aGetPortOverUdpOpensAGateForTheProgramsPort() throws IOException {
    List<byte[]> frames = new ArrayList<>();
    frames.add(
        PacketBuilder.ipv4(CLIENT, SERVER)
            .udp(700, 111)
            .payload(getPortCall(0x5151, 6))
            .ethernet());
    frames.add(
        PacketBuilder.ipv4(SERVER, CLIENT)
            .udp(111, 700)
            .payload(getPortReply(0x5151, 32_835))
            .ethernet());
    frames.addAll(childConnection(32_835));
    String config = config("junos-sun-rpc-portmap-udp");

    AlgReplay.Run on = run(config, frames);
    assertThat(on.status()).as(on.err()).isZero();
    assertThat(on.out()).contains("policy deny: 0").contains("Packets dropped: 0");
    String child =
        AlgReplay.sessionWith(on.out(), "In: " + CLIENT + "/870 --> " + SERVER + "/32835;tcp");
    String parent =
        AlgReplay.sessionWith(on.out(), "In: " + CLIENT + "/700 --> " + SERVER + "/111");
    int group = groupOf(parent, "SUNRPC ALG");
    assertThat(child).contains("Resource information : SUNRPC ALG, " + group + ", ");
    assertThat(child).contains("Policy name: rpc/");

    AlgReplay.Run off = run(config + "set security alg sunrpc disable\n", frames);
    assertThat(off.out()).doesNotContain("policy deny: 0").doesNotContain("Resource information");
  }

  @Test
  void aGetPortOverTcpSplitOverTwoSegmentsOpensTheGate() throws IOException {
    AlgReplay.Tcp mapper = new AlgReplay.Tcp(CLIENT, 901, SERVER, 111);
    List<byte[]> frames = new ArrayList<>(mapper.handshake());
    byte[] call = recordMarked(getPortCall(0x7777, 17));
    frames.add(mapper.fromClient(java.util.Arrays.copyOfRange(call, 0, 10)));
    frames.add(mapper.fromClient(java.util.Arrays.copyOfRange(call, 10, call.length)));
    frames.add(mapper.fromServer(recordMarked(getPortReply(0x7777, 2049))));
    frames.add(PacketBuilder.ipv4(CLIENT, SERVER).udp(871, 2049).payloadLength(40).ethernet());
    String config = config("junos-sun-rpc-portmap-tcp");

    AlgReplay.Run on = run(config, frames);
    assertThat(on.status()).as(on.err()).isZero();
    assertThat(on.out()).contains("policy deny: 0");
    String child = AlgReplay.sessionWith(on.out(), "/871 --> " + SERVER + "/2049;udp");
    assertThat(child).contains("Resource information : SUNRPC ALG, ");

    AlgReplay.Run off = run(config + "set security alg sunrpc disable\n", frames);
    assertThat(off.out()).doesNotContain("policy deny: 0");
  }

  @Test
  void aReplyToAnotherCallOrAMalformedOneOpensNothing() throws IOException {
    List<byte[]> frames = new ArrayList<>();
    frames.add(
        PacketBuilder.ipv4(CLIENT, SERVER).udp(702, 111).payload(getPortCall(1, 6)).ethernet());
    frames.add(
        PacketBuilder.ipv4(SERVER, CLIENT)
            .udp(111, 702)
            .payload(getPortReply(2, 32_835)) // another xid
            .ethernet());
    byte[] truncated = java.util.Arrays.copyOf(getPortCall(3, 6), 30);
    frames.add(PacketBuilder.ipv4(CLIENT, SERVER).udp(703, 111).payload(truncated).ethernet());
    frames.addAll(childConnection(32_835));
    AlgReplay.Run on = run(config("junos-sun-rpc-portmap-udp"), frames);
    assertThat(on.status()).as(on.err()).isZero();
    assertThat(on.out()).doesNotContain("policy deny: 0");
    assertThat(AlgReplay.sessionWith(on.out(), "/870 --> " + SERVER + "/32835;tcp")).isEmpty();
  }

  // ------------------------------------------------------------------ MS-RPC

  /** An ept_map request (opnum 3), little-endian, with a stub of filler. */
  static byte[] eptMapRequest(int callId) {
    ByteBuffer pdu = ByteBuffer.allocate(24 + 40).order(ByteOrder.LITTLE_ENDIAN);
    pdu.put((byte) 5).put((byte) 0).put((byte) 0).put((byte) 3).put(new byte[] {0x10, 0, 0, 0});
    pdu.putShort((short) 64).putShort((short) 0).putInt(callId);
    pdu.putInt(40).putShort((short) 0).putShort((short) 3);
    return pdu.array();
  }

  /** The ept_map response naming TCP {@code port} on {@code address}. */
  static byte[] eptMapResponse(int callId, int port, byte[] address) {
    return eptMapResponse(callId, port, address, "00000000-0000-0000-0000-000000000000");
  }

  /** As above, the tower's interface (first floor) being {@code interfaceUuid}. */
  static byte[] eptMapResponse(int callId, int port, byte[] address, String interfaceUuid) {
    ByteArrayOutputStream tower = new ByteArrayOutputStream();
    le16(tower, 5);
    byte[] uuid = new byte[19];
    uuid[0] = 0x0d;
    byte[] wire = uuidOnWire(interfaceUuid);
    System.arraycopy(wire, 0, uuid, 1, 16);
    floor(tower, uuid, new byte[2]);
    uuid = new byte[19];
    uuid[0] = 0x0d;
    floor(tower, uuid, new byte[2]);
    floor(tower, new byte[] {0x0b}, new byte[2]);
    floor(tower, new byte[] {0x07}, new byte[] {(byte) (port >>> 8), (byte) port});
    floor(tower, new byte[] {0x09}, address);
    byte[] t = tower.toByteArray();
    ByteBuffer stub = ByteBuffer.allocate(200).order(ByteOrder.LITTLE_ENDIAN);
    stub.put(new byte[20]).putInt(1).putInt(4).putInt(0).putInt(1).putInt(3);
    stub.putInt(t.length).putInt(t.length).put(t);
    while (stub.position() % 4 != 0) {
      stub.put((byte) 0);
    }
    stub.putInt(0);
    int n = stub.position();
    ByteBuffer pdu = ByteBuffer.allocate(24 + n).order(ByteOrder.LITTLE_ENDIAN);
    pdu.put((byte) 5).put((byte) 0).put((byte) 2).put((byte) 3).put(new byte[] {0x10, 0, 0, 0});
    pdu.putShort((short) (24 + n)).putShort((short) 0).putInt(callId);
    pdu.putInt(n).putShort((short) 0).putShort((short) 0).put(stub.array(), 0, n);
    return pdu.array();
  }

  /** A UUID as NDR carries it: time_low, time_mid, time_hi little-endian, the rest as written. */
  static byte[] uuidOnWire(String text) {
    String hex = text.replace("-", "");
    byte[] b = new byte[16];
    for (int i = 0; i < 16; i++) {
      b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    byte[] out = b.clone();
    for (int i = 0; i < 4; i++) {
      out[i] = b[3 - i];
    }
    out[4] = b[5];
    out[5] = b[4];
    out[6] = b[7];
    out[7] = b[6];
    return out;
  }

  private static void le16(ByteArrayOutputStream out, int v) {
    out.write(v & 0xff);
    out.write(v >>> 8);
  }

  private static void floor(ByteArrayOutputStream out, byte[] lhs, byte[] rhs) {
    le16(out, lhs.length);
    out.writeBytes(lhs);
    le16(out, rhs.length);
    out.writeBytes(rhs);
  }

  @Test
  void anEptMapResponseOpensAGateForTheTowersPort() throws IOException {
    AlgReplay.Tcp mapper = new AlgReplay.Tcp(CLIENT, 1025, SERVER, 135);
    List<byte[]> frames = new ArrayList<>(mapper.handshake());
    frames.add(mapper.fromClient(eptMapRequest(2)));
    frames.add(mapper.fromServer(eptMapResponse(2, 49_155, new byte[] {(byte) 198, 51, 100, 7})));
    frames.addAll(childConnection(49_155));
    String config = config("junos-ms-rpc-tcp");

    AlgReplay.Run on = run(config, frames);
    assertThat(on.status()).as(on.err()).isZero();
    assertThat(on.out()).contains("policy deny: 0").contains("Packets dropped: 0");
    String parent = AlgReplay.sessionWith(on.out(), "/1025 --> " + SERVER + "/135;tcp");
    String child = AlgReplay.sessionWith(on.out(), "/870 --> " + SERVER + "/49155;tcp");
    int group = groupOf(parent, "MSRPC ALG");
    assertThat(child).contains("Resource information : MSRPC ALG, " + group + ", ");

    AlgReplay.Run off = run(config + "set security alg msrpc disable\n", frames);
    assertThat(off.out()).doesNotContain("policy deny: 0").doesNotContain("Resource information");
  }

  @Test
  void behindPortForwardingTheTowerNamesTheAddressTheClientKnows() throws IOException {
    String outside = "198.51.100.20";
    String vip = "203.0.113.100";
    String inside = "192.168.1.50";
    String config =
        """
        set interfaces ge-0/0/0 unit 0 family inet address 203.0.113.1/24
        set interfaces ge-0/0/1 unit 0 family inet address 192.168.1.1/24
        set routing-options static route 0.0.0.0/0 next-hop 203.0.113.254
        set security zones security-zone untrust interfaces ge-0/0/0.0
        set security zones security-zone trust interfaces ge-0/0/1.0
        set security nat destination pool epm address 192.168.1.50/32 port 135
        set security nat destination rule-set in from zone untrust
        set security nat destination rule-set in rule epm match destination-address 203.0.113.100/32
        set security nat destination rule-set in rule epm match destination-port 135
        set security nat destination rule-set in rule epm then destination-nat pool epm
        set security policies from-zone untrust to-zone trust policy rpc match source-address any
        set security policies from-zone untrust to-zone trust policy rpc match destination-address any
        set security policies from-zone untrust to-zone trust policy rpc match application junos-ms-rpc-tcp
        set security policies from-zone untrust to-zone trust policy rpc then permit
        """;
    AlgReplay.Tcp mapper = new AlgReplay.Tcp(outside, 1025, vip, 135, inside);
    List<byte[]> frames = new ArrayList<>(mapper.handshake());
    frames.add(mapper.fromClient(eptMapRequest(2)));
    frames.add(
        mapper.fromServer(eptMapResponse(2, 49_155, new byte[] {(byte) 192, (byte) 168, 1, 50})));
    frames.addAll(new AlgReplay.Tcp(outside, 870, vip, 49_155, inside).handshake());
    Path written = dir.resolve("written.pcap");
    AlgReplay.Run run =
        AlgReplay.replay(
            dir,
            config,
            AlgReplay.capture(dir, "rpc-dnat.pcap", frames, 0),
            List.of("--spus", "1", "--write", written.toString()),
            "show security flow session extensive",
            "show security flow statistics | match \"dropped|policy deny\"");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("policy deny: 0").contains("Packets dropped: 0");
    String child =
        AlgReplay.sessionWith(run.out(), "In: " + outside + "/870 --> " + vip + "/49155;tcp");
    assertThat(child).contains("Resource information : MSRPC ALG, ");
    assertThat(child).contains("Out: " + inside + "/49155 --> " + outside + "/870;tcp");

    byte[] vipBytes = {(byte) 203, 0, 113, 100};
    byte[] insideBytes = {(byte) 192, (byte) 168, 1, 50};
    int responses = 0;
    try (org.flowgate.dataplane.capture.CaptureReader reader =
        org.flowgate.dataplane.capture.CaptureReader.open(written)) {
      org.flowgate.dataplane.packet.PacketDescriptor p =
          new org.flowgate.dataplane.packet.PacketDescriptor();
      while (reader.next()) {
        org.flowgate.dataplane.packet.PacketParser.parse(
            reader.segment(),
            reader.frameOffset(),
            reader.capturedLengthBytes(),
            reader.originalLengthBytes(),
            reader.linkType(),
            p);
        assertThat(AlgReplay.transportChecksumValid(p)).isTrue();
        String payload = AlgReplay.payload(p);
        if (p.sourcePort == 135 && payload.length() > 24 && payload.charAt(2) == 2) {
          responses++;
          byte[] bytes = payload.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
          assertThat(indexOf(bytes, vipBytes)).as("the tower names the VIP").isPositive();
          assertThat(indexOf(bytes, insideBytes)).as("and not the inside address").isNegative();
        }
      }
    }
    assertThat(responses).isEqualTo(1);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** The group id of the control session's {@code Resource information} line. */
  static int groupOf(String session, String alg) {
    Matcher m =
        Pattern.compile("Resource information : " + alg + ", (\\d+), (\\d+)").matcher(session);
    assertThat(m.find()).as("resource information in:%n%s", session).isTrue();
    return Integer.parseInt(m.group(1));
  }
}
