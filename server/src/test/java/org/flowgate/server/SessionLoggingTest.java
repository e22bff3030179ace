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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RT_FLOW session logs from a replay: policies decide what is logged ({@code log session-init},
 * {@code log session-close}), {@code security log stream} sends to a syslog host, and
 * {@code --session-log} writes a local file.
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
      String config = demoConfig().replace("security {\n", """
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
          """.formatted(receiver.getLocalPort()));
      Path configFile = Files.writeString(dir.resolve("edge.conf"), config);
      Path capture = DemoCapture.write(dir.resolve("office.pcap"));
      Path log = dir.resolve("rt-flow.log");
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status = Main.run(new String[] {"replay", "--spus", "1", "--config", configFile.toString(),
          "--session-log", log.toString(), capture.toString(), "-c", "show security flow session summary"},
          new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
      assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();

      List<String> lines = Files.readAllLines(log);
      // admin-ssh logs session-init: its SSH session; office-to-internet logs session-close: the
      // HTTP session (FIN) and the ping (response); nothing else asks for logging.
      assertThat(lines).filteredOn(l -> l.contains("RT_FLOW_SESSION_CREATE")).singleElement()
          .asString().contains("policy-name=\"admin-ssh\"").contains("destination-port=\"22\"");
      assertThat(lines).filteredOn(l -> l.contains("RT_FLOW_SESSION_CLOSE")).hasSize(2)
          .anySatisfy(l -> assertThat(l).contains("reason=\"TCP FIN\"").contains("policy-name=\"office-to-internet\""))
          .anySatisfy(l -> assertThat(l).contains("reason=\"response received\"").contains("protocol-id=\"1\""));
      assertThat(lines).noneMatch(l -> l.contains("RT_FLOW_SESSION_DENY"));

      List<String> received = new ArrayList<>();
      byte[] buffer = new byte[8192];
      try {
        while (received.size() < lines.size()) {
          DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
          receiver.receive(datagram);
          received.add(new String(datagram.getData(), 0, datagram.getLength(), StandardCharsets.UTF_8));
        }
      } catch (SocketTimeoutException e) {
        // fall through to the assertion, which names what is missing
      }
      assertThat(received).hasSize(3).allSatisfy(m -> assertThat(m).startsWith("<14>1 ").contains(" srx-edge RT_FLOW - "));
    }
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
    int status = Main.run(new String[] {"replay", "--spus", "1", "--config", before.toString(),
        "--commit-at", "20=" + after, "--at", "21", capture.toString(),
        "-c", "show security flow session destination-port 22", "-c", "show security flow session summary"},
        new PrintStream(out), new PrintStream(err));
    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("In: 10.0.1.100/50022 --> 172.16.10.80/22;tcp")
        .contains("Session State: Invalidated")
        .contains("Invalidated sessions: 1\n");
  }
}
