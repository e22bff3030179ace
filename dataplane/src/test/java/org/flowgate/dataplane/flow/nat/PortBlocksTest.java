package org.flowgate.dataplane.flow.nat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.flowgate.dataplane.dispatch.NatOwnership;
import org.flowgate.dataplane.nat.NatAddressRange;
import org.flowgate.dataplane.nat.PortBlockAllocation;
import org.flowgate.dataplane.nat.PortRange;
import org.flowgate.dataplane.nat.SourceNatPool;
import org.flowgate.dataplane.net.IpAddress;
import org.junit.jupiter.api.Test;

/**
 * Port block allocation on one SPU: a host's sessions fill its active block, then take a new one up
 * to the maximum; blocks go back when their last session ends; every block a host gets is on the
 * host's lane, so the dispatcher sends replies to any of its ports where the host is.
 */
class PortBlocksTest {
  private static final long SECOND = 1_000_000_000L;

  private static SourceNatPool pool(PortBlockAllocation blocks) {
    return new SourceNatPool(
        4,
        "pba",
        List.of(new NatAddressRange(IpAddress.parse("198.18.0.1"), IpAddress.parse("198.18.0.2"))),
        true,
        new PortRange(2048, 2048 + 64 * 64 - 1),
        SourceNatPool.Overflow.NONE,
        -1,
        false,
        0,
        null,
        blocks);
  }

  private record Event(boolean allocated, int lowPort, int used) {}

  private final List<Event> events = new ArrayList<>();

  private SourceNatPorts ports(PortBlockAllocation settings) {
    SourceNatPorts ports = new SourceNatPorts(pool(settings), NatOwnership.SINGLE, true);
    ports
        .blocks()
        .setEvents(
            (allocated, hostHi, hostLo, address, lowPort, used, nowNs) ->
                events.add(new Event(allocated, lowPort, used)));
    return ports;
  }

  private static final IpAddress HOST = IpAddress.parse("10.0.2.7");

  /** The host's lane: where the dispatcher places it (by its address alone). */
  private static int lane(IpAddress host) {
    return NatOwnership.laneOf(host.hi(), host.lo(), 0);
  }

  @Test
  void aHostFillsItsBlockThenTakesAnotherUpToItsMaximum() {
    SourceNatPorts ports = ports(new PortBlockAllocation(4, 2, 0, 0, 0, true));
    List<Long> taken = new ArrayList<>();
    for (int session = 0; session < 8; session++) {
      long allocation = ports.allocate(HOST.hi(), HOST.lo(), 40_000 + session, true, lane(HOST));
      assertThat(allocation).as("session %d", session).isNotNegative();
      taken.add(allocation);
    }
    assertThat(ports.allocate(HOST.hi(), HOST.lo(), 41_000, true, lane(HOST)))
        .as("two full blocks of four: the ninth session has no port")
        .isEqualTo(-1);
    int firstLow = (int) (taken.get(0) & 0xffff);
    int secondLow = (int) (taken.get(4) & 0xffff);
    for (int i = 0; i < 4; i++) {
      assertThat(taken.get(i) & 0xffff).isEqualTo(firstLow + i);
      assertThat(taken.get(4 + i) & 0xffff).isEqualTo(secondLow + i);
    }
    assertThat((firstLow - 2048) % 4).isZero();
    assertThat(events).containsExactly(new Event(true, firstLow, 1), new Event(true, secondLow, 2));
    for (long allocation : taken) {
      int address = (int) (allocation >>> 16);
      int blockLow = 2048 + ((int) (allocation & 0xffff) - 2048) / 4 * 4;
      assertThat(NatOwnership.laneOf(ports.addressHi(address), ports.addressLo(address), blockLow))
          .as("every block is on the host's lane")
          .isEqualTo(lane(HOST));
    }
  }

