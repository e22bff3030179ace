package org.flowgate.dataplane.flow.alg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The message parsers of the TFTP, Sun RPC, MS-RPC, PPTP, RTSP and DNS ALGs on well-formed and
 * malformed input. Every message lies in a segment that ends where it ends, so a parser reading
 * past it fails the test; random inputs (fixed seeds, printed on failure) never make one throw.
 */
class AlgParsersTest {
  private static MemorySegment of(byte[] bytes) {
    return MemorySegment.ofArray(bytes);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Runs {@code parser} on random messages and every prefix of {@code valid}; none may throw. */
  private static void neverThrows(long seed, byte[] valid, Consumer<byte[]> parser) {
    for (int cut = 0; cut <= valid.length; cut++) {
      byte[] prefix = java.util.Arrays.copyOf(valid, cut);
      try {
        parser.accept(prefix);
      } catch (RuntimeException e) {
        throw new AssertionError("prefix of " + cut + " bytes threw", e);
      }
    }
    Random random = new Random(seed);
    for (int n = 0; n < 20_000; n++) {
      byte[] bytes;
      if (n % 2 == 0) {
        bytes = new byte[random.nextInt(200)];
        random.nextBytes(bytes);
      } else {
        bytes = valid.clone(); // the valid message with a few bytes changed
        for (int k = 0; k < 1 + random.nextInt(4) && bytes.length > 0; k++) {
          bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
      }
      try {
        parser.accept(bytes);
      } catch (RuntimeException e) {
        throw new AssertionError("seed " + seed + ", input " + n + " threw", e);
      }
    }
  }

  // ------------------------------------------------------------------ TFTP

  @Test
  void tftpReadsReadAndWriteRequests() {
    assertThat(TftpAlg.request(of(ascii("\0\1rfc1350.txt\0octet\0")), 0, 21)).isEqualTo(1);
    byte[] wrq = ascii("\0\2zz.bin\0NetASCII\0blksize\0001428\0");
    assertThat(TftpAlg.request(of(wrq), 0, wrq.length)).isEqualTo(2);
    assertThat(TftpAlg.request(of(ascii("\0\3\0\1data")), 0, 8)).isEqualTo(TftpAlg.NOT_A_REQUEST);
  }

  @Test
  void tftpRefusesRequestsWithoutNameModeOrTerminator() {
    for (String bad :
        new String[] {"\0\1\0octet\0", "\0\1file", "\0\1file\0octet", "\0\1file\0binary\0", "\0"}) {
      byte[] b = ascii(bad);
      assertThat(TftpAlg.request(of(b), 0, b.length)).as(bad).isEqualTo(TftpAlg.MALFORMED);
    }
    byte[] unknown = ascii("\0\11x\0octet\0");
    assertThat(TftpAlg.request(of(unknown), 0, unknown.length)).isEqualTo(TftpAlg.MALFORMED);
  }

  @Test
  void tftpParserNeverThrows() {
    neverThrows(13, ascii("\0\1rfc1350.txt\0octet\0"), b -> TftpAlg.request(of(b), 0, b.length));
  }

  // ------------------------------------------------------------------ Sun RPC

  static byte[] getPortCall(long xid, int protocol, int credentialsBytes) {
    ByteBuffer b = ByteBuffer.allocate(40 + 8 + ((credentialsBytes + 3) & ~3) + 8 + 16);
    b.putInt((int) xid).putInt(0).putInt(2).putInt(100_000).putInt(2).putInt(3);
    b.putInt(1).putInt(credentialsBytes); // AUTH_SYS with an opaque body
    b.position(b.position() + ((credentialsBytes + 3) & ~3));
    b.putInt(0).putInt(0); // AUTH_NONE verifier
    b.putInt(100_005).putInt(3).putInt(protocol).putInt(0);
    return java.util.Arrays.copyOf(b.array(), b.position());
  }

  static byte[] getPortReply(long xid, int port) {
    return ByteBuffer.allocate(28)
        .putInt((int) xid)
        .putInt(1)
        .putInt(0)
        .putInt(0)
        .putInt(0)
        .putInt(0)
        .putInt(port)
        .array();
  }

  @Test
  void sunRpcReadsAGetPortCallAndItsReply() {
    SunRpcAlg alg = new SunRpcAlg();
    byte[] call = getPortCall(0x1234_5678L, 6, 21);
    assertThat(alg.call(of(call), 0, call.length)).isEqualTo(1);
    assertThat(alg.xid).isEqualTo(0x1234_5678L);
    assertThat(alg.program).isEqualTo(100_005);
    assertThat(alg.protocol).isEqualTo(6);
    byte[] reply = getPortReply(0x1234_5678L, 32_835);
    assertThat(alg.reply(of(reply), 0, reply.length, 0x1234_5678L)).isEqualTo(1);
    assertThat(alg.port).isEqualTo(32_835);
    assertThat(alg.reply(of(reply), 0, reply.length, 0x1111L)).as("another xid").isZero();
  }

  @Test
  void sunRpcRefusesCredentialsBeyondTheMessageAndBadRecords() {
    SunRpcAlg alg = new SunRpcAlg();
    byte[] call = getPortCall(7, 17, 8);
    call[31] = (byte) 200; // the credentials' length runs past the message
    assertThat(alg.call(of(call), 0, call.length)).isEqualTo(-1);
    byte[] notVersion2 = getPortCall(7, 17, 8);
    notVersion2[11] = 3;
    assertThat(alg.call(of(notVersion2), 0, notVersion2.length)).isEqualTo(-1);
    byte[] otherProtocol = getPortCall(7, 99, 0);
    assertThat(alg.call(of(otherProtocol), 0, otherProtocol.length)).isEqualTo(-1);
    byte[] record = ByteBuffer.allocate(12).putInt(0x8000_0008).putInt(1).putInt(7).array();
    assertThat(SunRpcAlg.recordFrame(of(record), 0, 12)).as("type 7").isEqualTo(-1);
    byte[] huge = ByteBuffer.allocate(4).putInt(0x8fff_ffff).array();
    assertThat(SunRpcAlg.recordFrame(of(huge), 0, 4)).isEqualTo(-1);
    byte[] partial = ByteBuffer.allocate(12).putInt(0x8000_0040).putInt(1).putInt(0).array();
    assertThat(SunRpcAlg.recordFrame(of(partial), 0, 12)).as("needs more").isZero();
  }

  @Test
  void sunRpcParsersNeverThrow() {
    SunRpcAlg alg = new SunRpcAlg();
    neverThrows(
        5531,
        getPortCall(9, 6, 21),
        b -> {
          alg.call(of(b), 0, b.length);
          alg.reply(of(b), 0, b.length, 9);
          SunRpcAlg.recordFrame(of(b), 0, b.length);
        });
  }

  // ------------------------------------------------------------------ MS-RPC

  /** An ept_map response (little-endian NDR) naming TCP {@code port} on {@code address}. */
  static byte[] eptMapResponse(int callId, int port, byte[] address) {
    ByteArrayOutputStream tower = new ByteArrayOutputStream();
    le16(tower, 5); // floors
    floor(tower, new byte[19], new byte[2]); // interface uuid (0x0d ...)
    floor(tower, new byte[19], new byte[2]); // transfer syntax
    floor(tower, new byte[] {0x0b}, new byte[2]); // RPC connection-oriented
    floor(tower, new byte[] {0x07}, new byte[] {(byte) (port >>> 8), (byte) port});
    floor(tower, new byte[] {0x09}, address);
    byte[] t = tower.toByteArray();
    ByteBuffer stub = ByteBuffer.allocate(200).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    stub.put(new byte[20]); // entry handle
    stub.putInt(1).putInt(4).putInt(0).putInt(1); // num_towers, max, offset, actual
    stub.putInt(3); // referent id
    stub.putInt(t.length).putInt(t.length).put(t);
    while (stub.position() % 4 != 0) {
      stub.put((byte) 0);
    }
    stub.putInt(0); // status
    int stubLength = stub.position();
    ByteBuffer pdu = ByteBuffer.allocate(24 + stubLength).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    pdu.put((byte) 5).put((byte) 0).put((byte) 2).put((byte) 3);
    pdu.put(new byte[] {0x10, 0, 0, 0});
    pdu.putShort((short) (24 + stubLength)).putShort((short) 0).putInt(callId);
    pdu.putInt(stubLength).putShort((short) 0).put((byte) 0).put((byte) 0);
    pdu.put(stub.array(), 0, stubLength);
    return pdu.array();
  }

  private static void le16(ByteArrayOutputStream out, int v) {
    out.write(v & 0xff);
    out.write(v >>> 8);
  }

  private static void floor(ByteArrayOutputStream out, byte[] lhs, byte[] rhs) {
    if (lhs.length == 19) {
      lhs[0] = 0x0d;
    }
    le16(out, lhs.length);
    out.writeBytes(lhs);
    le16(out, rhs.length);
    out.writeBytes(rhs);
  }

  @Test
  void msRpcReadsTheTowerOfAnEptMapResponse() {
    MsRpcAlg alg = new MsRpcAlg();
    byte[] pdu = eptMapResponse(2, 49_155, new byte[] {10, 0, 0, 5});
    assertThat(alg.frame(of(pdu), 0, pdu.length, 1)).isEqualTo(pdu.length);
    assertThat(alg.towers(of(pdu), 0, pdu.length)).isEqualTo(1);
    assertThat(alg.endpointProtocol[0]).isEqualTo(6);
    assertThat(alg.endpointPort[0]).isEqualTo(49_155);
    assertThat(alg.endpointAddress[0]).isEqualTo(0x0a00_0005L);
    assertThat(pdu[alg.addressOffset[0]]).isEqualTo((byte) 10);
  }

  @Test
  void msRpcRefusesCountsAndTowersBeyondThePdu() {
    MsRpcAlg alg = new MsRpcAlg();
    byte[] pdu = eptMapResponse(2, 135, new byte[] {10, 0, 0, 5});
    byte[] counts = pdu.clone();
    counts[24 + 20 + 12] = (byte) 0xff; // actual_count 255 towers in a short PDU
    counts[24 + 20] = (byte) 0xff;
    assertThat(alg.towers(of(counts), 0, counts.length)).isEqualTo(-1);
    byte[] tower = pdu.clone();
    tower[24 + 20 + 20 + 4] = (byte) 0xf0; // a tower length past the PDU
    assertThat(alg.towers(of(tower), 0, tower.length)).isEqualTo(-1);
    byte[] version = pdu.clone();
    version[0] = 4;
    assertThat(alg.frame(of(version), 0, version.length, 1)).isEqualTo(-1);
  }

  @Test
  void msRpcParsersNeverThrow() {
    MsRpcAlg alg = new MsRpcAlg();
    neverThrows(
        135,
        eptMapResponse(2, 49_155, new byte[] {10, 0, 0, 5}),
        b -> {
          alg.towers(of(b), 0, b.length);
          alg.frame(of(b), 0, b.length, 1);
        });
  }

  // ------------------------------------------------------------------ PPTP

  static byte[] outgoingCallReply(int callId, int peerCallId, int result) {
    return ByteBuffer.allocate(32)
        .putShort((short) 32)
        .putShort((short) 1)
        .putInt(0x1A2B3C4D)
        .putShort((short) 8)
        .putShort((short) 0)
        .putShort((short) callId)
        .putShort((short) peerCallId)
        .put((byte) result)
        .array();
  }

  @Test
  void pptpReadsAConnectedOutgoingCallReply() {
    PptpAlg alg = new PptpAlg();
    byte[] reply = outgoingCallReply(0x4001, 0x0101, 1);
    assertThat(alg.frame(of(reply), 0, reply.length, 1)).isEqualTo(32);
    assertThat(alg.connected(of(reply), 0, reply.length)).isEqualTo(1);
    assertThat(alg.callId).isEqualTo(0x4001);
    assertThat(alg.peerCallId).isEqualTo(0x0101);
    byte[] busy = outgoingCallReply(1, 2, 4);
    assertThat(alg.connected(of(busy), 0, busy.length)).isZero();
  }

  @Test
  void pptpRefusesABadCookieOrLength() {
    PptpAlg alg = new PptpAlg();
    byte[] cookie = outgoingCallReply(1, 2, 1);
    cookie[7] = 0;
    assertThat(alg.frame(of(cookie), 0, cookie.length, 1)).isEqualTo(-1);
    assertThat(alg.connected(of(cookie), 0, cookie.length)).isEqualTo(-1);
    byte[] length = outgoingCallReply(1, 2, 1);
    length[1] = 8; // under the 12-byte header
    assertThat(alg.frame(of(length), 0, length.length, 1)).isEqualTo(-1);
    assertThat(alg.connected(of(length), 0, 16)).isEqualTo(-1);
  }

  @Test
  void pptpParsersNeverThrow() {
    PptpAlg alg = new PptpAlg();
    neverThrows(
        2637,
        outgoingCallReply(7, 8, 1),
        b -> {
          alg.connected(of(b), 0, b.length);
          alg.frame(of(b), 0, b.length, 0);
        });
  }

  // ------------------------------------------------------------------ RTSP

  @Test
  void rtspFramesMessagesAndReadsTransportPorts() {
    RtspAlg alg = new RtspAlg();
    String setup =
        "SETUP rtsp://10.0.0.5/media/track1 RTSP/1.0\r\nCSeq: 3\r\n"
            + "Transport: RTP/AVP;unicast;client_port=4588-4589\r\n\r\n";
    byte[] b = ascii(setup + "OPTIONS");
    assertThat(RtspAlg.messageLength(of(b), 0, b.length)).isEqualTo(setup.length());
    assertThat(alg.ports(of(b), 0, setup.length(), "client_port")).isEqualTo(1);
    assertThat(alg.low).isEqualTo(4588);
    assertThat(alg.high).isEqualTo(4589);
    assertThat(setup.substring((int) alg.rangeStart, (int) alg.rangeEnd)).isEqualTo("4588-4589");
    assertThat(alg.ports(of(b), 0, setup.length(), "server_port")).isZero();
    byte[] body = ascii("RTSP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nv=0\r\n");
    assertThat(RtspAlg.messageLength(of(body), 0, body.length)).isEqualTo(body.length);
    assertThat(RtspAlg.messageLength(of(body), 0, body.length - 1)).as("needs more").isZero();
  }

  @Test
  void rtspRefusesBadPortsAndContentLengths() {
    RtspAlg alg = new RtspAlg();
    for (String value : new String[] {"4589-4588", "0-1", "70000-70001", "x"}) {
      byte[] b = ascii("SETUP x RTSP/1.0\r\nTransport: RTP/AVP;client_port=" + value + "\r\n\r\n");
      assertThat(alg.ports(of(b), 0, b.length, "client_port")).as(value).isEqualTo(-1);
    }
    byte[] huge = ascii("RTSP/1.0 200 OK\r\nContent-Length: 99999999\r\n\r\n");
    assertThat(RtspAlg.messageLength(of(huge), 0, huge.length)).isEqualTo(-1);
  }

  @Test
  void rtspParsersNeverThrow() {
    RtspAlg alg = new RtspAlg();
    neverThrows(
        2326,
        ascii(
            "SETUP x RTSP/1.0\r\nTransport: RTP/AVP;client_port=4588-4589;server_port=1-2\r\n\r\n"),
        b -> {
          RtspAlg.messageLength(of(b), 0, b.length);
          alg.ports(of(b), 0, b.length, "client_port");
          alg.ports(of(b), 0, b.length, "server_port");
        });
  }

  // ------------------------------------------------------------------ DNS

  static byte[] query(String... labels) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0});
    for (String label : labels) {
      out.write(label.length());
      out.writeBytes(ascii(label));
    }
    out.write(0);
    out.writeBytes(new byte[] {0, 1, 0, 1});
    return out.toByteArray();
  }

  @Test
  void dnsPassesAWellFormedQueryAndAnswer() {
    DnsAlg alg = new DnsAlg();
    byte[] q = query("www", "example", "com");
    assertThat(alg.check(of(q), 0, q.length)).isEqualTo(DnsAlg.OK);
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    answer.writeBytes(q);
    answer.writeBytes(new byte[] {(byte) 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 10, 0, 0, 1});
    byte[] a = answer.toByteArray();
    a[2] = (byte) 0x81;
    a[7] = 1; // ancount 1
    assertThat(alg.check(of(a), 0, a.length)).isEqualTo(DnsAlg.OK);
  }

  @Test
  void dnsFindsCountsBeyondTheMessageLoopsLongNamesAndBadLabels() {
    DnsAlg alg = new DnsAlg();
    byte[] counts = query("example", "com");
    counts[5] = 5; // five questions, one present
    assertThat(alg.check(of(counts), 0, counts.length)).isEqualTo(DnsAlg.BEYOND_MESSAGE);
    byte[] self = {0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, (byte) 0xc0, 12, 0, 1, 0, 1};
    assertThat(alg.check(of(self), 0, self.length)).isEqualTo(DnsAlg.POINTER_LOOP);
    byte[] pair = {
      0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 'a', (byte) 0xc0, 12, 0, 1, 0, 1
    }; // a pointer back to the label before it: a loop a.a.a...
    assertThat(alg.check(of(pair), 0, pair.length)).isEqualTo(DnsAlg.POINTER_LOOP);
    String[] many = new String[5];
    java.util.Arrays.fill(many, "x".repeat(60));
    byte[] longName = query(many);
    assertThat(alg.check(of(longName), 0, longName.length)).isEqualTo(DnsAlg.NAME_TOO_LONG);
    byte[] label = query("x".repeat(63));
    label[12] = 0x40; // label type 01
    assertThat(alg.check(of(label), 0, label.length)).isEqualTo(DnsAlg.BAD_LABEL);
    assertThat(alg.check(of(new byte[11]), 0, 11)).isEqualTo(DnsAlg.SHORT_HEADER);
  }

  @Test
  void dnsCheckNeverThrows() {
    DnsAlg alg = new DnsAlg();
    neverThrows(1035, query("www", "example", "com"), b -> alg.check(of(b), 0, b.length));
  }
}
