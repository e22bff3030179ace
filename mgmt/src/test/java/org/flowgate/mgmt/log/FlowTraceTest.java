package org.flowgate.mgmt.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowgate.config.compile.CompileResult;
import org.flowgate.config.compile.JunosCompiler;
import org.flowgate.config.text.ConfigParser;
import org.flowgate.config.text.Diagnostics;
import org.flowgate.config.text.ParsedConfig;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.dispatch.NatDispatch;
import org.flowgate.dataplane.dispatch.NatOwnership;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.mgmt.command.LoadedConfiguration;
import org.flowgate.mgmt.command.OperationalCommands;
import org.flowgate.mgmt.render.GoldenFiles;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code security flow traceoptions} on a replay: the SPUs hand the packets a filter selects to the
 * writer, which writes Junos's trace lines to the file under the log directory ({@code show log}
 * prints it) and rotates it at its size.
 */
class FlowTraceTest {
  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final long MS = 1_000_000L;

  private static final String EDGE =
      """
      set interfaces ge-0/0/0 unit 0 family inet address 203.0.113.1/24
      set interfaces ge-0/0/1 unit 0 family inet address 10.0.0.1/16
      set routing-options static route 0.0.0.0/0 next-hop 203.0.113.254
      set security zones security-zone trust interfaces ge-0/0/1.0
      set security zones security-zone untrust interfaces ge-0/0/0.0
      set security policies from-zone trust to-zone untrust policy out match source-address any
      set security policies from-zone trust to-zone untrust policy out match destination-address any
      set security policies from-zone trust to-zone untrust policy out match application any
      set security policies from-zone trust to-zone untrust policy out then permit
      set security nat source port-randomization disable
      set security nat source pool p address 198.18.0.1/32
      set security nat source rule-set out from zone trust
      set security nat source rule-set out to zone untrust
      set security nat source rule-set out rule r1 match source-address 10.0.0.0/16
      set security nat source rule-set out rule r1 then source-nat pool p
      """;

  @TempDir Path dir;

  private static FlowEngine engine(String extra, int spus) {
    Diagnostics diagnostics = new Diagnostics();
    ParsedConfig parsed = ConfigParser.parseConfig(EDGE + extra, "t.conf", diagnostics);
    CompileResult compiled = JunosCompiler.compile(parsed, diagnostics);
    assertThat(compiled.errors()).isEmpty();
    return new FlowEngine(compiled.config(), spus);
  }

  /**
   * The port of 198.18.0.1 that the phone's flow from port {@code 40_000 + f} to 192.0.2.10/443
   * takes, with {@code port-randomization disable}: the next port of the flow's lane (its symmetric
   * flow hash's) in order from 1024, {@code taken} holding what earlier flows took.
   */
  private static int translatedPort(int f, java.util.Set<Integer> taken) {
    IpAddress phone = IpAddress.parse("10.0.0.5");
    IpAddress server = IpAddress.parse("192.0.2.10");
    IpAddress pool = IpAddress.parse("198.18.0.1");
    int lane =
        NatDispatch.NONE.lane(phone.hi(), phone.lo(), server.hi(), server.lo(), 40_000 + f, 443, 6);
    for (int port = 1024; port <= 63487; port++) {
      if (NatOwnership.laneOf(pool.hi(), pool.lo(), port) == lane && taken.add(port)) {
        return port;
      }
    }
    throw new AssertionError("lane " + lane + " is full");
  }

