package org.flowgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flowgate serve} as a process: it starts, says how to add a user when there is none, stops
 * cleanly on SIGTERM, and a restart finds its host key and committed configuration again.
 */
class ServeTest {
  @TempDir Path dir;

  private Process serve(Path state, String... extra) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                "org.flowgate.server.Main",
                "serve",
                "--state",
                state.toString(),
                "--ssh-port",
                "0",
                "--netconf-port",
                "0",
                "--spus",
                "1"));
    command.addAll(List.of(extra));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  /** Reads the output until the serving line and returns everything read. */
  private static String untilServing(Process process) throws Exception {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder out = new StringBuilder();
    String line;
    while ((line = reader.readLine()) != null) {
      out.append(line).append('\n');
      if (line.startsWith("flowgate: serving")) {
        // the no-user message follows on the next lines when there is one
        if (!reader.ready()) {
          long deadline = System.nanoTime() + 2_000_000_000L;
          while (!reader.ready() && System.nanoTime() < deadline && process.isAlive()) {
            Thread.onSpinWait();
          }
        }
        while (reader.ready() && (line = reader.readLine()) != null) {
          out.append(line).append('\n');
        }
        return out.toString();
      }
    }
    throw new AssertionError("serve ended before serving:\n" + out);
  }

  @Test
  void startsStopsOnSigtermAndKeepsItsStateAcrossRestarts() throws Exception {
    Path state = dir.resolve("state");
    Path config = dir.resolve("fw.conf");
    Files.writeString(config, "system { host-name persisted-fw; }\n");
    Process first = serve(state, "--config", config.toString());
    try {
      String out = untilServing(first);
      assertThat(out).contains("serving persisted-fw").contains("no login user is configured");
      Matcher port = Pattern.compile("ssh 127.0.0.1:(\\d+)").matcher(out);
      assertThat(port.find()).isTrue();
      first.destroy(); // SIGTERM
      assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(first.exitValue()).isIn(0, 143);
    } finally {
      first.destroyForcibly();
    }
    assertThat(state.resolve("ssh_host_ecdsa_key")).exists();
    assertThat(Files.readString(state.resolve("config/juniper.conf")))
        .contains("## Last commit:")
        .contains("host-name persisted-fw;");
    byte[] hostKey = Files.readAllBytes(state.resolve("ssh_host_ecdsa_key"));

    Process second = serve(state); // no --config: the committed configuration comes back
    try {
      assertThat(untilServing(second)).contains("serving persisted-fw");
      second.destroy();
      assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      second.destroyForcibly();
    }
    assertThat(Files.readAllBytes(state.resolve("ssh_host_ecdsa_key"))).isEqualTo(hostKey);
  }

  @Test
  void aConfigurationWithErrorsIsRefusedWithExit2() throws Exception {
    Path config = dir.resolve("bad.conf");
    Files.writeString(
        config, "security { zones { security-zone trust { interfaces ge-0/0/7.0; } } }\n");
    Process process = serve(dir.resolve("state2"), "--config", config.toString());
    try {
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isEqualTo(2);
      assertThat(out).contains("error").contains("not serving");
    } finally {
      process.destroyForcibly();
    }
  }
}
