package org.flowgate.dataplane.appid;

import java.util.List;
import java.util.Objects;
import org.flowgate.dataplane.net.IpProtocol;

/**
 * A custom application of {@code services application-identification application NAME}, as the
 * configuration compiler fills it in:
 *
 * <pre>
 * application NAME {
 *     address-mapping MAPPING {                         -&gt; {@link AddressMapping}
 *         destination { ip PREFIX; port-range { tcp [ P | P-Q ... ]; udp [ ... ]; } }
 *         source { ip PREFIX; }
 *     }
 *     over (HTTP | SSL | TCP | UDP) {                   -&gt; {@link Signature#over}
 *         signature SIGNATURE {                         -&gt; {@link Signature}
 *             member m01 { context CONTEXT; pattern "..."; direction DIRECTION; }
 *             port-range { tcp [ ... ]; udp [ ... ]; }
 *         }
 *     }
 *     cacheable;                                        -&gt; {@link #cacheable}
 * }
 * </pre>
 *
 * <p>How Flowgate applies them (docs/adr/0014): an address mapping names a session at its first
 * packet from its addresses and server port alone; a signature {@code over TCP} or {@code over UDP}
 * (context {@code stream}) names the session itself from the first payload bytes; a signature
 * {@code over HTTP} (contexts {@code http-header-host}, {@code http-url-parsed}) or {@code over
 * SSL} (context {@code ssl-server-name}) names a nested application of {@code junos:HTTP} or {@code
 * junos:SSL}. Every member of a signature must match. Custom signatures are tried before the
 * predefined ones. A session named by a custom application enters the application system cache only
 * when the application says {@code cacheable}.
 */
public record CustomApplication(
    String name,
    List<AddressMapping> addressMappings,
    List<Signature> signatures,
    boolean cacheable) {
  public CustomApplication {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || name.length() > 63) {
      throw new IllegalArgumentException("custom application name of 1 to 63 characters: " + name);
    }
    addressMappings = List.copyOf(addressMappings);
    signatures = List.copyOf(signatures);
  }

  /** What a signature runs over: {@code over HTTP | SSL | TCP | UDP}. */
  public enum Over {
    HTTP,
    SSL,
    TCP,
    UDP
  }

  /** Which bytes a member's pattern is matched against. */
  public enum Context {
    /** The HTTP request's Host header value, without a port. Anchored at both ends, any case. */
    HTTP_HEADER_HOST("http-header-host"),
    /** The HTTP request target as sent (path and query). Anchored at its start. */
    HTTP_URL_PARSED("http-url-parsed"),
    /** The TLS ClientHello server_name. Anchored at both ends, any case. */
    SSL_SERVER_NAME("ssl-server-name"),
    /**
     * The first bytes of the TCP stream or UDP datagram in the member's direction. Anchored at 0.
     */
    STREAM("stream");

    private final String junosName;

    Context(String junosName) {
      this.junosName = junosName;
    }

    public String junosName() {
      return junosName;
    }
  }

  /** {@code direction any | client-to-server | server-to-client}. */
  public enum Direction {
    ANY,
    CLIENT_TO_SERVER,
    SERVER_TO_CLIENT
  }

  /** A port or an inclusive port range of a {@code port-range} statement. */
  public record PortRange(int low, int high) {
    public PortRange {
      if (low < 0 || high > 65_535 || low > high) {
        throw new IllegalArgumentException("port range " + low + "-" + high);
      }
    }

    public boolean contains(int port) {
      return port >= low && port <= high;
    }

    static boolean anyContains(List<PortRange> ranges, int port) {
      for (PortRange range : ranges) {
        if (range.contains(port)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * {@code address-mapping NAME}: the session's server (destination) address in {@code
   * destination}, its client (source) address in {@code source} (null: any), and the server port in
   * the port ranges (both empty: any port of any protocol).
   */
  public record AddressMapping(
      String name,
      AddressPrefix destination,
      AddressPrefix source,
      List<PortRange> tcpPorts,
      List<PortRange> udpPorts) {
    public AddressMapping {
      tcpPorts = List.copyOf(tcpPorts);
      udpPorts = List.copyOf(udpPorts);
      if (destination == null && source == null) {
        throw new IllegalArgumentException("address-mapping " + name + " needs an address");
      }
    }

    /** True when a session of {@code protocol} between these endpoints is this mapping's. */
    public boolean matches(
        int protocol, long clientHi, long clientLo, long serverHi, long serverLo, int serverPort) {
      if (destination != null && !destination.contains(serverHi, serverLo)) {
        return false;
      }
      if (source != null && !source.contains(clientHi, clientLo)) {
        return false;
      }
      if (tcpPorts.isEmpty() && udpPorts.isEmpty()) {
        return true;
      }
      return switch (protocol) {
        case IpProtocol.TCP -> PortRange.anyContains(tcpPorts, serverPort);
        case IpProtocol.UDP -> PortRange.anyContains(udpPorts, serverPort);
        default -> false;
      };
    }
  }

  /** {@code over OVER signature NAME}: members, all of which must match, and its port ranges. */
  public record Signature(
      String name,
      Over over,
      List<Member> members,
      List<PortRange> tcpPorts,
      List<PortRange> udpPorts) {
    public Signature {
      members = List.copyOf(members);
      tcpPorts = List.copyOf(tcpPorts);
      udpPorts = List.copyOf(udpPorts);
      if (members.isEmpty()) {
        throw new IllegalArgumentException("signature " + name + " has no member");
      }
      for (Member member : members) {
        boolean fits =
            switch (over) {
              case HTTP ->
                  member.context() == Context.HTTP_HEADER_HOST
                      || member.context() == Context.HTTP_URL_PARSED;
              case SSL -> member.context() == Context.SSL_SERVER_NAME;
              case TCP, UDP -> member.context() == Context.STREAM;
            };
        if (!fits) {
          throw new IllegalArgumentException(
              "signature "
                  + name
                  + ": context "
                  + member.context().junosName()
                  + " does not apply over "
                  + over);
        }
      }
    }

    /** True when the server port is allowed (no port range: any port). */
    public boolean portAllowed(int protocol, int serverPort) {
      List<PortRange> ranges = protocol == IpProtocol.TCP ? tcpPorts : udpPorts;
      return ranges.isEmpty() || PortRange.anyContains(ranges, serverPort);
    }
  }

  /** {@code member NAME { context; pattern; direction; }}. */
  public record Member(String name, Context context, Direction direction, String pattern) {
    public Member {
      Objects.requireNonNull(context, "context");
      Objects.requireNonNull(direction, "direction");
      Objects.requireNonNull(pattern, "pattern");
    }
  }
}
