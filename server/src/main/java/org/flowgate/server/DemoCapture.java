package org.flowgate.server;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.testkit.DnsMessages;
import org.flowgate.testkit.PacketBuilder;

/**
 * The capture the demo replays through {@code demo/srx-edge.conf}, built packet by packet: an
 * office LAN (trust, ge-0/0/1.0), a server DMZ (dmz, ge-0/0/2.0) and the internet (untrust,
 * ge-0/0/0.0).
 *
 * <pre>
 *  t (s)  from                 to                    what                           policy
 *   0.0   10.0.1.10            93.184.216.34:80      HTTP GET, answered, FIN        office-to-internet
 *   1.0   10.0.1.11            172.16.10.53:53       DNS query and response         office-to-servers
 *   2.0   10.0.1.100           172.16.10.80:22       SSH, still open                admin-ssh
 *   3.0   10.0.1.10            203.0.113.9           ICMP echo and reply            office-to-internet
 *   4.0   10.0.1.13            203.0.113.25:443      TLS, open                      office-to-internet
 *   5.0   10.0.1.12            172.16.10.21:21       FTP control, open              office-to-servers
 *   6.0   203.0.113.66         172.16.10.80:80       HTTP from the internet, open   internet-to-web
 *   8.0   203.0.113.200        172.16.10.80:20-40    a SYN scan: denied, and the    default deny,
 *                                                    telnet SYN rejected            block-telnet
 *  10.0   10.0.1.15            198.51.100.123:123    NTP, not allowed               default deny
 *  40.0   (the capture ends)
 * </pre>
 */
final class DemoCapture {
  static final long START_NS = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z

  private record Frame(long timestampNs, byte[] bytes) {}

  private final List<Frame> frames = new ArrayList<>();

  private DemoCapture() {}

  static Path write(Path file) throws IOException {
    DemoCapture capture = new DemoCapture();
    capture.build();
    capture.frames.sort(Comparator.comparingLong(Frame::timestampNs));
    try (PcapWriter writer =
        PcapWriter.open(file, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      for (Frame frame : capture.frames) {
        writer.write(frame.timestampNs, frame.bytes);
      }
    }
    return file;
  }

  private void add(double seconds, byte[] frame) {
    frames.add(new Frame(START_NS + Math.round(seconds * 1e9), frame));
  }

  private void build() {
    tcpConversation(
        0.0,
        "10.0.1.10",
        49_152,
        "93.184.216.34",
        80,
        "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n",
        1_200,
        true);
    add(
        1.0,
        PacketBuilder.ipv4("10.0.1.11", "172.16.10.53")
            .udp(53_001, 53)
            .payload(DnsMessages.query(36))
            .ethernet());
    add(
        1.02,
        PacketBuilder.ipv4("172.16.10.53", "10.0.1.11")
            .udp(53, 53_001)
            .payload(DnsMessages.response(68))
            .ethernet());
    tcpConversation(
        2.0, "10.0.1.100", 50_022, "172.16.10.80", 22, "SSH-2.0-OpenSSH_9.2\r\n", 600, false);
    add(
        3.0,
        PacketBuilder.ipv4("10.0.1.10", "203.0.113.9")
            .icmpEcho(true, 0x1a2b, 1)
            .payloadLength(56)
            .ethernet());
    add(
        3.01,
        PacketBuilder.ipv4("203.0.113.9", "10.0.1.10")
            .icmpEcho(false, 0x1a2b, 1)
            .payloadLength(56)
            .ethernet());
    tcpConversation(
        4.0,
        "10.0.1.13",
        51_443,
        "203.0.113.25",
        443,
        "\u0016\u0003\u0001 client hello",
        3_000,
        false);
    tcpConversation(5.0, "10.0.1.12", 52_021, "172.16.10.21", 21, "USER anonymous\r\n", 40, false);
    tcpConversation(
        6.0,
        "203.0.113.66",
        61_000,
        "172.16.10.80",
        80,
        "GET /index.html HTTP/1.1\r\n\r\n",
        900,
        false);
    for (int port = 20; port <= 40; port++) {
      add(
          8.0 + port * 0.01,
          PacketBuilder.ipv4("203.0.113.200", "172.16.10.80")
              .tcp(44_444, port, PacketBuilder.SYN, 1_000 + port, 0)
              .ethernet());
    }
    add(
        10.0,
        PacketBuilder.ipv4("10.0.1.15", "198.51.100.123")
            .udp(40_123, 123)
            .payloadLength(48)
            .ethernet());
    add(
        40.0,
        PacketBuilder.ipv4("10.0.1.100", "172.16.10.80")
            .tcp(50_022, 22, PacketBuilder.ACK | PacketBuilder.PSH, 1_000_022, 5_000_601)
            .payloadLength(64)
            .ethernet());
  }

  private void tcpConversation(
      double at,
      String client,
      int clientPort,
      String server,
      int serverPort,
      String request,
      int responseBytes,
      boolean close) {
    long c = 1_000_000;
    long s = 5_000_000;
    byte[] ask = request.getBytes(StandardCharsets.ISO_8859_1);
    add(
        at,
        PacketBuilder.ipv4(client, server)
            .tcp(clientPort, serverPort, PacketBuilder.SYN, c, 0)
            .ethernet());
    add(
        at + 0.010,
        PacketBuilder.ipv4(server, client)
            .tcp(serverPort, clientPort, PacketBuilder.SYN | PacketBuilder.ACK, s, c + 1)
            .ethernet());
    add(
        at + 0.011,
        PacketBuilder.ipv4(client, server)
            .tcp(clientPort, serverPort, PacketBuilder.ACK, c + 1, s + 1)
            .ethernet());
    add(
        at + 0.012,
        PacketBuilder.ipv4(client, server)
            .tcp(clientPort, serverPort, PacketBuilder.ACK | PacketBuilder.PSH, c + 1, s + 1)
            .payload(ask)
            .ethernet());
    add(
        at + 0.030,
        PacketBuilder.ipv4(server, client)
            .tcp(
                serverPort,
                clientPort,
                PacketBuilder.ACK | PacketBuilder.PSH,
                s + 1,
                c + 1 + ask.length)
            .payloadLength(responseBytes)
            .ethernet());
    long clientNext = c + 1 + ask.length;
    long serverNext = s + 1 + responseBytes;
    add(
        at + 0.031,
        PacketBuilder.ipv4(client, server)
            .tcp(clientPort, serverPort, PacketBuilder.ACK, clientNext, serverNext)
            .ethernet());
    if (close) {
      add(
          at + 0.040,
          PacketBuilder.ipv4(client, server)
              .tcp(
                  clientPort,
                  serverPort,
                  PacketBuilder.FIN | PacketBuilder.ACK,
                  clientNext,
                  serverNext)
              .ethernet());
      add(
          at + 0.050,
          PacketBuilder.ipv4(server, client)
              .tcp(
                  serverPort,
                  clientPort,
                  PacketBuilder.FIN | PacketBuilder.ACK,
                  serverNext,
                  clientNext + 1)
              .ethernet());
      add(
          at + 0.051,
          PacketBuilder.ipv4(client, server)
              .tcp(clientPort, serverPort, PacketBuilder.ACK, clientNext + 1, serverNext + 1)
              .ethernet());
    }
  }
}
