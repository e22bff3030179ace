package org.flowgate.mgmt.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteOrder;
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
import org.flowgate.mgmt.render.GoldenFiles;
import org.flowgate.mgmt.render.JunosXmlJsonTest;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code show security nat source port-block} on a replay: hosts given blocks of a {@code port
 * block-allocation} pool, a host's second block once its first is full, a block with a timeout
 * counting down, blocks going back when their sessions end; the pool view's twin ports; the
 * configuration's errors. Golden files in text, XML and JSON (docs/adr/0038).
 *
 * <pre>
 *  trust 10.0.0.0/16 ── SRX ── untrust 203.0.113.1/24
 *  pool pba 198.18.0.1-198.18.0.2, ports 2048-6143, blocks of 4, 2 a host, active 300 s
 * </pre>
 */
class PortBlockViewsTest {
  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final long MS = 1_000_000L;

  static final String CONFIG =
      """
      set system host-name edge-5
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
      set security nat source pool pba port block-allocation block-size 4
      set security nat source pool pba port block-allocation maximum-blocks-per-host 2
      set security nat source pool pba port block-allocation active-block-timeout 300
      set security nat source pool plain address 198.18.1.1/32
      set security nat source pool plain port range twin-port 64000 to 65535
      set security nat source rule-set out from zone trust
      set security nat source rule-set out to zone untrust
      set security nat source rule-set out rule lab match source-address 10.0.9.0/24
      set security nat source rule-set out rule lab then source-nat pool plain
      set security nat source rule-set out rule all match source-address 10.0.0.0/16
      set security nat source rule-set out rule all then source-nat pool pba
      """;

  @TempDir Path dir;
  private FlowEngine engine;
  private OperationalCommands cli;

  @BeforeEach
  void load() {
    Diagnostics diagnostics = new Diagnostics();
    ParsedConfig parsed = ConfigParser.parseConfig(CONFIG, "edge-5.conf", diagnostics);
    CompileResult compiled = JunosCompiler.compile(parsed, diagnostics);
    assertThat(compiled.errors()).isEmpty();
    assertThat(compiled.warnings()).isEmpty();
    engine = new FlowEngine(compiled.config(), 2);
    cli = new OperationalCommands(engine, new LoadedConfiguration("edge-5.conf", parsed));
  }

  @AfterEach
  void close() {
    engine.close();
  }

