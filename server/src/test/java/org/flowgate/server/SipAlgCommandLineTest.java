package org.flowgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.testkit.PacketBuilder;
import org.flowgate.testkit.Shared;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SIP ALG on real captures (../shared/pcaps) through a policy that permits only {@code
 * junos-sip} from the callers' zone: the RTP and RTCP the calls announced come through gates as
 * children of the call; with {@code security alg sip disable} the policy denies them. The counters
 * agree with tshark's reading of the same captures. A call of Flowgate's own through interface
 * source NAT: tshark reads the SDP of the written INVITE with the translated address and NAT port,
 * valid checksums and Content-Length, and the callee's media to that port reaches the caller; a
 * malformed SDP opens no gate; a datagram that is not SIP is dropped and counted.
 */
class SipAlgCommandLineTest {
  @TempDir Path dir;

  /** Only junos-sip from the callers' zone (trust to untrust, and trust to trust). */
  static final String CONFIG =
      """
      set interfaces ge-0/0/0 unit 0 family inet address 203.0.113.1/24
      set interfaces ge-0/0/1 unit 0 family inet address 192.168.1.1/24
      set interfaces ge-0/0/1 unit 0 family inet address 10.35.0.1/16
      set interfaces ge-0/0/1 unit 0 family inet address 138.132.0.1/16
      set routing-options static route 0.0.0.0/0 next-hop 203.0.113.254
      set security zones security-zone untrust interfaces ge-0/0/0.0
      set security zones security-zone trust interfaces ge-0/0/1.0
      set security policies from-zone trust to-zone untrust policy sip-out match source-address any
      set security policies from-zone trust to-zone untrust policy sip-out match destination-address any
      set security policies from-zone trust to-zone untrust policy sip-out match application junos-sip
      set security policies from-zone trust to-zone untrust policy sip-out then permit
      set security policies from-zone trust to-zone trust policy sip-in match source-address any
      set security policies from-zone trust to-zone trust policy sip-in match destination-address any
      set security policies from-zone trust to-zone trust policy sip-in match application junos-sip
      set security policies from-zone trust to-zone trust policy sip-in then permit
      """;

  private static final String INTERFACE_NAT =
      """
      set security nat source rule-set out from zone trust
      set security nat source rule-set out to zone untrust
      set security nat source rule-set out rule all match source-address 0.0.0.0/0
      set security nat source rule-set out rule all then source-nat interface
      """;

  private record Run(int status, String out, String err) {}

