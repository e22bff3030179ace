package org.flowgate.dataplane.nat;

import org.flowgate.dataplane.net.IpPrefix;

/**
 * Static NAT address arithmetic: an address of one prefix maps to the address of another prefix of
 * the same length with the same host bits ({@code 203.0.113.7} of {@code 203.0.113.0/24} is {@code
 * 10.1.1.7} of {@code 10.1.1.0/24}). Addresses are in the data plane's 128-bit form.
 */
public final class NatAddresses {
  private NatAddresses() {}

  public static long mapHi(IpPrefix from, IpPrefix to, long hi) {
    if (to.isIpv4()) {
      return 0;
    }
    long mask = hiMask(to.length());
    return (to.address().hi() & mask) | (hi & ~mask);
  }

  public static long mapLo(IpPrefix from, IpPrefix to, long lo) {
    if (to.isIpv4()) {
      int mask = to.length() == 0 ? 0 : -1 << (32 - to.length());
      int mapped = (to.address().ipv4() & mask) | ((int) lo & ~mask);
      return org.flowgate.dataplane.net.IpAddress.mappedIpv4(mapped);
    }
    long mask = loMask(to.length());
    return (to.address().lo() & mask) | (lo & ~mask);
  }

  private static long hiMask(int length) {
    return length >= 64 ? -1L : (length == 0 ? 0 : -1L << (64 - length));
  }

  private static long loMask(int length) {
    return length <= 64 ? 0 : (length == 128 ? -1L : -1L << (128 - length));
  }
}
