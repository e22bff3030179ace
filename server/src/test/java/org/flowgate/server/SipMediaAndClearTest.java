package org.flowgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A call's media keeps its inactive-media timer running from the last media packet (the gates close
 * only when the media has been quiet for {@code inactive-media-timeout}); {@code clear security alg
 * sip calls} ends the calls and closes their gates; {@code clear security alg sip counters} zeroes
 * the counters (docs/adr/0040-sip-registrations-and-rpc-tables.md).
 */
class SipMediaAndClearTest {
  @TempDir Path dir;

  private static final String CONFIG = SipAlgCommandLineTest.CONFIG;
  private static final String CALLER = "192.168.1.10";
  private static final String CALLEE = "198.51.100.7";

  private static String sdp(String address, int port) {
    return "v=0\r\no=- 1 1 IN IP4 "
        + address
        + "\r\ns=call\r\nc=IN IP4 "
        + address
        + "\r\nt=0 0\r\nm=audio "
        + port
        + " RTP/AVP 0\r\n";
  }

  private static String message(String startLine, String cseq, String toTag, String body) {
    return startLine
        + "\r\nVia: SIP/2.0/UDP 192.168.1.10:5060;branch=z9hG4bK776asdhds\r\n"
        + "To: Bob <sip:bob@198.51.100.7>"
        + toTag
        + "\r\nFrom: Alice <sip:alice@192.168.1.10>;tag=1928301774\r\n"
        + "Call-ID: a84b4c76e66710@192.168.1.10\r\n"
        + "CSeq: "
        + cseq
        + "\r\nContact: <sip:alice@192.168.1.10:5060>\r\n"
        + (body.isEmpty() ? "" : "Content-Type: application/sdp\r\n")
        + "Content-Length: "
        + body.length()
        + "\r\n\r\n"
        + body;
  }

  private static byte[] udp(String from, String to, int sourcePort, int port, String payload) {
    return PacketBuilder.ipv4(from, to)
        .udp(sourcePort, port)
        .payload(payload.getBytes(StandardCharsets.US_ASCII))
        .ethernet();
  }

  /** An answered call; then RTP every 20 s for {@code mediaPackets} packets; RTCP at 200 s. */
  private Path call(String name, int mediaPackets) throws IOException {
    List<byte[]> frames = new ArrayList<>();
    frames.add(
        udp(
            CALLER,
            CALLEE,
            5060,
            5060,
            message("INVITE sip:bob@198.51.100.7 SIP/2.0", "1 INVITE", "", sdp(CALLER, 40000))));
    frames.add(
        udp(
            CALLEE,
            CALLER,
            5060,
            5060,
            message("SIP/2.0 200 OK", "1 INVITE", ";tag=a6c85cf", sdp(CALLEE, 50000))));
    frames.add(
        udp(
            CALLER,
            CALLEE,
            5060,
            5060,
            message("ACK sip:bob@198.51.100.7 SIP/2.0", "1 ACK", "", "")));
    frames.add(udp(CALLEE, CALLER, 50000, 40000, "rtp"));
    for (int k = 1; k <= 10; k++) {
      frames.add(null);
      if (k < mediaPackets) {
        frames.add(udp(CALLEE, CALLER, 50000, 40000, "rtp"));
      }
    }
    frames.add(udp(CALLEE, CALLER, 50001, 40001, "rtcp"));
    return AlgReplay.capture(dir, name, frames, 20);
  }

  private AlgReplay.Run replay(Path capture, String... commands) throws IOException {
    // the signalling session outlives the test (its end would end the call, ADR 0032)
    AlgReplay.Run run =
        AlgReplay.replay(
            dir, CONFIG, capture, List.of("--spus", "1", "--timeout", "udp=7200"), commands);
    assertThat(run.status()).as(run.err()).isZero();
    return run;
  }

