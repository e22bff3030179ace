package org.flowgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.flowgate.dataplane.packet.Wire;
import org.flowgate.testkit.Shared;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real FTP captures (../shared/pcaps) through a policy that permits only {@code junos-ftp}: every
 * data connection the control connection announced (PASV, PORT, EPSV, EPRT) comes through a gate as
 * a child of the control session; with {@code security alg ftp disable} the policy denies them.
 * Through interface source NAT, the written packets carry the rewritten PORT/EPRT, every checksum
 * is valid and each direction's sequence numbers run on without a gap or an overlap.
 */
class FtpAlgCommandLineTest {
  @TempDir Path dir;

  private static final String V4 =
      """
      set interfaces ge-0/0/0 unit 0 family inet address 203.0.113.1/24
      set interfaces ge-0/0/1 unit 0 family inet address 192.168.1.1/24
      set interfaces ge-0/0/1 unit 0 family inet address 141.142.220.1/24
      set routing-options static route 0.0.0.0/0 next-hop 203.0.113.254
      """;

  private static final String V6 =
      """
      set interfaces ge-0/0/0 unit 0 family inet6 address 2001:db8:ffff::1/64
      set interfaces ge-0/0/1 unit 0 family inet6 address 2001:470:1f11:81f::1/64
      set routing-options rib inet6.0 static route ::/0 next-hop 2001:db8:ffff::fe
      """;

  private static final String ZONES_AND_POLICY =
      """
      set security zones security-zone untrust interfaces ge-0/0/0.0
      set security zones security-zone trust interfaces ge-0/0/1.0
      set security policies from-zone trust to-zone untrust policy ftp-out match source-address any
      set security policies from-zone trust to-zone untrust policy ftp-out match destination-address any
      set security policies from-zone trust to-zone untrust policy ftp-out match application junos-ftp
      set security policies from-zone trust to-zone untrust policy ftp-out then permit
      """;

  private static final String INTERFACE_NAT =
      """
      set security nat source rule-set out from zone trust
      set security nat source rule-set out to zone untrust
      set security nat source rule-set out rule all match source-address 0.0.0.0/0
      set security nat source rule-set out rule all match source-address ::/0
      set security nat source rule-set out rule all then source-nat interface
      """;

  private record Run(int status, String out, String err) {}