  private Path capture(int flows) throws IOException {
    Path file = dir.resolve("flows-" + flows + ".pcap");
    java.util.Set<Integer> taken = new java.util.HashSet<>();
    try (PcapWriter w = PcapWriter.open(file, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      long t = T0;
      for (int f = 0; f < flows; f++) {
        int port = 40_000 + f;
        w.write(
            t += MS,
            PacketBuilder.ipv4("10.0.0.5", "192.0.2.10")
                .tcp(port, 443, PacketBuilder.SYN, 1, 0)
                .ethernet());
        w.write(
            t += MS,
            PacketBuilder.ipv4("192.0.2.10", "198.18.0.1")
                .tcp(443, translatedPort(f, taken), PacketBuilder.SYN | PacketBuilder.ACK, 9, 2)
                .ethernet());
        // from outside to an inside host no policy lets in: denied
        w.write(
            t += MS,
            PacketBuilder.ipv4("192.0.2.50", "10.0.0.9")
                .tcp(port, 22, PacketBuilder.SYN, 1, 0)
                .ethernet());
      }
    }
    return file;
  }

  @Test
  void theFilteredPacketsOfAReplayAreInTheTraceFileInJunossWords() throws IOException {
    try (FlowEngine engine =
            engine(
                """
                set security flow traceoptions file trace-out
                set security flow traceoptions flag basic-datapath
                set security flow traceoptions packet-filter phone source-prefix 10.0.0.5/32
                set security flow traceoptions packet-filter back destination-prefix 198.18.0.1/32
                """,
                1);
        PacketTracing tracing = PacketTracing.start(engine, dir)) {
      engine.replay(List.of(capture(1)), -1);
      assertThat(tracing.awaitIdle(10_000)).isTrue();
      OperationalCommands cli =
          new OperationalCommands(engine, (LoadedConfiguration) null).logDirectory(dir);
      String log = cli.execute("show log trace-out");
      GoldenFiles.assertMatches("trace-first-and-fast-path.txt", log);
      int port = translatedPort(0, new java.util.HashSet<>());
      // the phone's SYN walks the first path and leaves translated; the reply finds its session;
      // the denied SYN from outside matches no filter and is not traced
      assertThat(log)
          .startsWith(
              "Nov 14 22:13:20 22:13:20.001000:CID-0:RT:<10.0.0.5/40000->192.0.2.10/443;6>"
                  + " matched filter phone:\n")
          .contains(":RT:  permitted by policy out(4)\n")
          .contains(":RT:  dip id = 4/0, 10.0.0.5/40000->198.18.0.1/" + port + " protocol 0\n")
          .contains(":RT:  post addr xlation: 198.18.0.1->192.0.2.10.\n")
          .contains("<192.0.2.10/443->198.18.0.1/" + port + ";6> matched filter back:\n")
          .contains(":RT:  flow got session.\n")
          .contains(":RT:  post addr xlation: 192.0.2.10->10.0.0.5.\n")
          .doesNotContain("10.0.0.9");
      assertThat(log.lines().filter(l -> l.endsWith("flow_process_pkt rc 0x0 (fp rc 0)")).count())
          .isEqualTo(2);
      assertThat(cli.execute("show security flow status")).contains("on");
    }
  }

  @Test
  void withoutAFilterEveryPacketIsTracedAndADropSaysWhy() throws IOException {
    try (FlowEngine engine =
            engine(
                """
                set security flow traceoptions file all-packets
                set security flow traceoptions flag all
                """,
                2);
        PacketTracing tracing = PacketTracing.start(engine, dir)) {
      engine.replay(List.of(capture(1)), -1);
      assertThat(tracing.awaitIdle(10_000)).isTrue();
      String log = Files.readString(dir.resolve("all-packets"), StandardCharsets.UTF_8);
      assertThat(log).doesNotContain("matched filter");
      assertThat(log.lines().filter(l -> l.contains("----- flow_process_pkt rc")).count())
          .isEqualTo(3);
      assertThat(log)
          .contains(":RT:  denied by policy default-policy-logical-system-00(2), dropping pkt\n")
          .contains(":RT:  packet dropped, policy deny\n")
          .contains(":RT: ----- flow_process_pkt rc 0x7 (fp rc -1)\n");
      assertThat(tracing.dropped()).isZero();
    }
  }

  @Test
  void theFileRotatesAtItsSizeKeepingItsNumberOfFiles() throws IOException {
    try (FlowEngine engine =
            engine(
                """
                set security flow traceoptions file small size 10k files 3
                set security flow traceoptions flag basic-datapath
                """,
                1);
        PacketTracing tracing = PacketTracing.start(engine, dir)) {
      engine.replay(List.of(capture(60)), -1);
      assertThat(tracing.awaitIdle(10_000)).isTrue();
      assertThat(tracing.written()).isEqualTo(180);
      assertThat(Files.size(dir.resolve("small"))).isLessThanOrEqualTo(10 * 1024);
      assertThat(Files.size(dir.resolve("small.0"))).isBetween(9L * 1024, 10L * 1024);
      assertThat(Files.exists(dir.resolve("small.1"))).isTrue();
      assertThat(Files.exists(dir.resolve("small.2"))).as("three files in all").isFalse();
    }
  }

  @Test
  void nothingIsTracedWithoutAFlag() throws IOException {
    try (FlowEngine engine = engine("set security flow traceoptions file quiet\n", 1);
        PacketTracing tracing = PacketTracing.start(engine, dir)) {
      engine.replay(List.of(capture(1)), -1);
      assertThat(tracing.awaitIdle(10_000)).isTrue();
      assertThat(tracing.written()).isZero();
      assertThat(Files.exists(dir.resolve("quiet"))).isFalse();
    }
  }
}
