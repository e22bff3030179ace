package org.flowgate.dataplane.appid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowgate.dataplane.appid.Payloads.ascii;
import static org.flowgate.dataplane.appid.Payloads.clientHello;
import static org.flowgate.dataplane.appid.Payloads.concat;
import static org.flowgate.dataplane.appid.Payloads.record;

import org.junit.jupiter.api.Test;

/** HTTP, SSH and the line-oriented protocols, each from packets built here. */
class TextProtocolIdentificationTest {
  private final ApplicationInspector inspector = new ApplicationInspector(AppIdSettings.defaults());

  private int id(String name) {
    return inspector.catalog().requireId(name);
  }

  private AppIdFlow tcp(int port) {
    return AppIdFlow.tcp(inspector, port).handshake();
  }

  @Test
  void namesHttpAndTheNestedApplicationOfTheHost() {
    AppIdFlow flow = tcp(80);

    assertThat(
            flow.client(
                ascii(
                    "GET /watch?v=1 HTTP/1.1\r\nUser-Agent: t\r\nHost: www.youtube.com:80\r\n\r\n")))
        .isEqualTo(ApplicationCatalog.PENDING);
    assertThat(flow.server(ascii("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")))
        .isEqualTo(id("junos:HTTP"));
    assertThat(flow.nested()).isEqualTo(id("junos:YOUTUBE"));
    assertThat(inspector.encryption(flow.verdict())).isEqualTo(Encryption.NO);
  }

  @Test
  void namesHttpFromARequestSplitOverSegments() {
    AppIdFlow flow = tcp(8080);
    flow.client(ascii("PO"));
    flow.client(ascii("ST /api HTTP/1.0\r\nho"));
    flow.client(ascii("st: API.Dropbox.com\r\n\r\n"));

    assertThat(flow.server(ascii("HTTP/1.0 204 No Content\r\n\r\n"))).isEqualTo(id("junos:HTTP"));
    assertThat(flow.nested()).isEqualTo(id("junos:DROPBOX"));
  }

  @Test
  void namesHttp2WithPriorKnowledge() {
    AppIdFlow flow = tcp(80);
    flow.client(ascii("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"));

    assertThat(flow.server(Payloads.hex("000000040000000000"))).isEqualTo(id("junos:HTTP2"));
  }

  @Test
  void aResponseAloneIsHttpWhenTheSessionEnds() {
    AppIdFlow flow = tcp(80);
    flow.server(ascii("HTTP/1.1 404 Not Found\r\n\r\n"));

    assertThat(flow.end()).isEqualTo(id("junos:HTTP"));
  }

  @Test
  void namesSshFromBothBanners() {
    AppIdFlow flow = tcp(2222);
    flow.server(ascii("SSH-2.0-OpenSSH_9.6\r\n"));

    assertThat(flow.client(ascii("SSH-2.0-PuTTY_Release_0.80\r\n"))).isEqualTo(id("junos:SSH"));
    assertThat(inspector.encryption(flow.verdict())).isEqualTo(Encryption.NO);
  }

  @Test
  void namesFtpFromTheGreetingAndTheFirstCommand() {
    AppIdFlow flow = tcp(21);
    flow.server(ascii("220 (vsFTPd 3.0.5)\r\n"));

    assertThat(flow.client(ascii("USER anonymous\r\n"))).isEqualTo(id("junos:FTP"));
  }

  @Test
  void namesSmtpOnceTheClientSendsMail() {
    AppIdFlow flow = tcp(25);
    flow.server(ascii("220 mx.example.org ESMTP Postfix\r\n"));
    assertThat(flow.client(ascii("EHLO client.example\r\n"))).isEqualTo(ApplicationCatalog.PENDING);
    flow.server(ascii("250-mx.example.org\r\n250-STARTTLS\r\n250 8BITMIME\r\n"));

    assertThat(flow.client(ascii("MAIL FROM:<a@example.org>\r\n"))).isEqualTo(id("junos:SMTP"));
  }

  @Test
  void namesSmtpsWhenTheClientStartsTlsAfterStarttls() {
    AppIdFlow flow = tcp(587);
    flow.server(ascii("220 mail.example ESMTP\r\n"));
    flow.client(ascii("EHLO me\r\n"));
    flow.server(ascii("250-mail.example\r\n250 STARTTLS\r\n"));
    assertThat(flow.client(ascii("STARTTLS\r\n"))).isEqualTo(ApplicationCatalog.PENDING);
    flow.server(ascii("220 2.0.0 Ready to start TLS\r\n"));

    assertThat(flow.client(record(22, clientHello("mail.example", null, 0))))
        .isEqualTo(id("junos:SMTPS"));
    assertThat(inspector.encryption(flow.verdict())).isEqualTo(Encryption.YES);
  }

  @Test
  void anSmtpSessionThatEndsAfterEhloIsSmtp() {
    AppIdFlow flow = tcp(25);
    flow.server(ascii("220 mail ESMTP\r\n"));
    flow.client(ascii("EHLO me\r\n"));

    assertThat(flow.end()).isEqualTo(id("junos:SMTP"));
  }

