package org.flowgate.dataplane.appid.decode;

import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.ProtocolDecoder;

/**
 * The predefined decoders, one new set per inspector (some hold per-SPU working memory), in the
 * order they are asked: when two answer provisionally, the earlier one names the session. Strong
 * signatures (a TLS record, a request line, a banner) come before weak ones (RTP's two packets).
 */
public final class Decoders {
  private Decoders() {}

  /** Decoders of TCP streams. */
  public static ProtocolDecoder[] tcp(ApplicationCatalog catalog) {
    return new ProtocolDecoder[] {
      new TlsDecoder(catalog),
      new HttpDecoder(catalog),
      new SshDecoder(catalog),
      new SmtpDecoder(catalog),
      new Pop3Decoder(catalog),
      new ImapDecoder(catalog),
      new FtpDecoder(catalog),
      new NntpDecoder(catalog),
      new RtspDecoder(catalog),
      new SipDecoder(catalog),
      new IrcDecoder(catalog),
      new TelnetDecoder(catalog),
      new MysqlDecoder(catalog),
      new PostgresDecoder(catalog),
      new TdsDecoder(catalog),
      new MongoDecoder(catalog),
      new RedisDecoder(catalog),
      new MqttDecoder(catalog),
      new AmqpDecoder(catalog),
      new RdpDecoder(catalog),
      new SmbDecoder(catalog),
      new DceRpcDecoder(catalog),
      new SunRpcDecoder(catalog),
      new LdapDecoder(catalog),
      new KerberosDecoder(catalog),
      new DnsDecoder(catalog),
      new BitTorrentDecoder(catalog),
      new OpenVpnDecoder(catalog),
      new SyslogDecoder(catalog),
      new RtpDecoder(catalog)
    };
  }

  /** Decoders of UDP datagrams. */
  public static ProtocolDecoder[] udp(ApplicationCatalog catalog) {
    return new ProtocolDecoder[] {
      new DnsDecoder(catalog),
      new QuicDecoder(catalog),
      new DhcpDecoder(catalog),
      new Dhcpv6Decoder(catalog),
      new NetbiosDecoder(catalog),
      new SnmpDecoder(catalog),
      new IkeDecoder(catalog),
      new StunDecoder(catalog),
      new SipDecoder(catalog),
      new TftpDecoder(catalog),
      new NtpDecoder(catalog),
      new SyslogDecoder(catalog),
      new LdapDecoder(catalog),
      new KerberosDecoder(catalog),
      new SunRpcDecoder(catalog),
      new OpenVpnDecoder(catalog),
      new WireGuardDecoder(catalog),
      new BitTorrentDecoder(catalog),
      new RtpDecoder(catalog)
    };
  }
}
