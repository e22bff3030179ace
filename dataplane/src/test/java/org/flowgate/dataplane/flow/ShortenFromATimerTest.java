package org.flowgate.dataplane.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.flowgate.dataplane.session.CloseReason;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;

/**
 * A session shortened from inside another session's timer, to a deadline already past (an ALG's
 * child ending with its control session: {@code shorten(child, 0, parent closed)}), ends at the
 * next tick of the SPU's clock. Before, its timer was armed in the timer wheel's bucket being
 * walked, behind the walk, and never fired: the session waited for a packet to find it due.
 */
class ShortenFromATimerTest {
  private static byte[] datagram(int sourcePort) {
    return PacketBuilder.ipv4("192.168.1.10", "203.0.113.5")
        .udp(sourcePort, 5000)
        .payloadLength(8)
        .ethernet();
  }

  @Test
  void aSessionShortenedToThePastFromATimerEndsAtTheNextTick() {
    FlowHarness flow = FlowHarness.factoryDefault();
    List<String> closed = new ArrayList<>();
    int[] child = {-1};
    flow.spu.setEvents(
        new SessionEvents() {
          @Override
          public void sessionClosed(SessionView session, CloseReason reason) {
            closed.add(session.sourcePort(0) + " " + reason.junosText());
            if (session.sourcePort(0) == 40_000) { // the parent timed out: its child ends too
              flow.spu.lifecycle().shorten(child[0], 0, CloseReason.PARENT_CLOSED);
            }
          }
        });
    assertThat(flow.send(0.0, datagram(40_000))).isNull();
    assertThat(flow.send(0.0, datagram(40_001))).isNull();
    assertThat(flow.send(30.0, datagram(40_001))).isNull(); // the child's last packet
    for (int slot = 0; slot < flow.spu.view().capacity(); slot++) {
      if (flow.spu.view().at(slot).live() && flow.spu.view().at(slot).sourcePort(0) == 40_001) {
        child[0] = slot;
      }
    }

    flow.advance(60.5); // the parent's 60 s UDP timeout passed; the child's last packet at 30 s

    assertThat(closed).containsExactly("40000 idle Timeout", "40001 parent closed");
  }
}
