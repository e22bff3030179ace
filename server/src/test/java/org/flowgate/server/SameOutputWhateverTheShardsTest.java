package org.flowgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A vSRX prints the same thing whatever the number of SPU shards (issue 11): one SPU and four,
 * replaying the demo's NAT'd office through its configuration, give byte-identical output for every
 * session view and format, ids and order included, and for the statistics, the summary and the NAT
 * views. (The number of shards follows the host's cores by default; only speed may change with it.)
 */
class SameOutputWhateverTheShardsTest {
  private static final List<String> COMMANDS =
      List.of(
          "show security flow session",
          "show security flow session extensive",
          "show security flow session summary",
          "show security flow session | display xml",
          "show security flow session extensive | display json",
          "show security flow session nat",
          "show security flow session protocol tcp | count",
          "show security flow statistics",
          "show security nat source rule all",
          "show security policies hit-count");

  @TempDir Path dir;

  private String replay(int spus, Path capture, Path config, String... options) {
    List<String> args = new ArrayList<>(List.of("replay", "--spus", Integer.toString(spus)));
    args.addAll(List.of(options));
    args.addAll(List.of("--config", config.toString(), capture.toString()));
    for (String command : COMMANDS) {
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
    assertThat(status).as("exit status; stderr: %s", err).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  private Path config() throws IOException {
    Path config = dir.resolve("srx-edge.conf");
    try (InputStream in = getClass().getResourceAsStream("/demo/srx-edge.conf")) {
      Files.write(config, in.readAllBytes());
    }
    return config;
  }

  @Test
  void oneShardAndFourPrintTheSameBytes() throws IOException {
    Path capture = DemoCapture.write(dir.resolve("office.pcap"));
    Path config = config();

    String one = replay(1, capture, config);
    String four = replay(4, capture, config);

    assertThat(one).contains("Session ID: ").contains("<flow-session-information");
    assertThat(four).isEqualTo(one);
  }

  /**
   * At instants inside the capture (the HTTP session just closed by its FIN, the scan under way,
   * the UDP sessions ageing out), SPUs that saw no packet of their own for a while still show what
   * a device would at that instant: every SPU's clock moves with the capture.
   */
  @Test
  void atAnyInstantOneShardAndFourPrintTheSameBytes() throws IOException {
    Path capture = DemoCapture.write(dir.resolve("office.pcap"));
    Path config = config();

    for (String at : List.of("0.5", "3", "8.5", "12", "33")) {
      String one = replay(1, capture, config, "--at", at);
      String four = replay(4, capture, config, "--at", at);

      assertThat(four).as("--at %s", at).isEqualTo(one);
    }
  }
}