  @Test
  void aBlockGoesBackWhenItsLastSessionEndsAndTheActiveOneWithTheHostsLast() {
    SourceNatPorts ports = ports(new PortBlockAllocation(2, 4, 0, 0, 0, true));
    long a = ports.allocate(HOST.hi(), HOST.lo(), 1, true, lane(HOST));
    long b = ports.allocate(HOST.hi(), HOST.lo(), 2, true, lane(HOST));
    long c = ports.allocate(HOST.hi(), HOST.lo(), 3, true, lane(HOST)); // a second block
    assertThat(ports.blocks().blocksHeld()).isEqualTo(2);
    ports.release(a, true, 5 * SECOND);
    assertThat(ports.blocks().blocksHeld())
        .as("one port of the first block still held")
        .isEqualTo(2);
    ports.release(b, true, 6 * SECOND);
    assertThat(ports.blocks().blocksHeld())
        .as("the inactive first block is empty: back to the pool")
        .isEqualTo(1);
    ports.release(c, true, 7 * SECOND);
    assertThat(ports.blocks().blocksHeld())
        .as("the active block goes with the host's last session")
        .isZero();
    assertThat(ports.portsInUse()).containsOnly(0L);
    assertThat(events.stream().filter(e -> !e.allocated()).map(Event::used)).containsExactly(1, 0);
    // the freed block is the first on the host's lane again: the same ports come back
    assertThat(ports.allocate(HOST.hi(), HOST.lo(), 4, true, lane(HOST))).isEqualTo(a);
  }

  @Test
  void anActiveBlockOlderThanItsTimeoutGivesWayToANewOne() {
    SourceNatPorts ports = ports(new PortBlockAllocation(8, 3, 120, 0, 0, true));
    long first = ports.allocate(HOST.hi(), HOST.lo(), 1, true, lane(HOST), 0);
    long again = ports.allocate(HOST.hi(), HOST.lo(), 2, true, lane(HOST), 119 * SECOND);
    assertThat(again).isEqualTo(first + 1);
    assertThat(ports.blocks().held(119 * SECOND))
        .singleElement()
        .satisfies(h -> assertThat(h.leftSeconds()).isEqualTo(1));
    long later = ports.allocate(HOST.hi(), HOST.lo(), 3, true, lane(HOST), 120 * SECOND);
    assertThat((later & 0xffff) / 8).isNotEqualTo((first & 0xffff) / 8);
    assertThat(ports.blocks().held(120 * SECOND))
        .extracting(PortBlocks.Held::active)
        .containsExactlyInAnyOrder(false, true);
  }

  @Test
  void hostsOfOneLaneShareTheLanesBlocksAndAFullLaneRefuses() {
    SourceNatPorts ports = ports(new PortBlockAllocation(64, 1, 0, 0, 0, true));
    int lane = lane(HOST);
    int blocksOnLane = 0;
    for (int address = 0; address < 2; address++) {
      for (int block = 0; block < 64; block++) {
        if (NatOwnership.laneOf(
                ports.addressHi(address), ports.addressLo(address), 2048 + block * 64)
            == lane) {
          blocksOnLane++;
        }
      }
    }
    int granted = 0;
    for (int host = 0; host < 200; host++) {
      IpAddress h = IpAddress.parse("10.1." + (host / 250) + "." + (host % 250));
      if (ports.allocate(h.hi(), h.lo(), 1, true, lane) >= 0) {
        granted++;
      }
    }
    assertThat(granted)
        .as("one block a host, as many hosts as the lane has blocks")
        .isEqualTo(blocksOnLane);
  }

  @Test
  void anSpuThatDoesNotServeTheHostsLaneHandsOutNothing() {
    SourceNatPool pool = pool(new PortBlockAllocation(8, 2, 0, 0, 0, true));
    int lane = lane(HOST);
    SourceNatPorts other = new SourceNatPorts(pool, new NatOwnership((lane + 1) % 4, 4), true);
    SourceNatPorts owner = new SourceNatPorts(pool, new NatOwnership(lane % 4, 4), true);
    SourceNatPorts single = new SourceNatPorts(pool, NatOwnership.SINGLE, true);
    assertThat(other.allocate(HOST.hi(), HOST.lo(), 1, true, lane)).isEqualTo(-1);
    assertThat(owner.allocate(HOST.hi(), HOST.lo(), 1, true, lane))
        .as("the SPU serving the lane picks what one SPU picks")
        .isEqualTo(single.allocate(HOST.hi(), HOST.lo(), 1, true, lane));
  }
}
