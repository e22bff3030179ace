package org.flowgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flowgate.dataplane.capture.CaptureReader;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.packet.PacketParser;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flowgate replay} through a Junos configuration with a three-port source pool and a port
 * forward: the sessions, the NAT views, the written packets and the RT_FLOW lines all agree.
 */
class NatCommandLineTest {
  /** A whole DNS query for {@code a.example A} (the DNS ALG drops malformed ones); zero padding. */
  private static final byte[] DNS_QUERY = {
    0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 1, 'a', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0,
    0, 1, 0, 1
  };

  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final long MS = 1_000_000L;

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private static final String CONFIG =
      """
      set system host-name edge
      set interfaces ge-0/0/0 unit 0 family inet address 198.51.100.1/24
      set interfaces ge-0/0/1 unit 0 family inet address 10.0.1.1/24
      set interfaces ge-0/0/2 unit 0 family inet address 172.16.10.1/24
      set routing-options static route 0.0.0.0/0 next-hop 198.51.100.254
      set security zones security-zone untrust interfaces ge-0/0/0.0
      set security zones security-zone trust interfaces ge-0/0/1.0
      set security zones security-zone dmz interfaces ge-0/0/2.0
      set security address-book global address web 172.16.10.80/32
      set security nat source pool tiny address 198.51.100.200/32
      set security nat source pool tiny port range 2000 to 2002
      set security nat source rule-set out from zone trust
      set security nat source rule-set out to zone untrust
      set security nat source rule-set out rule lan match source-address 10.0.1.0/24
      set security nat source rule-set out rule lan then source-nat pool tiny
      set security nat destination pool web-8080 address 172.16.10.80/32 port 8080
      set security nat destination rule-set in from zone untrust
      set security nat destination rule-set in rule web match destination-address 198.51.100.80/32
      set security nat destination rule-set in rule web match destination-port 80
      set security nat destination rule-set in rule web then destination-nat pool web-8080
      set security policies from-zone trust to-zone untrust policy lan-out match source-address any
      set security policies from-zone trust to-zone untrust policy lan-out match destination-address any
      set security policies from-zone trust to-zone untrust policy lan-out match application any
      set security policies from-zone trust to-zone untrust policy lan-out then permit
      set security policies from-zone trust to-zone untrust policy lan-out then log session-init
      set security policies from-zone untrust to-zone dmz policy to-web match source-address any
      set security policies from-zone untrust to-zone dmz policy to-web match destination-address web
      set security policies from-zone untrust to-zone dmz policy to-web match application any
      set security policies from-zone untrust to-zone dmz policy to-web then permit
      set security policies from-zone untrust to-zone dmz policy to-web then log session-init
      """;

  private Path capture() throws IOException {
    Path file = dir.resolve("edge.pcap");
    try (PcapWriter writer =
        PcapWriter.open(file, LinkType.ETHERNET, true, ByteOrder.LITTLE_ENDIAN)) {
      for (int host = 10; host < 14; host++) { // four hosts, three pool ports
        writer.write(
            T0 + host * MS,
            PacketBuilder.ipv4("10.0.1." + host, "192.0.2.53")
                .udp(5000 + host, 53)
                .payload(java.util.Arrays.copyOf(DNS_QUERY, 30))
                .ethernet());
      }
      writer.write(
          T0 + 20 * MS,
          PacketBuilder.ipv4("203.0.113.66", "198.51.100.80")
              .tcp(50_000, 80, PacketBuilder.SYN, 1, 0)
              .ethernet());
    }
    return file;
  }

  @Test
  void aPoolAndAPortForwardThroughTheWholeCommandLine() throws Exception {
    Path config = dir.resolve("edge.conf");
    Files.writeString(config, CONFIG);
    Path written = dir.resolve("forwarded.pcap");
    Path log = dir.resolve("rt-flow.log");
    int status =
        Main.run(
            new String[] {
              "replay",
              // one SPU holds all three ports of the pool, so the fourth host is the one refused;
              // with more SPUs a pool this small is split among them (docs/adr/0012-nat.md)
              "--spus",
              "1",
              "--config",
              config.toString(),
              "--write",
              written.toString(),
              "--session-log",
              log.toString(),
              capture().toString(),
              "-c",
              "show security flow session nat",
              "-c",
              "show security nat source pool tiny",
              "-c",
              "show security nat destination rule all",
              "-c",
              "show security flow statistics | match dropped"
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();

    assertThat(text)
        .contains("In: 203.0.113.66/50000 --> 198.51.100.80/80;tcp")
        .contains("Out: 172.16.10.80/8080 --> 203.0.113.66/50000;tcp");
    Matcher ports =
        Pattern.compile("Out: 192\\.0\\.2\\.53/53 --> 198\\.51\\.100\\.200/(\\d+);udp")
            .matcher(text);
    List<Integer> held = new ArrayList<>();
    while (ports.find()) {
      held.add(Integer.parseInt(ports.group(1)));
    }
    assertThat(held).containsExactlyInAnyOrder(2000, 2001, 2002);
    assertThat(text)
        .containsPattern("Translation hits\\s*:\\s*3")
        .containsPattern("198\\.51\\.100\\.200\\s+-\\s+198\\.51\\.100\\.200\\s+3\\n")
        .containsPattern("Destination NAT rule: web")
        .contains("Packets dropped: 1");

    List<String> forwarded = new ArrayList<>();
    try (CaptureReader reader = CaptureReader.open(written)) {
      PacketDescriptor packet = new PacketDescriptor();
      while (reader.next()) {
        assertThat(
                PacketParser.parse(
                    reader.segment(),
                    reader.frameOffset(),
                    reader.capturedLengthBytes(),
                    reader.originalLengthBytes(),
                    reader.linkType(),
                    packet))
            .isNull();
        forwarded.add(
            IpAddress.format(packet.sourceHi, packet.sourceLo)
                + "/"
                + packet.sourcePort
                + "->"
                + IpAddress.format(packet.destinationHi, packet.destinationLo)
                + "/"
                + packet.destinationPort);
      }
    }
    assertThat(forwarded).hasSize(4).last().isEqualTo("203.0.113.66/50000->172.16.10.80/8080");
    assertThat(forwarded.subList(0, 3))
        .allMatch(f -> f.matches("198\\.51\\.100\\.200/200[012]->192\\.0\\.2\\.53/53"));

    String lines = Files.readString(log);
    assertThat(lines)
        .contains("0x0 source rule lan N/A N/A 17 lan-out trust untrust")
        .contains("0x0 N/A N/A destination rule web 6 to-web untrust dmz")
        .contains("session denied 10.0.1.13/5013->192.0.2.53/53")
        .contains("source NAT pool exhausted");
  }
}
