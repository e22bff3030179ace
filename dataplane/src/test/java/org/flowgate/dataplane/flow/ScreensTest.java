package org.flowgate.dataplane.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowgate.testkit.PacketBuilder.ACK;
import static org.flowgate.testkit.PacketBuilder.FIN;
import static org.flowgate.testkit.PacketBuilder.SYN;
import static org.flowgate.testkit.PacketBuilder.URG;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.policy.PolicyAction;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.runtime.RuntimeConfigBuilder;
import org.flowgate.dataplane.screen.IdsOption;
import org.flowgate.dataplane.screen.ScreenAttack;
import org.flowgate.dataplane.screen.ScreenConfig;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;

/**
 * The screens of a zone acting on its packets, one SPU driven directly: what each drops, counts and
 * alarms, and that a zone without an ids-option is untouched.
 *
 * <pre>
 *   internet (203.0.113.0/24 …) ── ge-0/0/0.0 untrust [ids-option under test]
 *   192.168.1.0/24               ── ge-0/0/1.0 trust   [no screen]      default policy permit-all
 * </pre>
 */
class ScreensTest {
  private static final String ATTACKER = "203.0.113.66";
  private static final String SERVER = "192.168.1.10";

  static RuntimeConfig twoZones(IdsOption untrust) {
    return new RuntimeConfigBuilder()
        .hostName("fw")
        .zone("untrust")
        .zone("trust")
        .interfaceIn("untrust", "ge-0/0/0.0", "198.51.100.1/24")
        .interfaceIn("trust", "ge-0/0/1.0", "192.168.1.1/24")
        .staticRoute("0.0.0.0/0", "198.51.100.254")
        .defaultPolicy(PolicyAction.PERMIT)
        .screens(new ScreenConfig(List.of(untrust), List.of(0, -1)))
        .build();
  }

  private static FlowHarness flow(IdsOption.Builder option) {
    return new FlowHarness(twoZones(option.build()), 1024);
  }

  private static long untrust(FlowHarness flow, ScreenAttack attack) {
    return flow.spu.screens().statistics().get("ge-0/0/0.0")[attack.ordinal()];
  }

  private static long total(FlowHarness flow, ScreenAttack attack) {
    long sum = 0;
    for (long[] counts : flow.spu.screens().statistics().values()) {
      sum += counts[attack.ordinal()];
    }
    return sum;
  }

  private static byte[] syn(String from, int fromPort, String to, int toPort) {
    return PacketBuilder.ipv4(from, to).tcp(fromPort, toPort, SYN, 1000, 0).ethernet();
  }

  private static byte[] ping(String from, String to, int sequence) {
    return PacketBuilder.ipv4(from, to).icmpEcho(true, 7, sequence).ethernet();
  }

  @Test
  void aLandAttackFromTheZoneWithoutAScreenIsForwarded() {
    FlowHarness flow = flow(IdsOption.builder("s").check(ScreenAttack.TCP_LAND_ATTACK));
    // the route back to 192.168.1.10 leaves through ge-0/0/1.0: the packet comes from trust
    assertThat(flow.send(0, syn(SERVER, 1000, SERVER, 80))).isNull();
    assertThat(total(flow, ScreenAttack.TCP_LAND_ATTACK)).isZero();
    assertThat(flow.alarms).isEmpty();
    assertThat(flow.sessions()).hasSize(1);
  }

  @Test
  void aLandAttackFromTheScreenedZoneIsDroppedThreeTimesAndAlarmedOnce() {
    FlowHarness flow = flow(IdsOption.builder("s").check(ScreenAttack.TCP_LAND_ATTACK));
    String victim = "203.0.113.9"; // routed back through ge-0/0/0.0: untrust
    for (int i = 0; i < 3; i++) {
      assertThat(flow.send(i * 0.1, syn(victim, 1000 + i, victim, 80)))
          .isEqualTo(DropReason.SCREEN_TCP_LAND_ATTACK);
    }
    assertThat(untrust(flow, ScreenAttack.TCP_LAND_ATTACK)).isEqualTo(3);
    assertThat(flow.statistics().drops(DropReason.SCREEN_TCP_LAND_ATTACK)).isEqualTo(3);
    assertThat(flow.alarms).containsExactly("TCP_LAND_ATTACK untrust drop");
    assertThat(flow.sessions()).isEmpty();
  }

