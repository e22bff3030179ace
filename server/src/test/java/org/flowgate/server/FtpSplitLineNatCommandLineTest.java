package org.flowgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An FTP PORT or EPRT line split over TCP segments, through interface source NAT, replayed with
 * {@code --write} (docs/adr/0039-alg-nat-rewriting.md): the segments that end inside the line are
 * held back and the line leaves whole, rewritten to the NAT address, as one segment at the sequence
 * number of its first byte; tshark reads the written capture's line (address and port) with valid
 * checksums and no segment missing; the gate opens for the NAT address and port the line names; 1,
 * 2 and 4 SPUs write the same line.
 *
 * <pre>
 *  two          "PORT 10,0,1,"  "10,156,65\r\n"
 *  three        "PORT 1"  "0,0,1,10,15"  "6,65\r\n"
 *  outOfOrder   the second segment first, then the first
 *  retransmitted  both segments, then both again (sent again as they were rewritten)
 *  coalesced    the first segment, then the whole line again from its first byte
 * </pre>
 */
class FtpSplitLineNatCommandLineTest {
  @TempDir Path dir;

  static final String CONFIG =
      """
      set interfaces ge-0/0/0 unit 0 family inet address 203.0.113.1/24
      set interfaces ge-0/0/0 unit 0 family inet6 address 2001:db8:ffff::1/64
      set interfaces ge-0/0/1 unit 0 family inet address 10.0.1.1/24
      set interfaces ge-0/0/1 unit 0 family inet6 address fd00:1::1/64
      set routing-options static route 0.0.0.0/0 next-hop 203.0.113.254
      set routing-options rib inet6.0 static route ::/0 next-hop 2001:db8:ffff::fe
      set security zones security-zone untrust interfaces ge-0/0/0.0
      set security zones security-zone trust interfaces ge-0/0/1.0
      set security policies from-zone trust to-zone untrust policy ftp-out match source-address any
      set security policies from-zone trust to-zone untrust policy ftp-out match destination-address any
      set security policies from-zone trust to-zone untrust policy ftp-out match application junos-ftp
      set security policies from-zone trust to-zone untrust policy ftp-out then permit
      set security nat source rule-set out from zone trust
      set security nat source rule-set out to zone untrust
      set security nat source rule-set out rule all match source-address 0.0.0.0/0
      set security nat source rule-set out rule all match source-address ::/0
      set security nat source rule-set out rule all then source-nat interface
      """;

