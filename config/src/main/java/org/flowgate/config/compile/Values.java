package org.flowgate.config.compile;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.dataplane.net.IpPrefix;

/**
 * The value syntaxes of the statements Flowgate reads: prefixes, addresses, ports and port names,
 * protocols, address ranges. Each parser returns null (or throws nothing) on bad input so that the
 * caller reports it at the statement's location.
 */
final class Values {
  private Values() {}

  /**
   * Port names Junos accepts for {@code destination-port} and {@code source-port} (IANA numbers).
   */
  static final Map<String, Integer> PORT_NAMES =
      Map.ofEntries(
          Map.entry("afs", 1483),
          Map.entry("bgp", 179),
          Map.entry("biff", 512),
          Map.entry("bootpc", 68),
          Map.entry("bootps", 67),
          Map.entry("cmd", 514),
          Map.entry("cvspserver", 2401),
          Map.entry("dhcp", 67),
          Map.entry("domain", 53),
          Map.entry("eklogin", 2105),
          Map.entry("ekshell", 2106),
          Map.entry("exec", 512),
          Map.entry("finger", 79),
          Map.entry("ftp", 21),
          Map.entry("ftp-data", 20),
          Map.entry("http", 80),
          Map.entry("https", 443),
          Map.entry("ident", 113),
          Map.entry("imap", 143),
          Map.entry("kerberos-sec", 88),
          Map.entry("klogin", 543),
          Map.entry("kpasswd", 761),
          Map.entry("krb-prop", 754),
          Map.entry("krbupdate", 760),
          Map.entry("kshell", 544),
          Map.entry("ldap", 389),
          Map.entry("ldp", 646),
          Map.entry("login", 513),
          Map.entry("mobileip-agent", 434),
          Map.entry("mobilip-mn", 435),
          Map.entry("msdp", 639),
          Map.entry("netbios-dgm", 138),
          Map.entry("netbios-ns", 137),
          Map.entry("netbios-ssn", 139),
          Map.entry("nfsd", 2049),
          Map.entry("nntp", 119),
          Map.entry("ntalk", 518),
          Map.entry("ntp", 123),
          Map.entry("pop3", 110),
          Map.entry("pptp", 1723),
          Map.entry("printer", 515),
          Map.entry("radacct", 1813),
          Map.entry("radius", 1812),
          Map.entry("rip", 520),
          Map.entry("rkinit", 2108),
          Map.entry("smtp", 25),
          Map.entry("snmp", 161),
          Map.entry("snmptrap", 162),
          Map.entry("snpp", 444),
          Map.entry("socks", 1080),
          Map.entry("ssh", 22),
          Map.entry("sunrpc", 111),
          Map.entry("syslog", 514),
          Map.entry("tacacs", 49),
          Map.entry("tacacs-ds", 65),
          Map.entry("talk", 517),
          Map.entry("telnet", 23),
          Map.entry("tftp", 69),
          Map.entry("timed", 525),
          Map.entry("who", 513),
          Map.entry("xdmcp", 177),
          Map.entry("zephyr-clt", 2103),
          Map.entry("zephyr-hm", 2104),
          Map.entry("zephyr-srv", 2102));

  /** Protocol names of {@code applications application N protocol}. */
  static final Map<String, Integer> PROTOCOL_NAMES =
      Map.ofEntries(
          Map.entry("icmp", 1),
          Map.entry("igmp", 2),
          Map.entry("ipip", 4),
          Map.entry("tcp", 6),
          Map.entry("egp", 8),
          Map.entry("udp", 17),
          Map.entry("rsvp", 46),
          Map.entry("gre", 47),
          Map.entry("esp", 50),
          Map.entry("ah", 51),
          Map.entry("icmp6", 58),
          Map.entry("ipv6-icmp", 58),
          Map.entry("ospf", 89),
          Map.entry("pim", 103),
          Map.entry("vrrp", 112),
          Map.entry("sctp", 132));

