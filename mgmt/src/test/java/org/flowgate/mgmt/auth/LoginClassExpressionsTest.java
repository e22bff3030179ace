package org.flowgate.mgmt.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.flowgate.config.login.LoginConfiguration;
import org.flowgate.config.text.SourceLocation;
import org.junit.jupiter.api.Test;

/**
 * A login class's command and configuration expressions do bounded work: one that backtracks past
 * its allowance on a command allows nothing and denies (it used to hold the session's thread for as
 * long as the matching took: hours for these).
 */
class LoginClassExpressionsTest {
  /** Every way of picking 14 of a long command's letters, then no '!': never found. */
  private static final String BACKTRACKS = "(.*[a-z]){14}!";

  private static final String LONG_COMMAND =
      "show security flow session source-prefix 192.168.1.0/24 destination-port 443 extensive";

  private static LoginClass loginClass(
      String allowCommands,
      String denyCommands,
      String allowConfiguration,
      String denyConfiguration) {
    return LoginClass.of(
        new LoginConfiguration.ClassDefinition(
            "ops",
            List.of("view", "configure", "security-control"),
            allowCommands,
            denyCommands,
            allowConfiguration,
            denyConfiguration,
            0,
            new SourceLocation("t", 1, 1)));
  }

  @Test
  void aDenyExpressionTooComplexToDecideDenies() {
    LoginClass ops = loginClass(null, BACKTRACKS, null, BACKTRACKS);
    assertThat(ops.mayRun(LONG_COMMAND, "view")).isFalse();
    assertThat(ops.mayRun("show version", "view")).isTrue(); // decided within its allowance
    assertThat(
            ops.mayEdit(
                List.of("security", "policies", "from-zone", "trust", "to-zone", "untrust")))
        .isFalse();
  }

  @Test
  void anAllowExpressionTooComplexToDecideAllowsNothing() {
    LoginClass ops = loginClass(BACKTRACKS, null, BACKTRACKS, null);
    assertThat(ops.mayRun("clear security flow session all", "clear")).isFalse();
    assertThat(ops.mayRun(LONG_COMMAND, "view")).isTrue(); // by its flag
  }
}
