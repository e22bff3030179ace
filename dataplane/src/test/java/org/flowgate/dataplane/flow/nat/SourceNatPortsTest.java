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

  @org.junit.jupiter.params.ParameterizedTest(name = "port randomization {0}")
  @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
  void spusShareAPoolWithoutEverHandingOutTheSamePair(boolean randomized) {
    SourceNatPool pool = pool("198.18.0.1", "198.18.0.2", new PortRange(1024, 1123), false);
    int spus = 3;
    Set<String> pairs = new HashSet<>();
    long total = 0;
    for (int spu = 0; spu < spus; spu++) {
      SourceNatPorts ports = new SourceNatPorts(pool, new NatOwnership(spu, spus), randomized);
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

  private static final int LANE = 37;

  /** The first eight ports one SPU of {@code spus} hands out to flows of {@link #LANE}. */
  private static int[] firstPorts(SourceNatPool pool, int spus, boolean randomized) {
    SourceNatPorts ports =
        new SourceNatPorts(
            pool, new NatOwnership(NatOwnership.spuOfLane(LANE, spus), spus), randomized);
    IpAddress host = inside(3);
    int[] taken = new int[8];
    for (int i = 0; i < taken.length; i++) {
      taken[i] = (int) (ports.allocate(host.hi(), host.lo(), 40_000 + i, true, LANE) & 0xffff);
    }
    return taken;
  }

  /** The ports of an address on {@link #LANE}, in port order. */
  private static List<Integer> portsOfLane(SourceNatPool pool, IpAddress address) {
    List<Integer> onLane = new java.util.ArrayList<>();
    for (int port = pool.ports().low(); port <= pool.ports().high(); port++) {
      if (NatOwnership.laneOf(address.hi(), address.lo(), port) == LANE) {
        onLane.add(port);
      }
    }
    return onLane;
  }

  @Test
  void withPortRandomizationEachPortIsTheFirstOfItsLaneAtOrAfterTheLanesNextDraw() {
    SourceNatPool pool = pool("198.18.0.1", "198.18.0.1", SourceNatPool.DEFAULT_PORTS, false);
    IpAddress address = IpAddress.parse("198.18.0.1");
    int[] first = firstPorts(pool, 1, true);

    PortDraws draws = PortDraws.of(PortDraws.poolSeed(pool), address.hi(), address.lo());
    int size = pool.ports().size();
    Set<Integer> taken = new HashSet<>();
    int[] expected = new int[first.length];
    for (int i = 0; i < expected.length; i++) {
      int bit = draws.nextStart(LANE, size);
      while (taken.contains(pool.ports().low() + bit)
          || NatOwnership.laneOf(address.hi(), address.lo(), pool.ports().low() + bit) != LANE) {
        bit = (bit + 1) % size;
      }
      expected[i] = pool.ports().low() + bit;
      taken.add(expected[i]);
    }
    assertThat(first).containsExactly(expected);
    assertThat(portsOfLane(pool, address))
        .as("every port on the flows' lane")
        .contains(java.util.Arrays.stream(first).boxed().toArray(Integer[]::new));
    assertThat(first).as("drawn, not in order").isNotEqualTo(firstPorts(pool, 1, false));
    assertThat(firstPorts(pool, 1, true))
        .as("the same configuration draws the same ports")
        .containsExactly(first);
    assertThat(firstPorts(pool, 4, true))
        .as("the SPU that serves the lane draws the same ports whatever the SPU count")
        .containsExactly(first);
    SourceNatPool renamed =
        new SourceNatPool(
            1,
            "q",
            pool.addresses(),
            true,
            pool.ports(),
            SourceNatPool.Overflow.NONE,
            -1,
            false,
            0);
    assertThat(firstPorts(renamed, 1, true)).as("another pool draws others").isNotEqualTo(first);
  }

  @Test
  void withoutPortRandomizationPortsComeInOrderOnTheLane() {
    SourceNatPool pool = pool("198.18.0.1", "198.18.0.1", SourceNatPool.DEFAULT_PORTS, false);
    List<Integer> inOrder = portsOfLane(pool, IpAddress.parse("198.18.0.1")).subList(0, 8);
    assertThat(firstPorts(pool, 1, false))
        .containsExactly(inOrder.stream().mapToInt(Integer::intValue).toArray());
    assertThat(firstPorts(pool, 3, false))
        .containsExactly(inOrder.stream().mapToInt(Integer::intValue).toArray());
  }

  @Test
  void aRandomizedLaneHandsOutEachOfItsPortsOnceThenFallsBackAndRecoversOnRelease() {
    SourceNatPool pool = pool("198.18.0.1", "198.18.0.1", new PortRange(2000, 2511), false);
    IpAddress address = IpAddress.parse("198.18.0.1");
    List<Integer> lanePorts = portsOfLane(pool, address);
    SourceNatPorts ports = new SourceNatPorts(pool, NatOwnership.SINGLE, true);
    IpAddress host = inside(1);
    List<Long> allocations = new java.util.ArrayList<>();
    for (int i = 0; i < lanePorts.size(); i++) {
      allocations.add(ports.allocate(host.hi(), host.lo(), 1000 + i, true, LANE));
    }
    assertThat(allocations.stream().map(a -> (int) (a & 0xffff)).toList())
        .containsExactlyInAnyOrderElementsOf(lanePorts);
    long spill = ports.allocate(host.hi(), host.lo(), 1, true, LANE);
    assertThat(spill).as("the lane is full: another port of the address").isNotNegative();
    assertThat(lanePorts).doesNotContain((int) (spill & 0xffff));
    ports.release(allocations.get(2), true);
    assertThat(ports.allocate(host.hi(), host.lo(), 2, true, LANE))
        .as("the one port given back on the lane is the lane's next draw whatever it was")
        .isEqualTo(allocations.get(2));
  }

  @Test
  void portPairsComeFromTheTwinPortsAndSinglePortsNeverDo() {
    SourceNatPool pool =
        new SourceNatPool(
            4,
            "twins",
            List.of(
                new NatAddressRange(IpAddress.parse("198.18.0.1"), IpAddress.parse("198.18.0.1"))),
            true,
            new PortRange(1024, 1029),
            SourceNatPool.Overflow.NONE,
            -1,
            false,
            0,
            new PortRange(64000, 64003));
    SourceNatPorts ports = new SourceNatPorts(pool, NatOwnership.SINGLE, true);
    IpAddress address = IpAddress.parse("198.18.0.1");
    int lane = NatOwnership.laneOf(address.hi(), address.lo(), 64000);
    int even = ports.allocateOn(0, 7000, true, lane);
    assertThat(even).isEqualTo(64000);
    assertThat(ports.allocateOn(0, 7002, true, lane))
        .as("the next pair: on the lane, or else any pair this SPU owns")
        .isEqualTo(64002);
    assertThat(ports.allocateOn(0, 7004, true, lane))
        .as("four twin ports: two pairs")
        .isEqualTo(-1);
    assertThat(ports.twinPortsInUse()).containsExactly(4L);
    assertThat(ports.portsInUse()).containsExactly(0L);
    IpAddress host = inside(1);
    for (int i = 0; i < 6; i++) {
      long single = ports.allocate(host.hi(), host.lo(), 40_000 + i, true, lane);
      assertThat(single & 0xffff).isBetween(1024L, 1029L);
    }
    assertThat(ports.allocate(host.hi(), host.lo(), 41_000, true, lane)).isEqualTo(-1);
    ports.release(64000, true);
    ports.release(64001, true);
    assertThat(ports.twinPortsInUse()).containsExactly(2L);
    assertThat(ports.allocateOn(0, 7004, true, lane)).isEqualTo(64000);
  }
}