  @Test
  void namesImapAndImapsAfterStarttls() {
    AppIdFlow plain = tcp(143);
    plain.server(ascii("* OK [CAPABILITY IMAP4rev1 STARTTLS] Dovecot ready.\r\n"));
    plain.client(ascii("a001 CAPABILITY\r\n"));
    assertThat(plain.client(ascii("a002 LOGIN user pass\r\n"))).isEqualTo(id("junos:IMAP"));

    AppIdFlow upgraded = tcp(143);
    upgraded.server(ascii("* OK IMAP4rev1 ready\r\n"));
    upgraded.client(ascii("A1 STARTTLS\r\n"));
    upgraded.server(ascii("A1 OK Begin TLS negotiation now\r\n"));
    assertThat(upgraded.client(record(22, clientHello("imap.example", null, 0))))
        .isEqualTo(id("junos:IMAPS"));
  }

  @Test
  void namesPop3AndPop3sAfterStls() {
    AppIdFlow plain = tcp(110);
    plain.server(ascii("+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n"));
    assertThat(plain.client(ascii("USER mrose\r\n"))).isEqualTo(id("junos:POP3"));

    AppIdFlow upgraded = tcp(110);
    upgraded.server(ascii("+OK ready\r\n"));
    upgraded.client(ascii("STLS\r\n"));
    upgraded.server(ascii("+OK Begin TLS\r\n"));
    assertThat(upgraded.client(record(22, clientHello(null, null, 0))))
        .isEqualTo(id("junos:POP3S"));
  }

  @Test
  void namesNntp() {
    AppIdFlow flow = tcp(119);
    flow.server(ascii("200 news.example.com InterNetNews server INN 2.7 ready\r\n"));

    assertThat(flow.client(ascii("MODE READER\r\n"))).isEqualTo(id("junos:NNTP"));
  }

  @Test
  void namesIrc() {
    AppIdFlow flow = tcp(6667);
    flow.client(ascii("NICK flowgate\r\nUSER flowgate 0 * :Flow Gate\r\n"));

    assertThat(flow.server(ascii(":irc.example.net 001 flowgate :Welcome to IRC\r\n")))
        .isEqualTo(id("junos:IRC"));
  }

  @Test
  void namesTelnetFromOptionNegotiation() {
    AppIdFlow flow = tcp(23);
    flow.server(Payloads.hex("fffd18 fffd20 fffd23 fffd27"));

    assertThat(flow.client(Payloads.hex("fffb18 fffb20 fffb23 fffb27")))
        .isEqualTo(id("junos:TELNET"));
  }

  @Test
  void namesSipOverTcpAndUdp() {
    String invite =
        "INVITE sip:bob@biloxi.example.com SIP/2.0\r\nVia: SIP/2.0/TCP client.atlanta.example.com\r\n\r\n";
    AppIdFlow tcp = tcp(5060);
    tcp.client(ascii(invite));
    assertThat(tcp.server(ascii("SIP/2.0 100 Trying\r\n\r\n"))).isEqualTo(id("junos:SIP"));

    AppIdFlow udp = AppIdFlow.udp(inspector, 5060);
    udp.begin();
    assertThat(udp.datagram(true, ascii(invite))).isEqualTo(ApplicationCatalog.PENDING);
    assertThat(udp.datagram(false, ascii("SIP/2.0 180 Ringing\r\n\r\n")))
        .isEqualTo(id("junos:SIP"));
  }

  @Test
  void namesRtsp() {
    AppIdFlow flow = tcp(554);
    flow.client(ascii("OPTIONS rtsp://media.example.com/stream RTSP/1.0\r\nCSeq: 1\r\n\r\n"));

    assertThat(flow.server(ascii("RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n")))
        .isEqualTo(id("junos:RTSP"));
  }

  @Test
  void anHttpLikeRequestOfAnotherVersionIsNotHttp() {
    AppIdFlow flow = tcp(80);
    flow.client(ascii("GET / FOO/9.9\r\n\r\n"));
    flow.server(ascii("garbage\r\n"));

    assertThat(flow.end()).isNotEqualTo(id("junos:HTTP"));
  }

  @Test
  void aTlsClientHelloAfterStarttlsWithoutGreetingIsStillSmtpOrSmtps() {
    AppIdFlow flow = tcp(25);
    flow.client(concat(ascii("EHLO x\r\nSTARTTLS\r\n"), record(22, clientHello(null, null, 0))));

    assertThat(flow.verdict()).isEqualTo(id("junos:SMTPS"));
  }

  @Test
  void namesHttpOverIpv6() {
    AppIdFlow flow =
        AppIdFlow.of(inspector, "2001:db8::1", 50_000, "2001:db8:1::80", 80, 6).handshake();
    flow.client(ascii("GET / HTTP/1.1\r\nHost: [2001:db8:1::80]:80\r\n\r\n"));

    assertThat(flow.server(ascii("HTTP/1.1 301 Moved\r\n\r\n"))).isEqualTo(id("junos:HTTP"));
    assertThat(flow.nested()).isEqualTo(ApplicationCatalog.UNKNOWN);
  }

  @Test
  void aRequestStaysHttpWhenTheCaptureLostTheStartOfTheResponse() {
    AppIdFlow flow = tcp(80);
    flow.client(ascii("GET /video.mp4 HTTP/1.1\r\nHost: cdn.example\r\n\r\n"));
    flow.server(Payloads.hex("b4b54b12381c518208e051db6631eaba"));

    assertThat(flow.end()).isEqualTo(id("junos:HTTP"));
  }
}