  @ParameterizedTest(name = "{0} {1} {2} SPUs")
  @CsvSource({
    "two, v4, 1",
    "three, v4, 1",
    "outOfOrder, v4, 1",
    "retransmitted, v4, 1",
    "coalesced, v4, 1",
    "coalesced, v6, 2",
    "two, v6, 1",
    "three, v6, 1",
    "outOfOrder, v6, 1",
    "retransmitted, v6, 1",
    "two, v4, 2",
    "two, v4, 4",
    "outOfOrder, v6, 4",
    "retransmitted, v4, 4"
  })
  void theSplitLineLeavesWholeAndRewrittenAtItsFirstBytesSequence(
      String split, String family, int spus) throws Exception {
    boolean v6 = family.equals("v6");
    String client = v6 ? "fd00:1::10" : "10.0.1.10";
    String server = v6 ? "2001:db8:200::7" : "198.51.100.7";
    String line = v6 ? "EPRT |2|fd00:1::10|40001|\r\n" : "PORT 10,0,1,10,156,65\r\n";
    Tcp tcp = new Tcp(v6, client, 40_000, server, 21);
    List<byte[]> frames = new ArrayList<>(tcp.handshake());
    frames.add(tcp.fromServer(ascii("220 ready\r\n")));
    long lineSequence = tcp.clientSeq;
    List<byte[]> parts = new ArrayList<>();
    for (String part : parts(split, line)) {
      parts.add(tcp.fromClient(ascii(part)));
    }
    int retransmissions = 0;
    switch (split) {
      case "outOfOrder" -> {
        frames.add(parts.get(1));
        frames.add(parts.get(0));
      }
      case "retransmitted" -> {
        frames.addAll(parts);
        frames.addAll(parts);
        retransmissions = parts.size();
      }
      case "coalesced" -> {
        frames.add(parts.get(0));
        frames.add(tcp.fromClientAt(lineSequence, ascii(line))); // the sender resends it all
      }
      default -> frames.addAll(parts);
    }
    frames.add(tcp.fromServer(ascii("200 Command okay\r\n")));
    frames.add(tcp.fromClient(ascii("NOOP\r\n")));
    Path capture = AlgReplay.capture(dir, "split.pcap", frames, 0);
    Path written = dir.resolve("written.pcap");
    AlgReplay.Run run =
        AlgReplay.replay(
            dir,
            CONFIG,
            capture,
            List.of("--spus", Integer.toString(spus), "--write", written.toString()),
            "show security flow gate",
            "show security flow statistics | match \"dropped|held\"");
    assertThat(run.status()).as(run.err()).isZero();
    int held =
        switch (split) {
          case "three" -> 2;
          case "retransmitted" -> 1;
          default -> 1; // two: the first part; outOfOrder: the second, ahead of the first
        };
    assertThat(run.out()).as(run.out()).contains("held by ALG until its message is whole: " + held);

    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/tshark")),
        "tshark is not installed (apt-get install tshark; .ci/run does)");
    String command = v6 ? "EPRT" : "PORT";
    // every segment towards the server with data (a retransmission too, which the FTP dissector
    // leaves alone): sequence number and payload
    List<String> lines = new ArrayList<>();
    long noopSequence = -1;
    for (String segment :
        Tshark.read(
            written.toString(),
            "-o",
            "tcp.relative_sequence_numbers:FALSE",
            "-Y",
            "tcp.dstport == 21 && tcp.len > 0",
            "-T",
            "fields",
            "-e",
            "tcp.seq",
            "-e",
            "tcp.payload")) {
      String[] f = segment.split("\t");
      String text =
          new String(
              java.util.HexFormat.of().parseHex(f[1].replace(":", "")), StandardCharsets.US_ASCII);
      if (text.startsWith(command)) {
        lines.add(f[0] + "\t" + text.length() + "\t" + text.substring(5, text.length() - 2));
      } else if (text.equals("NOOP\r\n")) {
        noopSequence = Long.parseLong(f[0]);
      } else {
        throw new AssertionError("a part of the line left on its own: " + text);
      }
    }
    assertThat(lines)
        .as("the line leaves once, and once more per retransmission")
        .hasSize(1 + retransmissions);
    String first = lines.get(0);
    for (String l : lines) {
      assertThat(l).as("a retransmission is sent as the line was rewritten").isEqualTo(first);
    }
    String[] fields = first.split("\t");
    assertThat(Long.parseLong(fields[0])).as("at the line's first byte").isEqualTo(lineSequence);
    String argument = fields[2];
    int port;
    if (v6) {
      Matcher m = Pattern.compile("\\|2\\|2001:db8:ffff::1\\|(\\d+)\\|").matcher(argument);
      assertThat(m.matches()).as(argument).isTrue();
      port = Integer.parseInt(m.group(1));
    } else {
      Matcher m = Pattern.compile("203,0,113,1,(\\d+),(\\d+)").matcher(argument);
      assertThat(m.matches()).as(argument).isTrue();
      port = Integer.parseInt(m.group(1)) * 256 + Integer.parseInt(m.group(2));
    }
    assertThat(Integer.parseInt(fields[1])).isEqualTo(command.length() + 1 + argument.length() + 2);
    String nat = v6 ? "2001:db8:ffff::1" : "203.0.113.1";
    assertThat(run.out())
        .contains("->" + nat + "-" + nat + "/" + port + "-" + port)
        .contains("->" + client + "/40001\n");

