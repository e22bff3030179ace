package org.flowgate.mgmt.appqos;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Instant;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.testkit.PacketBuilder;

/**
 * An edge with application traffic control and application tracking, and a capture built here
 * packet by packet to exercise them (docs/adr/0034). Starts 2026-01-01T00:00:00Z.
 *
 * <pre>
 *  lan      ── ge-0/0/1.0 192.168.1.1/24 2001:db8:1::1/64  trust   application-tracking
 *  internet ── ge-0/0/0.0 198.51.100.1/24 2001:db8:2::1/64 untrust
 *  policy lan-out trust → untrust: permit, rule-set edge-qos
 *
 *  rule-set edge-qos   dns-ef     junos:DNS            dscp ef (46), forwarding-class, loss-priority
 *                      ping-cap   junos:infrastructure client-to-server rate limiter ping-80k
 *                      others     application-any      (nothing: counted)
 *  rate limiter ping-80k: 80 kbps = 10 000 bytes/s, burst 3 000 bytes
 *
 *  t (s)          what
 *  0.000-2.000    41 echo requests of 1 000 IP bytes, 50 ms apart (20 000 bytes/s), one session
 *                 (a probe resending identifier 7, sequence 1): the bucket passes 5 (3 000 burst
 *                 and the refills), then every other one: 23 pass, 18 dropped
 *  3.000          a DNS query and its answer (IPv4), then the same over IPv6: marked ef
 *  10.000-210.000 a UDP flow to port 5000, a packet every 20 s: AppTrack volume updates at 70 s
 *                 (first-update-interval 1 minute) and 190 s (session-update-interval 2 minutes)
 *  1000.000       an unanswered SYN from the internet (denied): moves the clock so every session
 *                 above has aged out and been closed
 * </pre>
 */
public final class AppQosCaptures {
  static final long T0 = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond() * 1_000_000_000L;
  static final long SECOND = 1_000_000_000L;
  static final long MS = 1_000_000L;

  /**
   * {@link #CONFIG} with {@code then log} on rules dns-ef (three actions) and ping-cap (a rate
   * limit): APPQOS_LOG_EVENT for each action when they match (docs/adr/0044).
   */
  public static final String CONFIG_WITH_RULE_LOG =
      AppQosCaptures.CONFIG
          .replace("loss-priority low;", "loss-priority low;\n log;")
          .replace("rate-limit {", "log;\n rate-limit {");

  static final int PINGS = 41;
  static final int PING_IP_BYTES = 1000;

  public static final String CONFIG =
      """
      system {
          host-name edge-qos;
      }
      interfaces {
          ge-0/0/0 {
              unit 0 {
                  family inet {
                      address 198.51.100.1/24;
                  }
                  family inet6 {
                      address 2001:db8:2::1/64;
                  }
              }
          }
          ge-0/0/1 {
              unit 0 {
                  family inet {
                      address 192.168.1.1/24;
                  }
                  family inet6 {
                      address 2001:db8:1::1/64;
                  }
              }
          }
      }
      class-of-service {
          application-traffic-control {
              rate-limiters ping-80k {
                  bandwidth-limit 80;
                  burst-size-limit 3000;
              }
              rule-sets edge-qos {
                  rule dns-ef {
                      match {
                          application junos:DNS;
                      }
                      then {
                          dscp-code-point ef;
                          forwarding-class expedited-forwarding;
                          loss-priority low;
                      }
                  }
                  rule ping-cap {
                      match {
                          application-group junos:infrastructure;
                      }
                      then {
                          rate-limit {
                              client-to-server ping-80k;
                          }
                      }
                  }
                  rule others {
                      match {
                          application-any;
                      }
                  }
              }
          }
      }
      security {
          application-tracking {
              first-update-interval 1;
              session-update-interval 2;
              log-session-create;
          }
          policies {
              from-zone trust to-zone untrust {
                  policy lan-out {
                      match {
                          source-address any;
                          destination-address any;
                          application any;
                      }
                      then {
                          permit {
                              application-services {
                                  application-traffic-control {
                                      rule-set edge-qos;
                                  }
                              }
                          }
                          log {
                              session-init;
                              session-close;
                          }
                      }
                  }
              }
          }
          zones {
              security-zone trust {
                  application-tracking;
                  interfaces {
                      ge-0/0/1.0;
                  }
              }
              security-zone untrust {
                  interfaces {
                      ge-0/0/0.0;
                  }
              }
          }
      }
      """;

