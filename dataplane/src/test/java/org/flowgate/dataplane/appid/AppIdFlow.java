package org.flowgate.dataplane.appid;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.packet.PacketParser;
import org.flowgate.testkit.PacketBuilder;

/**
 * One session driven through an {@link ApplicationInspector} the way an SPU would: each packet is
 * built by {@link PacketBuilder}, decoded by {@link PacketParser} and handed to {@code inspect}
 * with the descriptor's payload offset and length. TCP sequence numbers are tracked per direction.
 */
final class AppIdFlow {
  static final long SECOND_NS = 1_000_000_000L;

  private final ApplicationInspector inspector;
  private final String client;
  private final int clientPort;
  private final String server;
  private final int serverPort;
  private final int protocol;
  private final boolean ipv6;
  private final PacketDescriptor packet = new PacketDescriptor();
  private long clientSequence = 1_000;
  private long serverSequence = 900_000;
  private long nowNs;
  private int handle = ApplicationInspector.NO_HANDLE;
  private int verdict = ApplicationCatalog.PENDING;

  private AppIdFlow(
      ApplicationInspector inspector,
      String client,
      int clientPort,
      String server,
      int serverPort,
      int protocol) {
    this.inspector = inspector;
    this.client = client;
    this.clientPort = clientPort;
    this.server = server;
    this.serverPort = serverPort;
    this.protocol = protocol;
    this.ipv6 = client.indexOf(':') >= 0;
  }

  private static int nextServer;

  /** A server address of its own, so that no flow finds another's cache entry. */
  private static synchronized String nextServer() {
    nextServer++;
    return "198.18." + (nextServer / 250) % 250 + "." + (1 + nextServer % 250);
  }

  /** A TCP session from 10.0.0.1:40000 to a server of its own on {@code serverPort}. */
  static AppIdFlow tcp(ApplicationInspector inspector, int serverPort) {
    return new AppIdFlow(inspector, "10.0.0.1", 40_000, nextServer(), serverPort, 6);
  }

  static AppIdFlow udp(ApplicationInspector inspector, int serverPort) {
    return new AppIdFlow(inspector, "10.0.0.1", 40_000, nextServer(), serverPort, 17);
  }

  static AppIdFlow of(
      ApplicationInspector inspector,
      String client,
      int clientPort,
      String server,
      int serverPort,
      int protocol) {
    return new AppIdFlow(inspector, client, clientPort, server, serverPort, protocol);
  }

  AppIdFlow at(long nowNs) {
    this.nowNs = nowNs;
    return this;
  }

  /** begin(); the handle (or NO_HANDLE). */
  int begin() {
    PacketBuilder first = builder(true);
    byte[] frame =
        (protocol == 6
                ? first.tcp(clientPort, serverPort, PacketBuilder.SYN, 0, 0)
                : first.udp(clientPort, serverPort))
            .ethernet();
    parse(frame);
    handle =
        inspector.begin(
            nowNs,
            protocol,
            ipv6,
            packet.sourceHi,
            packet.sourceLo,
            clientPort,
            packet.destinationHi,
            packet.destinationLo,
            serverPort);
    verdict =
        handle == ApplicationInspector.NO_HANDLE
            ? inspector.lastApplication()
            : ApplicationCatalog.PENDING;
    return handle;
  }

  /** SYN, SYN/ACK, ACK. */
  AppIdFlow handshake() {
    if (handle == ApplicationInspector.NO_HANDLE) {
      begin();
    }
    segment(true, PacketBuilder.SYN, clientSequence - 1, new byte[0]);
    segment(false, PacketBuilder.SYN | PacketBuilder.ACK, serverSequence - 1, new byte[0]);
    segment(true, PacketBuilder.ACK, clientSequence, new byte[0]);
    return this;
  }

  /** The client sends {@code payload} in order; the verdict. */
  int client(byte[] payload) {
    int v = segment(true, PacketBuilder.ACK | PacketBuilder.PSH, clientSequence, payload);
    clientSequence += payload.length;
    return v;
  }

  int server(byte[] payload) {
    int v = segment(false, PacketBuilder.ACK | PacketBuilder.PSH, serverSequence, payload);
    serverSequence += payload.length;
    return v;
  }

  /** A client segment at {@code offset} bytes past the next expected one (may be negative). */
  int clientAt(long offset, byte[] payload) {
    return segment(true, PacketBuilder.ACK | PacketBuilder.PSH, clientSequence + offset, payload);
  }

  /** Moves the client's next sequence forward, for segments sent out of order. */
  void advanceClient(int bytes) {
    clientSequence += bytes;
  }

  int datagram(boolean fromClient, byte[] payload) {
    PacketBuilder builder = builder(fromClient);
    byte[] frame =
        (fromClient ? builder.udp(clientPort, serverPort) : builder.udp(serverPort, clientPort))
            .payload(payload)
            .ethernet();
    return deliver(fromClient, frame);
  }

  private int segment(boolean fromClient, int flags, long sequence, byte[] payload) {
    PacketBuilder builder = builder(fromClient);
    byte[] frame =
        (fromClient
                ? builder.tcp(
                    clientPort, serverPort, flags, sequence & 0xffff_ffffL, serverSequence)
                : builder.tcp(
                    serverPort, clientPort, flags, sequence & 0xffff_ffffL, clientSequence))
            .payload(payload)
            .ethernet();
    return deliver(fromClient, frame);
  }

  private int deliver(boolean fromClient, byte[] frame) {
    if (handle == ApplicationInspector.NO_HANDLE) {
      return verdict;
    }
    if (verdict != ApplicationCatalog.PENDING) {
      return verdict; // decided: the SPU stops calling
    }
    parse(frame);
    verdict =
        inspector.inspect(
            handle,
            fromClient
                ? ApplicationInspector.CLIENT_TO_SERVER
                : ApplicationInspector.SERVER_TO_CLIENT,
            packet.segment,
            packet.payloadOffset,
            packet.payloadBytes,
            protocol == 6,
            packet.tcpFlags,
            packet.tcpSequence,
            nowNs);
    return verdict;
  }

  private void parse(byte[] frame) {
    var reason =
        PacketParser.parse(
            MemorySegment.ofArray(frame), 0, frame.length, frame.length, LinkType.ETHERNET, packet);
    if (reason != null) {
      throw new AssertionError("test frame does not decode: " + reason);
    }
  }

  private PacketBuilder builder(boolean fromClient) {
    String source = fromClient ? client : server;
    String destination = fromClient ? server : client;
    return ipv6 ? PacketBuilder.ipv6(source, destination) : PacketBuilder.ipv4(source, destination);
  }

  int verdict() {
    return verdict;
  }

  int handle() {
    return handle;
  }

  /** The nested application while the handle lives (before end). */
  int nested() {
    return handle == ApplicationInspector.NO_HANDLE
        ? inspector.lastNestedApplication()
        : inspector.nestedApplication(handle);
  }

  /** end(); the final application. */
  int end() {
    if (handle == ApplicationInspector.NO_HANDLE) {
      return verdict;
    }
    verdict = inspector.end(handle);
    handle = ApplicationInspector.NO_HANDLE;
    return verdict;
  }

  /** Application name of a verdict. */
  String name(int id) {
    return inspector.catalog().name(id);
  }
}