    List<String> faults =
        Tshark.read(
            written.toString(),
            "-o",
            "tcp.check_checksum:TRUE",
            "-o",
            "ip.check_checksum:TRUE",
            "-Y",
            "tcp.checksum.status == 0 || ip.checksum.status == 0 || tcp.analysis.lost_segment"
                + " || tcp.analysis.ack_lost_segment || _ws.malformed",
            "-T",
            "fields",
            "-e",
            "frame.number");
    assertThat(faults).as("bad checksums, missing segments, malformed packets").isEmpty();
    int delta = fieldsLength(first) - line.length();
    assertThat(noopSequence)
        .as("the next line's sequence number moved by the rewrite's change of length")
        .isEqualTo(lineSequence + line.length() + delta);
  }

  /**
   * The line's first part held, no rest: its retransmission within HOLD_SECONDS (1 s) is held
   * again, one after it is released and leaves as it came; the rest then passes unread (no gate).
   */
  @org.junit.jupiter.api.Test
  void heldBytesWhoseRestNeverComesLeaveUnrewrittenWhenRetransmittedAfterASecond()
      throws Exception {
    Tcp tcp = new Tcp(false, "10.0.1.10", 40_000, "198.51.100.7", 21);
    List<byte[]> frames = new ArrayList<>(tcp.handshake());
    frames.add(tcp.fromServer(ascii("220 ready\r\n")));
    byte[] start = tcp.fromClient(ascii("PORT 10,0,1,"));
    byte[] rest = tcp.fromClient(ascii("10,156,65\r\n"));
    frames.add(start);
    frames.add(start); // 1 ms later: held again
    frames.add(null); // 2 s
    frames.add(start); // released
    frames.add(rest);
    Path capture = AlgReplay.capture(dir, "released.pcap", frames, 2);
    Path written = dir.resolve("released-written.pcap");
    AlgReplay.Run run =
        AlgReplay.replay(
            dir,
            CONFIG,
            capture,
            List.of("--spus", "1", "--write", written.toString()),
            "show security flow gate summary",
            "show security flow statistics | match \"held\"");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("held by ALG until its message is whole: 2")
        .contains("Total gates: 0");
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/tshark")),
        "tshark is not installed (apt-get install tshark; .ci/run does)");
    List<String> payloads =
        Tshark.read(
            written.toString(),
            "-Y",
            "tcp.dstport == 21 && tcp.len > 0",
            "-T",
            "fields",
            "-e",
            "tcp.payload");
    assertThat(payloads.stream().map(hex -> hex.replace(":", "")).toList())
        .containsExactly(
            java.util.HexFormat.of().formatHex(ascii("PORT 10,0,1,")),
            java.util.HexFormat.of().formatHex(ascii("10,156,65\r\n")));
  }

  private static int fieldsLength(String tsharkLine) {
    return Integer.parseInt(tsharkLine.split("\t")[1]);
  }

  static List<String> parts(String split, String line) {
    return switch (split) {
      case "three" -> List.of(line.substring(0, 6), line.substring(6, 17), line.substring(17));
      default -> List.of(line.substring(0, 12), line.substring(12));
    };
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** A TCP connection as frames, IPv4 or IPv6; each segment acknowledges the other side's bytes. */
  static final class Tcp {
    private final boolean v6;
    private final String client;
    private final String server;
    private final int clientPort;
    private final int serverPort;
    long clientSeq = 1000;
    long serverSeq = 50_000;

    Tcp(boolean v6, String client, int clientPort, String server, int serverPort) {
      this.v6 = v6;
      this.client = client;
      this.server = server;
      this.clientPort = clientPort;
      this.serverPort = serverPort;
    }

    private PacketBuilder ip(String from, String to) {
      return v6 ? PacketBuilder.ipv6(from, to) : PacketBuilder.ipv4(from, to);
    }

    List<byte[]> handshake() {
      List<byte[]> frames = new ArrayList<>();
      frames.add(
          ip(client, server)
              .tcp(clientPort, serverPort, PacketBuilder.SYN, clientSeq, 0)
              .ethernet());
      frames.add(
          ip(server, client)
              .tcp(
                  serverPort,
                  clientPort,
                  PacketBuilder.SYN | PacketBuilder.ACK,
                  serverSeq,
                  clientSeq + 1)
              .ethernet());
      clientSeq++;
      serverSeq++;
      frames.add(
          ip(client, server)
              .tcp(clientPort, serverPort, PacketBuilder.ACK, clientSeq, serverSeq)
              .ethernet());
      return frames;
    }

    byte[] fromClient(byte[] payload) {
      byte[] frame =
          ip(client, server)
              .tcp(
                  clientPort,
                  serverPort,
                  PacketBuilder.PSH | PacketBuilder.ACK,
                  clientSeq,
                  serverSeq)
              .payload(payload)
              .ethernet();
      clientSeq += payload.length;
      return frame;
    }

    /** A segment from the client at {@code sequence}, leaving the next sequence as it is. */
    byte[] fromClientAt(long sequence, byte[] payload) {
      return ip(client, server)
          .tcp(clientPort, serverPort, PacketBuilder.PSH | PacketBuilder.ACK, sequence, serverSeq)
          .payload(payload)
          .ethernet();
    }

    byte[] fromServer(byte[] payload) {
      byte[] frame =
          ip(server, client)
              .tcp(
                  serverPort,
                  clientPort,
                  PacketBuilder.PSH | PacketBuilder.ACK,
                  serverSeq,
                  clientSeq)
              .payload(payload)
              .ethernet();
      serverSeq += payload.length;
      return frame;
    }
  }
}
