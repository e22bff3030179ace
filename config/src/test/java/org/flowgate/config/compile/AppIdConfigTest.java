package org.flowgate.config.compile;

import static org.assertj.core.api.Assertions.assertThat;

import org.flowgate.config.text.Diagnostic;
import org.flowgate.dataplane.appid.AppIdSettings;
import org.flowgate.dataplane.appid.CustomApplication;
import org.flowgate.dataplane.appid.InspectionLimit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code services application-identification} compiles into the generation's {@link AppIdSettings},
 * and each broken statement is one error at its line and column.
 */
class AppIdConfigTest {
  private static final String BASE =
      """
      set interfaces ge-0/0/0 unit 0 family inet address 192.168.1.1/24
      set security zones security-zone trust interfaces ge-0/0/0.0
      """;

  @Test
  void limitsCacheAndCustomApplicationsReachTheGeneration() {
    AppIdSettings settings =
        Compile.ok(
                BASE
                    + """
                    set services application-identification inspection-limit tcp byte-limit 4000
                    set services application-identification inspection-limit tcp packet-limit 6
                    set services application-identification inspection-limit udp packet-limit 3
                    set services application-identification application-system-cache-timeout 120
                    set services application-identification application intranet over HTTP signature s member m01 context http-header-host
                    set services application-identification application intranet over HTTP signature s member m01 pattern "intra.example"
                    set services application-identification application intranet over HTTP signature s member m01 direction client-to-server
                    set services application-identification application billing address-mapping b filter ip 203.0.113.40/32
                    set services application-identification application billing address-mapping b filter port-range tcp 9443
                    set services application-identification application billing cacheable
                    """)
            .applicationIdentification();
    assertThat(settings.enabled()).isTrue();
    assertThat(settings.tcpLimit()).isEqualTo(new InspectionLimit(4000, 6));
    assertThat(settings.udpLimit().packetLimit()).isEqualTo(3);
    assertThat(settings.udpLimit().byteLimit()).isEqualTo(AppIdSettings.DEFAULT_LIMIT.byteLimit());
    assertThat(settings.applicationSystemCache()).isTrue();
    assertThat(settings.applicationSystemCacheTimeoutSeconds()).isEqualTo(120);
    assertThat(settings.customApplications())
        .extracting(CustomApplication::name, CustomApplication::cacheable)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("intranet", false),
            org.assertj.core.groups.Tuple.tuple("billing", true));
    CustomApplication.Signature signature =
        settings.customApplications().getFirst().signatures().getFirst();
    assertThat(signature.over()).isEqualTo(CustomApplication.Over.HTTP);
    assertThat(signature.members().getFirst().pattern()).isEqualTo("intra.example");
    assertThat(settings.customApplications().get(1).addressMappings().getFirst().tcpPorts())
        .containsExactly(new CustomApplication.PortRange(9443, 9443));
  }

  @Test
  void withoutTheStanzaTheDefaultsHoldAndTheSwitchesTurnThingsOff() {
    assertThat(Compile.ok(BASE).applicationIdentification()).isEqualTo(AppIdSettings.defaults());
    AppIdSettings off =
        Compile.ok(
                BASE
                    + "set services application-identification no-application-identification\n"
                    + "set services application-identification no-application-system-cache\n")
            .applicationIdentification();
    assertThat(off.enabled()).isFalse();
    assertThat(off.applicationSystemCache()).isFalse();
  }

  @Test
  void theCacheUsesAreJunossDefaultsUntilTheStatementsChangeThem() {
    assertThat(Compile.ok(BASE).applicationIdentification().cacheUse())
        .isEqualTo(new AppIdSettings.CacheUse(false, true, true));
    AppIdSettings.CacheUse use =
        Compile.ok(
                BASE
                    + """
                    set services application-identification application-system-cache security-services
                    set services application-identification application-system-cache no-miscellaneous-services
                    set services application-identification nested-application-settings no-application-system-cache
                    """)
            .applicationIdentification()
            .cacheUse();
    assertThat(use).isEqualTo(new AppIdSettings.CacheUse(true, false, false));
    assertThat(
            Compile.ok(BASE + "set services application-identification application-system-cache\n")
                .applicationIdentification()
                .cacheUse())
        .as("the container alone")
        .isEqualTo(AppIdSettings.CacheUse.DEFAULT);
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      set services application-identification application-system-cache-timeout 1000001|3:1|invalid application-system-cache-timeout '1000001': 0 to 1000000 seconds
      set services application-identification inspection-limit tcp byte-limit lots|3:1|invalid byte-limit 'lots': a number of bytes from 0 (no limit) to 2147483647
      set services application-identification application junos:MINE cacheable|3:1|custom application 'junos:MINE': the junos: prefix is for predefined ones
      set services application-identification application a address-mapping m filter ip 10.0.0.0/99|3:1|invalid address-mapping ip '10.0.0.0/99'
      set services application-identification application a address-mapping m filter port-range tcp 70000|3:1|invalid port range '70000': a port or LOW-HIGH, 0 to 65535
      set services application-identification application a over SCTP signature s member m01 context stream|3:1|invalid over 'SCTP': HTTP, SSL, TCP or UDP
      set services application-identification application a over TCP signature s member m01 direction sideways|3:97|syntax error: sideways [edit services application-identification application a over TCP signature s member m01 direction]
      set services application-identification application a over TCP signature s member m01 context stream|3:1|member m01 of signature s needs a context and a pattern
      set services application-identification application a address-mapping m filter port-range tcp 80|3:1|address-mapping m of application a has no filter ip
      """)
  void reportsTheErrorAtTheStatement(String broken, String lineColumn, String message) {
    CompileResult result = JunosCompiler.load(BASE + broken + "\n", "a.conf");
    assertThat(result.ok()).isFalse();
    assertThat(result.errors())
        .extracting(Diagnostic::toString)
        .containsExactly("a.conf:" + lineColumn + ": error: " + message);
  }

  @Test
  void aPatternTooLongForTheMatcherIsRefusedAtItsStatement() {
    CompileResult result =
        JunosCompiler.load(
            BASE
                + "set services application-identification application a over TCP signature s"
                + " member m01 pattern \""
                + "x".repeat(3_000)
                + "\"\n",
            "a.conf");
    assertThat(result.errors())
        .extracting(Diagnostic::toString)
        .containsExactly(
            "a.conf:3:1: error: invalid pattern: pattern of 3000 characters: at most 1000");
  }

  @Test
  void whatFlowgateDoesNotImplementIsAWarningNotAnError() {
    CompileResult result =
        Compile.result(
            BASE + "set services application-identification download url https://example.net\n");
    assertThat(result.warnings())
        .extracting(Diagnostic::toString)
        .anySatisfy(w -> assertThat(w).contains("3:1").contains("statement not implemented"));
  }
}
