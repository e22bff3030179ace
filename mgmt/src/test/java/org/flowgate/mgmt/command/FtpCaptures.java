package org.flowgate.mgmt.command;

import static org.flowgate.testkit.PacketBuilder.ACK;
import static org.flowgate.testkit.PacketBuilder.FIN;
import static org.flowgate.testkit.PacketBuilder.PSH;
import static org.flowgate.testkit.PacketBuilder.SYN;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.testkit.PacketBuilder;

/**
 * An edge whose only policy permits {@code junos-ftp} out of the LAN, and one active-mode FTP
 * control connection built here segment by segment that exercises the gates. Starts
 * 2026-01-01T00:00:00Z.
 *
 * <pre>
 *  lan      ── ge-0/0/1.0 192.168.1.1/24   trust    client 192.168.1.10:40000
 *  internet ── ge-0/0/0.0 198.51.100.1/24  untrust  server 198.51.100.7:21
 *  policy trust → untrust ftp-out: junos-ftp, permit, log session-init session-close
 *
 *  t (s)  on the control connection               then
 *  1.0    handshake, 220 banner
 *  2.0    PORT 192,168,1,10,156,65  (40001)        gate; 2.5 the server's data connection
 *                                                  (20 → 40001) comes through it: child 1,
 *                                                  which sends 100 bytes and closes (FIN, FIN)
 *  3.0    "PORT 192,168," + 3.1 "1,10,156,66\r\n"  one line split over two segments: gate;
 *         (40002)                                  3.5 child 2, left open
 *  4.0    PORT 10,9,9,9,156,67                     a third host: dropped by the ALG, counted,
 *                                                  no gate
 *  5.0    PORT 192,168,1,10,999,1                  bad syntax (999): passed, counted, no gate
 *  6.0    PORT 192,168,1,10,156,69  (40005)        gate; nothing comes within its 60 s: it
 *                                                  expires at 66.0
 *  70.0   the server's SYN to 40005                no gate: no policy from untrust, denied
 *  75.0   PORT 192,168,1,10,156,70  (40006)        gate, still open at the end (76.0)
 * </pre>
 */
final class FtpCaptures {
  static final long T0 = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond() * 1_000_000_000L;
  static final long SECOND = 1_000_000_000L;
  static final long MS = 1_000_000L;