  /**
   * Host .5 opens five UDP sessions (a full block and one port of a second), host .6 one; 50 s
   * later (within UDP's 60 s) host .6 sends again on its session.
   */
  private Path capture() throws IOException {
    Path file = dir.resolve("pba.pcap");
    try (PcapWriter w = PcapWriter.open(file, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      long t = T0;
      for (int session = 0; session < 5; session++) {
        w.write(
            t += MS,
            PacketBuilder.ipv4("10.0.2.5", "192.0.2.10").udp(5000 + session, 53).ethernet());
      }
      w.write(t += MS, PacketBuilder.ipv4("10.0.2.6", "192.0.2.10").udp(6000, 53).ethernet());
      w.write(
          T0 + 50_000 * MS, PacketBuilder.ipv4("10.0.2.6", "192.0.2.10").udp(6000, 53).ethernet());
    }
    return file;
  }

  private void assertGolden(String name, String command) throws IOException {
    GoldenFiles.assertMatches(name + ".txt", cli.execute(command));
    String xml = cli.execute(command + " | display xml");
    String json = cli.execute(command + " | display json");
    GoldenFiles.assertMatches(name + ".xml", xml);
    GoldenFiles.assertMatches(name + ".json", json);
    JunosXmlJsonTest.assertSameValues(xml, json);
  }

  @Test
  void theViewListsEachHostsBlocksAsTheyAreNow() throws IOException {
    assertThat(cli.execute("show security nat source port-block"))
        .contains("Used/total port blocks: 0/2048\n");
    engine.replay(List.of(capture()), -1);
    assertGolden("nat-port-block", "show security nat source port-block");
    String text = cli.execute("show security nat source port-block");
    assertThat(text)
        .contains("Used/total port blocks: 3/2048\n")
        .containsPattern("10\\.0\\.2\\.5 +198\\.18\\.0\\.\\d +\\d+-\\d+ +4/4\\*1 +Inactive/-\n")
        .containsPattern("10\\.0\\.2\\.5 +198\\.18\\.0\\.\\d +\\d+-\\d+ +1/4\\*1 +Active/251\n")
        .containsPattern("10\\.0\\.2\\.6 +198\\.18\\.0\\.\\d +\\d+-\\d+ +1/4\\*1 +Active/251\n");
    // the UDP sessions time out (60 s): every block goes back
    engine.replay(List.of(later(T0 + 400_000 * MS)), -1);
    assertThat(cli.execute("show security nat source port-block"))
        .contains("Used/total port blocks: 0/2048\n")
        .doesNotContain("10.0.2.");
  }

  private Path later(long atNs) throws IOException {
    Path file = dir.resolve("later.pcap");
    try (PcapWriter w = PcapWriter.open(file, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      w.write(atNs, PacketBuilder.ipv4("10.0.9.9", "192.0.2.10").udp(7000, 53).ethernet());
    }
    return file;
  }

  @Test
  void aPoolsOwnTwinPortsAreShownAndABlockPoolKeepsNone() {
    String pools = cli.execute("show security nat source pool all");
    assertThat(pools)
        .contains("Twin port          : [64000, 65535]\n")
        .contains("Port               : [2048, 6143]\n");
    assertThat(cli.execute("show security nat source pool pba")).doesNotContain("Twin port");
  }

  @Test
  void badBlockSettingsAreRejectedAtTheirLine() {
    Diagnostics diagnostics = new Diagnostics();
    ParsedConfig parsed =
        ConfigParser.parseConfig(
            CONFIG
                + "set security nat source pool pba port block-allocation block-size 0\n"
                + "set security nat source pool plain port range twin-port 1024\n",
            "bad.conf",
            diagnostics);
    CompileResult compiled = JunosCompiler.compile(parsed, diagnostics);
    assertThat(compiled.errors())
        .extracting(Object::toString)
        .anyMatch(e -> e.contains("bad.conf:24") && e.contains("block-size '0'"))
        .anyMatch(e -> e.contains("bad.conf:25") && e.contains("twin ports are 63488 to 65535"));
  }

  /** The log lines of the capture's blocks, in {@code format}, once the sessions have aged out. */
  private List<String> logLines(org.flowgate.mgmt.log.SessionLogConfig.Format format)
      throws IOException {
    CompileResult compiled = JunosCompiler.load(CONFIG, "edge-5.conf");
    Path log = dir.resolve("pba-" + format + ".log");
    org.flowgate.dataplane.log.SessionLogRecorder recorder =
        new org.flowgate.dataplane.log.SessionLogRecorder(1, 1024);
    try (FlowEngine own = new FlowEngine(compiled.config(), 1, recorder);
        org.flowgate.mgmt.log.SessionLogger logger =
            new org.flowgate.mgmt.log.SessionLogger(
                recorder,
                org.flowgate.mgmt.log.SessionLogConfig.defaults().withFormat(format).withFile(log),
                own::config)) {
      own.replay(List.of(capture(), later(T0 + 400_000 * MS)), -1);
      assertThat(logger.awaitIdle(10_000)).isTrue();
      assertThat(logger.eventsDropped()).isZero();
    }
    return Files.readAllLines(log).stream().filter(l -> l.contains("RT_SRC_NAT_PBA")).toList();
  }

  @Test
  void eachBlockIsLoggedWhenAllocatedAndWhenReleased() throws IOException {
    List<String> standard = logLines(org.flowgate.mgmt.log.SessionLogConfig.Format.STANDARD);
    assertThat(standard).hasSize(6);
    assertThat(standard.getFirst())
        .matches(
            "Nov 14 22:13:20 edge-5 RT_NAT: RT_SRC_NAT_PBA_ALLOC: Subscriber 10\\.0\\.2\\.5"
                + " used/maximum \\[1/2\\] blocks, allocates port block \\[\\d+-\\d+\\] from"
                + " 198\\.18\\.0\\.\\d in source pool pba lsys_id: 0");
    assertThat(standard.stream().filter(l -> l.contains("RT_SRC_NAT_PBA_RELEASE"))).hasSize(3);
    assertThat(standard.getLast()).contains("used/maximum [0/2] blocks, releases port block [");
    List<String> structured = logLines(org.flowgate.mgmt.log.SessionLogConfig.Format.STRUCTURED);
    assertThat(structured.getFirst())
        .matches(
            "<14>1 2023-11-14T22:13:20\\.001Z edge-5 RT_NAT - RT_SRC_NAT_PBA_ALLOC"
                + " \\[junos@2636\\.1\\.1\\.1\\.2\\.\\d+ internal-ip=\"10\\.0\\.2\\.5\""
                + " block-used=\"1\" block-max-per-host=\"2\" block-port-low=\"\\d+\""
                + " block-port-high=\"\\d+\" reflexive-ip=\"198\\.18\\.0\\.\\d\""
                + " nat-pool-name=\"pba\" logical-system-id=\"0\" epoch-time-64=\"6553f100\"\\]");
  }
}
