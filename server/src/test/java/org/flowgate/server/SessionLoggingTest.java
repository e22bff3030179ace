package org.flowgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
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
 * RT_FLOW session logs from a replay: policies decide what is logged ({@code log session-init},
 * {@code log session-close}), {@code security log stream} sends to a syslog host in stream mode,
 * {@code system syslog} hosts and files receive them in event mode, and {@code --session-log}
 * writes a local file.
 */
class SessionLoggingTest {
  @TempDir Path dir;

  private String demoConfig() throws IOException {
    try (InputStream in = Demo.class.getResourceAsStream(Demo.CONFIG_RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void policiesDecideWhatIsLoggedAndStreamsCarryItToASyslogHost() throws Exception {
    try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      receiver.setSoTimeout(5_000);
      String config =
          demoConfig()
              .replace(
                  "security {\n",
                  """
          security {
              log {
                  mode stream;
                  format sd-syslog;
                  stream collector {
                      host {
                          127.0.0.1;
                          port %d;
                      }
                  }
              }
          """
                      .formatted(receiver.getLocalPort()));
      Path configFile = Files.writeString(dir.resolve("edge.conf"), config);
      Path capture = DemoCapture.write(dir.resolve("office.pcap"));
      Path log = dir.resolve("rt-flow.log");
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status =
          Main.run(
              new String[] {
                "replay",
                "--spus",
                "1",
                "--config",
                configFile.toString(),
                "--session-log",
                log.toString(),
                capture.toString(),
                "-c",
                "show security flow session summary"
              },
              new PrintStream(new ByteArrayOutputStream()),
              new PrintStream(err));
      assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();

      List<String> lines = Files.readAllLines(log);
      // admin-ssh logs session-init: its SSH session; office-to-internet logs session-close: the
      // HTTP session (FIN) and the ping (response); nothing else asks for logging.
      assertThat(lines)
          .filteredOn(l -> l.contains("RT_FLOW_SESSION_CREATE"))
          .singleElement()
          .asString()
          .contains("policy-name=\"admin-ssh\"")
          .contains("destination-port=\"22\"");
      assertThat(lines)
          .filteredOn(l -> l.contains("RT_FLOW_SESSION_CLOSE"))
          .hasSize(2)
          .anySatisfy(
              l ->
                  assertThat(l)
                      .contains("reason=\"TCP FIN\"")
                      .contains("policy-name=\"office-to-internet\""))
          .anySatisfy(
              l ->
                  assertThat(l)
                      .contains("reason=\"response received\"")
                      .contains("protocol-id=\"1\""));
      assertThat(lines).noneMatch(l -> l.contains("RT_FLOW_SESSION_DENY"));

      List<String> received = new ArrayList<>();
      byte[] buffer = new byte[8192];
      try {
        while (received.size() < lines.size()) {
          DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
          receiver.receive(datagram);
          received.add(
              new String(datagram.getData(), 0, datagram.getLength(), StandardCharsets.UTF_8));
        }
      } catch (SocketTimeoutException e) {
        // fall through to the assertion, which names what is missing
      }
      assertThat(received)
          .hasSize(3)
          .allSatisfy(m -> assertThat(m).startsWith("<14>1 ").contains(" srx-edge RT_FLOW - "));
    }
  }

  /** A two-zone firewall that logs its policies, and junos-host policies for ssh to itself. */
  private static final String EVENT_MODE_CONFIG =
      """
      set system host-name fw-1
      set interfaces ge-0/0/0 unit 0 family inet address 203.0.113.1/24
      set interfaces ge-0/0/1 unit 0 family inet address 10.0.1.1/24
      set security zones security-zone trust interfaces ge-0/0/1.0
      set security zones security-zone untrust interfaces ge-0/0/0.0 host-inbound-traffic system-services ssh
      set security address-book global address noc 203.0.113.9/32
      set security policies from-zone trust to-zone untrust policy out match source-address any
      set security policies from-zone trust to-zone untrust policy out match destination-address any
      set security policies from-zone trust to-zone untrust policy out match application any
      set security policies from-zone trust to-zone untrust policy out then permit
      set security policies from-zone trust to-zone untrust policy out then log session-init
      set security policies from-zone untrust to-zone junos-host policy noc-ssh match source-address noc
      set security policies from-zone untrust to-zone junos-host policy noc-ssh match destination-address any
      set security policies from-zone untrust to-zone junos-host policy noc-ssh match application junos-ssh
      set security policies from-zone untrust to-zone junos-host policy noc-ssh then permit
      set security policies from-zone untrust to-zone junos-host policy noc-ssh then log session-init
      set security policies from-zone untrust to-zone junos-host policy cleanup match source-address any
      set security policies from-zone untrust to-zone junos-host policy cleanup match destination-address any
      set security policies from-zone untrust to-zone junos-host policy cleanup match application any
      set security policies from-zone untrust to-zone junos-host policy cleanup then deny
      set security policies from-zone untrust to-zone junos-host policy cleanup then log session-init
      set security log mode event
      set system syslog host 127.0.0.1 any any
      set system syslog host 127.0.0.1 port %d
      set system syslog file traffic-log any any
      set system syslog file traffic-log match RT_FLOW_SESSION_DENY
      set system syslog file traffic-log structured-data
      set system syslog file messages any notice
      """;

  /**
   * UDP out to the internet (out), the NOC's ssh to the firewall (noc-ssh), someone else's
   * (cleanup).
   */
  private Path toTheFirewall() throws IOException {
    Path file = dir.resolve("to-the-firewall.pcap");
    long t0 = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z
    try (PcapWriter writer =
        PcapWriter.open(file, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      writer.write(
          t0,
          PacketBuilder.ipv4("10.0.1.10", "203.0.113.50")
              .udp(5_000, 9_999)
              .payloadLength(20)
              .ethernet());
      writer.write(
          t0 + 1_000_000_000L,
          PacketBuilder.ipv4("203.0.113.9", "203.0.113.1")
              .tcp(50_000, 22, PacketBuilder.SYN, 1, 0)
              .ethernet());
      writer.write(
          t0 + 2_000_000_000L,
          PacketBuilder.ipv4("203.0.113.66", "203.0.113.1")
              .tcp(50_001, 22, PacketBuilder.SYN, 1, 0)
              .ethernet());
    }
    return file;
  }

  @Test
  void inEventModeSystemSyslogHostsAndFilesReceiveTheSessionLogsTheirSelectorsAndMatchLetThrough()
      throws Exception {
    try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      receiver.setSoTimeout(5_000);
      Path configFile =
          Files.writeString(
              dir.resolve("fw.set"), EVENT_MODE_CONFIG.formatted(receiver.getLocalPort()));
      Path logDir = dir.resolve("logs");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status =
          Main.run(
              new String[] {
                "replay",
                "--spus",
                "1",
                "--config",
                configFile.toString(),
                "--log-dir",
                logDir.toString(),
                toTheFirewall().toString(),
                "-c",
                "show security flow session"
              },
              new PrintStream(out),
              new PrintStream(err));
      String errors = err.toString(StandardCharsets.UTF_8);
      assertThat(status).as(errors).isZero();
      assertThat(errors)
          .contains(
              "system syslog file traffic-log: RT_FLOW session logs go to "
                  + logDir.resolve("traffic-log"));
      assertThat(out.toString(StandardCharsets.UTF_8))
          .contains("Policy name: noc-ssh/5")
          .contains("Out: 203.0.113.1/22 --> 203.0.113.9/50000;tcp");

      List<String> received = new ArrayList<>();
      byte[] buffer = new byte[8192];
      try {
        while (received.size() < 3) {
          DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
          receiver.receive(datagram);
          received.add(
              new String(datagram.getData(), 0, datagram.getLength(), StandardCharsets.UTF_8));
        }
      } catch (SocketTimeoutException e) {
        // the assertion names what is missing
      }
      // host 127.0.0.1 { any any; }: every RT_FLOW message, standard form with its <PRI>
      assertThat(received)
          .hasSize(3)
          .allSatisfy(
              m -> assertThat(m).startsWith("<14>Jan  1 00:00:0").contains(" fw-1 RT_FLOW: "));
      assertThat(received.get(0))
          .contains("RT_FLOW_SESSION_CREATE: session created 10.0.1.10/5000->203.0.113.50/9999")
          .contains(" out trust untrust ");
      assertThat(received.get(1))
          .contains("RT_FLOW_SESSION_CREATE: session created 203.0.113.9/50000->203.0.113.1/22")
          .contains(" noc-ssh untrust junos-host ");
      assertThat(received.get(2))
          .contains("RT_FLOW_SESSION_DENY: session denied 203.0.113.66/50001->203.0.113.1/22")
          .contains(" cleanup untrust junos-host ")
          .contains(" .local..0 ");

      // file traffic-log { any any; match RT_FLOW_SESSION_DENY; structured-data; }
      assertThat(Files.readAllLines(logDir.resolve("traffic-log")))
          .singleElement()
          .asString()
          .startsWith(
              "<14>1 2026-01-01T00:00:02.000Z fw-1 RT_FLOW - RT_FLOW_SESSION_DENY [junos@2636.1.1.1.2.28 ")
          .contains(
              "policy-name=\"cleanup\" source-zone-name=\"untrust\" destination-zone-name=\"junos-host\"")
          .contains(
              "packet-incoming-interface=\".local..0\""); // as the real junos-host DENY line shows
      // file messages { any notice; }: RT_FLOW messages are user.info, below notice
      assertThat(logDir.resolve("messages")).doesNotExist();
    }
  }

  @Test
  void systemSyslogFilesGoUnderVarLogUnlessLogDirSaysWhere() {
    assertThat(ReplayOptions.parse(new String[] {"c.pcap"}).logDirectory())
        .isEqualTo(Path.of("var", "log"));
    assertThat(
            ReplayOptions.parse(new String[] {"--log-dir", "/tmp/fw-logs", "c.pcap"})
                .logDirectory())
        .isEqualTo(Path.of("/tmp/fw-logs"));
  }

  @Test
  void aCommitDuringTheReplayClosesTheSessionsOfADeletedPolicy() throws Exception {
    String config = demoConfig();
    // renaming a policy deletes the old one: its sessions close (no policy-rematch here)
    String withoutAdminSsh = config.replace("policy admin-ssh {", "policy admin-ssh-v2 {");
    Path before = Files.writeString(dir.resolve("edge.conf"), config);
    Path after = Files.writeString(dir.resolve("edge-without-admin-ssh.conf"), withoutAdminSsh);
    Path capture = DemoCapture.write(dir.resolve("office.pcap"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            new String[] {
              "replay",
              "--spus",
              "1",
              "--config",
              before.toString(),
              "--commit-at",
              "20=" + after,
              "--at",
              "21",
              capture.toString(),
              "-c",
              "show security flow session destination-port 22",
              "-c",
              "show security flow session summary"
            },
            new PrintStream(out),
            new PrintStream(err));
    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("In: 10.0.1.100/50022 --> 172.16.10.80/22;tcp")
        .contains("Session State: Invalidated")
        .contains("Invalidated sessions: 1\n");
  }

  /**
   * {@code --commit-at} renames admin-ssh and makes office-to-internet log session-init,
   * mid-capture: the SSH session's CREATE (before the commit) names admin-ssh, and the HTTPS
   * session that starts after it is logged because the generation it started under says so. Before,
   * what a session logged was judged against the configuration given at the start, whatever the
   * replay committed.
   */
  @Test
  void aCommitDuringTheReplayChangesWhatIsLoggedFromThenOnAndNamesWhatWasBefore() throws Exception {
    String config = demoConfig();
    String changed =
        config
            .replace("policy admin-ssh {", "policy admin-ssh-v2 {")
            .replace(
                "log {\n" + " ".repeat(24) + "session-close;",
                "log {\n" + " ".repeat(24) + "session-init;\n" + " ".repeat(24) + "session-close;");
    assertThat(changed.split("session-init;", -1))
        .as("office-to-internet logs session-init too")
        .hasSize(config.split("session-init;", -1).length + 1);
    Path before = Files.writeString(dir.resolve("edge.conf"), config);
    Path after = Files.writeString(dir.resolve("edge-v2.conf"), changed);
    Path capture = DemoCapture.write(dir.resolve("office.pcap"));
    Path log = dir.resolve("rt-flow.log");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            new String[] {
              "replay",
              "--spus",
              "1",
              "--config",
              before.toString(),
              "--commit-at",
              "2.5=" + after,
              "--session-log",
              log.toString(),
              capture.toString()
            },
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err));
    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();

    List<String> creates =
        Files.readAllLines(log).stream().filter(l -> l.contains("RT_FLOW_SESSION_CREATE")).toList();
    assertThat(creates)
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("/50022->172.16.10.80/22 ")
                    .contains(" admin-ssh trust dmz "))
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("/51443->203.0.113.25/443 ")
                    .contains(" office-to-internet trust untrust "))
        .noneMatch(l -> l.contains("admin-ssh-v2"))
        .as("the HTTP session at 0 s, before the commit, logs its close only")
        .noneMatch(l -> l.contains("/49152->"));
  }
}
