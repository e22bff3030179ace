package org.flowgate.bench;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.testkit.DnsMessages;
import org.flowgate.testkit.PacketBuilder;
import org.flowgate.testkit.TlsMessages;

/**
 * Many short sessions with payloads, the TLS/HTTP/DNS mix, generated from a fixed seed: the
 * same bytes on every run and every machine.
 *
 * <pre>
 *  session kind (by the seed)  packets
 *  TLS  4 in 10   port 443     SYN, SYN/ACK, ACK, ClientHello (SNI, ALPN h2), ServerHello,
 *                              FIN/ACK, FIN/ACK, ACK                               junos:SSL
 *  HTTP 3 in 10   port 80      SYN, SYN/ACK, ACK, GET with Host, 200 OK, FIN/ACK, FIN/ACK, ACK
 *                                                                                  junos:HTTP
 *  DNS  3 in 10   port 53      query, answer (testkit DnsMessages)                 junos:DNS
 * </pre>
 *
 * Clients are 10.64.1.0 + i (10.64.0.0/10) with ports 1024-65535, servers one of {@value #SERVERS}
 * addresses in 172.16.0.0/16 (each session picks one), names one of sixteen (some nested
 * applications, some not). With the application system cache looked up, every TLS or HTTP session
 * to a server seen before is named at its SYN; DNS is decided by its query alone and never cached.
 * Session {@code i}'s packets are consecutive; each session's 5-tuple is its own.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.flowgate.bench.AppIdMix OUT.pcap [SESSIONS]
 * </pre>
 *
 * writes the capture ({@code flowgate replay OUT.pcap}; {@code ndpiReader -i OUT.pcap}), packets 10
 * µs apart.
 */
public final class AppIdMix {
  static final long SEED = 0x5EED_0012L;
  static final int SERVERS = 1024;
  static final long NS_PER_PACKET = 10_000;

  private static final String[] NAMES = {
    "www.google.com", "www.youtube.com", "www.facebook.com", "www.netflix.com",
    "www.example.org", "www.example.net", "intranet.example.com", "api.github.com",
    "www.wikipedia.org", "mail.google.com", "www.bing.com", "cdn.example.net",
    "www.amazon.com", "static.example.org", "www.linkedin.com", "login.example.com"
  };

  /** The frames of the mix, one after the other, and where each session's start. */
  record Frames(MemorySegment bytes, long[] offset, int[] length, int[] firstPacket, int[] kind) {
    int sessions() {
      return firstPacket.length - 1;
    }

    int packets() {
      return offset.length;
    }
  }

  static final int TLS = 0;
  static final int HTTP = 1;
  static final int DNS = 2;

  private AppIdMix() {}

  /** The frames of {@code sessions} sessions, in an off-heap segment of {@code arena}. */
  static Frames build(Arena arena, int sessions) {
    int[] first = new int[sessions + 1];
    int[] kind = new int[sessions];
    List<byte[]> frames = frames(sessions, first, kind);
    long total = 0;
    for (byte[] f : frames) {
      total += f.length;
    }
    MemorySegment bytes = arena.allocate(Math.max(1, total), 64);
    long[] offset = new long[frames.size()];
    int[] length = new int[frames.size()];
    long at = 0;
    for (int i = 0; i < frames.size(); i++) {
      byte[] f = frames.get(i);
      MemorySegment.copy(MemorySegment.ofArray(f), 0, bytes, at, f.length);
      offset[i] = at;
      length[i] = f.length;
      at += f.length;
    }
    return new Frames(bytes, offset, length, first, kind);
  }

