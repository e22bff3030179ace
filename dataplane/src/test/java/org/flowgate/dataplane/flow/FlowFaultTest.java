package org.flowgate.dataplane.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;

/**
 * A defect of Flowgate's own on one packet (here a session listener that throws, as a logger bug
 * would) drops that packet as a flow fault and leaves the SPU processing the next ones: nothing
 * thrown ends its thread.
 */
class FlowFaultTest {
  private static byte[] syn(String from, int fromPort) {
    return PacketBuilder.ipv4(from, "203.0.113.5")
        .tcp(fromPort, 443, PacketBuilder.SYN, 1, 0)
        .ethernet();
  }

  @Test
  void aListenerThatThrowsDropsItsPacketAsAFlowFaultAndTheNextPacketsGoOn() {
    FlowHarness flow = FlowHarness.factoryDefault();
    flow.spu.setEvents(
        new SessionEvents() {
          @Override
          public void sessionCreated(SessionView session) {
            if (session.sourcePort(0) == 40_000) {
              throw new IllegalStateException("a listener's defect");
            }
          }
        });

    assertThat(flow.send(0.0, syn("192.168.1.10", 40_000))).isEqualTo(DropReason.FLOW_FAULT);
    assertThat(flow.send(0.1, syn("192.168.1.11", 40_001)))
        .as("the SPU goes on with the next packet")
        .isNull();
    assertThat(flow.statistics().drops(DropReason.FLOW_FAULT)).isEqualTo(1);
  }
}
