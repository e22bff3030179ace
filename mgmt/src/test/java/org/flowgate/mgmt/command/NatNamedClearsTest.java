package org.flowgate.mgmt.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.flowgate.config.compile.CompileResult;
import org.flowgate.config.compile.JunosCompiler;
import org.flowgate.config.text.ConfigParser;
import org.flowgate.config.text.Diagnostics;
import org.flowgate.config.text.ParsedConfig;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clear security nat statistics (source | destination | static) (rule | pool) NAME}: the
 * YANG's {@code nokeyword} name instead of {@code all} clears that rule set's or pool's counters
 * and nothing else; a name the configuration lacks is an {@code error:} that reports failure.
 *
 * <pre>
 *  trust 10.0.0.0/16 ──┐                 ┌── untrust 203.0.113.1/24
 *  lab   10.1.0.0/16 ──┴── SRX ──────────┘
 *  rule-set from-trust: r1 10.0.0.0/16 → pool a (198.18.0.1)
 *  rule-set from-lab:   r2 10.1.0.0/16 → pool b (198.18.0.2)
 *  destination rule-set in: web 203.0.113.80/32 port 80 → pool web (10.0.0.80)
 * </pre>
 */
class NatNamedClearsTest {
  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final long MS = 1_000_000L;

  private static final String CONFIG =
      """
      set interfaces ge-0/0/0 unit 0 family inet address 203.0.113.1/24
      set interfaces ge-0/0/1 unit 0 family inet address 10.0.0.1/16
      set interfaces ge-0/0/2 unit 0 family inet address 10.1.0.1/16
      set routing-options static route 0.0.0.0/0 next-hop 203.0.113.254
      set security zones security-zone trust interfaces ge-0/0/1.0
      set security zones security-zone lab interfaces ge-0/0/2.0
      set security zones security-zone untrust interfaces ge-0/0/0.0
      set security policies from-zone trust to-zone untrust policy t match source-address any
      set security policies from-zone trust to-zone untrust policy t match destination-address any
      set security policies from-zone trust to-zone untrust policy t match application any
      set security policies from-zone trust to-zone untrust policy t then permit
      set security policies from-zone lab to-zone untrust policy l match source-address any
      set security policies from-zone lab to-zone untrust policy l match destination-address any
      set security policies from-zone lab to-zone untrust policy l match application any
      set security policies from-zone lab to-zone untrust policy l then permit
      set security policies from-zone untrust to-zone trust policy w match source-address any
      set security policies from-zone untrust to-zone trust policy w match destination-address any
      set security policies from-zone untrust to-zone trust policy w match application any
      set security policies from-zone untrust to-zone trust policy w then permit
      set security nat source pool a address 198.18.0.1/32
      set security nat source pool b address 198.18.0.2/32
      set security nat source rule-set from-trust from zone trust
      set security nat source rule-set from-trust to zone untrust
      set security nat source rule-set from-trust rule r1 match source-address 10.0.0.0/16
      set security nat source rule-set from-trust rule r1 then source-nat pool a
      set security nat source rule-set from-lab from zone lab
      set security nat source rule-set from-lab to zone untrust
      set security nat source rule-set from-lab rule r2 match source-address 10.1.0.0/16
      set security nat source rule-set from-lab rule r2 then source-nat pool b
      set security nat destination pool web address 10.0.0.80/32
      set security nat destination rule-set in from zone untrust
      set security nat destination rule-set in rule web match destination-address 203.0.113.80/32
      set security nat destination rule-set in rule web match destination-port 80
      set security nat destination rule-set in rule web then destination-nat pool web
      """;

  @TempDir Path dir;
  private FlowEngine engine;
  private OperationalCommands cli;

