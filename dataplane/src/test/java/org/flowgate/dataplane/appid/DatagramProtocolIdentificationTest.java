package org.flowgate.dataplane.appid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowgate.dataplane.appid.Payloads.ascii;
import static org.flowgate.dataplane.appid.Payloads.concat;
import static org.flowgate.dataplane.appid.Payloads.hex;
import static org.flowgate.dataplane.appid.Payloads.u16;
import static org.flowgate.dataplane.appid.Payloads.u32;

import org.junit.jupiter.api.Test;

/** UDP protocols, and the ones named by IP protocol, from packets built here. */
class DatagramProtocolIdentificationTest {
  private final ApplicationInspector inspector = new ApplicationInspector(AppIdSettings.defaults());

  private int id(String name) {
    return inspector.catalog().requireId(name);
  }

  private AppIdFlow udp(int port) {
    AppIdFlow flow = AppIdFlow.udp(inspector, port);
    flow.begin();
    return flow;
  }

  private static final byte[] DNS_QUERY =
      hex("1a2b 0100 0001 0000 0000 0000 03777777 076578616d706c65 03636f6d 00 0001 0001");
  private static final byte[] DNS_RESPONSE =
      hex(
          "1a2b 8180 0001 0001 0000 0000 03777777 076578616d706c65 03636f6d 00 0001 0001"
              + " c00c 0001 0001 0000003c 0004 c0000201");

  @Test
  void namesDnsOnPort53FromTheQueryAlone() {
    assertThat(udp(53).datagram(true, DNS_QUERY)).isEqualTo(id("junos:DNS"));
  }

  @Test
  void namesDnsOffPort53FromAQueryAndItsResponse() {
    AppIdFlow flow = udp(5300);
    assertThat(flow.datagram(true, DNS_QUERY)).isEqualTo(ApplicationCatalog.PENDING);
    assertThat(flow.datagram(false, DNS_RESPONSE)).isEqualTo(id("junos:DNS"));
  }

  @Test
  void namesMulticastDnsOnItsPort() {
    assertThat(udp(5353).datagram(true, DNS_QUERY)).isEqualTo(id("junos:MDNS"));
  }

  @Test
  void namesNtpFromARequestAndItsReply() {
    byte[] request = concat(new byte[] {0x23}, new byte[47]); // LI 0, v4, mode 3
    byte[] reply = concat(new byte[] {0x24, 2}, new byte[46]); // mode 4, stratum 2
    AppIdFlow flow = udp(123);
    assertThat(flow.datagram(true, request)).isEqualTo(ApplicationCatalog.PENDING);
    assertThat(flow.datagram(false, reply)).isEqualTo(id("junos:NTP"));
  }

  @Test
  void anNtpRequestAloneIsNtpWhenTheSessionEnds() {
    AppIdFlow flow = udp(123);
    flow.datagram(true, concat(new byte[] {0x23}, new byte[47]));

    assertThat(flow.end()).isEqualTo(id("junos:NTP"));
  }

  @Test
  void namesDhcpFromADiscover() {
    byte[] discover = new byte[300];
    discover[0] = 1;
    discover[1] = 1;
    discover[2] = 6;
    System.arraycopy(hex("63825363 350101 ff"), 0, discover, 236, 7);
    AppIdFlow flow = AppIdFlow.of(inspector, "0.0.0.0", 68, "255.255.255.255", 67, 17);
    flow.begin();

    assertThat(flow.datagram(true, discover)).isEqualTo(id("junos:DHCP"));
  }

  @Test
  void namesDhcpv6FromASolicit() {
    byte[] solicit = hex("01 abcdef 0001 000e 00010001 2a3b4c5d 001122334455 0008 0002 0000");
    AppIdFlow flow = AppIdFlow.of(inspector, "fe80::1", 546, "ff02::1:2", 547, 17);
    flow.begin();

    assertThat(flow.datagram(true, solicit)).isEqualTo(id("junos:DHCPV6"));
  }

  @Test
  void namesSnmpV2cFromAGetRequest() {
    byte[] get =
        hex(
            "3026 020101 0406 7075626c6963 a019 0204 1234abcd 020100 020100 300b 3009 0605 2b06010201 0500");
    assertThat(udp(161).datagram(true, get)).isEqualTo(id("junos:SNMP"));
  }

