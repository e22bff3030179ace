package org.flowgate.dataplane.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rings against a real kernel (TPACKET_V3 blocks, TPACKET_V2 slots): a veth pair in a namespace
 * of the test's own.
 */
class RingsTest {
  @BeforeAll
  static void needsNamespaces() {
    assumeTrue(TestNamespace.available(), "needs root, Linux and iproute2");
  }

  @Test
  void framesWrittenToTheTransmitRingArriveInTheReceiveRingOfThePeer() throws Exception {
    try (TestNamespace ns = TestNamespace.create()) {
      ns.ip("link", "add", "name", "va", "type", "veth", "peer", "name", "vb");
      ns.ip("link", "set", "dev", "va", "up");
      ns.ip("link", "set", "dev", "vb", "up");
      ns.exec("sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1");
      List<byte[]> received =
          ns.inside(
              () -> {
                // the kernel reports a veth running (carrier) shortly after it is set up
                Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> NetDevice.of("va").up() && NetDevice.of("vb").up());
                NetDevice a = NetDevice.of("va");
                NetDevice b = NetDevice.of("vb");
                assertThat(a.mtuBytes()).isEqualTo(1500);
                assertThat(a.up()).isTrue();
                try (RxRing rx = RxRing.open(b, 1 << 16, 4, 1);
                    TxRing tx = TxRing.open(a, 64)) {
                  for (int i = 0; i < 10; i++) {
                    byte[] frame =
                        PacketBuilder.ipv4("192.0.2.1", "192.0.2.2")
                            .udp(1000 + i, 53)
                            .payloadLength(100 + i)
                            .macs(a.mac(), b.mac())
                            .ethernet();
                    long at = tx.claim();
                    MemorySegment.copy(
                        frame, 0, tx.memory(), ValueLayout.JAVA_BYTE, at, frame.length);
                    tx.commit(frame.length);
                  }
                  tx.kick();
                  List<byte[]> frames = new ArrayList<>();
                  int[] block = {0};
                  Awaitility.await()
                      .atMost(Duration.ofSeconds(5))
                      .until(
                          () -> {
                            while (rx.ready(block[0])) {
                              long frame = rx.firstFrame(block[0]);
                              for (int i = 0; i < rx.packets(block[0]); i++) {
                                if (rx.packetType(frame) == RxRing.PACKET_HOST) {
                                  byte[] bytes = new byte[rx.capturedBytes(frame)];
                                  MemorySegment.copy(
                                      rx.memory(),
                                      ValueLayout.JAVA_BYTE,
                                      rx.data(frame),
                                      bytes,
                                      0,
                                      bytes.length);
                                  frames.add(bytes);
                                }
                                frame = rx.nextFrame(frame);
                              }
                              rx.release(block[0]);
                              block[0] = (block[0] + 1) % rx.blocks();
                            }
                            return frames.size() >= 10;
                          });
                  return frames;
                }
              });
      assertThat(received).hasSize(10);
      for (int i = 0; i < 10; i++) {
        assertThat(received.get(i)).hasSize(14 + 20 + 8 + 100 + i);
        assertThat(((received.get(i)[34] & 0xff) << 8) | (received.get(i)[35] & 0xff))
            .isEqualTo(1000 + i);
      }
    }
  }

  /**
   * TPACKET_V2: each frame is readable in its own slot, in order, and a slot handed back is used
   * again: 100 frames through a ring of 32 slots, sent 20 at a time and read between.
   */
  @Test
  void framesArriveSlotBySlotAndReleasedSlotsAreUsedAgain() throws Exception {
    try (TestNamespace ns = TestNamespace.create()) {
      ns.ip("link", "add", "name", "va", "type", "veth", "peer", "name", "vb");
      ns.ip("link", "set", "dev", "va", "up");
      ns.ip("link", "set", "dev", "vb", "up");
      ns.exec("sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1");
      List<byte[]> received =
          ns.inside(
              () -> {
                Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> NetDevice.of("va").up() && NetDevice.of("vb").up());
                NetDevice a = NetDevice.of("va");
                NetDevice b = NetDevice.of("vb");
                List<byte[]> frames = new ArrayList<>();
                try (RxRing rx = RxRing.openFrames(b, 32);
                    TxRing tx = TxRing.open(a, 64)) {
                  assertThat(rx.layout()).isEqualTo(RxRing.Layout.FRAMES);
                  assertThat(rx.frames()).isEqualTo(32);
                  int[] slot = {0};
                  for (int round = 0; round < 5; round++) {
                    for (int i = round * 20; i < round * 20 + 20; i++) {
                      byte[] frame =
                          PacketBuilder.ipv4("192.0.2.1", "192.0.2.2")
                              .udp(1000 + i, 53)
                              .payloadLength(100 + i)
                              .macs(a.mac(), b.mac())
                              .ethernet();
                      long at = tx.claim();
                      MemorySegment.copy(
                          frame, 0, tx.memory(), ValueLayout.JAVA_BYTE, at, frame.length);
                      tx.commit(frame.length);
                    }
                    tx.kick();
                    int expected = round * 20 + 20;
                    Awaitility.await()
                        .atMost(Duration.ofSeconds(5))
                        .until(
                            () -> {
                              while (rx.slotReady(slot[0])) {
                                long frame = rx.slot(slot[0]);
                                if (rx.packetType(frame) == RxRing.PACKET_HOST) {
                                  assertThat(rx.capturedBytes(frame))
                                      .isEqualTo(rx.lengthBytes(frame));
                                  byte[] bytes = new byte[rx.capturedBytes(frame)];
                                  MemorySegment.copy(
                                      rx.memory(),
                                      ValueLayout.JAVA_BYTE,
                                      rx.data(frame),
                                      bytes,
                                      0,
                                      bytes.length);
                                  frames.add(bytes);
                                }
                                rx.releaseSlot(slot[0]);
                                slot[0] = (slot[0] + 1) % rx.frames();
                              }
                              return frames.size() >= expected;
                            });
                  }
                  assertThat(rx.statistics().drops()).isZero();
                }
                return frames;
              });
      assertThat(received).hasSize(100);
      for (int i = 0; i < 100; i++) {
        assertThat(received.get(i)).hasSize(14 + 20 + 8 + 100 + i);
        assertThat(((received.get(i)[34] & 0xff) << 8) | (received.get(i)[35] & 0xff))
            .isEqualTo(1000 + i);
      }
    }
  }
}
