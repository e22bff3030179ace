package org.flowgate.config.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.control.SessionFilter;
import org.flowgate.dataplane.control.SessionSnapshot;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A compiled configuration decides real first packets: sessions, drops and policy hits. */
class CompiledPolicyDecisionsTest {
  private static final long T0 = 1_700_000_000_000_000_000L;

  @TempDir Path dir;

  private static byte[] syn(String from, String to, int port, int... vlan) {
    return PacketBuilder.ipv4(from, to).tcp(40_000, port, PacketBuilder.SYN, 1, 0).ethernet(vlan);
  }

  private Path capture(byte[]... frames) throws IOException {
    Path file = dir.resolve("c.pcap");
    try (PcapWriter writer =
        PcapWriter.open(file, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      for (int i = 0; i < frames.length; i++) {
        writer.write(T0 + i * 1_000_000L, frames[i]);
      }
    }
    return file;
  }

  @Test
  void trustUntrustDmzPermitsDeniesAndRejectsByPolicy() throws IOException {
    RuntimeConfig config = Compile.ok(Compile.resource("three-zones.conf"));
    Path pcap =
        capture(
            syn("192.168.1.10", "203.0.113.5", 80), // allow-web
            syn("192.168.1.66", "203.0.113.5", 80), // block-bad-host: deny
            syn("192.168.1.10", "203.0.113.5", 22), // no trust->untrust policy: default deny
            syn("203.0.113.9", "10.0.2.10", 8080), // to-web with tcp-8080
            syn("203.0.113.9", "10.0.2.11", 80), // reject-rest
            syn("192.168.1.10", "10.0.2.10", 22), // ssh-to-dmz
            syn("192.168.1.10", "192.0.2.5", 80)); // discard route
    try (FlowEngine engine = new FlowEngine(config, 1)) {
      engine.replay(List.of(pcap), -1);
      List<SessionSnapshot> sessions = engine.sessions(SessionFilter.ALL).getFirst();
      assertThat(sessions)
          .extracting(s -> s.policyName() + "/" + s.policyId() + " " + s.applicationName())
          .containsExactly("allow-web/5 junos-http", "to-web/7 tcp-8080", "ssh-to-dmz/6 junos-ssh");
      var statistics = engine.statistics().getFirst();
      assertThat(statistics.drops(DropReason.POLICY_DENY)).isEqualTo(2);
      assertThat(statistics.drops(DropReason.POLICY_REJECT)).isEqualTo(1);
      assertThat(statistics.drops(DropReason.ROUTE_DISCARD)).isEqualTo(1);
      // self, default, pre-id, block-bad-host, allow-web, ssh-to-dmz, to-web, reject-rest
      assertThat(engine.policyHits()).containsExactly(0, 1, 0, 1, 1, 1, 1, 1);
    }
  }

  @Test
  void policiesToTheJunosHostZoneDecideTrafficToTheFirewallItself() throws IOException {
    CompileResult result =
        JunosCompiler.load(
            """
        set interfaces ge-0/0/0 unit 0 family inet address 203.0.113.1/24
        set security zones security-zone untrust interfaces ge-0/0/0.0 host-inbound-traffic system-services ssh
        set security zones security-zone untrust interfaces ge-0/0/0.0 host-inbound-traffic system-services ping
        set security address-book global address noc 203.0.113.9/32
        set security policies from-zone untrust to-zone junos-host policy noc-ssh match source-address noc
        set security policies from-zone untrust to-zone junos-host policy noc-ssh match destination-address any
        set security policies from-zone untrust to-zone junos-host policy noc-ssh match application junos-ssh
        set security policies from-zone untrust to-zone junos-host policy noc-ssh then permit
        set security policies from-zone untrust to-zone junos-host policy cleanup match source-address any
        set security policies from-zone untrust to-zone junos-host policy cleanup match destination-address any
        set security policies from-zone untrust to-zone junos-host policy cleanup match application any
        set security policies from-zone untrust to-zone junos-host policy cleanup then deny
        """,
            "host.set");
    assertThat(result.diagnostics())
        .as("junos-host is a zone policies may name, and they are applied")
        .isEmpty();
    Path pcap =
        capture(
            syn("203.0.113.9", "203.0.113.1", 22), // noc-ssh
            syn("203.0.113.66", "203.0.113.1", 22), // cleanup
            PacketBuilder.ipv4("203.0.113.9", "203.0.113.1")
                .icmpEcho(true, 1, 1)
                .ethernet()); // cleanup
    try (FlowEngine engine = new FlowEngine(result.config(), 1)) {
      engine.replay(List.of(pcap), -1);
      assertThat(engine.sessions(SessionFilter.ALL).getFirst())
          .extracting(s -> s.policyName() + "/" + s.policyId() + " " + s.reverse().interfaceName())
          .containsExactly("noc-ssh/4 .local..0");
      assertThat(engine.statistics().getFirst().drops(DropReason.POLICY_DENY)).isEqualTo(2);
      assertThat(engine.policyHits()).containsExactly(0, 0, 0, 1, 2); // self, default, pre-id, ...
    }
  }

  @Test
  void routingInstancesGiveTheirSessionsDifferentTokens() throws IOException {
    RuntimeConfig config =
        Compile.ok(
            """
        set interfaces ge-0/0/0 vlan-tagging
        set interfaces ge-0/0/0 unit 10 vlan-id 10
        set interfaces ge-0/0/0 unit 10 family inet address 10.0.0.1/24
        set interfaces ge-0/0/0 unit 20 vlan-id 20
        set interfaces ge-0/0/0 unit 20 family inet address 10.0.0.1/24
        set interfaces ge-0/0/1 unit 10 vlan-id 110
        set interfaces ge-0/0/1 unit 10 family inet address 172.16.0.1/24
        set interfaces ge-0/0/1 unit 20 vlan-id 120
        set interfaces ge-0/0/1 unit 20 family inet address 172.16.0.1/24
        set routing-instances red instance-type virtual-router
        set routing-instances red interface ge-0/0/0.10
        set routing-instances red interface ge-0/0/1.10
        set routing-instances blue instance-type virtual-router
        set routing-instances blue interface ge-0/0/0.20
        set routing-instances blue interface ge-0/0/1.20
        set security zones security-zone inside interfaces ge-0/0/0.10
        set security zones security-zone inside interfaces ge-0/0/0.20
        set security zones security-zone outside interfaces ge-0/0/1.10
        set security zones security-zone outside interfaces ge-0/0/1.20
        set security policies default-policy permit-all
        """);
    Path pcap =
        capture(syn("10.0.0.5", "172.16.0.9", 80, 10), syn("10.0.0.5", "172.16.0.9", 80, 20));
    try (FlowEngine engine = new FlowEngine(config, 1)) {
      engine.replay(List.of(pcap), -1);
      List<SessionSnapshot> sessions = engine.sessions(SessionFilter.ALL).getFirst();
      assertThat(sessions)
          .extracting(
              s ->
                  s.forward().interfaceName()
                      + " "
                      + Integer.toHexString(s.forward().sessionToken())
                      + " "
                      + s.reverse().interfaceName()
                      + " "
                      + Integer.toHexString(s.reverse().sessionToken()))
          .containsExactly("ge-0/0/0.10 106 ge-0/0/1.10 107", "ge-0/0/0.20 206 ge-0/0/1.20 207");
    }
  }
}
