package org.flowgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowgateCommandLineTest {
  private static final long T0 = 1_700_000_000_000_000_000L;

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int flowgate(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private Path capture() throws IOException {
    Path file = dir.resolve("two.pcap");
    try (PcapWriter writer =
        PcapWriter.open(file, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      writer.write(
          T0,
          PacketBuilder.ipv4("192.168.1.10", "203.0.113.5")
              .udp(5353, 53)
              .payloadLength(30)
              .ethernet());
      writer.write(
          T0 + 3_000_000_000L,
          PacketBuilder.ipv4("192.168.1.11", "203.0.113.6")
              .tcp(40_000, 443, PacketBuilder.SYN, 1, 0)
              .ethernet());
    }
    return file;
  }

  @Test
  void replayPrintsTheSessionTableByDefault() throws IOException {
    assertThat(flowgate("replay", "--spus", "1", capture().toString())).isZero();
    assertThat(out())
        .isEqualTo(
            """
        Session ID: 1, Policy name: default-policy-logical-system-00/2, Timeout: 57, Session State: Valid
          In: 192.168.1.10/5353 --> 203.0.113.5/53;udp, Conn Tag: 0x0, If: ge-0/0/1.0, Pkts: 1, Bytes: 58,\s
          Out: 203.0.113.5/53 --> 192.168.1.10/5353;udp, Conn Tag: 0x0, If: ge-0/0/0.0, Pkts: 0, Bytes: 0,\s

        Session ID: 2, Policy name: default-policy-logical-system-00/2, Timeout: 20, Session State: Valid
          In: 192.168.1.11/40000 --> 203.0.113.6/443;tcp, Conn Tag: 0x0, If: ge-0/0/1.0, Pkts: 1, Bytes: 40,\s
          Out: 203.0.113.6/443 --> 192.168.1.11/40000;tcp, Conn Tag: 0x0, If: ge-0/0/0.0, Pkts: 0, Bytes: 0,\s
        Total sessions: 2
        """);
  }

  @Test
  void replayRunsEachCommandAtTheMomentAtNames() throws IOException {
    // At 24 s the SYN sent at 3 s has outlived tcp-initial-timeout (20 s): it ended at 23 s and
    // stays visible as Invalidated until it is reaped two seconds later.
    assertThat(
            flowgate(
                "replay",
                "--spus",
                "1",
                "--at",
                "24",
                capture().toString(),
                "-c",
                "show security flow session summary",
                "-c",
                "show security flow session session-identifier 2"))
        .isZero();
    assertThat(out())
        .contains("Sessions-in-use: 2\n")
        .contains("Valid sessions: 1\n")
        .contains("Invalidated sessions: 1\n")
        .contains("Session ID: 2, Status: Normal\n")
        .contains(
            "Maximum timeout: 20, Current timeout: 0\nSession State: Invalidated\nStart time: 1700000003, Duration: 21\n");
  }

  @Test
  void anSrx5800ReplayGroupsSessionsPerSpu() throws IOException {
    assertThat(flowgate("replay", "--model", "srx5800", "--spus", "2", capture().toString()))
        .isZero();
    assertThat(out())
        .contains("Flow Sessions on FPC0 PIC1:\n")
        .contains("Flow Sessions on FPC0 PIC2:\n")
        .contains("CP Session ID: ");
  }

  @Test
  void aVsrxReplayShowsOneTableWhateverTheShards() throws IOException {
    assertThat(flowgate("replay", "--spus", "2", capture().toString())).isZero();
    assertThat(out())
        .doesNotContain("Flow Sessions on")
        .doesNotContain("CP Session ID")
        .containsOnlyOnce("Total sessions: ");
  }

  @Test
  void anUnknownModelIsAUsageErrorNamingTheChoices() {
    assertThatThrownBy(() -> flowgate("replay", "--model", "srx300", "x.pcap"))
        .hasMessageContaining("--model takes vsrx or srx5800, not 'srx300'");
  }

  @Test
  void aMistypedCommandGetsASyntaxErrorWithACaret() throws IOException {
    flowgate("replay", capture().toString(), "-c", "show security flow sesion");
    assertThat(out())
        .isEqualTo(
            """
        show security flow sesion
                           ^
        syntax error, expecting <command>.
        """);
  }

  @Test
  void aCorruptCaptureExitsThreeAndNamesTheOffset() throws IOException {
    Path file = capture();
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 5));
    assertThat(flowgate("replay", "--spus", "1", file.toString())).isEqualTo(3);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("two.pcap")
        .contains("byte offset 112")
        .contains("1 records before it were replayed");
    assertThat(out()).contains("Total sessions: 1");
  }

  @Test
  void badArgumentsAreUsageErrors() {
    assertThatThrownBy(() -> flowgate("replay"))
        .isInstanceOf(Main.UsageException.class)
        .hasMessageContaining("at least one capture");
    assertThatThrownBy(() -> flowgate("replay", "--spus", "zero", "x.pcap"))
        .hasMessageContaining("--spus takes a whole number");
    assertThatThrownBy(() -> flowgate("replay", "--map-vlan", "10=ge-9/9/9.0", "x.pcap"))
        .hasMessageContaining("no interface ge-9/9/9.0");
    assertThatThrownBy(() -> flowgate("frobnicate")).hasMessageContaining("unknown command");
  }

  @Test
  void theDemoWalksThroughTheTableOfItsOfficeEdge() {
    assertThat(flowgate("demo", "--spus", "1", "--no-cli")).isZero();
    String demo = out();
    assertThat(demo)
        .contains("operator@srx-edge> show security flow session summary")
        .contains("Policy name: admin-ssh/")
        .contains("In: 10.0.1.100/50022 --> 172.16.10.80/22;tcp, Conn Tag: 0x0, If: ge-0/0/1.0")
        .contains("Out: 172.16.10.80/22 --> 10.0.1.100/50022;tcp, Conn Tag: 0x0, If: ge-0/0/2.0")
        .contains("Source NAT pool: Null, Application: junos-ssh/22")
        .contains("Policy name: internet-to-web/")
        .contains("<flow-session-information xmlns=")
        .contains("\"flow-session-information\"")
        .contains("active sessions cleared")
        .contains("Try it yourself: ./flowgate cli --config ");
    assertThat(demo)
        .contains("    Packets dropped: 22\n")
        .contains("<destination-port>80</destination-port>")
        .doesNotContain("203.0.113.200"); // the scan made no session that outlived the capture
  }
}
