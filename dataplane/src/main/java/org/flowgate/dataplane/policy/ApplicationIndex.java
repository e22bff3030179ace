package org.flowgate.dataplane.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.flowgate.dataplane.application.ApplicationTerm;
import org.flowgate.dataplane.net.IpProtocol;

/**
 * Which applications a first packet may be, by IP protocol and one more field: the destination port
 * for TCP, UDP and SCTP, the ICMP type for ICMP and ICMPv6, nothing for other protocols. Source
 * ports and ICMP codes are left to the exact match.
 *
 * <p>Per protocol, the terms' ranges (port ranges, one ICMP type, or everything) cut the field into
 * elementary intervals, each carrying the applications whose ranges cover it. Ranges may overlap
 * arbitrarily (unlike prefixes), so an interval lists every covering application, not a chain:
 *
 * <pre>
 *   tcp terms:  junos-http 80    web 80-90    junos-tcp-any 1-65535
 *
 *   port:      MIN   1     80       81      91     65536
 *   interval:  | -   | any | any,   | any,  | any  | -
 *                            http,    web
 *                            web
 * </pre>
 *
 * <p>Keys are the list's own application numbers ({@link PolicyListIndex} maps them to rules). If
 * one protocol's ranges would be listed in more than {@link #MAX_LISTED} interval entries, that
 * protocol falls back to one interval listing all its applications (still a superset, so still
 * correct; only slower).
 *
 * <p>Thread: immutable once built.
 */
final class ApplicationIndex {
  /** Largest number of (interval, application) entries one protocol may take. */
  static final int MAX_LISTED = 1 << 20;

  private static final int[] NONE = new int[0];

  private final int[][] starts;
  private final int[][][] keys;

  private ApplicationIndex(int[][] starts, int[][][] keys) {
    this.starts = starts;
    this.keys = keys;
  }

  /** The field a packet of this protocol is indexed by. */
  static int selector(int protocol, int destinationPort, int icmpType) {
    if (protocol == IpProtocol.ICMP || protocol == IpProtocol.ICMPV6) {
      return icmpType;
    }
    if (protocol == IpProtocol.TCP || protocol == IpProtocol.UDP || protocol == IpProtocol.SCTP) {
      return destinationPort;
    }
    return 0;
  }

  /** The keys of the applications the packet may match (a superset); shared, do not modify. */
  int[] keys(int protocol, int destinationPort, int icmpType) {
    if (protocol < 0 || protocol > 255 || starts[protocol] == null) {
      return NONE;
    }
    int interval =
        PrefixIndex.lastAtOrBelow(starts[protocol], selector(protocol, destinationPort, icmpType));
    return keys[protocol][interval];
  }

  /** Approximate heap bytes of the arrays. */
  long sizeBytes() {
    long bytes = 64 + 2 * 16 * 256;
    for (int protocol = 0; protocol < 256; protocol++) {
      if (starts[protocol] != null) {
        bytes += 4L * starts[protocol].length;
        for (int[] list : keys[protocol]) {
          bytes += 16 + 4L * list.length;
        }
      }
    }
    return bytes;
  }

  /** Interval count over all protocols (for sizing reports). */
  int intervalCount() {
    int total = 0;
    for (int[] bounds : starts) {
      total += bounds == null ? 0 : bounds.length;
    }
    return total;
  }

  private record Range(int low, int high, int key) {}

  static final class Builder {
    @SuppressWarnings("unchecked")
    private final List<Range>[] ranges = new List[256];

    /**
     * Adds one term of the application {@code key}. Returns false when the index cannot hold it (no
     * protocol, or one outside 0-255): the caller must treat the application as matching every
     * packet.
     */
    boolean addTerm(int key, ApplicationTerm term) {
      int protocol = term.protocol();
      if (protocol < 0 || protocol > 255) {
        return false;
      }
      int low = Integer.MIN_VALUE;
      int high = Integer.MAX_VALUE;
      if (protocol == IpProtocol.ICMP || protocol == IpProtocol.ICMPV6) {
        if (term.icmpType() >= 0) {
          low = high = term.icmpType();
        }
      } else if (protocol == IpProtocol.TCP
          || protocol == IpProtocol.UDP
          || protocol == IpProtocol.SCTP) {
        low = term.destinationPortLow();
        high = term.destinationPortHigh();
        if (low > high) {
          return true; // an empty range: the term matches no packet of its protocol
        }
      }
      if (ranges[protocol] == null) {
        ranges[protocol] = new ArrayList<>();
      }
      ranges[protocol].add(new Range(low, high, key));
      return true;
    }

    ApplicationIndex build() {
      int[][] starts = new int[256][];
      int[][][] keys = new int[256][][];
      for (int protocol = 0; protocol < 256; protocol++) {
        List<Range> list = ranges[protocol];
        if (list == null) {
          continue;
        }
        list.sort(Comparator.comparingInt(Range::key));
        int[] points = new int[1 + list.size() * 2];
        int count = 0;
        points[count++] = Integer.MIN_VALUE;
        for (Range range : list) {
          points[count++] = range.low;
          if (range.high != Integer.MAX_VALUE) {
            points[count++] = range.high + 1;
          }
        }
        int[] bounds = Arrays.stream(points, 0, count).sorted().distinct().toArray();
        long listed = 0;
        for (Range range : list) {
          listed += last(bounds, range) - interval(bounds, range.low) + 1;
        }
        if (listed > MAX_LISTED) {
          starts[protocol] = new int[] {Integer.MIN_VALUE};
          keys[protocol] = new int[][] {list.stream().mapToInt(Range::key).distinct().toArray()};
          continue;
        }
        int[][] lists = new int[bounds.length][];
        int[] sizes = new int[bounds.length];
        for (Range range : list) {
          for (int i = interval(bounds, range.low), end = last(bounds, range); i <= end; i++) {
            int[] entries = lists[i];
            if (entries == null) {
              entries = lists[i] = new int[2];
            } else if (sizes[i] == entries.length) {
              entries = lists[i] = Arrays.copyOf(entries, entries.length * 2);
            }
            if (sizes[i] == 0 || entries[sizes[i] - 1] != range.key) { // ranges are sorted by key
              entries[sizes[i]++] = range.key;
            }
          }
        }
        for (int i = 0; i < bounds.length; i++) {
          lists[i] = lists[i] == null ? NONE : Arrays.copyOf(lists[i], sizes[i]);
        }
        starts[protocol] = bounds;
        keys[protocol] = lists;
      }
      return new ApplicationIndex(starts, keys);
    }

    /** The interval that starts at {@code value} (it is one of the bounds). */
    private static int interval(int[] bounds, int value) {
      return Arrays.binarySearch(bounds, value);
    }

    /** The last interval inside the range. */
    private static int last(int[] bounds, Range range) {
      return range.high == Integer.MAX_VALUE
          ? bounds.length - 1
          : interval(bounds, range.high + 1) - 1;
    }
  }
}
