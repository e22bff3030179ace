package org.flowgate.mgmt.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.junit.jupiter.api.Test;

/** {@code ?} inside a pipe lists what may come next, as everywhere else on the line. */
class PipeHelpTest {
  @Test
  void questionMarkAfterSaveListsTheFileNameInsteadOfWritingAFileNamedQuestionMark() {
    try (FlowEngine engine = new FlowEngine(FactoryDefault.config(), 1)) {
      OperationalCommands commands = new OperationalCommands(engine);
      String answer = commands.execute("show security flow session | save ?");
      assertThat(answer).contains("Possible completions:").contains("<filename>");
      assertThat(answer).doesNotContain("Wrote");
      assertThat(Files.exists(Path.of("?"))).isFalse();
      assertThat(commands.execute("show security flow session | ?"))
          .contains("match")
          .contains("save")
          .contains("no-more");
      assertThat(commands.execute("show security flow session | match \"?\""))
          .doesNotContain("Possible completions");
    }
  }
}
