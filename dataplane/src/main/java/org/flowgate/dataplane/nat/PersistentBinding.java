package org.flowgate.dataplane.nat;

import org.flowgate.dataplane.net.IpAddress;

/**
 * A copy of one persistent NAT binding, for {@code show security nat source persistent-nat-table}.
 *
 * @param spu the SPU that holds it
 * @param internalPort the internal host's port (its ICMP identifier for echo)
 * @param protocol IP protocol number
 * @param rule index into {@link NatConfig#sourceRules()}
 * @param pool index into {@link NatConfig#sourcePools()}, -1 for interface NAT
 * @param sessions sessions using it now
 * @param leftSeconds seconds until it goes, -1 while sessions use it ({@code -} of {@code
 *     Left_time})
 */
public record PersistentBinding(
    int spu,
    long internalHi,
    long internalLo,
    int internalPort,
    int protocol,
    long reflexiveHi,
    long reflexiveLo,
    int reflexivePort,
    int rule,
    int pool,
    int sessions,
    long leftSeconds) {

  public IpAddress internal() {
    return new IpAddress(internalHi, internalLo);
  }

  public IpAddress reflexive() {
    return new IpAddress(reflexiveHi, reflexiveLo);
  }
}
