package org.flowgate.dataplane.net;

/**
 * An IPv4 or IPv6 address as the data plane keeps it: 128 bits, IPv4 mapped into {@code
 * ::ffff:0:0/96}. Formats the way Junos prints addresses: dotted quad, or RFC 5952 compressed IPv6.
 */
public record IpAddress(long hi, long lo) implements Comparable<IpAddress> {
  private static final long V4_MAPPED_PREFIX = 0x0000_ffff_0000_0000L;

  public static IpAddress ofIpv4(int address) {
    return new IpAddress(0, V4_MAPPED_PREFIX | (address & 0xffff_ffffL));
  }

  public static boolean isIpv4(long hi, long lo) {
    return hi == 0 && (lo & 0xffff_ffff_0000_0000L) == V4_MAPPED_PREFIX;
  }

  /** The IPv4-mapped form of {@code address} in the low word. */
  public static long mappedIpv4(int address) {
    return V4_MAPPED_PREFIX | (address & 0xffff_ffffL);
  }

  public boolean isIpv4() {
    return isIpv4(hi, lo);
  }

  public int ipv4() {
    return (int) lo;
  }

  /** Parses dotted-quad IPv4 or any RFC 4291 text form of IPv6; throws IllegalArgumentException. */
  public static IpAddress parse(String text) {
    if (text.indexOf(':') < 0) {
      return ofIpv4(parseIpv4(text));
    }
    return parseIpv6(text);
  }

  private static int parseIpv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("not an IPv4 address: " + text);
    }
    int value = 0;
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException("not an IPv4 address: " + text);
      }
      int octet = Integer.parseInt(part);
      if (octet > 255) {
        throw new IllegalArgumentException("not an IPv4 address: " + text);
      }
      value = (value << 8) | octet;
    }
    return value;
  }

  private static IpAddress parseIpv6(String text) {
    int[] groups = new int[8];
    String head = text;
    String tail = "";
    int gap = text.indexOf("::");
    if (gap >= 0) {
      head = text.substring(0, gap);
      tail = text.substring(gap + 2);
      if (tail.contains("::")) {
        throw new IllegalArgumentException("not an IPv6 address: " + text);
      }
    }
    int[] headGroups = groups(head, text);
    int[] tailGroups = groups(tail, text);
    int total = headGroups.length + tailGroups.length;
    if (gap < 0 ? total != 8 : total > 7) {
      throw new IllegalArgumentException("not an IPv6 address: " + text);
    }
    System.arraycopy(headGroups, 0, groups, 0, headGroups.length);
    System.arraycopy(tailGroups, 0, groups, 8 - tailGroups.length, tailGroups.length);
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 4; i++) {
      hi = (hi << 16) | groups[i];
      lo = (lo << 16) | groups[i + 4];
    }
    return new IpAddress(hi, lo);
  }

  private static int[] groups(String part, String whole) {
    if (part.isEmpty()) {
      return new int[0];
    }
    String[] texts = part.split(":", -1);
    int embeddedV4 = texts[texts.length - 1].contains(".") ? 1 : 0;
    int[] out = new int[texts.length + embeddedV4];
    for (int i = 0; i < texts.length - embeddedV4; i++) {
      String t = texts[i];
      if (t.isEmpty() || t.length() > 4) {
        throw new IllegalArgumentException("not an IPv6 address: " + whole);
      }
      try {
        out[i] = Integer.parseInt(t, 16);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not an IPv6 address: " + whole, e);
      }
    }
    if (embeddedV4 == 1) {
      int v4 = parseIpv4(texts[texts.length - 1]);
      out[out.length - 2] = v4 >>> 16;
      out[out.length - 1] = v4 & 0xffff;
    }
    return out;
  }

  @Override
  public String toString() {
    return format(hi, lo);
  }

  /** Junos text form of the address held in {@code hi}/{@code lo}. */
  public static String format(long hi, long lo) {
    StringBuilder out = new StringBuilder(39);
    appendTo(out, hi, lo);
    return out.toString();
  }

  /** Appends the Junos text form: dotted quad for IPv4-mapped, RFC 5952 otherwise. */
  public static void appendTo(StringBuilder out, long hi, long lo) {
    if (isIpv4(hi, lo)) {
      int v4 = (int) lo;
      out.append((v4 >>> 24) & 0xff)
          .append('.')
          .append((v4 >>> 16) & 0xff)
          .append('.')
          .append((v4 >>> 8) & 0xff)
          .append('.')
          .append(v4 & 0xff);
      return;
    }
    int[] groups = new int[8];
    for (int i = 0; i < 4; i++) {
      groups[i] = (int) ((hi >>> (48 - 16 * i)) & 0xffff);
      groups[i + 4] = (int) ((lo >>> (48 - 16 * i)) & 0xffff);
    }
    // RFC 5952 §4.2: compress the longest run (of two or more) of zero groups, the first on ties.
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (i > 0 && i != bestStart + bestLength) {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
  }

  @Override
  public int compareTo(IpAddress other) {
    int c = Long.compareUnsigned(hi, other.hi);
    return c != 0 ? c : Long.compareUnsigned(lo, other.lo);
  }

  /** True for an IPv4 multicast (224.0.0.0/4) or IPv6 multicast (ff00::/8) address. */
  public static boolean isMulticast(long hi, long lo) {
    return isIpv4(hi, lo) ? (lo & 0xf000_0000L) == 0xe000_0000L : (hi >>> 56) == 0xff;
  }

  /**
   * True for an address that never leaves its link: IPv4 local network control (224.0.0.0/24, RFC
   * 5771) and the limited broadcast 255.255.255.255; IPv6 multicast of interface-local or
   * link-local scope (ffx1::/16, ffx2::/16, RFC 4291 §2.7).
   */
  public static boolean isLinkScopeMulticast(long hi, long lo) {
    if (isIpv4(hi, lo)) {
      long v4 = lo & 0xffff_ffffL;
      return (v4 & 0xffff_ff00L) == 0xe000_0000L || v4 == 0xffff_ffffL;
    }
    int scope = (int) (hi >>> 48) & 0xf;
    return (hi >>> 56) == 0xff && (scope == 1 || scope == 2);
  }
}
