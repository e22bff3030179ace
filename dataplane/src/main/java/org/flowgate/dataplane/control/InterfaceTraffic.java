package org.flowgate.dataplane.control;

import org.flowgate.dataplane.packet.DropReason;

/**
 * One logical interface's counters on one SPU (or summed over the SPUs), for {@code show interfaces
 * NAME extensive}: traffic in and out and the flow's statistics and drops (flow's {@code
 * InterfaceCounters} says what each counts).
 *
 * @param drops by {@link DropReason} ordinal, on the interface the packet came in on
 */
public record InterfaceTraffic(
    String name,
    long inputPackets,
    long inputBytes,
    long outputPackets,
    long outputBytes,
    long selfPackets,
    long icmpPackets,
    long multicastInput,
    long multicastOutput,
    long permittedInputBytes,
    long permittedOutputBytes,
    long connections,
    long[] drops) {

  /** An interface nothing was counted on. */
  public static InterfaceTraffic none(String name) {
    return new InterfaceTraffic(
        name, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, new long[DropReason.values().length]);
  }

  /** From a row of the flow's counters ({@code InterfaceCounters.row}). */
  static InterfaceTraffic of(String name, long[] row, int counters) {
    return new InterfaceTraffic(
        name,
        row[0],
        row[1],
        row[2],
        row[3],
        row[4],
        row[5],
        row[6],
        row[7],
        row[8],
        row[9],
        row[10],
        java.util.Arrays.copyOfRange(row, counters, row.length));
  }

  /** Drops for one reason. */
  public long drops(DropReason reason) {
    return reason.ordinal() < drops.length ? drops[reason.ordinal()] : 0;
  }

  /** The element-wise sum with another SPU's counters of the same interface. */
  public InterfaceTraffic plus(InterfaceTraffic other) {
    long[] sum = drops.clone();
    for (int i = 0; i < Math.min(sum.length, other.drops.length); i++) {
      sum[i] += other.drops[i];
    }
    return new InterfaceTraffic(
        name,
        inputPackets + other.inputPackets,
        inputBytes + other.inputBytes,
        outputPackets + other.outputPackets,
        outputBytes + other.outputBytes,
        selfPackets + other.selfPackets,
        icmpPackets + other.icmpPackets,
        multicastInput + other.multicastInput,
        multicastOutput + other.multicastOutput,
        permittedInputBytes + other.permittedInputBytes,
        permittedOutputBytes + other.permittedOutputBytes,
        connections + other.connections,
        sum);
  }
}
