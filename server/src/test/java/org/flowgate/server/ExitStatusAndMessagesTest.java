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
import java.util.ArrayList;
import java.util.List;
import org.flowgate.dataplane.capture.CaptureReader;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exit statuses and messages of {@code flowgate replay} and {@code cli} for bad arguments, bad
 * outputs and bad captures (README, "Exit status"): every problem is named with the whole path of
 * the file it is about, and nothing an input holds is lost or overwritten.
 */
class ExitStatusAndMessagesTest {
  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final long SECOND = 1_000_000_000L;

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int flowgate(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  /** What {@link Main#main} prints and returns for an exception {@link Main#run} throws. */
  private int flowgateAsMainDoes(String... args) {
    try {
      return flowgate(args);
    } catch (Main.UsageException | Main.Refused e) {
      err.writeBytes(("flowgate: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
      return 2;
    }
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @AfterEach
  void restoreTerminal() {
    Cli.terminal = Cli::open;
  }

  private Path capture(String name) throws IOException {
    Path file = dir.resolve(name);
    try (PcapWriter writer =
        PcapWriter.open(file, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      writer.write(T0, PacketBuilder.ipv4("192.168.1.10", "203.0.113.5").udp(5353, 53).ethernet());
      writer.write(
          T0 + 3 * SECOND,
          PacketBuilder.ipv4("192.168.1.11", "203.0.113.6")
              .tcp(40_000, 443, PacketBuilder.SYN, 1, 0)
              .ethernet());
    }
    return file;
  }

  @Test
  void aCommandWithASyntaxErrorExitsOneAfterTheOtherCommandsRan() throws IOException {
    int status =
        flowgate(
            "replay",
            "--spus",
            "1",
            capture("two.pcap").toString(),
            "-c",
            "show security flow sesion",
            "-c",
            "show security flow session summary");
    assertThat(status).isEqualTo(Replay.COMMAND_ERROR);
    assertThat(out()).contains("syntax error, expecting <command>.").contains("Valid sessions: 2");
  }

  @Test
  void commandsThatRunExitZero() throws IOException {
    assertThat(
            flowgate(
                "replay",
                "--spus",
                "1",
                capture("two.pcap").toString(),
                "-c",
                "show security flow session | count"))
        .isZero();
  }

  @Test
  void aSessionLogThatCannotBeWrittenIsRefusedBeforeTheReplay() throws IOException {
    Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
    Path log = notADirectory.resolve("sessions.log");
    int status =
        flowgateAsMainDoes(
            "replay", "--session-log", log.toString(), capture("two.pcap").toString());
    assertThat(status).isEqualTo(2);
    assertThat(err())
        .contains("--session-log " + log.toAbsolutePath())
        .contains("cannot be written");
    assertThat(out()).isEmpty();
  }

  @Test
  void writeRefusesToOverwriteTheCaptureItReplaysByAnyName() throws IOException {
    Path capture = capture("in.pcap");
    byte[] before = Files.readAllBytes(capture);
    Path hardLink = Files.createLink(dir.resolve("hard.pcap"), capture);
    Path symbolicLink = Files.createSymbolicLink(dir.resolve("soft.pcap"), capture);
    for (Path target : List.of(capture, hardLink, symbolicLink, dir.resolve("sub/../in.pcap"))) {
      err.reset();
      int status = flowgateAsMainDoes("replay", "--write", target.toString(), capture.toString());
      assertThat(status).as("--write %s", target).isEqualTo(2);
      assertThat(err()).contains("being replayed: refusing to overwrite it");
    }
    assertThat(Files.readAllBytes(capture)).isEqualTo(before);
  }

  @Test
  void anUnwritableWriteTargetNamesItsDirectoryNotASpoolFile() throws IOException {
    Path target = dir.resolve("no-such-directory").resolve("out.pcap");
    int status =
        flowgateAsMainDoes("replay", "--write", target.toString(), capture("in.pcap").toString());
    assertThat(status).isEqualTo(2);
    assertThat(err())
        .contains("--write " + target.toAbsolutePath())
        .contains("the directory " + target.toAbsolutePath().getParent() + " does not exist")
        .doesNotContain("spool");
  }

  @Test
  void cliHonoursWriteAndCommitAt() throws IOException {
    Path config =
        Files.writeString(
            dir.resolve("later.set"),
            """
            set system host-name committed-later
            set interfaces ge-0/0/0 unit 0 family inet address 198.51.100.1/24
            set interfaces ge-0/0/1 unit 0 family inet address 192.168.1.1/24
            set routing-options static route 0.0.0.0/0 next-hop 198.51.100.254
            set security zones security-zone untrust interfaces ge-0/0/0.0
            set security zones security-zone trust interfaces ge-0/0/1.0
            set security policies from-zone trust to-zone untrust policy any match source-address any
            set security policies from-zone trust to-zone untrust policy any match destination-address any
            set security policies from-zone trust to-zone untrust policy any match application any
            set security policies from-zone trust to-zone untrust policy any then permit
            """);
    Path written = dir.resolve("forwarded.pcap");
    List<String> hostNames = new ArrayList<>();
    Cli.terminal = (engine, configuration, user, logs) -> hostNames.add(engine.config().hostName());
    int status =
        flowgate(
            "cli",
            "--spus",
            "1",
            "--write",
            written.toString(),
            "--commit-at",
            "1=" + config,
            capture("in.pcap").toString());
    assertThat(status).isZero();
    assertThat(hostNames).containsExactly("committed-later");
    try (CaptureReader reader = CaptureReader.open(written)) {
      int records = 0;
      while (reader.next()) {
        records++;
      }
      assertThat(records).isEqualTo(2);
    }
  }

  @Test
  void aMacAddressOctetAboveFfIsAUsageError() {
    assertThatThrownBy(() -> flowgate("replay", "--map-mac", "100:0:0:0:0:1=ge-0/0/0.0", "x.pcap"))
        .isInstanceOf(Main.UsageException.class)
        .hasMessageContaining("'100:0:0:0:0:1' is not a MAC address");
    assertThatThrownBy(() -> flowgate("replay", "--map-mac", "0:0:0:0:0:+1=ge-0/0/0.0", "x.pcap"))
        .isInstanceOf(Main.UsageException.class);
  }

  @Test
  void aDirectoryGivenAsACaptureIsNamedAsADirectory() {
    assertThat(flowgate("replay", "--spus", "1", dir.toString())).isEqualTo(Replay.CAPTURE_ERROR);
    assertThat(err()).contains(dir.toAbsolutePath() + ": is a directory, not a capture file");
  }

  @Test
  void aMissingCaptureSaysItIsMissing() {
    Path missing = dir.resolve("missing.pcap");
    assertThat(flowgate("replay", "--spus", "1", missing.toString()))
        .isEqualTo(Replay.CAPTURE_ERROR);
    assertThat(err()).contains(missing.toAbsolutePath() + ": no such file");
  }

  @Test
  void aCorruptCaptureIsNamedByItsWholePath() throws IOException {
    Path file = capture("two.pcap");
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 5));
    assertThat(flowgate("replay", "--spus", "1", file.toString())).isEqualTo(Replay.CAPTURE_ERROR);
    assertThat(err()).contains(file.toAbsolutePath() + ": corrupt record at byte offset");
  }

  @Test
  void aCaptureOfAnUndecodedLinkTypeExitsThreeAndSaysWhy() throws IOException {
    Path file = dir.resolve("usb.pcap");
    try (PcapWriter writer = PcapWriter.open(file, 189, false, ByteOrder.LITTLE_ENDIAN)) {
      writer.write(T0, new byte[64]);
    }
    assertThat(flowgate("replay", "--spus", "1", file.toString())).isEqualTo(Replay.CAPTURE_ERROR);
    assertThat(err())
        .contains(file.toAbsolutePath() + ": no frame could be decoded")
        .contains("linktype 189");
  }

  @Test
  void aTimestampFarAheadIsNamedInAWarning() throws IOException {
    Path file = dir.resolve("future.pcap");
    byte[] frame = PacketBuilder.ipv4("192.168.1.10", "203.0.113.5").udp(5353, 53).ethernet();
    try (PcapWriter writer =
        PcapWriter.open(file, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      writer.write(T0, frame);
      writer.write(T0 + 10L * 365 * 86_400 * SECOND, frame);
      writer.write(T0 + SECOND, frame);
    }
    assertThat(flowgate("replay", "--spus", "1", file.toString())).isZero();
    assertThat(err())
        .contains(
            "flowgate: warning: "
                + file.toAbsolutePath()
                + ": record 2 at byte offset "
                + (24 + 16 + frame.length)
                + ": timestamp 10.0 years ahead of the records around it");
  }

  @Test
  void atAfterTheLastPacketSaysSo() throws IOException {
    assertThat(flowgate("replay", "--spus", "1", "--at", "100", capture("two.pcap").toString()))
        .isZero();
    assertThat(err())
        .contains(
            "flowgate: warning: --at 100 s is after the last packet (3.000 s after the first)");
  }

  @Test
  void maxSessionsBeyondTheMachinesMemoryIsRefusedNamingTheBytes() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        org.flowgate.dataplane.session.SessionMemory.neededBytes(1L << 30, 64)
            > org.flowgate.dataplane.session.SessionMemory.availableBytes());
    int status =
        flowgateAsMainDoes(
            "replay",
            "--max-sessions",
            "1073741824",
            "--spus",
            "64",
            capture("two.pcap").toString());
    assertThat(status).isEqualTo(2);
    assertThat(err())
        .contains("flowgate: --max-sessions: a session table of 1073741824 sessions over 64 SPUs")
        .contains("bytes (160.0 GiB), but ")
        .contains("of memory are available");
    assertThat(out()).isEmpty();
  }
}
