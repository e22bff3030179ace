package org.flowgate.config.compile;

import static org.assertj.core.api.Assertions.assertThat;

import org.flowgate.config.text.Diagnostic;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.screen.IdsOption;
import org.flowgate.dataplane.screen.ScreenAttack;
import org.junit.jupiter.api.Test;

/** What {@code security screen ids-option} and a zone's {@code screen} become in the generation. */
class ScreenCompileTest {
  private static final String BASE =
      """
      set interfaces ge-0/0/0 unit 0 family inet address 198.51.100.1/24
      set interfaces ge-0/0/1 unit 0 family inet address 192.168.1.1/24
      set security zones security-zone untrust interfaces ge-0/0/0.0
      set security zones security-zone trust interfaces ge-0/0/1.0
      """;

  @Test
  void aScreenNamedWithoutANumberTakesTheJunosDefault() {
    RuntimeConfig config =
        Compile.ok(
            BASE
                + """
                set security screen ids-option s icmp flood
                set security screen ids-option s icmp ip-sweep
                set security screen ids-option s tcp port-scan
                set security screen ids-option s tcp syn-flood
                set security screen ids-option s udp flood
                set security zones security-zone untrust screen s
                """);
    IdsOption s = config.screens().named("s");
    assertThat(s.icmpFloodThresholdPps()).isEqualTo(1000);
    assertThat(s.udpFloodThresholdPps()).isEqualTo(1000);
    assertThat(s.ipSweepThresholdMicros()).isEqualTo(5000);
    assertThat(s.tcpPortScanThresholdMicros()).isEqualTo(5000);
    assertThat(s.synFlood()).isEqualTo(new IdsOption.SynFlood(512, 200, 4000, 4000, 20));
    assertThat(config.screens().forZone(config.zoneIndex("untrust"))).isSameAs(s);
    assertThat(config.screens().forZone(config.zoneIndex("trust"))).isNull();
  }

  @Test
  void everyNumberAndFlagIsRead() {
    CompileResult result =
        Compile.result(
            BASE
                + """
                set security screen ids-option u alarm-without-drop
                set security screen ids-option u icmp flood threshold 50
                set security screen ids-option u icmp ping-death
                set security screen ids-option u ip tear-drop
                set security screen ids-option u ip source-route-option
                set security screen ids-option u tcp land
                set security screen ids-option u tcp syn-flood attack-threshold 100
                set security screen ids-option u tcp syn-flood alarm-threshold 50
                set security screen ids-option u tcp syn-flood source-threshold 30
                set security screen ids-option u tcp syn-flood destination-threshold 40
                set security screen ids-option u tcp syn-flood timeout 10
                set security screen ids-option u tcp port-scan threshold 2000
                set security screen ids-option u udp udp-sweep threshold 3000
                set security screen ids-option u limit-session source-ip-based 7
                set security screen ids-option u limit-session destination-ip-based 9
                set security zones security-zone untrust screen u
                """);
    IdsOption u = result.config().screens().named("u");
    assertThat(u.alarmWithoutDrop()).isTrue();
    assertThat(u.icmpFloodThresholdPps()).isEqualTo(50);
    assertThat(u.checks())
        .containsExactlyInAnyOrder(
            ScreenAttack.ICMP_PING_OF_DEATH,
            ScreenAttack.IP_TEAR_DROP,
            ScreenAttack.IP_SOURCE_ROUTE_OPTION,
            ScreenAttack.TCP_LAND_ATTACK);
    assertThat(u.synFlood()).isEqualTo(new IdsOption.SynFlood(50, 100, 30, 40, 10));
    assertThat(u.tcpPortScanThresholdMicros()).isEqualTo(2000);
    assertThat(u.udpSweepThresholdMicros()).isEqualTo(3000);
    assertThat(u.sourceSessionLimit()).isEqualTo(7);
    assertThat(u.destinationSessionLimit()).isEqualTo(9);
    // the SYN proxy's timeout is kept for the view, and said to have no effect
    assertThat(result.warnings())
        .extracting(Diagnostic::toString)
        .containsExactly(
            "t.conf:15:1: warning: statement not implemented: security screen ids-option u tcp"
                + " syn-flood timeout 10 (kept and shown: it ages the SYN proxy's connections,"
                + " which Flowgate does not have)");
  }