  @BeforeEach
  void start() throws IOException {
    Diagnostics diagnostics = new Diagnostics();
    ParsedConfig parsed = ConfigParser.parseConfig(CONFIG, "clears.conf", diagnostics);
    CompileResult compiled = JunosCompiler.compile(parsed, diagnostics);
    assertThat(compiled.errors()).isEmpty();
    engine = new FlowEngine(compiled.config(), 2);
    cli = new OperationalCommands(engine, new LoadedConfiguration("clears.conf", parsed));
    Path file = dir.resolve("clears.pcap");
    try (PcapWriter w = PcapWriter.open(file, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      w.write(T0, PacketBuilder.ipv4("10.0.0.5", "192.0.2.10").udp(5000, 53).ethernet());
      w.write(T0 + MS, PacketBuilder.ipv4("10.1.0.5", "192.0.2.10").udp(5000, 53).ethernet());
      w.write(T0 + 2 * MS, PacketBuilder.ipv4("10.1.0.6", "192.0.2.10").udp(5000, 53).ethernet());
      w.write(
          T0 + 3 * MS,
          PacketBuilder.ipv4("192.0.2.10", "203.0.113.80")
              .tcp(40000, 80, PacketBuilder.SYN, 1, 0)
              .ethernet());
    }
    engine.replay(List.of(file), -1);
  }

  @AfterEach
  void close() {
    engine.close();
  }

  private String hits(String command) {
    String out = cli.execute(command);
    int at = out.indexOf("Translation hits");
    assertThat(at).as(out).isNotNegative();
    return out.substring(at, out.indexOf('\n', at)).replaceAll(" +", " ").replace(" :", ":");
  }

  @Test
  void aNamedRuleSetClearsOnlyItsRules() {
    assertThat(hits("show security nat source rule r1")).isEqualTo("Translation hits: 1");
    assertThat(hits("show security nat source rule r2")).isEqualTo("Translation hits: 2");
    assertThat(cli.execute("clear security nat statistics source rule from-lab")).isEmpty();
    assertThat(hits("show security nat source rule r1")).isEqualTo("Translation hits: 1");
    assertThat(hits("show security nat source rule r2")).isEqualTo("Translation hits: 0");
    // a rule's own name is taken where no rule set is called so
    assertThat(cli.execute("clear security nat statistics source rule r1")).isEmpty();
    assertThat(hits("show security nat source rule r1")).isEqualTo("Translation hits: 0");
    assertThat(hits("show security nat destination rule web")).isEqualTo("Translation hits: 1");
    assertThat(cli.execute("clear security nat statistics destination rule in")).isEmpty();
    assertThat(hits("show security nat destination rule web")).isEqualTo("Translation hits: 0");
  }

  @Test
  void aNamedPoolClearsOnlyThatPool() {
    assertThat(hits("show security nat source pool a")).isEqualTo("Translation hits: 1");
    assertThat(hits("show security nat source pool b")).isEqualTo("Translation hits: 2");
    assertThat(cli.execute("clear security nat statistics source pool b")).isEmpty();
    assertThat(hits("show security nat source pool a")).isEqualTo("Translation hits: 1");
    assertThat(hits("show security nat source pool b")).isEqualTo("Translation hits: 0");
    assertThat(hits("show security nat destination pool web")).isEqualTo("Translation hits: 1");
    assertThat(cli.execute("clear security nat statistics destination pool web")).isEmpty();
    assertThat(hits("show security nat destination pool web")).isEqualTo("Translation hits: 0");
    // ports in use stay: the sessions are still there
    assertThat(cli.execute("show security flow session summary")).contains("Valid sessions: 4\n");
  }

  @Test
  void anUnknownNameIsAnErrorThatClearsNothingAndReportsFailure() {
    StringBuilder out = new StringBuilder();
    assertThat(cli.execute("clear security nat statistics source rule nosuch", out)).isFalse();
    assertThat(out.toString()).isEqualTo("error: source NAT rule-set 'nosuch' is not configured\n");
    out.setLength(0);
    assertThat(cli.execute("clear security nat statistics destination pool a", out)).isFalse();
    assertThat(out.toString()).isEqualTo("error: destination NAT pool 'a' is not configured\n");
    assertThat(hits("show security nat source rule r2")).isEqualTo("Translation hits: 2");
    assertThat(cli.execute("clear security nat statistics source rule"))
        .contains("syntax error, command is incomplete.");
  }

  @Test
  void theRpcCarriesTheNameAsJuniperYangNamesIt() {
    assertThat(cli.execute("clear security nat statistics source rule from-lab | display xml rpc"))
        .contains("<clear-source-nat-rule-sets-information>")
        .contains("<rule-name>from-lab</rule-name>");
    assertThat(cli.execute("clear security nat statistics destination pool web | display xml rpc"))
        .contains("<clear-destination-nat-pool-information>")
        .contains("<pool-name>web</pool-name>");
    assertThat(cli.execute("clear security nat statistics static rule all | display xml rpc"))
        .contains("<all/>");
  }
}
