package org.flowgate.mgmt.regex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BoundedRegexTest {
  /** 28 a's and a '!': Java's matcher reads 344 million characters for (.*a){10}$ on it. */
  private static final String RUN_OF_A = "a".repeat(40) + "!";

  @Test
  void stopsAnExpressionThatBacktracksPastItsAllowance() {
    BoundedRegex regex = BoundedRegex.compile("(.*a){10}$");
    assertThatThrownBy(() -> regex.find(RUN_OF_A))
        .isInstanceOf(BoundedRegex.TooComplex.class)
        .hasMessageContaining("regular expression '(.*a){10}$' is too complex");
    assertThat(regex.stepsTaken())
        .isEqualTo(BoundedRegex.BASE_STEPS + BoundedRegex.STEPS_PER_CHARACTER * RUN_OF_A.length());
  }

  @Test
  void findOnceHasItsOwnAllowanceAndLeavesTheInstanceAlone() {
    BoundedRegex regex = BoundedRegex.compile("(.*a){10}$", Pattern.CASE_INSENSITIVE);
    assertThatThrownBy(() -> regex.findOnce(RUN_OF_A)).isInstanceOf(BoundedRegex.TooComplex.class);
    assertThatThrownBy(() -> regex.findOnce(RUN_OF_A.toUpperCase()))
        .isInstanceOf(BoundedRegex.TooComplex.class);
    assertThat(regex.stepsTaken()).isZero();
    assertThat(regex.findOnce("A!")).isFalse();
    assertThat(regex.findOnce("a".repeat(10))).isTrue();
  }

  @Test
  void ordinaryExpressionsOverALargeOutputStayFarInsideTheAllowance() {
    List<String> lines =
        List.of(
            "Session ID: 4294967, Policy name: default-policy-logical-system-00/2, State: Stand-alone,"
                + " Timeout: 1800, Session State: Valid",
            "  In: 192.168.1.10/40000 --> 203.0.113.5/443;tcp, Conn Tag: 0x0, If: ge-0/0/1.0,"
                + " Pkts: 1, Bytes: 60,",
            "  Out: 203.0.113.5/443 --> 192.168.1.10/40000;tcp, Conn Tag: 0x0, If: ge-0/0/0.0,"
                + " Pkts: 0, Bytes: 0,",
            "Total sessions: 4");
    for (String expression :
        List.of("In:", "tcp|udp", "^Session ID: [0-9]+", ".*x.*y", "(In|Out): .*443", "[0-9]+$")) {
      BoundedRegex regex = BoundedRegex.compile(expression);
      long characters = 0;
      for (int i = 0; i < 25_000; i++) {
        String line = lines.get(i % lines.size());
        regex.find(line);
        characters += line.length();
      }
      assertThat(regex.stepsTaken())
          .as(expression)
          .isLessThan(characters * BoundedRegex.STEPS_PER_CHARACTER / 10);
    }
  }

  @Test
  void anInvalidExpressionIsRefusedWhenCompiled() {
    assertThatThrownBy(() -> BoundedRegex.compile("(a"))
        .isInstanceOf(java.util.regex.PatternSyntaxException.class);
  }
}
