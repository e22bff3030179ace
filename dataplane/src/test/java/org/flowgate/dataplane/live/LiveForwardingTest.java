package org.flowgate.dataplane.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.control.LiveForwarding;
import org.flowgate.dataplane.control.LivePort;
import org.flowgate.dataplane.control.Neighbour;
import org.flowgate.dataplane.control.SessionFilter;
import org.flowgate.dataplane.control.SessionSnapshot;
import org.flowgate.dataplane.flow.NatFixtures;
import org.flowgate.dataplane.nat.NatConfig;
import org.flowgate.dataplane.policy.PolicyAction;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.runtime.RuntimeConfigBuilder;
import org.flowgate.dataplane.zone.IngressMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine forwarding between two veth pairs in namespaces the test makes: a client and a server
 * namespace, and the firewall's, where the test's own thread opens the rings.
 *
 * <pre>
 *  client c0 192.0.2.2/24 ── f0 ge-0/0/0.0 192.0.2.1/24 [Flowgate] ge-0/0/1.0 198.51.100.1/24 f1 ── s0 198.51.100.2/24 server
 * </pre>
 */
class LiveForwardingTest {
  private TestNamespace firewall;
  private TestNamespace client;
  private TestNamespace server;
  private FlowEngine engine;

  @BeforeAll
  static void needsNamespaces() {
    assumeTrue(TestNamespace.available(), "needs root, Linux and iproute2");
  }

  @BeforeEach
  void threeHosts() throws Exception {
    firewall = TestNamespace.create();
    client = TestNamespace.create();
    server = TestNamespace.create();
    link(client, "c0", "f0");
    link(server, "s0", "f1");
    client.ip("addr", "add", "192.0.2.2/24", "dev", "c0");
    client.ip("route", "add", "default", "via", "192.0.2.1");
    server.ip("addr", "add", "198.51.100.2/24", "dev", "s0");
    server.ip("route", "add", "default", "via", "198.51.100.1");
  }

  /** A veth pair from {@code host}'s {@code near} to the firewall's {@code far}, offloads off. */
  private void link(TestNamespace host, String near, String far) throws Exception {
    firewall.exec("sysctl", "-qw", "net.ipv6.conf.default.disable_ipv6=1");
    firewall.ip(
        "link", "add", "name", far, "type", "veth", "peer", "name", near, "netns", host.name());
    host.exec("ethtool", "-K", near, "tx", "off", "tso", "off", "gso", "off");
    firewall.exec("ethtool", "-K", far, "tx", "off", "tso", "off", "gso", "off");
    firewall.ip("link", "set", "dev", far, "up");
    host.ip("link", "set", "dev", near, "up");
  }

  @AfterEach
  void tearDown() {
    if (engine != null) {
      engine.close();
    }
    for (TestNamespace ns : new TestNamespace[] {client, server, firewall}) {
      if (ns != null) {
        ns.close();
      }
    }
  }

  private RuntimeConfig config() {
    return config(NatConfig.NONE);
  }

  private RuntimeConfig config(NatConfig nat) {
    RuntimeConfigBuilder builder =
        new RuntimeConfigBuilder()
            .zone("trust", Set.of("ping"), Set.of())
            .zone("untrust")
            .interfaceIn("trust", "ge-0/0/0.0", "192.0.2.1/24")
            .interfaceIn("untrust", "ge-0/0/1.0", "198.51.100.1/24")
            .policy(
                "out", "trust", "untrust", List.of(), List.of(), List.of(), PolicyAction.PERMIT);
    return builder.nat(nat).ingress(new IngressMap(Map.of(0, 0, 1, 1), Map.of(), Map.of())).build();
  }

  private LiveForwarding attach() throws Exception {
    return attach(config());
  }

  private LiveForwarding attach(RuntimeConfig config) throws Exception {
    engine = new FlowEngine(config, 1);
    return firewall.inside(
        () ->
            engine.attach(
                List.of(
                    new LiveDevice.Attachment("ge-0/0/0", "f0"),
                    new LiveDevice.Attachment("ge-0/0/1", "f1")),
                null));
  }