  @Test
  void mediaThatFlowsKeepsTheCallsGatesOpen() throws IOException {
    AlgReplay.Run flowing =
        replay(
            call("flowing.pcap", 10),
            "show security flow statistics | match \"policy deny\"",
            "show security flow session");
    assertThat(flowing.out())
        .contains("policy deny: 0")
        .contains("In: 198.51.100.7/50001 --> 192.168.1.10/40001;udp");
  }

  @Test
  void quietMediaLetsTheGatesCloseAfterTheInactiveMediaTimeout() throws IOException {
    AlgReplay.Run quiet =
        replay(
            call("quiet.pcap", 1),
            "show security flow statistics | match \"policy deny\"",
            "show security alg sip calls detail");
    // 200 s of silence > inactive-media-timeout 120 s: the RTCP finds no gate; the call stays
    assertThat(quiet.out()).contains("policy deny: 1").contains("State    : ESTABLISHED");
  }

  /**
   * A re-INVITE putting the call on hold (c=0.0.0.0) lets the call's media gates go, so the
   * callee's first RTCP is denied; with {@code retain-hold-resource} they stay and it passes.
   */
  @Test
  void aCallOnHoldLetsItsGatesGoUnlessRetainHoldResource() throws IOException {
    List<byte[]> frames = new ArrayList<>();
    frames.add(
        udp(
            CALLER,
            CALLEE,
            5060,
            5060,
            message("INVITE sip:bob@198.51.100.7 SIP/2.0", "1 INVITE", "", sdp(CALLER, 40000))));
    frames.add(
        udp(
            CALLEE,
            CALLER,
            5060,
            5060,
            message("SIP/2.0 200 OK", "1 INVITE", ";tag=a6c85cf", sdp(CALLEE, 50000))));
    frames.add(
        udp(
            CALLER,
            CALLEE,
            5060,
            5060,
            message(
                "INVITE sip:bob@198.51.100.7 SIP/2.0",
                "2 INVITE",
                ";tag=a6c85cf",
                sdp("0.0.0.0", 40000))));
    frames.add(udp(CALLEE, CALLER, 50001, 40001, "rtcp"));
    Path capture = AlgReplay.capture(dir, "hold.pcap", frames, 0);
    String stats = "show security flow statistics | match \"policy deny\"";
    assertThat(replay(capture, stats).out()).contains("policy deny: 1");
    AlgReplay.Run retained =
        AlgReplay.replay(
            dir,
            CONFIG + "set security alg sip retain-hold-resource\n",
            capture,
            List.of("--spus", "1"),
            stats);
    assertThat(retained.status()).as(retained.err()).isZero();
    assertThat(retained.out()).contains("policy deny: 0");
  }

  @Test
  void clearingTheCallsEndsThemAndClosesTheirGates() throws IOException {
    Path capture =
        AlgReplay.capture(
            dir,
            "invite.pcap",
            List.of(
                udp(
                    CALLER,
                    CALLEE,
                    5060,
                    5060,
                    message(
                        "INVITE sip:bob@198.51.100.7 SIP/2.0",
                        "1 INVITE",
                        "",
                        sdp(CALLER, 40000)))),
            0);
    AlgReplay.Run run =
        replay(
            capture,
            "show security alg sip calls",
            "show security flow gate summary",
            "clear security alg sip calls",
            "show security alg sip calls",
            "show security flow gate summary",
            "show security alg sip counters | match \"INVITE|Pkt-in\"",
            "clear security alg sip counters",
            "show security alg sip counters | match \"INVITE|Pkt-in\"");
    assertThat(run.out())
        .startsWith(
            "Total number of calls: 1\n  Call ID  : a84b4c76e66710@192.168.1.10\n"
                + "  Method   : INVITE\n")
        .contains("Valid gates: 2")
        .contains("Total number of calls: 0\n")
        .contains("Valid gates: 0")
        .contains(" Total Pkt-in                           :1\n")
        .contains(" Total Pkt-in                           :0\n");
  }
}