  @Test
  void theSameAttackAlarmsAgainAfterAMinute() {
    FlowHarness flow = flow(IdsOption.builder("s").check(ScreenAttack.TCP_SYN_FIN));
    byte[] synFin = PacketBuilder.ipv4(ATTACKER, SERVER).tcp(4000, 80, SYN | FIN, 1, 0).ethernet();
    flow.send(0, synFin);
    flow.send(59.9, synFin);
    flow.send(60.0, synFin);
    assertThat(untrust(flow, ScreenAttack.TCP_SYN_FIN)).isEqualTo(3);
    assertThat(flow.alarms).hasSize(2);
  }

  @Test
  void aZoneWithoutAScreenForwardsWhatTheScreenedZoneDrops() {
    FlowHarness flow =
        flow(
            IdsOption.builder("s")
                .check(ScreenAttack.TCP_NO_FLAG)
                .check(ScreenAttack.TCP_FIN_NO_ACK));
    assertThat(flow.send(0, PacketBuilder.ipv4(ATTACKER, SERVER).tcp(1, 2, 0, 1, 0).ethernet()))
        .isEqualTo(DropReason.SCREEN_TCP_NO_FLAG);
    // trust has no screen: the same segment meets only the SYN check
    assertThat(flow.send(0, PacketBuilder.ipv4(SERVER, ATTACKER).tcp(1, 2, 0, 1, 0).ethernet()))
        .isEqualTo(DropReason.TCP_NO_SYN);
  }

  @Test
  void aFinWithoutAckOnAnEstablishedSessionIsDroppedOnTheFastPath() {
    FlowHarness flow = flow(IdsOption.builder("s").check(ScreenAttack.TCP_FIN_NO_ACK));
    String client = "203.0.113.20";
    assertThat(flow.send(0, syn(client, 5000, SERVER, 80))).isNull();
    assertThat(
            flow.send(
                0.1,
                PacketBuilder.ipv4(SERVER, client).tcp(80, 5000, SYN | ACK, 9, 1001).ethernet()))
        .isNull();
    assertThat(
            flow.send(
                0.2, PacketBuilder.ipv4(client, SERVER).tcp(5000, 80, FIN, 1001, 0).ethernet()))
        .isEqualTo(DropReason.SCREEN_TCP_FIN_NO_ACK);
    assertThat(flow.only().forward().packets()).isEqualTo(1); // the FIN is not the session's
  }

  @Test
  void winNukeIsUrgentDataToNetbios() {
    FlowHarness flow = flow(IdsOption.builder("s").check(ScreenAttack.TCP_WINNUKE));
    assertThat(
            flow.send(
                0, PacketBuilder.ipv4(ATTACKER, SERVER).tcp(4000, 139, SYN | URG, 1, 0).ethernet()))
        .isEqualTo(DropReason.SCREEN_TCP_WINNUKE);
    assertThat(
            flow.send(
                0, PacketBuilder.ipv4(ATTACKER, SERVER).tcp(4000, 445, SYN | URG, 1, 0).ethernet()))
        .isNull();
  }

