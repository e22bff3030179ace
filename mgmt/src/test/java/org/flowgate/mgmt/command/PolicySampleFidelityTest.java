package org.flowgate.mgmt.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.flowgate.config.compile.CompileResult;
import org.flowgate.config.compile.JunosCompiler;
import org.flowgate.config.text.ConfigParser;
import org.flowgate.config.text.Diagnostics;
import org.flowgate.config.text.ParsedConfig;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.mgmt.render.JunosSamples;
import org.flowgate.mgmt.render.ViewTextRenderer;
import org.flowgate.mgmt.reply.PolicyHitCountReply;
import org.junit.jupiter.api.Test;

/**
 * The policy views against the real vSRX 24.4 capture ({@code
 * samples/show-security-policies-vsrx244-1.txt}, three commands): a configuration that holds the
 * captured policies gives back the captured lines byte for byte, and the hit-count table lays the
 * captured values out in the captured columns.
 */
class PolicySampleFidelityTest {
  /** The captured sample's three sections, by their {@code ## command} headers. */
  private static List<String> section(String command) throws IOException {
    List<String> all = JunosSamples.output("show-security-policies-vsrx244-1.txt");
    List<String> lines = new ArrayList<>();
    boolean in = false;
    for (String line : all) {
      if (line.startsWith("## ")) {
        in = line.equals("## " + command);
        continue;
      }
      if (in) {
        lines.add(line);
      }
    }
    while (!lines.isEmpty() && lines.getLast().isEmpty()) {
      lines.removeLast();
    }
    return lines;
  }

  private static OperationalCommands commands(String text, FlowEngine[] engine) {
    Diagnostics diagnostics = new Diagnostics();
    ParsedConfig parsed = ConfigParser.parseConfig(text, "sample.conf", diagnostics);
    CompileResult compiled = JunosCompiler.compile(parsed, diagnostics);
    assertThat(compiled.errors()).isEmpty();
    engine[0] = new FlowEngine(compiled.config(), 1);
    return new OperationalCommands(engine[0], new LoadedConfiguration("sample.conf", parsed));
  }

  @Test
  void thePolicyListOfTheCaptureComesBackLineForLine() throws IOException {
    List<String> expected = section("show security policies");
    String config =
        """
        set interfaces ge-0/0/0 unit 0 family inet address 192.168.1.1/24
        set security zones security-zone trust interfaces ge-0/0/0.0
        set security policies from-zone trust to-zone trust policy default-permit match source-address any
        set security policies from-zone trust to-zone trust policy default-permit match destination-address any
        set security policies from-zone trust to-zone trust policy default-permit match application any
        set security policies from-zone trust to-zone trust policy default-permit then permit
        set security policies from-zone trust to-zone trust policy default-deny match source-address any
        set security policies from-zone trust to-zone trust policy default-deny match destination-address any
        set security policies from-zone trust to-zone trust policy default-deny match application any
        set security policies from-zone trust to-zone trust policy default-deny then reject
        set security policies from-zone trust to-zone trust policy default-deny then log session-init
        set security policies default-policy deny-all
        """;
    FlowEngine[] engine = new FlowEngine[1];
    try {
      OperationalCommands cli = commands(config, engine);
      assertThat(JunosSamples.lines(cli.execute("show security policies"))).isEqualTo(expected);
    } finally {
      engine[0].close();
    }
  }

  @Test
  void theDetailOfTheCapturedPolicyComesBackLineForLine() throws IOException {
    List<String> expected =
        section("show security policies detail from-zone lan to-zone Internet-ATT");
    StringBuilder config =
        new StringBuilder(
            """
            set interfaces ge-0/0/0 unit 0 family inet address 172.16.1.1/24
            set interfaces ge-0/0/1 unit 0 family inet address 198.51.100.2/24
            set security zones security-zone lan interfaces ge-0/0/0.0
            set security zones security-zone Internet-ATT interfaces ge-0/0/1.0
            set security address-book global address host_control4_core5_adu 172.16.1.38/32
            set security address-book global address host_control4_ca10 172.16.1.10/32
            """);
    // the captured policy has index 23: nineteen policies come before it (ids 4 to 22)
    for (int i = 0; i < 19; i++) {
      String base = "set security policies from-zone lan to-zone lan policy filler-" + i + " ";
      config.append(base).append("match source-address any\n");
      config.append(base).append("match destination-address any\n");
      config.append(base).append("match application any\n");
      config.append(base).append("then permit\n");
    }
    String base = "set security policies from-zone lan to-zone Internet-ATT policy log-control4 ";
    config
        .append(base)
        .append("match source-address [ host_control4_core5_adu host_control4_ca10 ]\n")
        .append(base)
        .append("match destination-address any\n")
        .append(base)
        .append("match application any\n")
        .append(base)
        .append("then permit\n")
        .append(base)
        .append("then log session-init\n")
        .append(base)
        .append("then log session-close\n");
    FlowEngine[] engine = new FlowEngine[1];
    try {
      OperationalCommands cli = commands(config.toString(), engine);
      assertThat(
              JunosSamples.lines(
                  cli.execute("show security policies detail from-zone lan to-zone Internet-ATT")))
          .isEqualTo(expected);
    } finally {
      engine[0].close();
    }
  }

  @Test
  void theHitCountColumnsAreTheCapturesWithItsValues() throws IOException {
    List<String> expected = section("show security policies hit-count");
    PolicyHitCountReply captured =
        new PolicyHitCountReply(
            "root-logical-system",
            List.of(
                new PolicyHitCountReply.Row(1, "all-zone", "all-zone", "default-policy", 0, "Deny"),
                new PolicyHitCountReply.Row(
                    2, "all-zone", "all-zone", "default-http-mux", 0, "Permit"),
                new PolicyHitCountReply.Row(
                    3, "junos-host", "dmz", "allow-junos-host-to-dmz", 18939, "Permit"),
                new PolicyHitCountReply.Row(
                    5, "junos-global", "junos-global", "icmpv6-allow", 934734, "Permit"),
                new PolicyHitCountReply.Row(
                    6, "junos-global", "junos-global", "default-log-deny", 299946, "Deny")));
    List<String> rendered = JunosSamples.lines(ViewTextRenderer.render(captured));
    // the capture ends at its last row; the count line after it is the documented form
    assertThat(rendered.subList(0, rendered.size() - 1)).isEqualTo(expected);
    assertThat(rendered.getLast()).isEqualTo("Number of policy: 5");
  }
}
