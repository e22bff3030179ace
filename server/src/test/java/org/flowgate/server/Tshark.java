package org.flowgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** tshark reading a capture a test wrote: {@code tshark -r ARGS...}, its output lines. */
final class Tshark {
  private Tshark() {}

  /** The lines tshark prints for {@code -r args...}; fails the test if it runs over a minute. */
  static List<String> read(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("tshark", "-r"));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      List<String> lines =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .toList();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      return lines;
    } finally {
      process.destroyForcibly();
    }
  }
}
