package org.flowgate.config.compile;

import static org.assertj.core.api.Assertions.assertThat;

import org.flowgate.config.text.Diagnostic;
import org.flowgate.dataplane.alg.Alg;
import org.flowgate.dataplane.alg.AlgSettings;
import org.junit.jupiter.api.Test;

/**
 * {@code [edit security alg]} knobs of the DNS and RPC ALGs reach the generation; values out of
 * Junos's ranges are errors at their statement.
 */
class AlgKnobsCompilerTest {
  @Test
  void dnsAndRpcKnobsReachTheGeneration() {
    CompileResult result =
        JunosCompiler.load(
            """
            set security alg dns maximum-message-length 4096
            set security alg dns oversize-message-drop
            set security alg dns doctoring none
            set security alg sunrpc map-entry-timeout 30
            set security alg msrpc map-entry-timeout 60
            set security alg pptp disable
            """,
            "t.conf");
    assertThat(result.diagnostics()).isEmpty();
    AlgSettings alg = result.config().alg();
    assertThat(alg.dns()).isEqualTo(new AlgSettings.Dns(4096, true, AlgSettings.Doctoring.NONE));
    assertThat(alg.sunRpc().mapEntryTimeoutMinutes()).isEqualTo(30);
    assertThat(alg.msRpc().mapEntryTimeoutMinutes()).isEqualTo(60);
    assertThat(alg.isEnabled(Alg.PPTP)).isFalse();
    assertThat(alg.isEnabled(Alg.TFTP)).isTrue();
    assertThat(alg.isEnabled(Alg.RTSP)).isTrue();
  }

  @Test
  void outOfRangeKnobsAreErrorsAtTheirStatement() {
    CompileResult result =
        JunosCompiler.load(
            """
            set security alg dns maximum-message-length 100
            set security alg sunrpc map-entry-timeout 4
            """,
            "t.conf");
    assertThat(result.ok()).isFalse();
    assertThat(result.errors())
        .extracting(Diagnostic::toString)
        .containsExactlyInAnyOrder(
            "t.conf:1:1: error: invalid maximum-message-length '100': 512 to 8192 bytes",
            "t.conf:2:1: error: invalid map-entry-timeout '4': 5 to 43200 minutes");
  }

  @Test
  void aDoctoringJunosDoesNotHaveOrAKnobOfAnotherAlgIsASyntaxError() {
    CompileResult result =
        JunosCompiler.load(
            """
            set security alg dns doctoring everything
            set security alg tftp map-entry-timeout 30
            """,
            "t.conf");
    assertThat(result.errors())
        .extracting(Diagnostic::toString)
        .containsExactly(
            "t.conf:1:32: error: syntax error: everything [edit security alg dns doctoring]",
            "t.conf:2:23: error: syntax error: map-entry-timeout [edit security alg tftp]");
  }
}
