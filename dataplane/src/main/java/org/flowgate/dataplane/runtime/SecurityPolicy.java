package org.flowgate.dataplane.runtime;

import java.util.List;

/**
 * One compiled security policy. Empty address lists match any address; a protocol of -1 any
 * protocol.
 *
 * @param id the policy id shown after the slash in {@code Policy name: p1/4}
 * @param fromZone zone index the first packet arrives from, -1 for any (global policies)
 * @param toZone zone index the first packet leaves to, -1 for any
 */
public record SecurityPolicy(
    long id,
    String name,
    int fromZone,
    int toZone,
    List<IpPrefix> sourceAddresses,
    List<IpPrefix> destinationAddresses,
    int protocol,
    PolicyAction action) {

  public boolean matches(
      int from, int to, long srcHi, long srcLo, long dstHi, long dstLo, int packetProtocol) {
    return (fromZone < 0 || fromZone == from)
        && (toZone < 0 || toZone == to)
        && (protocol < 0 || protocol == packetProtocol)
        && anyContains(sourceAddresses, srcHi, srcLo)
        && anyContains(destinationAddresses, dstHi, dstLo);
  }

  private static boolean anyContains(List<IpPrefix> prefixes, long hi, long lo) {
    if (prefixes.isEmpty()) {
      return true;
    }
    for (int i = 0; i < prefixes.size(); i++) {
      if (prefixes.get(i).contains(hi, lo)) {
        return true;
      }
    }
    return false;
  }
}
