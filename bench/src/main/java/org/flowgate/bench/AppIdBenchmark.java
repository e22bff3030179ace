package org.flowgate.bench;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flowgate.dataplane.appid.AppIdSettings;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.ApplicationInspector;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.net.IpProtocol;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.packet.PacketParser;
import org.flowgate.testkit.PacketBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link ApplicationInspector} alone, as an SPU drives it: one operation is one whole session —
 * {@code begin}, {@code inspect} for each of its packets until the verdict, {@code end}. The
 * packets are built and decoded once in setup; the loop hands the inspector their payload offsets,
 * so this measures identification, not frame decoding ({@link ParseBenchmark}).
 *
 * <pre>
 *  tls:   SYN, SYN/ACK, ACK, ClientHello (SNI www.youtube.com, ALPN h2), ServerHello   junos:SSL
 *  http:  SYN, SYN/ACK, ACK, GET with Host: www.google.com, HTTP/1.1 200                junos:HTTP
 *  dns:   one query to port 53                                                         junos:DNS
 *  quic:  one RFC 9001 client Initial (decrypted), one server long-header packet        junos:QUIC
 *  mix:   tls, http, dns, dns in turn (the TLS/HTTP/DNS mix)
 * </pre>
 *
 * Sessions go to 4096 different servers with the application system cache off, so every one is
 * inspected. {@code -prof gc}: {@code gc.alloc.rate.norm} is bytes per session; per packet it is
 * that divided by the packets per session (4-5 TCP, 1 DNS).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@State(Scope.Thread)
public class AppIdBenchmark {
  private static final int FLOWS = 4096;

  @Param({"mix", "tls", "http", "dns", "quic"})
  public String traffic;

  /** One packet of a session, decoded in setup. */
  private record Packet(
      int direction, long payloadOffset, int payloadBytes, int flags, long sequence) {}

  /** A session: its endpoints and packets. */
  private record Session(
      int protocol,
      long clientLo,
      int clientPort,
      long serverLo,
      int serverPort,
      Packet[] packets) {}

  private ApplicationInspector inspector;
  private MemorySegment frames;
  private Session[] sessions;
  private int next;
  private long nowNs;

  @Setup(Level.Trial)
  public void setUp() {
    inspector =
        new ApplicationInspector(AppIdSettings.defaults().withApplicationSystemCache(false, 3600));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<byte[]> built = new ArrayList<>();
    List<Session> list = new ArrayList<>();
    String[] kinds =
        switch (traffic) {
          case "mix" -> new String[] {"tls", "http", "dns", "dns"};
          default -> new String[] {traffic};
        };
    PacketDescriptor descriptor = new PacketDescriptor();
    for (int flow = 0; flow < FLOWS; flow++) {
      String kind = kinds[flow % kinds.length];
      String client = "10.0." + (flow >>> 8) + "." + (flow & 0xff);
      String server = "172.16." + (flow >>> 8) + "." + (1 + (flow & 0xfe));
      List<byte[]> packets = frames(kind, client, server, 20_000 + flow);
      List<Packet> decoded = new ArrayList<>();
      long clientLo = 0;
      long serverLo = 0;
      int clientPort = 0;
      int serverPort = 0;
      int protocol = 0;
      for (int i = 0; i < packets.size(); i++) {
        byte[] frame = packets.get(i);
        int base = bytes.size();
        bytes.writeBytes(frame);
        built.add(frame);
        MemorySegment one = MemorySegment.ofArray(frame);
        if (PacketParser.parse(one, 0, frame.length, frame.length, LinkType.ETHERNET, descriptor)
            != null) {
          throw new IllegalStateException("benchmark frame does not decode");
        }
        if (i == 0) {
          clientLo = descriptor.sourceLo;
          serverLo = descriptor.destinationLo;
          clientPort = descriptor.sourcePort;
          serverPort = descriptor.destinationPort;
          protocol = descriptor.protocol;
        }
        int direction = descriptor.sourceLo == clientLo ? 0 : 1;
        decoded.add(
            new Packet(
                direction,
                base + descriptor.payloadOffset,
                descriptor.payloadBytes,
                descriptor.tcpFlags,
                descriptor.tcpSequence));
      }
      list.add(
          new Session(
              protocol,
              clientLo,
              clientPort,
              serverLo,
              serverPort,
              decoded.toArray(Packet[]::new)));
    }
    frames = MemorySegment.ofArray(bytes.toByteArray());
    sessions = list.toArray(Session[]::new);
  }

  /** One session from begin to end; the application goes to the blackhole. */
  @Benchmark
  public void session(Blackhole blackhole) {
    blackhole.consume(runSession());
  }

