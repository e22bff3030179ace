package org.flowgate.dataplane.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.flowgate.dataplane.control.SessionSnapshot;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.flowgate.dataplane.runtime.FlowSettings;
import org.flowgate.dataplane.session.CloseReason;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;

/**
 * {@code security flow aging early-ageout / high-watermark / low-watermark} on a ten-session table:
 * past the high watermark every session times out after early-ageout seconds without traffic; below
 * the low watermark sessions keep their own timeouts again.
 */
class EarlyAgeingTest {
  private static final int TABLE_SESSIONS = 10;

  private static FlowHarness tinyTable(FlowSettings settings) {
    return new FlowHarness(FactoryDefault.config().withSettings(settings), TABLE_SESSIONS);
  }

  private static FlowSettings aging(int earlyAgeoutSeconds, int highPercent, int lowPercent) {
    return FlowSettings.junosDefaults().toBuilder()
        .earlyAgeoutSeconds(earlyAgeoutSeconds)
        .highWatermarkPercent(highPercent)
        .lowWatermarkPercent(lowPercent)
        .build();
  }

  /** A UDP datagram of client {@code n} (a session of its own, 60 s UDP timeout). */
  private static byte[] udp(int n) {
    return PacketBuilder.ipv4("192.168.1." + (10 + n), "203.0.113.7")
        .udp(40_000, 5_000)
        .payloadLength(20)
        .ethernet();
  }

  private static SessionSnapshot client(FlowHarness flow, int n) {
    return flow.sessions().stream()
        .filter(s -> s.forward().sourceAddress().equals(IpAddress.parse("192.168.1." + (10 + n))))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void pastTheHighWatermarkIdleSessionsAgeOutAfterEarlyAgeoutInsteadOfTheirOwnTimeout() {
    FlowHarness flow = tinyTable(aging(5, 80, 50));
    for (int n = 0; n < 8; n++) {
      flow.send(0, udp(n)); // 8 of 10: 80 %, not above the high watermark
    }
    flow.advance(1);
    assertThat(flow.spu.lifecycle().ageingEarly()).isFalse();
    flow.send(1, udp(8)); // 9 of 10: 90 %
    flow.send(2, udp(0)); // traffic on client 0's session; the table is now crowded
    assertThat(flow.spu.lifecycle().ageingEarly()).isTrue();
    assertThat(client(flow, 1).currentTimeoutSeconds())
        .as("60 s UDP timeout, now 5 s early-ageout, 2 s idle")
        .isEqualTo(3);

    flow.advance(4.9);
    assertThat(flow.closed).isEmpty();
    flow.advance(5.1);
    assertThat(flow.closed)
        .as("clients 1-7, idle 5 s since 0 s")
        .hasSize(7)
        .allSatisfy(c -> assertThat(c.reason()).isEqualTo(CloseReason.IDLE_TIMEOUT))
        .allSatisfy(c -> assertThat(c.session().maximumTimeoutSeconds()).isEqualTo(60));
    flow.advance(6.1);
    assertThat(flow.closed).as("client 8, idle since 1 s").hasSize(8);
    flow.advance(7.1);
    assertThat(flow.closed).as("client 0, idle since its packet at 2 s").hasSize(9);
  }

  @Test
  void belowTheLowWatermarkSessionsKeepTheirOwnTimeoutAgain() {
    FlowHarness flow = tinyTable(aging(5, 80, 50));
    for (int n = 0; n < 9; n++) {
      flow.send(0, udp(n));
    }
    flow.advance(0.5);
    assertThat(flow.spu.lifecycle().ageingEarly()).isTrue();
    flow.advance(5.5); // all nine closed early
    flow.advance(8); // and reaped (2 s invalidated) -> 0 in use, below 50 %
    assertThat(flow.spu.table().sessionsInUse()).isZero();
    assertThat(flow.spu.lifecycle().ageingEarly()).isFalse();

    flow.send(10, udp(0));
    flow.advance(40);
    assertThat(client(flow, 0).currentTimeoutSeconds()).isEqualTo(30);
    flow.advance(70.1);
    assertThat(flow.closed)
        .hasSize(10)
        .last()
        .satisfies(c -> assertThat(c.session().durationSeconds()).isEqualTo(60));
  }

  @Test
  void sessionsOpenedWhileCrowdedGetEarlyAgeoutFromTheStart() {
    FlowHarness flow = tinyTable(aging(3, 50, 50));
    for (int n = 0; n < 6; n++) {
      flow.send(0, udp(n)); // 6 of 10: above 50 %
    }
    flow.send(1, udp(6)); // opened while ageing early
    assertThat(flow.spu.lifecycle().ageingEarly()).isTrue();
    flow.advance(3.9);
    assertThat(flow.closed).as("the first six, idle 3 s since 0 s").hasSize(6);
    flow.advance(4.1);
    assertThat(flow.closed).hasSize(7);
  }

  @Test
  void onALargerTableEveryIdleSessionStillAgesEarlyWhileTrafficFlows() {
    FlowHarness flow =
        new FlowHarness(FactoryDefault.config().withSettings(aging(5, 80, 50)), 1_000);
    for (int n = 0; n < 850; n++) {
      flow.send(
          0,
          PacketBuilder.ipv4("10.1." + n / 200 + "." + n % 200, "203.0.113.7")
              .udp(40_000, 5_000)
              .ethernet());
    }
    for (int second = 1; second <= 20; second++) {
      flow.send(second, udp(0)); // one busy client keeps its session and the clock moving
    }
    assertThat(flow.closed).as("every idle session, however far into the table").hasSize(850);
    assertThat(flow.spu.table().sessionsInUse()).isEqualTo(1);
    assertThat(flow.spu.lifecycle().ageingEarly()).isFalse();
  }

  @Test
  void byDefaultAFullTableRefusesNewSessionsAndAgesNothingEarly() {
    FlowHarness flow =
        tinyTable(FlowSettings.junosDefaults()); // early-ageout 20, watermarks 100/100
    for (int n = 0; n < TABLE_SESSIONS; n++) {
      assertThat(flow.send(0, udp(n))).isNull();
    }
    assertThat(flow.send(1, udp(TABLE_SESSIONS))).isEqualTo(DropReason.SESSION_TABLE_FULL);
    flow.advance(59);
    assertThat(flow.spu.lifecycle().ageingEarly()).isFalse();
    assertThat(flow.closed).isEmpty();
    flow.advance(60.1);
    assertThat(flow.closed).hasSize(TABLE_SESSIONS);
  }
}
