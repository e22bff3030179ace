package org.flowgate.dataplane.flow.alg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The sequence adjustment of a stream whose payload NAT rewrote (RFC 2663 §7.1), and the pool of
 * control states.
 */
class ControlStatesTest {
  private final ControlStates states = new ControlStates(4);

  @Test
  void aFreshEntryHasNoBufferNoShiftAndThePoolRunsOut() {
    int[] taken = new int[4];
    for (int i = 0; i < 4; i++) {
      taken[i] = states.take(100 + i, 1, 7);
      assertThat(taken[i]).isNotNegative();
    }
    assertThat(states.take(200, 1, 7)).isEqualTo(-1);
    assertThat(states.inUse()).isEqualTo(4);
    int s = ControlStates.stream(taken[2], 1);
    states.record(s, 1000, 1026, -1, null, 0, 0);
    states.give(taken[2]);
    int again = states.take(300, 1, 8);
    assertThat(again).isEqualTo(taken[2]);
    int stream = ControlStates.stream(again, 1);
    assertThat(states.buffer[stream]).isEqualTo(-1);
    assertThat(states.adjusted(stream)).as("the reused entry forgets the old shift").isFalse();
    assertThat(states.offsetAt(stream, 5000)).isZero();
  }

  @Test
  void segmentsAfterARewriteAreShiftedAndAcknowledgementsShiftedBack() {
    int e = states.take(1, 1, 0);
    int s = ControlStates.stream(e, 0);
    // bytes [1000, 1026) became 25 bytes: one byte shorter
    states.record(s, 1000, 1026, -1, new byte[25], 0, 25);
    assertThat(states.adjusted(s)).isTrue();
    assertThat(states.offsetAt(s, 900)).as("before the rewrite").isZero();
    assertThat(states.offsetAt(s, 1000)).as("the rewritten segment itself").isZero();
    assertThat(states.offsetAt(s, 1026)).as("after it").isEqualTo(-1);
    // the peer acknowledges in forwarded numbers
    assertThat(states.originalAck(s, 1025)).as("all of the rewritten bytes").isEqualTo(1026);
    assertThat(states.originalAck(s, 1100)).isEqualTo(1101);
    assertThat(states.originalAck(s, 1010)).as("inside them: back to their start").isEqualTo(1000);
    assertThat(states.originalAck(s, 990)).isEqualTo(990);
  }

  @Test
  void shiftsAddUpAndTheOldestRecordBecomesTheBase() {
    int e = states.take(1, 1, 0);
    int s = ControlStates.stream(e, 1);
    states.record(s, 100, 120, +3, null, 0, 0);
    states.record(s, 200, 220, +2, null, 0, 0);
    states.record(s, 300, 320, -4, null, 0, 0);
    assertThat(states.offsetAt(s, 250)).isEqualTo(5);
    assertThat(states.offsetAt(s, 400)).isEqualTo(1);
    states.record(s, 500, 520, +10, null, 0, 0); // a fourth: the first folds into the base
    assertThat(states.records[s]).isEqualTo((byte) ControlStates.RECORDS);
    assertThat(states.base[s]).isEqualTo(3);
    assertThat(states.offsetAt(s, 150)).as("older than every record kept: the base").isEqualTo(3);
    assertThat(states.offsetAt(s, 450)).isEqualTo(1);
    assertThat(states.offsetAt(s, 600)).isEqualTo(11);
    assertThat(states.originalAck(s, 611)).isEqualTo(600);
  }

  @Test
  void sequenceNumbersCompareAcrossTheWrap() {
    int e = states.take(1, 1, 0);
    int s = ControlStates.stream(e, 0);
    int start = 0xffff_fff0;
    states.record(s, start, start + 0x20, +2, null, 0, 0); // ends after the wrap
    assertThat(states.offsetAt(s, 0x10)).isEqualTo(2);
    assertThat(states.offsetAt(s, 0xffff_ff00)).isZero();
    assertThat(ControlStates.serialAtLeast(5, 0xffff_fffb)).isTrue();
    assertThat(ControlStates.serialAtLeast(0xffff_fffb, 5)).isFalse();
  }

  @Test
  void aLongReplacementIsNotKept() {
    int e = states.take(1, 1, 0);
    int s = ControlStates.stream(e, 0);
    states.record(s, 0, 10, +200, new byte[210], 0, 210);
    assertThat(states.replacementLength[s * ControlStates.RECORDS]).isEqualTo((short) -1);
    states.record(s, 20, 30, +1, "abcdefghijk".getBytes(), 0, 11);
    assertThat(states.replacementLength[s * ControlStates.RECORDS + 1]).isEqualTo((short) 11);
  }
}
