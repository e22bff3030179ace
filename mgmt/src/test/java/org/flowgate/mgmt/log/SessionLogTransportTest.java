package org.flowgate.mgmt.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.log.SessionLogEvent;
import org.flowgate.dataplane.log.SessionLogRecorder;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The UDP and TCP sinks against plain Java sockets in the test: every message arrives exactly, one
 * per datagram over UDP and octet-counted over TCP (RFC 6587 §3.4.1); a receiver that is not there
 * costs counted lines, not a stuck logger.
 */
class SessionLogTransportTest {
  private static final long WAIT_MS = 10_000;

  @TempDir Path dir;

  @Test
  void udpAndTcpReceiversGetExactlyTheStructuredLines() throws Exception {
    List<String> expected = SessionLogReplayTest.golden("session-log-every-ending-structured.txt");
    try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        ServerSocket tcp = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      udp.setSoTimeout(200);
      List<String> datagrams = new CopyOnWriteArrayList<>();
      List<String> frames = new CopyOnWriteArrayList<>();
      Thread udpReader = Thread.ofPlatform().daemon().start(() -> readDatagrams(udp, datagrams));
      Thread tcpReader = Thread.ofPlatform().daemon().start(() -> readFrames(tcp, frames));

      SessionLogConfig config =
          SessionLogConfig.defaults()
              .withFormat(SessionLogConfig.Format.STRUCTURED)
              .withHost("127.0.0.1", udp.getLocalPort(), SessionLogConfig.Transport.UDP)
              .withHost("127.0.0.1", tcp.getLocalPort(), SessionLogConfig.Transport.TCP);
      replayInto(config);

      waitFor(() -> datagrams.size() >= expected.size() && frames.size() >= expected.size());
      assertThat(datagrams).containsExactlyElementsOf(expected);
      assertThat(frames).containsExactlyElementsOf(expected);
      udpReader.interrupt();
      tcpReader.interrupt();
    }
  }

  @Test
  void eachDestinationHasItsOwnFormatAndFilter() throws Exception {
    List<String> standard = SessionLogReplayTest.golden("session-log-every-ending-standard.txt");
    List<String> structured =
        SessionLogReplayTest.golden("session-log-every-ending-structured.txt");
    try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      udp.setSoTimeout(200);
      List<String> datagrams = new CopyOnWriteArrayList<>();
      Thread udpReader = Thread.ofPlatform().daemon().start(() -> readDatagrams(udp, datagrams));
      Path closes = dir.resolve("var/log/closes");
      Path everything = dir.resolve("everything.log");
      SessionLogConfig config =
          SessionLogConfig.defaults()
              .withFile(everything)
              .withHost(
                  new SessionLogConfig.LogHost(
                      "127.0.0.1",
                      udp.getLocalPort(),
                      SessionLogConfig.Transport.UDP,
                      SessionLogConfig.Format.STRUCTURED,
                      null,
                      MessageFilter.of("session_create", List.of())))
              .withFile(
                  new SessionLogConfig.LogFile(
                      closes, null, MessageFilter.of("RT_FLOW_SESSION_CLOSE", List.of())));
      SessionLogRecorder recorder = SessionLogCaptures.recorder(1);
      try (FlowEngine engine =
              new FlowEngine(FactoryDefault.config().withMaximumSessions(4096), 1, recorder);
          SessionLogger logger = new SessionLogger(recorder, config, engine::config)) {
        SessionLogCaptures.replay(engine, SessionLogCaptures.everyEnding(dir));
        assertThat(logger.awaitIdle(WAIT_MS)).isTrue();
        assertThat(logger.linesFiltered())
            .as("5 closes not sent to the host, 5 creates not to the file")
            .isEqualTo(10);
      }
      waitFor(() -> datagrams.size() >= 5);
      assertThat(datagrams)
          .as("structured creates")
          .containsExactlyElementsOf(
              structured.stream().filter(l -> l.contains("RT_FLOW_SESSION_CREATE")).toList());
      assertThat(java.nio.file.Files.readAllLines(closes))
          .as("standard closes, in a directory made for them")
          .containsExactlyElementsOf(
              standard.stream().filter(l -> l.contains("RT_FLOW_SESSION_CLOSE")).toList());
      assertThat(java.nio.file.Files.readAllLines(everything)).containsExactlyElementsOf(standard);
      udpReader.interrupt();
    }
  }

  @Test
  void aUdpHostWithASourceAddressSendsFromIt() throws Exception {
    try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      udp.setSoTimeout(5_000);
      SessionLogConfig config =
          SessionLogConfig.defaults()
              .withHost(
                  new SessionLogConfig.LogHost(
                      "127.0.0.1",
                      udp.getLocalPort(),
                      SessionLogConfig.Transport.UDP,
                      null,
                      "127.0.0.2",
                      MessageFilter.ALL));
      replayInto(config);
      DatagramPacket packet = new DatagramPacket(new byte[65_535], 65_535);
      udp.receive(packet);
      assertThat(packet.getAddress().getHostAddress()).isEqualTo("127.0.0.2");
    }
  }

  @Test
  void aTcpHostThatIsNotListeningCountsLostLinesAndTheLoggerGoesOn() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    Path file = dir.resolve("flow.log");
    SessionLogConfig config =
        SessionLogConfig.defaults()
            .withFile(file)
            .withHost("127.0.0.1", closedPort, SessionLogConfig.Transport.TCP);
    SessionLogRecorder recorder = SessionLogCaptures.recorder(1);
    try (FlowEngine engine =
            new FlowEngine(FactoryDefault.config().withMaximumSessions(4096), 1, recorder);
        SessionLogger logger = new SessionLogger(recorder, config, engine::config)) {
      SessionLogCaptures.replay(engine, SessionLogCaptures.everyEnding(dir));
      assertThat(logger.awaitIdle(WAIT_MS)).isTrue();
      assertThat(logger.formatted()).isEqualTo(10);
      LogSink tcp = logger.allSinks().get(0);
      assertThat(tcp.sent()).isZero();
      assertThat(tcp.dropped()).isEqualTo(10);
      assertThat(logger.allSinks().get(1).sent()).isEqualTo(10); // the file still gets every line
    }
  }

  @Test
  void malformedEventsAreDroppedAndCountedByReasonWhileGoodOnesAreStillWritten() throws Exception {
    Path file = dir.resolve("flow.log");
    SessionLogRecorder recorder = SessionLogCaptures.recorder(1);
    try (FlowEngine engine = new FlowEngine(FactoryDefault.config(), 1, recorder);
        SessionLogger logger =
            new SessionLogger(
                recorder, SessionLogConfig.defaults().withFile(file), engine::config)) {
      assertThat(logger.malformedEventsReport()).isNull();
      publish(recorder, SessionLogEvent.header(200, 6, 0, 0, 0, 1)); // no such type
      publish(recorder, SessionLogEvent.header(SessionLogEvent.CLOSE, 6, 200, 0, 0, 1));
      publish(recorder, SessionLogEvent.header(0, 17, 0, 0, 0, 1)); // an empty slot's zero type
      SessionLogCaptures.replay(engine, SessionLogCaptures.everyEnding(dir));
      assertThat(logger.awaitIdle(WAIT_MS)).isTrue();
      assertThat(logger.malformedEvents())
          .containsEntry(MalformedEvent.UNKNOWN_TYPE, 2L)
          .containsEntry(MalformedEvent.UNKNOWN_CLOSE_REASON, 1L)
          .containsEntry(MalformedEvent.UNREADABLE, 0L);
      assertThat(logger.malformedEventsTotal()).isEqualTo(3);
      assertThat(logger.malformedEventsReport())
          .isEqualTo(
              "3 session log events could not be formatted and were dropped"
                  + " (unknown event type: 2, unknown close reason: 1)");
      assertThat(logger.formatted()).isEqualTo(10); // the replay's lines, all of them
    }
    assertThat(java.nio.file.Files.readAllLines(file)).hasSize(10);
  }

  /** Writes one raw event, as an SPU would, into SPU 0's ring. */
  private static void publish(SessionLogRecorder recorder, long header) {
    org.flowgate.dataplane.log.SessionLogRing ring = recorder.ring(0);
    int at = ring.claim();
    assertThat(at).isGreaterThanOrEqualTo(0);
    long[] words = ring.words();
    java.util.Arrays.fill(words, at, at + SessionLogEvent.WORDS, 0);
    words[at + SessionLogEvent.HEADER] = header;
    words[at + SessionLogEvent.TIME] = 1_700_000_000_000_000_000L;
    ring.publish();
  }

  @Test
  void aFullRingDropsAndCountsInsteadOfBlockingTheSpu() throws Exception {
    SessionLogRecorder tiny = new SessionLogRecorder(1, 2);
    try (FlowEngine engine =
        new FlowEngine(FactoryDefault.config().withMaximumSessions(4096), 1, tiny)) {
      SessionLogCaptures.replay(engine, SessionLogCaptures.everyEnding(dir)); // nobody drains
    }
    assertThat(tiny.ring(0).capacity()).isEqualTo(2);
    assertThat(tiny.pending()).isEqualTo(2);
    assertThat(tiny.dropped()).isEqualTo(8);
  }

  private void replayInto(SessionLogConfig config) throws IOException {
    SessionLogRecorder recorder = SessionLogCaptures.recorder(1);
    try (FlowEngine engine =
            new FlowEngine(FactoryDefault.config().withMaximumSessions(4096), 1, recorder);
        SessionLogger logger = new SessionLogger(recorder, config, engine::config)) {
      SessionLogCaptures.replay(engine, SessionLogCaptures.everyEnding(dir));
      assertThat(logger.awaitIdle(WAIT_MS)).isTrue();
      assertThat(logger.linesDropped()).isZero();
    }
  }

  static void waitFor(java.util.function.BooleanSupplier condition) {
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofMillis(WAIT_MS))
        .pollInterval(java.time.Duration.ofMillis(20))
        .until(condition::getAsBoolean);
  }

  private static void readDatagrams(DatagramSocket socket, List<String> into) {
    byte[] buffer = new byte[65_535];
    while (!Thread.currentThread().isInterrupted()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
        into.add(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
      } catch (SocketTimeoutException e) {
        // look at the interrupt flag again
      } catch (IOException e) {
        return;
      }
    }
  }

  /** RFC 6587 §3.4.1: MSG-LEN SP SYSLOG-MSG, repeated. */
  private static void readFrames(ServerSocket server, List<String> into) {
    try (Socket socket = server.accept();
        DataInputStream in = new DataInputStream(socket.getInputStream())) {
      while (true) {
        int length = 0;
        int c;
        while ((c = in.read()) != ' ') {
          if (c < 0) {
            return;
          }
          assertThat((char) c).isBetween('0', '9');
          length = length * 10 + (c - '0');
        }
        byte[] message = new byte[length];
        in.readFully(message);
        into.add(new String(message, StandardCharsets.UTF_8));
      }
    } catch (EOFException e) {
      // sender closed mid-frame: the test's comparison will show it
    } catch (IOException e) {
      // socket closed at the end of the test
    }
  }
}
