package org.flowgate.dataplane.flow;

import java.util.List;
import org.flowgate.dataplane.net.IpProtocol;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.zone.FirewallInterface;

/**
 * What one SPU counted per logical interface, for {@code show interfaces NAME extensive}: traffic
 * in and out, the flow's input and output statistics, and the drops by reason on the interface a
 * packet came in on.
 *
 * <pre>
 * per interface i (arrays indexed by i; drops by i * REASONS + reason):
 *   received on i       input packets, input bytes (IP bytes, as every Flowgate counter)
 *                       ICMP packets, multicast packets, self packets (to the device itself)
 *   forwarded from i    bytes permitted by policy (input); connections established (a first
 *                       packet that installed a session)
 *   forwarded out of i  output packets, output bytes, bytes permitted by policy (output),
 *                       multicast packets (output)
 *   dropped, came in i  drops[reason]
 *
 * ingress: the first path's ingress interface; on the fast path the interface of the wing the
 *          packet arrived on. egress: the route's interface; on the fast path the other wing's.
 * </pre>
 *
 * A packet whose ingress interface cannot be told (one the decoder refused, one with no route back
 * to its source) is counted only in the SPU's {@link FlowCounters}. Interfaces keep their counters
 * by name across configuration generations.
 *
 * <p>Thread: owned by its SPU's thread; management reads a copy. Allocates nothing per packet.
 */
public final class InterfaceCounters {
  /** Drop reasons per interface. */
  public static final int REASONS = DropReason.values().length;

  /** Counters per interface before its drops, in the order of {@link #row}. */
  public static final int COUNTERS = 11;

  private List<String> names = List.of();
  private long[] inputPackets = new long[0];
  private long[] inputBytes = new long[0];
  private long[] outputPackets = new long[0];
  private long[] outputBytes = new long[0];
  private long[] selfPackets = new long[0];
  private long[] icmpPackets = new long[0];
  private long[] multicastInput = new long[0];
  private long[] multicastOutput = new long[0];
  private long[] permittedInputBytes = new long[0];
  private long[] permittedOutputBytes = new long[0];
  private long[] connections = new long[0];
  private long[] drops = new long[0];

  /** The interfaces of a new generation: counters follow their interface by name. */
  public void install(List<FirewallInterface> interfaces) {
    List<String> next = new java.util.ArrayList<>(interfaces.size());
    for (FirewallInterface each : interfaces) {
      next.add(each.name());
    }
    next = List.copyOf(next);
    if (next.equals(names)) {
      return;
    }
    int n = next.size();
    long[][] fresh = new long[COUNTERS][n];
    long[] freshDrops = new long[n * REASONS];
    for (int i = 0; i < n; i++) {
      int was = names.indexOf(next.get(i));
      if (was < 0) {
        continue;
      }
      long[][] old = arrays();
      for (int a = 0; a < old.length; a++) {
        fresh[a][i] = old[a][was];
      }
      System.arraycopy(drops, was * REASONS, freshDrops, i * REASONS, REASONS);
    }
    inputPackets = fresh[0];
    inputBytes = fresh[1];
    outputPackets = fresh[2];
    outputBytes = fresh[3];
    selfPackets = fresh[4];
    icmpPackets = fresh[5];
    multicastInput = fresh[6];
    multicastOutput = fresh[7];
    permittedInputBytes = fresh[8];
    permittedOutputBytes = fresh[9];
    connections = fresh[10];
    drops = freshDrops;
    names = next;
  }

  private long[][] arrays() {
    return new long[][] {
      inputPackets,
      inputBytes,
      outputPackets,
      outputBytes,
      selfPackets,
      icmpPackets,
      multicastInput,
      multicastOutput,
      permittedInputBytes,
      permittedOutputBytes,
      connections
    };
  }

  /**
   * Counts one packet the SPU took through the flow.
   *
   * @param ingress the interface it came in on, or a value that is none (negative, or {@code
   *     SessionView.LOCAL_INTERFACE} for the device itself)
   * @param egress the interface it leaves by, likewise; the device itself makes it a self packet
   * @param established true when it was a first packet that installed a session
   * @param verdict null when forwarded, else why it was dropped
   */
  public void count(
      int ingress, int egress, boolean established, PacketDescriptor packet, DropReason verdict) {
    int bytes = packet.ipLengthBytes;
    boolean multicast = multicast(packet);
    if (ingress >= 0 && ingress < names.size()) {
      inputPackets[ingress]++;
      inputBytes[ingress] += bytes;
      if (packet.protocol == IpProtocol.ICMP || packet.protocol == IpProtocol.ICMPV6) {
        icmpPackets[ingress]++;
      }
      if (multicast) {
        multicastInput[ingress]++;
      }
      if (egress == SessionView.LOCAL_INTERFACE) {
        selfPackets[ingress]++;
      }
      if (verdict == null) {
        permittedInputBytes[ingress] += bytes;
        if (established) {
          connections[ingress]++;
        }
      } else {
        drops[ingress * REASONS + verdict.ordinal()]++;
      }
    }
    if (verdict == null && egress >= 0 && egress < names.size()) {
      outputPackets[egress]++;
      outputBytes[egress] += bytes;
      permittedOutputBytes[egress] += bytes;
      if (multicast) {
        multicastOutput[egress]++;
      }
    }
  }

  private static boolean multicast(PacketDescriptor packet) {
    if (packet.ipVersion == 4) {
      return (packet.destinationLo & 0xf000_0000L) == 0xe000_0000L; // 224.0.0.0/4
    }
    return (packet.destinationHi >>> 56) == 0xff; // ff00::/8
  }

  /** The interfaces counted, in the generation's order. */
  public List<String> names() {
    return names;
  }

  /**
   * A copy of interface {@code i}'s counters: input packets, input bytes, output packets, output
   * bytes, self packets, ICMP packets, multicast in, multicast out, bytes permitted in, bytes
   * permitted out, connections established ({@link #COUNTERS} words), then the drops by reason
   * ({@link #REASONS} words, by {@code DropReason} ordinal).
   */
  public long[] row(int i) {
    long[] row = new long[COUNTERS + REASONS];
    long[][] a = arrays();
    for (int c = 0; c < COUNTERS; c++) {
      row[c] = a[c][i];
    }
    System.arraycopy(drops, i * REASONS, row, COUNTERS, REASONS);
    return row;
  }
}
