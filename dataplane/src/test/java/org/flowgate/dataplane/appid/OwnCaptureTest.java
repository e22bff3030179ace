package org.flowgate.dataplane.appid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowgate.dataplane.appid.Payloads.ascii;
import static org.flowgate.dataplane.appid.Payloads.clientHello;
import static org.flowgate.dataplane.appid.Payloads.concat;
import static org.flowgate.dataplane.appid.Payloads.hex;
import static org.flowgate.dataplane.appid.Payloads.record;
import static org.flowgate.dataplane.appid.Payloads.serverHello;
import static org.flowgate.dataplane.appid.Payloads.slice;
import static org.flowgate.dataplane.appid.Payloads.u16;
import static org.flowgate.dataplane.appid.Payloads.u32;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowgate.dataplane.appid.CorpusFlows.Key;
import org.flowgate.dataplane.appid.CorpusFlows.Result;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture of our own with a session of every protocol the issue lists, written with {@link
 * PcapWriter}, interleaved in time, then read back through {@code CaptureReader} and {@code
 * PacketParser} and identified flow by flow ({@link CorpusFlows}): each session's server has its
 * own address, and its expected application is known exactly.
 */
class OwnCaptureTest {
  private record Frame(long timeNs, byte[] bytes) {}

  private final List<Frame> frames = new ArrayList<>();
  private final Map<String, String> expected = new LinkedHashMap<>();
  private int nextServer = 1;
  private long clock = 1_700_000_000_000_000_000L;

  /** One session's packets; the sender of the first is the client. */
  private final class Session {
    final String client;
    final String server;
    final int clientPort;
    final int serverPort;
    final boolean tcp;
    long clientSequence = 5_000;
    long serverSequence = 70_000;

    Session(String expectedApplication, boolean tcp, int serverPort) {
      this.client = "10.1.0." + nextServer;
      this.server = "198.51.100." + nextServer++;
      this.clientPort = 30_000 + nextServer;
      this.serverPort = serverPort;
      this.tcp = tcp;
      expected.put(server, expectedApplication);
      if (tcp) {
        add(
            PacketBuilder.ipv4(client, server)
                .tcp(clientPort, serverPort, PacketBuilder.SYN, clientSequence - 1, 0)
                .ethernet());
        add(
            PacketBuilder.ipv4(server, client)
                .tcp(
                    serverPort,
                    clientPort,
                    PacketBuilder.SYN | PacketBuilder.ACK,
                    serverSequence - 1,
                    clientSequence)
                .ethernet());
        add(
            PacketBuilder.ipv4(client, server)
                .tcp(clientPort, serverPort, PacketBuilder.ACK, clientSequence, serverSequence)
                .ethernet());
      }
    }

    Session client(byte[] payload) {
      PacketBuilder b = PacketBuilder.ipv4(client, server);
      if (tcp) {
        add(
            b.tcp(
                    clientPort,
                    serverPort,
                    PacketBuilder.ACK | PacketBuilder.PSH,
                    clientSequence,
                    serverSequence)
                .payload(payload)
                .ethernet());
        clientSequence += payload.length;
      } else {
        add(b.udp(clientPort, serverPort).payload(payload).ethernet());
      }
      return this;
    }

    Session server(byte[] payload) {
      PacketBuilder b = PacketBuilder.ipv4(server, client);
      if (tcp) {
        add(
            b.tcp(
                    serverPort,
                    clientPort,
                    PacketBuilder.ACK | PacketBuilder.PSH,
                    serverSequence,
                    clientSequence)
                .payload(payload)
                .ethernet());
        serverSequence += payload.length;
      } else {
        add(b.udp(serverPort, clientPort).payload(payload).ethernet());
      }
      return this;
    }
  }

  private void add(byte[] frame) {
    clock += 1_000_000; // 1 ms apart
    frames.add(new Frame(clock, frame));
  }

