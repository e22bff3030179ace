package org.flowgate.dataplane.appid;

import org.flowgate.dataplane.net.IpAddress;

/**
 * An address prefix of a custom application's {@code address-mapping}, over the data plane's
 * 128-bit addresses (IPv4 mapped into {@code ::ffff:0:0/96}, see {@link IpAddress}).
 *
 * @param hi high 64 bits of the prefix address
 * @param lo low 64 bits
 * @param lengthBits prefix length over the 128-bit form (an IPv4 /24 is 120 here)
 */
public record AddressPrefix(long hi, long lo, int lengthBits) {
  public AddressPrefix {
    if (lengthBits < 0 || lengthBits > 128) {
      throw new IllegalArgumentException("prefix length " + lengthBits + " out of 0..128");
    }
  }

  /** Parses {@code a.b.c.d/n}, {@code x::y/n} or a bare address; IPv4 lengths count IPv4 bits. */
  public static AddressPrefix parse(String text) {
    int slash = text.indexOf('/');
    IpAddress address = IpAddress.parse(slash < 0 ? text : text.substring(0, slash));
    int family = address.isIpv4() ? 32 : 128;
    int length = slash < 0 ? family : Integer.parseInt(text.substring(slash + 1));
    if (length < 0 || length > family) {
      throw new IllegalArgumentException("prefix length out of range in " + text);
    }
    return new AddressPrefix(address.hi(), address.lo(), length + (128 - family));
  }

  /** True when {@code hi}/{@code lo} lies inside this prefix. */
  public boolean contains(long addressHi, long addressLo) {
    long hiMask = lengthBits >= 64 ? -1L : (lengthBits == 0 ? 0 : -1L << (64 - lengthBits));
    long loMask = lengthBits <= 64 ? 0 : (lengthBits == 128 ? -1L : -1L << (128 - lengthBits));
    return ((addressHi ^ hi) & hiMask) == 0 && ((addressLo ^ lo) & loMask) == 0;
  }
}
