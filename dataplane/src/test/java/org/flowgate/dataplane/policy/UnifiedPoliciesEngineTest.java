package org.flowgate.dataplane.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flowgate.dataplane.appid.AppIdSettings;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.control.SessionFilter;
import org.flowgate.dataplane.control.SessionQuery;
import org.flowgate.dataplane.control.SessionSnapshot;
import org.flowgate.dataplane.flow.SessionEvents;
import org.flowgate.dataplane.flow.SessionView;
import org.flowgate.dataplane.net.AddressMatch;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.runtime.RuntimeConfigBuilder;
import org.flowgate.dataplane.session.CloseReason;
import org.flowgate.dataplane.session.SessionTable;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unified policies through the whole engine (ADR 0033): a capture of our own, built with {@link
 * PacketBuilder}, where sessions start under the pre-id default policy and move to their final
 * policy when identification names their application, or are closed by a dynamic-application deny;
 * the hit counts and the session events (what RT_FLOW logs) agree with the sessions.
 *
 * <pre>
 *   trust -> untrust, in this order (ids from 4):
 *     4 allow-web   destination 198.51.100.0/24  dynamic-application junos:web (group)  permit
 *     5 block-ssh   destination 198.51.100.0/24  dynamic-application junos:SSH          deny
 *     6 rest        any                                                                  permit
 * </pre>
 */
class UnifiedPoliciesEngineTest {
  private static final long T0 = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z
  private static final long MS = 1_000_000L;
  private static final String PRE_ID = "pre-id-default-policy-logical-system-00";

  @TempDir Path dir;

  private final List<Long> times = new ArrayList<>();
  private final List<byte[]> frames = new ArrayList<>();
  private long clock = T0;

  private static RuntimeConfig config(PreIdDefaultPolicy preId) {
    AddressMatch servers = AddressMatch.of(List.of("198.51.100.0/24"));
    return new RuntimeConfigBuilder()
        .zone("trust")
        .zone("untrust")
        .interfaceIn("trust", "ge-0/0/1.0", "10.0.0.1/16")
        .interfaceIn("untrust", "ge-0/0/0.0", "203.0.113.1/24")
        .staticRoute("0.0.0.0/0", "203.0.113.254")
        .policy(
            "allow-web",
            "trust",
            "untrust",
            AddressMatch.ANY,
            servers,
            List.of(),
            PolicyAction.PERMIT,
            true,
            true)
        .dynamicApplications(List.of("junos:web"))
        .policy(
            "block-ssh",
            "trust",
            "untrust",
            AddressMatch.ANY,
            servers,
            List.of(),
            PolicyAction.DENY,
            false,
            true)
        .dynamicApplications(List.of("junos:SSH"))
        .policy(
            "rest",
            "trust",
            "untrust",
            AddressMatch.ANY,
            AddressMatch.ANY,
            List.of(),
            PolicyAction.PERMIT,
            true,
            true)
        .preIdDefaultPolicy(preId)
        .applicationIdentification(AppIdSettings.defaults())
        .build();
  }

  /** What the SPUs said about sessions, in order: the source of RT_FLOW lines. */
  private static final class Heard implements SessionEvents {
    final List<String> lines = new ArrayList<>();

    private static String who(SessionView s) {
      return s.destinationPort(SessionTable.FORWARD) + "/" + s.sourcePort(SessionTable.FORWARD);
    }

    @Override
    public synchronized void sessionCreated(SessionView s) {
      lines.add("create " + who(s) + " " + s.policy().name());
    }

    @Override
    public synchronized void sessionPolicyMatched(SessionView s) {
      lines.add("final " + who(s) + " " + s.policy().name());
    }

    @Override
    public synchronized void sessionClosed(SessionView s, CloseReason reason) {
      lines.add("close " + who(s) + " " + s.policy().name() + " " + reason.junosText());
    }
  }

  private void add(byte[] frame) {
    clock += MS;
    times.add(clock);
    frames.add(frame);
  }

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

