package org.flowgate.server.corpus;

import org.flowgate.dataplane.net.IpAddress;

/**
 * A session key as tools/tshark-flows.py forms it: protocol and two endpoints, {@code a} being the
 * initiator (the sender of the first packet). ICMP echo uses the identifier as both ports, every
 * other ICMP message ports 0.
 */
record FlowKey(int protocol, Endpoint a, Endpoint b) {

  record Endpoint(IpAddress address, int port) implements Comparable<Endpoint> {
    @Override
    public int compareTo(Endpoint other) {
      int c = address.compareTo(other.address);
      return c != 0 ? c : Integer.compare(port, other.port);
    }

    @Override
    public String toString() {
      return address + " " + port;
    }
  }

  /** The same key with the endpoints in a fixed order, for lookups that ignore direction. */
  FlowKey unordered() {
    return a.compareTo(b) <= 0 ? this : new FlowKey(protocol, b, a);
  }

  boolean isIcmp() {
    return protocol == 1 || protocol == 58;
  }

  /** {@code proto a aport b bport}, addresses in Junos (RFC 5952) form. */
  @Override
  public String toString() {
    return protocol + " " + a + " " + b;
  }
}
