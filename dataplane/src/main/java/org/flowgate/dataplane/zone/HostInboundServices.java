package org.flowgate.dataplane.zone;

import org.flowgate.dataplane.net.IpProtocol;

/**
 * What each {@code host-inbound-traffic} service and protocol name lets reach the firewall: the
 * well-known ports and protocol numbers of the service (IANA assignments).
 */
final class HostInboundServices {
  private HostInboundServices() {}

  static boolean matches(String service, int protocol, int port, int icmpType) {
    return switch (service) {
      case "ping" ->
          (protocol == IpProtocol.ICMP && icmpType == 8)
              || (protocol == IpProtocol.ICMPV6 && icmpType == 128);
      case "traceroute" ->
          protocol == IpProtocol.UDP && port >= 33434 && port <= 33534
              || protocol == IpProtocol.ICMP;
      case "ssh" -> tcp(protocol, port, 22);
      case "telnet" -> tcp(protocol, port, 23);
      case "ftp" -> tcp(protocol, port, 21);
      case "http" -> tcp(protocol, port, 80);
      case "https" -> tcp(protocol, port, 443);
      case "netconf" -> tcp(protocol, port, 830);
      case "xnm-clear-text" -> tcp(protocol, port, 3221);
      case "xnm-ssl" -> tcp(protocol, port, 3220);
      case "dns" -> (protocol == IpProtocol.TCP || protocol == IpProtocol.UDP) && port == 53;
      case "ntp" -> udp(protocol, port, 123);
      case "snmp" -> udp(protocol, port, 161);
      case "snmp-trap" -> udp(protocol, port, 162);
      case "syslog" -> udp(protocol, port, 514);
      case "tftp" -> udp(protocol, port, 69);
      case "dhcp", "bootp" -> udp(protocol, port, 67);
      case "dhcpv6" -> udp(protocol, port, 547);
      case "ike" -> udp(protocol, port, 500) || udp(protocol, port, 4500);
      case "radius" -> udp(protocol, port, 1812);
      default -> false;
    };
  }

  static boolean matchesProtocol(String name, int protocol, int port) {
    return switch (name) {
      case "bgp" -> tcp(protocol, port, 179);
      case "ospf", "ospf3" -> protocol == 89;
      case "rip" -> udp(protocol, port, 520);
      case "ripng" -> udp(protocol, port, 521);
      case "bfd" -> udp(protocol, port, 3784) || udp(protocol, port, 4784);
      case "vrrp" -> protocol == 112;
      case "pim" -> protocol == 103;
      case "igmp" -> protocol == 2;
      case "ldp" -> (protocol == IpProtocol.TCP || protocol == IpProtocol.UDP) && port == 646;
      case "rsvp" -> protocol == 46;
      default -> false;
    };
  }

  private static boolean tcp(int protocol, int port, int wanted) {
    return protocol == IpProtocol.TCP && port == wanted;
  }

  private static boolean udp(int protocol, int port, int wanted) {
    return protocol == IpProtocol.UDP && port == wanted;
  }
}
