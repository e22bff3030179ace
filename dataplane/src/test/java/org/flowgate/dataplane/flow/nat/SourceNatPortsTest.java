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
        int lane = (n % 2 == 0 ? spu : spu + 1) % spus; // its own lane, then one it does not serve
        long allocation = ports.allocate(host.hi(), host.lo(), 40_000 + n, true, lane);
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
    long first = ports.allocate(host.hi(), host.lo(), 1, true, 0);
    long second = ports.allocate(host.hi(), host.lo(), 2, true, 0);
    assertThat(first >>> 16).isEqualTo(second >>> 16);
    assertThat(ports.allocate(host.hi(), host.lo(), 3, true, 0))
        .as("address-persistent: the host's address is full, and it gets no other")
        .isEqualTo(-1);
    ports.release(first, true);
    assertThat(ports.portsInUse()[(int) (first >>> 16)]).isEqualTo(1);
    assertThat(ports.allocate(host.hi(), host.lo(), 3, true, 0)).isEqualTo(first);
  }

  @Test
  void aFlowGetsTheSamePairWhateverTheSpuCount() {
    SourceNatPool pool = pool("198.18.0.1", "198.18.0.2", new PortRange(1024, 65535), false);
    List<Long> alone = new java.util.ArrayList<>();
    SourceNatPorts single = new SourceNatPorts(pool, NatOwnership.SINGLE);
    int spus = 4;
    SourceNatPorts[] shared = new SourceNatPorts[spus];
    for (int spu = 0; spu < spus; spu++) {
      shared[spu] = new SourceNatPorts(pool, new NatOwnership(spu, spus));
    }
    for (int n = 0; n < 2_000; n++) {
      IpAddress host = inside(n % 40);
      int lane = (n * 37) % NatOwnership.LANES;
      long one = single.allocate(host.hi(), host.lo(), 40_000 + n, true, lane);
      long four =
          shared[NatOwnership.spuOfLane(lane, spus)].allocate(
              host.hi(), host.lo(), 40_000 + n, true, lane);
      assertThat(four).as("flow %d on lane %d", n, lane).isEqualTo(one);
      assertThat(
              NatOwnership.laneOf(
                  single.addressHi((int) (one >>> 16)),
                  single.addressLo((int) (one >>> 16)),
                  (int) (one & 0xffff)))
          .as("the reply to the pair falls on the flow's lane")
          .isEqualTo(lane);
      alone.add(one);
    }
    assertThat(new HashSet<>(alone)).hasSize(alone.size());
  }

  @Test
  void aLaneWithNoFreePortFallsBackToAnyPortTheSpuOwnsAndRecoversOnRelease() {
    SourceNatPool pool = pool("198.18.0.1", "198.18.0.1", new PortRange(2000, 2255), true);
    SourceNatPorts ports = new SourceNatPorts(pool, NatOwnership.SINGLE);
    IpAddress host = inside(1);
    int lane = NatOwnership.laneOf(ports.addressHi(0), ports.addressLo(0), 2000);
    List<Long> onLane = new java.util.ArrayList<>();
    for (int port = 2000; port <= 2255; port++) {
      if (NatOwnership.laneOf(ports.addressHi(0), ports.addressLo(0), port) == lane) {
        onLane.add(ports.allocate(host.hi(), host.lo(), port, true, lane));
      }
    }
    assertThat(onLane).allSatisfy(a -> assertThat(a).isNotNegative());
    long spill = ports.allocate(host.hi(), host.lo(), 1, true, lane);
    assertThat(spill).as("the lane is full: another port of the address").isNotNegative();
    assertThat(NatOwnership.laneOf(ports.addressHi(0), ports.addressLo(0), (int) (spill & 0xffff)))
        .isNotEqualTo(lane);
    ports.release(onLane.getFirst(), true);
    assertThat(ports.allocate(host.hi(), host.lo(), 2, true, lane))
        .as("a port given back on the lane is the lane's again")
        .isEqualTo(onLane.getFirst());
  }
}
