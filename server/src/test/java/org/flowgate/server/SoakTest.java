package org.flowgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak, short: three passes of a 2,000-flow capture spanning 61 s, replayed ten times faster
 * than real time (about 600 log lines a second, well inside what the logger sends), commits every
 * 500 ms, every session logged over TCP to the soak's own receiver; then every timeout. The
 * 30-minute run is {@code tools/soak.sh} (docs/reliability.md), not a test.
 */
class SoakTest {
  @TempDir Path dir;

  @Test
  void threePassesLeakNoSessionAndLoseNoLogLine() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Soak.Options options =
        Soak.parse(
            new String[] {
              "--passes", "3",
              "--flows", "2000",
              "--pass-seconds", "61",
              "--timeout", "5",
              "--speed", "10",
              "--commit-every", "0.5",
              "--sample-every", "1",
              "--dir", dir.toString()
            });
    Soak.Result result = Soak.soak(options, new PrintStream(printed, true, StandardCharsets.UTF_8));
    String output = printed.toString(StandardCharsets.UTF_8);
    assertThat(result.problems()).as(output).isEmpty();
    Soak.Sample drained = result.drained();
    // every pass creates every flow's session anew: the last pass's sessions had closed
    assertThat(drained.sessionsCreated()).as(output).isEqualTo(3 * 2_000);
    assertThat(drained.sessionsClosed()).isEqualTo(3 * 2_000);
    assertThat(drained.sessionsInUse()).isZero();
    assertThat(drained.packets()).isEqualTo(3 * 4_000 + 5 + 10);
    assertThat(result.createLinesReceived()).isEqualTo(3 * 2_000);
    assertThat(result.closeLinesReceived()).isEqualTo(3 * 2_000);
    assertThat(result.otherLinesReceived()).isZero();
    assertThat(drained.linesSent()).isEqualTo(6 * 2_000);
    assertThat(drained.commits()).isPositive();
    assertThat(result.report().timeJumpCount())
        .as("one rewind a pass after the first")
        .isEqualTo(2);
  }

  @Test
  void refusesAPassTooShortToBeARewind() {
    assertThatThrownBy(() -> Soak.parse(new String[] {"--passes", "2", "--pass-seconds", "30"}))
        .isInstanceOf(Main.UsageException.class)
        .hasMessageContaining("--pass-seconds must exceed 60");
  }
}