  @Test
  void namesSyslogOnItsPort() {
    assertThat(
            udp(514).datagram(true, ascii("<34>Oct 11 22:14:15 mymachine su: 'su root' failed\n")))
        .isEqualTo(id("junos:SYSLOG"));
  }

  @Test
  void namesTftpFromAReadRequest() {
    byte[] request =
        concat(u16(1), ascii("boot.img"), new byte[] {0}, ascii("octet"), new byte[] {0});
    assertThat(udp(69).datagram(true, request)).isEqualTo(id("junos:TFTP"));
  }

  @Test
  void namesATftpTransferFromDataAndAcknowledgement() {
    AppIdFlow flow = udp(50_000);
    flow.datagram(true, concat(u16(3), u16(1), new byte[512]));

    assertThat(flow.datagram(false, concat(u16(4), u16(1)))).isEqualTo(id("junos:TFTP"));
  }

  @Test
  void namesRtpFromConsecutivePacketsOfOneSource() {
    byte[] first = concat(hex("8000 1000 00000000 11223344"), new byte[160]);
    byte[] second = concat(hex("8000 1001 000000a0 11223344"), new byte[160]);
    AppIdFlow flow = udp(16_384);
    assertThat(flow.datagram(true, first)).isEqualTo(ApplicationCatalog.PENDING);
    flow.datagram(true, second);
    flow.datagram(false, concat(hex("8000 5000 00000000 55667788"), new byte[160]));

    assertThat(flow.datagram(false, concat(hex("8000 5001 000000a0 55667788"), new byte[160])))
        .isEqualTo(id("junos:RTP"));
  }

  @Test
  void oneRtpLikePacketIsNotRtp() {
    AppIdFlow flow = udp(16_384);
    flow.datagram(true, concat(hex("8000 1000 00000000 11223344"), new byte[160]));

    assertThat(flow.end()).isEqualTo(ApplicationCatalog.INCONCLUSIVE);
  }

  @Test
  void namesRtcpFromACompoundReport() {
    byte[] report =
        concat(hex("81c9 0007 11223344"), new byte[24], hex("81ca 0002 11223344 0000 0000"));
    AppIdFlow flow = udp(16_385);
    flow.datagram(true, report);

    assertThat(flow.end()).isEqualTo(id("junos:RTCP"));
  }

  @Test
  void namesStunFromABindingRequestWithTheMagicCookie() {
    byte[] binding = hex("0001 0008 2112a442 0102030405060708090a0b0c 8022 0004 74657374");
    assertThat(udp(3478).datagram(true, binding)).isEqualTo(id("junos:STUN"));
  }

  @Test
  void namesIkeFromAnIsakmpHeader() {
    byte[] header =
        concat(
            hex("1122334455667788 0000000000000000 21 20 22 08 00000000"),
            u32(28 + 8),
            new byte[8]);
    assertThat(udp(500).datagram(true, header)).isEqualTo(id("junos:IKE"));
  }

  @Test
  void namesEspInUdpOnTheNatTraversalPortFromConsecutiveSequenceNumbers() {
    AppIdFlow flow = udp(4500);
    flow.datagram(true, concat(hex("c0ffee01 00000001"), new byte[64]));
    flow.datagram(true, concat(hex("c0ffee01 00000002"), new byte[64]));
    flow.datagram(false, concat(hex("0badbeef 00000001"), new byte[64]));

    assertThat(flow.datagram(false, concat(hex("0badbeef 00000002"), new byte[64])))
        .isEqualTo(id("junos:ESP"));
  }

  @Test
  void namesWireguardFromTheHandshake() {
    AppIdFlow flow = udp(51_820);
    flow.datagram(true, concat(hex("01000000"), new byte[144]));

    assertThat(flow.datagram(false, concat(hex("02000000"), new byte[88])))
        .isEqualTo(id("junos:WIREGUARD"));
  }

  @Test
  void namesOpenvpnOverUdpWhenTheServerAcknowledgesTheClientSession() {
    byte[] session = hex("0102030405060708");
    AppIdFlow flow = udp(1194);
    flow.datagram(true, concat(new byte[] {0x38}, session, hex("00 00000000")));

    byte[] reset =
        concat(
            new byte[] {0x40},
            hex("a1a2a3a4a5a6a7a8"),
            hex("01 00000000"),
            session,
            hex("00000000"));
    assertThat(flow.datagram(false, reset)).isEqualTo(id("junos:OPENVPN"));
  }

