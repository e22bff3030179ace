package org.flowgate.dataplane.appid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowgate.dataplane.appid.Payloads.ascii;
import static org.flowgate.dataplane.appid.Payloads.clientHello;
import static org.flowgate.dataplane.appid.Payloads.hex;
import static org.flowgate.dataplane.appid.Payloads.record;
import static org.flowgate.dataplane.appid.Payloads.serverHello;
import static org.flowgate.dataplane.appid.Payloads.slice;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.dataplane.control.ApplicationCacheEntries;
import org.flowgate.dataplane.control.ApplicationStatistics;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.control.SessionFilter;
import org.flowgate.dataplane.control.SessionQuery;
import org.flowgate.dataplane.control.SessionSnapshot;
import org.flowgate.dataplane.policy.PolicyAction;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.runtime.RuntimeConfigBuilder;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Identification through the whole engine (first path, fast path, close): a capture of our own,
 * written with {@link PcapWriter} and replayed, each session with its own server unless a test
 * reuses one on purpose, and every result known exactly.
 */
class EngineIdentificationTest {
  private static final long T0 = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z
  private static final long MS = 1_000_000L;

  @TempDir Path dir;

  private final List<long[]> times = new ArrayList<>();
  private final List<byte[]> frames = new ArrayList<>();
  private long clock = T0;

  private static RuntimeConfig config(AppIdSettings appId) {
    return new RuntimeConfigBuilder()
        .zone("trust")
        .zone("untrust")
        .interfaceIn("trust", "ge-0/0/1.0", "10.0.0.1/16")
        .interfaceIn("untrust", "ge-0/0/0.0", "203.0.113.1/24")
        .staticRoute("0.0.0.0/0", "203.0.113.254")
        .policy("out", "trust", "untrust", List.of(), List.of(), List.of(), PolicyAction.PERMIT)
        .applicationIdentification(appId)
        .build();
  }

  /** A TCP session's packets, written in order; {@code client} and {@code server} add segments. */
  private final class Tcp {
    final String client;
    final String server;
    final int clientPort;
    final int serverPort;
    long clientSequence = 1_000;
    long serverSequence = 90_000;

    Tcp(String client, int clientPort, String server, int serverPort) {
      this.client = client;
      this.server = server;
      this.clientPort = clientPort;
      this.serverPort = serverPort;
    }

    Tcp syn() {
      add(
          PacketBuilder.ipv4(client, server)
              .tcp(clientPort, serverPort, PacketBuilder.SYN, clientSequence++, 0)
              .ethernet());
      return this;
    }

    Tcp handshake() {
      syn();
      add(
          PacketBuilder.ipv4(server, client)
              .tcp(
                  serverPort,
                  clientPort,
                  PacketBuilder.SYN | PacketBuilder.ACK,
                  serverSequence++,
                  clientSequence)
              .ethernet());
      add(
          PacketBuilder.ipv4(client, server)
              .tcp(clientPort, serverPort, PacketBuilder.ACK, clientSequence, serverSequence)
              .ethernet());
      return this;
    }

    Tcp client(byte[] payload) {
      add(
          PacketBuilder.ipv4(client, server)
              .tcp(
                  clientPort,
                  serverPort,
                  PacketBuilder.ACK | PacketBuilder.PSH,
                  clientSequence,
                  serverSequence)
              .payload(payload)
              .ethernet());
      clientSequence += payload.length;
      return this;
    }

    Tcp server(byte[] payload) {
      add(
          PacketBuilder.ipv4(server, client)
              .tcp(
                  serverPort,
                  clientPort,
                  PacketBuilder.ACK | PacketBuilder.PSH,
                  serverSequence,
                  clientSequence)
              .payload(payload)
              .ethernet());
      serverSequence += payload.length;
      return this;
    }
  }

  private void add(byte[] frame) {
    clock += MS;
    times.add(new long[] {clock});
    frames.add(frame);
  }

  private void udp(String client, int clientPort, String server, int serverPort, byte[] payload) {
    add(PacketBuilder.ipv4(client, server).udp(clientPort, serverPort).payload(payload).ethernet());
  }

  private Path capture() throws IOException {
    Path file = dir.resolve("appid-" + frames.size() + ".pcap");
    try (PcapWriter writer =
        PcapWriter.open(file, LinkType.ETHERNET, true, ByteOrder.LITTLE_ENDIAN)) {
      for (int i = 0; i < frames.size(); i++) {
        writer.write(times.get(i)[0], frames.get(i));
      }
    }
    return file;
  }

