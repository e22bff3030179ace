package org.flowgate.dataplane.net;

/** An address prefix; IPv4 prefixes are kept as written ({@code 10.0.0.0/8}), not mapped. */
public record IpPrefix(IpAddress address, int length) {
  public IpPrefix {
    int maximum = address.isIpv4() ? 32 : 128;
    if (length < 0 || length > maximum) {
      throw new IllegalArgumentException(
          "prefix length " + length + " out of range for " + address);
    }
  }

  /** Parses {@code a.b.c.d/n}, {@code x::y/n}, or a bare address (a host prefix). */
  public static IpPrefix parse(String text) {
    int slash = text.indexOf('/');
    IpAddress address = IpAddress.parse(slash < 0 ? text : text.substring(0, slash));
    int length =
        slash < 0 ? (address.isIpv4() ? 32 : 128) : Integer.parseInt(text.substring(slash + 1));
    return new IpPrefix(address, length);
  }

  public boolean isIpv4() {
    return address.isIpv4();
  }

  /** True when the address held in {@code hi}/{@code lo} lies inside this prefix. */
  public boolean contains(long hi, long lo) {
    if (address.isIpv4()) {
      if (!IpAddress.isIpv4(hi, lo)) {
        return false;
      }
      if (length == 0) {
        return true;
      }
      int mask = -1 << (32 - length);
      return (((int) lo) & mask) == (address.ipv4() & mask);
    }
    if (IpAddress.isIpv4(hi, lo)) {
      return false; // an IPv6 prefix, even ::/0 (any-ipv6), holds no IPv4 address
    }
    long hiMask = length >= 64 ? -1L : (length == 0 ? 0 : -1L << (64 - length));
    long loMask = length <= 64 ? 0 : (length == 128 ? -1L : -1L << (128 - length));
    return (hi & hiMask) == (address.hi() & hiMask) && (lo & loMask) == (address.lo() & loMask);
  }

  @Override
  public String toString() {
    return address + "/" + length;
  }
}