  @Test
  void namesNetbiosNameServiceQueries() {
    byte[] query =
        concat(
            hex("8001 0110 0001 0000 0000 0000 20"),
            ascii("EBEBEBEBEBEBEBEBEBEBEBEBEBEBEBAA"),
            hex("00 0020 0001"));
    AppIdFlow flow = AppIdFlow.of(inspector, "192.168.1.5", 137, "192.168.1.255", 137, 17);
    flow.begin();

    assertThat(flow.datagram(true, query)).isEqualTo(id("junos:NETBIOS"));
  }

  @Test
  void namesKerberosAndLdapOverUdp() {
    AppIdFlow kerberos = udp(88);
    kerberos.datagram(true, hex("6a 0f 30 0d a1 03 02 01 05 a2 03 02 01 0a a3 01 00"));
    assertThat(kerberos.datagram(false, hex("7e 0f 30 0d a0 03 02 01 05 a1 03 02 01 1e a2 01 00")))
        .isEqualTo(id("junos:KERBEROS"));

    AppIdFlow ldap = udp(389);
    ldap.datagram(true, hex("300c 020101 6307 0400 0a0100 0a0100"));
    assertThat(ldap.datagram(false, hex("300c 020101 6507 0a0100 0400 0400")))
        .isEqualTo(id("junos:LDAP"));
  }

  @Test
  void namesSunRpcOverUdpFromTheCallsProgram() {
    byte[] call =
        concat(
            u32(77),
            u32(0),
            u32(2),
            u32(100_000),
            u32(2),
            u32(3),
            u32(0),
            u32(0),
            u32(0),
            u32(0),
            new byte[16]);
    AppIdFlow flow = udp(111);
    flow.datagram(true, call);

    assertThat(flow.datagram(false, concat(u32(77), u32(1), u32(0), new byte[12])))
        .isEqualTo(id("junos:SUNRPC"));
  }

  @Test
  void namesBittorrentDhtOverUdp() {
    byte[] query = concat(ascii("d1:ad2:id20:"), new byte[20], ascii("e1:q4:ping1:t2:aa1:y1:qe"));
    byte[] response = concat(ascii("d1:rd2:id20:"), new byte[20], ascii("e1:t2:aa1:y1:re"));
    AppIdFlow flow = udp(6881);
    flow.datagram(true, query);

    assertThat(flow.datagram(false, response)).isEqualTo(id("junos:BITTORRENT"));
  }

  @Test
  void namesGoogleQuicFromItsClearChlo() {
    // | flags 0x0d | CID (8) | "Q043" | pn | message hash (12) | STREAM frame | "CHLO" ...
    byte[] sni = ascii("www.youtube.com");
    byte[] chlo =
        concat(
            ascii("CHLO"),
            new byte[] {2, 0, 0, 0},
            ascii("PAD\0"),
            new byte[] {10, 0, 0, 0},
            ascii("SNI\0"),
            new byte[] {(byte) (10 + sni.length), 0, 0, 0},
            new byte[10],
            sni);
    byte[] packet =
        concat(
            hex("0d 0102030405060708"),
            ascii("Q043"),
            hex("01"),
            new byte[12],
            hex("a0 01 00 04"),
            chlo,
            new byte[1000]);
    AppIdFlow flow = udp(443);

    flow.datagram(true, packet);

    assertThat(flow.end()).isEqualTo(id("junos:QUIC"));
    assertThat(inspector.lastNestedApplication()).isEqualTo(id("junos:YOUTUBE"));
  }

  @Test
  void namesIcmpEspAndGreByTheirIpProtocol() {
    for (var expected :
        new Object[][] {
          {1, "junos:ICMP"}, {58, "junos:ICMPV6"}, {50, "junos:ESP"}, {47, "junos:GRE"}
        }) {
      int handle = inspector.begin(0, (int) expected[0], false, 0, 1, 0, 0, 2, 0);
      assertThat(handle).isEqualTo(ApplicationInspector.NO_HANDLE);
      assertThat(inspector.lastApplication()).isEqualTo(id((String) expected[1]));
    }
    assertThat(inspector.decidedByIpProtocol()).isEqualTo(4);
  }
}