  private Run replay(String config, Path capture, String... extra) throws IOException {
    Path file = dir.resolve("sip.conf");
    Files.writeString(file, config);
    List<String> args = new ArrayList<>(List.of("replay", "--config", file.toString()));
    args.addAll(List.of(extra));
    args.add(capture.toString());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            args.toArray(String[]::new),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Path shared(String capture) {
    assumeTrue(Shared.present("pcaps/" + capture), Shared.missing("pcaps/" + capture));
    return Shared.resolve("pcaps/" + capture);
  }

  private static long policyDenied(String out) {
    Matcher m = Pattern.compile("policy deny: (\\d+)").matcher(out);
    assertThat(m.find()).as(out).isTrue();
    return Long.parseLong(m.group(1));
  }

  /**
   * Packets the policy denies with the ALG on and off: off, every media packet (the RTP and RTCP
   * flows of ../shared/pcaps/expected/tshark-flows); on, only what is neither SIP nor announced
   * media (the FAX capture's MEGACO, 65 + 65).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "ndpi-sip.pcap, 0, 10",
    "zeek-sip-wireshark.pcap, 0, 0",
    "ndpi-FAX-Call-t38-CA-TDM-SIP-FB-1.pcap, 130, 1460"
  })
  void announcedMediaComesThroughGatesAndIsDeniedWithTheAlgOff(
      String capture, long deniedOn, long deniedOff) throws IOException {
    Path file = shared(capture);
    String stats = "show security flow statistics | match \"dropped|policy deny\"";
    Run on =
        replay(
            CONFIG,
            file,
            "--spus",
            "1",
            "--timeout",
            "udp=7200",
            "-c",
            "show security flow session resource-manager",
            "-c",
            stats);
    assertThat(on.status()).as(on.err()).isZero();
    assertThat(policyDenied(on.out())).as(on.out()).isEqualTo(deniedOn);
    assertThat(on.out()).contains("dropped by ALG: 0");
    if (deniedOff > 0) {
      // a media session names its call's group and its own resource id (not its group's)
      Matcher child =
          Pattern.compile(
                  "Resource information : SIP ALG, (\\d+), (\\d+)\\n  In: [^\\n]+/(\\d+);udp")
              .matcher(on.out());
      boolean found = false;
      while (child.find()) {
        found |= !child.group(1).equals(child.group(2)) && !child.group(3).equals("5060");
      }
      assertThat(found).as(on.out()).isTrue();
    }

    Run off = replay(CONFIG + "set security alg sip disable\n", file, "--spus", "1", "-c", stats);
    assertThat(off.status()).as(off.err()).isZero();
    assertThat(policyDenied(off.out())).isEqualTo(deniedOff);
  }

  @ParameterizedTest(name = "{0} SPUs")
  @ValueSource(ints = {2, 4})
  void severalSpusPlaceTheMediaWithItsCall(int spus) throws IOException {
    Path file = shared("ndpi-FAX-Call-t38-CA-TDM-SIP-FB-1.pcap");
    String stats = "show security flow statistics | match \"policy deny\"";
    Run many = replay(CONFIG, file, "--spus", Integer.toString(spus), "-c", stats);
    assertThat(many.status()).as(many.err()).isZero();
    assertThat(policyDenied(many.out())).isEqualTo(130);
  }

  /** Each method's requests, and the responses to it by class, as tshark reads the capture. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"ndpi-sip.pcap", "zeek-sip-wireshark.pcap", "ndpi-FAX-Call-t38-CA-TDM-SIP-FB-1.pcap"})
  void countersAgreeWithTshark(String capture) throws Exception {
    Path file = shared(capture);
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/tshark")),
        "tshark is not installed (apt-get install tshark; .ci/run does)");
    Map<String, Long> expected = new TreeMap<>();
    for (String line :
        Tshark.read(
            file.toString(),
            "-Y",
            "sip",
            "-T",
            "fields",
            "-e",
            "sip.Method",
            "-e",
            "sip.Status-Code",
            "-e",
            "sip.CSeq.method")) {
      String[] f = line.split("\t", -1);
      String key = f[0].isEmpty() ? f[2] + " " + f[1].charAt(0) + "xx" : f[0] + " T";
      expected.merge(key, 1L, Long::sum);
    }
    Run run = replay(CONFIG, file, "--spus", "1", "-c", "show security alg sip counters");
    assertThat(run.status()).as(run.err()).isZero();
    Map<String, Long> counted = new TreeMap<>();
    String[] columns = {"T", "1xx", "2xx", "3xx", "4xx", "5xx", "6xx"};
    List<String> lines = run.out().lines().toList();
    for (int k = 2; k + 1 < lines.size() && !lines.get(k).startsWith("SIP Error"); k += 2) {
      String[] sent = lines.get(k).trim().split("\\s+");
      String[] resent = lines.get(k + 1).trim().split("\\s+");
      for (int c = 0; c < columns.length; c++) {
        long n = Long.parseLong(sent[c + 1]) + Long.parseLong(resent[c]);
        if (n > 0) {
          counted.put(sent[0] + " " + columns[c], n);
        }
      }
    }
    assertThat(counted).isEqualTo(expected);
    assertThat(run.out()).contains(" SIP decode error                       :0\n");
  }

  // ------------------------------------------------------------------ a call through NAT

  private static final long START_NS = 1_700_000_000_000_000_000L;

  private static String invite(String sdpAddress, String mediaPort) {
    String sdp =
        "v=0\r\n"
            + "o=alice 2890844526 2890844526 IN IP4 "
            + sdpAddress
            + "\r\n"
            + "s=call\r\n"
            + "c=IN IP4 "
            + sdpAddress
            + "\r\n"
            + "t=0 0\r\n"
            + "m=audio "
            + mediaPort
            + " RTP/AVP 0\r\n"
            + "a=rtpmap:0 PCMU/8000\r\n";
    return "INVITE sip:bob@198.51.100.7 SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 192.168.1.10:5060;branch=z9hG4bK776asdhds\r\n"
        + "Max-Forwards: 70\r\n"
        + "To: Bob <sip:bob@198.51.100.7>\r\n"
        + "From: Alice <sip:alice@192.168.1.10>;tag=1928301774\r\n"
        + "Call-ID: a84b4c76e66710@192.168.1.10\r\n"
        + "CSeq: 314159 INVITE\r\n"
        + "Contact: <sip:alice@192.168.1.10:5060>\r\n"
        + "Content-Type: application/sdp\r\n"
        + "Content-Length: "
        + sdp.length()
        + "\r\n\r\n"
        + sdp;
  }

  private static byte[] udp(String from, String to, int sourcePort, int port, String payload) {
    return PacketBuilder.ipv4(from, to)
        .udp(sourcePort, port)
        .payload(payload.getBytes(StandardCharsets.US_ASCII))
        .ethernet();
  }

  private Path capture(String name, List<byte[]> frames) throws IOException {
    Path file = dir.resolve(name);
    try (PcapWriter writer =
        PcapWriter.open(file, LinkType.ETHERNET, true, ByteOrder.LITTLE_ENDIAN)) {
      long at = START_NS;
      for (byte[] frame : frames) {
        writer.write(at, frame);
        at += 10_000_000L;
      }
    }
    return file;
  }

  @Test
  void throughInterfaceNatTheSdpCarriesTheTranslatedAddressAndTheMediaReachesTheCaller()
      throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/tshark")),
        "tshark is not installed (apt-get install tshark; .ci/run does)");
    byte[] invite =
        udp("192.168.1.10", "198.51.100.7", 5060, 5060, invite("192.168.1.10", "40000"));
    // first the INVITE alone: the NAT port the ALG announces for the caller's media
    Path first = capture("invite.pcap", List.of(invite));
    Path written = dir.resolve("written.pcap");
    Run run = replay(CONFIG + INTERFACE_NAT, first, "--spus", "1", "--write", written.toString());
    assertThat(run.status()).as(run.err()).isZero();
    List<String> fields =
        Tshark.read(
            written.toString(),
            "-o",
            "udp.check_checksum:TRUE",
            "-o",
            "ip.check_checksum:TRUE",
            "-Y",
            "sip",
            "-T",
            "fields",
            "-e",
            "sdp.connection_info",
            "-e",
            "sdp.media.port",
            "-e",
            "sdp.owner.address",
            "-e",
            "sip.Via",
            "-e",
            "sip.Contact",
            "-e",
            "udp.checksum.status",
            "-e",
            "ip.checksum.status",
            "-e",
            "_ws.expert");
    assertThat(fields).hasSize(1);
    String[] f = fields.get(0).split("\t", -1);
    assertThat(f[0]).isEqualTo("IN IP4 203.0.113.1");
    int natPort = Integer.parseInt(f[1]);
    assertThat(natPort % 2).as("an RTP port is even, RTCP the next").isZero();
    assertThat(f[2]).isEqualTo("203.0.113.1");
    assertThat(f[3]).startsWith("SIP/2.0/UDP 203.0.113.1");
    assertThat(f[4]).contains("sip:alice@203.0.113.1");
    assertThat(f[5]).as("UDP checksum status (1: good)").isEqualTo("1");
    assertThat(f[6]).as("IPv4 header checksum status (1: good)").isEqualTo("1");
    assertThat(f[7]).as("tshark's expert findings (a wrong Content-Length would be one)").isEmpty();

    // the whole call: the callee's RTP and RTCP to the announced NAT ports reach the caller
    Path call =
        capture(
            "call.pcap",
            List.of(
                invite,
                udp("198.51.100.7", "203.0.113.1", 40002, natPort, "rtp"),
                udp("198.51.100.7", "203.0.113.1", 40003, natPort + 1, "rtcp"),
                udp("198.51.100.7", "203.0.113.1", 40002, natPort + 2, "no gate")));
    Path media = dir.resolve("media.pcap");
    Run whole =
        replay(
            CONFIG + INTERFACE_NAT,
            call,
            "--spus",
            "1",
            "--write",
            media.toString(),
            "-c",
            "show security flow statistics | match \"policy deny|dropped\"",
            "-c",
            "show security alg sip calls detail");
    assertThat(whole.status()).as(whole.err()).isZero();
    assertThat(whole.out())
        .contains("Call ID  : a84b4c76e66710@192.168.1.10")
        .contains("State    : SETUP");
    List<String> forwarded =
        Tshark.read(
            media.toString(),
            "-Y",
            "udp.srcport == 40002 || udp.srcport == 40003",
            "-T",
            "fields",
            "-e",
            "ip.dst",
            "-e",
            "udp.dstport");
    assertThat(forwarded).containsExactly("192.168.1.10\t40000", "192.168.1.10\t40001");
  }

  @Test
  void aMalformedSdpOpensNoGateAndATextThatIsNotSipIsDropped() throws IOException {
    Path file =
        capture(
            "bad.pcap",
            List.of(
                udp("192.168.1.10", "198.51.100.7", 5060, 5060, invite("192.168.1.10", "forty")),
                udp("198.51.100.7", "192.168.1.10", 40002, 40000, "rtp"),
                udp("192.168.1.10", "198.51.100.7", 5060, 5060, "HELLO WORLD\r\n\r\n")));
    Run run =
        replay(
            CONFIG,
            file,
            "--spus",
            "1",
            "-c",
            "show security flow statistics | match \"policy deny|dropped by ALG\"",
            "-c",
            "show security alg sip counters | match \"decode|dropped on error|Pkt-in\"",
            "-c",
            "show security alg sip calls");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("policy deny: 1") // the RTP: no gate for it
        .contains("dropped by ALG: 1") // HELLO WORLD
        .contains(" Total Pkt-in                           :2\n")
        .contains(" Total Pkt dropped on error             :1\n")
        .contains(" SIP decode error                       :2\n")
        .contains("Total number of calls: 1\n  Call ID  : a84b4c76e66710@192.168.1.10\n");
  }

  /**
   * SIP over TCP: an INVITE cut over two segments is gathered before it is read; its SDP opens the
   * gate the callee's media then comes through (denied with the ALG off).
   */
  @Test
  void anInviteSplitOverTcpSegmentsIsGatheredAndOpensItsGates() throws IOException {
    byte[] message = invite("192.168.1.10", "40000").getBytes(StandardCharsets.US_ASCII);
    int cut = 300;
    byte[] head = java.util.Arrays.copyOfRange(message, 0, cut);
    byte[] tail = java.util.Arrays.copyOfRange(message, cut, message.length);
    String client = "192.168.1.10";
    String server = "198.51.100.7";
    List<byte[]> frames =
        List.of(
            PacketBuilder.ipv4(client, server)
                .tcp(41000, 5060, PacketBuilder.SYN, 1000, 0)
                .ethernet(),
            PacketBuilder.ipv4(server, client)
                .tcp(5060, 41000, PacketBuilder.SYN | PacketBuilder.ACK, 5000, 1001)
                .ethernet(),
            PacketBuilder.ipv4(client, server)
                .tcp(41000, 5060, PacketBuilder.ACK, 1001, 5001)
                .ethernet(),
            PacketBuilder.ipv4(client, server)
                .tcp(41000, 5060, PacketBuilder.ACK, 1001, 5001)
                .payload(head)
                .ethernet(),
            PacketBuilder.ipv4(client, server)
                .tcp(41000, 5060, PacketBuilder.ACK, 1001 + cut, 5001)
                .payload(tail)
                .ethernet(),
            udp(server, client, 50000, 40000, "rtp"),
            udp(server, client, 50001, 40001, "rtcp"));
    Path file = capture("tcp.pcap", frames);
    String stats = "show security flow statistics | match \"policy deny|dropped by ALG\"";
    Run on = replay(CONFIG, file, "--spus", "1", "-c", stats, "-c", "show security alg sip calls");
    assertThat(on.status()).as(on.err()).isZero();
    assertThat(on.out())
        .contains("policy deny: 0")
        .contains("dropped by ALG: 0")
        .contains("Call ID  : a84b4c76e66710@192.168.1.10");
    Run off = replay(CONFIG + "set security alg sip disable\n", file, "--spus", "1", "-c", stats);
    assertThat(off.out()).contains("policy deny: 2");
  }

  /**
   * A call refused with a final error response is torn down t4-interval later: its gates close then
   * (5 s by default), so media 7 s after the refusal is denied, and passes with {@code t4-interval
   * 10}.
   */
  @Test
  void aRefusedCallsGatesCloseT4IntervalAfterTheRefusal() throws IOException {
    String refusal =
        "SIP/2.0 480 Temporarily Unavailable\r\n"
            + "Via: SIP/2.0/UDP 192.168.1.10:5060;branch=z9hG4bK776asdhds\r\n"
            + "To: Bob <sip:bob@198.51.100.7>;tag=a6c85cf\r\n"
            + "From: Alice <sip:alice@192.168.1.10>;tag=1928301774\r\n"
            + "Call-ID: a84b4c76e66710@192.168.1.10\r\n"
            + "CSeq: 314159 INVITE\r\n"
            + "Content-Length: 0\r\n\r\n";
    Path file = dir.resolve("refused.pcap");
    try (PcapWriter writer =
        PcapWriter.open(file, LinkType.ETHERNET, true, ByteOrder.LITTLE_ENDIAN)) {
      writer.write(
          START_NS,
          udp("192.168.1.10", "198.51.100.7", 5060, 5060, invite("192.168.1.10", "40000")));
      writer.write(
          START_NS + 1_000_000_000L, udp("198.51.100.7", "192.168.1.10", 5060, 5060, refusal));
      writer.write(
          START_NS + 8_000_000_000L, udp("198.51.100.7", "192.168.1.10", 50000, 40000, "rtp"));
    }
    String stats = "show security flow statistics | match \"policy deny\"";
    Run byDefault =
        replay(CONFIG, file, "--spus", "1", "-c", stats, "-c", "show security alg sip calls");
    assertThat(byDefault.status()).as(byDefault.err()).isZero();
    assertThat(byDefault.out()).contains("policy deny: 1").contains("Total number of calls: 0");
    Run longer =
        replay(CONFIG + "set security alg sip t4-interval 10\n", file, "--spus", "1", "-c", stats);
    assertThat(longer.status()).as(longer.err()).isZero();
    assertThat(longer.out()).contains("policy deny: 0");
  }

  /**
   * Five hundred INVITEs and answers with bytes changed, cut or repeated at random (fixed seed,
   * printed on failure), each on a session of its own, over UDP: every one is read, passed or
   * dropped, and none makes the ALG fail ({@code SIP stack error} stays 0).
   */
  @Test
  void mangledMessagesAreReadPassedOrDroppedAndNeverFault() throws IOException {
    long seed = 0x5151_2026L;
    java.util.Random random = new java.util.Random(seed);
    byte[] base = invite("192.168.1.10", "40000").getBytes(StandardCharsets.US_ASCII);
    byte[] sdpChars = "0123456789.:;=<>@ \r\n\tabcIPNmcov/-".getBytes(StandardCharsets.US_ASCII);
    List<byte[]> frames = new ArrayList<>();
    for (int n = 0; n < 500; n++) {
      byte[] message = base.clone();
      int edits = 1 + random.nextInt(8);
      for (int e = 0; e < edits; e++) {
        int at = random.nextInt(message.length);
        switch (random.nextInt(3)) {
          case 0 -> message[at] = sdpChars[random.nextInt(sdpChars.length)];
          case 1 -> message = java.util.Arrays.copyOf(message, Math.max(1, at));
          default -> {
            int from = random.nextInt(message.length);
            int length = Math.min(random.nextInt(200), message.length - from);
            byte[] longer = new byte[Math.min(message.length + length, 1400)];
            System.arraycopy(message, 0, longer, 0, Math.min(at, longer.length));
            int room = longer.length - at;
            if (room > 0) {
              System.arraycopy(message, from, longer, at, Math.min(length, room));
              int rest = Math.min(message.length - at, longer.length - at - Math.min(length, room));
              if (rest > 0) {
                System.arraycopy(message, at, longer, at + Math.min(length, room), rest);
              }
            }
            message = longer;
          }
        }
      }
      frames.add(
          PacketBuilder.ipv4("192.168.1.10", "198.51.100.7")
              .udp(10_000 + n, 5060)
              .payload(message)
              .ethernet());
    }
    Path file = capture("mangled.pcap", frames);
    Run run =
        replay(
            CONFIG + INTERFACE_NAT,
            file,
            "--spus",
            "1",
            "-c",
            "show security alg sip counters | match \"Pkt-in|stack\"");
    assertThat(run.status()).as("seed %x: %s", seed, run.err()).isZero();
    assertThat(run.out())
        .as("seed %x", seed)
        .contains(" Total Pkt-in                           :500\n")
        .contains(" SIP stack error                        :0\n");
  }

  /**
   * IPv6: an INVITE over IPv6 whose SDP announces {@code c=IN IP6}: the callee's media to that
   * address comes through the gate; with the ALG off the policy denies it.
   */
  @Test
  void anIpv6CallsMediaComesThroughItsGate() throws IOException {
    String v6 =
        """
        set interfaces ge-0/0/0 unit 0 family inet6 address 2001:db8:ffff::1/64
        set interfaces ge-0/0/1 unit 0 family inet6 address 2001:db8:1::1/64
        set routing-options rib inet6.0 static route ::/0 next-hop 2001:db8:ffff::fe
        """
            + CONFIG
                .lines()
                .filter(l -> l.startsWith("set security"))
                .map(l -> l + "\n")
                .reduce("", String::concat);
    String sdp =
        "v=0\r\no=alice 1 1 IN IP6 2001:db8:1::10\r\ns=call\r\nc=IN IP6 2001:db8:1::10\r\n"
            + "t=0 0\r\nm=audio 40000 RTP/AVP 0\r\n";
    String invite =
        "INVITE sip:bob@[2001:db8:2::7] SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP [2001:db8:1::10]:5060;branch=z9hG4bK1\r\n"
            + "To: <sip:bob@[2001:db8:2::7]>\r\n"
            + "From: <sip:alice@[2001:db8:1::10]>;tag=88\r\n"
            + "Call-ID: v6call@2001:db8:1::10\r\n"
            + "CSeq: 1 INVITE\r\n"
            + "Content-Type: application/sdp\r\n"
            + "Content-Length: "
            + sdp.length()
            + "\r\n\r\n"
            + sdp;
    Path file =
        capture(
            "v6.pcap",
            List.of(
                PacketBuilder.ipv6("2001:db8:1::10", "2001:db8:2::7")
                    .udp(5060, 5060)
                    .payload(invite.getBytes(StandardCharsets.US_ASCII))
                    .ethernet(),
                PacketBuilder.ipv6("2001:db8:2::7", "2001:db8:1::10")
                    .udp(50000, 40000)
                    .payload("rtp".getBytes(StandardCharsets.US_ASCII))
                    .ethernet(),
                PacketBuilder.ipv6("2001:db8:2::7", "2001:db8:1::10")
                    .udp(50001, 40001)
                    .payload("rtcp".getBytes(StandardCharsets.US_ASCII))
                    .ethernet()));
    String stats = "show security flow statistics | match \"policy deny\"";
    Run on = replay(v6, file, "--spus", "1", "-c", stats, "-c", "show security alg sip calls");
    assertThat(on.status()).as(on.err()).isZero();
    assertThat(on.out()).contains("policy deny: 0").contains("Call ID  : v6call@2001:db8:1::10");
    Run off = replay(v6 + "set security alg sip disable\n", file, "--spus", "1", "-c", stats);
    assertThat(off.out()).contains("policy deny: 2");
  }

  /**
   * ndpi-sip through interface source NAT, written and read back by tshark: every SDP the caller
   * sent names the translated address, every UDP checksum is good, the media still passes.
   */
  @Test
  void aRealCaptureThroughInterfaceNatCarriesTheTranslatedAddressInEverySdp() throws Exception {
    Path file = shared("ndpi-sip.pcap");
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/tshark")),
        "tshark is not installed (apt-get install tshark; .ci/run does)");
    Path written = dir.resolve("ndpi-sip-nat.pcap");
    Run run =
        replay(
            CONFIG + INTERFACE_NAT,
            file,
            "--spus",
            "1",
            "--write",
            written.toString(),
            "-c",
            "show security flow statistics | match \"policy deny|dropped by ALG\"");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("policy deny: 0").contains("dropped by ALG: 0");
    List<String> sdps =
        Tshark.read(
            written.toString(),
            "-o",
            "udp.check_checksum:TRUE",
            "-Y",
            "sdp && ip.src == 203.0.113.1",
            "-T",
            "fields",
            "-e",
            "sdp.connection_info",
            "-e",
            "sdp.owner.address",
            "-e",
            "udp.checksum.status");
    // the caller's INVITEs with SDP (tshark: 11 INVITEs, each with an offer)
    assertThat(sdps).hasSize(11);
    for (String line : sdps) {
      assertThat(line).isEqualTo("IN IP4 203.0.113.1\t203.0.113.1\t1");
    }
    List<String> bad =
        Tshark.read(
            written.toString(),
            "-o",
            "udp.check_checksum:TRUE",
            "-Y",
            "udp.checksum.status == 0 || ip.checksum.status == 0 || _ws.malformed",
            "-T",
            "fields",
            "-e",
            "frame.number");
    assertThat(bad).isEmpty();
  }