  /**
   * Every echo request crosses (or reaches the firewall) and is answered, however late. {@code ping
   * -c N} alone counts a reply as lost once the last request is older than twice the largest round
   * trip so far (at least the interval: iputils waits "two RTTs", ping(8) on -W), so on a loaded
   * host a late third reply read as a loss where nothing was lost. With {@code -w} ping waits for
   * the replies up to the deadline (sending further requests meanwhile); the check is that requests
   * 1 to N each got their reply, so a request really lost still fails it (a later request's reply
   * does not stand in for it: one flow's replies come back in order).
   */
  @Test
  void pingsCrossTheFirewallAndReachItAsSessions() throws Exception {
    LiveForwarding live = attach();
    assertEveryRequestAnswered(
        client.exec("ping", "-c", "3", "-i", "0.2", "-w", "30", "198.51.100.2"), 3);
    assertEveryRequestAnswered(
        client.exec("ping", "-c", "2", "-i", "0.2", "-w", "30", "192.0.2.1"), 2);
    List<SessionSnapshot> sessions =
        engine.sessions(SessionFilter.ALL).stream().flatMap(List::stream).toList();
    assertThat(sessions).isNotEmpty();
    List<Neighbour> arp = live.neighbours(false);
    assertThat(arp).extracting(n -> n.address().toString()).contains("192.0.2.2", "198.51.100.2");
    // nothing was dropped on the way: no ring overflowed, no frame waited in vain for a neighbour
    assertThat(live.ports()).extracting(LivePort::kernelDrops).containsOnly(0L);
    Map<String, Long> counters = live.counters();
    for (String drop :
        List.of(
            "dropped: next hop unresolved",
            "dropped: host to flow queue full",
            "dropped: host transmit ring full",
            "dropped: transmit ring full",
            "dropped: host queue full",
            "host queue full (ARP, ND)")) {
      assertThat(counters).as(drop).containsEntry(drop, 0L);
    }
  }

  /** Ping's output has a reply for each of the requests 1 to {@code count}. */
  static void assertEveryRequestAnswered(String output, int count) {
    for (int seq = 1; seq <= count; seq++) {
      assertThat(output)
          .as("the reply to request %d", seq)
          .containsPattern("bytes from [0-9a-f.:]+: icmp_seq=" + seq + " ");
    }
  }

  @Test
  void anExpiredTtlIsAnsweredWithTimeExceededFromTheIngressAddress() throws Exception {
    attach();
    String trace = client.execAnyway("ping", "-c", "1", "-t", "1", "-W", "2", "198.51.100.2");
    assertThat(trace).contains("From 192.0.2.1").contains("Time to live exceeded");
  }

  /**
   * Behind interface source NAT, a packet too big for the server's link (MTU 1400) with DF set is
   * answered after the flow, yet about the packet as the client sent it and to the client, from the
   * ingress address: the client's kernel takes the path MTU (its route cache shows it) and ping
   * names the error. Built from the translated packet, the error would go to the firewall's own
   * outside address and quote a socket the client does not have.
   */
  @Test
  void aPacketTooBigBehindSourceNatTeachesTheSenderItsPathMtu() throws Exception {
    firewall.ip("link", "set", "dev", "f1", "mtu", "1400");
    server.ip("link", "set", "dev", "s0", "mtu", "1400");
    attach(config(NatFixtures.interfaceNat(0, 1)));
    assertThat(client.exec("ip", "route", "get", "198.51.100.2")).doesNotContain("mtu");
    // 1472 bytes of ICMP payload: a 1500-byte packet, DF set
    String big =
        client.execAnyway("ping", "-c", "1", "-M", "do", "-s", "1472", "-W", "2", "198.51.100.2");
    assertThat(big).contains("From 192.0.2.1").contains("Frag needed and DF set (mtu = 1400)");
    assertThat(client.exec("ip", "route", "get", "198.51.100.2")).contains("mtu 1400");
    // the client now keeps to 1400 bytes itself, and a packet of that size crosses
    assertThat(
            client.execAnyway(
                "ping", "-c", "1", "-M", "do", "-s", "1472", "-W", "2", "198.51.100.2"))
        .contains("message too long, mtu=1400");
    assertThat(client.exec("ping", "-c", "1", "-M", "do", "-s", "1372", "-W", "2", "198.51.100.2"))
        .contains("1 received");
    // and it crossed translated: the session's reverse wing goes to the outside address
    List<SessionSnapshot> sessions =
        engine.sessions(SessionFilter.ALL).stream().flatMap(List::stream).toList();
    assertThat(sessions)
        .extracting(s -> s.reverse().destinationAddress().toString())
        .contains("198.51.100.1");
  }

  @Test
  void theServerSideAnswersTheClientOnceSessionsAge() throws Exception {
    attach();
    assertThat(client.exec("ping", "-c", "1", "-W", "2", "198.51.100.2")).contains("1 received");
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !engine.sessions(SessionFilter.ALL).get(0).isEmpty());
  }
}