    Tcp handshake() {
      add(
          PacketBuilder.ipv4(client, server)
              .tcp(clientPort, serverPort, PacketBuilder.SYN, clientSequence++, 0)
              .ethernet());
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

    Tcp client(String text) {
      byte[] payload = text.getBytes(StandardCharsets.US_ASCII);
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

    Tcp server(String text) {
      byte[] payload = text.getBytes(StandardCharsets.US_ASCII);
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

  private Path capture() throws IOException {
    Path file = dir.resolve("unified-" + frames.size() + ".pcap");
    try (PcapWriter writer =
        PcapWriter.open(file, LinkType.ETHERNET, true, ByteOrder.LITTLE_ENDIAN)) {
      for (int i = 0; i < frames.size(); i++) {
        writer.write(times.get(i), frames.get(i));
      }
    }
    return file;
  }

  private static Map<String, SessionSnapshot> byPorts(FlowEngine engine, SessionFilter filter) {
    Map<String, SessionSnapshot> sessions = new TreeMap<>();
    for (List<SessionSnapshot> spu : engine.sessions(filter)) {
      for (SessionSnapshot s : spu) {
        sessions.put(s.forward().destinationPort() + "/" + s.forward().sourcePort(), s);
      }
    }
    return sessions;
  }

  private static String get(String host) {
    return "GET / HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: test\r\n\r\n";
  }

  private static final String OK =
      "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok";

  private static final byte[] DNS_QUERY =
      HexFormat.of().parseHex("1a2b0100000100000000000003777777076578616d706c6503636f6d0000010001");

  private static int index(RuntimeConfig config, String name) {
    List<SecurityPolicy> all = config.policies().policies();
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new AssertionError("no policy " + name);
  }

  @Test
  void sessionsStartUnderThePreIdDefaultPolicyAndMoveToTheirFinalPolicy() throws IOException {
    // HTTP: identified when the server answers, then allow-web (junos:web holds junos:HTTP)
    Tcp web = new Tcp("10.0.1.1", 40001, "198.51.100.1", 80).handshake().client(get("example.com"));
    // a request still unanswered: Pending, so still under the pre-id default policy
    new Tcp("10.0.1.2", 40002, "198.51.100.2", 80).handshake().client(get("example.org"));
    // DNS: the query itself names it; no unified policy wants junos:DNS, so rest
    add(
        PacketBuilder.ipv4("10.0.1.3", "198.51.100.3")
            .udp(40003, 53)
            .payload(DNS_QUERY)
            .ethernet());
    // a server outside the unified policies' addresses: rest decides on the first packet
    new Tcp("10.0.1.4", 40004, "192.0.2.4", 80).handshake().client(get("example.net")).server(OK);
    web.server(OK).client(get("example.com"));

    Heard heard = new Heard();
    RuntimeConfig config = config(PreIdDefaultPolicy.DEFAULTS);
    try (FlowEngine engine = new FlowEngine(config, 1, heard)) {
      engine.replay(List.of(capture()), -1);
      Map<String, SessionSnapshot> sessions = byPorts(engine, SessionFilter.ALL);
      assertThat(sessions).hasSize(4);

      SessionSnapshot http = sessions.get("80/40001");
      assertThat(http.dynamicApplication()).isEqualTo("junos:HTTP");
      assertThat(http.policyName()).isEqualTo("allow-web");
      assertThat(http.policyId()).isEqualTo(4);

      SessionSnapshot waiting = sessions.get("80/40002");
      assertThat(waiting.dynamicApplication()).isEqualTo("Pending");
      assertThat(waiting.policyName()).isEqualTo(PRE_ID);
      assertThat(waiting.policyId()).isEqualTo(3);

      assertThat(sessions.get("53/40003").dynamicApplication()).isEqualTo("junos:DNS");
      assertThat(sessions.get("53/40003").policyName()).isEqualTo("rest");
      assertThat(sessions.get("80/40004").policyName()).isEqualTo("rest");

      long[] hits = engine.policyHits();
      assertThat(hits[index(config, "allow-web")]).isEqualTo(1);
      assertThat(hits[index(config, "block-ssh")]).isZero();
      assertThat(hits[index(config, "rest")])
          .as("the DNS session at its decision, the other server at its first packet")
          .isEqualTo(2);
      assertThat(hits[PolicyTable.PRE_ID_DEFAULT_POLICY])
          .as("the two HTTP sessions and the DNS query waited for their application")
          .isEqualTo(3);

      SessionQuery.Builder byPolicy = new SessionQuery.Builder();
      byPolicy.policyId = 4;
      assertThat(byPorts(engine, byPolicy.build().toFilter())).containsOnlyKeys("80/40001");
      SessionQuery.Builder preId = new SessionQuery.Builder();
      preId.policyId = 3;
      assertThat(byPorts(engine, preId.build().toFilter())).containsOnlyKeys("80/40002");
      SessionQuery.Builder dynamic = new SessionQuery.Builder();
      dynamic.dynamicApplication = "junos:HTTP";
      assertThat(byPorts(engine, dynamic.build().toFilter()))
          .as("identified under either policy")
          .containsOnlyKeys("80/40001", "80/40004");
    }
    assertThat(heard.lines)
        .containsExactly(
            "create 80/40001 " + PRE_ID,
            "create 80/40002 " + PRE_ID,
            "create 53/40003 " + PRE_ID,
            "final 53/40003 rest",
            "create 80/40004 rest",
            "final 80/40001 allow-web");
  }

  @Test
  void aDynamicApplicationDenyClosesTheSessionOnceIdentified() throws IOException {
    Tcp ssh =
        new Tcp("10.0.2.1", 41001, "198.51.100.21", 22)
            .handshake()
            .server("SSH-2.0-OpenSSH_9.6\r\n")
            .client("SSH-2.0-OpenSSH_9.6p1 Debian\r\n");
    ssh.client("more after the deny");

    Heard heard = new Heard();
    RuntimeConfig config = config(new PreIdDefaultPolicy(300, 0, 0, 0, 0, 0, false, true));
    try (FlowEngine engine = new FlowEngine(config, 1, heard)) {
      engine.replay(List.of(capture()), -1);
      long[] hits = engine.policyHits();
      assertThat(hits[index(config, "block-ssh")]).isEqualTo(1);
      assertThat(hits[index(config, "rest")]).isZero();
      Map<String, SessionSnapshot> sessions = byPorts(engine, SessionFilter.ALL);
      sessions.values().forEach(s -> assertThat(s.policyName()).isEqualTo("block-ssh"));
      assertThat(engine.statistics().getFirst().drops(DropReason.POLICY_DENY))
          .as("the packet that decided the application")
          .isEqualTo(1);
    }
    assertThat(heard.lines)
        .containsExactly(
            "create 22/41001 " + PRE_ID, "close 22/41001 block-ssh application failure or action");
  }
}