  /** {@code a.b.c.d/n}, {@code x::y/n} or a bare address (a host prefix); null when malformed. */
  static IpPrefix prefix(String text) {
    try {
      int slash = text.indexOf('/');
      if (slash >= 0 && !text.substring(slash + 1).matches("[0-9]{1,3}")) {
        return null;
      }
      return IpPrefix.parse(text);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** A bare address; null when malformed. */
  static IpAddress address(String text) {
    if (text.indexOf('/') >= 0) {
      return null;
    }
    try {
      return IpAddress.parse(text);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * The prefix with the bits beyond its length cleared ({@code 1.2.3.1/30} gives {@code
   * 1.2.3.0/30}).
   */
  static IpPrefix network(IpPrefix prefix) {
    BigInteger value = value(prefix.address());
    int bits = prefix.isIpv4() ? 32 : 128;
    BigInteger mask =
        BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(prefix.length()).not();
    return new IpPrefix(address(value.and(mask), prefix.isIpv4()), prefix.length());
  }

  /**
   * A port number or port name as {@code [low, high]} for {@code P}, {@code P-Q} or a name; null
   * when bad.
   */
  static int[] portRange(String text) {
    int dash = text.indexOf('-', 1);
    if (dash > 0 && Character.isDigit(text.charAt(0))) {
      Integer low = port(text.substring(0, dash));
      Integer high = port(text.substring(dash + 1));
      if (low == null || high == null || low > high) {
        return null;
      }
      return new int[] {low, high};
    }
    Integer single = port(text);
    return single == null ? null : new int[] {single, single};
  }

  private static Integer port(String text) {
    Integer named = PORT_NAMES.get(text);
    if (named != null) {
      return named;
    }
    Integer number = number(text);
    return number != null && number <= 65535 ? number : null;
  }

  /** A protocol name or number 0 to 255; null when bad. */
  static Integer protocol(String text) {
    Integer named = PROTOCOL_NAMES.get(text);
    if (named != null) {
      return named;
    }
    Integer number = number(text);
    return number != null && number <= 255 ? number : null;
  }

  /** A non-negative decimal number of at most ten digits; null when not one. */
  static Long longNumber(String text) {
    return text.matches("[0-9]{1,10}") ? Long.parseLong(text) : null;
  }

  /** A non-negative decimal number below 2^31; null when not one. */
  static Integer number(String text) {
    if (!text.matches("[0-9]{1,10}")) {
      return null;
    }
    long value = Long.parseLong(text);
    return value > Integer.MAX_VALUE ? null : (int) value;
  }

  /**
   * The smallest list of prefixes that together hold exactly the addresses {@code low} to {@code
   * high}; empty when the range is upside down or mixes families.
   */
  static List<IpPrefix> rangeToPrefixes(IpAddress low, IpAddress high) {
    List<IpPrefix> out = new ArrayList<>();
    if (low.isIpv4() != high.isIpv4()) {
      return out;
    }
    boolean ipv4 = low.isIpv4();
    int bits = ipv4 ? 32 : 128;
    BigInteger start = value(low);
    BigInteger end = value(high);
    while (start.compareTo(end) <= 0) {
      int size = start.signum() == 0 ? bits : Math.min(bits, start.getLowestSetBit());
      while (size > 0
          && start.add(BigInteger.ONE.shiftLeft(size)).subtract(BigInteger.ONE).compareTo(end)
              > 0) {
        size--;
      }
      out.add(new IpPrefix(address(start, ipv4), bits - size));
      start = start.add(BigInteger.ONE.shiftLeft(size));
    }
    return out;
  }

  private static BigInteger value(IpAddress address) {
    if (address.isIpv4()) {
      return BigInteger.valueOf(address.ipv4() & 0xffff_ffffL);
    }
    return new BigInteger(1, toBytes(address.hi(), address.lo()));
  }

  private static IpAddress address(BigInteger value, boolean ipv4) {
    if (ipv4) {
      return IpAddress.ofIpv4(value.intValue());
    }
    return new IpAddress(value.shiftRight(64).longValue(), value.longValue());
  }

  private static byte[] toBytes(long hi, long lo) {
    byte[] bytes = new byte[16];
    for (int i = 0; i < 8; i++) {
      bytes[i] = (byte) (hi >>> (56 - 8 * i));
      bytes[8 + i] = (byte) (lo >>> (56 - 8 * i));
    }
    return bytes;
  }

  /**
   * A wildcard address {@code A/MASK} ({@code 1.3.3.4/255.254.255.255}) as the smallest prefix that
   * covers it: the mask's leading run of ones. Returns {@code [prefix, exact]} where {@code exact}
   * tells whether the mask was contiguous; null when malformed.
   */
  static Object[] wildcard(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      return null;
    }
    IpAddress address = address(text.substring(0, slash));
    IpAddress mask = address(text.substring(slash + 1));
    if (address == null || mask == null || !address.isIpv4() || !mask.isIpv4()) {
      return null;
    }
    int m = mask.ipv4();
    int length = Integer.numberOfLeadingZeros(~m);
    boolean exact = length == 32 || (m << length) == 0;
    return new Object[] {network(new IpPrefix(address, length)), exact};
  }
}
