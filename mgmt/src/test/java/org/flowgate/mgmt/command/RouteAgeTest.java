package org.flowgate.mgmt.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.flowgate.config.compile.CompileResult;
import org.flowgate.config.compile.JunosCompiler;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.replay.TimedCommit;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code show route}'s ages on the engine's clock: a capture 83 seconds long dates every route of
 * the first generation from its first packet; a commit 30 seconds in that changes one static route
 * and adds another restarts those two and leaves the rest as they were, as a Junos route's age
 * does; the same for one SPU or four (the host's cores play no part).
 *
 * <pre>
 *   t = 0 s    first packet   all routes installed (the engine's start)
 *   t = 30 s   commit         10.9.0.0/16 gets another next hop, 10.8.0.0/16 is new
 *   t = 83 s   last packet    show route: 00:01:23 for the untouched, 00:00:53 for the two
 * </pre>
 */
class RouteAgeTest {
  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final long SECOND = 1_000_000_000L;

  private static final String BASE =
      """
      set interfaces ge-0/0/0 unit 0 family inet address 203.0.113.1/24
      set interfaces ge-0/0/1 unit 0 family inet address 10.0.0.1/16
      set routing-options static route 0.0.0.0/0 next-hop 203.0.113.254
      set routing-options static route 10.9.0.0/16 next-hop 10.0.0.254
      set security zones security-zone trust interfaces ge-0/0/1.0
      set security zones security-zone untrust interfaces ge-0/0/0.0
      set security policies from-zone trust to-zone untrust policy out match source-address any
      set security policies from-zone trust to-zone untrust policy out match destination-address any
      set security policies from-zone trust to-zone untrust policy out match application any
      set security policies from-zone trust to-zone untrust policy out then permit
      """;

  private static final String CHANGED =
      BASE.replace("10.9.0.0/16 next-hop 10.0.0.254", "10.9.0.0/16 next-hop 10.0.0.253")
          + "set routing-options static route 10.8.0.0/16 next-hop 10.0.0.254\n";

  @TempDir Path dir;

  private static RuntimeConfig compile(String text) {
    CompileResult compiled = JunosCompiler.load(text, "edge.conf");
    assertThat(compiled.errors()).isEmpty();
    return compiled.config();
  }

  private Path capture() throws IOException {
    Path file = dir.resolve("83s.pcap");
    try (PcapWriter w = PcapWriter.open(file, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      for (long second : new long[] {0, 10, 40, 83}) {
        w.write(
            T0 + second * SECOND,
            PacketBuilder.ipv4("10.0.0.5", "192.0.2.10")
                .udp(5000 + (int) second, 53)
                .payloadLength(20)
                .ethernet());
      }
    }
    return file;
  }

  private String showRouteAfterReplay(int spus, List<TimedCommit> commits) throws IOException {
    try (FlowEngine engine = new FlowEngine(compile(BASE), spus)) {
      OperationalCommands cli = new OperationalCommands(engine);
      assertThat(cli.execute("show route")).as("no packet yet: no age").doesNotContain(":00");
      engine.replay(List.of(capture()), -1, commits);
      return cli.execute("show route");
    }
  }

  @Test
  void aRoutesAgeCountsFromTheEnginesStartOnTheCapturesClock() throws IOException {
    String shown = showRouteAfterReplay(1, List.of());
    assertThat(shown)
        .contains("0.0.0.0/0          *[Static/5] 00:01:23\n")
        .contains("10.0.0.0/16        *[Direct/0] 00:01:23\n")
        .contains("10.0.0.1/32        *[Local/0] 00:01:23\n")
        .contains("10.9.0.0/16        *[Static/5] 00:01:23\n");
  }

  @Test
  void aCommitRestartsTheAgeOfTheRoutesItChangesOnly() throws IOException {
    String shown = showRouteAfterReplay(1, List.of(new TimedCommit(30 * SECOND, compile(CHANGED))));
    assertThat(shown)
        .contains("0.0.0.0/0          *[Static/5] 00:01:23\n")
        .contains("10.0.0.0/16        *[Direct/0] 00:01:23\n")
        .contains("10.8.0.0/16        *[Static/5] 00:00:53\n")
        .contains("10.9.0.0/16        *[Static/5] 00:00:53\n")
        .contains(">  to 10.0.0.253 via ge-0/0/1.0");
    assertThat(showRouteAfterReplay(4, List.of(new TimedCommit(30 * SECOND, compile(CHANGED)))))
        .isEqualTo(shown);
  }

  @Test
  void aCommitAfterTheReplayIsTheNewestRouteAndXmlCarriesItsSeconds() throws IOException {
    try (FlowEngine engine = new FlowEngine(compile(BASE), 2)) {
      OperationalCommands cli = new OperationalCommands(engine);
      engine.replay(List.of(capture()), -1);
      engine.commit(compile(CHANGED));
      String shown = cli.execute("show route");
      assertThat(shown)
          .contains("10.8.0.0/16        *[Static/5] 00:00:00\n")
          .contains("10.9.0.0/16        *[Static/5] 00:00:00\n")
          .contains("0.0.0.0/0          *[Static/5] 00:01:23\n");
      assertThat(cli.execute("show route 0.0.0.0/0 | display xml"))
          .contains("<age junos:seconds=\"83\">00:01:23</age>");
    }
  }
}
