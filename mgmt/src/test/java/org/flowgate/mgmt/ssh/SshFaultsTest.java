package org.flowgate.mgmt.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.session.ClientSession;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.flowgate.mgmt.auth.UnixCrypt;
import org.flowgate.mgmt.device.DeviceServer;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSH port under bad conditions: binary garbage, a flood of connections that never log in, and
 * a client that goes away in the middle of a long reply. Nothing may hang or leak.
 */
class SshFaultsTest {
  private static final String PASSWORD = "pw-faults";
  @TempDir static Path dir;
  private static DeviceServer server;
  private static SshClient client;

  @BeforeAll
  static void start() throws Exception {
    server =
        DeviceServer.start(
            new DeviceServer.Settings(
                dir.resolve("state"),
                DeviceServer.factoryDefaultText()
                    + "set system login user admin class super-user\n"
                    + "set system login user admin authentication encrypted-password \""
                    + UnixCrypt.sha512(PASSWORD)
                    + "\"\n",
                "t",
                "127.0.0.1",
                0,
                0,
                -1,
                1,
                FactoryDefault.config(),
                r -> r.config(),
                line -> {}));
    Path capture = dir.resolve("many.pcap");
    try (PcapWriter writer =
        PcapWriter.open(capture, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      for (int i = 0; i < 20_000; i++) {
        writer.write(
            1_700_000_000_000_000_000L + i,
            PacketBuilder.ipv4("192.168.1." + (1 + i % 200), "203.0.113.5")
                .udp(1024 + i / 200, 53)
                .ethernet());
      }
    }
    server.device().replays().submit(capture, 0).get();
    client = SshClient.setUpDefaultClient();
    client.start();
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.stop();
    }
    if (server != null) {
      server.close();
    }
  }

  private static ClientSession login() throws Exception {
    ClientSession session =
        client
            .connect("admin", "127.0.0.1", server.sshPort())
            .verify(Duration.ofSeconds(30))
            .getSession();
    session.addPasswordIdentity(PASSWORD);
    session.auth().verify(Duration.ofSeconds(30));
    return session;
  }

  @Test
  void binaryGarbageIsDisconnectedAndTheServerGoesOn() throws Exception {
    byte[] garbage = new byte[64 * 1024];
    new SplittableRandom(14).nextBytes(garbage);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", server.sshPort()), 10_000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      try {
        out.write("SSH-2.0-garbage\r\n".getBytes());
        out.write(garbage);
        out.flush();
      } catch (java.io.IOException closedWhileWriting) {
        // the server closed the connection first: that is the point
      }
      byte[] buffer = new byte[4096];
      while (in.read(buffer) >= 0) {
        // drain until the server closes
      }
    } catch (java.net.SocketException reset) {
      // a reset is a close too
    }
    try (ClientSession session = login()) {
      assertThat(session.executeRemoteCommand("show version")).contains("Model: flowgate");
    }
  }

  @Test
  void aFloodOfUnauthenticatedConnectionsDoesNotStarveALoggedInUser() throws Exception {
    try (ClientSession session = login()) {
      List<Socket> flood = new ArrayList<>();
      try {
        for (int i = 0; i < 200; i++) {
          Socket socket = new Socket();
          socket.connect(new InetSocketAddress("127.0.0.1", server.sshPort()), 10_000);
          socket.getOutputStream().write("SSH-2.0-flood\r\n".getBytes());
          flood.add(socket);
        }
        for (int i = 0; i < 5; i++) {
          assertThat(session.executeRemoteCommand("show security flow session summary"))
              .contains("Unicast-sessions: 20000");
        }
      } finally {
        for (Socket socket : flood) {
          socket.close();
        }
      }
    }
    // once the flood is gone, new logins from the same source work again
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      try (ClientSession again = login()) {
        assertThat(again.executeRemoteCommand("show version")).contains("flowgate");
        break;
      } catch (Exception refused) {
        if (System.nanoTime() > deadline) {
          throw refused;
        }
      }
    }
  }

  @Test
  void aClientThatLeavesInTheMiddleOfALongReplyFreesItsCommand() throws Exception {
    try (ClientSession session = login()) {
      ChannelExec exec = session.createExecChannel("show security flow session");
      exec.open().verify(Duration.ofSeconds(30));
      InputStream in = exec.getInvertedOut();
      byte[] some = in.readNBytes(16 * 1024);
      assertThat(new String(some)).contains("Session ID:");
      session.close(true);
    }
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (server.activeSshCommands() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(0, 100_000); // yield briefly while polling a deadline
    }
    assertThat(server.activeSshCommands()).isZero();
  }
}
