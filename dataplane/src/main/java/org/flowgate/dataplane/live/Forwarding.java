package org.flowgate.dataplane.live;

import java.util.ArrayList;
import java.util.List;
import org.flowgate.dataplane.nat.NatAddressRange;
import org.flowgate.dataplane.nat.NatConfig;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.dataplane.net.IpPrefix;
import org.flowgate.dataplane.route.Route;
import org.flowgate.dataplane.route.RoutingInstance;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.zone.FirewallInterface;

/**
 * What forwarding needs of one configuration generation and the attached devices, worked out once
 * per commit: for each port (an attached device, numbered as attached) its firewall interface,
 * Ethernet address, MTU and own addresses; which port each firewall interface leaves by; the master
 * routing instance. Immutable; SPUs and the host read the current one through a volatile reference
 * that a commit replaces.
 *
 * @param ports the attached devices, by port number (the capture interface id of their frames)
 * @param portOfInterface by firewall interface index: its port, or -1 when not attached
 */
record Forwarding(
    RuntimeConfig config, RoutingInstance master, Port[] ports, int[] portOfInterface) {

  /** No IPv6 address: both halves zero. */
  static final long NONE = 0;

  /**
   * One attached device as this generation sees it.
   *
   * @param interfaceIndex the firewall interface (unit 0) in the generation, or -1 when the
   *     configuration has no such interface
   * @param ipv4 the first IPv4 address of the interface (mapped form), or 0
   * @param ipv6Hi the first global IPv6 address, or 0/0
   * @param linkLocalHi the EUI-64 link-local address fe80::/64 made from the MAC
   * @param addresses every address of the interface with its subnet length
   * @param proxyArp {@code security nat proxy-arp} and {@code proxy-ndp} ranges on the interface
   */
  record Port(
      int number,
      String name,
      String interfaceName,
      NetDevice device,
      int interfaceIndex,
      long mac,
      int mtuBytes,
      long ipv4,
      long ipv6Hi,
      long ipv6Lo,
      long linkLocalHi,
      long linkLocalLo,
      List<IpPrefix> addresses,
      List<NatAddressRange> proxyArp) {

    /** True when the address is one of the interface's own (or one it answers for by proxy). */
    boolean owns(long hi, long lo) {
      if (hi == linkLocalHi && lo == linkLocalLo) {
        return true;
      }
      for (IpPrefix prefix : addresses) {
        if (prefix.address().hi() == hi && prefix.address().lo() == lo) {
          return true;
        }
      }
      IpAddress address = new IpAddress(hi, lo);
      for (NatAddressRange range : proxyArp) {
        if (range.low().isIpv4() == address.isIpv4()
            && range.low().compareTo(address) <= 0
            && address.compareTo(range.high()) <= 0) {
          return true;
        }
      }
      return false;
    }

    /** True when the address lies in one of the interface's subnets. */
    boolean onLink(long hi, long lo) {
      for (IpPrefix prefix : addresses) {
        if (prefix.contains(hi, lo)) {
          return true;
        }
      }
      return (hi >>> 54) == (0xfe80L >>> 6); // fe80::/10
    }
  }

  /** The generation's view of the attached devices; {@code names[i]} is port i's interface. */
  static Forwarding of(RuntimeConfig config, List<String> names, List<NetDevice> devices) {
    Port[] ports = new Port[devices.size()];
    int[] portOf = new int[config.interfaces().size()];
    java.util.Arrays.fill(portOf, -1);
    for (int number = 0; number < ports.length; number++) {
      String name = names.get(number);
      String unit = name.contains(".") ? name : name + ".0";
      NetDevice device = devices.get(number);
      FirewallInterface found = config.interfaceNamed(unit);
      List<IpPrefix> addresses = found == null ? List.of() : found.addresses();
      long ipv4 = 0;
      long ipv6Hi = 0;
      long ipv6Lo = 0;
      for (IpPrefix prefix : addresses) {
        IpAddress address = prefix.address();
        if (address.isIpv4() && ipv4 == 0) {
          ipv4 = address.lo();
        } else if (!address.isIpv4() && ipv6Hi == 0 && (address.hi() >>> 54) != (0xfe80L >>> 6)) {
          ipv6Hi = address.hi();
          ipv6Lo = address.lo();
        }
      }
      List<NatAddressRange> proxy = new ArrayList<>();
      if (found != null) {
        for (NatConfig.ProxyArpEntry entry : config.nat().proxyArp()) {
          if (entry.interfaceIndex() == found.index()) {
            proxy.add(entry.addresses());
          }
        }
        portOf[found.index()] = number;
      }
      ports[number] =
          new Port(
              number,
              name,
              unit,
              device,
              found == null ? -1 : found.index(),
              device.mac(),
              device.mtuBytes(),
              ipv4,
              ipv6Hi,
              ipv6Lo,
              0xfe80_0000_0000_0000L,
              linkLocalInterfaceId(device.mac()),
              List.copyOf(addresses),
              List.copyOf(proxy));
    }
    return new Forwarding(config, config.routingInstances().get(0), ports, portOf);
  }

  /** The modified EUI-64 interface identifier of a MAC (RFC 4291 appendix A). */
  static long linkLocalInterfaceId(long mac) {
    long upper = (mac >>> 24) & 0xff_ffffL;
    long lower = mac & 0xff_ffffL;
    return ((upper ^ 0x02_0000L) << 40) | (0xfffeL << 24) | lower;
  }

  /** The port a firewall interface leaves by, or -1. */
  int portOf(int interfaceIndex) {
    return interfaceIndex >= 0 && interfaceIndex < portOfInterface.length
        ? portOfInterface[interfaceIndex]
        : -1;
  }

  /** The route to an address in the master instance, or null. */
  Route route(long hi, long lo) {
    return master.lookup(hi, lo);
  }
}