  /** Every live session by its server address and port. */
  private static Map<String, SessionSnapshot> byServer(FlowEngine engine, SessionFilter filter) {
    Map<String, SessionSnapshot> sessions = new TreeMap<>();
    for (List<SessionSnapshot> spu : engine.sessions(filter)) {
      for (SessionSnapshot s : spu) {
        String key =
            s.forward().destinationAddress()
                + ":"
                + s.forward().destinationPort()
                + "/"
                + s.forward().sourcePort();
        sessions.put(key, s);
      }
    }
    return sessions;
  }

  private static byte[] httpGet(String host) {
    return ascii("GET / HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: test\r\n\r\n");
  }

  private static final byte[] HTTP_OK =
      ascii("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok");

  private static final byte[] DNS_QUERY =
      hex("1a2b 0100 0001 0000 0000 0000 03777777 076578616d706c65 03636f6d 00 0001 0001");
  private static final byte[] DNS_RESPONSE =
      hex(
          "1a2b 8180 0001 0001 0000 0000 03777777 076578616d706c65 03636f6d 00 0001 0001"
              + " c00c 0001 0001 0000 0e10 0004 c0000201");

  @Test
  void eachSessionShowsWhatItsPacketsCarryInBothDirections() throws IOException {
    new Tcp("10.0.1.1", 40001, "198.51.100.1", 80)
        .handshake()
        .client(httpGet("www.google.com"))
        .server(HTTP_OK);
    byte[] hello = record(22, clientHello("mail.google.com", "h2", 0));
    new Tcp("10.0.1.2", 40002, "198.51.100.2", 443)
        .handshake()
        .client(slice(hello, 0, 60)) // the ClientHello split over two segments
        .client(slice(hello, 60, hello.length))
        .server(serverHello());
    udp("10.0.1.3", 40003, "198.51.100.3", 53, DNS_QUERY);
    udp("198.51.100.3", 53, "10.0.1.3", 40003, DNS_RESPONSE);
    new Tcp("10.0.1.4", 40004, "198.51.100.4", 80).handshake().client(httpGet("example.com"));
    Tcp garbage = new Tcp("10.0.1.5", 40005, "198.51.100.5", 80).handshake();
    for (int i = 0; i < 12; i++) {
      garbage.client(hex("00 ff 13 37 de ad be ef".repeat(8))).server(hex("7f 00 01 02".repeat(9)));
    }
    add(PacketBuilder.ipv4("10.0.1.6", "198.51.100.6").icmpEcho(true, 7, 1).ethernet());

    try (FlowEngine engine = new FlowEngine(config(AppIdSettings.defaults()), 1)) {
      engine.replay(List.of(capture()), -1);
      Map<String, SessionSnapshot> sessions = byServer(engine, SessionFilter.ALL);
      assertThat(sessions).hasSize(6);

      SessionSnapshot http = sessions.get("198.51.100.1:80/40001");
      assertThat(http.dynamicApplication()).isEqualTo("junos:HTTP");
      assertThat(http.nestedApplication()).isEqualTo("junos:GOOGLE");
      assertThat(http.encryption()).isEqualTo("No");
      assertThat(http.applicationIdentified()).isTrue();

      SessionSnapshot tls = sessions.get("198.51.100.2:443/40002");
      assertThat(tls.dynamicApplication()).isEqualTo("junos:SSL");
      assertThat(tls.nestedApplication())
          .as("the longest domain of the host table wins")
          .isEqualTo("junos:GMAIL");
      assertThat(tls.encryption()).isEqualTo("Yes");

      assertThat(sessions.get("198.51.100.3:53/40003").dynamicApplication()).isEqualTo("junos:DNS");

      SessionSnapshot waiting = sessions.get("198.51.100.4:80/40004");
      assertThat(waiting.dynamicApplication())
          .as("a request the server has not answered yet")
          .isEqualTo("Pending");
      assertThat(waiting.encryption()).isEqualTo("Unknown");
      assertThat(waiting.applicationIdentified()).isFalse();

      assertThat(sessions.get("198.51.100.5:80/40005").dynamicApplication())
          .as("garbage on port 80 both ways is not named by its port")
          .isEqualTo("junos:UNKNOWN");

      assertThat(
              sessions.entrySet().stream()
                  .filter(e -> e.getKey().startsWith("198.51.100.6:"))
                  .findFirst()
                  .orElseThrow()
                  .getValue()
                  .dynamicApplication())
          .as("named by its IP protocol on its first packet")
          .isEqualTo("junos:ICMP");

      SessionQuery.Builder query = new SessionQuery.Builder();
      query.dynamicApplication = "JUNOS:http"; // any case, as the CLI accepts it
      assertThat(byServer(engine, query.build().toFilter()))
          .containsOnlyKeys("198.51.100.1:80/40001");
    }
  }

