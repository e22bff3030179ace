package org.flowgate.mgmt.log;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;

/**
 * Syslog over UDP (RFC 5426): one message per datagram, no framing, no trailing newline. With a
 * source address ({@code system syslog host H source-address A}) the datagrams leave from it; it
 * must be an address of this machine, or every line is dropped.
 *
 * <p>Thread: see {@link LogSink}.
 */
public final class UdpSink extends LogSink {
  private final String host;
  private final int port;
  private final String sourceAddress;
  private DatagramChannel channel;
  private InetSocketAddress target;

  public UdpSink(String host, int port, int bufferLines) {
    this(host, port, null, bufferLines);
  }

  /**
   * @param sourceAddress the local address to send from, or null for the system's choice
   */
  public UdpSink(String host, int port, String sourceAddress, int bufferLines) {
    super("udp " + host + ":" + port, bufferLines);
    this.host = host;
    this.port = port;
    this.sourceAddress = sourceAddress;
    start();
  }

  @Override
  protected void send(String line) throws IOException {
    if (channel == null) {
      target = new InetSocketAddress(host, port);
      if (target.isUnresolved()) {
        throw new IOException("cannot resolve " + host);
      }
      channel = DatagramChannel.open();
      if (sourceAddress != null) {
        channel.bind(new InetSocketAddress(sourceAddress, 0));
      }
    }
    channel.send(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)), target);
  }

  @Override
  protected void closeTransport() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // closing a datagram channel has nothing left to lose
      }
      channel = null;
    }
  }
}
