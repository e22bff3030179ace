package org.flowgate.dataplane.appid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowgate.dataplane.appid.Payloads.ascii;
import static org.flowgate.dataplane.appid.Payloads.concat;
import static org.flowgate.dataplane.appid.Payloads.hex;
import static org.flowgate.dataplane.appid.Payloads.u16;
import static org.flowgate.dataplane.appid.Payloads.u32;

import org.junit.jupiter.api.Test;

/** Databases, messaging, remote access, file sharing and RPC over TCP, from packets built here. */
class BinaryProtocolIdentificationTest {
  private final ApplicationInspector inspector = new ApplicationInspector(AppIdSettings.defaults());

  private int id(String name) {
    return inspector.catalog().requireId(name);
  }

  private AppIdFlow tcp(int port) {
    return AppIdFlow.tcp(inspector, port).handshake();
  }

  private static byte[] le32(long value) {
    return new byte[] {
      (byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)
    };
  }

  @Test
  void namesMysqlFromTheServerGreeting() {
    byte[] greeting =
        concat(
            new byte[] {0x0a},
            ascii("8.0.36"),
            new byte[] {0},
            le32(42),
            ascii("abcdefgh"),
            new byte[] {0, (byte) 0xff, (byte) 0xf7, 0x21, 2, 0, (byte) 0xff, (byte) 0xc1, 21},
            new byte[10],
            ascii("ijklmnopqrst"),
            new byte[] {0});
    byte[] packet = concat(new byte[] {(byte) greeting.length, 0, 0, 0}, greeting);
    AppIdFlow flow = tcp(3306);
    assertThat(flow.server(packet)).isEqualTo(ApplicationCatalog.PENDING);

    byte[] response = concat(new byte[] {32, 0, 0, 1}, new byte[32]);
    assertThat(flow.client(response)).isEqualTo(id("junos:MYSQL"));
  }

  @Test
  void namesPostgresqlFromTheStartupMessage() {
    byte[] parameters = concat(ascii("user"), new byte[] {0}, ascii("flow"), new byte[] {0, 0});
    AppIdFlow flow = tcp(5432);
    flow.client(concat(u32(8 + parameters.length), u32(196_608), parameters));

    assertThat(flow.server(concat(ascii("R"), u32(8), u32(0)))).isEqualTo(id("junos:POSTGRESQL"));
  }

  @Test
  void namesPostgresqlThatAsksForTls() {
    AppIdFlow flow = tcp(5432);
    flow.client(concat(u32(8), u32(80_877_103)));

    assertThat(flow.server(ascii("S"))).isEqualTo(id("junos:POSTGRESQL"));
  }

  @Test
  void namesMsSqlFromPrelogin() {
    byte[] options = hex("00 0006 0001 ff 09000000 0000");
    AppIdFlow flow = tcp(1433);
    flow.client(concat(new byte[] {0x12, 1}, u16(8 + options.length), hex("0000 01 00"), options));

    assertThat(
            flow.server(
                concat(new byte[] {0x04, 1}, u16(8 + options.length), hex("0000 01 00"), options)))
        .isEqualTo(id("junos:MSSQL"));
  }

  @Test
  void namesMongodbFromARequestAndItsReply() {
    byte[] body = new byte[20];
    AppIdFlow flow = tcp(27017);
    flow.client(concat(le32(16 + body.length), le32(7), le32(0), le32(2013), body));

    assertThat(flow.server(concat(le32(16 + body.length), le32(99), le32(7), le32(2013), body)))
        .isEqualTo(id("junos:MONGODB"));
  }

  @Test
  void namesRedis() {
    AppIdFlow flow = tcp(6379);
    flow.client(ascii("*2\r\n$3\r\nGET\r\n$3\r\nkey\r\n"));

    assertThat(flow.server(ascii("$5\r\nvalue\r\n"))).isEqualTo(id("junos:REDIS"));
  }

  @Test
  void namesMqtt() {
    byte[] variable =
        concat(u16(4), ascii("MQTT"), new byte[] {4, 2}, u16(60), u16(2), ascii("id"));
    AppIdFlow flow = tcp(1883);
    flow.client(concat(new byte[] {0x10, (byte) variable.length}, variable));

    assertThat(flow.server(hex("20020000"))).isEqualTo(id("junos:MQTT"));
  }

  @Test
  void namesAmqp() {
    AppIdFlow flow = tcp(5672);
    flow.client(concat(ascii("AMQP"), new byte[] {0, 0, 9, 1}));

    assertThat(
            flow.server(concat(hex("01 0000"), u32(20), hex("000a 000a"), new byte[16], hex("ce"))))
        .isEqualTo(id("junos:AMQP"));
  }

  @Test
  void namesRdpFromTheX224ConnectionRequestAndConfirm() {
    byte[] cookie = ascii("Cookie: mstshash=admin\r\n");
    byte[] negotiation = hex("01 00 0800 03000000");
    int length = 11 + cookie.length + negotiation.length;
    AppIdFlow flow = tcp(3389);
    flow.client(
        concat(
            hex("0300"),
            u16(length),
            new byte[] {(byte) (length - 5), (byte) 0xe0},
            hex("0000 0000 00"),
            cookie,
            negotiation));

    assertThat(flow.server(concat(hex("0300 0013 0e d0 0000 1234 00"), hex("02 00 0800 01000000"))))
        .isEqualTo(id("junos:RDP"));
  }

