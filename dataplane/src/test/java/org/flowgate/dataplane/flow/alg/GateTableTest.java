package org.flowgate.dataplane.flow.alg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Gates: lookup as announced and as forwarded, wildcards, and expiry in deadline order. */
class GateTableTest {
  private static final int TCP = 6;

  private static long v4(int a, int b, int c, int d) {
    return 0x0000_ffff_0000_0000L | (long) a << 24 | b << 16 | c << 8 | d;
  }

  private final GateTable gates = new GateTable(64);

  private int open(long src, int srcPort, long dst, int dstPort, long deadline) {
    return gates.open(
        1, TCP, 0, false, 0, src, srcPort, 0, dst, dstPort, false, 0, 0, 0, true, false, 3, 0,
        deadline);
  }

  @Test
  void aGateMatchesItsServerFromAnyPortAndNothingElse() {
    long server = v4(198, 51, 100, 7);
    long client = v4(192, 168, 1, 10);
    int g = open(server, 0, client, 40001, 100);
    assertThat(gates.lookup(TCP, 0, 0, server, 20, 0, client, 40001)).isEqualTo(g);
    assertThat(gates.lookup(TCP, 0, 0, server, 33333, 0, client, 40001)).isEqualTo(g);
    assertThat(gates.matchedForwarded).isFalse();
    assertThat(gates.lookup(TCP, 0, 0, v4(10, 9, 9, 9), 20, 0, client, 40001))
        .as("another host")
        .isEqualTo(GateTable.NONE);
    assertThat(gates.lookup(17, 0, 0, server, 20, 0, client, 40001))
        .as("UDP")
        .isEqualTo(GateTable.NONE);
    assertThat(gates.lookup(TCP, 1, 0, server, 20, 0, client, 40001))
        .as("another routing instance")
        .isEqualTo(GateTable.NONE);
    assertThat(gates.lookup(TCP, 0, 0, server, 20, 0, client, 40002)).isEqualTo(GateTable.NONE);
  }

  @Test
  void aTranslatingGateIsFoundByItsForwardedDestinationToo() {
    long server = v4(198, 51, 100, 7);
    int g =
        gates.open(
            1,
            TCP,
            0,
            false,
            0,
            server,
            0,
            0,
            v4(203, 0, 113, 1),
            1024,
            true,
            0,
            v4(192, 168, 1, 10),
            40001,
            true,
            false,
            3,
            0,
            100);
    assertThat(gates.lookup(TCP, 0, 0, server, 20, 0, v4(203, 0, 113, 1), 1024)).isEqualTo(g);
    assertThat(gates.matchedForwarded).isFalse();
    assertThat(gates.lookup(TCP, 0, 0, server, 20, 0, v4(192, 168, 1, 10), 40001)).isEqualTo(g);
    assertThat(gates.matchedForwarded).isTrue();
    gates.close(g);
    assertThat(gates.lookup(TCP, 0, 0, server, 20, 0, v4(192, 168, 1, 10), 40001))
        .isEqualTo(GateTable.NONE);
    assertThat(gates.isEmpty()).isTrue();
  }

  @Test
  void gatesFallDueInDeadlineOrderWhateverTheOrderTheyOpened() {
    int late = open(v4(1, 1, 1, 1), 0, v4(2, 2, 2, 2), 1000, 500);
    int early = open(v4(1, 1, 1, 1), 0, v4(2, 2, 2, 2), 1001, 100);
    int middle = open(v4(1, 1, 1, 1), 0, v4(2, 2, 2, 2), 1002, 300);
    assertThat(gates.due(99)).isEqualTo(GateTable.NONE);
    assertThat(gates.due(100)).isEqualTo(early);
    gates.close(early);
    assertThat(gates.due(299)).isEqualTo(GateTable.NONE);
    assertThat(gates.due(1000)).isEqualTo(middle);
    gates.close(middle);
    assertThat(gates.due(1000)).isEqualTo(late);
    gates.close(late);
    assertThat(gates.due(Long.MAX_VALUE / 2)).isEqualTo(GateTable.NONE);
    assertThat(gates.inUse()).isZero();
  }

  @Test
  void aGateUsedBeforeItsDeadlineLeavesTheHeap() {
    int a = open(v4(1, 1, 1, 1), 0, v4(2, 2, 2, 2), 1000, 100);
    int b = open(v4(1, 1, 1, 1), 0, v4(2, 2, 2, 2), 1001, 200);
    gates.close(a); // a child came through it
    assertThat(gates.expiry.scheduled(a)).isFalse();
    assertThat(gates.due(150)).isEqualTo(GateTable.NONE);
    assertThat(gates.due(200)).isEqualTo(b);
  }

  @Test
  void aFullTableRefusesAndFreedGatesAreReused() {
    GateTable small = new GateTable(2);
    long h = v4(1, 1, 1, 1);
    int a = small.open(1, TCP, 0, false, 0, h, 0, 0, h, 1, false, 0, 0, 0, true, false, 0, 0, 9);
    int b = small.open(1, TCP, 0, false, 0, h, 0, 0, h, 2, false, 0, 0, 0, true, false, 0, 0, 9);
    assertThat(small.open(1, TCP, 0, false, 0, h, 0, 0, h, 3, false, 0, 0, 0, true, false, 0, 0, 9))
        .isEqualTo(GateTable.NONE);
    small.close(a);
    int c = small.open(1, TCP, 0, false, 0, h, 0, 0, h, 3, false, 0, 0, 0, true, false, 0, 0, 9);
    assertThat(c).isEqualTo(a);
    assertThat(small.arrivesOn[c]).as("a reused gate forgets its interface").isEqualTo(-1);
    assertThat(small.lookup(TCP, 0, 0, h, 5, 0, h, 1)).isEqualTo(GateTable.NONE);
    assertThat(small.lookup(TCP, 0, 0, h, 5, 0, h, 2)).isEqualTo(b);
  }

  @Test
  void randomOpensAndClosesExpireExactlyTheGatesLeftInDeadlineOrder() {
    long seed = 20261203L;
    Random random = new Random(seed);
    List<Integer> open = new ArrayList<>();
    long[] deadlines = new long[64];
    for (int round = 0; round < 2000; round++) {
      if (open.size() < 64 && (open.isEmpty() || random.nextInt(3) > 0)) {
        long deadline = 1000 + random.nextInt(100_000);
        int g = open(v4(1, 1, 1, 1), 0, v4(2, 2, 2, 2), 1 + random.nextInt(60000), deadline);
        assertThat(g).as("seed %d", seed).isNotNegative();
        deadlines[g] = deadline;
        open.add(g);
      } else {
        gates.close(open.remove(random.nextInt(open.size())));
      }
    }
    long previous = Long.MIN_VALUE;
    int expired = 0;
    int g;
    while ((g = gates.due(200_000)) != GateTable.NONE) {
      assertThat(deadlines[g]).as("seed %d", seed).isGreaterThanOrEqualTo(previous);
      assertThat(open).as("seed %d", seed).contains(g);
      previous = deadlines[g];
      gates.close(g);
      expired++;
    }
    assertThat(expired).as("seed %d", seed).isEqualTo(open.size());
    assertThat(gates.isEmpty()).isTrue();
  }
}
