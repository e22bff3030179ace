package org.flowgate.dataplane.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The captures Flowgate writes, read by a real peer: tshark (installed by .ci/run) must find every
 * frame, decode the addresses and ports Flowgate put there, and find every checksum valid.
 */
class TsharkReadsWhatFlowgateWritesTest {
  private static final long T0 = 1_700_000_000_123_456_789L;

  @TempDir Path dir;

  @BeforeAll
  static void needsTshark() {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/tshark")),
        "tshark is not installed (apt-get install tshark; .ci/run does): skipping the tshark interop check");
  }

  private static List<byte[]> frames() {
    byte[] quoted =
        PacketBuilder.ipv4("192.168.1.40", "198.51.100.53").udp(40_000, 53).payloadLength(20).ip();
    List<byte[]> frames = new ArrayList<>();
    frames.add(
        PacketBuilder.ipv4("192.168.1.10", "203.0.113.80")
            .tcp(40_000, 80, PacketBuilder.SYN, 1000, 0)
            .ethernet());
    frames.add(
        PacketBuilder.ipv4("203.0.113.80", "192.168.1.10")
            .tcp(80, 40_000, PacketBuilder.ACK | PacketBuilder.PSH, 5001, 1001)
            .payloadLength(333)
            .ethernet(100));
    frames.add(
        PacketBuilder.ipv4("192.168.1.40", "198.51.100.53")
            .udp(40_000, 53)
            .payloadLength(20)
            .pppoeEthernet(7));
    frames.add(
        PacketBuilder.ipv4("198.51.100.53", "192.168.1.40").icmpError(3, 3, quoted).ethernet());
    frames.add(
        PacketBuilder.ipv4("192.168.1.30", "203.0.113.1")
            .icmpEcho(true, 0xbeef, 3)
            .payloadLength(56)
            .ethernet());
    frames.add(
        PacketBuilder.ipv6("2001:db8:1::10", "2001:db8:ffff::80")
            .tcp(53_080, 443, PacketBuilder.SYN, 7, 0)
            .ethernet(10, 20));
    frames.add(
        PacketBuilder.ipv6("2001:db8:ffff::80", "2001:db8:1::10").icmpEcho(false, 1, 2).ethernet());
    return frames;
  }

  private static List<String> tshark(Path file, String... fields)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                "tshark",
                "-n",
                "-r",
                file.toString(),
                "-o",
                "ip.check_checksum:TRUE",
                "-o",
                "tcp.check_checksum:TRUE",
                "-o",
                "udp.check_checksum:TRUE",
                "-T",
                "fields",
                "-E",
                "separator=|"));
    for (String field : fields) {
      command.add("-e");
      command.add(field);
    }
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("tshark exit status").isZero();
    return out.lines().toList();
  }

  private void checkedByTshark(Path file) throws IOException, InterruptedException {
    List<String> lines =
        tshark(
            file,
            "frame.number",
            "ip.src",
            "ipv6.src",
            "tcp.srcport",
            "udp.srcport",
            "ip.checksum.status",
            "tcp.checksum.status",
            "udp.checksum.status",
            "icmp.checksum.status",
            "icmpv6.checksum.status",
            "frame.time_epoch");
    assertThat(lines).hasSize(frames().size());
    assertThat(lines.get(0)).startsWith("1|192.168.1.10||40000|");
    assertThat(lines.get(1)).startsWith("2|203.0.113.80||80|");
    assertThat(lines.get(2)).startsWith("3|192.168.1.40|||40000|");
    assertThat(lines.get(5)).startsWith("6||2001:db8:1::10|53080|");
    assertThat(lines.get(0)).endsWith("|1700000000.123456000").doesNotContain("|0|");
    for (String line : lines) {
      // checksum status 2 = bad, 1 = good
      String[] columns = line.split("\\|", -1);
      for (int i = 5; i <= 9; i++) {
        for (String status : columns[i].split(",")) {
          assertThat(status).as("checksum status in %s", line).isIn("", "1");
        }
      }
    }
  }

  @Test
  void tsharkReadsAMicrosecondPcapWithValidChecksums() throws Exception {
    Path file = dir.resolve("flowgate.pcap");
    try (PcapWriter writer =
        PcapWriter.open(file, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      long t = T0;
      for (byte[] frame : frames()) {
        writer.write(t, frame);
        t += 1_000;
      }
    }
    checkedByTshark(file);
  }

  @Test
  void tsharkReadsABigEndianNanosecondPcap() throws Exception {
    Path file = dir.resolve("flowgate-ns.pcap");
    try (PcapWriter writer = PcapWriter.open(file, LinkType.ETHERNET, true, ByteOrder.BIG_ENDIAN)) {
      long t = T0;
      for (byte[] frame : frames()) {
        writer.write(t, frame);
        t += 1_000;
      }
    }
    List<String> times = tshark(file, "frame.time_epoch");
    assertThat(times.get(0)).isEqualTo("1700000000.123456789");
  }

  @Test
  void tsharkReadsAPcapngWithTwoInterfaces() throws Exception {
    Path file = dir.resolve("flowgate.pcapng");
    try (PcapNgWriter writer = PcapNgWriter.open(file)) {
      int ethernet = writer.addInterface(LinkType.ETHERNET, false);
      int raw = writer.addInterface(LinkType.RAW, true);
      writer.write(ethernet, T0, frames().get(0));
      writer.write(raw, T0 + 1, PacketBuilder.ipv4("192.168.1.40", "198.51.100.53").udp(1, 2).ip());
    }
    List<String> lines = tshark(file, "frame.interface_id", "ip.src", "udp.checksum.status");
    assertThat(lines).containsExactly("0|192.168.1.10|", "1|192.168.1.40|1");
  }
}
