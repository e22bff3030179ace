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
import org.flowgate.dataplane.packet.PacketBuilder;

/**
 * The capture the demo replays, built packet by packet: clients on 192.168.1.0/24 (behind
 * ge-0/0/1.0 in the factory default) talking to servers out on the internet.
 *
 * <pre>
 *  t (s)  client            server              what
 *   0.0   192.168.1.10      93.184.216.34:80    HTTP GET, answered, closed with FIN
 *   1.0   192.168.1.11      192.0.2.53:53       DNS query and response (closes on response)
 *   2.0   192.168.1.12      198.51.100.80:22    SSH, still open at the end
 *   3.0   192.168.1.10      203.0.113.9         ICMP echo request and reply
 *   4.0   192.168.1.13      203.0.113.25:443    TLS, open
 *   5.0   192.168.1.14      203.0.113.99:8080   SYN answered by RST
 *   6.0   2001:db8:1::10    2001:db8:ffff::80   HTTP over IPv6, open
 *   7.0   192.168.1.15      198.51.100.123:123  NTP request, never answered
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
    try (PcapWriter writer = PcapWriter.open(file, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
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
    tcpConversation(0.0, "192.168.1.10", 49_152, "93.184.216.34", 80,
        "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n", 1_200, true);
    add(1.0, PacketBuilder.ipv4("192.168.1.11", "192.0.2.53").udp(53_001, 53).payloadLength(36).ethernet());
    add(1.02, PacketBuilder.ipv4("192.0.2.53", "192.168.1.11").udp(53, 53_001).payloadLength(68).ethernet());
    tcpConversation(2.0, "192.168.1.12", 50_022, "198.51.100.80", 22, "SSH-2.0-OpenSSH_9.2\r\n", 600, false);
    add(3.0, PacketBuilder.ipv4("192.168.1.10", "203.0.113.9").icmpEcho(true, 0x1a2b, 1).payloadLength(56).ethernet());
    add(3.01, PacketBuilder.ipv4("203.0.113.9", "192.168.1.10").icmpEcho(false, 0x1a2b, 1).payloadLength(56).ethernet());
    tcpConversation(4.0, "192.168.1.13", 51_443, "203.0.113.25", 443, "\u0016\u0003\u0001 client hello", 3_000, false);
    add(5.0, PacketBuilder.ipv4("192.168.1.14", "203.0.113.99").tcp(52_000, 8080, PacketBuilder.SYN, 7_000, 0).ethernet());
    add(5.01, PacketBuilder.ipv4("203.0.113.99", "192.168.1.14")
        .tcp(8080, 52_000, PacketBuilder.RST | PacketBuilder.ACK, 0, 7_001).ethernet());
    tcpConversation6(6.0);
    add(7.0, PacketBuilder.ipv4("192.168.1.15", "198.51.100.123").udp(40_123, 123).payloadLength(48).ethernet());
    add(40.0, PacketBuilder.ipv4("192.168.1.12", "198.51.100.80")
        .tcp(50_022, 22, PacketBuilder.ACK | PacketBuilder.PSH, 1_000_022, 5_000_601).payloadLength(64).ethernet());
  }

  private void tcpConversation(double at, String client, int clientPort, String server, int serverPort,
      String request, int responseBytes, boolean close) {
    long c = 1_000_000;
    long s = 5_000_000;
    byte[] ask = request.getBytes(StandardCharsets.ISO_8859_1);
    add(at, PacketBuilder.ipv4(client, server).tcp(clientPort, serverPort, PacketBuilder.SYN, c, 0).ethernet());
    add(at + 0.010, PacketBuilder.ipv4(server, client)
        .tcp(serverPort, clientPort, PacketBuilder.SYN | PacketBuilder.ACK, s, c + 1).ethernet());
    add(at + 0.011, PacketBuilder.ipv4(client, server)
        .tcp(clientPort, serverPort, PacketBuilder.ACK, c + 1, s + 1).ethernet());
    add(at + 0.012, PacketBuilder.ipv4(client, server)
        .tcp(clientPort, serverPort, PacketBuilder.ACK | PacketBuilder.PSH, c + 1, s + 1).payload(ask).ethernet());
    add(at + 0.030, PacketBuilder.ipv4(server, client)
        .tcp(serverPort, clientPort, PacketBuilder.ACK | PacketBuilder.PSH, s + 1, c + 1 + ask.length)
        .payloadLength(responseBytes).ethernet());
    long clientNext = c + 1 + ask.length;
    long serverNext = s + 1 + responseBytes;
    add(at + 0.031, PacketBuilder.ipv4(client, server)
        .tcp(clientPort, serverPort, PacketBuilder.ACK, clientNext, serverNext).ethernet());
    if (close) {
      add(at + 0.040, PacketBuilder.ipv4(client, server)
          .tcp(clientPort, serverPort, PacketBuilder.FIN | PacketBuilder.ACK, clientNext, serverNext).ethernet());
      add(at + 0.050, PacketBuilder.ipv4(server, client)
          .tcp(serverPort, clientPort, PacketBuilder.FIN | PacketBuilder.ACK, serverNext, clientNext + 1).ethernet());
      add(at + 0.051, PacketBuilder.ipv4(client, server)
          .tcp(clientPort, serverPort, PacketBuilder.ACK, clientNext + 1, serverNext + 1).ethernet());
    }
  }

  private void tcpConversation6(double at) {
    String client = "2001:db8:1::10";
    String server = "2001:db8:ffff::80";
    add(at, PacketBuilder.ipv6(client, server).tcp(53_080, 80, PacketBuilder.SYN, 100, 0).ethernet());
    add(at + 0.02, PacketBuilder.ipv6(server, client)
        .tcp(80, 53_080, PacketBuilder.SYN | PacketBuilder.ACK, 900, 101).ethernet());
    add(at + 0.021, PacketBuilder.ipv6(client, server).tcp(53_080, 80, PacketBuilder.ACK, 101, 901).ethernet());
  }
}