  /** begin, inspect until the verdict, end; returns a mix of the results. */
  int runSession() {
    Session session = sessions[next];
    next = (next + 1) & (FLOWS - 1);
    nowNs += 1_000;
    int handle =
        inspector.begin(
            nowNs,
            session.protocol,
            false,
            0,
            session.clientLo,
            session.clientPort,
            0,
            session.serverLo,
            session.serverPort);
    int verdict = ApplicationCatalog.PENDING;
    Packet[] packets = session.packets;
    for (int i = 0; i < packets.length && verdict == ApplicationCatalog.PENDING; i++) {
      Packet p = packets[i];
      verdict =
          inspector.inspect(
              handle,
              p.direction,
              frames,
              p.payloadOffset,
              p.payloadBytes,
              session.protocol == IpProtocol.TCP,
              p.flags,
              p.sequence,
              nowNs);
    }
    int nested = inspector.nestedApplication(handle);
    return verdict * 31 + nested + inspector.end(handle);
  }

  /**
   * CPU time per session, for a VM too busy for JMH's wall-clock throughput to mean much: {@code
   * java -cp bench/target/benchmarks.jar org.flowgate.bench.AppIdBenchmark [traffic...]}. Runs each
   * traffic for 3 s of warm-up, then times 2 M sessions with the thread's CPU clock.
   */
  public static void main(String[] args) {
    java.lang.management.ThreadMXBean clock =
        java.lang.management.ManagementFactory.getThreadMXBean();
    String[] traffics = args.length > 0 ? args : new String[] {"mix", "tls", "http", "dns", "quic"};
    for (String traffic : traffics) {
      AppIdBenchmark benchmark = new AppIdBenchmark();
      benchmark.traffic = traffic;
      benchmark.setUp();
      int sink = 0;
      long warmEnd = System.nanoTime() + 3_000_000_000L;
      while (System.nanoTime() < warmEnd) {
        for (int i = 0; i < 10_000; i++) {
          sink += benchmark.runSession();
        }
      }
      int sessions = traffic.equals("quic") ? 100_000 : 2_000_000;
      long start = clock.getCurrentThreadCpuTime();
      for (int i = 0; i < sessions; i++) {
        sink += benchmark.runSession();
      }
      long cpuNs = clock.getCurrentThreadCpuTime() - start;
      System.out.printf(
          "%-5s %8.0f ns CPU per session, %10.0f sessions per CPU-second (sink %d)%n",
          traffic, (double) cpuNs / sessions, sessions * 1e9 / cpuNs, sink & 1);
    }
  }

  // ------------------------------------------------------------------ traffic