  @Test
  void anIcmpFloodTakesTheRestOfTheSecondAndTheNext() {
    FlowHarness flow = flow(IdsOption.builder("s").icmpFlood(5));
    List<DropReason> verdicts = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      verdicts.add(flow.send(10 + i * 0.05, ping(ATTACKER, SERVER, i)));
    }
    assertThat(verdicts.subList(0, 5)).containsOnlyNulls();
    assertThat(verdicts.subList(5, 10)).containsOnly(DropReason.SCREEN_ICMP_FLOOD);
    assertThat(flow.send(11.5, ping(ATTACKER, SERVER, 20))).isEqualTo(DropReason.SCREEN_ICMP_FLOOD);
    assertThat(flow.send(12.0, ping(ATTACKER, SERVER, 21))).isNull();
    // another destination has its own count
    assertThat(flow.send(11.6, ping(ATTACKER, "192.168.1.11", 22))).isNull();
    assertThat(untrust(flow, ScreenAttack.ICMP_FLOOD)).isEqualTo(6);
    assertThat(flow.alarms).containsExactly("ICMP_FLOOD untrust drop");
  }

  @Test
  void aPingOfDeathIsAnIcmpFragmentPastTheLargestDatagram() {
    PacketBuilder ping = PacketBuilder.ipv4(ATTACKER, SERVER).icmpEcho(true, 1, 1);
    byte[] last =
        PacketBuilder.frame(PacketBuilder.LINKTYPE_ETHERNET, ping.ipv4Fragment(65528, 16, false));
    FlowHarness screened = flow(IdsOption.builder("s").check(ScreenAttack.ICMP_PING_OF_DEATH));
    assertThat(screened.send(0, last)).isEqualTo(DropReason.SCREEN_ICMP_PING_OF_DEATH);
    assertThat(untrust(screened, ScreenAttack.ICMP_PING_OF_DEATH)).isEqualTo(1);
    assertThat(screened.alarms).containsExactly("ICMP_PING_OF_DEATH untrust drop");
    FlowHarness unscreened = flow(IdsOption.builder("s").check(ScreenAttack.TCP_LAND_ATTACK));
    assertThat(unscreened.send(0, last)).isEqualTo(DropReason.BAD_FRAGMENT);
  }

  @Test
  void aTearDropIsAFragmentThatOverlapsThePreviousOne() {
    PacketBuilder datagram =
        PacketBuilder.ipv4(ATTACKER, SERVER).udp(53, 53).payloadLength(100).identification(77);
    FlowHarness flow = flow(IdsOption.builder("s").check(ScreenAttack.IP_TEAR_DROP));
    assertThat(flow.send(0, PacketBuilder.frame(1, datagram.ipv4Fragment(0, 48, true)))).isNull();
    // the second fragment starts at 24, inside the first one's 0..48
    assertThat(flow.send(0.01, PacketBuilder.frame(1, datagram.ipv4Fragment(24, 84, false))))
        .isEqualTo(DropReason.SCREEN_IP_TEAR_DROP);
    // in order and without overlap, a datagram passes
    PacketBuilder clean =
        PacketBuilder.ipv4(ATTACKER, SERVER).udp(54, 53).payloadLength(100).identification(78);
    assertThat(flow.send(1, PacketBuilder.frame(1, clean.ipv4Fragment(0, 48, true)))).isNull();
    assertThat(flow.send(1.01, PacketBuilder.frame(1, clean.ipv4Fragment(48, 60, false)))).isNull();
    assertThat(untrust(flow, ScreenAttack.IP_TEAR_DROP)).isEqualTo(1);
  }

  @Test
  void aPortScanPassesTenPortsAndDropsTheRestOfThePeriod() {
    FlowHarness flow = flow(IdsOption.builder("s").tcpPortScan(5000));
    List<DropReason> verdicts = new ArrayList<>();
    for (int port = 1; port <= 12; port++) {
      verdicts.add(flow.send(20 + port * 0.0001, syn(ATTACKER, 40000, SERVER, port)));
    }
    assertThat(verdicts.subList(0, 10)).containsOnlyNulls();
    assertThat(verdicts.subList(10, 12)).containsOnly(DropReason.SCREEN_TCP_PORT_SCAN);
    // a port already seen is blocked too until the 5 ms are over; afterwards the source starts
    // again
    assertThat(flow.send(20.003, syn(ATTACKER, 40001, SERVER, 1)))
        .isEqualTo(DropReason.SCREEN_TCP_PORT_SCAN);
    assertThat(flow.send(20.01, syn(ATTACKER, 40002, SERVER, 100))).isNull();
    assertThat(untrust(flow, ScreenAttack.TCP_PORT_SCAN)).isEqualTo(3);
    assertThat(flow.alarms).containsExactly("TCP_PORT_SCAN untrust drop");
  }

  @Test
  void aSynFloodDropsPastTheAttackThresholdAndAlarmsPastAttackPlusAlarm() {
    FlowHarness flow =
        flow(IdsOption.builder("s").synFlood(new IdsOption.SynFlood(3, 5, 4000, 4000, 20)));
    List<DropReason> verdicts = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      verdicts.add(flow.send(30 + i * 0.01, syn("203.0.113." + (100 + i), 1024, SERVER, 80)));
    }
    assertThat(verdicts.subList(0, 5)).containsOnlyNulls();
    assertThat(verdicts.subList(5, 10)).containsOnly(DropReason.SCREEN_TCP_SYN_FLOOD);
    assertThat(untrust(flow, ScreenAttack.TCP_SYN_FLOOD)).isEqualTo(5);
    // the alarm: the 9th SYN of the second (5 + 3 + 1), once in that second
    assertThat(flow.alarms).containsExactly("TCP_SYN_FLOOD untrust drop");
    // the next second starts from nothing; another port has its own count
    assertThat(flow.send(31, syn("203.0.113.200", 1024, SERVER, 80))).isNull();
    assertThat(flow.send(30.5, syn("203.0.113.201", 1024, SERVER, 443))).isNull();
  }

  @Test
  void aSynFloodThatLastsAlarmsOnceEachSecondItPassesTheAlarmThreshold() {
    FlowHarness flow =
        flow(IdsOption.builder("s").synFlood(new IdsOption.SynFlood(3, 5, 4000, 4000, 20)));
    for (int second = 0; second < 3; second++) {
      for (int i = 0; i < 12; i++) {
        flow.send(50 + second + i * 0.01, syn("203.0.113." + (100 + i), 1024 + second, SERVER, 80));
      }
    }
    // 7 of each second's 12 SYNs dropped; an alarm each second, not once a minute
    assertThat(untrust(flow, ScreenAttack.TCP_SYN_FLOOD)).isEqualTo(21);
    assertThat(flow.alarms)
        .containsExactly(
            "TCP_SYN_FLOOD untrust drop",
            "TCP_SYN_FLOOD untrust drop",
            "TCP_SYN_FLOOD untrust drop");
  }

  @Test
  void aSynFloodFromOneSourceMeetsTheSourceThreshold() {
    FlowHarness flow =
        flow(IdsOption.builder("s").synFlood(new IdsOption.SynFlood(512, 200, 4, 4000, 20)));
    for (int i = 0; i < 4; i++) {
      assertThat(flow.send(40 + i * 0.01, syn(ATTACKER, 2000 + i, SERVER, 80))).isNull();
    }
    assertThat(flow.send(40.5, syn(ATTACKER, 2010, SERVER, 81)))
        .isEqualTo(DropReason.SCREEN_TCP_SYN_FLOOD_SOURCE);
    assertThat(flow.alarms).containsExactly("TCP_SYN_FLOOD_SOURCE untrust drop");
  }

  @Test
  void aSourceSessionLimitAdmitsAnotherSessionOnceOneHasEnded() {
    FlowHarness flow = flow(IdsOption.builder("s").sourceSessionLimit(2));
    byte[] first = PacketBuilder.ipv4(ATTACKER, SERVER).udp(1000, 53).ethernet();
    assertThat(flow.send(0, first)).isNull();
    assertThat(flow.send(0.1, PacketBuilder.ipv4(ATTACKER, SERVER).udp(1001, 53).ethernet()))
        .isNull();
    assertThat(flow.send(0.2, PacketBuilder.ipv4(ATTACKER, SERVER).udp(1002, 53).ethernet()))
        .isEqualTo(DropReason.SCREEN_SOURCE_SESSION_LIMIT);
    // a packet of an existing session is no new session
    assertThat(flow.send(0.3, first)).isNull();
    // the UDP sessions time out after 60 s (and linger 2 s): then the source may open again
    flow.advance(100);
    assertThat(flow.send(100, PacketBuilder.ipv4(ATTACKER, SERVER).udp(1003, 53).ethernet()))
        .isNull();
    assertThat(untrust(flow, ScreenAttack.SOURCE_SESSION_LIMIT)).isEqualTo(1);
  }

  @Test
  void alarmWithoutDropCountsAndAlarmsButForwards() {
    FlowHarness flow =
        flow(IdsOption.builder("s").check(ScreenAttack.TCP_LAND_ATTACK).alarmWithoutDrop());
    String victim = "203.0.113.9";
    assertThat(flow.send(0, syn(victim, 1000, victim, 80))).isNull();
    assertThat(untrust(flow, ScreenAttack.TCP_LAND_ATTACK)).isEqualTo(1);
    assertThat(flow.alarms).containsExactly("TCP_LAND_ATTACK untrust alarm-without-drop");
    assertThat(flow.sessions()).hasSize(1);
  }

  @Test
  void countersSurviveACommitAndClearByInterface() {
    FlowHarness flow = flow(IdsOption.builder("s").check(ScreenAttack.TCP_SYN_FIN));
    byte[] synFin = PacketBuilder.ipv4(ATTACKER, SERVER).tcp(4000, 80, SYN | FIN, 1, 0).ethernet();
    flow.send(0, synFin);
    flow.spu.installConfig(
        twoZones(IdsOption.builder("s").check(ScreenAttack.TCP_SYN_FIN).build()));
    flow.send(1, synFin);
    Map<String, long[]> statistics = flow.spu.screens().statistics();
    assertThat(statistics.get("ge-0/0/0.0")[ScreenAttack.TCP_SYN_FIN.ordinal()]).isEqualTo(2);
    flow.spu.screens().clear(Set.of("ge-0/0/0.0"));
    assertThat(untrust(flow, ScreenAttack.TCP_SYN_FIN)).isZero();
  }
}
