package org.flowgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flowgate check FILE} and {@code flowgate replay --config FILE}. */
class ConfigCommandsTest {
  private static final String GOOD =
      """
      set interfaces ge-0/0/0 unit 0 family inet address 198.51.100.1/24
      set interfaces ge-0/0/1 unit 0 family inet address 192.168.1.1/24
      set routing-options static route 0.0.0.0/0 next-hop 198.51.100.254
      set security zones security-zone trust interfaces ge-0/0/1.0
      set security zones security-zone untrust interfaces ge-0/0/0.0
      set security policies from-zone trust to-zone untrust policy web match source-address any
      set security policies from-zone trust to-zone untrust policy web match destination-address any
      set security policies from-zone trust to-zone untrust policy web match application junos-https
      set security policies from-zone trust to-zone untrust policy web then permit
      set snmp community public
      """;

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int flowgate(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private Path file(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  void checkPrintsWarningsAndSucceeds() throws IOException {
    Path config = file("good.conf", GOOD);
    assertThat(flowgate("check", config.toString())).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            config
                + ":10:1: warning: statement not implemented: snmp community public\n"
                + "configuration check succeeds\n");
  }

  @Test
  void checkFailsWithEveryErrorAndExitsTwo() throws IOException {
    Path config =
        file(
            "bad.conf",
            GOOD + "set security policies from-zone trust to-zone dmz policy p then permit\n");
    assertThat(flowgate("check", config.toString())).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains(
            config
                + ":11:1: error: security-zone dmz is not defined (policy p from-zone trust to-zone dmz)\n",
            "error: configuration check-out failed: 1 error, 4 warnings\n");
  }

  /** Issue 10: each of these is refused with a located Junos-style message, never a trace. */
  @Test
  void checkRefusesBadInputWithALocatedMessageAndExitsTwo() throws IOException {
    Path deep = file("deep.conf", "protocols {\n".repeat(4000) + "}\n".repeat(4000));
    Path typo =
        file(
            "typo.conf",
            GOOD.replace("match source-address any", "match source-adress 10.9.9.9/32"));
    Path loop =
        file(
            "loop.conf",
            "set groups A apply-groups B\nset groups B apply-groups A\nset apply-groups A\n");
    Path latin = dir.resolve("latin.conf");
    Files.write(latin, new byte[] {'s', 'e', 't', ' ', (byte) 0xE9, '\n'});
    record Case(Path file, String message) {}
    for (Case bad :
        List.of(
            new Case(
                deep,
                ":257:1: error: statement too long: more than 256 words (levels and words of one"
                    + " statement)"),
            new Case(
                typo,
                ":6:72: error: syntax error: source-adress [edit security policies from-zone trust"
                    + " to-zone untrust policy web match]"),
            new Case(loop, ":2:27: error: apply-groups loop: group A applies B applies A"),
            new Case(
                latin,
                ":1:5: error: invalid UTF-8: 0xE9 at byte offset 4 (a configuration is UTF-8"
                    + " text)"))) {
      out.reset();
      err.reset();
      assertThat(flowgate("check", bad.file().toString())).as("%s", bad.file()).isEqualTo(2);
      assertThat(out.toString(StandardCharsets.UTF_8))
          .startsWith(bad.file() + bad.message() + "\n")
          .contains("error: configuration check-out failed: ");
      assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }
  }

  @Test
  void checkSkipsAByteOrderMark() throws IOException {
    Path config = dir.resolve("bom.conf");
    Files.write(
        config,
        ("\uFEFF" + GOOD.replace("set snmp community public\n", ""))
            .getBytes(StandardCharsets.UTF_8));
    assertThat(flowgate("check", config.toString())).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("configuration check succeeds\n");
  }

  @Test
  void replayRunsThroughTheConfigurationAndRejectsOneWithErrors() throws IOException {
    Path pcap = dir.resolve("c.pcap");
    try (PcapWriter writer =
        PcapWriter.open(pcap, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      writer.write(
          1_700_000_000_000_000_000L,
          PacketBuilder.ipv4("192.168.1.10", "203.0.113.5")
              .tcp(40_000, 443, PacketBuilder.SYN, 1, 0)
              .ethernet());
      writer.write(
          1_700_000_000_000_000_000L,
          PacketBuilder.ipv4("192.168.1.10", "203.0.113.5")
              .tcp(40_001, 80, PacketBuilder.SYN, 1, 0)
              .ethernet());
    }
    assertThat(
            flowgate(
                "replay",
                "--spus",
                "1",
                "--config",
                file("good.conf", GOOD).toString(),
                pcap.toString()))
        .isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("Session ID: 1, Policy name: web/4, Timeout: 20")
        .contains("Total sessions: 1");
    out.reset();
    Path bad = file("bad.conf", "set security zones security-zone a interfaces ge-0/0/9.0\n");
    assertThat(flowgate("replay", "--config", bad.toString(), pcap.toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith(
            bad
                + ":1:1: error: interface ge-0/0/9.0 is not configured under interfaces (security-zone a)\n");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