  /** Leaves {@code ns} of capture time before the next packet. */
  private void pause(long ns) {
    clock += ns;
  }

  private static final AppIdSettings CACHE_FOR_SECURITY_SERVICES =
      AppIdSettings.defaults().withCacheUse(AppIdSettings.CacheUse.ALL);

  @Test
  void theCacheNamesALaterSessionToTheSameServerOnItsFirstPacket() throws IOException {
    new Tcp("10.0.2.1", 41001, "198.51.100.20", 8080)
        .handshake()
        .client(httpGet("example.com"))
        .server(HTTP_OK);
    pause(1_000 * MS); // past the next cache round (ADR 0041)
    new Tcp("10.0.2.2", 41002, "198.51.100.20", 8080).syn();

    try (FlowEngine engine = new FlowEngine(config(CACHE_FOR_SECURITY_SERVICES), 1)) {
      engine.replay(List.of(capture()), -1);
      SessionSnapshot later = byServer(engine, SessionFilter.ALL).get("198.51.100.20:8080/41002");
      assertThat(later.forward().packets()).isEqualTo(1);
      assertThat(later.dynamicApplication()).isEqualTo("junos:HTTP");

      List<ApplicationCacheEntries.Entry> entries =
          engine.applicationSystemCache().getFirst().entries();
      assertThat(entries)
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.address()).hasToString("198.51.100.20");
                assertThat(e.port()).isEqualTo(8080);
                assertThat(e.application()).isEqualTo("HTTP");
                assertThat(e.classificationPath()).isEqualTo("IP:TCP:HTTP");
                assertThat(e.remainingSeconds()).isEqualTo(3600 - 1);
              });
      assertThat(engine.applicationSystemCache().getFirst().hits()).isEqualTo(1);
      assertThat(engine.clearApplicationSystemCache()).isEqualTo(1);
      assertThat(engine.applicationSystemCache().getFirst().entries()).isEmpty();
    }

    AppIdSettings noCache = CACHE_FOR_SECURITY_SERVICES.withApplicationSystemCache(false, 3600);
    try (FlowEngine engine = new FlowEngine(config(noCache), 1)) {
      engine.replay(List.of(capture()), -1);
      assertThat(
              byServer(engine, SessionFilter.ALL)
                  .get("198.51.100.20:8080/41002")
                  .dynamicApplication())
          .as("no-application-system-cache")
          .isEqualTo("Pending");
    }

    // Junos's default: the cache keeps the entry, but security services do not look it up
    try (FlowEngine engine = new FlowEngine(config(AppIdSettings.defaults()), 1)) {
      engine.replay(List.of(capture()), -1);
      assertThat(
              byServer(engine, SessionFilter.ALL)
                  .get("198.51.100.20:8080/41002")
                  .dynamicApplication())
          .as("without application-system-cache security-services")
          .isEqualTo("Pending");
      ApplicationCacheEntries cache = engine.applicationSystemCache().getFirst();
      assertThat(cache.entries()).hasSize(1);
      assertThat(cache.securityServices()).isFalse();
      assertThat(cache.hits() + cache.misses()).isZero();
    }
  }

  /**
   * The device's cache: an identification on one SPU names a later session to the same server on
   * any SPU at its first packet, the same with one SPU as with four (ADR 0041). Two TLS sessions to
   * one server, a second apart: the first is identified by its ClientHello and ServerHello, the
   * second at its SYN by the cache; each client's port puts its session where the flow hash says.
   */
  @Test
  void theDevicesCacheNamesTheSecondTlsSessionAtItsFirstPacketWhateverTheSpus() throws IOException {
    new Tcp("10.0.4.1", 43001, "198.51.100.40", 443)
        .handshake()
        .client(record(22, clientHello("www.example.net", "h2", 0)))
        .server(serverHello());
    pause(1_000 * MS);
    new Tcp("10.0.4.2", 43002, "198.51.100.40", 443).syn();
    Path capture = capture();

    List<String> results = new ArrayList<>();
    for (int spus : new int[] {1, 4}) {
      try (FlowEngine engine = new FlowEngine(config(CACHE_FOR_SECURITY_SERVICES), spus)) {
        engine.replay(List.of(capture), -1);
        Map<String, SessionSnapshot> sessions = byServer(engine, SessionFilter.ALL);
        SessionSnapshot first = sessions.get("198.51.100.40:443/43001");
        SessionSnapshot second = sessions.get("198.51.100.40:443/43002");
        assertThat(first.dynamicApplication()).as("%d SPUs", spus).isEqualTo("junos:SSL");
        assertThat(second.forward().packets()).isEqualTo(1);
        assertThat(second.dynamicApplication()).as("%d SPUs", spus).isEqualTo("junos:SSL");
        long hits = 0;
        long misses = 0;
        for (ApplicationCacheEntries spu : engine.applicationSystemCache()) {
          hits += spu.hits();
          misses += spu.misses();
          assertThat(spu.entries()).as("every SPU's replica").hasSize(1);
        }
        assertThat(hits).as("%d SPUs", spus).isEqualTo(1);
        assertThat(misses).as("the first session's SYN, %d SPUs", spus).isEqualTo(1);
        results.add(
            first.dynamicApplication()
                + first.nestedApplication()
                + second.dynamicApplication()
                + second.nestedApplication()
                + engine.applicationSystemCache().getFirst().entries());
      }
    }
    assertThat(results.get(1)).isEqualTo(results.get(0));
  }

  /**
   * An identification reaches the cache at the next round, 100 ms of capture time (or 8 192
   * packets) later at most: a session to the same server 10 ms after the decision is inspected
   * itself, as every SPU count would do it.
   */
  @Test
  void aSessionBeforeTheNextCacheRoundIsInspected() throws IOException {
    new Tcp("10.0.5.1", 44001, "198.51.100.50", 8080)
        .handshake()
        .client(httpGet("example.com"))
        .server(HTTP_OK);
    new Tcp("10.0.5.2", 44002, "198.51.100.50", 8080).syn();
    try (FlowEngine engine = new FlowEngine(config(CACHE_FOR_SECURITY_SERVICES), 4)) {
      engine.replay(List.of(capture()), -1);
      assertThat(
              byServer(engine, SessionFilter.ALL)
                  .get("198.51.100.50:8080/44002")
                  .dynamicApplication())
          .isEqualTo("Pending");
      assertThat(engine.applicationSystemCache().getFirst().entries()).hasSize(1);
    }
  }

  @Test
  void sessionsThatEndUndecidedAreInconclusiveAndCountInTheStatistics() throws IOException {
    new Tcp("10.0.3.1", 42001, "198.51.100.30", 80)
        .handshake()
        .client(httpGet("example.com"))
        .server(HTTP_OK);
    udp("10.0.3.2", 42002, "198.51.100.31", 9999, hex("00 01 02 03 04 05 06 07"));
    new Tcp("10.0.3.3", 42003, "198.51.100.32", 443).handshake();

    try (FlowEngine engine = new FlowEngine(config(AppIdSettings.defaults()), 2)) {
      // far past every timeout: every session has closed
      engine.replay(List.of(capture()), 4_000L * 1_000_000_000L);
      assertThat(engine.sessions(SessionFilter.ALL)).allSatisfy(s -> assertThat(s).isEmpty());
      ApplicationStatistics statistics = engine.applicationStatistics();
      assertThat(statistics.applications())
          .extracting(ApplicationStatistics.Row::name, ApplicationStatistics.Row::sessions)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("INCONCLUSIVE", 2L),
              org.assertj.core.groups.Tuple.tuple("junos:HTTP", 1L));
      assertThat(statistics.groups())
          .extracting(ApplicationStatistics.Row::name)
          .containsExactly("junos:web");
      long httpBytes = statistics.applications().get(1).bytes();
      assertThat(httpBytes)
          .as("IP bytes of both wings: SYN, ACK, GET from the client, SYN/ACK, 200 from the server")
          .isEqualTo(5 * 40 + httpGet("example.com").length + HTTP_OK.length);

      engine.clearApplicationStatistics();
      assertThat(engine.applicationStatistics().applications()).isEmpty();
    }
  }
}
