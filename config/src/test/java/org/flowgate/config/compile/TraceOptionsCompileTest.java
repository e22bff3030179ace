package org.flowgate.config.compile;

import static org.assertj.core.api.Assertions.assertThat;

import org.flowgate.config.text.Diagnostic;
import org.flowgate.dataplane.net.IpPrefix;
import org.flowgate.dataplane.runtime.TraceOptions;
import org.junit.jupiter.api.Test;

/** What {@code security flow traceoptions} becomes in the generation's flow settings. */
class TraceOptionsCompileTest {
  private static final String BASE =
      """
      set interfaces ge-0/0/0 unit 0 family inet address 192.168.1.1/24
      set interfaces ge-0/0/1 unit 0 family inet address 198.51.100.1/24
      set security zones security-zone trust interfaces ge-0/0/0.0
      set security zones security-zone untrust interfaces ge-0/0/1.0
      """;

  @Test
  void fileFlagsAndPacketFiltersAreCompiledWithInterfacesResolved() {
    TraceOptions trace =
        Compile.ok(
                BASE
                    + """
                set security flow traceoptions file flow-trace size 1m files 5
                set security flow traceoptions flag basic-datapath
                set security flow traceoptions packet-filter out source-prefix 192.168.1.10/32
                set security flow traceoptions packet-filter out destination-port 443
                set security flow traceoptions packet-filter out protocol tcp
                set security flow traceoptions packet-filter in interface ge-0/0/1
                set security flow traceoptions packet-filter in destination-prefix 192.168.1.7/24
                """)
            .settings()
            .trace();
    assertThat(trace.file()).isEqualTo("flow-trace");
    assertThat(trace.sizeBytes()).isEqualTo(1024 * 1024);
    assertThat(trace.files()).isEqualTo(5);
    assertThat(trace.flags()).containsExactly("basic-datapath");
    assertThat(trace.active()).isTrue();
    assertThat(trace.filters())
        .containsExactly(
            new TraceOptions.PacketFilter(
                "out", IpPrefix.parse("192.168.1.10/32"), null, 6, -1, 443, -1),
            new TraceOptions.PacketFilter(
                "in", null, IpPrefix.parse("192.168.1.0/24"), -1, -1, -1, 1));
  }

  @Test
  void withoutTraceoptionsNothingIsTracedAndDefaultsAreJunoss() {
    assertThat(Compile.ok(BASE).settings().trace()).isEqualTo(TraceOptions.NONE);
    TraceOptions trace =
        Compile.ok(BASE + "set security flow traceoptions file t\n").settings().trace();
    assertThat(trace.sizeBytes()).isEqualTo(128 * 1024);
    assertThat(trace.files()).isEqualTo(10);
    assertThat(trace.active()).as("no flag: nothing is traced").isFalse();
  }

  @Test
  void badValuesAreErrorsAndWhatIsNotImplementedWarns() {
    CompileResult result =
        JunosCompiler.load(
            BASE
                + """
            set security flow traceoptions file ../etc/passwd
            set security flow traceoptions file t size 1k
            set security flow traceoptions file t files 1
            set security flow traceoptions packet-filter p interface ge-0/0/7
            set security flow traceoptions packet-filter p source-port 70000
            set security flow traceoptions rate-limit 100
            set security flow traceoptions file t match error
            """,
            "t.conf");
    assertThat(result.errors())
        .extracting(Diagnostic::toString)
        .containsExactly(
            "t.conf:5:1: error: invalid trace file name '../etc/passwd': a name in the log directory",
            "t.conf:6:1: error: invalid trace file size: 10k to 1g",
            "t.conf:7:1: error: invalid trace files: 2 to 1000",
            "t.conf:9:1: error: invalid source-port '70000' (packet-filter p)",
            "t.conf:8:1: error: interface ge-0/0/7.0 is not configured under interfaces"
                + " (packet-filter p)");
    assertThat(result.warnings())
        .extracting(Diagnostic::toString)
        .containsExactly(
            "t.conf:11:1: warning: statement not implemented: security flow traceoptions file t"
                + " match error (every line is written)",
            "t.conf:10:1: warning: statement not implemented: security flow traceoptions"
                + " rate-limit 100 (every selected packet is traced in full)");
  }
}
