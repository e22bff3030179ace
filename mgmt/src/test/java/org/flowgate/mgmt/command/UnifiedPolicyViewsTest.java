package org.flowgate.mgmt.command;

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
import org.flowgate.dataplane.log.SessionLogRecorder;
import org.flowgate.mgmt.log.SessionLogConfig;
import org.flowgate.mgmt.log.SessionLogger;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unified policies as an operator sees them (ADR 0033): the policy views list the dynamic
 * applications, and after a capture where one session moves from the pre-id default policy to its
 * final policy and another is closed by a dynamic-application deny, the session views, their
 * policy-id and dynamic-application filters, the hit counts and the RT_FLOW lines agree.
 */
class UnifiedPolicyViewsTest {
  private static final String CONFIG =
      """
      set interfaces ge-0/0/0 unit 0 family inet address 203.0.113.1/24
      set interfaces ge-0/0/1 unit 0 family inet address 192.168.1.1/24
      set routing-options static route 0.0.0.0/0 next-hop 203.0.113.254
      set security zones security-zone trust interfaces ge-0/0/1.0
      set security zones security-zone untrust interfaces ge-0/0/0.0
      set security policies from-zone trust to-zone untrust policy web match source-address any destination-address any application any dynamic-application junos:web
      set security policies from-zone trust to-zone untrust policy web then permit
      set security policies from-zone trust to-zone untrust policy web then log session-init
      set security policies from-zone trust to-zone untrust policy no-ssh match source-address any destination-address any application any dynamic-application junos:SSH
      set security policies from-zone trust to-zone untrust policy no-ssh then deny
      set security policies from-zone trust to-zone untrust policy no-ssh then log session-close
      set security policies pre-id-default-policy then log session-init
      """;

  @TempDir Path dir;

  private long clock = 1_767_225_600_000_000_000L;

  private void tcp(
      PcapWriter writer,
      String client,
      int clientPort,
      String server,
      int serverPort,
      String[] talk)
      throws IOException {
    long c = 1000;
    long s = 90_000;
    write(
        writer,
        PacketBuilder.ipv4(client, server).tcp(clientPort, serverPort, PacketBuilder.SYN, c++, 0));
    write(
        writer,
        PacketBuilder.ipv4(server, client)
            .tcp(serverPort, clientPort, PacketBuilder.SYN | PacketBuilder.ACK, s++, c));
    write(
        writer,
        PacketBuilder.ipv4(client, server).tcp(clientPort, serverPort, PacketBuilder.ACK, c, s));
    for (String line : talk) {
      boolean fromServer = line.startsWith("<");
      byte[] payload = line.substring(1).getBytes(StandardCharsets.US_ASCII);
      int flags = PacketBuilder.ACK | PacketBuilder.PSH;
      if (fromServer) {
        write(
            writer,
            PacketBuilder.ipv4(server, client)
                .tcp(serverPort, clientPort, flags, s, c)
                .payload(payload));
        s += payload.length;
      } else {
        write(
            writer,
            PacketBuilder.ipv4(client, server)
                .tcp(clientPort, serverPort, flags, c, s)
                .payload(payload));
        c += payload.length;
      }
    }
  }

  private void write(PcapWriter writer, PacketBuilder packet) throws IOException {
    clock += 1_000_000L;
    writer.write(clock, packet.ethernet());
  }

