package org.flowgate.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;

/**
 * Replays a capture through {@code flowgate replay} with a configuration and commands, for the ALG
 * tests; and writes the project's own captures (PacketBuilder frames, one per millisecond unless a
 * gap is asked for).
 */
final class AlgReplay {
  record Run(int status, String out, String err) {}

  private AlgReplay() {}

  static Run replay(Path dir, String config, Path capture, List<String> options, String... commands)
      throws IOException {
    Path file = dir.resolve("alg-" + Integer.toHexString(config.hashCode()) + ".conf");
    Files.writeString(file, config);
    List<String> args = new ArrayList<>(List.of("replay", "--config", file.toString()));
    args.addAll(options);
    args.add(capture.toString());
    for (String command : commands) {
      args.add("-c");
      args.add(command);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            args.toArray(String[]::new),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Frames at 1 ms apart from a fixed start; a null frame is a gap of {@code gapSeconds}. */
  static Path capture(Path dir, String name, List<byte[]> frames, int gapSeconds)
      throws IOException {
    Path capture = dir.resolve(name);
    long nowNs = 1_700_000_000_000_000_000L;
    try (PcapWriter writer =
        PcapWriter.open(capture, LinkType.ETHERNET, true, ByteOrder.LITTLE_ENDIAN)) {
      for (byte[] frame : frames) {
        if (frame == null) {
          nowNs += gapSeconds * 1_000_000_000L;
          continue;
        }
        writer.write(nowNs, frame);
        nowNs += 1_000_000L;
      }
    }
    return capture;
  }

  /**
   * A TCP connection between a client and a server as frames: the handshake, data each way (each
   * segment acknowledged by the next one of the other side) and a reset.
   */
  static final class Tcp {
    private final String client;
    private final String server;
    private final String replyFrom;
    private final int clientPort;
    private final int serverPort;
    private long clientSeq = 1000;
    private long serverSeq = 50_000;

    Tcp(String client, int clientPort, String server, int serverPort) {
      this(client, clientPort, server, serverPort, server);
    }

    /**
     * A connection whose server answers from {@code replyFrom}: the capture holds the replies as
     * they reach the firewall from behind a destination NAT.
     */
    Tcp(String client, int clientPort, String server, int serverPort, String replyFrom) {
      this.client = client;
      this.server = server;
      this.replyFrom = replyFrom;
      this.clientPort = clientPort;
      this.serverPort = serverPort;
    }

    List<byte[]> handshake() {
      List<byte[]> frames = new ArrayList<>();
      frames.add(
          org.flowgate.testkit.PacketBuilder.ipv4(client, server)
              .tcp(clientPort, serverPort, org.flowgate.testkit.PacketBuilder.SYN, clientSeq, 0)
              .ethernet());
      frames.add(
          org.flowgate.testkit.PacketBuilder.ipv4(replyFrom, client)
              .tcp(serverPort, clientPort, SYN_ACK, serverSeq, clientSeq + 1)
              .ethernet());
      clientSeq++;
      serverSeq++;
      frames.add(
          org.flowgate.testkit.PacketBuilder.ipv4(client, server)
              .tcp(clientPort, serverPort, ACK, clientSeq, serverSeq)
              .ethernet());
      return frames;
    }

    byte[] fromClient(byte[] payload) {
      byte[] frame =
          org.flowgate.testkit.PacketBuilder.ipv4(client, server)
              .tcp(clientPort, serverPort, PSH_ACK, clientSeq, serverSeq)
              .payload(payload)
              .ethernet();
      clientSeq += payload.length;
      return frame;
    }

    byte[] fromServer(byte[] payload) {
      byte[] frame =
          org.flowgate.testkit.PacketBuilder.ipv4(replyFrom, client)
              .tcp(serverPort, clientPort, PSH_ACK, serverSeq, clientSeq)
              .payload(payload)
              .ethernet();
      serverSeq += payload.length;
      return frame;
    }

    byte[] resetFromClient() {
      return org.flowgate.testkit.PacketBuilder.ipv4(client, server)
          .tcp(clientPort, serverPort, org.flowgate.testkit.PacketBuilder.RST, clientSeq, 0)
          .ethernet();
    }

    private static final int ACK = org.flowgate.testkit.PacketBuilder.ACK;
    private static final int SYN_ACK = org.flowgate.testkit.PacketBuilder.SYN | ACK;
    private static final int PSH_ACK = org.flowgate.testkit.PacketBuilder.PSH | ACK;
  }

  /**
   * The first session block of {@code show security flow session extensive} naming {@code port}.
   */
  static String sessionWith(String extensive, String inLine) {
    for (String block : extensive.split("\n(?=Session ID: )")) {
      if (block.contains(inLine)) {
        return block;
      }
    }
    return "";
  }

  /** The transport checksum over the pseudo-header and the whole segment sums to zero. */
  static boolean transportChecksumValid(org.flowgate.dataplane.packet.PacketDescriptor p) {
    int length = (int) (p.l3Offset + p.ipLengthBytes - p.l4Offset);
    long sum = org.flowgate.dataplane.packet.Wire.sum(p.segment, p.l4Offset, length);
    if (p.ipVersion == 4) {
      sum +=
          org.flowgate.dataplane.packet.Wire.sum(p.segment, p.l3Offset + 12, 8)
              + p.protocol
              + length;
    } else {
      sum +=
          org.flowgate.dataplane.packet.Wire.sum(p.segment, p.l3Offset + 8, 32)
              + p.protocol
              + length;
    }
    return org.flowgate.dataplane.packet.Wire.checksum(sum) == 0;
  }

  /** A packet's payload as ISO-8859-1 text. */
  static String payload(org.flowgate.dataplane.packet.PacketDescriptor p) {
    byte[] bytes = new byte[Math.max(0, p.payloadBytes)];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = p.segment.get(java.lang.foreign.ValueLayout.JAVA_BYTE, p.payloadOffset + i);
    }
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
