package org.flowgate.mgmt.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code system syslog ... match} and {@code match-strings}, as Junos documents them. */
class MessageFilterTest {
  private static final String CREATE =
      "Jan  1 00:00:00 fw RT_FLOW: RT_FLOW_SESSION_CREATE: session created 10.0.0.1/1->10.0.0.2/2";
  private static final String CLOSE =
      "Jan  1 00:00:05 fw RT_FLOW: RT_FLOW_SESSION_CLOSE: session closed TCP FIN: 10.0.0.1/1->10.0.0.2/2";

  @Test
  void withoutMatchEveryMessageIsTaken() {
    assertThat(MessageFilter.ALL.accepts(CREATE)).isTrue();
    assertThat(MessageFilter.of(null, List.of())).isSameAs(MessageFilter.ALL);
  }

  @Test
  void matchFindsTheExpressionAnywhereWithoutRegardToCase() {
    MessageFilter closes = MessageFilter.of("rt_flow_session_(close|deny)", List.of());
    assertThat(closes.accepts(CLOSE)).isTrue();
    assertThat(closes.accepts(CREATE)).isFalse();
  }

  @Test
  void anExpressionThatBacktracksPastItsAllowanceTakesTheMessage() {
    // (.*_){12}! tries every way of picking 12 of the message's underscores before giving up
    MessageFilter backtracks = MessageFilter.of("(.*_){12}!", List.of());
    String message = CREATE + " " + "a_".repeat(40);
    assertThat(backtracks.accepts(message)).isTrue();
    assertThat(MessageFilter.of("!(.*_){12}!", List.of()).accepts(message)).isTrue();
  }

  @Test
  void aLeadingExclamationMarkTakesWhatDoesNotMatch() {
    MessageFilter allButCreates = MessageFilter.of("!SESSION_CREATE", List.of());
    assertThat(allButCreates.accepts(CLOSE)).isTrue();
    assertThat(allButCreates.accepts(CREATE)).isFalse();
  }

  @Test
  void matchStringsComeFirstAndAnyOfThemIsEnough() {
    MessageFilter filter = MessageFilter.of("SESSION_DENY", List.of("TCP FIN", "TCP RST"));
    assertThat(filter.accepts(CLOSE)).as("a string").isTrue();
    assertThat(filter.accepts(CREATE)).as("neither a string nor the expression").isFalse();
    assertThat(MessageFilter.of(null, List.of("session created")).accepts(CREATE)).isTrue();
    assertThat(MessageFilter.of(null, List.of("Session Created")).accepts(CREATE))
        .as("strings are compared exactly")
        .isFalse();
  }
}
