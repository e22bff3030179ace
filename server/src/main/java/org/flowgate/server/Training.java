package org.flowgate.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.testkit.DnsMessages;
import org.flowgate.testkit.PacketBuilder;

/**
 * The training run of the start-up cache (docs/adr/0028-startup-and-replay-speed.md): the launcher
 * runs this class once per build with {@code -XX:AOTCacheOutput}, and the JDK keeps every class it
 * loaded and linked, and the method profiles it gathered (JEP 483, 514, 515), for the commands that
 * follow. It runs what users run, with every output thrown away: {@code help}, {@code check} of the
 * demo configuration, {@code demo}, and {@code replay} of a capture of TCP and UDP flows with one
 * and with two SPUs, so that the replay path's methods carry profiles from their first call.
 *
 * <p>Not a user command: {@code flowgate} has no name for it, and it prints nothing. It exits
 * non-zero when a step fails, so that the launcher keeps no cache of a broken run.
 *
 * <p>Thread: the main thread only.
 */
final class Training {
  /** Flows of each protocol in the training capture, and packets per TCP flow after SYN. */
  private static final int FLOWS = 4_000;

  private static final int TCP_ROUNDS = 12;
  private static final int UDP_ROUNDS = 8;
  private static final long START_NS = 1_767_225_600_000_000_000L;

  private Training() {}

  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("flowgate-training");
    int status;
    try (PrintStream none = new PrintStream(OutputStream.nullOutputStream())) {
      Path config = dir.resolve("srx-edge.conf");
      try (InputStream in = Training.class.getResourceAsStream(Demo.CONFIG_RESOURCE)) {
        Files.write(config, in.readAllBytes());
      }
      Path capture = writeCapture(dir.resolve("training.pcap"));
      status = Main.run(new String[] {"help"}, none, none);
      status |= Main.run(new String[] {"check", config.toString()}, none, none);
      status |= Main.run(new String[] {"demo", "--no-cli"}, none, none);
      for (String spus : new String[] {"1", "2", "1"}) {
        status |=
            Main.run(
                new String[] {
                  "replay",
                  "--spus",
                  spus,
                  capture.toString(),
                  "-c",
                  "show security flow session summary",
                  "-c",
                  "show security flow session",
                  "-c",
                  "show security flow statistics"
                },
                none,
                none);
      }
      status |=
          Main.run(
              new String[] {
                "replay",
                "--config",
                config.toString(),
                capture.toString(),
                "-c",
                "show security" + " flow session summary"
              },
              none,
              none);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(Training::deleteQuietly);
      }
    }
    System.exit(status == 0 ? 0 : 1);
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // a temporary file left behind is not worth failing the training run for
    }
  }

  /**
   * TCP flows (SYN, SYN/ACK, ACK, then pure ACKs alternating forward and reply, then FIN both ways)
   * and UDP flows (request and reply alternating), interleaved round by round as a busy link
   * carries them, 1 us apart.
   */
  private static Path writeCapture(Path file) throws IOException {
    try (PcapWriter writer =
        PcapWriter.open(file, LinkType.ETHERNET, true, ByteOrder.LITTLE_ENDIAN)) {
      long timeNs = START_NS;
      for (int round = 0; round <= TCP_ROUNDS + 5; round++) {
        for (int flow = 0; flow < FLOWS; flow++) {
          byte[] tcp = tcpFrame(flow, round);
          if (tcp != null) {
            writer.write(timeNs, tcp);
            timeNs += 1_000;
          }
          if (round < UDP_ROUNDS) {
            writer.write(timeNs, udpFrame(flow, round));
            timeNs += 1_000;
          }
        }
      }
    }
    return file;
  }

  private static String client(int flow) {
    return "10.1." + (flow >>> 8 & 0xff) + "." + (flow & 0xff);
  }

  private static String server(int flow) {
    return "172.16.20." + (1 + flow % 13);
  }

  private static byte[] udpFrame(int flow, int round) {
    int clientPort = 20_000 + flow % 40_000;
    return round % 2 == 0
        ? PacketBuilder.ipv4(client(flow), server(flow))
            .udp(clientPort, 53)
            .payload(DnsMessages.query(40)) // whole DNS: the DNS ALG drops filler, as Junos does
            .ethernet()
        : PacketBuilder.ipv4(server(flow), client(flow))
            .udp(53, clientPort)
            .payload(DnsMessages.response(80))
            .ethernet();
  }

  /** Packet {@code round} of TCP flow {@code flow}; null once the flow has closed. */
  private static byte[] tcpFrame(int flow, int round) {
    int clientPort = 30_000 + flow % 30_000;
    long c = 1_000_000L + flow;
    long s = 7_000_000L + flow;
    PacketBuilder forward = PacketBuilder.ipv4(client(flow), server(flow));
    PacketBuilder reply = PacketBuilder.ipv4(server(flow), client(flow));
    int last = 3 + TCP_ROUNDS;
    if (round == 0) {
      return forward.tcp(clientPort, 443, PacketBuilder.SYN, c, 0).ethernet();
    } else if (round == 1) {
      return reply.tcp(443, clientPort, PacketBuilder.SYN | PacketBuilder.ACK, s, c + 1).ethernet();
    } else if (round < last) {
      return round % 2 == 0
          ? forward.tcp(clientPort, 443, PacketBuilder.ACK, c + 1, s + 1).ethernet()
          : reply.tcp(443, clientPort, PacketBuilder.ACK, s + 1, c + 1).ethernet();
    } else if (round == last) {
      return forward
          .tcp(clientPort, 443, PacketBuilder.FIN | PacketBuilder.ACK, c + 1, s + 1)
          .ethernet();
    } else if (round == last + 1) {
      return reply
          .tcp(443, clientPort, PacketBuilder.FIN | PacketBuilder.ACK, s + 1, c + 2)
          .ethernet();
    } else if (round == last + 2) {
      return forward.tcp(clientPort, 443, PacketBuilder.ACK, c + 2, s + 2).ethernet();
    }
    return null;
  }
}
