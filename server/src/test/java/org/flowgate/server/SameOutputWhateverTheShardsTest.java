package org.flowgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A vSRX prints the same thing whatever the number of SPU shards (issue 11): one SPU and four,
 * replaying the demo's NAT'd office through its configuration, give byte-identical output for every
 * session view and format, ids and order included, and for the statistics, the summary and the NAT
 * views. (The number of shards follows the host's cores by default; only speed may change with it.)
 */
class SameOutputWhateverTheShardsTest {
  private static final List<String> COMMANDS =
      List.of(
          "show security flow session",
          "show security flow session extensive",
          "show security flow session summary",
          "show security flow session | display xml",
          "show security flow session extensive | display json",
          "show security flow session nat",
          "show security flow session protocol tcp | count",
          "show security flow statistics",
          "show security nat source rule all",
          "show security policies hit-count");

  private static final long T0 = 1_767_225_600_000_000_000L;
  private static final long MS = 1_000_000L;

  @TempDir Path dir;

  /**
   * Source NAT from a pool with Junos's default port randomization, and a persistent-NAT rule for
   * the phones' subnet (whose sessions the dispatcher places by the phone's transport address).
   */
  private static final String POOLS =
      """
      set system host-name edge-3
      set interfaces ge-0/0/0 unit 0 family inet address 203.0.113.1/24
      set interfaces ge-0/0/1 unit 0 family inet address 10.0.0.1/16
      set routing-options static route 0.0.0.0/0 next-hop 203.0.113.254
      set security zones security-zone trust interfaces ge-0/0/1.0
      set security zones security-zone untrust interfaces ge-0/0/0.0
      set security address-book global address phones 10.0.9.0/24
      set security policies from-zone trust to-zone untrust policy out match source-address any
      set security policies from-zone trust to-zone untrust policy out match destination-address any
      set security policies from-zone trust to-zone untrust policy out match application any
      set security policies from-zone trust to-zone untrust policy out then permit
      set security policies from-zone untrust to-zone trust policy in match source-address any
      set security policies from-zone untrust to-zone trust policy in match destination-address phones
      set security policies from-zone untrust to-zone trust policy in match application any
      set security policies from-zone untrust to-zone trust policy in then permit
      set security nat source pool office address 198.18.0.0/30
      set security nat source pool voice address 198.18.1.1/32
      set security nat source rule-set out from zone trust
      set security nat source rule-set out to zone untrust
      set security nat source rule-set out rule phones match source-address 10.0.9.0/24
      set security nat source rule-set out rule phones then source-nat pool voice
      set security nat source rule-set out rule phones then source-nat pool persistent-nat permit any-remote-host
      set security nat source rule-set out rule rest match source-address 10.0.0.0/16
      set security nat source rule-set out rule rest then source-nat pool office
      """;

  private static final List<String> NAT_COMMANDS =
      List.of(
          "show security flow session",
          "show security flow session nat extensive",
          "show security flow session | display xml",
          "show security nat source pool all",
          "show security nat source summary",
          "show security nat source rule all",
          "show security nat source persistent-nat-table all",
          "show security nat source persistent-nat-table all | display xml",
          "show security nat source persistent-nat-table summary",
          "show security flow statistics",
          "show interfaces ge-0/0/0 extensive");

  private String replay(int spus, Path capture, Path config, String... options) {
    return replay(spus, List.of(capture), config, COMMANDS, options);
  }

  private String replay(
      int spus, List<Path> captures, Path config, List<String> commands, String... options) {
    List<String> args = new ArrayList<>(List.of("replay", "--spus", Integer.toString(spus)));
    args.addAll(List.of(options));
    args.addAll(List.of("--config", config.toString()));
    captures.forEach(capture -> args.add(capture.toString()));
    for (String command : commands) {
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

  private Path config() throws IOException {
    Path config = dir.resolve("srx-edge.conf");
    try (InputStream in = getClass().getResourceAsStream("/demo/srx-edge.conf")) {
      Files.write(config, in.readAllBytes());
    }
    return config;
  }

  @Test
  void oneShardAndFourPrintTheSameBytes() throws IOException {
    Path capture = DemoCapture.write(dir.resolve("office.pcap"));
    Path config = config();

    String one = replay(1, capture, config);
    String four = replay(4, capture, config);

    assertThat(one).contains("Session ID: ").contains("<flow-session-information");
    assertThat(four).isEqualTo(one);
  }

  /**
   * At instants inside the capture (the HTTP session just closed by its FIN, the scan under way,
   * the UDP sessions ageing out), SPUs that saw no packet of their own for a while still show what
   * a device would at that instant: every SPU's clock moves with the capture.
   */
  @Test
  void atAnyInstantOneShardAndFourPrintTheSameBytes() throws IOException {
    Path capture = DemoCapture.write(dir.resolve("office.pcap"));
    Path config = config();

    for (String at : List.of("0.5", "3", "8.5", "12", "33")) {
      String one = replay(1, capture, config, "--at", at);
      String four = replay(4, capture, config, "--at", at);

      assertThat(four).as("--at %s", at).isEqualTo(one);
    }
  }

  /**
   * The traceoptions file of a replay is the same for one SPU and four: lines in the device's input
   * order (the writer merges the SPUs' rings by the packets' ordinals, whatever order the SPUs
   * handed them over in) and {@code (thd 0)}, {@code table 0x0} on a vSRX, whose shards are not its
   * to show. Every packet is traced (no packet filter): 80 hosts' SYNs and DNS queries through the
   * randomized pool, spread over the four SPUs by their flows.
   */
  @Test
  void theTraceFileIsTheSameForOneShardAndFour() throws IOException {
    Path config =
        Files.writeString(
            dir.resolve("traced.conf"),
            POOLS
                + """
                set security flow traceoptions file flow-trace size 50m files 2
                set security flow traceoptions flag basic-datapath
                """);
    Path capture = dir.resolve("hosts.pcap");
    try (PcapWriter w =
        PcapWriter.open(capture, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      long t = T0;
      for (int host = 0; host < 80; host++) {
        String client = "10.0.1." + (1 + host);
        // two packets of different SPUs' flows at one instant: the order is the input's
        w.write(
            t += MS,
            PacketBuilder.ipv4(client, "192.0.2." + (1 + host % 7))
                .tcp(40_000 + host, 443, PacketBuilder.SYN, 1, 0)
                .ethernet());
        w.write(
            t,
            PacketBuilder.ipv4(client, "192.0.2.53")
                .udp(50_000 + host, 53)
                .payloadLength(30)
                .ethernet());
      }
    }
    List<String> show = List.of("show log flow-trace");
    String one =
        replay(1, List.of(capture), config, show, "--log-dir", dir.resolve("one").toString());
    String four =
        replay(4, List.of(capture), config, show, "--log-dir", dir.resolve("four").toString());
    assertThat(one.lines().filter(l -> l.contains(":RT:packet [")).count())
        .as(one.length() > 2000 ? one.substring(0, 2000) : one)
        .isEqualTo(160);
    assertThat(one).contains("(thd 0)").doesNotContain("(thd 1)");
    assertThat(four).isEqualTo(one);
  }

  /**
   * 150 office hosts open TCP and DNS sessions through a randomized pool of four addresses; ten
   * phones each talk to four servers from one UDP port, bound by persistent NAT; then (in a second
   * capture, once the first replay has said which pair each phone was given) a host outside reaches
   * every phone through its binding.
   */
  @Test
  void oneShardAndFourPrintTheSameBytesWithARandomizedPoolAndPersistentNat() throws IOException {
    Path config = Files.writeString(dir.resolve("edge-3.conf"), POOLS);
    Path out = dir.resolve("out.pcap");
    try (PcapWriter w = PcapWriter.open(out, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      long t = T0;
      for (int host = 0; host < 150; host++) {
        String client = "10.0.1." + (1 + host);
        String server = "192.0.2." + (1 + host % 7);
        w.write(
            t += MS,
            PacketBuilder.ipv4(client, server)
                .tcp(40_000 + host, 443, PacketBuilder.SYN, 1, 0)
                .ethernet());
        w.write(
            t += MS,
            PacketBuilder.ipv4(client, "192.0.2.53")
                .udp(50_000 + host, 53)
                .payloadLength(30)
                .ethernet());
      }
      for (int phone = 0; phone < 10; phone++) {
        for (int server = 0; server < 4; server++) {
          w.write(
              t += MS,
              PacketBuilder.ipv4("10.0.9." + (10 + phone), "198.51.100." + (1 + server))
                  .udp(5060, 3478)
                  .payloadLength(40)
                  .ethernet());
        }
      }
    }

    String bindings =
        replay(
            1, List.of(out), config, List.of("show security nat source persistent-nat-table all"));
    List<String> rows = bindings.lines().filter(line -> line.startsWith("10.0.9.")).toList();
    assertThat(rows).as("one binding per phone:%n%s", bindings).hasSize(10);
    Path in = dir.resolve("in.pcap");
    try (PcapWriter w = PcapWriter.open(in, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      long t = T0 + 10_000 * MS;
      for (String row : rows) {
        String[] columns = row.trim().split(" +");
        assertThat(row).as("each phone's four sessions share its binding").contains(" 4/");
        w.write(
            t += MS,
            PacketBuilder.ipv4("192.0.2.99", columns[3])
                .udp(7000, Integer.parseInt(columns[4]))
                .payloadLength(20)
                .ethernet());
      }
    }

    String one = replay(1, List.of(out, in), config, NAT_COMMANDS);
    String four = replay(4, List.of(out, in), config, NAT_COMMANDS);

    assertThat(one)
        .as("the outside host reached each phone through its binding")
        .contains("Out: 10.0.9.19/5060 --> 192.0.2.99/7000;udp");
    assertThat(one.lines().filter(line -> line.startsWith("10.0.9.") && line.contains(" 5/")))
        .hasSize(10);
    assertThat(four).isEqualTo(one);
  }

  /**
   * Port block allocation: blocks of 8 ports, at most 2 a host, from a pool of two addresses. 40
   * hosts open 10 TCP sessions each (the eleventh... fills two blocks: 8 + 2); then each host's
   * server answers the host's first session, at the block's first port the view names. The
   * dispatcher places every host by its address and every block port by its block, so one SPU and
   * four give the same blocks, ports, answers and log lines.
   */
  @Test
  void oneShardAndFourPrintTheSameBytesWithPortBlocks() throws IOException {
    Path config =
        Files.writeString(
            dir.resolve("edge-pba.conf"),
            """
            set system host-name edge-4
            set system syslog file nat-log any any
            set system syslog file nat-log match RT_SRC_NAT_PBA_
            set interfaces ge-0/0/0 unit 0 family inet address 203.0.113.1/24
            set interfaces ge-0/0/1 unit 0 family inet address 10.0.0.1/16
            set routing-options static route 0.0.0.0/0 next-hop 203.0.113.254
            set security zones security-zone trust interfaces ge-0/0/1.0
            set security zones security-zone untrust interfaces ge-0/0/0.0
            set security policies from-zone trust to-zone untrust policy out match source-address any
            set security policies from-zone trust to-zone untrust policy out match destination-address any
            set security policies from-zone trust to-zone untrust policy out match application any
            set security policies from-zone trust to-zone untrust policy out then permit
            set security nat source pool pba address 198.18.0.1/32 to 198.18.0.2/32
            set security nat source pool pba port range 2048 to 6143
            set security nat source pool pba port block-allocation block-size 8
            set security nat source pool pba port block-allocation maximum-blocks-per-host 2
            set security nat source rule-set out from zone trust
            set security nat source rule-set out to zone untrust
            set security nat source rule-set out rule all match source-address 10.0.0.0/16
            set security nat source rule-set out rule all then source-nat pool pba
            """);
    Path out = dir.resolve("pba-out.pcap");
    try (PcapWriter w = PcapWriter.open(out, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      long t = T0;
      for (int session = 0; session < 10; session++) {
        for (int host = 0; host < 40; host++) {
          w.write(
              t += MS,
              PacketBuilder.ipv4("10.0.2." + (1 + host), "192.0.2." + (1 + host % 5))
                  .tcp(30_000 + session, 443, PacketBuilder.SYN, 1, 0)
                  .ethernet());
        }
      }
    }
    // every replay writes its nat-log under the test's directory, never the working directory's
    String logs = dir.resolve("pba-logs").toString();
    String blocks =
        replay(
            1,
            List.of(out),
            config,
            List.of("show security nat source port-block"),
            "--log-dir",
            logs);
    List<String> rows = blocks.lines().filter(line -> line.startsWith("10.0.2.")).toList();
    assertThat(rows).as("two blocks a host:%n%s", blocks).hasSize(80);
    assertThat(blocks).contains("Used/total port blocks: 80/1024\n");
    Path in = dir.resolve("pba-in.pcap");
    java.util.Set<String> answered = new java.util.HashSet<>();
    try (PcapWriter w = PcapWriter.open(in, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      long t = T0 + 1_000 * MS;
      for (String row : rows) {
        String[] columns = row.trim().split(" +");
        if (!columns[3].startsWith("8/8") || !answered.add(columns[0])) {
          continue; // the full block holds the host's first session, at its low port
        }
        int host = Integer.parseInt(columns[0].substring("10.0.2.".length())) - 1;
        int low = Integer.parseInt(columns[2].substring(0, columns[2].indexOf('-')));
        w.write(
            t += MS,
            PacketBuilder.ipv4("192.0.2." + (1 + host % 5), columns[1])
                .tcp(443, low, PacketBuilder.SYN | PacketBuilder.ACK, 1, 2)
                .ethernet());
      }
    }
    assertThat(answered).hasSize(40);
    List<String> commands =
        List.of(
            "show security nat source port-block",
            "show security nat source port-block | display xml",
            "show security nat source pool all",
            "show security flow session destination-port 443 source-port 30000",
            "show security flow statistics");
    String one = replay(1, List.of(out, in), config, commands, "--log-dir", logs);
    String four = replay(4, List.of(out, in), config, commands, "--log-dir", logs);
    assertThat(
            one.lines()
                .filter(line -> line.contains("Out: ") && line.contains("Pkts: 1, Bytes: 40"))
                .count())
        .as("each first session got its server's answer:%n%s", one)
        .isEqualTo(40);
    assertThat(four).isEqualTo(one);
    List<String> log = List.of("show log nat-log");
    List<String> oneLog =
        replay(1, List.of(out, in), config, log, "--log-dir", dir.resolve("one").toString())
            .lines()
            .sorted()
            .toList();
    List<String> fourLog =
        replay(4, List.of(out, in), config, log, "--log-dir", dir.resolve("four").toString())
            .lines()
            .sorted()
            .toList();
    assertThat(oneLog)
        .hasSize(80)
        .anyMatch(
            line ->
                line.contains(
                    "RT_NAT: RT_SRC_NAT_PBA_ALLOC: Subscriber 10.0.2.1 used/maximum [2/2] blocks,"
                        + " allocates port block ["))
        .noneMatch(line -> line.contains("RT_SRC_NAT_PBA_RELEASE"));
    assertThat(fourLog).isEqualTo(oneLog);
  }
}