  /**
   * SIP over TCP through interface source NAT: the INVITE is rewritten (a shorter address: the
   * segment shrinks), the next segment's sequence number moves with it, so tshark sees the caller's
   * stream run on without a gap or overlap, every checksum good.
   */
  @Test
  void overTcpThroughNatTheRewriteShiftsTheFollowingSequenceNumbers() throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/tshark")),
        "tshark is not installed (apt-get install tshark; .ci/run does)");
    byte[] message = invite("192.168.1.10", "40000").getBytes(StandardCharsets.US_ASCII);
    byte[] options =
        ("OPTIONS sip:bob@198.51.100.7 SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP 192.168.1.10:41000;branch=z9hG4bK2\r\n"
                + "To: <sip:bob@198.51.100.7>\r\n"
                + "From: <sip:alice@192.168.1.10>;tag=5\r\n"
                + "Call-ID: options@192.168.1.10\r\n"
                + "CSeq: 7 OPTIONS\r\n"
                + "Content-Length: 0\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    String client = "192.168.1.10";
    String server = "198.51.100.7";
    List<byte[]> frames =
        List.of(
            PacketBuilder.ipv4(client, server)
                .tcp(41000, 5060, PacketBuilder.SYN, 1000, 0)
                .ethernet(),
            PacketBuilder.ipv4(server, client)
                .tcp(5060, 41000, PacketBuilder.SYN | PacketBuilder.ACK, 5000, 1001)
                .ethernet(),
            PacketBuilder.ipv4(client, server)
                .tcp(41000, 5060, PacketBuilder.ACK, 1001, 5001)
                .ethernet(),
            PacketBuilder.ipv4(client, server)
                .tcp(41000, 5060, PacketBuilder.ACK, 1001, 5001)
                .payload(message)
                .ethernet(),
            PacketBuilder.ipv4(client, server)
                .tcp(41000, 5060, PacketBuilder.ACK, 1001 + message.length, 5001)
                .payload(options)
                .ethernet());
    Path file = capture("tcp-nat.pcap", frames);
    Path written = dir.resolve("tcp-nat-written.pcap");
    Run run = replay(CONFIG + INTERFACE_NAT, file, "--spus", "1", "--write", written.toString());
    assertThat(run.status()).as(run.err()).isZero();
    List<String> segments =
        Tshark.read(
            written.toString(),
            "-o",
            "tcp.check_checksum:TRUE",
            "-o",
            "tcp.relative_sequence_numbers:FALSE",
            "-Y",
            "tcp.len > 0",
            "-T",
            "fields",
            "-e",
            "tcp.seq",
            "-e",
            "tcp.len",
            "-e",
            "tcp.checksum.status",
            "-e",
            "sdp.connection_info",
            "-e",
            "tcp.analysis.flags");
    assertThat(segments).hasSize(2);
    String[] first = segments.get(0).split("\t", -1);
    String[] second = segments.get(1).split("\t", -1);
    assertThat(first[3]).isEqualTo("IN IP4 203.0.113.1");
    assertThat(Integer.parseInt(first[1])).isLessThan(message.length); // the address is shorter
    assertThat(Long.parseLong(second[0]))
        .isEqualTo(Long.parseLong(first[0]) + Long.parseLong(first[1]));
    assertThat(first[2]).isEqualTo("1");
    assertThat(second[2]).isEqualTo("1");
    assertThat(first[4] + second[4]).as("tshark's TCP analysis").isEmpty();
  }

  /**
   * Compact header names (i f t v l c), a folded header and bytes past Content-Length: the call is
   * read from the compact headers, the folded From is one header, and the SDP ends where
   * Content-Length says (a media line after it opens nothing).
   */
  @Test
  void compactFoldedHeadersAreReadAndTheBodyEndsAtContentLength() throws IOException {
    String sdp =
        "v=0\r\no=a 1 1 IN IP4 192.168.1.10\r\ns=-\r\nc=IN IP4 192.168.1.10\r\nt=0 0\r\n"
            + "m=audio 40000 RTP/AVP 0\r\n";
    String message =
        "INVITE sip:bob@198.51.100.7 SIP/2.0\r\n"
            + "v: SIP/2.0/UDP 192.168.1.10:5060;branch=z9hG4bK3\r\n"
            + "t: <sip:bob@198.51.100.7>\r\n"
            + "f: Alice\r\n   <sip:alice@192.168.1.10>\r\n\t;tag=77\r\n"
            + "i: compact@192.168.1.10\r\n"
            + "CSeq: 1 INVITE\r\n"
            + "c: application/sdp\r\n"
            + "l: "
            + sdp.length()
            + "\r\n\r\n"
            + sdp
            + "m=audio 6666 RTP/AVP 0\r\n"; // past Content-Length: not the SDP's
    Path file =
        capture(
            "compact.pcap",
            List.of(
                udp("192.168.1.10", "198.51.100.7", 5060, 5060, message),
                udp("198.51.100.7", "192.168.1.10", 50000, 40000, "rtp"),
                udp("198.51.100.7", "192.168.1.10", 50000, 6666, "not announced")));
    Run run =
        replay(
            CONFIG,
            file,
            "--spus",
            "1",
            "-c",
            "show security flow statistics | match \"policy deny\"",
            "-c",
            "show security alg sip calls");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("policy deny: 1")
        .contains("Call ID  : compact@192.168.1.10\n  Method   : INVITE\n");
  }

  /**
   * An offer announced again (a retransmitted INVITE) keeps its gates open another
   * inactive-media-timeout: media beginning after the first deadline, from hosts other than the
   * signalling peer, still comes through, on one SPU or four.
   */
  @ParameterizedTest(name = "{0} SPUs")
  @ValueSource(ints = {1, 4})
  void anOfferAnnouncedAgainKeepsItsGatesOpen(int spus) throws IOException {
    byte[] invite =
        udp("192.168.1.10", "198.51.100.7", 5060, 5060, invite("192.168.1.10", "40000"));
    Path file = dir.resolve("again.pcap");
    try (PcapWriter writer =
        PcapWriter.open(file, LinkType.ETHERNET, true, ByteOrder.LITTLE_ENDIAN)) {
      writer.write(START_NS, invite);
      writer.write(START_NS + 100_000_000_000L, invite); // 100 s later
      for (int k = 0; k < 8; k++) {
        writer.write(
            START_NS + 150_000_000_000L + k,
            udp("198.51.100." + (50 + k), "192.168.1.10", 50000 + 2 * k, 40000, "rtp"));
      }
    }
    String stats = "show security flow statistics | match \"policy deny\"";
    Run run = replay(CONFIG, file, "--spus", Integer.toString(spus), "-c", stats);
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("policy deny: 0");
  }

  @Test
  void callsAndCountersRenderAsXmlAndJsonWithJunosElementNames() throws IOException {
    Path file =
        capture(
            "one.pcap",
            List.of(
                udp("192.168.1.10", "198.51.100.7", 5060, 5060, invite("192.168.1.10", "40000"))));
    Run run =
        replay(
            CONFIG,
            file,
            "--spus",
            "1",
            "-c",
            "show security alg sip calls detail | display xml",
            "-c",
            "show security alg sip counters | display json",
            "-c",
            "show security alg sip bogus");
    assertThat(run.out())
        .contains("<alg-sip-calls-total-num-calls>1</alg-sip-calls-total-num-calls>")
        .contains("<alg-sip-calls-call-id>a84b4c76e66710@192.168.1.10</alg-sip-calls-call-id>")
        .contains("<alg-sip-calls-state>SETUP</alg-sip-calls-state>")
        .contains("\"alg-sip-counters-total-packet-in\"")
        .contains("\"alg-sip-counters-tbl-method\"");
    assertThat(run.out() + run.err()).contains("syntax error");
  }

  @Test
  void aSipTimerOutOfJunossRangeIsAConfigurationErrorAtItsLine() throws IOException {
    Path file = dir.resolve("bad.conf");
    Files.writeString(file, CONFIG + "set security alg sip t4-interval 11\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            new String[] {"check", file.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isNotZero();
    assertThat(out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8))
        .contains("bad.conf:16:")
        .contains("invalid t4-interval '11': 5 to 10");
  }
}
