package org.flowgate.dataplane.nat;

/** An inclusive range of ports, {@code low == high} for one port. */
public record PortRange(int low, int high) {
  public PortRange {
    if (low < 0 || high > 65535 || low > high) {
      throw new IllegalArgumentException(
          "port range " + low + " to " + high + " is not within 0 .. 65535");
    }
  }

  public static PortRange of(int port) {
    return new PortRange(port, port);
  }

  public boolean contains(int port) {
    return port >= low && port <= high;
  }

  public int size() {
    return high - low + 1;
  }

  static boolean anyContains(java.util.List<PortRange> ranges, int port) {
    if (ranges.isEmpty()) {
      return true;
    }
    for (PortRange range : ranges) {
      if (range.contains(port)) {
        return true;
      }
    }
    return false;
  }
}
