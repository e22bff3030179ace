package org.flowgate.mgmt.log;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Syslog over TCP with octet-counting framing (RFC 6587 §3.4.1): {@code MSG-LEN SP SYSLOG-MSG}, the
 * length in bytes of the UTF-8 message. A lost connection is reopened on the next line, but not
 * more than once a second; lines that arrive while it is down are dropped and counted.
 *
 * <p>Thread: see {@link LogSink}.
 */
public final class TcpSink extends LogSink {
  private static final long RETRY_NS = 1_000_000_000L;
  private static final int CONNECT_TIMEOUT_MS = 2000;

  private final String host;
  private final int port;
  private Socket socket;
  private OutputStream out;
  private long lastAttemptNs;
  private boolean attempted;

  public TcpSink(String host, int port, int bufferLines) {
    super("tcp " + host + ":" + port, bufferLines);
    this.host = host;
    this.port = port;
    start();
  }

  @Override
  protected void send(String line) throws IOException {
    if (out == null) {
      long now = System.nanoTime();
      if (attempted && now - lastAttemptNs < RETRY_NS) {
        throw new IOException("not connected");
      }
      attempted = true;
      lastAttemptNs = now;
      Socket s = new Socket();
      try {
        s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
      } catch (IOException e) {
        s.close();
        throw e;
      }
      socket = s;
      out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
    }
    byte[] message = line.getBytes(StandardCharsets.UTF_8);
    out.write(Integer.toString(message.length).getBytes(StandardCharsets.US_ASCII));
    out.write(' ');
    out.write(message);
  }

  @Override
  protected void flushTransport() throws IOException {
    if (out != null) {
      out.flush();
    }
  }

  @Override
  protected void closeTransport() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // already broken
      }
    }
    socket = null;
    out = null;
  }
}