  private static List<byte[]> frames(String kind, String client, String server, int clientPort) {
    return switch (kind) {
      case "tls" -> tcp(client, server, clientPort, 443, tlsRecord(clientHello()), serverHello());
      case "http" ->
          tcp(
              client,
              server,
              clientPort,
              80,
              ascii(
                  "GET / HTTP/1.1\r\nHost: www.google.com\r\nUser-Agent: bench\r\nAccept: */*\r\n\r\n"),
              ascii("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
      case "dns" ->
          List.of(
              PacketBuilder.ipv4(client, server)
                  .udp(clientPort, 53)
                  .payload(
                      hex("1a2b01000001000000000000037777770667" + "6f6f676c6503636f6d0000010001"))
                  .ethernet());
      case "quic" ->
          List.of(
              PacketBuilder.ipv4(client, server)
                  .udp(clientPort, 443)
                  .payload(quicInitial())
                  .ethernet(),
              PacketBuilder.ipv4(server, client)
                  .udp(443, clientPort)
                  .payload(hex("c0000000010008f067a5502a4262b5004075" + "00".repeat(40)))
                  .ethernet());
      default -> throw new IllegalArgumentException("traffic is mix, tls, http, dns or quic");
    };
  }

  private static List<byte[]> tcp(
      String client, String server, int clientPort, int serverPort, byte[] request, byte[] answer) {
    long c = 1_000;
    long s = 50_000;
    return List.of(
        PacketBuilder.ipv4(client, server)
            .tcp(clientPort, serverPort, PacketBuilder.SYN, c - 1, 0)
            .ethernet(),
        PacketBuilder.ipv4(server, client)
            .tcp(serverPort, clientPort, PacketBuilder.SYN | PacketBuilder.ACK, s - 1, c)
            .ethernet(),
        PacketBuilder.ipv4(client, server)
            .tcp(clientPort, serverPort, PacketBuilder.ACK, c, s)
            .ethernet(),
        PacketBuilder.ipv4(client, server)
            .tcp(clientPort, serverPort, PacketBuilder.ACK | PacketBuilder.PSH, c, s)
            .payload(request)
            .ethernet(),
        PacketBuilder.ipv4(server, client)
            .tcp(
                serverPort,
                clientPort,
                PacketBuilder.ACK | PacketBuilder.PSH,
                s,
                c + request.length)
            .payload(answer)
            .ethernet());
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] hex(String text) {
    return HexFormat.of().parseHex(text);
  }

  /** A ClientHello of a browser's size: SNI, ALPN, supported_versions, 300 bytes of padding. */
  private static byte[] clientHello() {
    byte[] sni = ascii("www.youtube.com");
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {3, 3});
    body.writeBytes(new byte[32]);
    body.writeBytes(new byte[] {0, 0, 6, 0x13, 1, 0x13, 2, 0x13, 3, 1, 0});
    ByteArrayOutputStream ext = new ByteArrayOutputStream();
    ext.writeBytes(
        new byte[] {
          0, 0, 0, (byte) (sni.length + 5), 0, (byte) (sni.length + 3), 0, 0, (byte) sni.length
        });
    ext.writeBytes(sni);
    ext.writeBytes(new byte[] {0, 16, 0, 5, 0, 3, 2, 'h', '2'});
    ext.writeBytes(new byte[] {0, 43, 0, 3, 2, 3, 4});
    ext.writeBytes(new byte[] {0, 21, 1, 44});
    ext.writeBytes(new byte[300]);
    byte[] e = ext.toByteArray();
    body.write(e.length >>> 8);
    body.write(e.length);
    body.writeBytes(e);
    byte[] b = body.toByteArray();
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    message.writeBytes(new byte[] {1, 0, (byte) (b.length >>> 8), (byte) b.length});
    message.writeBytes(b);
    return message.toByteArray();
  }

  private static byte[] tlsRecord(byte[] fragment) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {22, 3, 1, (byte) (fragment.length >>> 8), (byte) fragment.length});
    out.writeBytes(fragment);
    return out.toByteArray();
  }

  private static byte[] serverHello() {
    // version | random (32) | session id 0 | TLS_AES_128_GCM_SHA256 | compression 0 |
    // extensions (6): supported_versions = TLS 1.3
    byte[] body = new byte[2 + 32 + 1 + 2 + 1 + 2 + 6];
    body[0] = 3;
    body[1] = 3;
    body[35] = 0x13;
    body[36] = 1;
    body[39] = 6;
    body[41] = 43;
    body[43] = 2;
    body[44] = 3;
    body[45] = 4;
    byte[] message = new byte[4 + body.length];
    message[0] = 2;
    message[3] = (byte) body.length;
    System.arraycopy(body, 0, message, 4, body.length);
    return tlsRecord(message);
  }

  /** RFC 9001 Appendix A.2's protected client Initial (1200 bytes). */
  private static byte[] quicInitial() {
    try (var in = AppIdBenchmark.class.getResourceAsStream("/rfc9001-client-initial.hex")) {
      String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      return HexFormat.of().parseHex(text.replaceAll("#[^\\n]*\\n", "").replaceAll("\\s", ""));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * {@code off}: {@code no-application-identification}; {@code on}: the defaults (a session whose
   * packets carry no payload stays {@code Pending}, inspected up to the limits); {@code decided}:
   * the defaults plus a custom application whose address mapping names every session to a server in
   * 172.16.0.0/12 at its first packet, so that the fast path sees only decided sessions.
   */
  static org.flowgate.dataplane.appid.AppIdSettings settings(String appid) {
    return switch (appid) {
      case "on" -> org.flowgate.dataplane.appid.AppIdSettings.defaults();
      case "off" -> org.flowgate.dataplane.appid.AppIdSettings.defaults().withEnabled(false);
      case "decided" ->
          org.flowgate.dataplane.appid.AppIdSettings.defaults()
              .withCustomApplications(
                  java.util.List.of(
                      new org.flowgate.dataplane.appid.CustomApplication(
                          "bench-servers",
                          java.util.List.of(
                              new org.flowgate.dataplane.appid.CustomApplication.AddressMapping(
                                  "bench-servers",
                                  org.flowgate.dataplane.appid.AddressPrefix.parse("172.16.0.0/12"),
                                  null,
                                  java.util.List.of(),
                                  java.util.List.of())),
                          java.util.List.of(),
                          false)));
      default -> throw new IllegalArgumentException("appid is on, off or decided, not " + appid);
    };
  }
}
