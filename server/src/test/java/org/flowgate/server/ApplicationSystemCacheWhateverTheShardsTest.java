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
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.testkit.PacketBuilder;
import org.flowgate.testkit.TlsMessages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application system cache is the device's, whatever the number of SPU shards (ADR 0041): 40
 * clients each open a TLS session to one of four servers (identified by ClientHello and
 * ServerHello, on whichever SPU the flow hash picks), and two seconds later a second session to the
 * same server, of which only the SYN is in the capture. Every second session is named {@code
 * junos:SSL} at that SYN by the cache, and one SPU and four print the same bytes for the sessions,
 * the cache (text and XML) and the statistics.
 */
class ApplicationSystemCacheWhateverTheShardsTest {
  private static final long T0 = 1_767_225_600_000_000_000L;
  private static final long MS = 1_000_000L;
  private static final int CLIENTS = 40;
  private static final String[] SERVERS = {
    "192.0.2.10", "192.0.2.11", "198.51.100.12", "198.51.100.13"
  };
  private static final String[] NAMES = {
    "www.youtube.com", "www.example.net", "mail.google.com", "www.example.org"
  };

  private static final String CONFIG =
      """
      set system host-name edge-3
      set interfaces ge-0/0/0 unit 0 family inet address 203.0.113.1/24
      set interfaces ge-0/0/1 unit 0 family inet address 10.0.0.1/16
      set routing-options static route 0.0.0.0/0 next-hop 203.0.113.254
      set security zones security-zone trust interfaces ge-0/0/1.0
      set security zones security-zone untrust interfaces ge-0/0/0.0
      set security policies from-zone trust to-zone untrust policy out match source-address any
      set security policies from-zone trust to-zone untrust policy out match destination-address any
      set security policies from-zone trust to-zone untrust policy out match application any
      set security policies from-zone trust to-zone untrust policy out then permit
      set services application-identification application-system-cache security-services
      """;

  private static final List<String> COMMANDS =
      List.of(
          "show security flow session extensive",
          "show services application-identification application-system-cache",
          "show services application-identification application-system-cache | display xml",
          "show services application-identification statistics applications",
          "show security flow session summary");

  @TempDir Path dir;

  private Path capture() throws IOException {
    Path file = dir.resolve("tls-twice.pcap");
    try (PcapWriter w = PcapWriter.open(file, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      long t = T0;
      for (int c = 0; c < CLIENTS; c++) {
        String client = "10.0.7." + (10 + c);
        String server = SERVERS[c % SERVERS.length];
        int port = 40_000 + c;
        byte[] hello = TlsMessages.clientHello(NAMES[c % NAMES.length], "h2");
        byte[] serverHello = TlsMessages.serverHello();
        w.write(
            t += MS,
            PacketBuilder.ipv4(client, server)
                .tcp(port, 443, PacketBuilder.SYN, 100, 0)
                .ethernet());
        w.write(
            t += MS,
            PacketBuilder.ipv4(server, client)
                .tcp(443, port, PacketBuilder.SYN | PacketBuilder.ACK, 900, 101)
                .ethernet());
        w.write(
            t += MS,
            PacketBuilder.ipv4(client, server)
                .tcp(port, 443, PacketBuilder.ACK, 101, 901)
                .ethernet());
        w.write(
            t += MS,
            PacketBuilder.ipv4(client, server)
                .tcp(port, 443, PacketBuilder.ACK | PacketBuilder.PSH, 101, 901)
                .payload(hello)
                .ethernet());
        w.write(
            t += MS,
            PacketBuilder.ipv4(server, client)
                .tcp(443, port, PacketBuilder.ACK | PacketBuilder.PSH, 901, 101 + hello.length)
                .payload(serverHello)
                .ethernet());
      }
      t += 2_000 * MS;
      for (int c = 0; c < CLIENTS; c++) {
        String client = "10.0.7." + (10 + c);
        w.write(
            t += MS,
            PacketBuilder.ipv4(client, SERVERS[c % SERVERS.length])
                .tcp(50_000 + c, 443, PacketBuilder.SYN, 7, 0)
                .ethernet());
      }
    }
    return file;
  }

  private String replay(int spus, Path capture, Path config) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "replay",
                "--spus",
                Integer.toString(spus),
                "--config",
                config.toString(),
                capture.toString()));
    for (String command : COMMANDS) {
      args.add("-c");
      args.add(command);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            args.toArray(String[]::new),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).as("exit status; stderr: %s", err).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void everySecondSessionIsNamedAtItsSynAndOneShardAndFourPrintTheSameBytes() throws IOException {
    Path capture = capture();
    Path config = Files.writeString(dir.resolve("asc.conf"), CONFIG);

    String one = replay(1, capture, config);
    String four = replay(4, capture, config);

    assertThat(four).isEqualTo(one);
    // every session of both waves is SSL: the first 40 by inspection, the next 40 by the cache
    assertThat(count(one, "Dynamic application: junos:SSL")).isEqualTo(2 * CLIENTS);
    assertThat(one).doesNotContain("Dynamic application: Pending");
    // the second wave's sessions carried one packet each (their SYN)
    Matcher second =
        Pattern.compile(
                "In: 10\\.0\\.7\\.\\d+/5\\d{4} --> [0-9.]+/443;tcp,.*?Pkts: 1,", Pattern.DOTALL)
            .matcher(one);
    assertThat(second.results().count()).isEqualTo(CLIENTS);
    for (int s = 0; s < SERVERS.length; s++) {
      assertThat(one)
          .containsPattern(
              "IP address: " + Pattern.quote(SERVERS[s]) + " +Port: 443 +Protocol: TCP\n");
    }
    assertThat(count(one, "<appid-application-system-cache-usp>")).isEqualTo(SERVERS.length);
    assertThat(one).contains("Cache lookup for security-services:        on");
  }

  private static long count(String text, String what) {
    return Pattern.compile(Pattern.quote(what)).matcher(text).results().count();
  }
}
