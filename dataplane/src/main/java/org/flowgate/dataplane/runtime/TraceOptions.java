package org.flowgate.dataplane.runtime;

import java.util.List;
import java.util.Set;
import org.flowgate.dataplane.net.IpPrefix;

/**
 * {@code security flow traceoptions}: which packets the SPUs trace and where the trace goes.
 *
 * <pre>
 * traceoptions {
 *     file NAME size S files N;        the file under the log directory, rotated at S bytes into
 *                                      NAME.0 .. NAME.(N-2) (Junos: 128 KB, 10 files)
 *     flag basic-datapath | all ...;   nothing is traced without a flag
 *     packet-filter F {                up to 64 filters; a packet is traced when any one matches
 *         source-prefix P; destination-prefix P; protocol X; source-port N;
 *         destination-port N; interface IF;      every condition given must hold
 *     }
 * }
 * </pre>
 *
 * Packets are matched as they arrive (before NAT), on the interface they came in on; without a
 * packet filter every packet is traced, as Junos does (docs/adr/0025-nat-and-operator-views.md).
 *
 * @param file the trace file's name, null without one (then nothing is written)
 * @param flags the flags set ({@code basic-datapath}, {@code all} ...)
 */
public record TraceOptions(
    String file, long sizeBytes, int files, Set<String> flags, List<PacketFilter> filters) {

  /** Junos's default trace file size: 128 KB. */
  public static final long DEFAULT_SIZE_BYTES = 128 * 1024;

  /** Junos's default number of trace files. */
  public static final int DEFAULT_FILES = 10;

  /** Junos accepts at most 64 packet filters. */
  public static final int MAXIMUM_FILTERS = 64;

  public static final TraceOptions NONE =
      new TraceOptions(null, DEFAULT_SIZE_BYTES, DEFAULT_FILES, Set.of(), List.of());

  public TraceOptions {
    flags = Set.copyOf(flags);
    filters = List.copyOf(filters);
  }

  /** True when packets are traced: a file and a flag are configured. */
  public boolean active() {
    return file != null && !flags.isEmpty();
  }

  /**
   * A packet filter; a condition not given matches anything.
   *
   * @param protocol IP protocol number, -1 for any
   * @param sourcePort -1 for any
   * @param destinationPort -1 for any
   * @param interfaceIndex the interface's index in the generation, -1 for any
   */
  public record PacketFilter(
      String name,
      IpPrefix source,
      IpPrefix destination,
      int protocol,
      int sourcePort,
      int destinationPort,
      int interfaceIndex) {

    boolean matches(
        long srcHi,
        long srcLo,
        long dstHi,
        long dstLo,
        int srcPort,
        int dstPort,
        int proto,
        int ingress) {
      return (source == null || source.contains(srcHi, srcLo))
          && (destination == null || destination.contains(dstHi, dstLo))
          && (protocol < 0 || protocol == proto)
          && (sourcePort < 0 || sourcePort == srcPort)
          && (destinationPort < 0 || destinationPort == dstPort)
          && (interfaceIndex < 0 || interfaceIndex == ingress);
    }
  }

  /**
   * The index of the first filter a packet (as it arrived, on {@code ingress}) matches; 0 when
   * there are no filters (every packet is traced); -1 when none matches. Allocates nothing.
   */
  public int match(
      long srcHi,
      long srcLo,
      long dstHi,
      long dstLo,
      int srcPort,
      int dstPort,
      int protocol,
      int ingress) {
    if (filters.isEmpty()) {
      return 0;
    }
    for (int i = 0; i < filters.size(); i++) {
      if (filters.get(i).matches(srcHi, srcLo, dstHi, dstLo, srcPort, dstPort, protocol, ingress)) {
        return i;
      }
    }
    return -1;
  }
}
