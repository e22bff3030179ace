package org.flowgate.dataplane.nat;

import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.dataplane.net.IpPrefix;

/**
 * A contiguous range of pool addresses of one family, from {@code low} to {@code high} inclusive:
 * {@code address 192.0.2.0/30}, {@code address 192.0.2.1 to 192.0.2.9}. A prefix keeps all its
 * addresses, network and broadcast included, as an SRX pool does.
 */
public record NatAddressRange(IpAddress low, IpAddress high) {
  public NatAddressRange {
    if (low.isIpv4() != high.isIpv4() || low.compareTo(high) > 0) {
      throw new IllegalArgumentException(
          "address range " + low + " to " + high + " is empty or mixes families");
    }
  }

  public static NatAddressRange of(IpPrefix prefix) {
    IpAddress address = prefix.address();
    if (address.isIpv4()) {
      int mask = prefix.length() == 0 ? 0 : -1 << (32 - prefix.length());
      int network = address.ipv4() & mask;
      return new NatAddressRange(IpAddress.ofIpv4(network), IpAddress.ofIpv4(network | ~mask));
    }
    int length = prefix.length();
    long hiMask = length >= 64 ? -1L : (length == 0 ? 0 : -1L << (64 - length));
    long loMask = length <= 64 ? 0 : (length == 128 ? -1L : -1L << (128 - length));
    return new NatAddressRange(
        new IpAddress(address.hi() & hiMask, address.lo() & loMask),
        new IpAddress(address.hi() | ~hiMask, address.lo() | ~loMask));
  }

  public boolean isIpv4() {
    return low.isIpv4();
  }

  /** Number of addresses, capped at 2^31 (an IPv6 pool is used from its start). */
  public long size() {
    if (low.hi() != high.hi()) {
      return 1L << 31;
    }
    long count = high.lo() - low.lo() + 1;
    return count <= 0 || count > (1L << 31) ? 1L << 31 : count;
  }

  /** The address {@code offset} places after {@code low}. */
  public IpAddress at(long offset) {
    long lo = low.lo() + offset;
    long hi = low.hi() + (Long.compareUnsigned(lo, low.lo()) < 0 ? 1 : 0);
    return new IpAddress(hi, lo);
  }

  public boolean contains(long hi, long lo) {
    if (IpAddress.isIpv4(hi, lo) != isIpv4()) {
      return false;
    }
    int lowCompare =
        hi != low.hi() ? Long.compareUnsigned(hi, low.hi()) : Long.compareUnsigned(lo, low.lo());
    int highCompare =
        hi != high.hi() ? Long.compareUnsigned(hi, high.hi()) : Long.compareUnsigned(lo, high.lo());
    return lowCompare >= 0 && highCompare <= 0;
  }

  /** The offset of a contained address from {@code low}. */
  public long offsetOf(long hi, long lo) {
    return lo - low.lo();
  }

  @Override
  public String toString() {
    return low.equals(high) ? low.toString() : low + " - " + high;
  }
}
