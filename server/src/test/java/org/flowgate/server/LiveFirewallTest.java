package org.flowgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flowgate serve --attach} as the firewall between real Linux hosts: three network
 * namespaces the test makes (and deletes, whatever happens), joined by veth pairs, with Flowgate
 * forwarding in the middle one and the kernel's own clients and servers at the ends (ping, curl
 * against Python's http.server, iperf3). What the peers see is the truth: replies, resets, ICMP
 * errors, the addresses NAT wrote; the device's own views and RT_FLOW log are read over SSH and
 * from its log file.
 *
 * <pre>
 *   client ns                      firewall ns (flowgate serve)                     server ns
 *  c0 192.0.2.2/24   ──veth──  f0 ge-0/0/0.0 trust      ge-0/0/1.0 untrust f1  ──veth──  s0 198.51.100.2/24
 *     2001:db8:1::2/64            192.0.2.1, 2001:db8:1::1  198.51.100.1, 2001:db8:2::1      2001:db8:2::2/64
 *  http.server :80                                     proxy-arp 198.51.100.80            http.server :8000
 *                                                                                          iperf3 -s :5201, :5202
 * </pre>
 *
 * Skipped with a message when not root, without namespaces, or without the peers' programs (.ci/run
 * installs them).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveFirewallTest {
  private static final String CLIENT_IP = "192.0.2.2";
  private static final String SERVER_IP = "198.51.100.2";
  private static final String OUTSIDE_IP = "198.51.100.1";
  private static final String PUBLISHED_IP = "198.51.100.80";

  @TempDir static Path dir;
  private static Netns netns;
  private static String client;
  private static String firewall;
  private static String server;
  private static Process serve;
  private static Path serveOutput;
  private static Path key;
  private static int sshPort;
  private static Path serverHttpLog;
  private static Path clientHttpLog;

  private static String config(String publicKey) {
    return """
        set system host-name live-fw
        set system login user admin class super-user
        set system login user admin authentication ssh-ed25519 "%s"
        set interfaces ge-0/0/0 unit 0 family inet address 192.0.2.1/24
        set interfaces ge-0/0/0 unit 0 family inet6 address 2001:db8:1::1/64
        set interfaces ge-0/0/1 unit 0 family inet address 198.51.100.1/24
        set interfaces ge-0/0/1 unit 0 family inet6 address 2001:db8:2::1/64
        set security zones security-zone trust interfaces ge-0/0/0.0 host-inbound-traffic system-services ping
        set security zones security-zone untrust interfaces ge-0/0/1.0
        set applications application tcp-81 protocol tcp destination-port 81
        set applications application tcp-82 protocol tcp destination-port 82
        set applications application udp-83 protocol udp destination-port 83
        set security address-book global address inside-web 192.0.2.2/32
        set security nat source rule-set out from zone trust
        set security nat source rule-set out to zone untrust
        set security nat source rule-set out rule all match source-address 0.0.0.0/0
        set security nat source rule-set out rule all then source-nat interface
        set security nat destination pool inside-web address 192.0.2.2/32 port 80
        set security nat destination rule-set in from zone untrust
        set security nat destination rule-set in rule web match destination-address 198.51.100.80/32
        set security nat destination rule-set in rule web match destination-port 8080
        set security nat destination rule-set in rule web then destination-nat pool inside-web
        set security nat proxy-arp interface ge-0/0/1.0 address 198.51.100.80/32
        set security policies from-zone trust to-zone untrust policy silent match source-address any
        set security policies from-zone trust to-zone untrust policy silent match destination-address any
        set security policies from-zone trust to-zone untrust policy silent match application tcp-81
        set security policies from-zone trust to-zone untrust policy silent then deny
        set security policies from-zone trust to-zone untrust policy silent then log session-init
        set security policies from-zone trust to-zone untrust policy refuse match source-address any
        set security policies from-zone trust to-zone untrust policy refuse match destination-address any
        set security policies from-zone trust to-zone untrust policy refuse match application [ tcp-82 udp-83 ]
        set security policies from-zone trust to-zone untrust policy refuse then reject
        set security policies from-zone trust to-zone untrust policy out match source-address any
        set security policies from-zone trust to-zone untrust policy out match destination-address any
        set security policies from-zone trust to-zone untrust policy out match application any
        set security policies from-zone trust to-zone untrust policy out then permit
        set security policies from-zone trust to-zone untrust policy out then log session-init
        set security policies from-zone trust to-zone untrust policy out then log session-close
        set security policies from-zone untrust to-zone trust policy published match source-address any
        set security policies from-zone untrust to-zone trust policy published match destination-address inside-web
        set security policies from-zone untrust to-zone trust policy published match application junos-http
        set security policies from-zone untrust to-zone trust policy published then permit
        """
        .formatted(publicKey);
  }

  @BeforeAll
  static void network() throws Exception {
    String why = Netns.unavailableBecause();
    assumeTrue(why == null, () -> "live forwarding needs network namespaces: " + why);
    for (String program : List.of("ethtool", "ping", "curl", "python3", "iperf3", "ssh")) {
      assumeTrue(
          Netns.onPath(program), program + " is not installed (.ci/run installs the test peers)");
    }
    netns = new Netns();
    try {
      firewall = netns.add();
      client = netns.add();
      server = netns.add();
      // the firewall namespace's kernel must stay quiet on the attached devices: no IPv6 there
      netns.exec(firewall, "sysctl", "-qw", "net.ipv6.conf.default.disable_ipv6=1");
      link(client, "c0", "f0");
      link(server, "s0", "f1");
      host(client, "c0", CLIENT_IP + "/24", "192.0.2.1", "2001:db8:1::2/64", "2001:db8:1::1");
      host(server, "s0", SERVER_IP + "/24", OUTSIDE_IP, "2001:db8:2::2/64", "2001:db8:2::1");
      startServe();
      Path site = Files.createDirectories(dir.resolve("site"));
      Files.writeString(site.resolve("hello.txt"), "hello through the firewall\n");
      serverHttpLog = dir.resolve("server-http.log");
      clientHttpLog = dir.resolve("client-http.log");
      String python = "python3";
      netns.start(
          server,
          serverHttpLog,
          python,
          "-u",
          "-m",
          "http.server",
          "8000",
          "--bind",
          SERVER_IP,
          "--directory",
          site.toString());
      netns.start(
          client,
          clientHttpLog,
          python,
          "-u",
          "-m",
          "http.server",
          "80",
          "--bind",
          CLIENT_IP,
          "--directory",
          site.toString());
      netns.start(server, dir.resolve("iperf-5201.log"), "iperf3", "-s", "-p", "5201");
      netns.start(server, dir.resolve("iperf-5202.log"), "iperf3", "-s", "-p", "5202");
      waitForListener(server, SERVER_IP + ":8000");
      waitForListener(client, CLIENT_IP + ":80");
      waitForListener(server, ":5201");
      waitForListener(server, ":5202");
    } catch (Throwable e) {
      stop();
      throw e;
    }
  }

  /** A veth pair from a host's {@code near} to the firewall's {@code far}, offloads off. */
  private static void link(String host, String near, String far) throws IOException {
    netns.ip(
        firewall, "link", "add", "name", far, "type", "veth", "peer", "name", near, "netns", host);
    // segmentation offloads would hand the rings frames larger than the MTU
    netns.exec(host, "ethtool", "-K", near, "tx", "off", "tso", "off", "gso", "off");
    netns.exec(firewall, "ethtool", "-K", far, "tx", "off", "tso", "off", "gso", "off");
    netns.ip(firewall, "link", "set", "dev", far, "up");
    netns.ip(host, "link", "set", "dev", near, "up");
  }

  private static void host(
      String ns, String device, String inet, String gateway, String inet6, String gateway6)
      throws IOException {
    netns.ip(ns, "addr", "add", inet, "dev", device);
    netns.ip(ns, "-6", "addr", "add", inet6, "dev", device, "nodad");
    netns.ip(ns, "route", "add", "default", "via", gateway);
    netns.ip(ns, "-6", "route", "add", "default", "via", gateway6);
  }

  private static void startServe() throws Exception {
    key = dir.resolve("id_ed25519");
    Netns.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString());
    String publicKey = Files.readString(dir.resolve("id_ed25519.pub")).strip();
    Path configFile = Files.writeString(dir.resolve("live-fw.conf"), config(publicKey));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    serveOutput = dir.resolve("serve.out");
    serve =
        netns.start(
            firewall,
            serveOutput,
            java,
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path"),
            "org.flowgate.server.Main",
            "serve",
            "--state",
            dir.resolve("state").toString(),
            "--config",
            configFile.toString(),
            "--ssh-port",
            "0",
            "--netconf-port",
            "0",
            "--spus",
            "2",
            "--attach",
            "ge-0/0/0=f0",
            "--attach",
            "ge-0/0/1=f1",
            "--capture",
            dir.resolve("live.pcapng").toString(),
            "--session-log",
            dir.resolve("rt-flow.log").toString());
    long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    Pattern serving = Pattern.compile("flowgate: serving live-fw: ssh 127\\.0\\.0\\.1:(\\d+)");
    while (true) {
      String out = Files.readString(serveOutput);
      Matcher m = serving.matcher(out);
      if (m.find()) {
        sshPort = Integer.parseInt(m.group(1));
        assertThat(out).doesNotContain("warning");
        return;
      }
      if (!serve.isAlive() || System.nanoTime() > deadlineNs) {
        throw new AssertionError("flowgate serve did not come up:\n" + out);
      }
      serve.waitFor(100, TimeUnit.MILLISECONDS); // returns early if serve ends
    }
  }

  private static void waitForListener(String ns, String address) throws Exception {
    long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!netns.exec(ns, "ss", "-Htln").contains(address)) {
      if (System.nanoTime() > deadlineNs) {
        throw new AssertionError("nothing listens on " + address + " in " + ns);
      }
      TimeUnit.MILLISECONDS.sleep(50); // polling a listener's socket table, not waiting for time
    }
  }

  @AfterAll
  static void stop() {
    if (netns != null) {
      netns.close(); // ends serve, the servers and clients, and deletes the namespaces
    }
  }

  /** A command on the device's CLI over SSH (OpenSSH, key login) inside the firewall namespace. */
  private static String cli(String command) throws IOException {
    Netns.Result result =
        netns.execAnyway(
            firewall,
            60,
            "ssh",
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "LogLevel=ERROR",
            "-o",
            "BatchMode=yes",
            "-o",
            "IdentitiesOnly=yes",
            "-i",
            key.toString(),
            "-p",
            String.valueOf(sshPort),
            "admin@127.0.0.1",
            command);
    assertThat(result.status()).as("'%s': %s", command, result.out()).isZero();
    return result.out();
  }

  /** The RT_FLOW lines the device wrote ({@code --session-log}). */
  private static String deviceLog() throws IOException {
    Path log = dir.resolve("rt-flow.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /**
   * Ping's output has a reply for each of the requests 1 to {@code count}. {@code ping -c N} alone
   * counts a reply as lost once the last request is older than twice the largest round trip
   * (ping(8) on -W): a late reply on a loaded host read as a loss where nothing was lost. With
   * {@code -w} it waits; a request really lost still fails this, since a later request's reply does
   * not stand in for it.
   */
  static void assertEveryRequestAnswered(String output, int count) {
    for (int seq = 1; seq <= count; seq++) {
      assertThat(output)
          .as("the reply to request %d", seq)
          .containsPattern("bytes from [0-9a-f.:]+: icmp_seq=" + seq + " ");
    }
  }

  @Test
  void pingsCrossTheFirewallAndReachItWhereHostInboundTrafficAllows() throws Exception {
    // -w: ping waits for the replies (a late one is not a lost one); each request must be answered
    assertEveryRequestAnswered(
        netns.exec(client, "ping", "-c", "3", "-i", "0.2", "-w", "30", SERVER_IP), 3);
    assertEveryRequestAnswered(
        netns.exec(client, "ping", "-c", "2", "-i", "0.2", "-w", "30", "192.0.2.1"), 2);
    // untrust allows no host-inbound service: the device stays silent there
    Netns.Result outside = netns.execAnyway(server, 30, "ping", "-c", "2", "-W", "1", OUTSIDE_IP);
    assertThat(outside.out()).contains("0 received");
    assertThat(outside.status()).isNotZero();
    // the neighbours the device resolved are its ARP table
    assertThat(cli("show arp no-resolve"))
        .containsPattern("[0-9a-f:]{17} +192\\.0\\.2\\.2 +ge-0/0/0\\.0")
        .containsPattern("[0-9a-f:]{17} +198\\.51\\.100\\.2 +ge-0/0/1\\.0");
  }

  @Test
  void ipv6PingsCrossTheFirewallThroughNeighbourDiscovery() throws Exception {
    assertEveryRequestAnswered(
        netns.exec(client, "ping", "-6", "-c", "3", "-i", "0.2", "-w", "30", "2001:db8:2::2"), 3);
    assertEveryRequestAnswered(
        netns.exec(client, "ping", "-6", "-c", "2", "-i", "0.2", "-w", "30", "2001:db8:1::1"), 2);
    // the neighbours the device learnt are its IPv6 neighbour cache, with the hosts' real MACs
    String clientMac = netns.exec(client, "cat", "/sys/class/net/c0/address").strip();
    String serverMac = netns.exec(server, "cat", "/sys/class/net/s0/address").strip();
    String shown = cli("show ipv6 neighbors");
    assertThat(shown)
        .startsWith("IPv6 Address                            Linklayer Address  State")
        .containsPattern(
            "(?m)^2001:db8:1::2 +"
                + Pattern.quote(clientMac)
                + " +(reachable|stale|delay|probe) +\\d+ +(yes|no) +no +ge-0/0/0\\.0 *$")
        .containsPattern(
            "(?m)^2001:db8:2::2 +"
                + Pattern.quote(serverMac)
                + " +(reachable|stale|delay|probe) +\\d+ +(yes|no) +no +ge-0/0/1\\.0 *$")
        .containsPattern("(?m)^Total entries: [2-9]$");
    assertThat(cli("show ipv6 neighbors interface ge-0/0/1.0 | display xml"))
        .contains("<ipv6-nd-neighbor-address>2001:db8:2::2</ipv6-nd-neighbor-address>")
        .contains("<ipv6-nd-neighbor-l2-address>" + serverMac + "</ipv6-nd-neighbor-l2-address>")
        .doesNotContain("2001:db8:1::2");
  }

  @Test
  void anExpiredTtlComesBackAsTimeExceededFromTheFirewall() throws Exception {
    Netns.Result trace =
        netns.execAnyway(client, 30, "ping", "-c", "1", "-t", "1", "-W", "2", SERVER_IP);
    assertThat(trace.out()).contains("From 192.0.2.1").contains("Time to live exceeded");
  }

  @Test
  void curlFetchesThroughSourceNatAndTheServerSeesTheOutsideAddress() throws Exception {
    String body =
        netns.exec(
            client, "curl", "-sS", "--max-time", "10", "http://" + SERVER_IP + ":8000/hello.txt");
    assertThat(body).isEqualTo("hello through the firewall\n");
    // http.server logs the peer address of each request: the interface NAT wrote it
    assertThat(Files.readString(serverHttpLog))
        .contains(OUTSIDE_IP + " - - ")
        .contains("GET /hello.txt")
        .doesNotContain(CLIENT_IP + " - - ");
    String log = deviceLog();
    assertThat(log)
        .containsPattern(
            "RT_FLOW_SESSION_CREATE.*"
                + Pattern.quote(CLIENT_IP)
                + "/\\d+->"
                + Pattern.quote(SERVER_IP)
                + "/8000")
        .contains(OUTSIDE_IP);
  }

  @Test
  void aPortForwardReachesTheInsideServerFromOutside() throws Exception {
    String body =
        netns.exec(
            server,
            "curl",
            "-sS",
            "--max-time",
            "10",
            "http://" + PUBLISHED_IP + ":8080/hello.txt");
    assertThat(body).isEqualTo("hello through the firewall\n");
    // destination NAT only: the inside server sees the real outside client
    assertThat(Files.readString(clientHttpLog))
        .contains(SERVER_IP + " - - ")
        .contains("GET /hello.txt");
  }

  @Test
  void aDeniedPortTimesOutAndARejectedOneIsRefused() throws Exception {
    Netns.Result denied =
        netns.execAnyway(
            client, 30, "curl", "-sS", "--connect-timeout", "2", "http://" + SERVER_IP + ":81/");
    assertThat(denied.status()).as(denied.out()).isEqualTo(28); // operation timed out
    Netns.Result rejected =
        netns.execAnyway(
            client, 30, "curl", "-sS", "--connect-timeout", "5", "http://" + SERVER_IP + ":82/");
    assertThat(rejected.status()).as(rejected.out()).isEqualTo(7); // connection refused: a RST
    // UDP: the reject is an ICMP port unreachable, which a connected socket reports
    Netns.Result udp =
        netns.execAnyway(
            client,
            30,
            "python3",
            "-c",
            """
            import socket
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.settimeout(3)
            s.connect(("%s", 83))
            s.send(b"x")
            try:
                s.recv(100)
                print("answered")
            except ConnectionRefusedError:
                print("refused")
            except socket.timeout:
                print("timeout")
            """
                .formatted(SERVER_IP));
    assertThat(udp.out().strip()).isEqualTo("refused");
    assertThat(deviceLog())
        .containsPattern("RT_FLOW_SESSION_DENY.*" + Pattern.quote(SERVER_IP) + "/81");
  }

  @Test
  void iperf3TcpAndUdpRunThroughTheFirewall() throws Exception {
    String tcp = netns.exec(client, "iperf3", "-c", SERVER_IP, "-p", "5201", "-t", "2", "-f", "m");
    assertThat(tcp).contains("iperf Done");
    assertThat(megabits(tcp, "receiver")).isPositive();
    String udp =
        netns.exec(
            client, "iperf3", "-c", SERVER_IP, "-p", "5201", "-u", "-b", "20M", "-t", "2", "-f",
            "m");
    assertThat(udp).contains("iperf Done");
    Matcher sender = Pattern.compile("(\\d+)/(\\d+) \\([\\d.]+%\\)\\s+sender").matcher(udp);
    Matcher receiver = Pattern.compile("(\\d+)/(\\d+) \\([\\d.]+%\\)\\s+receiver").matcher(udp);
    assertThat(sender.find() && receiver.find()).as(udp).isTrue();
    long sent = Long.parseLong(sender.group(2));
    long lost = Long.parseLong(receiver.group(1));
    assertThat(lost).as(udp).isLessThan(sent);
    // the receiver's loss depends on how the host schedules iperf3 (its socket buffer overflows on
    // a busy machine); that the device forwarded every datagram its session counts: the client's
    // datagrams plus iperf3's connect message
    String session = cli("show security flow session protocol udp destination-port 5201");
    Matcher in = Pattern.compile("In: \\S+ --> \\S+/5201;udp.*?Pkts: (\\d+)").matcher(session);
    assertThat(in.find()).as(session).isTrue();
    assertThat(Long.parseLong(in.group(1))).as(session).isBetween(sent, sent + 3);
    Matcher out = Pattern.compile("Out: \\S+/5201 --> \\S+;udp.*?Pkts: (\\d+)").matcher(session);
    assertThat(out.find()).as(session).isTrue();
    assertThat(Long.parseLong(out.group(1))).isPositive();
  }

  private static double megabits(String iperf, String side) {
    Matcher m = Pattern.compile("([\\d.]+) Mbits/sec.*\\s" + side).matcher(iperf);
    assertThat(m.find()).as(iperf).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void aLiveSessionShowsGrowingCountersAndClearingItKillsTheConnection() throws Exception {
    Path output = dir.resolve("iperf-long.out");
    Process iperf =
        netns.start(
            client,
            output,
            "iperf3",
            "-c",
            SERVER_IP,
            "-p",
            "5202",
            "-t",
            "60",
            "-b",
            "50M",
            "--snd-timeout",
            "3000",
            "-f",
            "m");
    long first = liveBytes(0);
    long second = liveBytes(first);
    assertThat(second).isGreaterThan(first);
    String shown = cli("show security flow session destination-port 5202");
    assertThat(shown)
        .contains("In: " + CLIENT_IP + "/")
        .contains("--> " + SERVER_IP + "/5202;tcp")
        .contains("Out: " + SERVER_IP + "/5202 --> " + OUTSIDE_IP + "/")
        .contains("If: ge-0/0/0.0")
        .contains("If: ge-0/0/1.0");
    assertThat(cli("clear security flow session destination-port 5202")).doesNotContain("error");
    // without its session the stream's segments are dropped: the client's unacknowledged data
    // times out (--snd-timeout) and iperf3 gives up long before its 60 seconds
    assertThat(iperf.waitFor(40, TimeUnit.SECONDS)).as(Files.readString(output)).isTrue();
    assertThat(Files.readString(output)).doesNotContain("iperf Done");
  }

  /**
   * Last: serve stops (SIGTERM flushes its capture), and {@code flowgate replay} of the capture,
   * with each port's interface mapped as {@code --attach} did, logs the same sessions: the same
   * RT_FLOW create and deny lines, ids, times, NAT ports and all.
   */
  @Test
  @Order(Integer.MAX_VALUE)
  void theCaptureOfTheLiveRunReplaysToTheSameSessions() throws Exception {
    serve.destroy();
    assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
    System.out.println(Files.readString(serveOutput)); // its counters, for whoever reads the report
    List<String> live = sessionLines(deviceLog());
    assertThat(live).isNotEmpty();
    Path replayed = dir.resolve("replayed-rt-flow.log");
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int status =
        Main.run(
            new String[] {
              "replay",
              "--spus",
              "2",
              "--config",
              dir.resolve("live-fw.conf").toString(),
              "--map-interface",
              "0=ge-0/0/0.0",
              "--map-interface",
              "1=ge-0/0/1.0",
              "--session-log",
              replayed.toString(),
              dir.resolve("live.pcapng").toString()
            },
            new java.io.PrintStream(out),
            new java.io.PrintStream(err));
    assertThat(status).as(err.toString()).isZero();
    // two SPUs log through their own rings, so lines interleave differently; the lines are equal
    assertThat(sessionLines(Files.readString(replayed))).containsExactlyInAnyOrderElementsOf(live);
  }

  /** The RT_FLOW create and deny messages, from their tag on (the syslog header differs). */
  private static List<String> sessionLines(String log) {
    return log.lines()
        .filter(l -> l.contains("RT_FLOW_SESSION_CREATE") || l.contains("RT_FLOW_SESSION_DENY"))
        .map(l -> l.substring(l.indexOf("RT_FLOW_SESSION_")))
        .toList();
  }

  /** The In bytes of the sessions to port 5202 once they exceed {@code above}; polls the CLI. */
  private static long liveBytes(long above) throws Exception {
    Pattern in = Pattern.compile("In: \\S+ --> \\S+/5202;tcp.*?Bytes: (\\d+)");
    long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      String shown = cli("show security flow session destination-port 5202");
      long total = 0;
      Matcher m = in.matcher(shown);
      while (m.find()) {
        total += Long.parseLong(m.group(1));
      }
      if (total > above) {
        return total;
      }
      if (System.nanoTime() > deadlineNs) {
        throw new AssertionError("no session to port 5202 grew past " + above + ":\n" + shown);
      }
    }
  }
}
