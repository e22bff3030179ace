package org.flowgate.mgmt.log;

import static org.flowgate.testkit.PacketBuilder.ACK;
import static org.flowgate.testkit.PacketBuilder.FIN;
import static org.flowgate.testkit.PacketBuilder.RST;
import static org.flowgate.testkit.PacketBuilder.SYN;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.log.SessionLogRecorder;
import org.flowgate.testkit.DnsMessages;
import org.flowgate.testkit.PacketBuilder;

/**
 * One capture with a session of each way to end, replayed through the factory-default engine (host
 * {@code flowgate}, zone {@code trust}, clients on ge-0/0/1.0, servers behind ge-0/0/0.0, default
 * policy permit-all). Starts 2026-01-01T00:00:00Z; the replay runs to +200 s so every session has
 * closed.
 *
 * <pre>
 *  t (s)   session                                  ends
 *  0       TCP 192.168.1.10:40000 → 198.51.100.20:80 FIN exchange at 3 s → closes at 5 s (2 s left)
 *  1       UDP 192.168.1.11:5000 → 198.51.100.21:9999 one packet → idle Timeout at 61 s
 *  2       DNS 192.168.1.12:33333 → 198.51.100.53:53 reply at 2.5 s → response received at 6.5 s
 *  10      ICMP echo id 7 seq 1 → 198.51.100.30      reply at 10.2 s → response received at 14.2 s
 *  20      TCP 192.168.1.14:40001 → 198.51.100.20:443 RST from server at 21 s → TCP RST at 23 s
 * </pre>
 */
final class SessionLogCaptures {
  static final long T0 = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond() * 1_000_000_000L;
  static final long SECOND = 1_000_000_000L;
  static final long MS = 1_000_000L;

  private SessionLogCaptures() {}

  static Path everyEnding(Path dir) throws IOException {
    Path file = dir.resolve("every-ending.pcap");
    try (PcapWriter w = PcapWriter.open(file, LinkType.ETHERNET, true, ByteOrder.LITTLE_ENDIAN)) {
      String c1 = "192.168.1.10";
      String web = "198.51.100.20";
      w.write(T0, PacketBuilder.ipv4(c1, web).tcp(40000, 80, SYN, 1000, 0).ethernet());
      w.write(
          T0 + 100 * MS,
          PacketBuilder.ipv4(web, c1).tcp(80, 40000, SYN | ACK, 5000, 1001).ethernet());
      w.write(
          T0 + 200 * MS, PacketBuilder.ipv4(c1, web).tcp(40000, 80, ACK, 1001, 5001).ethernet());
      w.write(
          T0 + 300 * MS,
          PacketBuilder.ipv4(c1, web)
              .tcp(40000, 80, ACK, 1001, 5001)
              .payloadLength(100)
              .ethernet());
      w.write(
          T0 + 400 * MS,
          PacketBuilder.ipv4(web, c1)
              .tcp(80, 40000, ACK, 5001, 1101)
              .payloadLength(500)
              .ethernet());
      w.write(
          T0 + SECOND,
          PacketBuilder.ipv4("192.168.1.11", "198.51.100.21")
              .udp(5000, 9999)
              .payloadLength(20)
              .ethernet());
      w.write(
          T0 + 2 * SECOND,
          PacketBuilder.ipv4("192.168.1.12", "198.51.100.53")
              .udp(33333, 53)
              .payload(DnsMessages.query(30))
              .ethernet());
      w.write(
          T0 + 2500 * MS,
          PacketBuilder.ipv4("198.51.100.53", "192.168.1.12")
              .udp(53, 33333)
              .payload(DnsMessages.response(90))
              .ethernet());
      w.write(
          T0 + 3 * SECOND,
          PacketBuilder.ipv4(c1, web).tcp(40000, 80, FIN | ACK, 1101, 5501).ethernet());
      w.write(
          T0 + 3100 * MS,
          PacketBuilder.ipv4(web, c1).tcp(80, 40000, FIN | ACK, 5501, 1102).ethernet());
      w.write(
          T0 + 3200 * MS, PacketBuilder.ipv4(c1, web).tcp(40000, 80, ACK, 1102, 5502).ethernet());
      w.write(
          T0 + 10 * SECOND,
          PacketBuilder.ipv4("192.168.1.13", "198.51.100.30").icmpEcho(true, 7, 1).ethernet());
      w.write(
          T0 + 10200 * MS,
          PacketBuilder.ipv4("198.51.100.30", "192.168.1.13").icmpEcho(false, 7, 1).ethernet());
      w.write(
          T0 + 20 * SECOND,
          PacketBuilder.ipv4("192.168.1.14", web).tcp(40001, 443, SYN, 7000, 0).ethernet());
      w.write(
          T0 + 20100 * MS,
          PacketBuilder.ipv4(web, "192.168.1.14")
              .tcp(443, 40001, SYN | ACK, 9000, 7001)
              .ethernet());
      w.write(
          T0 + 21 * SECOND,
          PacketBuilder.ipv4(web, "192.168.1.14").tcp(443, 40001, RST, 9001, 0).ethernet());
    }
    return file;
  }

  /** Replays the capture to +200 s through an engine whose SPUs record into {@code recorder}. */
  static void replay(FlowEngine engine, Path capture) {
    engine.replay(List.of(capture), 200 * SECOND);
  }

  static SessionLogRecorder recorder(int spus) {
    return new SessionLogRecorder(spus, 1024);
  }
}
