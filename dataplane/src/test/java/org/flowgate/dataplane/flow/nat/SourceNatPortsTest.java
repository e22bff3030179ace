package org.flowgate.dataplane.flow.nat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.flowgate.dataplane.dispatch.NatOwnership;
import org.flowgate.dataplane.nat.NatAddressRange;
import org.flowgate.dataplane.nat.PortRange;
import org.flowgate.dataplane.nat.SourceNatPool;
import org.flowgate.dataplane.net.IpAddress;
import org.junit.jupiter.api.Test;

/** A pool's addresses and ports as SPUs hand them out and take them back. */
class SourceNatPortsTest {
  private static SourceNatPool pool(String low, String high, PortRange ports, boolean persistent) {
    return new SourceNatPool(
        1,
        "p",
        List.of(new NatAddressRange(IpAddress.parse(low), IpAddress.parse(high))),
        true,
        ports,
        SourceNatPool.Overflow.NONE,
        -1,
        persistent,
        0);
  }

  private static IpAddress inside(int n) {
    return IpAddress.parse("10.0." + (n / 250) + "." + (1 + n % 250));
  }

  @Test
  void spusShareAPoolWithoutEverHandingOutTheSamePair() {
    SourceNatPool pool = pool("198.18.0.1", "198.18.0.2", new PortRange(1024, 1123), false);
    int spus = 3;
    Set<String> pairs = new HashSet<>();
    long total = 0;
    for (int spu = 0; spu < spus; spu++) {
      SourceNatPorts ports = new SourceNatPorts(pool, new NatOwnership(spu, spus));
      for (int n = 0; ; n++) {
        IpAddress host = inside(n);
        long allocation = ports.allocate(host.hi(), host.lo(), 40_000 + n, true);
        if (allocation < 0) {
          break;
        }
        int port = (int) (allocation & 0xffff);
        int address = (int) (allocation >>> 16);
        assertThat(
                NatOwnership.ownerOf(
                    ports.addressHi(address), ports.addressLo(address), port, spus))
            .isEqualTo(spu);
        assertThat(pairs.add(address + "/" + port)).isTrue();
        total++;
      }
    }
    assertThat(total).as("every pair of the pool, split among the SPUs").isEqualTo(2 * 100);
  }

  @Test
  void aPersistentAddressStaysWithItsHostAndAReleasedPortComesBack() {
    SourceNatPorts ports =
        new SourceNatPorts(
            pool("198.18.0.1", "198.18.0.4", new PortRange(5000, 5001), true), NatOwnership.SINGLE);
    IpAddress host = inside(7);
    long first = ports.allocate(host.hi(), host.lo(), 1, true);
    long second = ports.allocate(host.hi(), host.lo(), 2, true);
    assertThat(first >>> 16).isEqualTo(second >>> 16);
    assertThat(ports.allocate(host.hi(), host.lo(), 3, true))
        .as("address-persistent: the host's address is full, and it gets no other")
        .isEqualTo(-1);
    ports.release(first, true);
    assertThat(ports.portsInUse()[(int) (first >>> 16)]).isEqualTo(1);
    assertThat(ports.allocate(host.hi(), host.lo(), 3, true)).isEqualTo(first);
  }
}
