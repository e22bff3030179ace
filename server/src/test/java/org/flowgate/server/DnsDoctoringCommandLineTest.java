package org.flowgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DNS doctoring with static NAT (docs/adr/0039-alg-nat-rewriting.md), written with {@code --write}
 * and read back by tshark: a reply to a client on the rule set's side (untrust) carries the public
 * address of a host behind static NAT in place of its private one; a reply to an inside client
 * carries the private address in place of the public one; addresses no rule names, and AAAA
 * records, are left as they are; UDP checksums stay valid. With {@code doctoring sanity-check}
 * nothing is translated.
 */
class DnsDoctoringCommandLineTest {
  @TempDir Path dir;

  private static final String CONFIG =
      """
      set interfaces ge-0/0/0 unit 0 family inet address 203.0.113.1/24
      set interfaces ge-0/0/1 unit 0 family inet address 192.168.1.1/24
      set routing-options static route 0.0.0.0/0 next-hop 203.0.113.254
      set security zones security-zone untrust interfaces ge-0/0/0.0
      set security zones security-zone trust interfaces ge-0/0/1.0
      set security nat static rule-set published from zone untrust
      set security nat static rule-set published rule dns match destination-address 203.0.113.53/32
      set security nat static rule-set published rule dns then static-nat prefix 192.168.1.53/32
      set security nat static rule-set published rule web match destination-address 203.0.113.80/32
      set security nat static rule-set published rule web then static-nat prefix 192.168.1.80/32
      set security policies from-zone untrust to-zone trust policy dns-in match source-address any
      set security policies from-zone untrust to-zone trust policy dns-in match destination-address any
      set security policies from-zone untrust to-zone trust policy dns-in match application junos-dns-udp
      set security policies from-zone untrust to-zone trust policy dns-in then permit
      set security policies from-zone trust to-zone untrust policy dns-out match source-address any
      set security policies from-zone trust to-zone untrust policy dns-out match destination-address any
      set security policies from-zone trust to-zone untrust policy dns-out match application junos-dns-udp
      set security policies from-zone trust to-zone untrust policy dns-out then permit
      """;

  /** A reply to {@code query} with one record per address (A for IPv4, AAAA for IPv6). */
  private static byte[] reply(byte[] query, String... addresses) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(query);
    for (String address : addresses) {
      byte[] rdata = java.net.InetAddress.getByName(address).getAddress();
      int type = rdata.length == 4 ? 1 : 28;
      out.writeBytes(new byte[] {(byte) 0xc0, 12, 0, (byte) type, 0, 1, 0, 0, 0, 60, 0});
      out.write(rdata.length);
      out.writeBytes(rdata);
    }
    byte[] r = out.toByteArray();
    r[2] = (byte) 0x81;
    r[3] = (byte) 0x80;
    r[7] = (byte) addresses.length;
    return r;
  }

  private static byte[] udp(String from, int fromPort, String to, int toPort, byte[] payload) {
    return PacketBuilder.ipv4(from, to).udp(fromPort, toPort).payload(payload).ethernet();
  }

  private List<byte[]> traffic() throws Exception {
    List<byte[]> frames = new ArrayList<>();
    // an outside client asks the published server (static NAT) about the web server
    byte[] outside = DnsAlgCommandLineTest.query(0x1111, "www", "example", "com");
    frames.add(udp("198.51.100.9", 40001, "203.0.113.53", 53, outside));
    frames.add(
        udp(
            "192.168.1.53",
            53,
            "198.51.100.9",
            40001,
            reply(outside, "192.168.1.80", "192.168.1.99", "fd00::80")));
    // an inside client asks an outside server, which answers with the web server's public address
    byte[] inside = DnsAlgCommandLineTest.query(0x2222, "www", "example", "com");
    frames.add(udp("192.168.1.10", 40002, "198.51.100.53", 53, inside));
    frames.add(
        udp("198.51.100.53", 53, "192.168.1.10", 40002, reply(inside, "203.0.113.80", "8.8.8.8")));
    return frames;
  }

  private List<String> answers(String config) throws Exception {
    Path written = dir.resolve("doctored-" + config.hashCode() + ".pcap");
    AlgReplay.Run run =
        AlgReplay.replay(
            dir,
            config,
            AlgReplay.capture(dir, "dns.pcap", traffic(), 0),
            List.of("--spus", "1", "--write", written.toString()),
            "show security flow statistics | match \"Packets dropped|policy deny\"");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("Packets dropped: 0");
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/tshark")),
        "tshark is not installed (apt-get install tshark; .ci/run does)");
    assertThat(
            Tshark.read(
                written.toString(),
                "-o",
                "udp.check_checksum:TRUE",
                "-o",
                "ip.check_checksum:TRUE",
                "-Y",
                "udp.checksum.status == 0 || ip.checksum.status == 0 || _ws.malformed",
                "-T",
                "fields",
                "-e",
                "frame.number"))
        .as("every checksum valid, nothing malformed")
        .isEmpty();
    return Tshark.read(
        written.toString(),
        "-Y",
        "dns.flags.response == 1",
        "-T",
        "fields",
        "-e",
        "ip.dst",
        "-e",
        "dns.a",
        "-e",
        "dns.aaaa");
  }

  @Test
  void aRecordsNamingAStaticNatHostCarryTheAddressTheClientKnowsItBy() throws Exception {
    assertThat(answers(CONFIG))
        .containsExactly(
            "198.51.100.9\t203.0.113.80,192.168.1.99\tfd00::80",
            "192.168.1.10\t192.168.1.80,8.8.8.8\t");
  }

  @Test
  void sanityCheckDoctoringLeavesTheRecordsAlone() throws Exception {
    assertThat(answers(CONFIG + "set security alg dns doctoring sanity-check\n"))
        .containsExactly(
            "198.51.100.9\t192.168.1.80,192.168.1.99\tfd00::80",
            "192.168.1.10\t203.0.113.80,8.8.8.8\t");
  }
}