  /** Every frame in order; fills {@code first} (session → first frame, last = count) and kinds. */
  private static List<byte[]> frames(int sessions, int[] first, int[] kind) {
    SplittableRandom random = new SplittableRandom(SEED);
    List<byte[]> out = new ArrayList<>(sessions * 8);
    for (int s = 0; s < sessions; s++) {
      first[s] = out.size();
      int roll = random.nextInt(10);
      kind[s] = roll < 4 ? TLS : roll < 7 ? HTTP : DNS;
      int server = random.nextInt(SERVERS);
      String serverAddress = "172.16." + (server >>> 8) + "." + (1 + (server & 0xff) % 254);
      // a client address of its own per session: 10.64.1.0 + s, so 5-tuples never repeat (and
      // 10.64.0.1, a firewall's address in the replay script's configuration, is never one)
      int c = 0x0a40_0100 + s;
      String client =
          (c >>> 24) + "." + (c >>> 16 & 0xff) + "." + (c >>> 8 & 0xff) + "." + (c & 0xff);
      int clientPort = 1024 + random.nextInt(64_512);
      String name = NAMES[server % NAMES.length];
      switch (kind[s]) {
        case TLS ->
            tcp(
                out,
                client,
                clientPort,
                serverAddress,
                443,
                TlsMessages.clientHello(name, "h2"),
                TlsMessages.serverHello());
        case HTTP ->
            tcp(
                out,
                client,
                clientPort,
                serverAddress,
                80,
                ("GET / HTTP/1.1\r\nHost: " + name + "\r\nAccept: */*\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII),
                "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        default -> {
          out.add(
              PacketBuilder.ipv4(client, serverAddress)
                  .udp(clientPort, 53)
                  .payload(DnsMessages.query())
                  .ethernet());
          out.add(
              PacketBuilder.ipv4(serverAddress, client)
                  .udp(53, clientPort)
                  .payload(DnsMessages.response())
                  .ethernet());
        }
      }
    }
    first[sessions] = out.size();
    return out;
  }

  private static void tcp(
      List<byte[]> out,
      String client,
      int clientPort,
      String server,
      int serverPort,
      byte[] request,
      byte[] response) {
    long c = 1_000;
    long s = 70_000;
    out.add(
        PacketBuilder.ipv4(client, server)
            .tcp(clientPort, serverPort, PacketBuilder.SYN, c++, 0)
            .ethernet());
    out.add(
        PacketBuilder.ipv4(server, client)
            .tcp(serverPort, clientPort, PacketBuilder.SYN | PacketBuilder.ACK, s++, c)
            .ethernet());
    out.add(
        PacketBuilder.ipv4(client, server)
            .tcp(clientPort, serverPort, PacketBuilder.ACK, c, s)
            .ethernet());
    out.add(
        PacketBuilder.ipv4(client, server)
            .tcp(clientPort, serverPort, PacketBuilder.ACK | PacketBuilder.PSH, c, s)
            .payload(request)
            .ethernet());
    c += request.length;
    out.add(
        PacketBuilder.ipv4(server, client)
            .tcp(serverPort, clientPort, PacketBuilder.ACK | PacketBuilder.PSH, s, c)
            .payload(response)
            .ethernet());
    s += response.length;
    out.add(
        PacketBuilder.ipv4(client, server)
            .tcp(clientPort, serverPort, PacketBuilder.ACK | PacketBuilder.FIN, c++, s)
            .ethernet());
    out.add(
        PacketBuilder.ipv4(server, client)
            .tcp(serverPort, clientPort, PacketBuilder.ACK | PacketBuilder.FIN, s++, c)
            .ethernet());
    out.add(
        PacketBuilder.ipv4(client, server)
            .tcp(clientPort, serverPort, PacketBuilder.ACK, c, s)
            .ethernet());
  }

  /** Writes the mix as a pcap: {@code AppIdMix OUT.pcap [SESSIONS]} (default 65 536). */
  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: AppIdMix OUT.pcap [SESSIONS]");
      System.exit(2);
    }
    int sessions = args.length == 2 ? Integer.parseInt(args[1]) : 65_536;
    List<byte[]> frames = frames(sessions, new int[sessions + 1], new int[sessions]);
    long t = 1_767_225_600_000_000_000L;
    try (PcapWriter writer =
        PcapWriter.open(Path.of(args[0]), LinkType.ETHERNET, true, ByteOrder.LITTLE_ENDIAN)) {
      for (byte[] frame : frames) {
        writer.write(t += NS_PER_PACKET, frame);
      }
    }
    System.out.printf("%d sessions, %d packets: %s%n", sessions, frames.size(), args[0]);
  }
}
