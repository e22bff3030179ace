package org.flowgate.mgmt.command;

import static org.flowgate.testkit.PacketBuilder.SYN;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Instant;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.testkit.PacketBuilder;

/**
 * An edge whose untrust zone applies a screen, and a capture of the attacks it screens, built here
 * packet by packet. Starts 2026-01-01T00:00:00Z.
 *
 * <pre>
 *  internet ── ge-0/0/0.0 198.51.100.1/24  untrust  screen untrust-screen
 *  lan      ── ge-0/0/1.0 192.168.1.1/24   trust    (no screen)     default-policy permit-all
 *
 *  t (s)  attack (from the internet unless said)            untrust-screen takes
 *  1.0    SYN flood: 40 SYNs from 40 sources to .10:80 in   20 past attack-threshold 20; alarm at
 *         0.39 s                                            the 31st (20 + alarm-threshold 10)
 *  5.0    port scan: .99 to .20 ports 1-15, 100 µs apart    5 (ports 11-15; 10 in 5 ms pass)
 *  10.0   ping of death: an echo's first fragment, then a   1 (the first fragment passes)
 *         fragment at offset 65528 of 1480 bytes
 *  15.0   land: 3 SYNs 198.51.100.77 → itself               3
 *  20.0   tear-drop: UDP fragments [0, 48) and [24, 108)    1 (the second)
 *  25.0   ICMP flood: 30 echo requests to .30 in 0.29 s     20 past threshold 10
 *  30.0   limit-session: 14 UDP flows from .150             2 past source-ip-based 12
 *  35.0   land from the lan (trust: no screen)              0: forwarded
 * </pre>
 */
final class ScreenCaptures {
  static final long T0 = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond() * 1_000_000_000L;
  static final long SECOND = 1_000_000_000L;
  static final long MS = 1_000_000L;
  static final long US = 1_000L;

  static final String CONFIG =
      """
      system {
          host-name edge-1;
      }
      interfaces {
          ge-0/0/0 {
              unit 0 {
                  family inet {
                      address 198.51.100.1/24;
                  }
              }
          }
          ge-0/0/1 {
              unit 0 {
                  family inet {
                      address 192.168.1.1/24;
                  }
              }
          }
      }
      routing-options {
          static {
              route 0.0.0.0/0 next-hop 198.51.100.254;
          }
      }
      security {
          screen {
              ids-option untrust-screen {
                  icmp {
                      flood threshold 10;
                      ping-death;
                  }
                  ip {
                      tear-drop;
                  }
                  tcp {
                      syn-flood {
                          alarm-threshold 10;
                          attack-threshold 20;
                      }
                      land;
                      port-scan;
                  }
                  limit-session {
                      source-ip-based 12;
                  }
              }
          }
          policies {
              default-policy {
                  permit-all;
              }
          }
          zones {
              security-zone trust {
                  interfaces {
                      ge-0/0/1.0;
                  }
              }
              security-zone untrust {
                  screen untrust-screen;
                  interfaces {
                      ge-0/0/0.0;
                  }
              }
          }
      }
      """;

  private ScreenCaptures() {}

  static Path attacks(Path dir) throws IOException {
    Path file = dir.resolve("screen-attacks.pcap");
    try (PcapWriter w = PcapWriter.open(file, LinkType.ETHERNET, true, ByteOrder.LITTLE_ENDIAN)) {
      for (int i = 1; i <= 40; i++) {
        w.write(
            T0 + SECOND + (i - 1) * 10 * MS,
            PacketBuilder.ipv4("203.0.113." + i, "192.168.1.10")
                .tcp(1024, 80, SYN, 1000L * i, 0)
                .ethernet());
      }
      for (int port = 1; port <= 15; port++) {
        w.write(
            T0 + 5 * SECOND + (port - 1) * 100 * US,
            PacketBuilder.ipv4("203.0.113.99", "192.168.1.20")
                .tcp(40000, port, SYN, 7, 0)
                .ethernet());
      }
      PacketBuilder death =
          PacketBuilder.ipv4("203.0.113.77", "192.168.1.10")
              .icmpEcho(true, 9, 1)
              .payloadLength(1472)
              .identification(999);
      w.write(T0 + 10 * SECOND, ethernet(death.ipv4Fragment(0, 1480, true)));
      w.write(T0 + 10 * SECOND + MS, ethernet(death.ipv4Fragment(65528, 1480, false)));
      for (int i = 0; i < 3; i++) {
        w.write(
            T0 + 15 * SECOND + i * 100 * MS,
            PacketBuilder.ipv4("198.51.100.77", "198.51.100.77")
                .tcp(4000 + i, 139, SYN, 1, 0)
                .ethernet());
      }
      PacketBuilder tear =
          PacketBuilder.ipv4("203.0.113.88", "192.168.1.53")
              .udp(5353, 53)
              .payloadLength(100)
              .identification(4242);
      w.write(T0 + 20 * SECOND, ethernet(tear.ipv4Fragment(0, 48, true)));
      w.write(T0 + 20 * SECOND + MS, ethernet(tear.ipv4Fragment(24, 84, false)));
      for (int i = 0; i < 30; i++) {
        w.write(
            T0 + 25 * SECOND + i * 10 * MS,
            PacketBuilder.ipv4("203.0.113.111", "192.168.1.30").icmpEcho(true, 3, i).ethernet());
      }
      for (int i = 0; i < 14; i++) {
        w.write(
            T0 + 30 * SECOND + i * 10 * MS,
            PacketBuilder.ipv4("203.0.113.150", "192.168.1.53")
                .udp(20000 + i, 53)
                .payloadLength(30)
                .ethernet());
      }
      w.write(
          T0 + 35 * SECOND,
          PacketBuilder.ipv4("192.168.1.66", "192.168.1.66").tcp(5000, 80, SYN, 1, 0).ethernet());
    }
    return file;
  }

  private static byte[] ethernet(byte[] ip) {
    return PacketBuilder.frame(PacketBuilder.LINKTYPE_ETHERNET, ip);
  }
}
