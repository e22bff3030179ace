package org.flowgate.mgmt.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowgate.config.compile.CompileResult;
import org.flowgate.config.compile.JunosCompiler;
import org.flowgate.config.text.ConfigParser;
import org.flowgate.config.text.Diagnostics;
import org.flowgate.config.text.ParsedConfig;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.dataplane.control.ArpEntry;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.control.Neighbour;
import org.flowgate.dataplane.dispatch.NatOwnership;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.mgmt.render.GoldenFiles;
import org.flowgate.mgmt.render.JunosXmlJsonTest;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's operator views on a replay of a capture of our own: persistent NAT bindings made,
 * joined, entered from outside and timed out; interface NAT's ports; each interface's traffic, flow
 * statistics and drops; an empty ARP table; log files. Golden files hold every view in text, XML
 * and JSON.
 *
 * <pre>
 *  trust ge-0/0/1.0 10.0.0.1/16 ─── SRX ─── ge-0/0/0.0 203.0.113.1/24 untrust ─── 0/0 via .254
 *  source NAT trust → untrust:  to 192.0.2.200 the interface; else pool pnat 198.18.0.1
 *                               with persistent-nat permit any-remote-host (ports in order)
 *  policies: trust → untrust any; untrust → trust only to 10.0.0.5
 * </pre>
 */
class OperatorViewsTest {
  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final long MS = 1_000_000L;

  static final String EDGE =
      """
      set system host-name edge-2
      set interfaces ge-0/0/0 unit 0 family inet address 203.0.113.1/24
      set interfaces ge-0/0/1 unit 0 family inet address 10.0.0.1/16
      set routing-options static route 0.0.0.0/0 next-hop 203.0.113.254
      set security zones security-zone trust interfaces ge-0/0/1.0
      set security zones security-zone trust host-inbound-traffic system-services ping
      set security zones security-zone untrust interfaces ge-0/0/0.0
      set security address-book global address phone 10.0.0.5/32
      set security policies from-zone trust to-zone untrust policy out match source-address any
      set security policies from-zone trust to-zone untrust policy out match destination-address any
      set security policies from-zone trust to-zone untrust policy out match application any
      set security policies from-zone trust to-zone untrust policy out then permit
      set security policies from-zone untrust to-zone trust policy in match source-address any
      set security policies from-zone untrust to-zone trust policy in match destination-address phone
      set security policies from-zone untrust to-zone trust policy in match application any
      set security policies from-zone untrust to-zone trust policy in then permit
      set security nat source port-randomization disable
      set security nat source pool pnat address 198.18.0.1/32
      set security nat source rule-set out from zone trust
      set security nat source rule-set out to zone untrust
      set security nat source rule-set out rule web match destination-address 192.0.2.200/32
      set security nat source rule-set out rule web then source-nat interface
      set security nat source rule-set out rule r1 match source-address 10.0.0.0/16
      set security nat source rule-set out rule r1 then source-nat pool pnat
      set security nat source rule-set out rule r1 then source-nat pool persistent-nat permit any-remote-host
      """;

  /**
   * The {@code n}th port (from 0) of pool address 198.18.0.1 that the phone's flows take with
   * {@code port-randomization disable}: the dispatcher places them by the phone's transport address
   * 10.0.0.5/5000, and a flow takes the ports of its lane in order from the range's low end.
   */
  static int phonePort(int n) {
    IpAddress phone = IpAddress.parse("10.0.0.5");
    IpAddress pool = IpAddress.parse("198.18.0.1");
    int lane = NatOwnership.laneOf(phone.hi(), phone.lo(), 5000);
    for (int port = 1024; port <= 63487; port++) {
      if (NatOwnership.laneOf(pool.hi(), pool.lo(), port) == lane && n-- == 0) {
        return port;
      }
    }
    throw new AssertionError("no such port");
  }

  private static final int PHONE_PORT = phonePort(0);

