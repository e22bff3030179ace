package org.flowgate.dataplane.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.dataplane.policy.PolicyAction;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.runtime.RuntimeConfigBuilder;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code replay --write} writes what a reject policy sent back, right after the packet it answers,
 * and tshark decodes it as a TCP reset and an ICMP port unreachable with valid checksums.
 */
class RejectReplayTest {
  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final long MILLISECOND = 1_000_000L;

  @TempDir Path dir;

  private static RuntimeConfig rejectingTelnetAndTftp() {
    return new RuntimeConfigBuilder()
        .zone("trust")
        .zone("untrust")
        .interfaceIn("trust", "ge-0/0/1.0", "10.0.0.1/16")
        .interfaceIn("untrust", "ge-0/0/0.0", "203.0.113.1/24")
        .staticRoute("0.0.0.0/0", "203.0.113.254")
        .policy(
            "no-telnet-tftp",
            "trust",
            "untrust",
            List.of(),
            List.of(),
            List.of("junos-telnet", "junos-tftp"),
            PolicyAction.REJECT)
        .policy("out", "trust", "untrust", List.of(), List.of(), List.of(), PolicyAction.PERMIT)
        .build();
  }

  @ParameterizedTest(name = "{0} SPU(s)")
  @ValueSource(ints = {1, 3})
  void theAnswersOfARejectPolicyAreWrittenAfterThePacketsTheyAnswer(int spus) throws Exception {
    Path in = dir.resolve("in.pcap");
    try (PcapWriter writer =
        PcapWriter.open(in, LinkType.ETHERNET, true, ByteOrder.LITTLE_ENDIAN)) {
      for (int client = 0; client < 4; client++) {
        String host = "10.0.1." + (10 + client);
        long t = T0 + client * 10 * MILLISECOND;
        writer.write(
            t,
            PacketBuilder.ipv4(host, "198.51.100.7")
                .tcp(40000 + client, 23, PacketBuilder.SYN, 100, 0)
                .ethernet());
        writer.write(
            t + MILLISECOND,
            PacketBuilder.ipv4(host, "198.51.100.7").udp(50000 + client, 69).ethernet());
        writer.write(
            t + 2 * MILLISECOND,
            PacketBuilder.ipv4(host, "198.51.100.7")
                .tcp(41000 + client, 443, PacketBuilder.SYN, 100, 0)
                .ethernet());
      }
    }
    Path out = dir.resolve("out.pcap");
    try (FlowEngine engine =
        new FlowEngine(rejectingTelnetAndTftp().withMaximumSessions(64), spus)) {
      engine.replay(List.of(in), -1, List.of(), out);
      assertThat(FlowStatistics.total(engine.statistics()).rejectResponsesSent()).isEqualTo(8);
    }
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/tshark")),
        "tshark is not installed (apt-get install tshark; .ci/run does): skipping its decode");
    assertThat(tshark(out))
        .containsExactly(
            "198.51.100.7|10.0.1.10|23|40000|0x0014||1|1|", // RST|ACK after the telnet SYN
            "198.51.100.7|10.0.1.10||||3|1||1", // port unreachable after the TFTP read
            "10.0.1.10|198.51.100.7|41000|443|0x0002||1|1|", // the permitted SYN, forwarded
            "198.51.100.7|10.0.1.11|23|40001|0x0014||1|1|",
            "198.51.100.7|10.0.1.11||||3|1||1",
            "10.0.1.11|198.51.100.7|41001|443|0x0002||1|1|",
            "198.51.100.7|10.0.1.12|23|40002|0x0014||1|1|",
            "198.51.100.7|10.0.1.12||||3|1||1",
            "10.0.1.12|198.51.100.7|41002|443|0x0002||1|1|",
            "198.51.100.7|10.0.1.13|23|40003|0x0014||1|1|",
            "198.51.100.7|10.0.1.13||||3|1||1",
            "10.0.1.13|198.51.100.7|41003|443|0x0002||1|1|");
  }

  /** Per frame: addresses, TCP ports and flags, ICMP type, and the checksum statuses (1 good). */
  private static List<String> tshark(Path capture) throws IOException, InterruptedException {
    Process tshark =
        new ProcessBuilder(
                "tshark",
                "-n",
                "-r",
                capture.toString(),
                "-o",
                "ip.check_checksum:TRUE",
                "-o",
                "tcp.check_checksum:TRUE",
                "-T",
                "fields",
                "-E",
                "separator=|",
                "-E",
                "occurrence=f", // the outer header, not the one an ICMP error quotes
                "-e",
                "ip.src",
                "-e",
                "ip.dst",
                "-e",
                "tcp.srcport",
                "-e",
                "tcp.dstport",
                "-e",
                "tcp.flags",
                "-e",
                "icmp.type",
                "-e",
                "ip.checksum.status",
                "-e",
                "tcp.checksum.status",
                "-e",
                "icmp.checksum.status")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    List<String> lines =
        new String(tshark.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    assertThat(tshark.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return lines;
  }
}