  @Test
  void aZoneNamingAnUndefinedScreenIsALocatedError() {
    CompileResult result =
        JunosCompiler.load(
            BASE + "set security zones security-zone untrust screen nope\n", "t.conf");
    assertThat(result.errors())
        .extracting(Diagnostic::toString)
        .containsExactly(
            "t.conf:5:1: error: screen nope is not defined (security-zone untrust): no security"
                + " screen ids-option has that name");
    assertThat(result.config()).isNull();
  }

  @Test
  void aThresholdOutOfRangeIsALocatedError() {
    CompileResult result =
        JunosCompiler.load(
            BASE
                + """
                set security screen ids-option s tcp port-scan threshold 999
                set security screen ids-option s tcp syn-flood timeout 51
                set security screen ids-option s limit-session source-ip-based 0
                set security screen ids-option s udp flood threshold 4000001
                """,
            "t.conf");
    assertThat(result.errors())
        .extracting(Diagnostic::toString)
        .containsExactly(
            "t.conf:5:1: error: invalid tcp port-scan threshold '999': 1000 to 1000000",
            "t.conf:6:1: error: invalid tcp syn-flood timeout '51': 1 to 50",
            "t.conf:7:1: error: invalid limit-session source-ip-based '0': 1 to 2147483647",
            "t.conf:8:1: error: invalid udp flood threshold '4000001': 1 to 4000000");
  }

  @Test
  void screensFlowgateLacksStayNotImplementedWarnings() {
    CompileResult result =
        Compile.result(
            BASE
                + """
                set security screen ids-option s ip ipv6-malformed-header
                set security screen ids-option s tcp syn-ack-ack-proxy threshold 100
                set security screen ids-option s udp flood white-list w
                set security screen ids-option s limit-session by-source maximum-sessions 5
                set security screen ids-option s tcp syn-flood white-list w source-address 10.0.0.0/8
                """);
    assertThat(result.warnings())
        .extracting(Diagnostic::message)
        .containsExactlyInAnyOrder(
            "statement not implemented: security screen ids-option s ip ipv6-malformed-header",
            "statement not implemented: security screen ids-option s tcp syn-ack-ack-proxy"
                + " threshold 100",
            "statement not implemented: security screen ids-option s udp flood white-list w",
            "statement not implemented: security screen ids-option s limit-session by-source"
                + " maximum-sessions 5",
            "statement not implemented: security screen ids-option s tcp syn-flood white-list w"
                + " source-address 10.0.0.0/8");
    assertThat(result.config().screens().named("s").screensAnything()).isTrue(); // syn-flood
  }

  @Test
  void theBracedFormCompilesAsTheSetForm() {
    RuntimeConfig config =
        Compile.ok(
            BASE
                + """
                security {
                    screen {
                        ids-option untrust-screen {
                            icmp {
                                ping-death;
                            }
                            ip {
                                tear-drop;
                            }
                            tcp {
                                syn-flood {
                                    attack-threshold 200;
                                }
                                land;
                            }
                        }
                    }
                    zones {
                        security-zone untrust {
                            screen untrust-screen;
                        }
                    }
                }
                """);
    IdsOption s = config.screens().forZone(config.zoneIndex("untrust"));
    assertThat(s.name()).isEqualTo("untrust-screen");
    assertThat(s.checks())
        .containsExactlyInAnyOrder(
            ScreenAttack.ICMP_PING_OF_DEATH,
            ScreenAttack.IP_TEAR_DROP,
            ScreenAttack.TCP_LAND_ATTACK);
    assertThat(s.synFlood().attackThreshold()).isEqualTo(200);
  }
}
