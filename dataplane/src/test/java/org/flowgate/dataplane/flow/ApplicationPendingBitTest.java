package org.flowgate.dataplane.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.flowgate.dataplane.appid.AppIdSettings;
import org.flowgate.dataplane.appid.InspectionLimit;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.flowgate.dataplane.session.SessionTable;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;

/**
 * The record's {@link SessionTable#FLAG_APPID_PENDING} bit, which the fast path reads instead of
 * the identification word (docs/adr/0036), says exactly what the word says: set while the session
 * is inspected, clear once it is decided, ended, or when a commit ends its inspection.
 */
class ApplicationPendingBitTest {
  private final FlowHarness flow = FlowHarness.factoryDefault();

  private static byte[] udp(String source, String destination, int sport, int dport, int bytes) {
    return PacketBuilder.ipv4(source, destination)
        .udp(sport, dport)
        .payloadLength(bytes)
        .ethernet();
  }

  /** Every live slot: the bit agrees with the word; returns how many sessions are pending. */
  private int pendingAgreeing() {
    SessionTable table = flow.spu.table();
    SessionApplications applications = flow.spu.applications();
    int pending = 0;
    for (int slot = 0; slot < table.slotLimit(); slot++) {
      if (table.isFree(slot)) {
        continue;
      }
      assertThat(table.isApplicationPending(slot))
          .as("pending bit of slot %d", slot)
          .isEqualTo(applications.pending(slot));
      if (applications.pending(slot)) {
        pending++;
      }
    }
    return pending;
  }

  @Test
  void bitIsSetWhileInspectedAndClearedOnceTheLimitsDecide() {
    assertThat(flow.send(0, udp("10.0.0.5", "198.51.100.7", 40000, 7777, 0))).isNull();
    assertThat(pendingAgreeing()).isEqualTo(1);
    // garbage both ways until the UDP limits pass: junos:UNKNOWN, decided
    double at = 0.1;
    for (int i = 0; i < 40 && pendingAgreeing() == 1; i++) {
      flow.send(at, udp("10.0.0.5", "198.51.100.7", 40000, 7777, 100));
      flow.send(at, udp("198.51.100.7", "10.0.0.5", 7777, 40000, 100));
      at += 0.01;
    }
    assertThat(pendingAgreeing()).isZero();
    assertThat(flow.spu.table().sessionsInUse()).isEqualTo(1);
  }

  @Test
  void sessionDecidedAtItsFirstPacketNeverHasTheBit() {
    byte[] ping =
        PacketBuilder.ipv4("10.0.0.5", "198.51.100.7")
            .icmpEcho(true, 1, 1)
            .payloadLength(8)
            .ethernet();
    assertThat(flow.send(0, ping)).isNull();
    assertThat(flow.spu.table().sessionsInUse()).isEqualTo(1);
    assertThat(pendingAgreeing()).isZero();
  }

  @Test
  void commitThatChangesIdentificationClearsTheBitOfEveryInspectedSession() {
    for (int i = 0; i < 5; i++) {
      flow.send(0, udp("10.0.0.5", "198.51.100.7", 40000 + i, 7777, 0));
    }
    assertThat(pendingAgreeing()).isEqualTo(5);
    flow.spu.installConfig(
        FactoryDefault.config()
            .withApplicationIdentification(
                AppIdSettings.defaults()
                    .withLimits(new InspectionLimit(5000, 9), new InspectionLimit(5000, 9))));
    assertThat(pendingAgreeing()).isZero();
    assertThat(flow.spu.table().sessionsInUse()).isEqualTo(5);
  }

  @Test
  void slotReusedAfterAnInspectedSessionEndsStartsWithoutTheBit() {
    // a table of one session: the pending one times out, and a ping takes its slot
    FlowHarness small = new FlowHarness(FactoryDefault.config(), 1);
    small.send(0, udp("10.0.0.5", "198.51.100.7", 40000, 7777, 0));
    assertThat(small.spu.table().isApplicationPending(0)).isTrue();
    byte[] ping =
        PacketBuilder.ipv4("10.0.0.5", "198.51.100.7")
            .icmpEcho(true, 1, 1)
            .payloadLength(8)
            .ethernet();
    assertThat(small.send(3600, ping)).isNull();
    assertThat(small.spu.table().sessionsInUse()).isEqualTo(1);
    assertThat(small.spu.table().isApplicationPending(0)).isFalse();
    assertThat(small.spu.applications().pending(0)).isFalse();
  }
}
