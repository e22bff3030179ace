package org.flowgate.mgmt.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.control.SessionFilter;
import org.flowgate.dataplane.control.SessionSnapshot;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session list of any length is written as it is read, in text, XML and JSON: each chunk the
 * engine hands over reaches the output before the next chunk is asked for, so nothing holds the
 * whole list (issue 10, item 5). Checked by what has been written when the last chunk is asked for,
 * not by timing.
 */
class SessionStreamingTest {
  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final int CHUNKS = 200;

  @TempDir Path dir;

  /** One real session, copied out of an engine that replayed one UDP packet. */
  private SessionSnapshot oneSession(FlowEngine engine) throws Exception {
    Path file = dir.resolve("one.pcap");
    try (PcapWriter writer =
        PcapWriter.open(file, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      writer.write(
          T0, PacketBuilder.ipv4("192.168.1.10", "198.51.100.7").udp(5353, 5000).ethernet());
    }
    engine.replay(List.of(file), -1);
    return engine.sessions(SessionFilter.ALL).getFirst().getFirst();
  }

  /**
   * Runs {@code line} against a source that hands over {@link #CHUNKS} chunks of one session each
   * and records how much output there was when the last chunk was asked for.
   */
  private static long[] stream(FlowEngine engine, SessionSnapshot session, String line) {
    StringBuilder out = new StringBuilder();
    long[] writtenBeforeLast = {-1, 0};
    OperationalCommands.SessionSource source =
        (filter, chunkSlots, consumer) -> {
          for (int chunk = 0; chunk < CHUNKS; chunk++) {
            if (chunk == CHUNKS - 1) {
              writtenBeforeLast[0] = out.length();
            }
            consumer.accept(0, List.of(session));
          }
          return new long[] {CHUNKS};
        };
    new OperationalCommands(engine, null, source, Clock.systemUTC()).execute(line, out);
    writtenBeforeLast[1] = out.length();
    return writtenBeforeLast;
  }

  @Test
  void xmlJsonAndTextOfALongListAreWrittenAsTheChunksArrive() throws Exception {
    try (FlowEngine engine = new FlowEngine(FactoryDefault.config().withMaximumSessions(4096), 1)) {
      SessionSnapshot session = oneSession(engine);
      for (String display : List.of("", " | display xml", " | display json")) {
        long[] written = stream(engine, session, "show security flow session" + display);
        long perSession = written[1] / CHUNKS;
        // all but the last chunk (and the reply's closing lines) were out before it was asked for
        assertThat(written[0])
            .as(display)
            .isGreaterThan((CHUNKS - 2) * perSession)
            .isLessThan(written[1]);
      }
    }
  }

  @Test
  void theStreamedXmlAndJsonAreTheRepliesOfTheWholeList() throws Exception {
    try (FlowEngine engine = new FlowEngine(FactoryDefault.config().withMaximumSessions(4096), 1)) {
      SessionSnapshot session = oneSession(engine);
      OperationalCommands cli = new OperationalCommands(engine);
      String xml = cli.execute("show security flow session | display xml");
      assertThat(xml)
          .contains("<session-identifier>" + session.sessionId() + "</session-identifier>")
          .contains("<displayed-session-count>1</displayed-session-count>")
          .endsWith("</rpc-reply>\n");
      String json = cli.execute("show security flow session | display json");
      assertThat(json).contains("\"data\" : \"198.51.100.7\"").endsWith("}\n");
      assertThat(cli.execute("show security flow session idp | display xml"))
          .contains("<displayed-session-count>0</displayed-session-count>");
    }
  }
}
