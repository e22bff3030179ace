package org.flowgate.dataplane.application;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code junos-*} applications every SRX carries in {@code groups junos-defaults}, with their
 * protocols and ports (reference §5). Internal ids are the SRX's where a real session showed them
 * ({@code junos-http/6}, {@code junos-telnet/10}, {@code junos-ssh/22}, {@code junos-syslog/23});
 * the others get ids from 64 up in this table's order. No verified source gives predefined
 * inactivity timeouts, so every one uses its protocol's default. The Sun RPC portmapper
 * applications (names as Batfish's {@code JunosApplication} has them, port 111 with application
 * protocol {@code rpc-portmap} or {@code sun-rpc}) come last so that the ids before them stay.
 */
public final class PredefinedApplications {
  private PredefinedApplications() {}

  /** name, terms (protocol/ports, comma-separated), application protocol (ALG) or '-'. */
  private static final String TABLE =
      """
      junos-ftp tcp/21 ftp
      junos-ftp-data tcp/20 -
      junos-tftp udp/69 tftp
      junos-twamp tcp/862 -
      junos-rtsp tcp/554 rtsp
      junos-netbios-session tcp/139 -
      junos-smb-session tcp/445 -
      junos-ssh tcp/22 -
      junos-telnet tcp/23 -
      junos-smtp tcp/25 -
      junos-smtps tcp/465 -
      junos-tacacs tcp/49 -
      junos-tacacs-ds tcp/65 -
      junos-dhcp-client udp/68 -
      junos-bootpc udp/68 -
      junos-dhcp-server udp/67 -
      junos-bootps udp/67 -
      junos-dhcp-relay udp/67 -
      junos-finger tcp/79 -
      junos-http tcp/80 -
      junos-https tcp/443 -
      junos-pop3 tcp/110 -
      junos-pop3s tcp/995 -
      junos-ident tcp/113 -
      junos-nntp tcp/119 -
      junos-ntp udp/123 -
      junos-imap tcp/143 -
      junos-imaps tcp/993 -
      junos-bgp tcp/179 -
      junos-ldap tcp/389 -
      junos-internet-locator-service tcp/389 -
      junos-snpp tcp/444 -
      junos-biff udp/512 -
      junos-who udp/513 -
      junos-syslog udp/514 -
      junos-printer tcp/515 -
      junos-lpr tcp/515 -
      junos-rip udp/520 -
      junos-radius udp/1812 -
      junos-radacct udp/1813 -
      junos-nfsd-tcp tcp/2049 -
      junos-nfsd-udp udp/2049 -
      junos-cvspserver tcp/2401 -
      junos-ldp-tcp tcp/646 -
      junos-ldp-udp udp/646 -
      junos-xnm-ssl tcp/3220 -
      junos-xnm-clear-text tcp/3221 -
      junos-ike udp/500 -
      junos-ike-nat udp/4500 -
      junos-aol tcp/5190-5193 -
      junos-chargen udp/19 -
      junos-discard udp/9 -
      junos-dns-udp udp/53 dns
      junos-dns-tcp tcp/53 dns
      junos-echo udp/7 -
      junos-gopher tcp/70 -
      junos-gtp udp/2123 gtp
      junos-gnutella udp/6346-6347 -
      junos-gre 47 -
      junos-http-ext tcp/7001 -
      junos-icmp-all icmp -
      junos-icmp-ping icmp:8 -
      junos-ping icmp -
      junos-pingv6 icmp6 -
      junos-icmp6-all icmp6 -
      junos-irc tcp/6660-6669 -
      junos-l2tp udp/1701 -
      junos-mail tcp/25 -
      junos-h323 tcp/1720,udp/1719,tcp/1503,tcp/389,tcp/522,tcp/1731 h323
      junos-mgcp-ua udp/2427 mgcp-ua
      junos-mgcp-ca udp/2727 mgcp-ca
      junos-msn tcp/1863 -
      junos-ms-rpc-tcp tcp/135 ms-rpc
      junos-ms-rpc-udp udp/135 ms-rpc
      junos-ms-sql tcp/1433 -
      junos-nbname udp/137 -
      junos-nbds udp/138 -
      junos-nfs udp/111 -
      junos-ospf 89 -
      junos-pc-anywhere udp/5632 -
      junos-pptp tcp/1723 pptp
      junos-realaudio tcp/554 -
      junos-sccp tcp/2000 sccp
      junos-sctp-any 132 -
      junos-sip udp/5060,tcp/5060 sip
      junos-rsh tcp/514 rsh
      junos-smb tcp/139,tcp/445 -
      junos-sql-monitor udp/1434 -
      junos-sqlnet-v1 tcp/1525 sqlnet
      junos-sqlnet-v2 tcp/1521 sqlnet
      junos-talk udp/517,tcp/517 talk
      junos-ntalk udp/518,tcp/518 talk
      junos-tcp-any tcp/1-65535 -
      junos-udp-any udp/1-65535 -
      junos-uucp udp/540 -
      junos-vdo-live udp/7000-7010 -
      junos-wais tcp/210 -
      junos-whois tcp/43 -
      junos-winframe tcp/1494 -
      junos-x-windows tcp/6000-6063 -
      junos-ymsg tcp/5000-5010,udp/5000-5010,tcp/5050 -
      junos-wxcontrol tcp/3578 -
      junos-snmp-agentx tcp/705 -
      junos-stun udp/3478-3479,tcp/3478-3479 -
      junos-rdp tcp/3389 -
      junos-vxlan udp/4789 -
      junos-vnc tcp/5800 -
      junos-sun-rpc-portmap-tcp tcp/111 rpc-portmap
      junos-sun-rpc-portmap-udp udp/111 rpc-portmap
      junos-sun-rpc-tcp tcp/111 sun-rpc
      junos-sun-rpc-udp udp/111 sun-rpc
      """;

