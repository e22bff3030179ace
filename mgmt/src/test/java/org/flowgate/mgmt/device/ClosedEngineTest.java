package org.flowgate.mgmt.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.flowgate.mgmt.auth.LoginClass;
import org.flowgate.mgmt.command.OperationalCommands;
import org.flowgate.mgmt.netconf.GrammarRpcs;
import org.flowgate.mgmt.netconf.OperationalRpcs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command that reaches an engine that was closed (a device stopping while a client still asks)
 * answers a Junos-style error at once in the CLI, in NETCONF and in a replay's status: before, each
 * waited forever for the stopped SPU threads.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ClosedEngineTest {
  @TempDir Path dir;

  private static FlowEngine closedEngine() {
    FlowEngine engine = new FlowEngine(FactoryDefault.config(), 2);
    engine.close();
    return engine;
  }

  @Test
  void theCliAnswersThatTheFlowSubsystemIsNotRunningInEveryDisplay() {
    OperationalCommands cli = new OperationalCommands(closedEngine());

    for (String line :
        new String[] {
          "show security flow session",
          "show security flow session | display xml",
          "show security flow session summary | display json",
          "show security flow statistics",
          "clear security flow session all"
        }) {
      StringBuilder out = new StringBuilder();
      assertThat(cli.execute(line, out)).as(line).isFalse();
      assertThat(out.toString()).as(line).isEqualTo("error: the flow subsystem is not running\n");
    }
  }

  @Test
  void netconfAnswersAnRpcError() {
    FlowEngine engine = closedEngine();
    GrammarRpcs rpcs = new GrammarRpcs(loginClass -> new OperationalCommands(engine));

    OperationalRpcs.Answer answer =
        rpcs.command(
            "show security flow session",
            OperationalRpcs.Format.XML,
            LoginClass.predefined("super-user"));

    assertThat(answer)
        .isEqualTo(
            new OperationalRpcs.Answer.Error(
                "operation-failed", "the flow subsystem is not running", null));
  }

  @Test
  void aReplayRequestedOfAClosedEngineSaysWhyItFailed() throws IOException {
    Path capture = Files.write(dir.resolve("empty.pcap"), new byte[0]);
    try (ReplayService replays = new ReplayService(closedEngine())) {
      assertThatThrownBy(() -> replays.submit(capture, 0).get())
          .isInstanceOf(ExecutionException.class)
          .cause()
          .hasMessage("the flow subsystem is not running");
      assertThat(replays.status())
          .isEqualTo("replay of " + capture + " failed: the flow subsystem is not running");
    }
  }
}
