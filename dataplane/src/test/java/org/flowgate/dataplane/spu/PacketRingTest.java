package org.flowgate.dataplane.spu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PacketRingTest {
  /** Records what the consumer was handed. */
  private static final class Taken implements PacketRing.Consumer {
    final List<long[]> entries = new ArrayList<>();

    @Override
    public void onEntry(
        int kind,
        int source,
        int linkType,
        int captureInterface,
        long frameOffset,
        long timestampNs,
        int capturedLengthBytes,
        int originalLengthBytes,
        long ordinal,
        long dispatched) {
      entries.add(
          new long[] {
            kind,
            source,
            linkType,
            captureInterface,
            frameOffset,
            timestampNs,
            capturedLengthBytes,
            originalLengthBytes,
            ordinal,
            dispatched
          });
    }
  }

  private static boolean offer(PacketRing ring, long n) {
    return ring.offer(
        PacketRing.PACKET,
        (int) (n % 7),
        1,
        (int) (n % 3),
        n * 64,
        1_000 + n,
        60,
        64 + (int) n,
        n,
        n * 31);
  }

  @Test
  void handsOverEveryFieldInOrderAcrossThreadsThatParkOnAFullAndAnEmptyRing() throws Exception {
    PacketRing ring = new PacketRing(64);
    long total = 200_000;
    Thread producer =
        Thread.ofPlatform()
            .start(
                () -> {
                  for (long n = 1; n <= total; n++) {
                    while (!offer(ring, n)) {
                      ring.awaitSpace();
                    }
                  }
                });
    Taken taken = new Taken();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (taken.entries.size() < total && System.nanoTime() < deadline) {
      if (ring.drain(taken, 17) > 0) {
        ring.wakeProducer();
      } else {
        ring.awaitEntries(PacketRing.WAIT_NS);
      }
    }
    producer.join(TimeUnit.SECONDS.toMillis(10));
    assertThat(producer.isAlive()).isFalse();
    assertThat(taken.entries).hasSize((int) total);
    for (int i = 0; i < total; i++) {
      long n = i + 1;
      assertThat(taken.entries.get(i))
          .containsExactly(
              PacketRing.PACKET, n % 7, 1, n % 3, n * 64, 1_000 + n, 60, 64 + n, n, n * 31);
    }
    assertThat(ring.offered()).isEqualTo(total);
    assertThat(ring.taken()).isEqualTo(total);
  }

  @Test
  void anOfferWakesAConsumerParkedOnTheEmptyRingBeforeItsTimeout() throws Exception {
    PacketRing ring = new PacketRing(8);
    long parkNs = TimeUnit.SECONDS.toNanos(60);
    Taken taken = new Taken();
    Thread consumer =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (ring.drain(taken, 8) == 0) {
                    ring.awaitEntries(parkNs);
                  }
                });
    offer(ring, 1);
    consumer.join(TimeUnit.SECONDS.toMillis(30)); // half the park: only a wake-up ends it sooner
    assertThat(consumer.isAlive()).as("consumer still parked").isFalse();
    assertThat(taken.entries).hasSize(1);
  }

  @Test
  void aDrainStoppedByAFaultKeepsTheEntriesItHadTakenTaken() {
    PacketRing ring = new PacketRing(8);
    for (long n = 1; n <= 5; n++) {
      offer(ring, n);
    }
    List<Long> seen = new ArrayList<>();
    PacketRing.Consumer faulting =
        (kind, source, link, iface, offset, ts, captured, original, ordinal, dispatched) -> {
          seen.add(ordinal);
          if (ordinal == 2) {
            throw new InternalError("a fault occurred in an unsafe memory access operation");
          }
        };
    try {
      ring.drain(faulting, 8);
    } catch (InternalError expected) {
      // the shard catches it (docs/adr/0018)
    }
    Taken rest = new Taken();
    ring.drain(rest, 8);
    assertThat(seen).containsExactly(1L, 2L);
    assertThat(rest.entries).extracting(e -> e[8]).containsExactly(3L, 4L, 5L);
  }
}