  @TempDir Path dir;
  private FlowEngine engine;
  private OperationalCommands cli;

  @BeforeEach
  void load() {
    Diagnostics diagnostics = new Diagnostics();
    ParsedConfig parsed = ConfigParser.parseConfig(EDGE, "edge-2.conf", diagnostics);
    CompileResult compiled = JunosCompiler.compile(parsed, diagnostics);
    assertThat(compiled.errors()).isEmpty();
    assertThat(compiled.warnings()).isEmpty();
    engine = new FlowEngine(compiled.config(), 1);
    cli =
        new OperationalCommands(engine, new LoadedConfiguration("edge-2.conf", parsed))
            .logDirectory(dir);
  }

  @AfterEach
  void close() {
    engine.close();
  }

  private void assertGolden(String name, String command) throws IOException {
    GoldenFiles.assertMatches(name + ".txt", cli.execute(command));
    String xml = cli.execute(command + " | display xml");
    String json = cli.execute(command + " | display json");
    GoldenFiles.assertMatches(name + ".xml", xml);
    GoldenFiles.assertMatches(name + ".json", json);
    JunosXmlJsonTest.assertSameValues(xml, json);
  }

  /**
   * The capture: a phone behind the firewall talks to two servers from one UDP port and a third
   * host reaches it back; a laptop's SYN goes out through interface NAT; an outside host tries a
   * host the policy does not let in; pings to the firewall from each side.
   */
  private Path capture() throws IOException {
    Path file = dir.resolve("edge.pcap");
    try (PcapWriter w = PcapWriter.open(file, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      w.write(
          T0,
          PacketBuilder.ipv4("10.0.0.5", "192.0.2.10")
              .udp(5000, 3478)
              .payloadLength(40)
              .ethernet());
      w.write(
          T0 + MS,
          PacketBuilder.ipv4("192.0.2.10", "198.18.0.1")
              .udp(3478, PHONE_PORT)
              .payloadLength(60)
              .ethernet());
      w.write(
          T0 + 2 * MS,
          PacketBuilder.ipv4("10.0.0.5", "192.0.2.20")
              .udp(5000, 3478)
              .payloadLength(40)
              .ethernet());
      w.write(
          T0 + 3 * MS,
          PacketBuilder.ipv4("192.0.2.30", "198.18.0.1")
              .udp(4000, PHONE_PORT)
              .payloadLength(20)
              .ethernet());
      w.write(
          T0 + 4 * MS,
          PacketBuilder.ipv4("10.0.0.6", "192.0.2.200")
              .tcp(6000, 80, PacketBuilder.SYN, 1, 0)
              .ethernet());
      w.write(
          T0 + 5 * MS,
          PacketBuilder.ipv4("192.0.2.50", "10.0.0.9")
              .tcp(5555, 22, PacketBuilder.SYN, 1, 0)
              .ethernet());
      w.write(
          T0 + 6 * MS, PacketBuilder.ipv4("10.0.0.5", "10.0.0.1").icmpEcho(true, 7, 1).ethernet());
      w.write(
          T0 + 7 * MS,
          PacketBuilder.ipv4("192.0.2.60", "203.0.113.1").icmpEcho(true, 8, 1).ethernet());
    }
    return file;
  }

  /** One packet long after the others: the clock moves on and the sessions end. */
  private Path later(long atNs) throws IOException {
    Path file = dir.resolve("later-" + atNs + ".pcap");
    try (PcapWriter w = PcapWriter.open(file, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      w.write(
          atNs,
          PacketBuilder.ipv4("192.0.2.70", "10.0.0.9")
              .tcp(7000, 22, PacketBuilder.SYN, 1, 0)
              .ethernet());
    }
    return file;
  }

  @Test
  void aBindingServesEverySessionOfItsInternalAddressAndLetsAnyHostIn() throws IOException {
    engine.replay(List.of(capture()), -1);

    assertGolden(
        "operator-persistent-nat-table", "show security nat source persistent-nat-table all");
    // the phone's two sessions out and the one in share 198.18.0.1 and the first port of its lane
    assertThat(cli.execute("show security nat source persistent-nat-table all"))
        .endsWith(
            String.format(
                "10.0.0.5            5000  udp      198.18.0.1       %8d  udp      pnat"
                    + "            any-remote-host   -/300       3/30            r1\n",
                PHONE_PORT));
    assertThat(
            cli.execute(
                "show security flow session destination-prefix 198.18.0.1/32 source-prefix 192.0.2.30"))
        .contains("In: 192.0.2.30/4000 --> 198.18.0.1/" + PHONE_PORT + ";udp")
        .contains("Out: 10.0.0.5/5000 --> 192.0.2.30/4000;udp");

    assertGolden(
        "operator-persistent-nat-summary", "show security nat source persistent-nat-table summary");
    assertThat(cli.execute("show security nat source persistent-nat-table summary"))
        .isEqualTo(
            """
            Persistent NAT Table Statistics on FPC0 PIC0:
            binding total       : 8192
            binding in use      : 1
            enode total         : 65536
            enode in use        : 3
            """);

    // the sessions end (UDP 60 s, an unanswered SYN 20 s); the binding waits its 300 s
    engine.replay(List.of(later(T0 + 100_000 * MS)), -1);
    assertThat(
            cli.execute(
                "show security nat source persistent-nat-table internal-ip 10.0.0.5 internal-port 5000"))
        .endsWith("  any-remote-host   300/300     0/30            r1\n");
    assertThat(cli.execute("show security nat source persistent-nat-table internal-ip 10.0.0.6"))
        .doesNotContain("10.0.0.6");

    // one that no session uses goes with the clear; so would any after its timeout
    assertThat(cli.execute("clear security nat source persistent-nat-table all")).isEmpty();
    assertThat(cli.execute("show security nat source persistent-nat-table summary"))
        .contains("binding in use      : 0\n");
    assertThat(cli.execute("show security nat source persistent-nat-table"))
        .isEqualTo("syntax error, command is incomplete.\n");
  }

  @Test
  void aBindingTimesOutAndTheNextSessionGetsANewPort() throws IOException {
    engine.replay(List.of(capture()), -1);
    // sessions end at 100 s; the binding lives until 400 s; a flow at 401 s gets the lane's next
    // port
    engine.replay(List.of(later(T0 + 100_000 * MS)), -1);
    Path again = dir.resolve("again.pcap");
    try (PcapWriter w = PcapWriter.open(again, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      w.write(
          T0 + 401_000 * MS,
          PacketBuilder.ipv4("10.0.0.5", "192.0.2.40")
              .udp(5000, 3478)
              .payloadLength(40)
              .ethernet());
    }
    engine.replay(List.of(again), -1);
    assertThat(cli.execute("show security nat source persistent-nat-table all"))
        .contains(
            String.format(
                "10.0.0.5            5000  udp      198.18.0.1       %8d  udp", phonePort(1)))
        .doesNotContain(" " + PHONE_PORT + " ");
  }

  /**
   * A commit that keeps the rule and its pool keeps the bindings no session uses, their timeout
   * running on (as Junos keeps them): the phone's idle binding is still there after an unrelated
   * change, lets a host outside in through its port, and goes only when a commit takes
   * persistent-nat off its rule.
   */
  @Test
  void anIdleBindingOutlivesACommitThatKeepsItsRuleAndPool() throws IOException {
    engine.replay(List.of(capture()), -1);
    engine.replay(List.of(later(T0 + 100_000 * MS)), -1); // the sessions end; the binding waits
    String binding = "10.0.0.5            5000  udp      198.18.0.1       %8d  udp      pnat";
    assertThat(cli.execute("show security nat source persistent-nat-table all"))
        .contains(String.format(binding, PHONE_PORT))
        .contains("  any-remote-host   300/300     0/30            r1\n");
    engine.commit(
        JunosCompiler.load(
                EDGE
                    + "set security address-book global address printer 10.0.0.7/32\n"
                    + "set security nat source pool spare address 198.18.9.1/32\n",
                "edge-2.conf")
            .config());
    assertThat(cli.execute("show security nat source persistent-nat-table all"))
        .contains(String.format(binding, PHONE_PORT))
        .contains("  any-remote-host   300/300     0/30            r1\n");
    // a host outside reaches the phone through the binding the commit kept
    Path in = dir.resolve("in-after-commit.pcap");
    try (PcapWriter w = PcapWriter.open(in, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      w.write(
          T0 + 150_000 * MS,
          PacketBuilder.ipv4("192.0.2.77", "198.18.0.1")
              .udp(4000, PHONE_PORT)
              .payloadLength(20)
              .ethernet());
    }
    engine.replay(List.of(in), -1);
    assertThat(cli.execute("show security flow session source-prefix 192.0.2.77"))
        .contains("In: 192.0.2.77/4000 --> 198.18.0.1/" + PHONE_PORT + ";udp")
        .contains("Out: 10.0.0.5/5000 --> 192.0.2.77/4000;udp");
    // without persistent-nat on its rule the binding has nothing to live by
    engine.commit(
        JunosCompiler.load(
                EDGE.replace(
                    "set security nat source rule-set out rule r1 then source-nat pool"
                        + " persistent-nat permit any-remote-host\n",
                    ""),
                "edge-2.conf")
            .config());
    assertThat(cli.execute("show security nat source persistent-nat-table all"))
        .doesNotContain("10.0.0.5");
  }

  /**
   * On four SPUs the phone's sessions to eight servers would hash to several of them; the
   * dispatcher places every session of a persistent rule's internal host by that host's transport
   * address, so one SPU holds the one binding and all eight share it, and a host outside reaches
   * the phone through it.
   */
  @Test
  void onSeveralSpusOneInternalAddressStillHasOneBinding() throws IOException {
    engine.close();
    Diagnostics diagnostics = new Diagnostics();
    ParsedConfig parsed = ConfigParser.parseConfig(EDGE, "edge-2.conf", diagnostics);
    engine = new FlowEngine(JunosCompiler.compile(parsed, diagnostics).config(), 4);
    cli = new OperationalCommands(engine, new LoadedConfiguration("edge-2.conf", parsed));
    Path out = dir.resolve("eight.pcap");
    try (PcapWriter w = PcapWriter.open(out, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      for (int server = 1; server <= 8; server++) {
        w.write(
            T0 + server * MS,
            PacketBuilder.ipv4("10.0.0.5", "192.0.2." + server)
                .udp(5000, 3478)
                .payloadLength(40)
                .ethernet());
      }
    }
    engine.replay(List.of(out), -1);
    String table = cli.execute("show security nat source persistent-nat-table all");
    String binding = table.lines().filter(line -> line.startsWith("10.0.0.5")).toList().getFirst();
    assertThat(table.lines().filter(line -> line.startsWith("10.0.0.")).count()).isEqualTo(1);
    assertThat(binding).contains("  -/300       8/30  ");
    int port = Integer.parseInt(binding.split(" +")[4]);
    String sessions = cli.execute("show security flow session source-prefix 10.0.0.5");
    assertThat(sessions.lines().filter(line -> line.contains("--> 198.18.0.1/" + port + ";udp")))
        .hasSize(8);

    Path in = dir.resolve("in.pcap");
    try (PcapWriter w = PcapWriter.open(in, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      w.write(
          T0 + 10 * MS,
          PacketBuilder.ipv4("192.0.2.30", "198.18.0.1")
              .udp(4000, port)
              .payloadLength(20)
              .ethernet());
    }
    engine.replay(List.of(in), -1);
    assertThat(cli.execute("show security flow session source-prefix 192.0.2.30"))
        .contains("Out: 10.0.0.5/5000 --> 192.0.2.30/4000;udp");
    assertThat(cli.execute("show security nat source persistent-nat-table all"))
        .contains("  -/300       9/30  ");
  }

  @Test
  void interfaceNatPortsCountThePortsOfTheInterfaceAddress() throws IOException {
    engine.replay(List.of(capture()), -1);
    assertGolden("operator-interface-nat-ports", "show security nat interface-nat-ports");
    assertThat(cli.execute("show security nat interface-nat-ports"))
        .endsWith("0         64512      1                62463            0              2048\n");
    assertGolden("operator-port-block", "show security nat source port-block");
  }

  @Test
  void interfacesShowWhatTheSpusCountedOnThem() throws IOException {
    engine.replay(List.of(capture()), -1);
    assertGolden("operator-interfaces-extensive", "show interfaces extensive");
    assertGolden("operator-interface-unit", "show interfaces ge-0/0/1.0");
    String untrust = cli.execute("show interfaces ge-0/0/0 extensive");
    // in on ge-0/0/0.0: the reply, the inbound session, the denied SYN, the denied ping
    assertThat(untrust)
        .contains("      Connections established :          1\n")
        .contains("      No one interested in self packets: 1\n")
        .contains("      Policy denied:                     1\n")
        .contains("      ICMP packets :                     1\n");
    assertThat(cli.execute("show interfaces ge-0/0/1.0 detail"))
        .contains("      Self packets :                     1\n")
        .contains("      Connections established :          4\n");
    assertThat(cli.execute("show interfaces ge-0/0/9"))
        .isEqualTo("error: device ge-0/0/9 not found\n");
    assertThat(cli.execute("show interfaces ge-0/0/1.0 terse"))
        .contains("ge-0/0/1.0              up    up   inet     10.0.0.1/16");
    assertThat(cli.execute("show interfaces ge-0/0/0 extensive | display xml rpc"))
        .contains("<get-interface-information>")
        .contains("<interface-name>ge-0/0/0</interface-name>")
        .contains("<extensive/>");
  }

  @Test
  void aReplayResolvesNoNeighboursSoItsArpTableIsEmpty() throws IOException {
    engine.replay(List.of(capture()), -1);
    assertGolden("operator-arp", "show arp");
    assertThat(cli.execute("show arp no-resolve"))
        .isEqualTo(
            """
            MAC Address       Address         Interface                Flags
            Total entries: 0
            """);
  }

  /**
   * The screens' drops are counted on the interface the attack came in on: the SYN flood of {@link
   * ScreenCaptures} (20 SYNs past the attack threshold) is the untrust interface's {@code
   * Syn-attack protection}, and the trust interface counts none.
   */
  @Test
  void aSynFloodIsTheIngressInterfacesSynAttackProtection() throws IOException {
    engine.close();
    CompileResult compiled = JunosCompiler.load(ScreenCaptures.CONFIG, "edge-1.conf");
    assertThat(compiled.errors()).isEmpty();
    engine = new FlowEngine(compiled.config(), 1);
    cli = new OperationalCommands(engine);
    engine.replay(List.of(ScreenCaptures.attacks(dir)), 40 * ScreenCaptures.SECOND);
    assertThat(cli.execute("show interfaces ge-0/0/0.0 extensive"))
        .contains("      Syn-attack protection:             20\n");
    assertThat(cli.execute("show interfaces ge-0/0/1.0 extensive"))
        .contains("      Syn-attack protection:             0\n");
  }

  /** {@code show arp} reads the engine's ARP table alone: what live forwarding installs there. */
  @Test
  void showArpListsWhatTheEnginesArpTableHolds() {
    engine.useArpTable(
        () ->
            List.of(
                new ArpEntry(
                    IpAddress.parse("203.0.113.254"), 0x0050_5688_1a2bL, "ge-0/0/0.0", false),
                new ArpEntry(IpAddress.parse("10.0.0.5"), 0x000c_29ab_cdefL, "ge-0/0/1.0", true)));
    assertThat(cli.execute("show arp no-resolve"))
        .isEqualTo(
            """
            MAC Address       Address         Interface                Flags
            00:50:56:88:1a:2b 203.0.113.254   ge-0/0/0.0               none
            00:0c:29:ab:cd:ef 10.0.0.5        ge-0/0/1.0               permanent
            Total entries: 2
            """);
    assertThat(cli.execute("show arp interface ge-0/0/1.0"))
        .isEqualTo(
            """
            MAC Address       Address         Name                      Interface               Flags
            00:0c:29:ab:cd:ef 10.0.0.5        10.0.0.5                  ge-0/0/1.0              permanent
            Total entries: 1
            """);
    // hostname: Flowgate resolves no names, so a host is given by its address
    assertThat(cli.execute("show arp hostname 203.0.113.254 no-resolve"))
        .isEqualTo(
            """
            MAC Address       Address         Interface                Flags
            00:50:56:88:1a:2b 203.0.113.254   ge-0/0/0.0               none
            Total entries: 1
            """);
    assertThat(cli.execute("show arp hostname gateway.example")).endsWith("Total entries: 0\n");
    assertThat(cli.execute("show arp hostname 10.0.0.5 | display xml"))
        .contains("<arp-entry-count>1</arp-entry-count>")
        .contains("<ip-address>10.0.0.5</ip-address>")
        .doesNotContain("203.0.113.254");
    assertThat(cli.execute("show arp hostname 10.0.0.5 | display xml rpc"))
        .contains("<hostname>10.0.0.5</hostname>");
    String xml = cli.execute("show arp | display xml");
    assertThat(xml)
        .contains("<arp-entry-count>2</arp-entry-count>")
        .contains("<mac-address>00:50:56:88:1a:2b</mac-address>");
    JunosXmlJsonTest.assertSameValues(xml, cli.execute("show arp | display json"));
  }

  /**
   * {@code show ipv6 neighbors} reads the engine's IPv6 neighbour cache alone, in address order;
   * the layout is modern Junos's (checked column by column against published output of 2023
   * devices: the rows' address column one wider than the header's, blanks to the interface column's
   * 24 characters, a total); XML as Juniper's 24.4 YANG names it.
   */
  @Test
  void showIpv6NeighborsListsTheEnginesNeighbourCacheAsJunosDoes() {
    assertThat(cli.execute("show ipv6 neighbors"))
        .isEqualTo(
            "IPv6 Address                            Linklayer Address  State       Exp   Rtr  "
                + "Secure  Interface               \n"
                + "Total entries: 0\n");
    engine.useIpv6NeighbourTable(
        () ->
            List.of(
                new Neighbour(
                    "ge-0/0/1.0",
                    IpAddress.parse("fe80::20c:29ff:feab:cdef"),
                    0x000c_29ab_cdefL,
                    "stale",
                    1132,
                    false),
                new Neighbour(
                    "ge-0/0/0.0",
                    IpAddress.parse("2001:db8:ffff:1234:5678:9abc:def0:1"),
                    0x0050_5688_1a2bL,
                    "reachable",
                    28,
                    true),
                new Neighbour(
                    "ge-0/0/0.0", IpAddress.parse("2001:db8::9"), -1, "incomplete", 1, false)));
    assertThat(cli.execute("show ipv6 neighbors"))
        .isEqualTo(
            "IPv6 Address                            Linklayer Address  State       Exp   Rtr  "
                + "Secure  Interface               \n"
                + "2001:db8::9                              none               incomplete  1     no   "
                + "no      ge-0/0/0.0              \n"
                + "2001:db8:ffff:1234:5678:9abc:def0:1      00:50:56:88:1a:2b  reachable   28    yes  "
                + "no      ge-0/0/0.0              \n"
                + "fe80::20c:29ff:feab:cdef                 00:0c:29:ab:cd:ef  stale       1132  no   "
                + "no      ge-0/0/1.0              \n"
                + "Total entries: 3\n");
    assertThat(cli.execute("show ipv6 neighbors interface ge-0/0/1.0"))
        .contains("fe80::20c:29ff:feab:cdef")
        .doesNotContain("2001:db8")
        .endsWith("Total entries: 1\n");
    // host: one neighbour, named in any form of its address
    assertThat(cli.execute("show ipv6 neighbors host 2001:db8:0:0:0:0:0:9"))
        .isEqualTo(
            "IPv6 Address                            Linklayer Address  State       Exp   Rtr  "
                + "Secure  Interface               \n"
                + "2001:db8::9                              none               incomplete  1     no   "
                + "no      ge-0/0/0.0              \n"
                + "Total entries: 1\n");
    assertThat(cli.execute("show ipv6 neighbors host 2001:db8::9 | display json"))
        .contains("\"data\" : \"2001:db8::9\"")
        .doesNotContain("fe80::");
    assertThat(cli.execute("show ipv6 neighbors host 2001:db8::9 | display xml"))
        .contains("<ipv6-nd-total>1</ipv6-nd-total>")
        .doesNotContain("fe80::");
    assertThat(cli.execute("show ipv6 neighbors host 2001:db8::9 | display xml rpc"))
        .contains("<host>2001:db8::9</host>");
    assertThat(cli.execute("show ipv6 neighbors host nonsense"))
        .contains("invalid address: 'nonsense'");
    String xml = cli.execute("show ipv6 neighbors | display xml");
    assertThat(xml)
        .contains("<ipv6-nd-information>")
        .contains(
            """
                    <ipv6-nd-entry>
                        <ipv6-nd-neighbor-address>2001:db8:ffff:1234:5678:9abc:def0:1</ipv6-nd-neighbor-address>
                        <ipv6-nd-neighbor-l2-address>00:50:56:88:1a:2b</ipv6-nd-neighbor-l2-address>
                        <ipv6-nd-state>reachable</ipv6-nd-state>
                        <ipv6-nd-expire>28</ipv6-nd-expire>
                        <ipv6-nd-isrouter>yes</ipv6-nd-isrouter>
                        <ipv6-nd-issecure>no</ipv6-nd-issecure>
                        <ipv6-nd-interface-name>ge-0/0/0.0</ipv6-nd-interface-name>
                    </ipv6-nd-entry>
            """)
        .contains("<ipv6-nd-total>3</ipv6-nd-total>");
    JunosXmlJsonTest.assertSameValues(xml, cli.execute("show ipv6 neighbors | display json"));
    assertThat(cli.execute("show ipv6 neighbors | display xml rpc"))
        .contains("<get-ipv6-nd-information>");
  }

  @Test
  void showLogPrintsAFileOfTheLogDirectoryAndClearLogEmptiesIt() throws IOException {
    Files.writeString(
        dir.resolve("messages"),
        "Dec  3 10:00:00 edge-2 sshd: Accepted password for admin\n",
        StandardCharsets.UTF_8);
    assertGolden("operator-log-messages", "show log messages");
    assertThat(cli.execute("show log nosuch")).isEqualTo("error: could not resolve file: nosuch\n");
    assertThat(cli.execute("show log ../etc")).isEqualTo("error: could not resolve file: ../etc\n");
    assertThat(cli.execute("clear log messages")).isEmpty();
    assertThat(cli.execute("show log messages")).isEmpty();
    assertThat(cli.execute("show log messages | display xml rpc"))
        .contains("<get-log>")
        .contains("<filename>messages</filename>");
  }
}