  @Test
  void namesSmbOverDirectTcp() {
    byte[] header = concat(hex("fe534d42 4000 0000 00000000 0000"), new byte[50]);
    AppIdFlow flow = tcp(445);
    flow.client(concat(new byte[] {0, 0}, u16(header.length), header));

    assertThat(flow.server(concat(new byte[] {0, 0}, u16(header.length), header)))
        .isEqualTo(id("junos:SMB"));
  }

  @Test
  void aNetbiosSessionRequestWithoutSmbIsNetbios() {
    byte[] names =
        concat(
            new byte[] {0x20},
            ascii("CKAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
            new byte[] {0},
            new byte[] {0x20},
            ascii("EOGFGLGPCACACACACACACACACACACAAA"),
            new byte[] {0});
    AppIdFlow flow = tcp(139);
    flow.client(concat(new byte[] {(byte) 0x81, 0}, u16(names.length), names));
    flow.server(hex("82000000"));

    assertThat(flow.end()).isEqualTo(id("junos:NETBIOS"));
  }

  @Test
  void namesDceRpcFromBindAndBindAck() {
    AppIdFlow flow = tcp(135);
    flow.client(
        concat(
            hex("05 00 0b 03 10000000"), new byte[] {72, 0}, hex("0000 01000000"), new byte[56]));

    assertThat(
            flow.server(
                concat(
                    hex("05 00 0c 03 10000000"),
                    new byte[] {60, 0},
                    hex("0000 01000000"),
                    new byte[44])))
        .isEqualTo(id("junos:MS-RPC"));
  }

  @Test
  void namesNfsOverTcpFromACallAndItsReply() {
    byte[] call =
        concat(
            u32(0x1234),
            u32(0),
            u32(2),
            u32(100_003),
            u32(3),
            u32(1),
            u32(0),
            u32(0),
            u32(0),
            u32(0));
    byte[] reply = concat(u32(0x1234), u32(1), u32(0), u32(0), u32(0), u32(0));
    AppIdFlow flow = tcp(2049);
    flow.client(concat(u32(0x8000_0000L | call.length), call));

    assertThat(flow.server(concat(u32(0x8000_0000L | reply.length), reply)))
        .isEqualTo(id("junos:NFS"));
  }

  @Test
  void namesLdapFromABindAndItsResponse() {
    AppIdFlow flow = tcp(389);
    flow.client(hex("300c 020101 6007 020103 0400 8000"));

    assertThat(flow.server(hex("300c 020101 6107 0a0100 0400 0400"))).isEqualTo(id("junos:LDAP"));
  }

  @Test
  void namesKerberosOverTcp() {
    byte[] request = hex("6a 0f 30 0d a1 03 02 01 05 a2 03 02 01 0a a3 01 00");
    byte[] error = hex("7e 0f 30 0d a0 03 02 01 05 a1 03 02 01 1e a2 01 00");
    AppIdFlow flow = tcp(88);
    flow.client(concat(u32(request.length), request));

    assertThat(flow.server(concat(u32(error.length), error))).isEqualTo(id("junos:KERBEROS"));
  }

  @Test
  void namesBittorrentFromBothHandshakes() {
    byte[] handshake = concat(new byte[] {19}, ascii("BitTorrent protocol"), new byte[48]);
    AppIdFlow flow = tcp(51413);
    flow.client(handshake);

    assertThat(flow.server(handshake)).isEqualTo(id("junos:BITTORRENT"));
  }

  @Test
  void namesOpenvpnOverTcp() {
    byte[] session = hex("1122334455667788");
    byte[] client = concat(new byte[] {0x38}, session, hex("00 00000000"));
    byte[] server =
        concat(
            new byte[] {0x40},
            hex("8877665544332211"),
            hex("01 00000000"),
            session,
            hex("00000000"));
    AppIdFlow flow = tcp(1194);
    flow.client(concat(u16(client.length), client));

    assertThat(flow.server(concat(u16(server.length), server))).isEqualTo(id("junos:OPENVPN"));
  }

  @Test
  void namesDnsOverTcp() {
    byte[] query = hex("abcd 0100 0001 0000 0000 0000 076578616d706c6503636f6d00 0001 0001");
    byte[] answer =
        hex(
            "abcd 8180 0001 0001 0000 0000 076578616d706c6503636f6d00 0001 0001 c00c 0001 0001 00000e10 0004 c0000201");
    AppIdFlow flow = tcp(53);
    flow.client(concat(u16(query.length), query));

    assertThat(flow.server(concat(u16(answer.length), answer))).isEqualTo(id("junos:DNS"));
  }

  @Test
  void namesRtpFramedOverTcp() {
    byte[] first = hex("8008 0001 00000000 cafebabe");
    byte[] second = hex("8008 0002 000000a0 cafebabe");
    AppIdFlow flow = tcp(5000);
    flow.client(
        concat(
            u16(first.length + 20),
            first,
            new byte[20],
            u16(second.length + 20),
            second,
            new byte[20]));

    assertThat(flow.end()).isEqualTo(id("junos:RTP"));
  }

  @Test
  void namesSyslogOverTcpOffItsPortFromAFullHeader() {
    AppIdFlow flow = tcp(52173);
    flow.client(ascii("<22>1 2021-04-18T14:51:48+04:00 host app - - - message\n"));

    assertThat(flow.verdict()).isEqualTo(id("junos:SYSLOG"));
  }
}