  private Run replay(String config, String capture, String... extra) throws IOException {
    Path file = dir.resolve("ftp.conf");
    Files.writeString(file, config);
    List<String> args = new ArrayList<>(List.of("replay", "--config", file.toString()));
    args.addAll(List.of(extra));
    args.add(Shared.resolve("pcaps/" + capture).toString());
    args.addAll(
        List.of(
            "-c",
            "show security flow session resource-manager",
            "-c",
            "show security flow statistics | match \"dropped|policy deny|not SYN\""));
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

  private static String config(String capture) {
    return (capture.contains("ipv6") ? V6 : V4) + ZONES_AND_POLICY;
  }

  private static void assumeCapture(String capture) {
    assumeTrue(Shared.present("pcaps/" + capture), Shared.missing("pcaps/" + capture));
  }

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"ndpi-ftp.pcap", "zeek-ftp-ipv4.pcap", "zeek-ftp-ipv6.pcap"})
  void everyDataConnectionComesThroughAGateAndIsDeniedWithTheAlgOff(String capture)
      throws IOException {
    assumeCapture(capture);
    Run on = replay(config(capture), capture, "--spus", "1");
    assertThat(on.status()).as(on.err()).isZero();
    assertThat(on.out()).contains("Packets dropped: 0").contains("policy deny: 0");
    assertThat(on.out()).contains("Resource information : FTP ALG, ");

    Run off = replay(config(capture) + "set security alg ftp disable\n", capture, "--spus", "1");
    assertThat(off.status()).as(off.err()).isZero();
    assertThat(off.out()).doesNotContain("policy deny: 0").doesNotContain("Resource information");
  }

  @ParameterizedTest(name = "{0} SPUs")
  @ValueSource(ints = {2, 4})
  void severalSpusPlaceEveryChildWithItsGate(int spus) throws IOException {
    String capture = "zeek-ftp-ipv4.pcap";
    assumeCapture(capture);
    Run one = replay(config(capture) + INTERFACE_NAT, capture, "--spus", "1");
    Run many = replay(config(capture) + INTERFACE_NAT, capture, "--spus", Integer.toString(spus));
    assertThat(many.status()).as(many.err()).isZero();
    assertThat(many.out()).contains("policy deny: 0").isEqualTo(one.out());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"zeek-ftp-ipv4.pcap", "zeek-ftp-ipv6.pcap"})
  void throughInterfaceNatTheAnnouncedAddressIsTranslatedAndTheStreamsStayWhole(String capture)
      throws IOException {
    assumeCapture(capture);
    Path written = dir.resolve("written.pcap");
    Run run =
        replay(
            config(capture) + INTERFACE_NAT, capture, "--spus", "1", "--write", written.toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("Packets dropped: 0");

    List<String> announcements = new ArrayList<>();
    Map<String, Long> nextSequence = new HashMap<>();
    int segments = 0;
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
        if (p.protocol != IpProtocol.TCP) {
          continue;
        }
        segments++;
        assertThat(transportChecksumValid(p)).as("checksum of segment %d", segments).isTrue();
        if (p.ipVersion == 4) {
          assertThat(Wire.checksum(Wire.sum(p.segment, p.l3Offset, 20)))
              .as("IPv4 header checksum")
              .isZero();
        }
        String payload = payload(p);
        if (payload.startsWith("PORT ") || payload.startsWith("EPRT ")) {
          announcements.add(payload.trim());
        }
        // each direction's bytes follow on: a segment starts where the previous one ended, or
        // earlier (a retransmission), never beyond (a gap the rewrite would have made)
        String key = p.sourceHi + ":" + p.sourceLo + ":" + p.sourcePort + ">" + p.destinationPort;
        long seq = p.tcpSequence;
        int length = p.tcpPayloadBytes + ((p.tcpFlags & 0x03) != 0 ? 1 : 0);
        Long expected = nextSequence.get(key);
        if (expected != null && (p.tcpFlags & 0x02) == 0) {
          assertThat((int) (seq - expected))
              .as("sequence of %s in segment %d", key, segments)
              .isLessThanOrEqualTo(0);
        }
        long end = (seq + length) & 0xffff_ffffL;
        if (expected == null || (int) (end - expected) > 0 || (p.tcpFlags & 0x02) != 0) {
          nextSequence.put(key, end);
        }
      }
    }
    assertThat(announcements).isNotEmpty();
    for (String line : announcements) {
      if (capture.contains("ipv6")) {
        assertThat(line).matches("EPRT \\|2\\|2001:db8:ffff::1\\|\\d+\\|");
      } else {
        assertThat(line).matches("PORT 203,0,113,1,\\d+,\\d+");
      }
    }
    assertThat(count(run.out(), "Resource information : FTP ALG")).isPositive();
  }

  @org.junit.jupiter.api.Test
  void algStatusFollowsTheConfiguration() throws IOException {
    Path capture = dir.resolve("one.pcap");
    try (org.flowgate.dataplane.capture.PcapWriter writer =
        org.flowgate.dataplane.capture.PcapWriter.open(
            capture,
            org.flowgate.dataplane.capture.LinkType.ETHERNET,
            true,
            java.nio.ByteOrder.LITTLE_ENDIAN)) {
      writer.write(
          1_700_000_000_000_000_000L,
          org.flowgate.testkit.PacketBuilder.ipv4("192.168.1.10", "198.51.100.7")
              .tcp(40_000, 21, org.flowgate.testkit.PacketBuilder.SYN, 1, 0)
              .ethernet());
    }
    Path file = dir.resolve("alg.conf");
    Files.writeString(
        file,
        V4 + ZONES_AND_POLICY + "set security alg ftp disable\nset security alg sip disable\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            new String[] {
              "replay",
              "--config",
              file.toString(),
              capture.toString(),
              "-c",
              "show security alg status",
              "-c",
              "show security alg status | display xml"
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(text)
        .contains(
            """
            ALG Status :
              DNS      : Enabled
              FTP      : Disabled
              H323     : Enabled
            """)
        .contains("  SIP      : Disabled\n")
        .contains("  RSH      : Disabled\n")
        .contains("  IKE-ESP  : Disabled\n")
        .contains("<alg-ftp-status>Disabled</alg-ftp-status>")
        .contains("<alg-dns-status>Enabled</alg-dns-status>")
        .contains("<alg-ike-esp-nat-status>Disabled</alg-ike-esp-nat-status>");
  }

  @org.junit.jupiter.api.Test
  void anAlgJunosDoesNotHaveIsAConfigurationError() throws IOException {
    Path file = dir.resolve("bad.conf");
    Files.writeString(file, V4 + ZONES_AND_POLICY + "set security alg gopher disable\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            new String[] {"check", file.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isNotZero();
    assertThat(out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8))
        .contains("bad.conf:11:18: error: syntax error: gopher [edit security alg]");
  }

  private static String payload(PacketDescriptor p) {
    byte[] bytes = new byte[Math.min(p.payloadBytes, 200)];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = p.segment.get(ValueLayout.JAVA_BYTE, p.payloadOffset + i);
    }
    return new String(bytes, StandardCharsets.US_ASCII);
  }

  /** The TCP checksum over the pseudo-header and the whole segment sums to zero. */
  private static boolean transportChecksumValid(PacketDescriptor p) {
    int length = (int) (p.l3Offset + p.ipLengthBytes - p.l4Offset);
    long sum = Wire.sum(p.segment, p.l4Offset, length);
    if (p.ipVersion == 4) {
      sum += Wire.sum(p.segment, p.l3Offset + 12, 8) + p.protocol + length;
    } else {
      sum += Wire.sum(p.segment, p.l3Offset + 8, 32) + p.protocol + length;
    }
    return Wire.checksum(sum) == 0;
  }
}