  private Session tcp(String application, int port) {
    return new Session(application, true, port);
  }

  private Session udp(String application, int port) {
    return new Session(application, false, port);
  }

  @Test
  void namesEverySessionOfACaptureWithEveryListedProtocol(@TempDir Path directory)
      throws IOException {
    tcp("junos:HTTP", 80)
        .client(ascii("GET / HTTP/1.1\r\nHost: www.example.org\r\n\r\n"))
        .server(ascii("HTTP/1.1 200 OK\r\n\r\n"));
    byte[] hello = record(22, clientHello("www.google.com", "h2", 700));
    tcp("junos:SSL", 443)
        .client(slice(hello, 0, 7))
        .client(slice(hello, 7, 300))
        .client(slice(hello, 300, hello.length))
        .server(serverHello());
    udp("junos:QUIC", 443)
        .client(QuicInitialDecryptionTest.clientInitial())
        .server(hex("c0000000010008f067a5502a4262b5004075" + "00".repeat(40)));
    byte[] query =
        hex("1a2b 0100 0001 0000 0000 0000 03777777 076578616d706c65 03636f6d 00 0001 0001");
    udp("junos:DNS", 53)
        .client(query)
        .server(
            hex("1a2b 8180 0001 0000 0000 0000 03777777 076578616d706c65 03636f6d 00 0001 0001"));
    tcp("junos:DNS", 53).client(concat(u16(query.length), query));
    tcp("junos:SSH", 22)
        .server(ascii("SSH-2.0-OpenSSH_9.6\r\n"))
        .client(ascii("SSH-2.0-OpenSSH_9.7\r\n"));
    tcp("junos:FTP", 21).server(ascii("220 FTP ready\r\n")).client(ascii("USER anonymous\r\n"));
    tcp("junos:SMTPS", 25)
        .server(ascii("220 mx ESMTP\r\n"))
        .client(ascii("EHLO me\r\n"))
        .server(ascii("250 STARTTLS\r\n"))
        .client(ascii("STARTTLS\r\n"))
        .server(ascii("220 go ahead\r\n"))
        .client(record(22, clientHello("mx.example", null, 0)));
    tcp("junos:IMAP", 143).server(ascii("* OK IMAP4rev1\r\n")).client(ascii("a1 LOGIN u p\r\n"));
    tcp("junos:POP3", 110).server(ascii("+OK ready\r\n")).client(ascii("USER u\r\n"));
    tcp("junos:TELNET", 23).server(hex("fffd18fffd20")).client(hex("fffb18fffb20"));
    udp("junos:SIP", 5060)
        .client(ascii("OPTIONS sip:a@b.example SIP/2.0\r\n\r\n"))
        .server(ascii("SIP/2.0 200 OK\r\n\r\n"));
    tcp("junos:RTSP", 554)
        .client(ascii("DESCRIBE rtsp://m.example/s RTSP/1.0\r\nCSeq: 2\r\n\r\n"))
        .server(ascii("RTSP/1.0 200 OK\r\n\r\n"));
    Session rtp = udp("junos:RTP", 20_000);
    for (int i = 0; i < 3; i++) {
      rtp.client(concat(hex("8008"), u16(100 + i), u32(160L * i), hex("0a0b0c0d"), new byte[160]));
      rtp.server(concat(hex("8008"), u16(900 + i), u32(160L * i), hex("01020304"), new byte[160]));
    }
    udp("junos:RTCP", 20_001)
        .client(concat(hex("80c9 0001 0a0b0c0d"), hex("81ca 0002 0a0b0c0d 0000 0000")));
    udp("junos:NTP", 123)
        .client(concat(hex("e3000aec"), new byte[44]))
        .server(concat(hex("240203e9"), new byte[44]));
    byte[] discover = new byte[300];
    discover[0] = 1;
    discover[1] = 1;
    discover[2] = 6;
    System.arraycopy(hex("63825363 350101 ff"), 0, discover, 236, 7);
    Session dhcp = new Session("junos:DHCP", false, 67);
    dhcp.client(discover);
    udp("junos:SNMP", 161)
        .client(
            hex(
                "3026 020101 0406 7075626c6963 a019 0204 1234abcd 020100 020100 300b 3009 0605 2b06010201 0500"));
    udp("junos:SYSLOG", 514).client(ascii("<13>Jan  1 00:00:00 host app: started\n"));
    udp("junos:TFTP", 69)
        .client(
            concat(u16(1), ascii("pxelinux.0"), new byte[] {0}, ascii("octet"), new byte[] {0}));
    tcp("junos:LDAP", 389)
        .client(hex("300c 020101 6007 020103 0400 8000"))
        .server(hex("300c 020101 6107 0a0100 0400 0400"));
    udp("junos:KERBEROS", 88)
        .client(hex("6a 0f 30 0d a1 03 02 01 05 a2 03 02 01 0a a3 01 00"))
        .server(hex("7e 0f 30 0d a0 03 02 01 05 a1 03 02 01 1e a2 01 00"));
    tcp("junos:RDP", 3389)
        .client(hex("0300 0013 0e e0 0000 0000 00 01 00 0800 03000000"))
        .server(hex("0300 0013 0e d0 0000 1234 00 02 00 0800 01000000"));
    byte[] smb = concat(hex("ff534d42 72 00000000 18 5340"), new byte[24]);
    tcp("junos:SMB", 445)
        .client(concat(new byte[] {0, 0}, u16(smb.length), smb))
        .server(concat(new byte[] {0, 0}, u16(smb.length), smb));
    udp("junos:NETBIOS", 137)
        .client(
            concat(
                hex("8001 0110 0001 0000 0000 0000 20"),
                ascii("EBEBEBEBEBEBEBEBEBEBEBEBEBEBEBAA"),
                hex("00 0020 0001")));
    tcp("junos:MS-RPC", 135)
        .client(
            concat(hex("05000b0310000000"), new byte[] {72, 0}, hex("000001000000"), new byte[56]))
        .server(
            concat(hex("05000c0310000000"), new byte[] {60, 0}, hex("000001000000"), new byte[44]));
    byte[] call =
        concat(
            u32(9), u32(0), u32(2), u32(100_003), u32(3), u32(0), u32(0), u32(0), u32(0), u32(0));
    tcp("junos:NFS", 2049)
        .client(concat(u32(0x8000_0000L | call.length), call))
        .server(concat(u32(0x8000_0018L), u32(9), u32(1), u32(0), new byte[12]));
    byte[] greeting = concat(new byte[] {0x0a}, ascii("5.7.44"), new byte[] {0}, new byte[40]);
    tcp("junos:MYSQL", 3306)
        .server(concat(new byte[] {(byte) greeting.length, 0, 0, 0}, greeting))
        .client(concat(new byte[] {32, 0, 0, 1}, new byte[32]));
    tcp("junos:POSTGRESQL", 5432).client(concat(u32(8), u32(80_877_103))).server(ascii("N"));
    tcp("junos:MSSQL", 1433)
        .client(concat(hex("1201"), u16(20), hex("00000100"), hex("00 0006 0001 ff 09000000 0000")))
        .server(concat(hex("0401"), u16(20), hex("00000100"), new byte[12]));
    tcp("junos:MONGODB", 27017)
        .client(concat(hex("24000000 07000000 00000000 dd070000"), new byte[20]))
        .server(concat(hex("24000000 63000000 07000000 dd070000"), new byte[20]));
    tcp("junos:REDIS", 6379).client(ascii("*1\r\n$4\r\nPING\r\n")).server(ascii("+PONG\r\n"));
    tcp("junos:MQTT", 1883)
        .client(concat(hex("1010 0004"), ascii("MQTT"), hex("04 02 003c 0004"), ascii("abcd")))
        .server(hex("20020000"));
    tcp("junos:AMQP", 5672)
        .client(concat(ascii("AMQP"), hex("00000901")))
        .server(concat(hex("01 0000 00000014 000a 000a"), new byte[17]));
    tcp("junos:IRC", 6667)
        .client(ascii("NICK fg\r\nUSER fg 0 * :fg\r\n"))
        .server(ascii(":irc.example 001 fg :Welcome\r\n"));
    tcp("junos:NNTP", 119).server(ascii("200 news ready\r\n")).client(ascii("CAPABILITIES\r\n"));
    byte[] handshake = concat(new byte[] {19}, ascii("BitTorrent protocol"), new byte[48]);
    tcp("junos:BITTORRENT", 6881).client(handshake).server(handshake);
    udp("junos:OPENVPN", 1194)
        .client(hex("38 1122334455667788 00 00000000"))
        .server(hex("40 8877665544332211 01 00000000 1122334455667788 00000000"));
    udp("junos:WIREGUARD", 51_820)
        .client(concat(hex("01000000"), new byte[144]))
        .server(concat(hex("02000000"), new byte[88]));
    udp("junos:STUN", 3478)
        .client(hex("0001 0000 2112a442 0102030405060708090a0b0c"))
        .server(hex("0101 000c 2112a442 0102030405060708090a0b0c 0020 0008 0001 a1b2 e1ba a543"));
    udp("junos:IKE", 500)
        .client(
            concat(
                hex("1122334455667788 0000000000000000 21 20 22 08 00000000"),
                u32(36),
                new byte[8]));
    String espServer = "198.51.100." + nextServer;
    Session esp = new Session("junos:ESP", false, 0);
    add(
        PacketBuilder.ipv4(esp.client, espServer)
            .protocol(50)
            .payload(hex("c0ffee01 00000001 0102030405060708"))
            .ethernet());
    String greServer = "198.51.100." + nextServer;
    Session gre = new Session("junos:GRE", false, 0);
    add(
        PacketBuilder.ipv4(gre.client, greServer)
            .protocol(47)
            .payload(hex("00000800 45000014"))
            .ethernet());
    String icmpServer = "198.51.100." + nextServer;
    Session icmp = new Session("junos:ICMP", false, 0);
    add(
        PacketBuilder.ipv4(icmp.client, icmpServer)
            .icmpEcho(true, 7, 1)
            .payloadLength(32)
            .ethernet());
    tcp("junos:HTTP", 8080)
        .client(ascii("GET /one-sided HTTP/1.1\r\nHost: a\r\n\r\n")); // no answer
    tcp("INCONCLUSIVE", 443).client(hex("16")); // one byte of a record, then nothing
    tcp("junos:UNKNOWN", 443)
        .client(ascii("plain text on 443\r\n"))
        .server(ascii("who are you\r\n"));

    Path capture = directory.resolve("own.pcap");
    try (PcapWriter writer =
        PcapWriter.open(capture, LinkType.ETHERNET, true, ByteOrder.LITTLE_ENDIAN)) {
      for (Frame frame : frames) {
        writer.write(frame.timeNs(), frame.bytes());
      }
    }
    ApplicationInspector inspector = new ApplicationInspector(AppIdSettings.defaults());
    Map<Key, Result> flows = CorpusFlows.replay(capture, inspector);

    Map<String, String> found = new LinkedHashMap<>();
    for (Map.Entry<Key, Result> flow : flows.entrySet()) {
      String key = flow.getKey().toString();
      for (String server : expected.keySet()) {
        if (key.contains(server + ":")) {
          found.put(server, flow.getValue().application());
        }
      }
    }
    assertThat(found).isEqualTo(expected);
    assertThat(expected).hasSizeGreaterThanOrEqualTo(45);
    assertThat(inspector.decodeErrors()).isZero();
    assertThat(inspector.sessionsInProgress()).isZero();
  }
}
