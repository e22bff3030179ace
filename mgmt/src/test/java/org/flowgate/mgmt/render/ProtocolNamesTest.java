package org.flowgate.mgmt.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProtocolNamesTest {
  @Test
  void namesTheProtocolsJunosNames() {
    assertThat(ProtocolNames.name(6)).isEqualTo("tcp");
    assertThat(ProtocolNames.name(17)).isEqualTo("udp");
    assertThat(ProtocolNames.name(1)).isEqualTo("icmp");
    assertThat(ProtocolNames.name(58)).isEqualTo("icmp6");
    assertThat(ProtocolNames.name(47)).isEqualTo("gre");
    assertThat(ProtocolNames.name(50)).isEqualTo("esp");
    assertThat(ProtocolNames.name(51)).isEqualTo("ah");
    assertThat(ProtocolNames.name(132)).isEqualTo("sctp");
    assertThat(ProtocolNames.name(89)).isEqualTo("ospf");
    assertThat(ProtocolNames.name(103)).isEqualTo("pim");
    assertThat(ProtocolNames.name(2)).isEqualTo("igmp");
    assertThat(ProtocolNames.name(4)).isEqualTo("ipip");
    assertThat(ProtocolNames.name(41)).isEqualTo("ipv6");
    assertThat(ProtocolNames.name(8)).isEqualTo("egp");
    assertThat(ProtocolNames.name(46)).isEqualTo("rsvp");
    assertThat(ProtocolNames.name(112)).isEqualTo("vrrp");
  }

  @Test
  void printsOtherProtocolsAsDecimal() {
    assertThat(ProtocolNames.name(0)).isEqualTo("0");
    assertThat(ProtocolNames.name(115)).isEqualTo("115");
    assertThat(ProtocolNames.name(255)).isEqualTo("255");
    assertThat(ProtocolNames.name(300)).isEqualTo("300");
    assertThat(ProtocolNames.name(-1)).isEqualTo("-1");
  }
}