  @Test
  void viewsFiltersHitCountsAndLogsAgreeOnWhereEachSessionEnded() throws IOException {
    Diagnostics diagnostics = new Diagnostics();
    ParsedConfig parsed = ConfigParser.parseConfig(CONFIG, "unified.conf", diagnostics);
    CompileResult compiled = JunosCompiler.compile(parsed, diagnostics);
    assertThat(compiled.errors()).isEmpty();

    Path capture = dir.resolve("unified.pcap");
    try (PcapWriter writer =
        PcapWriter.open(capture, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      tcp(
          writer,
          "192.168.1.10",
          40000,
          "198.51.100.80",
          80,
          new String[] {
            ">GET / HTTP/1.1\r\nHost: example.com\r\n\r\n",
            "<HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
          });
      tcp(
          writer,
          "192.168.1.11",
          40001,
          "198.51.100.22",
          22,
          new String[] {"<SSH-2.0-OpenSSH_9.6\r\n", ">SSH-2.0-OpenSSH_9.6p1\r\n"});
    }
    Path log = dir.resolve("flow.log");
    SessionLogRecorder recorder = new SessionLogRecorder(1, 1024);
    try (FlowEngine engine = new FlowEngine(compiled.config(), 1, recorder);
        SessionLogger logger =
            new SessionLogger(
                recorder,
                SessionLogConfig.defaults()
                    .withFormat(SessionLogConfig.Format.STANDARD)
                    .withFile(log),
                engine::config)) {
      OperationalCommands cli =
          new OperationalCommands(engine, new LoadedConfiguration("unified.conf", parsed));
      engine.replay(List.of(capture), -1);
      assertThat(logger.awaitIdle(10_000)).isTrue();

      assertThat(cli.execute("show security policies policy-name web"))
          .isEqualTo(
              """
          From zone: trust, To zone: untrust
            Policy: web, State: enabled, Index: 4, Scope Policy: 0, Sequence number: 1, Log Profile ID: 0
              Source vrf group: any
              Destination vrf group: any
              Source addresses: any
              Destination addresses: any
              Applications: any
              Dynamic Applications: junos:web
              Source identity feeds: any
              Destination identity feeds: any
              Action: permit, log
          """);
      assertThat(cli.execute("show security policies detail policy-name no-ssh"))
          .contains("  Dynamic Application:\n    junos:SSH\n");
      assertThat(cli.execute("show security policies policy-name web | display xml"))
          .contains("<dynamic-application-name>junos:web</dynamic-application-name>");

      assertThat(cli.execute("show security policies hit-count"))
          .contains("web            1             Permit")
          .contains("no-ssh         1             Deny");

      String moved = cli.execute("show security flow session policy-id 4");
      assertThat(moved)
          .contains("Policy name: web/4")
          .contains("In: 192.168.1.10/40000 --> 198.51.100.80/80;tcp")
          .contains("Total sessions: 1");
      assertThat(cli.execute("show security flow session dynamic-application junos:HTTP"))
          .isEqualTo(moved);
      assertThat(cli.execute("show security flow session policy-id 3"))
          .as("nothing left under the pre-id default policy")
          .contains("Total sessions: 0");
    }
    List<String> lines = Files.readAllLines(log);
    assertThat(lines)
        .extracting(l -> l.substring(l.indexOf("RT_FLOW_")))
        .satisfiesExactly(
            l ->
                assertThat(l)
                    .startsWith("RT_FLOW_SESSION_CREATE: session created 192.168.1.10/40000->")
                    .contains(" pre-id-default-policy-logical-system-00 trust untrust "),
            l ->
                assertThat(l)
                    .as("the final policy's CREATE, once the server's answer named HTTP")
                    .startsWith("RT_FLOW_SESSION_CREATE: session created 192.168.1.10/40000->")
                    .contains(" web trust untrust ")
                    .contains(" HTTP UNKNOWN "),
            l ->
                assertThat(l)
                    .startsWith("RT_FLOW_SESSION_CREATE: session created 192.168.1.11/40001->")
                    .contains(" pre-id-default-policy-logical-system-00 trust untrust "),
            l ->
                assertThat(l)
                    .startsWith(
                        "RT_FLOW_SESSION_CLOSE: session closed application failure or action:"
                            + " 192.168.1.11/40001->198.51.100.22/22")
                    .contains(" no-ssh trust untrust ")
                    .contains(" SSH "));
  }
}
