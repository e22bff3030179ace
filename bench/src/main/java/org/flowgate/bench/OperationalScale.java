package org.flowgate.bench;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.flowgate.mgmt.command.OperationalCommands;
import org.flowgate.testkit.PacketBuilder;

/**
 * The operational views at table scale (the targets: summary at most 10 ms, the first page
 * of a filtered view at most 200 ms, a full dump at 1 M sessions/s or more, a clear of 1 M matching
 * sessions within 1 s). Fills one SPU with N UDP sessions by replaying a capture of one packet
 * each, then times each view through {@link OperationalCommands} as an operator's command would
 * run, counting output lines instead of printing them.
 *
 * <pre>
 * java -Xmx8g --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar \
 *     org.flowgate.bench.OperationalScale 10000000
 * </pre>
 */
public final class OperationalScale {
  private OperationalScale() {}

  /** One UDP packet per session: sources 10.x.y.z, destination ports 5000 + 0..63. */
  private static void writeSessions(Path capture, int sessions) throws IOException {
    byte[] frame = PacketBuilder.ipv4("10.0.0.0", "172.16.0.1").udp(1024, 5000).ethernet();
    try (PcapWriter out =
        PcapWriter.open(capture, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      for (int i = 0; i < sessions; i++) {
        frame[27] = (byte) (i >>> 16);
        frame[28] = (byte) (i >>> 8);
        frame[29] = (byte) i;
        frame[35] = (byte) (i & 0x3f); // the filtered view below selects one port of 64
        out.write(1_000_000_000L, frame); // one instant: nothing times out
      }
    }
  }

  public static void main(String[] args) throws IOException {
    int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
    try (FlowEngine engine =
        new FlowEngine(FactoryDefault.config().withMaximumSessions(sessions + 1024L), 1)) {
      Path capture = Files.createTempFile("flowgate-operational-scale-", ".pcap");
      try {
        writeSessions(capture, sessions);
        long start = System.nanoTime();
        engine.replay(List.of(capture), -1);
        System.out.printf(
            "filled %,d sessions in %.1f s (a replay of one packet each)%n",
            sessions, (System.nanoTime() - start) / 1e9);
      } finally {
        Files.deleteIfExists(capture);
      }
      OperationalCommands cli = new OperationalCommands(engine);

      time("summary", () -> cli.execute("show security flow session summary").lines().count());
      FirstPage firstPage = new FirstPage();
      long t = System.nanoTime();
      try {
        cli.execute("show security flow session destination-port 5001", firstPage);
      } catch (FirstPage.Full full) {
        // the first screen is there: stop, as an operator's pager would
      }
      System.out.printf(
          "%-44s %10.1f ms%n",
          "first page (30 lines) of a filtered view", (System.nanoTime() - t) / 1e6);
      long dumpStart = System.nanoTime();
      long lines = cli.execute("show security flow session | count").lines().count();
      double dumpSeconds = (System.nanoTime() - dumpStart) / 1e9;
      System.out.printf(
          "%-44s %10.0f sessions/s (%.1f s)%n",
          "full dump through | count", sessions / dumpSeconds, dumpSeconds);
      long clearStart = System.nanoTime();
      String cleared = cli.execute("clear security flow session source-prefix 10.0.0.0/12");
      System.out.printf(
          "%-44s %10.1f ms (%s)%n",
          "clear of the sessions from 10.0.0.0/12",
          (System.nanoTime() - clearStart) / 1e6,
          cleared.strip());
      if (lines < 0) {
        throw new IllegalStateException();
      }
    }
  }

  private static void time(String what, java.util.function.LongSupplier work) {
    for (int i = 0; i < 3; i++) {
      work.getAsLong();
    }
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 20; i++) {
      long t = System.nanoTime();
      work.getAsLong();
      best = Math.min(best, System.nanoTime() - t);
    }
    System.out.printf("%-44s %10.3f ms (best of 20)%n", what, best / 1e6);
  }

  /** Takes output until a screen (30 lines) is full, like a pager waiting at ---(more)---. */
  private static final class FirstPage implements Appendable {
    static final class Full extends RuntimeException {
      Full() {
        super(null, null, false, false);
      }
    }

    private int lines;

    @Override
    public Appendable append(CharSequence text) {
      for (int i = 0; i < text.length(); i++) {
        append(text.charAt(i));
      }
      return this;
    }

    @Override
    public Appendable append(CharSequence text, int start, int end) {
      return append(text.subSequence(start, end));
    }

    @Override
    public Appendable append(char c) {
      if (c == '\n' && ++lines >= 30) {
        throw new Full();
      }
      return this;
    }
  }
}
