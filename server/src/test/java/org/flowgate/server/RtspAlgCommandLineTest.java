package org.flowgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flowgate.dataplane.capture.CaptureReader;
import org.flowgate.dataplane.net.IpProtocol;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.packet.PacketParser;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RTSP ALG on the project's own capture: a SETUP and its reply open UDP gates for the RTP and
 * RTCP ports their Transport headers name, and the media are children of the RTSP session under a
 * policy that permits only {@code junos-rtsp}; through interface source NAT the SETUP's client_port
 * becomes a NAT port pair, the stream's sequence numbers stay consistent and every checksum valid;
 * with {@code security alg rtsp disable} the media are denied.
 */
class RtspAlgCommandLineTest {
  @TempDir Path dir;

  static final String CLIENT = "192.168.1.10";
  static final String SERVER = "198.51.100.7";

  static final String CONFIG =
      """
      set interfaces ge-0/0/0 unit 0 family inet address 203.0.113.1/24
      set interfaces ge-0/0/1 unit 0 family inet address 192.168.1.1/24
      set routing-options static route 0.0.0.0/0 next-hop 203.0.113.254
      set security zones security-zone untrust interfaces ge-0/0/0.0
      set security zones security-zone trust interfaces ge-0/0/1.0
      set security policies from-zone trust to-zone untrust policy media match source-address any
      set security policies from-zone trust to-zone untrust policy media match destination-address any
      set security policies from-zone trust to-zone untrust policy media match application junos-rtsp
      set security policies from-zone trust to-zone untrust policy media then permit
      """;

  static final String INTERFACE_NAT =
      """
      set security nat source rule-set out from zone trust
      set security nat source rule-set out to zone untrust
      set security nat source rule-set out rule all match source-address 0.0.0.0/0
      set security nat source rule-set out rule all then source-nat interface
      """;

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private List<byte[]> stream() {
    AlgReplay.Tcp rtsp = new AlgReplay.Tcp(CLIENT, 1200, SERVER, 554);
    List<byte[]> frames = new ArrayList<>(rtsp.handshake());
    frames.add(
        rtsp.fromClient(ascii("OPTIONS rtsp://198.51.100.7/media RTSP/1.0\r\nCSeq: 1\r\n\r\n")));
    frames.add(rtsp.fromServer(ascii("RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: SETUP, PLAY\r\n\r\n")));
    String setup =
        "SETUP rtsp://198.51.100.7/media/track1 RTSP/1.0\r\nCSeq: 2\r\n"
            + "Transport: RTP/AVP;unicast;client_port=4588-4589\r\n\r\n";
    frames.add(rtsp.fromClient(ascii(setup)));
    frames.add(
        rtsp.fromServer(
            ascii(
                "RTSP/1.0 200 OK\r\nCSeq: 2\r\nSession: 12345678\r\n"
                    + "Transport: RTP/AVP;unicast;client_port=4588-4589;server_port=6256-6257\r\n"
                    + "\r\n")));
    frames.add(
        rtsp.fromClient(ascii("PLAY rtsp://198.51.100.7/media RTSP/1.0\r\nCSeq: 3\r\n\r\n")));
    frames.add(PacketBuilder.ipv4(SERVER, CLIENT).udp(6256, 4588).payloadLength(172).ethernet());
    frames.add(PacketBuilder.ipv4(SERVER, CLIENT).udp(6256, 4588).payloadLength(172).ethernet());
    frames.add(PacketBuilder.ipv4(CLIENT, SERVER).udp(4589, 6257).payloadLength(32).ethernet());
    frames.add(rtsp.fromServer(ascii("RTSP/1.0 200 OK\r\nCSeq: 3\r\n\r\n")));
    return frames;
  }

  private AlgReplay.Run run(String config, String... options) throws IOException {
    List<String> all = new ArrayList<>(List.of("--spus", "1"));
    all.addAll(List.of(options));
    return AlgReplay.replay(
        dir,
        config,
        AlgReplay.capture(dir, "rtsp.pcap", stream(), 0),
        all,
        "show security flow session extensive",
        "show security flow statistics | match \"dropped|policy deny\"");
  }

  @Test
  void theMediaOfASetupComeThroughGatesAsChildren() throws IOException {
    AlgReplay.Run on = run(CONFIG);
    assertThat(on.status()).as(on.err()).isZero();
    assertThat(on.out()).contains("policy deny: 0").contains("Packets dropped: 0");
    String parent = AlgReplay.sessionWith(on.out(), "/1200 --> " + SERVER + "/554;tcp");
    int group = RpcAlgCommandLineTest.groupOf(parent, "RTSP ALG");
    String rtp = AlgReplay.sessionWith(on.out(), "In: " + SERVER + "/6256 --> " + CLIENT + "/4588");
    String rtcp =
        AlgReplay.sessionWith(on.out(), "In: " + CLIENT + "/4589 --> " + SERVER + "/6257");
    assertThat(rtp).contains("Resource information : RTSP ALG, " + group + ", ");
    assertThat(rtcp).contains("Resource information : RTSP ALG, " + group + ", ");

    AlgReplay.Run off = run(CONFIG + "set security alg rtsp disable\n");
    assertThat(off.out()).doesNotContain("policy deny: 0").doesNotContain("Resource information");
  }

  @Test
  void throughInterfaceNatTheClientPortsAreTranslatedAndTheStreamStaysWhole() throws IOException {
    Path written = dir.resolve("written.pcap");
    AlgReplay.Run run = run(CONFIG + INTERFACE_NAT, "--write", written.toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("policy deny: 0").contains("Packets dropped: 0");

    List<String> setups = new ArrayList<>();
    Map<String, Long> nextSequence = new HashMap<>();
    int packets = 0;
    try (CaptureReader reader = CaptureReader.open(written)) {
      PacketDescriptor p = new PacketDescriptor();
      while (reader.next()) {
        assertThat(
                PacketParser.parse(
                    reader.segment(),
                    reader.frameOffset(),
                    reader.capturedLengthBytes(),
                    reader.originalLengthBytes(),
                    reader.linkType(),
                    p))
            .isNull();
        packets++;
        assertThat(AlgReplay.transportChecksumValid(p))
            .as("checksum of packet %d", packets)
            .isTrue();
        if (p.protocol != IpProtocol.TCP) {
          continue;
        }
        String payload = AlgReplay.payload(p);
        if (payload.startsWith("SETUP ")) {
          setups.add(payload);
        }
        String key = p.sourceLo + ":" + p.sourcePort + ">" + p.destinationPort;
        long seq = p.tcpSequence;
        Long expected = nextSequence.get(key);
        if (expected != null && (p.tcpFlags & 0x02) == 0) {
          assertThat(seq).as("sequence of %s in packet %d", key, packets).isEqualTo(expected);
        }
        nextSequence.put(
            key, (seq + p.tcpPayloadBytes + ((p.tcpFlags & 0x03) != 0 ? 1 : 0)) & 0xffff_ffffL);
      }
    }
    assertThat(setups).hasSize(1);
    Matcher m = Pattern.compile("client_port=(\\d+)-(\\d+)\r\n").matcher(setups.get(0));
    assertThat(m.find()).as(setups.get(0)).isTrue();
    int low = Integer.parseInt(m.group(1));
    assertThat(Integer.parseInt(m.group(2))).isEqualTo(low + 1);
    assertThat(low % 2).isZero();
    // the RTP child arrived in its forwarded form (a capture inside the NAT) through the gate
    assertThat(AlgReplay.sessionWith(run.out(), "In: " + SERVER + "/6256 --> "))
        .contains("Resource information : RTSP ALG, ");
  }
}