  private static final Map<String, Integer> KNOWN_IDS =
      Map.of("junos-http", 6, "junos-telnet", 10, "junos-ssh", 22, "junos-syslog", 23);

  /** Predefined application sets and their members. */
  public static final Map<String, List<String>> SETS =
      Map.of(
          "junos-routing-inbound",
              List.of("junos-bgp", "junos-rip", "junos-ldp-tcp", "junos-ldp-udp"),
          "junos-cifs", List.of("junos-netbios-session", "junos-smb-session"),
          "junos-mgcp", List.of("junos-mgcp-ua", "junos-mgcp-ca"),
          "junos-ms-rpc", List.of("junos-ms-rpc-tcp", "junos-ms-rpc-udp"));

  private static final Map<String, Application> ALL = build();

  /** Every predefined application by name, in table order. */
  public static Map<String, Application> all() {
    return ALL;
  }

  private static Map<String, Application> build() {
    Map<String, Application> out = new LinkedHashMap<>();
    int nextId = 64;
    for (String line : TABLE.strip().split("\n")) {
      String[] parts = line.strip().split(" ");
      String name = parts[0];
      List<ApplicationTerm> terms = new ArrayList<>();
      for (String term : parts[1].split(",")) {
        terms.add(term(term));
      }
      Integer known = KNOWN_IDS.get(name);
      int id;
      if (known != null) {
        id = known;
      } else {
        while (KNOWN_IDS.containsValue(nextId)) {
          nextId++;
        }
        id = nextId++;
      }
      out.put(
          name,
          new Application(id, name, parts[2].equals("-") ? null : parts[2], List.copyOf(terms)));
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  private static ApplicationTerm term(String text) {
    if (text.startsWith("icmp6")) {
      return new ApplicationTerm(58, 0, 65535, 0, 65535, -1, -1, 0);
    }
    if (text.startsWith("icmp")) {
      int type = text.contains(":") ? Integer.parseInt(text.substring(text.indexOf(':') + 1)) : -1;
      return new ApplicationTerm(1, 0, 65535, 0, 65535, type, -1, 0);
    }
    int slash = text.indexOf('/');
    if (slash < 0) {
      return new ApplicationTerm(Integer.parseInt(text), 0, 65535, 0, 65535, -1, -1, 0);
    }
    int protocol = text.startsWith("tcp") ? 6 : 17;
    String ports = text.substring(slash + 1);
    int dash = ports.indexOf('-');
    int low = Integer.parseInt(dash < 0 ? ports : ports.substring(0, dash));
    int high = dash < 0 ? low : Integer.parseInt(ports.substring(dash + 1));
    return ApplicationTerm.ports(protocol, low, high);
  }
}
