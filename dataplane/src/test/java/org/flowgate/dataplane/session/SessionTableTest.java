package org.flowgate.dataplane.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SessionTableTest {
  private static final long V4 = 0x0000_ffff_0000_0000L;

  private record Key(long srcLo, long dstLo, int srcPort, int dstPort) {}

  private static void install(SessionTable table, int slot, Key key) {
    table.setSessionId(slot, 1_000_000_000_000L + slot);
    table.setProtocol(slot, 17);
    table.setValid(slot);
    table.setWingKey(
        slot, SessionTable.FORWARD, 0, key.srcLo, 0, key.dstLo, key.srcPort, key.dstPort);
    table.setWingKey(
        slot, SessionTable.REVERSE, 0, key.dstLo, 0, key.srcLo, key.dstPort, key.srcPort);
    table.indexWing(slot, SessionTable.FORWARD);
    table.indexWing(slot, SessionTable.REVERSE);
  }

  private static int find(SessionTable table, Key key) {
    return table.lookup(0, key.srcLo, 0, key.dstLo, key.srcPort, key.dstPort, 17, 0);
  }

  @Test
  void indexAgreesWithAHashMapThroughRandomInsertsAndDeletes() {
    long seed = 20261125L;
    SplittableRandom random = new SplittableRandom(seed);
    SessionTable table = new SessionTable(4096);
    Map<Key, Integer> model = new HashMap<>();
    List<Key> live = new ArrayList<>();
    for (int step = 0; step < 200_000; step++) {
      if (live.size() < 4000 && (live.isEmpty() || random.nextInt(3) != 0)) {
        Key key =
            new Key(
                V4 | random.nextInt(64),
                V4 | random.nextInt(64),
                random.nextInt(8),
                random.nextInt(4));
        Key reverse = new Key(key.dstLo, key.srcLo, key.dstPort, key.srcPort);
        if (key.equals(reverse) || model.containsKey(key) || model.containsKey(reverse)) {
          continue;
        }
        int slot = table.allocate();
        install(table, slot, key);
        model.put(key, slot);
        live.add(key);
      } else {
        Key key = live.remove(random.nextInt(live.size()));
        int slot = model.remove(key);
        table.unindexWing(slot, SessionTable.FORWARD);
        table.unindexWing(slot, SessionTable.REVERSE);
        table.free(slot);
      }
      if (step % 997 == 0) {
        for (Map.Entry<Key, Integer> entry : model.entrySet()) {
          Key k = entry.getKey();
          assertThat(find(table, k))
              .as("seed %d step %d forward", seed, step)
              .isEqualTo(entry.getValue() << 1);
          assertThat(find(table, new Key(k.dstLo, k.srcLo, k.dstPort, k.srcPort)))
              .as("seed %d step %d reverse", seed, step)
              .isEqualTo(entry.getValue() << 1 | 1);
        }
        assertThat(table.sessionsInUse()).isEqualTo(model.size());
      }
    }
  }

  @Test
  void ipv6KeysLiveInTheSideTableAndAreFoundByBothWings() {
    SessionTable table = new SessionTable(8);
    int slot = table.allocate();
    table.setFlags(slot, SessionTable.FLAG_IPV6);
    table.setProtocol(slot, 6);
    table.setValid(slot);
    table.setWingKey(slot, 0, 0x2001_0db8_0000_0001L, 0x10, 0x2001_0db8_ffff_0000L, 0x80, 1234, 80);
    table.setWingKey(slot, 1, 0x2001_0db8_ffff_0000L, 0x80, 0x2001_0db8_0000_0001L, 0x10, 80, 1234);
    table.indexWing(slot, 0);
    table.indexWing(slot, 1);
    assertThat(
            table.lookup(
                0x2001_0db8_0000_0001L, 0x10, 0x2001_0db8_ffff_0000L, 0x80, 1234, 80, 6, 0))
        .isEqualTo(slot << 1);
    assertThat(
            table.lookup(
                0x2001_0db8_ffff_0000L, 0x80, 0x2001_0db8_0000_0001L, 0x10, 80, 1234, 6, 0))
        .isEqualTo(slot << 1 | 1);
    assertThat(
            table.lookup(
                0x2001_0db8_ffff_0000L, 0x80, 0x2001_0db8_0000_0001L, 0x10, 80, 1234, 6, 1))
        .isEqualTo(-1);
    assertThat(table.sourceHi(slot, 1)).isEqualTo(0x2001_0db8_ffff_0000L);
  }

  @Test
  void aKeyMatchesOnlyWhenEveryFieldDoes() {
    SessionTable table = new SessionTable(8);
    int slot = table.allocate();
    table.setProtocol(slot, 17);
    table.setValid(slot);
    table.setToken(slot, SessionTable.FORWARD, 2 << 8 | 7); // routing instance 2, zone 7
    long client = V4 | 0x0a00_0001L;
    long server = V4 | 0xc633_6401L;
    table.setWingKey(slot, SessionTable.FORWARD, 0, client, 0, server, 40_000, 53);
    table.indexWing(slot, SessionTable.FORWARD);

    assertThat(table.lookup(0, client, 0, server, 40_000, 53, 17, 2)).isEqualTo(slot << 1);
    int hash = SessionTable.keyHash(0, client, 0, server, 40_000, 53, 17, 2);
    assertThat(table.lookup(hash, 0, client, 0, server, 40_000, 53, 17, 2)).isEqualTo(slot << 1);
    assertThat(table.candidateSlot(hash)).as("the record to read ahead").isEqualTo(slot);
    assertThat(table.readRecord(slot)).isNotZero();
    assertThat(table.lookup(0, client, 0, server, 40_000, 53, 17, 0))
        .as("routing instance")
        .isEqualTo(-1);
    assertThat(table.lookup(0, client, 0, server, 40_000, 53, 6, 2)).as("protocol").isEqualTo(-1);
    assertThat(table.lookup(0, client, 0, server, 40_001, 53, 17, 2))
        .as("source port")
        .isEqualTo(-1);
    assertThat(table.lookup(0, client, 0, server, 40_000, 54, 17, 2))
        .as("destination port")
        .isEqualTo(-1);
    assertThat(table.lookup(0, client, 0, server, 53, 40_000, 17, 2))
        .as("ports swapped")
        .isEqualTo(-1);
    assertThat(table.lookup(0, server, 0, client, 40_000, 53, 17, 2))
        .as("addresses swapped")
        .isEqualTo(-1);
    assertThat(table.lookup(0, client + 1, 0, server, 40_000, 53, 17, 2))
        .as("source")
        .isEqualTo(-1);
    assertThat(table.lookup(0, client, 0, server + 1, 40_000, 53, 17, 2))
        .as("destination")
        .isEqualTo(-1);
    assertThat(table.lookup(0, client & 0xffff_ffffL, 0, server, 40_000, 53, 17, 2))
        .as("not IPv4-mapped")
        .isEqualTo(-1);
    assertThat(table.lookup(1, client, 0, server, 40_000, 53, 17, 2))
        .as("IPv6 source")
        .isEqualTo(-1);
    // Every check, even with the right fingerprint: a lookup given this key's hash finds only this
    // key.
    assertThat(table.lookup(hash, 0, client, 0, server, 40_000, 54, 17, 2)).isEqualTo(-1);
    assertThat(table.lookup(hash, 0, client, 0, server, 40_000 + 0x10000, 53, 17, 2)).isEqualTo(-1);
    assertThat(table.lookup(hash, 0, client, 0, server, 40_000, 53, 17 + 0x100, 2)).isEqualTo(-1);
  }

  @Test
  void aSessionIdFindsItsSlotAndOnlyWhileTheSessionIsThere() {
    SessionTable table = new SessionTable(4);
    int slot = table.allocate();
    long id = (7L << 32) | 0xfedc_ba98L; // both halves of the 64-bit id kept
    table.setSessionId(slot, id);
    table.setValid(slot);
    assertThat(table.sessionId(slot)).isEqualTo(id);
    assertThat(table.slotOfSessionId(id)).isEqualTo(slot);
    table.free(slot);
    assertThat(table.slotOfSessionId(id)).isEqualTo(-1);
    int again = table.allocate();
    assertThat(again).isEqualTo(slot);
    assertThat(table.sessionId(again)).as("a reused slot starts with no id").isZero();
  }

  @Test
  void allocationFailsOnlyWhenEverySlotIsTaken() {
    SessionTable table = new SessionTable(3);
    assertThat(List.of(table.allocate(), table.allocate(), table.allocate()))
        .containsExactlyInAnyOrder(0, 1, 2);
    assertThat(table.allocate()).isEqualTo(-1);
  }

  @Test
  void timersFireInDeadlineOrderAndLongIdleStretchesAreSkipped() {
    SessionTable table = new SessionTable(8);
    List<String> fired = new ArrayList<>();
    int a = table.allocate();
    int b = table.allocate();
    int c = table.allocate();
    table.schedule(a, 10);
    table.schedule(b, 5);
    table.schedule(c, 1_000_000_000L);
    table.schedule(a, 7); // re-armed earlier
    SessionTable.TimerHandler record = (slot, tick) -> fired.add(slot + "@" + tick);
    assertThat(table.advanceTimers(6, Integer.MAX_VALUE, record)).isTrue();
    assertThat(fired).containsExactly(b + "@5");
    table.advanceTimers(999_999_999L, Integer.MAX_VALUE, record);
    assertThat(fired).containsExactly(b + "@5", a + "@7");
    table.advanceTimers(1_000_000_001L, Integer.MAX_VALUE, record);
    assertThat(fired).containsExactly(b + "@5", a + "@7", c + "@1000000000");
  }

  /**
   * A handler that arms another timer for a deadline already past (SessionLifecycle.shorten of a
   * session idle longer than its new timeout) gets it fired at the next tick. Before, the timer
   * landed in the bucket being walked, behind the walk, and its deadline never came round again:
   * the session waited for a packet to find it due.
   */
  @Test
  void aTimerArmedInThePastFromAHandlerFiresAtTheNextTick() {
    SessionTable table = new SessionTable(8);
    List<String> fired = new ArrayList<>();
    int parent = table.allocate();
    int child = table.allocate();
    table.schedule(parent, 100);
    table.schedule(child, 5_000);
    SessionTable.TimerHandler handler =
        (slot, tick) -> {
          fired.add(slot + "@" + tick);
          if (slot == parent) {
            table.schedule(child, tick - 50); // its deadline passed 50 ticks ago
          }
        };

    table.advanceTimers(100, Integer.MAX_VALUE, handler);
    assertThat(fired).containsExactly(parent + "@100");
    assertThat(table.timerDeadline(child)).isEqualTo(101);
    table.advanceTimers(101, Integer.MAX_VALUE, handler);
    assertThat(fired).containsExactly(parent + "@100", child + "@101");
  }

  @Test
  void aBoundedAdvanceStopsAndResumes() {
    SessionTable table = new SessionTable(8);
    List<Integer> fired = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      table.schedule(table.allocate(), 3);
    }
    assertThat(table.advanceTimers(10, 2, (slot, tick) -> fired.add(slot))).isFalse();
    assertThat(fired).hasSize(2);
    assertThat(table.advanceTimers(10, 10, (slot, tick) -> fired.add(slot))).isTrue();
    assertThat(fired).hasSize(5);
  }

  @Test
  void anIpv4SessionCostsAtMost160BytesAtTheMaximum() {
    assertThat(new SessionTable(1 << 20).bytesPerSession()).isLessThanOrEqualTo(160);
  }
}