  private AppQosCaptures() {}

  /** A DNS query for example.com, type A, class IN (RFC 1035 §4.1). */
  static byte[] dnsQuery(int id) {
    return new byte[] {
      (byte) (id >> 8),
      (byte) id,
      0x01,
      0x00,
      0,
      1,
      0,
      0,
      0,
      0,
      0,
      0,
      7,
      'e',
      'x',
      'a',
      'm',
      'p',
      'l',
      'e',
      3,
      'c',
      'o',
      'm',
      0,
      0,
      1,
      0,
      1
    };
  }

  /** The answer: the question, and one A record 93.184.216.34 (RFC 1035 §4.1.3). */
  static byte[] dnsAnswer(int id) {
    byte[] query = dnsQuery(id);
    byte[] answer = new byte[query.length + 16];
    System.arraycopy(query, 0, answer, 0, query.length);
    answer[2] = (byte) 0x81;
    answer[3] = (byte) 0x80;
    answer[7] = 1;
    byte[] record = {
      (byte) 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 93, (byte) 184, (byte) 216, 34
    };
    System.arraycopy(record, 0, answer, query.length, record.length);
    return answer;
  }

  public static Path capture(Path dir) throws IOException {
    Path file = dir.resolve("appqos.pcap");
    try (PcapWriter w = PcapWriter.open(file, LinkType.ETHERNET, true, ByteOrder.LITTLE_ENDIAN)) {
      for (int i = 0; i < PINGS; i++) {
        w.write(
            T0 + i * 50 * MS,
            PacketBuilder.ipv4("192.168.1.10", "198.51.100.20")
                .icmpEcho(true, 7, 1)
                .payloadLength(PING_IP_BYTES - 28)
                .ethernet());
      }
      w.write(
          T0 + 3 * SECOND,
          PacketBuilder.ipv4("192.168.1.10", "198.51.100.53")
              .udp(40053, 53)
              .payload(dnsQuery(0x1234))
              .ethernet());
      w.write(
          T0 + 3 * SECOND + 10 * MS,
          PacketBuilder.ipv4("198.51.100.53", "192.168.1.10")
              .udp(53, 40053)
              .payload(dnsAnswer(0x1234))
              .ethernet());
      w.write(
          T0 + 3 * SECOND + 20 * MS,
          PacketBuilder.ipv6("2001:db8:1::10", "2001:db8:2::53")
              .udp(40054, 53)
              .payload(dnsQuery(0x4321))
              .ethernet());
      w.write(
          T0 + 3 * SECOND + 30 * MS,
          PacketBuilder.ipv6("2001:db8:2::53", "2001:db8:1::10")
              .udp(53, 40054)
              .payload(dnsAnswer(0x4321))
              .ethernet());
      for (int i = 0; i <= 10; i++) {
        w.write(
            T0 + (10 + 20L * i) * SECOND,
            PacketBuilder.ipv4("192.168.1.20", "198.51.100.80")
                .udp(45000, 5000)
                .payloadLength(72)
                .ethernet());
      }
      w.write(
          T0 + 1000 * SECOND,
          PacketBuilder.ipv4("203.0.113.9", "192.168.1.10")
              .tcp(1234, 22, PacketBuilder.SYN, 1, 0)
              .ethernet());
    }
    return file;
  }
}
