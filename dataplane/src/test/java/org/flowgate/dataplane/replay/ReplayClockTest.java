package org.flowgate.dataplane.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayClockTest {
  private static final long S = 1_000_000_000L;
  private static final long T0 = 1_700_000_000L * S;
  private static final long YEAR = 365L * 86_400 * S;
  private static final Path FILE = Path.of("/captures/t.pcap");

  /** The times a clock gives records with these timestamps, in seconds after T0. */
  private static List<Long> replay(ReplayClock clock, long... timestampsNs) {
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < timestampsNs.length; i++) {
      long next = i + 1 < timestampsNs.length ? timestampsNs[i + 1] : ReplayClock.NO_NEXT;
      times.add((clock.timeOf(timestampsNs[i], next, FILE, i + 1, 24 + 100L * i) - T0) / S);
    }
    return times;
  }

  @Test
  void timeThatRunsForwardIsKept() {
    ReplayClock clock = new ReplayClock();
    assertThat(replay(clock, T0, T0 + S, T0 + 59 * S, T0 + 200 * S))
        .containsExactly(0L, 1L, 59L, 200L);
    assertThat(clock.jumps()).isEmpty();
    assertThat(clock.outOfOrderRecords()).isZero();
  }

  @Test
  void oneRecordFarInTheFutureIsReplayedAtTheClockAndListed() {
    ReplayClock clock = new ReplayClock();
    assertThat(replay(clock, T0, T0 + S, T0 + 80 * YEAR, T0 + 2 * S, T0 + 3 * S))
        .containsExactly(0L, 1L, 1L, 2L, 3L);
    assertThat(clock.jumps()).hasSize(1);
    TimeJump jump = clock.jumps().getFirst();
    assertThat(jump.kind()).isEqualTo(TimeJump.Kind.OUTLIER_AHEAD);
    assertThat(jump.record()).isEqualTo(3);
    assertThat(jump.toString())
        .isEqualTo(
            "/captures/t.pcap: record 3 at byte offset 224: timestamp 80.0 years ahead of the"
                + " records around it; replayed at the time of the record before it");
  }

  @Test
  void oneRecordFarInThePastIsReplayedAtTheClockAndListed() {
    ReplayClock clock = new ReplayClock();
    assertThat(replay(clock, T0, T0 + S, 0, T0 + 2 * S)).containsExactly(0L, 1L, 1L, 2L);
    assertThat(clock.jumps())
        .extracting(TimeJump::kind)
        .containsExactly(TimeJump.Kind.OUTLIER_BEHIND);
  }

  @Test
  void timeThatGoesBackAndStaysThereGoesOnFromTheClockKeepingIntervals() {
    ReplayClock clock = new ReplayClock();
    long back = T0 - YEAR;
    assertThat(replay(clock, T0, T0 + 10 * S, back, back + 5 * S, back + 7 * S))
        .containsExactly(10L - 10, 10L, 10L, 15L, 17L);
    assertThat(clock.jumps()).extracting(TimeJump::kind).containsExactly(TimeJump.Kind.REWIND);
    assertThat(clock.jumps().getFirst().toString()).contains("time goes back 1.0 years");
  }

  @Test
  void aLongGapThatStaysIsReplayedAsItIsAndListed() {
    ReplayClock clock = new ReplayClock();
    long later = T0 + 2 * 86_400 * S;
    assertThat(replay(clock, T0, later, later + S))
        .containsExactly(0L, 2L * 86_400, 2L * 86_400 + 1);
    assertThat(clock.jumps()).extracting(TimeJump::kind).containsExactly(TimeJump.Kind.GAP);
  }

  @Test
  void aGapShorterThanADayIsNotListed() {
    ReplayClock clock = new ReplayClock();
    assertThat(replay(clock, T0, T0 + 3_600 * S, T0 + 3_601 * S))
        .containsExactly(0L, 3_600L, 3_601L);
    assertThat(clock.jumpCount()).isZero();
  }

  @Test
  void aFarJumpOnTheLastRecordIsTakenAsTimeThatMoved() {
    ReplayClock clock = new ReplayClock();
    assertThat(replay(clock, T0, T0 + 3 * 86_400 * S)).containsExactly(0L, 3L * 86_400);
    assertThat(clock.jumps()).extracting(TimeJump::kind).containsExactly(TimeJump.Kind.GAP);
  }

  @Test
  void recordsSlightlyOutOfOrderAreProcessedAtTheClockAndCounted() {
    ReplayClock clock = new ReplayClock();
    assertThat(replay(clock, T0, T0 + 5 * S, T0 + 4 * S, T0 + 6 * S))
        .containsExactly(0L, 5L, 5L, 6L);
    assertThat(clock.outOfOrderRecords()).isOne();
    assertThat(clock.jumps()).isEmpty();
  }

  @Test
  void timestampsAtTheEndsOfTheRangeNeitherWrapNorThrow() {
    ReplayClock clock = new ReplayClock();
    long[] extremes = {Long.MAX_VALUE, 0, Long.MIN_VALUE + 1, Long.MAX_VALUE, -5, Long.MAX_VALUE};
    for (int i = 0; i < extremes.length; i++) {
      long next = i + 1 < extremes.length ? extremes[i + 1] : ReplayClock.NO_NEXT;
      long time = clock.timeOf(extremes[i], next, FILE, i + 1, 0);
      assertThat(time).isGreaterThanOrEqualTo(clock.clockNs() == time ? time : Long.MIN_VALUE);
    }
    assertThat(clock.jumpCount()).isPositive();
  }

  @Test
  void listsTheFirstHundredJumpsAndCountsTheRest() {
    ReplayClock clock = new ReplayClock();
    long[] timestamps = new long[501];
    for (int i = 0; i < timestamps.length; i++) {
      timestamps[i] = i % 2 == 0 ? T0 + i : T0 + YEAR; // every other record far ahead
    }
    replay(clock, timestamps);
    assertThat(clock.jumps()).hasSize(ReplayClock.MAXIMUM_LISTED);
    assertThat(clock.jumpCount()).isEqualTo(250);
  }
}
