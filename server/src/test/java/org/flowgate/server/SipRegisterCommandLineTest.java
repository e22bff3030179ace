package org.flowgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIP registrations through interface source NAT (docs/adr/0040-sip-registrations-and-views.md): a
 * phone inside registers with a registrar outside; the REGISTER's Contact leaves translated, and
 * the registrar's 2xx opens a pinhole to it for the Expires it grants. An INVITE from outside to
 * the translated Contact then reaches the phone (as a SIP control session of its own, so its
 * answer's SDP opens the media gates), until the registration expires or is removed (Expires 0);
 * with the SIP ALG off nothing comes in. 1, 2 and 4 SPUs give the same sessions, gates and
 * counters.
 */
class SipRegisterCommandLineTest {
  @TempDir Path dir;

  private static final String CONFIG =
      """
      set interfaces ge-0/0/0 unit 0 family inet address 203.0.113.1/24
      set interfaces ge-0/0/1 unit 0 family inet address 192.168.1.1/24
      set routing-options static route 0.0.0.0/0 next-hop 203.0.113.254
      set security zones security-zone untrust interfaces ge-0/0/0.0
      set security zones security-zone trust interfaces ge-0/0/1.0
      set security policies from-zone trust to-zone untrust policy sip-out match source-address any
      set security policies from-zone trust to-zone untrust policy sip-out match destination-address any
      set security policies from-zone trust to-zone untrust policy sip-out match application junos-sip
      set security policies from-zone trust to-zone untrust policy sip-out then permit
      set security nat source rule-set out from zone trust
      set security nat source rule-set out to zone untrust
      set security nat source rule-set out rule all match source-address 0.0.0.0/0
      set security nat source rule-set out rule all then source-nat interface
      """;

  private static final String PHONE = "192.168.1.10";
  private static final String REGISTRAR = "198.51.100.7";
  private static final String CALLER = "198.51.100.99";
  private static final String PUBLIC = "203.0.113.1";

  /** The signalling session's NAT port, as the first replay wrote the REGISTER's Via. */
  private int natPort;

  private static String register(String expires) {
    return "REGISTER sip:"
        + REGISTRAR
        + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP "
        + PHONE
        + ":5060;branch=z9hG4bKnashds7\r\n"
        + "Max-Forwards: 70\r\n"
        + "To: Alice <sip:alice@"
        + REGISTRAR
        + ">\r\n"
        + "From: Alice <sip:alice@"
        + REGISTRAR
        + ">;tag=456248\r\n"
        + "Call-ID: 843817637684230@"
        + PHONE
        + "\r\n"
        + "CSeq: 1826 REGISTER\r\n"
        + "Contact: <sip:alice@"
        + PHONE
        + ":5060>\r\n"
        + "Expires: "
        + expires
        + "\r\n"
        + "Content-Length: 0\r\n\r\n";
  }

  private String registered(String expires) {
    return "SIP/2.0 200 OK\r\n"
        + "Via: SIP/2.0/UDP "
        + PUBLIC
        + ":"
        + natPort
        + ";branch=z9hG4bKnashds7;received="
        + PUBLIC
        + "\r\n"
        + "To: Alice <sip:alice@"
        + REGISTRAR
        + ">;tag=2493k59kd\r\n"
        + "From: Alice <sip:alice@"
        + REGISTRAR
        + ">;tag=456248\r\n"
        + "Call-ID: 843817637684230@"
        + PHONE
        + "\r\n"
        + "CSeq: 1826 REGISTER\r\n"
        + "Contact: <sip:alice@"
        + PUBLIC
        + ":"
        + natPort
        + ">;expires="
        + expires
        + "\r\n"
        + "Content-Length: 0\r\n\r\n";
  }

  private static String sdp(String address, int port) {
    return "v=0\r\n"
        + "o=- 1 1 IN IP4 "
        + address
        + "\r\n"
        + "s=call\r\n"
        + "c=IN IP4 "
        + address
        + "\r\n"
        + "t=0 0\r\n"
        + "m=audio "
        + port
        + " RTP/AVP 0\r\n";
  }

  private String incomingInvite() {
    String body = sdp(CALLER, 30000);
    return "INVITE sip:alice@"
        + PUBLIC
        + ":"
        + natPort
        + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP "
        + CALLER
        + ":5060;branch=z9hG4bKin1\r\n"
        + "Max-Forwards: 69\r\n"
        + "To: Alice <sip:alice@"
        + REGISTRAR
        + ">\r\n"
        + "From: Bob <sip:bob@"
        + CALLER
        + ">;tag=77\r\n"
        + "Call-ID: incoming-1@"
        + CALLER
        + "\r\n"
        + "CSeq: 1 INVITE\r\n"
        + "Contact: <sip:bob@"
        + CALLER
        + ":5060>\r\n"
        + "Content-Type: application/sdp\r\n"
        + "Content-Length: "
        + body.length()
        + "\r\n\r\n"
        + body;
  }

  private static String answer() {
    String body = sdp(PHONE, 40000);
    return "SIP/2.0 200 OK\r\n"
        + "Via: SIP/2.0/UDP "
        + CALLER
        + ":5060;branch=z9hG4bKin1\r\n"
        + "To: Alice <sip:alice@"
        + REGISTRAR
        + ">;tag=88\r\n"
        + "From: Bob <sip:bob@"
        + CALLER
        + ">;tag=77\r\n"
        + "Call-ID: incoming-1@"
        + CALLER
        + "\r\n"
        + "CSeq: 1 INVITE\r\n"
        + "Contact: <sip:alice@"
        + PHONE
        + ":5060>\r\n"
        + "Content-Type: application/sdp\r\n"
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

  private AlgReplay.Run replay(
      String config, Path capture, int spus, Path write, String... commands) throws IOException {
    List<String> options = new ArrayList<>(List.of("--spus", Integer.toString(spus)));
    if (write != null) {
      options.addAll(List.of("--write", write.toString()));
    }
    AlgReplay.Run run = AlgReplay.replay(dir, config, capture, options, commands);
    assertThat(run.status()).as(run.err()).isZero();
    return run;
  }

  /** What a written capture carries, as text (SIP and SDP are ASCII). */
  private static String bytesOf(Path capture) throws IOException {
    return new String(Files.readAllBytes(capture), StandardCharsets.ISO_8859_1);
  }

  /** The REGISTER alone, written: its Via and Contact name the signalling session's NAT port. */
  @BeforeEach
  void learnTheNatPort() throws IOException {
    Path capture =
        AlgReplay.capture(
            dir, "register.pcap", List.of(udp(PHONE, REGISTRAR, 5060, 5060, register("600"))), 0);
    Path written = dir.resolve("register-written.pcap");
    replay(CONFIG, capture, 1, written);
    String text = bytesOf(written);
    Matcher via = Pattern.compile("Via: SIP/2.0/UDP 203\\.0\\.113\\.1(?::(\\d+))?;").matcher(text);
    assertThat(via.find()).as("the REGISTER's Via leaves translated").isTrue();
    natPort = via.group(1) == null ? 5060 : Integer.parseInt(via.group(1));
    assertThat(text)
        .as("the Contact takes the signalling session's binding")
        .contains(
            "Contact: <sip:alice@203.0.113.1" + (natPort == 5060 ? "" : ":" + natPort) + ">\r\n")
        .doesNotContain("sip:alice@192.168.1.10")
        .doesNotContain("UDP 192.168.1.10");
  }

  /**
   * REGISTER, its 2xx granting {@code expires}, then {@code gap} s later (the REGISTER's session
   * has ended) a call the registrar ({@code from}) passes on to the phone, its answer, the caller's
   * RTP.
   */
  private Path incomingCall(String name, String expires, int gapSeconds, String from)
      throws IOException {
    List<byte[]> frames = new ArrayList<>();
    frames.add(udp(PHONE, REGISTRAR, 5060, 5060, register("7200")));
    frames.add(udp(REGISTRAR, PUBLIC, 5060, natPort, registered(expires)));
    frames.add(null);
    frames.add(udp(from, PUBLIC, 5060, natPort, incomingInvite()));
    frames.add(udp(PHONE, from, 5060, 5060, answer()));
    frames.add(udp(CALLER, PUBLIC, 30000, 40000, "rtp"));
    return AlgReplay.capture(dir, name, frames, gapSeconds);
  }

  private Path incomingCall(String name, String expires, int gapSeconds) throws IOException {
    return incomingCall(name, expires, gapSeconds, REGISTRAR);
  }

  private static final String[] VIEWS = {
    "show security flow session",
    "show security flow gate",
    "show security alg sip calls detail",
    "show security alg sip counters",
    "show security flow statistics | match \"policy deny|dropped by ALG\"",
    "show security resource-manager group active"
  };

  @ParameterizedTest(name = "{0} SPUs")
  @ValueSource(ints = {1, 2, 4})
  void aRegistrationAdmitsAnIncomingCallToTheTranslatedContact(int spus) throws IOException {
    Path capture = incomingCall("incoming.pcap", "600", 300);
    Path written = dir.resolve("incoming-written.pcap");
    AlgReplay.Run run = replay(CONFIG, capture, spus, written, VIEWS);
    String out = run.out();
    // the INVITE came through the registration's gate to the phone, its Request-URI translated
    assertThat(out)
        .contains("In: 198.51.100.7/5060 --> 203.0.113.1/" + natPort + ";udp")
        .contains("Out: 192.168.1.10/5060 --> 198.51.100.7/5060;udp")
        // the phone's answer opened the media gate: the caller's RTP reaches it
        .contains("Out: 192.168.1.10/40000 --> 198.51.100.99/30000;udp")
        .contains("Call ID  : incoming-1@198.51.100.99")
        .contains("policy deny: 0")
        .contains("dropped by ALG: 0");
    String text = bytesOf(written);
    assertThat(text)
        .contains("INVITE sip:alice@192.168.1.10:5060 SIP/2.0")
        .contains("c=IN IP4 203.0.113.1\r\n");
    if (spus > 1) {
      // the same, but for the pools' sizes (each SPU has its own)
      AlgReplay.Run one = replay(CONFIG, capture, 1, null, VIEWS);
      assertThat(out.replaceAll("Total groups \\d+", "Total groups N"))
          .isEqualTo(one.out().replaceAll("Total groups \\d+", "Total groups N"));
    }
  }

  @Test
  void anExpiredRegistrationAdmitsNothing() throws IOException {
    Path capture = incomingCall("late.pcap", "200", 300);
    Path written = dir.resolve("late-written.pcap");
    AlgReplay.Run run = replay(CONFIG, capture, 1, written, VIEWS);
    assertThat(run.out()).doesNotContain("In: 198.51.100.7/5060 --> 203.0.113.1/");
    assertThat(bytesOf(written)).doesNotContain("INVITE sip:alice@192.168.1.10");
  }

  /**
   * The pinhole admits the registrar (any port), not every host: a gate from anyone to the phone's
   * signalling port would steal, with several SPUs, the replies of its other sessions.
   */
  @Test
  void aRegistrationAdmitsRequestsFromItsRegistrarOnly() throws IOException {
    Path capture = incomingCall("stranger.pcap", "600", 300, CALLER);
    Path written = dir.resolve("stranger-written.pcap");
    AlgReplay.Run run = replay(CONFIG, capture, 1, written, VIEWS);
    assertThat(run.out()).doesNotContain("In: 198.51.100.99/5060");
    assertThat(bytesOf(written)).doesNotContain("INVITE sip:alice@192.168.1.10");
  }

  @Test
  void anUnregisteredContactAdmitsNothing() throws IOException {
    // after the REGISTER's session ended (an INVITE on it would come back through it)
    Path capture = incomingCall("removed.pcap", "0", 100);
    Path written = dir.resolve("removed-written.pcap");
    AlgReplay.Run run = replay(CONFIG, capture, 1, written, "show security flow gate");
    assertThat(run.out()).doesNotContain("In: 198.51.100.7/5060 --> 203.0.113.1/");
    assertThat(bytesOf(written)).doesNotContain("INVITE sip:alice@192.168.1.10");
  }

  @Test
  void withTheSipAlgOffNothingComesIn() throws IOException {
    Path capture = incomingCall("off.pcap", "600", 300);
    Path written = dir.resolve("off-written.pcap");
    AlgReplay.Run run =
        replay(
            CONFIG + "set security alg sip disable\n",
            capture,
            1,
            written,
            "show security flow session");
    assertThat(run.out()).doesNotContain("In: 198.51.100.7/5060 --> 203.0.113.1/");
    assertThat(bytesOf(written)).doesNotContain("INVITE sip:alice@");
  }

  /** The gate lives as long as the registrar granted: its age counts down from Expires. */
  @Test
  void theGateListsTheRegistrationsTranslatedContact() throws IOException {
    List<byte[]> frames =
        List.of(
            udp(PHONE, REGISTRAR, 5060, 5060, register("7200")),
            udp(REGISTRAR, PUBLIC, 5060, natPort, registered("600")));
    Path capture = AlgReplay.capture(dir, "gate.pcap", frames, 0);
    AlgReplay.Run run = replay(CONFIG, capture, 1, null, "show security flow gate");
    assertThat(run.out())
        .contains(
            "Hole: 198.51.100.7-198.51.100.7/0-0->203.0.113.1-203.0.113.1/"
                + natPort
                + "-"
                + natPort)
        .contains("192.168.1.10/5060")
        .contains("Application: SIP ALG/")
        .contains("Age: 600 seconds")
        .contains("Valid gates: 1");
  }

  /**
   * ndpi-sip: the phone 192.168.1.2 registers with 212.242.33.35 until the registrar's 200 OK
   * (frame 18, 383.562669 s, Contact ;expires=1200, as tshark reads it); the capture ends at
   * 1521.569116 s, so the registration's gate has 383.56 + 1200 - 1521.57 = 62 s left. A second
   * address-of-record of the same Contact (Call-ID 29858147-465b0752@..., 200 OK at 1241.505458 s,
   * refreshed at 1446.037583 s, expires=1200) has 1446.04 + 1200 - 1521.57 = 1124 s left. The
   * REGISTERs refused (401, 403) open nothing.
   */
  @Test
  void ndpiSipsRegistrationLeavesAGateFromItsRegistrarForWhatExpiresGranted() throws IOException {
    String name = "pcaps/ndpi-sip.pcap";
    org.junit.jupiter.api.Assumptions.assumeTrue(
        org.flowgate.testkit.Shared.present(name), org.flowgate.testkit.Shared.missing(name));
    AlgReplay.Run run =
        replay(
            SipAlgCommandLineTest.CONFIG,
            org.flowgate.testkit.Shared.resolve(name),
            1,
            null,
            "show security flow gate destination-port 5060");
    String hole =
        "Hole: 212.242.33.35-212.242.33.35/0-0->192.168.1.2-192.168.1.2/5060-5060\n"
            + "  Translated: 212.242.33.35/0->192.168.1.2/5060\n"
            + "  Protocol: udp\n"
            + "  Application: SIP ALG/10\n";
    assertThat(run.out())
        .startsWith(hole + "  Age: 62 seconds\n")
        .contains(hole + "  Age: 1124 seconds\n")
        .contains("Valid gates: 2\n");
  }

  /**
   * Five hundred REGISTERs and 2xx answers with bytes changed or cut at random (fixed seed, printed
   * on failure), each pair on a session of its own: every one is read, passed or dropped, none
   * faults the ALG, and no gate opens for a Contact that could not be read.
   */
  @Test
  void mangledRegistrationsAreReadPassedOrDroppedAndNeverFault() throws IOException {
    long seed = 0x5e6_2026L;
    java.util.Random random = new java.util.Random(seed);
    byte[] chars =
        "0123456789.:;=<>@ \r\n\tsipSIPexpiresContact*[]".getBytes(StandardCharsets.US_ASCII);
    List<byte[]> frames = new ArrayList<>();
    for (int n = 0; n < 500; n++) {
      byte[] request = register("600").getBytes(StandardCharsets.US_ASCII);
      byte[] answer = registered("600").getBytes(StandardCharsets.US_ASCII);
      for (int e = 0; e < 1 + random.nextInt(6); e++) {
        byte[] target = random.nextBoolean() ? request : answer;
        int at = random.nextInt(target.length);
        if (random.nextInt(4) == 0) {
          target[at] = '\n';
        } else {
          target[at] = chars[random.nextInt(chars.length)];
        }
      }
      int port = 10_000 + n;
      frames.add(PacketBuilder.ipv4(PHONE, REGISTRAR).udp(port, 5060).payload(request).ethernet());
      frames.add(PacketBuilder.ipv4(REGISTRAR, PHONE).udp(5060, port).payload(answer).ethernet());
    }
    Path capture = AlgReplay.capture(dir, "mangled-register.pcap", frames, 0);
    AlgReplay.Run run =
        AlgReplay.replay(
            dir,
            CONFIG
                .lines()
                .filter(line -> !line.contains(" nat "))
                .collect(java.util.stream.Collectors.joining("\n", "", "\n")),
            capture,
            List.of("--spus", "1"),
            "show security alg sip counters | match \"Pkt-in|stack\"");
    assertThat(run.status()).as("seed %x: %s", seed, run.err()).isZero();
    assertThat(run.out())
        .as("seed %x", seed)
        .contains(" Total Pkt-in                           :1000\n")
        .contains(" SIP stack error                        :0\n");
  }
}