  static final String CLIENT = "192.168.1.10";
  static final String SERVER = "198.51.100.7";

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
      security {
          policies {
              from-zone trust to-zone untrust {
                  policy ftp-out {
                      match {
                          source-address any;
                          destination-address any;
                          application junos-ftp;
                      }
                      then {
                          permit;
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

  private FtpCaptures() {}

  /** One TCP connection's two sequence spaces, so segments follow on as a real stack sends them. */
  private static final class Connection {
    final String client;
    final int clientPort;
    final String server;
    final int serverPort;
    long clientNext;
    long serverNext;

    Connection(String client, int clientPort, String server, int serverPort, long c, long s) {
      this.client = client;
      this.clientPort = clientPort;
      this.server = server;
      this.serverPort = serverPort;
      this.clientNext = c;
      this.serverNext = s;
    }

    byte[] fromClient(int flags, String text) {
      byte[] payload = text.getBytes(StandardCharsets.US_ASCII);
      byte[] frame =
          PacketBuilder.ipv4(client, server)
              .tcp(clientPort, serverPort, flags, clientNext, serverNext)
              .payload(payload)
              .ethernet();
      clientNext += payload.length + ((flags & (SYN | FIN)) != 0 ? 1 : 0);
      return frame;
    }

    byte[] fromServer(int flags, String text) {
      byte[] payload = text.getBytes(StandardCharsets.US_ASCII);
      byte[] frame =
          PacketBuilder.ipv4(server, client)
              .tcp(serverPort, clientPort, flags, serverNext, clientNext)
              .payload(payload)
              .ethernet();
      serverNext += payload.length + ((flags & (SYN | FIN)) != 0 ? 1 : 0);
      return frame;
    }

    /** A SYN from the client (acknowledgement 0), then SYN-ACK and ACK. */
    void openFromClient(PcapWriter w, long atNs) throws IOException {
      byte[] syn =
          PacketBuilder.ipv4(client, server)
              .tcp(clientPort, serverPort, SYN, clientNext, 0)
              .ethernet();
      clientNext++;
      w.write(atNs, syn);
      w.write(atNs + MS, fromServer(SYN | ACK, ""));
      w.write(atNs + 2 * MS, fromClient(ACK, ""));
    }

    /** The same, the server opening (the active-mode data connection: server:20 to client). */
    void openFromServer(PcapWriter w, long atNs) throws IOException {
      byte[] syn =
          PacketBuilder.ipv4(server, client)
              .tcp(serverPort, clientPort, SYN, serverNext, 0)
              .ethernet();
      serverNext++;
      w.write(atNs, syn);
      w.write(atNs + MS, fromClient(SYN | ACK, ""));
      w.write(atNs + 2 * MS, fromServer(ACK, ""));
    }
  }

  private static byte[] serverSyn(int clientPort) {
    return PacketBuilder.ipv4(SERVER, CLIENT).tcp(20, clientPort, SYN, 900_000, 0).ethernet();
  }

  static Path activeSession(Path dir) throws IOException {
    Path file = dir.resolve("ftp-gates.pcap");
    try (PcapWriter w = PcapWriter.open(file, LinkType.ETHERNET, true, ByteOrder.LITTLE_ENDIAN)) {
      Connection control = new Connection(CLIENT, 40000, SERVER, 21, 1000, 5000);
      control.openFromClient(w, T0 + SECOND);
      w.write(T0 + SECOND + 10 * MS, control.fromServer(PSH | ACK, "220 ready\r\n"));

      // a gate, and the data connection through it, which ends
      w.write(T0 + 2 * SECOND, control.fromClient(PSH | ACK, "PORT 192,168,1,10,156,65\r\n"));
      w.write(T0 + 2 * SECOND + MS, control.fromServer(PSH | ACK, "200 PORT ok\r\n"));
      Connection data1 = new Connection(SERVER, 20, CLIENT, 40001, 700_000, 800_000);
      // the data connection's "client" is the server (it opens it): reuse the helper backwards
      data1.openFromClient(w, T0 + 2 * SECOND + 500 * MS);
      w.write(T0 + 2 * SECOND + 510 * MS, data1.fromClient(PSH | ACK, "x".repeat(100)));
      w.write(T0 + 2 * SECOND + 520 * MS, data1.fromServer(ACK, ""));
      w.write(T0 + 2 * SECOND + 530 * MS, data1.fromClient(FIN | ACK, ""));
      w.write(T0 + 2 * SECOND + 540 * MS, data1.fromServer(FIN | ACK, ""));
      w.write(T0 + 2 * SECOND + 550 * MS, data1.fromClient(ACK, ""));

      // one PORT line over two segments
      w.write(T0 + 3 * SECOND, control.fromClient(PSH | ACK, "PORT 192,168,"));
      w.write(T0 + 3 * SECOND + 100 * MS, control.fromClient(PSH | ACK, "1,10,156,66\r\n"));
      w.write(T0 + 3 * SECOND + 101 * MS, control.fromServer(PSH | ACK, "200 PORT ok\r\n"));
      Connection data2 = new Connection(SERVER, 20, CLIENT, 40002, 710_000, 810_000);
      data2.openFromClient(w, T0 + 3 * SECOND + 500 * MS);

      // a third host: dropped by the ALG (the server never sees it, the client sends on)
      w.write(T0 + 4 * SECOND, control.fromClient(PSH | ACK, "PORT 10,9,9,9,156,67\r\n"));
      // bad syntax: passed without a gate
      w.write(T0 + 5 * SECOND, control.fromClient(PSH | ACK, "PORT 192,168,1,10,999,1\r\n"));
      w.write(T0 + 5 * SECOND + MS, control.fromServer(PSH | ACK, "501 bad PORT\r\n"));

      // a gate nobody uses: it expires 60 s later, and a late SYN finds none
      w.write(T0 + 6 * SECOND, control.fromClient(PSH | ACK, "PORT 192,168,1,10,156,69\r\n"));
      w.write(T0 + 6 * SECOND + MS, control.fromServer(PSH | ACK, "200 PORT ok\r\n"));
      w.write(T0 + 30 * SECOND, control.fromClient(ACK, "")); // keep-alive of the control
      w.write(T0 + 70 * SECOND, serverSyn(40005));

      // a gate still open when the replay ends
      w.write(T0 + 75 * SECOND, control.fromClient(PSH | ACK, "PORT 192,168,1,10,156,70\r\n"));
      w.write(T0 + 75 * SECOND + MS, control.fromServer(PSH | ACK, "200 PORT ok\r\n"));
      w.write(T0 + 76 * SECOND, control.fromClient(ACK, ""));
    }
    return file;
  }
}
